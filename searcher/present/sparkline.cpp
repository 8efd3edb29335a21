#include "searcher/present/sparkline.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace herald {

std::string sparkline(const std::vector<double>& values) {
    static constexpr std::array<std::string_view, 8> kBlocks{"▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"};
    const double largest = values.empty() ? 0.0 : *std::max_element(values.begin(), values.end());
    std::string line;
    for (const double value : values) {
        if (!(value > 0) || !(largest > 0)) {
            line += ' ';
            continue;
        }
        // The smallest non-zero value still shows as the lowest block.
        const auto level = static_cast<std::size_t>(std::ceil(value / largest * kBlocks.size())) - 1;
        line += kBlocks[std::min(level, kBlocks.size() - 1)];
    }
    return line;
}

TimelineSparkline timeline_sparkline(const Timeline& timeline, std::size_t width) {
    TimelineSparkline result;
    const std::size_t periods = timeline.buckets.size();
    if (width == 0) width = 1;
    result.periods_per_block = std::max<std::size_t>(1, (periods + width - 1) / width);
    std::vector<double> values;
    for (std::size_t start = 0; start < periods; start += result.periods_per_block) {
        double sum = 0;
        for (std::size_t i = start; i < std::min(periods, start + result.periods_per_block); ++i)
            sum += timeline.buckets[i].count;
        values.push_back(sum);
    }
    result.line = sparkline(values);
    return result;
}

}  // namespace herald
