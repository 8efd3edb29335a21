#include "searcher/query/archive_languages.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include "common/language.hpp"
#include "common/schema.hpp"

namespace herald {

namespace {

Xapian::doccount enough_language_articles(const Xapian::Database& database) {
    const auto share = static_cast<Xapian::doccount>(std::ceil(kMinLanguageShare * database.get_doccount()));
    return std::min(kEnoughLanguageArticles, std::max<Xapian::doccount>(share, 1));
}

}  // namespace

std::vector<std::string> archive_stemmer_names(const Xapian::Database& database) {
    const std::string prefix(schema::kLanguagePrefix);
    std::set<std::string> names;
    const Xapian::doccount enough = enough_language_articles(database);
    for (auto term = database.allterms_begin(prefix); term != database.allterms_end(prefix); ++term) {
        if (term.get_termfreq() < enough) continue;
        const auto language = resolve_language((*term).substr(prefix.size()));
        if (!language) continue;
        for (auto& name : language_stemmer_names(*language)) names.insert(std::move(name));
    }
    return {names.begin(), names.end()};
}

std::vector<std::string> archive_language_codes(const Xapian::Database& database) {
    const std::string prefix(schema::kLanguagePrefix);
    const Xapian::doccount enough = enough_language_articles(database);
    std::vector<std::string> codes;
    for (auto term = database.allterms_begin(prefix); term != database.allterms_end(prefix); ++term) {
        if (term.get_termfreq() >= enough) codes.push_back((*term).substr(prefix.size()));
    }
    return codes;
}

bool archive_writes_cyrillic(const Xapian::Database& database) {
    for (const char* code : {"ru", "uk", "be", "bg", "mk", "sr"}) {
        if (database.term_exists(std::string(schema::kLanguagePrefix) + code)) return true;
    }
    return false;
}

std::vector<std::string> language_stemmer_names(const Language& language) {
    std::vector<std::string> names;
    if (!language.stemmer.empty()) names.push_back(language.stemmer);
    if (!language.dictionary.empty()) names.emplace_back(kBaseFormStemmer);
    return names;
}

const Xapian::Stem& thread_stemmer(const std::string& snowball_name) {
    thread_local std::map<std::string, Xapian::Stem> stemmers;
    auto found = stemmers.find(snowball_name);
    if (found == stemmers.end()) found = stemmers.emplace(snowball_name, make_stemmer(snowball_name)).first;
    return found->second;
}

}  // namespace herald
