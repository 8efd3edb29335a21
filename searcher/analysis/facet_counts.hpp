// Facets: what a facet counts, its counts over a match set, and the values a
// document's slot holds for it.
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/schema.hpp"

namespace herald {

struct FacetValue {
    std::optional<std::string> value;  // nullopt: matches lacking this field
    Xapian::doccount count = 0;
};

struct FacetCounts {
    std::string name;
    std::vector<FacetValue> values;  // by count, then value
};

// What a facet counts: one of schema::kFacets, or a keyword field.
struct FacetField {
    std::string name;
    Xapian::valueno slot = 0;
    bool multi_valued = false;
    std::string keyword;  // a keyword field's name: its value within schema::kKeywordsSlot
};

// Looks up a facet by name among schema::kFacets and the database's keyword
// fields; throws QueryError listing the known ones.
FacetField find_facet(const std::string& name, const std::set<std::string>& keywords = {});

// The facet's values in one document's slot value (none when it holds no
// value of the facet), each once.
std::vector<std::string> facet_values(const std::string& slot_value, const FacetField& facet);

// Counts by value, sorted by count, then value; `missing` documents without
// a value come last.
FacetCounts sorted_counts(std::string_view name, const std::map<std::string, Xapian::doccount>& counts,
                          Xapian::doccount missing);

// Counts over remote shards, which run only Xapian's own match spies
// (xapian-tcpsrv cannot load Herald's): Xapian's ValueCountMatchSpy counts
// each slot value on the shards, and multi-valued values are split here.
// Copies are counted each (remote_copies.hpp takes them out).
class RemoteFacetCounter {
  public:
    explicit RemoteFacetCounter(FacetField facet) : facet_(std::move(facet)), spy_(facet_.slot) {}
    Xapian::MatchSpy* spy() { return &spy_; }
    FacetCounts counts() const;

  private:
    FacetField facet_;
    Xapian::ValueCountMatchSpy spy_;
};

}  // namespace herald
