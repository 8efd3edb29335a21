// The read side: runs a query over one or more Herald databases and returns
// ranked hits with their stored fields and snippets, plus facets, spelling
// suggestions and near-duplicate collapsing.
#pragma once

#include <xapian.h>

#include <chrono>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "common/article.hpp"
#include "common/language.hpp"
#include "searcher/analysis/facet_counts.hpp"
#include "searcher/analysis/match_counter.hpp"
#include "searcher/analysis/timeline.hpp"
#include "searcher/analysis/top_terms.hpp"
#include "searcher/match/ranking.hpp"
#include "searcher/match/shard_set.hpp"
#include "searcher/present/snippet.hpp"
#include "searcher/query/query_builder.hpp"
#include "searcher/query/search_request.hpp"
#include "searcher/query/synonym_expansion.hpp"

namespace herald {

struct Hit {
    Xapian::doccount rank = 0;  // 1-based, across pages
    std::string shard;          // label of the database it came from (ShardLocation::label)
    double score = 0;
    Xapian::doccount duplicates = 0;  // copies folded into this hit
    // Whether the article holds every unit of the query: false for the
    // articles with some of them that a relevance-ranked list of the
    // all-units matches goes on to (not counted); unknown with match any.
    std::optional<bool> all_words;
    Article article;
    Snippet snippet;
};

// With MatchMode::All, a query whose every unit fewer articles than this
// hold is answered with the articles holding any of its words, flagged:
// only an empty all-units set, so counts say what was asked whenever they can.
inline constexpr Xapian::doccount kMinAllUnitsMatches = 1;

// The totals of both match modes (SearchRequest::count_other_match).
struct MatchTotals {
    Xapian::doccount all = 0, any = 0;
};

struct SearchResults {
    std::string query;
    // The articles matched, listed and counted: those with every unit of the
    // query, or any word (asked for, or fallen back to; see warnings).
    MatchMode match = MatchMode::All;
    bool fell_back = false;  // asked for all units, none had them all
    std::optional<MatchTotals> match_totals;
    Xapian::doccount total = 0;  // Xapian's estimate of the number of matches
    Xapian::doccount total_lower = 0, total_upper = 0;
    // Articles listed (after the counted ones' forms) that only a name key
    // finds, a variant spelling, and so left out of `total`, facets and the
    // timeline (match/name_variants.hpp); 0 when the request counts them.
    Xapian::doccount name_variants = 0;
    Xapian::doccount offset = 0;
    std::string corrected_query;  // empty when there is no suggestion
    std::vector<Hit> hits;
    std::vector<FacetCounts> facets;
    std::optional<Timeline> timeline;         // when the request asked for one
    bool partial = false;                     // some matches may be missing (see warnings)
    std::vector<std::string> warnings;        // why, for people
    std::vector<std::string> missing_shards;  // labels of shards that could not be searched
    bool top_terms_requested = false;
    std::vector<TopTerm> top_terms;             // most significant first
    Xapian::doccount top_terms_foreground = 0;  // the top matches they were counted in
};

// Timelines of several queries side by side.
struct Comparison {
    std::vector<Timeline> timelines;  // one per query, in the order given, each naming its query
    bool partial = false;
    std::vector<std::string> warnings;
};

class FullRanking;

class Searcher {
  public:
    Searcher(Xapian::Database database, const Language& query_language);
    // With a stemmer from make_stemmer() the caller reuses across searches: a
    // new one costs more than a whole search (it allocates its stem cache).
    // Stemmers are not thread-safe: one per thread. `synonyms`: the
    // database's synonym table when the caller keeps one (else read on the
    // first search).
    Searcher(Xapian::Database database, Xapian::Stem stemmer, std::shared_ptr<const SynonymTable> synonyms = nullptr);
    // Over shards: hits say which shard they came from, missing shards make
    // the results partial, and remote shards get Xapian's own facet spies.
    Searcher(const ShardSet& shards, Xapian::Stem stemmer, std::shared_ptr<const SynonymTable> synonyms = nullptr);
    // For a process that answers one request: counts use no column store
    // (MatchCounter::set_one_shot).
    Searcher& one_shot() {
        counter_.set_one_shot(true);
        return *this;
    }

    // Throws QueryError for a request the user must fix.
    SearchResults search(const SearchRequest& request);
    // The keyword fields the database's articles were indexed with.
    const std::set<std::string>& keyword_fields() const { return keywords_; }
    // One timeline per query, over the same periods, each query narrowed by
    // the request's filters (its own query text and paging are not used).
    // The request's `timeline` is the interval (a month when unset).
    Comparison compare(const SearchRequest& request, const std::vector<std::string>& queries);

