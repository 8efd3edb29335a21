// Search results as text for a person at a terminal (or a pipe).
#pragma once

#include <iosfwd>

#include "searcher/match/searcher.hpp"

namespace herald {

// `ansi` turns on bold titles and highlighted matches (for terminals).
void print_human(std::ostream& out, const SearchResults& results, bool ansi);

}  // namespace herald
