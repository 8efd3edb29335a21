#!/usr/bin/env bash
# Installs every Debian package Herald needs to build, test and benchmark.
# Safe to re-run; uses sudo only when not already root.
set -euo pipefail

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi

PACKAGES=(
  build-essential cmake pkg-config
  help2man groff-base             # man pages from each program's --help, checked with groff
  dpkg-dev file lintian           # the .deb: dpkg-shlibdeps computes Depends; lintian checks it
  systemd                         # systemd-analyze rates the hardening of the shipped units (install test)
  libxapian-dev xapian-tools      # search library; quest/xapian-check for tests and bench
  xapian-omega                    # scriptindex: the peer the benchmarks compare against
  libstemmer-dev                  # Snowball stemmers
  libcld2-dev                     # language detection for articles that name no language (CLD2)
  libicu-dev                      # transliteration between Latin and Cyrillic: query words, name keys (ICU)
  libhunspell-dev                 # dictionary base forms of Slavic words (Hunspell), and the dictionaries:
  hunspell-pl hunspell-cs hunspell-sk hunspell-sl hunspell-bg hunspell-uk hunspell-hr
  libfmt-dev                      # formatting
  catch2                          # unit tests (v2.13)
  clang libclang-rt-14-dev        # fuzzing: libFuzzer with ASan+UBSan comes with clang only (scripts/fuzz.sh)
  libcli11-dev                    # command-line parsing
  nlohmann-json3-dev              # JSON reading and writing
  libsimdjson-dev                 # fast path for JSON Lines records (SIMD parsing and UTF-8 validation)
  libutf8proc-dev                 # Unicode normalisation and case/accent folding
  libzstd-dev                     # .zst inputs read directly
  zlib1g-dev                      # .gz inputs read directly
  libcsv-dev                      # CSV/TSV inputs
  libfcgi-dev                     # FastCGI protocol for the web endpoint (herald-searcher --fastcgi)
  liburiparser-dev                # URL query string decoding and encoding for the web endpoint
  nginx-light                     # the web server the endpoint's integration test runs behind
  strace                          # the web deploy test lists the system calls the searcher makes
  zstd python3                    # decompress shared corpora; corpus converters and bench harness
  wrk fcgiwrap hyperfine          # benchmarks: HTTP load, Omega's CGI behind nginx, one-shot command timing
  gnuplot-nox                     # benchmarks: the growth plots of bench/scale.py
  chromium                        # the HTML page's charts tested in a real browser (headless), and its screenshot
)

export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${PACKAGES[@]}" >/dev/null
# The install test unpacks Herald's .deb beside Debian's sphinxsearch (which
# ships /usr/bin/indexer) into a scratch root: it needs the package file only,
# kept where apt's cache cleaning does not reach.
PEER_DEBS=/var/cache/herald-test-debs
if ! ls "$PEER_DEBS"/sphinxsearch_*.deb >/dev/null 2>&1; then
  $SUDO mkdir -p "$PEER_DEBS"
  (cd "$PEER_DEBS" && $SUDO apt-get download -qq sphinxsearch 2>/dev/null)
fi
echo "install-deps: ok"
