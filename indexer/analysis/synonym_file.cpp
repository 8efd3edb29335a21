#include "indexer/analysis/synonym_file.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "common/text.hpp"

namespace herald {
namespace {

// "U.S." is indexed as "us" (Xapian drops acronym dots); fold the same way.
std::string normalise_member(std::string_view member) {
    std::string folded = fold_keyword(member);
    std::string out;
    for (char c : folded) {
        if (c != '.') out.push_back(c);
    }
    return collapse_whitespace(out);
}

}  // namespace

std::vector<SynonymGroup> read_synonyms(std::istream& input, const std::string& name) {
    std::vector<SynonymGroup> groups;
    std::string line;
    std::size_t line_number = 0;
    while (std::getline(input, line)) {
        ++line_number;
        line = line.substr(0, line.find('#'));
        SynonymGroup group;
        std::size_t start = 0;
        while (start <= line.size()) {
            const std::size_t end = line.find_first_of("=,", start);
            const std::string member =
                normalise_member(std::string_view(line).substr(start, end == std::string::npos ? end : end - start));
            if (!member.empty()) group.push_back(member);
            if (end == std::string::npos) break;
            start = end + 1;
        }
        if (group.empty()) continue;
        if (group.size() < 2) {
            throw std::runtime_error(
                fmt::format("{}:{}: a synonym group needs at least two members", name, line_number));
        }
        groups.push_back(std::move(group));
    }
    return groups;
}

void store_synonyms(Xapian::WritableDatabase& database, const std::vector<SynonymGroup>& groups) {
    for (const auto& group : groups) {
        for (const auto& key : group) {
            for (const auto& synonym : group) {
                if (synonym != key) database.add_synonym(key, synonym);
            }
        }
    }
}

}  // namespace herald
