#include "searcher/analysis/remote_copies.hpp"

#include <algorithm>
#include <chrono>

#include "common/schema.hpp"
#include "searcher/analysis/column_store.hpp"

namespace herald {
namespace {

// What one group's copies hold.
struct Group {
    Xapian::doccount members = 0;
    std::vector<int> days;
    std::vector<std::map<std::string, Xapian::doccount>> holders;  // per facet: value -> copies holding it
    std::vector<Xapian::doccount> missing;                         // per facet: copies holding none
};

}  // namespace

RemoteCopies::RemoteCopies(const Xapian::Database& database, const Xapian::Query& counted,
                           const std::map<std::string, Xapian::doccount>& shared, const std::vector<FacetField>& facets,
                           double time_limit_seconds)
    : facets_(facets.size()) {
    Xapian::doccount expected = 0;
    Xapian::ValueMapPostingSource copies(schema::kSimHashSlot);
    copies.set_default_weight(0);
    for (const auto& [signature, matches] : shared) {
        copies.add_mapping(signature, 1);
        expected += matches;
    }
    // The counted query weighs nothing: a match weighs 1 when its signature
    // is shared, else 0, which the cutoff leaves out.
    Xapian::Enquire enquire(database);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_AND, Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, counted, 0),
                                    Xapian::Query(&copies)));
    enquire.set_cutoff(0, 0.5);
    if (time_limit_seconds > 0) enquire.set_time_limit(time_limit_seconds);
    const auto started = std::chrono::steady_clock::now();
    Xapian::MSet matches = enquire.get_mset(0, expected, expected);
    matches.fetch();  // every document in one go (a round trip per shard)
    const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - started;
    cut_ = matches.size() < expected && time_limit_seconds > 0 && spent.count() >= time_limit_seconds;

    std::map<std::string, Group> groups;
    for (auto it = matches.begin(); it != matches.end(); ++it) {
        const Xapian::Document document = it.get_document();
        Group& group = groups[document.get_value(schema::kSimHashSlot)];
        if (group.members++ == 0) {
            group.holders.resize(facets.size());
            group.missing.resize(facets.size());
        }
        group.days.push_back(day_of_date_value(document.get_value(schema::kDateSlot)));
        for (std::size_t facet = 0; facet < facets.size(); ++facet) {
            const auto values = facet_values(document.get_value(facets[facet].slot), facets[facet]);
            if (values.empty()) ++group.missing[facet];
            for (const auto& value : values) ++group.holders[facet][value];
        }
    }
    for (const auto& [signature, group] : groups) {
        if (group.members < 2) continue;
        for (std::size_t facet = 0; facet < facets.size(); ++facet) {
            for (const auto& [value, holders] : group.holders[facet]) {
                if (holders > 1) facets_[facet].values[value] += holders - 1;
            }
            // Missing once only when no copy holds a value.
            const Xapian::doccount missing = group.missing[facet];
            facets_[facet].missing += missing == group.members ? missing - 1 : missing;
        }
        // Once, on the earliest day (kUndated sorts last).
        for (const int day : group.days) --day_change_[day];
        ++day_change_[*std::min_element(group.days.begin(), group.days.end())];
    }
}

void RemoteCopies::correct(FacetCounts& counts, std::size_t facet) const {
    const FacetExcess& excess = facets_.at(facet);
    std::map<std::string, Xapian::doccount> by_value;
    Xapian::doccount missing = 0;
    for (const auto& value : counts.values) {
        if (value.value) {
            by_value[*value.value] = value.count;
        } else {
            missing = value.count;
        }
    }
    for (const auto& [value, extra] : excess.values) {
        auto& count = by_value[value];
        count -= std::min(count, extra);
        if (count == 0) by_value.erase(value);
    }
    missing -= std::min(missing, excess.missing);
    counts = sorted_counts(counts.name, by_value, missing);
}

void RemoteCopies::correct(DayCounts& counts) const {
    std::map<int, std::int64_t> by_day(counts.days.begin(), counts.days.end());
    auto undated = static_cast<std::int64_t>(counts.undated);
    for (const auto& [day, change] : day_change_) {
        if (day == kUndated) {
            undated += change;
        } else {
            by_day[day] += change;
        }
    }
    counts.days.clear();
    for (const auto& [day, count] : by_day) {
        if (count > 0) counts.days.emplace_back(day, static_cast<Xapian::doccount>(count));
    }
    counts.undated = static_cast<Xapian::doccount>(std::max<std::int64_t>(undated, 0));
}

}  // namespace herald
