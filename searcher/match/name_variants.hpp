// Counting without names' variant spellings. A query word that is a name
// also finds, through its name key (synonym_expansion.hpp), articles that
// spell it otherwise, and unrelated words that share the key ("Asylum" for
// "Islam"). The results list those articles below the exact forms; totals,
// facets, timelines and exports leave them out unless asked to count them
// (README: "Name keys"). One counting match tells the two kinds apart.
#pragma once

#include <xapian.h>

#include <string>
#include <unordered_set>
#include <vector>

namespace herald {

// The weight an article the words' own forms match gains in a counting
// match, so that one matched by boolean terms alone still weighs above 0.
inline constexpr double kCountedMark = 1e-3;

// The query of a counting match over every match of `listed` (the query
// with name keys): an article only a name key finds weighs 0, one that
// `without_name_keys` also matches weighs its BM25 weight there plus
// kCountedMark. Copies are then ranked among themselves as the results rank
// them (facets.hpp).
Xapian::Query counting_query(const Xapian::Query& listed, const Xapian::Query& without_name_keys);

// A match spy over a counting_query match (local databases: a remote shard
// runs only Xapian's own spies). It passes the articles the words' own forms
// match on to the spies added, and counts those only a name key finds.
// With `collapse`, near-duplicate copies count once: among the variants
// always, among the counted articles when `count_matches` asks it to count
// them at all (otherwise the spies added count them, and it reads no slot
// for them).
class NameVariantSplit : public Xapian::MatchSpy {
  public:
    NameVariantSplit(bool collapse, bool count_matches) : collapse_(collapse), count_matches_(count_matches) {}
    // `spy` sees the counted articles only; the caller keeps it alive.
    void add(Xapian::MatchSpy* spy) { spies_.push_back(spy); }
    void operator()(const Xapian::Document& document, double weight) override;
    // Articles the words' own forms match (with count_matches).
    Xapian::doccount counted() const;
    // Articles only a name key finds; a copy of a counted story may be among them.
    Xapian::doccount variants() const;

  private:
    struct Tally {
        Xapian::doccount unsigned_documents = 0;  // without a signature, or not collapsing
        std::unordered_set<std::string> signatures;
        void add(const Xapian::Document& document, bool collapse);
        Xapian::doccount total() const;
    };
    bool collapse_;
    bool count_matches_;
    std::vector<Xapian::MatchSpy*> spies_;
    Tally counted_, variants_;
};

}  // namespace herald
