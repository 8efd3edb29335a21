// Search results as text for a person at a terminal (or a pipe).
#pragma once

#include <iosfwd>

#include "searcher/match/searcher.hpp"

namespace herald {

// `ansi` turns on bold titles and highlighted matches (for terminals).
void print_human(std::ostream& out, const SearchResults& results, bool ansi);

// A timeline as a sparkline with its first, last and busiest periods.
void print_timeline(std::ostream& out, const Timeline& timeline, bool ansi);

}  // namespace herald
