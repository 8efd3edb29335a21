// Facet counts over the whole match set (not just the page shown).
#pragma once

#include <xapian.h>

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/schema.hpp"
#include "searcher/query/search_request.hpp"

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

// Counts the values of one facet's slot across every matching document.
// Match spies see documents before collapsing, so when `collapse` is set the
// spy keeps one document per near-duplicate signature itself: the copy
// Xapian shows, ranked the way the match ranks (`sort`), so the counts
// describe the results. Copies the spy cannot tell apart from the shown one
// (equal rank across shards) are settled by count_shown_copy().
class FacetSpy : public Xapian::MatchSpy {
  public:
    FacetSpy(FacetField facet, bool collapse, SortOrder sort = SortOrder::Relevance)
        : facet_(std::move(facet)), collapse_(collapse), sort_(sort) {}
    void operator()(const Xapian::Document& document, double weight) override;
    // A document the results show: it stands for its signature's copies.
    void count_shown_copy(const Xapian::Document& document);
    // Every value seen, most frequent first; so counts add up to documents()
    // for single-valued facets (the nullopt value counts documents without one).
    FacetCounts counts() const;
    // Documents counted (after collapsing, when set).
    Xapian::doccount documents() const { return documents_ + static_cast<Xapian::doccount>(copies_.size()); }

  private:
    // The copy of a collapsed group that ranks first so far.
    struct Copy {
        std::string sort_key;
        double weight = 0;
        Xapian::docid docid = 0;
        std::string value;  // of the facet's slot
    };
    bool ranks_before(const Copy& a, const Copy& b) const;
    void count(const std::string& value, Xapian::doccount count_by, std::map<std::string, Xapian::doccount>& counts,
               Xapian::doccount& missing) const;

    FacetField facet_;
    bool collapse_;
    SortOrder sort_;
    std::map<std::string, Copy> copies_;  // by signature
    std::map<std::string, Xapian::doccount> counts_;
    Xapian::doccount missing_ = 0;
    Xapian::doccount documents_ = 0;  // without a signature, or not collapsing
};

// The same counts over remote shards, which run only Xapian's own match
// spies (xapian-tcpsrv cannot load FacetSpy): Xapian's ValueCountMatchSpy
// counts each slot value on the shards, and multi-valued values are split
// here. Copies folded by collapsing are counted too.
class RemoteFacetCounter {
  public:
    explicit RemoteFacetCounter(FacetField facet) : facet_(std::move(facet)), spy_(facet_.slot) {}
    Xapian::MatchSpy* spy() { return &spy_; }
    FacetCounts counts() const;
    Xapian::doccount documents() const { return spy_.get_total(); }

  private:
    FacetField facet_;
    Xapian::ValueCountMatchSpy spy_;
};

}  // namespace herald
