#include "common/keyword_fields.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <stdexcept>

#include "common/schema.hpp"
#include "common/slot_lists.hpp"

namespace herald {

std::optional<std::string> keyword_name_problem(std::string_view name) {
    if (name.empty()) return std::string("a keyword field needs a name");
    if (name.size() > schema::kMaxKeywordNameLength) {
        return fmt::format("keyword field '{}' has a name longer than {} characters", name,
                           schema::kMaxKeywordNameLength);
    }
    const bool well_formed =
        name.front() >= 'a' && name.front() <= 'z' && std::all_of(name.begin(), name.end(), [](char c) {
            return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
        });
    if (!well_formed) {
        return fmt::format("keyword field '{}': names are lower-case letters, digits and '_', starting with a letter",
                           name);
    }
    if (std::find(schema::kReservedFieldNames.begin(), schema::kReservedFieldNames.end(), name) !=
        schema::kReservedFieldNames.end()) {
        return fmt::format("keyword field '{}': the name is one of Herald's own fields", name);
    }
    return std::nullopt;
}

std::string keyword_slot_value(const std::map<std::string, std::string>& keywords) {
    std::string value;
    for (const auto& [name, text] : keywords) {
        check_slot_item(text);  // names are checked by keyword_name_problem
        if (!value.empty()) value += schema::kListSeparator;
        value.append(name).append(1, schema::kKeywordNameEnd).append(text);
    }
    return value;
}

std::optional<std::string> keyword_from_slot_value(std::string_view slot_value, std::string_view name) {
    for (const std::string_view item : list_slot_items(slot_value)) {
        const std::size_t name_end = item.find(schema::kKeywordNameEnd);
        if (name_end != std::string_view::npos && item.substr(0, name_end) == name) {
            return std::string(item.substr(name_end + 1));
        }
    }
    return std::nullopt;
}

std::set<std::string> parse_keyword_names(std::string_view metadata) {
    std::set<std::string> names;
    while (!metadata.empty()) {
        const std::size_t comma = std::min(metadata.find(','), metadata.size());
        if (comma > 0) names.emplace(metadata.substr(0, comma));
        metadata.remove_prefix(std::min(comma + 1, metadata.size()));
    }
    return names;
}

std::set<std::string> checked_keyword_names(std::string_view metadata, std::string_view label) {
    std::set<std::string> names = parse_keyword_names(metadata);
    for (const auto& name : names) {
        if (const auto problem = keyword_name_problem(name)) {
            throw std::runtime_error(fmt::format(
                "{} records a keyword field Herald cannot search ({}; metadata {}): re-index into a new database "
                "with the field renamed (herald-indexer --keyword NAME --field NAME={})",
                label, *problem, schema::kKeywordNamesKey, name));
        }
    }
    return names;
}

std::string keyword_names_metadata(const std::set<std::string>& names) {
    return fmt::format("{}", fmt::join(names, ","));
}

}  // namespace herald
