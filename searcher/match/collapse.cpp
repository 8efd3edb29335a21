#include "searcher/match/collapse.hpp"

#include <algorithm>
#include <cmath>
#include <string>
#include <unordered_map>

#include "common/schema.hpp"
#include "searcher/match/slot_values.hpp"

namespace herald {

Xapian::doccount collapse_window(Xapian::doccount wanted) {
    // Room for one copy in four, plus a few: news archives hold copies, but
    // rarely that many among the best matches of a query.
    return wanted + wanted / 4 + 10;
}

namespace {

// The signature of each match, in rank order.
std::vector<std::string> signatures(const Xapian::MSet& matches, const Xapian::Database& database) {
    std::vector<Xapian::docid> documents;
    for (auto it = matches.begin(); it != matches.end(); ++it) documents.push_back(*it);
    return slot_values(database, schema::kSimHashSlot, documents, false);
}

}  // namespace

CollapsedMatches collapse_copies(const Xapian::MSet& matches, Xapian::doccount wanted,
                                 const Xapian::Database& database) {
    CollapsedMatches collapsed;
    std::unordered_map<std::string, std::size_t> kept_by_signature;
    Xapian::doccount copies = 0;
    const auto signature_of = signatures(matches, database);
    std::size_t index = 0;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        const std::string& signature = signature_of[index++];
        if (!signature.empty()) {
            const auto [kept, first] = kept_by_signature.try_emplace(signature, collapsed.matches.size());
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
