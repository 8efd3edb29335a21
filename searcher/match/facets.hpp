// Facet counts over the whole match set (not just the page shown).
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <set>
#include <string>
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

// Looks up a facet by name; throws QueryError listing the known ones.
const schema::Facet& find_facet(const std::string& name);

// Counts the values of one facet's slot across every matching document.
// Match spies see documents before collapsing, so when `collapse` is set the
// spy counts one document per near-duplicate signature itself: the counts
// then describe the same (collapsed) match set as the results.
class FacetSpy : public Xapian::MatchSpy {
  public:
    FacetSpy(const schema::Facet& facet, bool collapse) : facet_(facet), collapse_(collapse) {}
    void operator()(const Xapian::Document& document, double weight) override;
    // Every value seen, most frequent first; so counts add up to documents()
    // for single-valued facets (the nullopt value counts documents without one).
    FacetCounts counts() const;
    // Documents counted (after collapsing, when set).
    Xapian::doccount documents() const { return documents_; }

  private:
    const schema::Facet& facet_;
    bool collapse_;
    std::set<std::string> signatures_seen_;
    std::map<std::string, Xapian::doccount> counts_;
    Xapian::doccount missing_ = 0;
    Xapian::doccount documents_ = 0;
};

// The same counts over remote shards, which run only Xapian's own match
// spies (xapian-tcpsrv cannot load FacetSpy): Xapian's ValueCountMatchSpy
// counts each slot value on the shards, and multi-valued values are split
// here. Copies folded by collapsing are counted too.
class RemoteFacetCounter {
  public:
    explicit RemoteFacetCounter(const schema::Facet& facet) : facet_(facet), spy_(facet.slot) {}
    Xapian::MatchSpy* spy() { return &spy_; }
    FacetCounts counts() const;
    Xapian::doccount documents() const { return spy_.get_total(); }

  private:
    const schema::Facet& facet_;
    Xapian::ValueCountMatchSpy spy_;
};

}  // namespace herald
