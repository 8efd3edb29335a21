// Keyword fields (schema.hpp): the names a dataset gives them, their values
// in the keywords value slot, and the names a database records.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>

namespace herald {

// Why `name` cannot be a keyword field's name, or nullopt when it can.
std::optional<std::string> keyword_name_problem(std::string_view name);

// The slot value of an article's keywords, and back; "" for none.
std::string keyword_slot_value(const std::map<std::string, std::string>& keywords);
// The value of keyword `name` in a slot value, or nullopt.
std::optional<std::string> keyword_from_slot_value(std::string_view slot_value, std::string_view name);

// The names recorded in a database's kKeywordNamesKey metadata, and back.
std::set<std::string> parse_keyword_names(std::string_view metadata);
// parse_keyword_names() for a database about to be searched: throws
// std::runtime_error naming `label` and the name when one is not a valid
// keyword name (recorded before the name was reserved), which the query
// parser could not register.
std::set<std::string> checked_keyword_names(std::string_view metadata, std::string_view label);
std::string keyword_names_metadata(const std::set<std::string>& names);

}  // namespace herald
