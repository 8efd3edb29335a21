#include "searcher/match/collapse.hpp"

#include <algorithm>
#include <cmath>
#include <unordered_map>

namespace herald {

Xapian::doccount collapse_window(Xapian::doccount wanted) {
    // Room for one copy in four, plus a few: news archives hold copies, but
    // rarely that many among the best matches of a query.
    return wanted + wanted / 4 + 10;
}

CollapsedMatches collapse_copies(const Xapian::MSet& matches, Xapian::doccount wanted,
                                 const std::vector<std::uint32_t>& groups) {
    CollapsedMatches collapsed;
    std::unordered_map<std::uint32_t, std::size_t> kept_by_group;
    Xapian::doccount copies = 0;
    std::size_t index = 0;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        const std::uint32_t group = groups[index++];
        if (group != 0) {
            const auto [kept, first] = kept_by_group.try_emplace(group, collapsed.matches.size());
            if (!first) {
                ++collapsed.matches[kept->second].duplicates;
                ++copies;
                continue;
            }
        }
        collapsed.matches.push_back({it, it.get_weight(), 0});
    }
    const Xapian::doccount seen = matches.size();
    const bool saw_every_match = seen >= matches.get_matches_upper_bound();
    collapsed.complete = collapsed.matches.size() >= wanted || saw_every_match;
    const auto kept = static_cast<Xapian::doccount>(collapsed.matches.size());
    if (saw_every_match) {
        collapsed.estimated = collapsed.lower = collapsed.upper = kept;
        return collapsed;
    }
    // Scaled by the rate of distinct articles among those seen, as Xapian does.
    const double distinct_rate = seen == 0 ? 1.0 : static_cast<double>(kept) / seen;
    collapsed.upper = matches.get_matches_upper_bound() - copies;
    // Unseen matches may all be copies of one another: only those kept are sure.
    collapsed.lower = kept;
    collapsed.estimated = static_cast<Xapian::doccount>(std::lround(matches.get_matches_estimated() * distinct_rate));
    collapsed.estimated = std::min(std::max(collapsed.estimated, collapsed.lower), collapsed.upper);
    return collapsed;
}

}  // namespace herald
