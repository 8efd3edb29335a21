// A timeline as one line of block characters, for terminals.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

#include "searcher/analysis/timeline.hpp"

namespace herald {

// "▁▃█▅" : one block per value, its height relative to the largest; zero is
// a space so empty periods stand out.
std::string sparkline(const std::vector<double>& values);

// The timeline's counts as a sparkline of at most `width` blocks: when it
// has more periods, each block sums several neighbouring ones.
struct TimelineSparkline {
    std::string line;
    std::size_t periods_per_block = 1;
};
TimelineSparkline timeline_sparkline(const Timeline& timeline, std::size_t width);

}  // namespace herald