    // Every match of `request` (its filters, sort and collapsing; paging,
    // facets and the time limit do not apply), ranked as search() ranks
    // them, at most `max_matches` of them: the ranking is held, the
    // articles are read one at a time as the caller visits them
    // (match/full_ranking.hpp). Throws QueryError like search().
    FullRanking rank_all(const SearchRequest& request, Xapian::doccount max_matches);

  private:
    QueryBuilder query_builder(const SearchRequest& request);
    // Throws QueryError for a keyword filter the database has no field for.
    void check_keyword_filters(const SearchRequest& request) const;
    // Timelines of match sets counted by day, with the archive's articles
    // within `filters` counted within what is left of the request's time
    // limit started at `started`; adds warnings and sets `partial` when
    // counts were cut.
    std::vector<Timeline> timelines(const SearchRequest& request, const std::vector<DayCounts>& matches,
                                    const Xapian::Query& filters, std::chrono::steady_clock::time_point started,
                                    std::vector<std::string>& warnings, bool& partial) const;
    // One query of compare(), parsed into `builder`, counted by day in `mode`.
    Analysis count_compared(const SearchRequest& request, QueryBuilder& builder, const Xapian::Query& filters,
                            MatchMode mode, std::chrono::steady_clock::time_point started) const;
    // The query of a request, before the match.
    struct MatchQuery {
        MatchMode mode = MatchMode::All;
        Xapian::Query query;       // with filters, --like and recency
        Xapian::Query matched;     // the same without recency, which ranks but matches nothing: what counts count
        Xapian::Query text_query;  // the parsed text alone (empty without text)
        Xapian::Query filters;     // the option filters alone (empty without any): a timeline's archive side
        // The parsed text without name keys, when it used some and the
        // request leaves out their variants' articles from counts; else empty.
        Xapian::Query text_without_name_keys;
        bool has_text = false;
        // `ranked` (`query`, or one made from it) narrowed to the articles
        // counts take: without those only a name key finds, unless asked.
        Xapian::Query counted(const Xapian::Query& ranked) const;
    };
    // Parses the request's text, when it has some; throws QueryError for an empty request.
    void parse_text(const SearchRequest& request, QueryBuilder& builder, const Deadline& deadline) const;
    // The request's query in `mode`, its text parsed by parse_text().
    MatchQuery match_query(const SearchRequest& request, QueryBuilder& builder, MatchMode mode);
    // The request's match mode: MatchMode::Any when asked, or when the
    // all-units query has fewer than kMinAllUnitsMatches matches (`all_matches`).
    static MatchMode effective_mode(const SearchRequest& request, const QueryBuilder& builder,
                                    Xapian::doccount all_matches);
    static std::string fallback_warning();
    // The articles `match` counts, exactly up to `wanted`.
    Xapian::doccount counted_at_least(const MatchQuery& match, Xapian::doccount wanted) const;
    // The total of the mode the request did not take, counted as the results count theirs.
    Xapian::doccount other_total(const SearchRequest& request, QueryBuilder& builder, MatchMode taken,
                                 double time_limit_seconds);
    // The request's facets; throws QueryError for an unknown one.
    std::vector<FacetField> facet_fields(const SearchRequest& request) const;
    // The page of matches a request shows, ranked, copies folded.
    struct RankedPage {
        std::vector<RankedMatch> ranked;
        Xapian::doccount estimated = 0, lower = 0, upper = 0;  // the match's estimate of all matches
    };
    // `check_at_least`: matches the estimate's lower bound is exact up to.
    RankedPage rank_page(const SearchRequest& request, const MatchQuery& match, QueryBuilder& builder,
                         double time_limit_seconds, Xapian::doccount check_at_least);
    // Fills the rest of a page of all-units matches (`page`, `all_match`)
    // that ran out with the articles holding only some of the units, ranked
    // by any word: what a ranked list keeps of any-word recall (a name's
    // other-script forms its surname misses).
    void add_some_words_matches(RankedPage& page, const SearchRequest& request, const MatchQuery& all_match,
                                QueryBuilder& builder, double time_limit_seconds);
    std::vector<std::string> shard_warnings(const SearchRequest& request) const;
    void add_top_terms(SearchResults& results, const SearchRequest& request, const Xapian::Query& query,
                       const Xapian::Query& text_query) const;

    Xapian::Database database_;
    Xapian::Stem stemmer_;
    std::shared_ptr<const SynonymTable> synonyms_;
    std::set<std::string> keywords_;  // the database's keyword fields (schema.hpp)
    std::vector<std::string> shard_labels_;
    std::vector<std::string> missing_shards_;
    bool remote_ = false;
    MatchCounter counter_;
};

}  // namespace herald
