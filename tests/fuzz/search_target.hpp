// What the search-side targets share: the fuzz database opened once, a query
// builder over it set up as the searcher sets one up, and input split in lines.
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "common/database.hpp"
#include "searcher/query/query_builder.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace herald::fuzz {

inline const Xapian::Database& opened_fuzz_database() {
    static const Xapian::Database database = open_database({fuzz_database().string()});
    return database;
}

// English queries, stemmed in the archive's other languages too, with the
// database's synonyms and its `bias` keyword field.
inline QueryBuilder& fuzz_query_builder() {
    static QueryBuilder builder(opened_fuzz_database(), make_stemmer("english"),
                                std::make_shared<const SynonymTable>(opened_fuzz_database()),
                                {make_stemmer("russian"), make_stemmer("german"), make_stemmer("polish")}, {"bias"});
    return builder;
}

// The text up to the first line break, and the rest after it.
inline std::pair<std::string_view, std::string_view> first_line(std::string_view text) {
    const auto end = text.find('\n');
    if (end == std::string_view::npos) return {text, {}};
    return {text.substr(0, end), text.substr(end + 1)};
}

}  // namespace herald::fuzz
