# The Debian package: `cpack -G DEB` in the build directory installs into a
# staging tree with prefix /usr and packs it. Depends come from
# dpkg-shlibdeps over the binaries, so they follow what they actually link.
set(CPACK_GENERATOR DEB)
set(CPACK_PACKAGE_NAME herald)
set(CPACK_PACKAGE_VENDOR "The Herald developers")
set(CPACK_PACKAGE_CONTACT "Herald maintainers <maintainers@users.noreply.r-seed-9ff2e2f2.example>")
set(CPACK_PACKAGE_DESCRIPTION_SUMMARY "full-text search engine for political news archives")
# Extended description lines stay under 80 columns (Debian policy 3.4.1).
set(CPACK_PACKAGE_DESCRIPTION
    "Herald indexes news articles (plain text, JSON Lines, CSV; compressed or
not) into a Xapian database, with stemming in each article's language,
accent folding, phrases and field boosts, and searches it from the command
line or as a FastCGI web endpoint behind nginx: a JSON API, an HTML page,
Atom feeds and CSV or JSON Lines export.
.
For researchers and journalists it counts attention over time, compares
queries, lists the most significant terms, and counts matches by outlet,
author, tag, language and custom fields. Shards are searched together
through Xapian's remote backend (xapian-tcpsrv).")
set(CPACK_DEBIAN_FILE_NAME DEB-DEFAULT)
set(CPACK_DEBIAN_PACKAGE_SECTION text)
set(CPACK_DEBIAN_PACKAGE_PRIORITY optional)
set(CPACK_DEBIAN_PACKAGE_SHLIBDEPS ON)
# xapian-tcpsrv serves shards (herald-serve-shard); the Hunspell dictionaries
# give Slavic base forms; nginx fronts the web endpoint.
set(CPACK_DEBIAN_PACKAGE_RECOMMENDS "xapian-tools")
set(CPACK_DEBIAN_PACKAGE_SUGGESTS
    "nginx | httpd, hunspell-bg, hunspell-cs, hunspell-hr, hunspell-pl, hunspell-sk, hunspell-sl, hunspell-uk")
set(CPACK_STRIP_FILES ON)
set(CPACK_DEBIAN_PACKAGE_CONTROL_STRICT_PERMISSION ON)
set(CPACK_INSTALL_DEFAULT_DIRECTORY_PERMISSIONS
    OWNER_READ OWNER_WRITE OWNER_EXECUTE GROUP_READ GROUP_EXECUTE WORLD_READ WORLD_EXECUTE)

# Debian wants a copyright file and a changelog beside the documentation.
# The entry is dated when the build is configured (SOURCE_DATE_EPOCH, when
# set, fixes it for reproducible packages).
string(TIMESTAMP HERALD_CHANGELOG_DATE "%a, %d %b %Y %H:%M:%S +0000" UTC)
configure_file(debian/changelog.in ${CMAKE_CURRENT_BINARY_DIR}/changelog @ONLY)
add_custom_command(
  OUTPUT ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz
  COMMAND gzip -9 --no-name --keep --force ${CMAKE_CURRENT_BINARY_DIR}/changelog
  DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/changelog
  VERBATIM)
add_custom_target(debian_changelog ALL DEPENDS ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/changelog.gz debian/copyright DESTINATION ${CMAKE_INSTALL_DOCDIR})

include(CPack)
