#include "searcher/match/searcher.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <ctime>
#include <functional>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>

#include "common/document_data.hpp"
#include "common/keyword_fields.hpp"
#include "common/schema.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"
#include "searcher/analysis/day_counts.hpp"
#include "searcher/match/collapse.hpp"
#include "searcher/match/date_order.hpp"
#include "searcher/match/full_ranking.hpp"
#include "searcher/match/more_like_this.hpp"
#include "searcher/match/name_variants.hpp"
#include "searcher/match/ranking.hpp"
#include "searcher/match/recency.hpp"
#include "searcher/query/archive_languages.hpp"
#include "searcher/query/date_range.hpp"
#include "searcher/query/query_builder.hpp"

namespace herald {
namespace {

// A brand-new article gains up to this share of the query's best BM25 score.
constexpr double kRecencyBoostShare = 0.5;

// The query text as QueryBuilder read it: bytes that are not UTF-8 were
// searched as Latin-1, and are shown (and written as JSON) the same way.
std::string query_as_read(const std::string& text) {
    bool was_latin1 = false;
    return to_utf8(text, was_latin1);
}

Xapian::Query any_of(const std::vector<std::string>& values, std::string (*make_term)(std::string_view)) {
    std::vector<Xapian::Query> alternatives;
    for (const auto& value : values) alternatives.emplace_back(make_term(value));
    return Xapian::Query(Xapian::Query::OP_OR, alternatives.begin(), alternatives.end());
}

// A request's keyword filters, each name's values ORed, the names ANDed.
std::vector<Xapian::Query> keyword_filter_queries(const SearchRequest& request) {
    std::map<std::string, std::vector<Xapian::Query>> by_name;
    for (const auto& [name, value] : request.keyword_filters) by_name[name].emplace_back(terms::keyword(name, value));
    std::vector<Xapian::Query> queries;
    for (const auto& [name, values] : by_name) queries.emplace_back(Xapian::Query::OP_OR, values.begin(), values.end());
    return queries;
}

// The filters of a request as one boolean query (empty when there are none).
Xapian::Query filter_query(const SearchRequest& request) {
    const std::size_t values = request.sources.size() + request.authors.size() + request.tags.size() +
                               request.languages.size() + request.keyword_filters.size();
    if (values > kMaxFilterValues) {
        throw QueryError(
            fmt::format("too many filter values: {} (source, author, tag, lang and keyword fields "
                        "together), the limit is {}",
                        values, kMaxFilterValues));
    }
    std::vector<Xapian::Query> filters = keyword_filter_queries(request);
    if (!request.sources.empty()) filters.push_back(any_of(request.sources, terms::source));
    if (!request.authors.empty()) filters.push_back(any_of(request.authors, terms::author));
    if (!request.tags.empty()) filters.push_back(any_of(request.tags, terms::tag));
    if (!request.languages.empty()) filters.push_back(any_of(request.languages, terms::language_named));
    if (!request.from.empty() || !request.to.empty()) filters.push_back(date_range_query(request.from, request.to));
    return Xapian::Query(Xapian::Query::OP_AND, filters.begin(), filters.end());
}

std::string today_compact() {
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    return fmt::format("{:04}{:02}{:02}", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday);
}

// Adds the freshness boost; needs the query's best score to scale it.
Xapian::Query with_recency(const Xapian::Database& database, const Xapian::Query& query, double half_life_days,
                           bool remote) {
    // Ages count from the newest article, or from today when a bogus future
    // date (real corpora have some) would make every article look stale.
    const std::string latest_value = database.get_value_upper_bound(schema::kDateSlot);
    if (latest_value.empty()) return query;  // no dated articles
    const std::string newest = std::min(latest_value, today_compact());
    Xapian::Enquire probe(database);
    probe.set_query(query);
    const Xapian::MSet best = probe.get_mset(0, 1);
    const double boost = kRecencyBoostShare * (best.empty() ? 1.0 : best.begin().get_weight());
    // The query takes ownership of a release()d posting source.
    Xapian::Query recency(remote ? make_remote_recency_source(boost, half_life_days, newest,
                                                              database.get_value_lower_bound(schema::kDateSlot),
                                                              latest_value)
                                       .release()
                                       ->release()
                                 : (new RecencyPostingSource(boost, half_life_days, newest))->release());
    return Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, recency);
}

// Facet counters for a match: Herald's own spy, or Xapian's on remote shards.
struct FacetCounters {
    std::vector<std::unique_ptr<FacetSpy>> local;
    std::vector<std::unique_ptr<RemoteFacetCounter>> remote;

    // `attach` adds a spy to the counting match.
    FacetCounters(const std::function<void(Xapian::MatchSpy*)>& attach, const SearchRequest& request,
                  const std::set<std::string>& keywords, bool over_remote) {
        const auto& names = request.facets;
        for (const auto& name : names) {
            if (over_remote) {
                remote.push_back(std::make_unique<RemoteFacetCounter>(find_facet(name, keywords)));
                attach(remote.back()->spy());
            } else {
                local.push_back(std::make_unique<FacetSpy>(find_facet(name, keywords), request.collapse, request.sort));
                attach(local.back().get());
            }
        }
    }
    bool empty() const { return local.empty() && remote.empty(); }
    void count_shown_copy(const Xapian::Document& document) const {
        for (const auto& spy : local) spy->count_shown_copy(document);
    }
    Xapian::doccount documents() const {
        return local.empty() ? remote.front()->documents() : local.front()->documents();
    }
    std::vector<FacetCounts> counts() const {
        std::vector<FacetCounts> all;
        for (const auto& spy : local) all.push_back(spy->counts());
        for (const auto& counter : remote) all.push_back(counter->counts());
        return all;
    }
};

// Undated articles last both ways (date_order.hpp). Xapian 1.4's remote
// protocol cannot carry a KeyMaker, so over remote shards oldest first
// sorts by the plain value (undated first); the caller warns.
void apply_sort(Xapian::Enquire& enquire, SortOrder sort, bool remote) {
    if (sort == SortOrder::DateAscending && !remote) {
        auto* oldest_first = new Xapian::MultiValueKeyMaker;
        oldest_first->add_value(schema::kDateSlot, false, kUndatedSortKey);
        // The enquire takes ownership of a release()d key maker.
        enquire.set_sort_by_key_then_relevance(oldest_first->release(), false);
    } else if (sort == SortOrder::DateAscending) {
        enquire.set_sort_by_value_then_relevance(schema::kDateSlot, false);
    }
    if (sort == SortOrder::DateDescending) enquire.set_sort_by_value_then_relevance(schema::kDateSlot, true);
}

// What is left of a time limit (0: none) started at `started`; Xapian
// reads 0 as no limit, so a spent budget leaves the smallest one.
double time_left(double limit_seconds, std::chrono::steady_clock::time_point started) {
    if (limit_seconds <= 0) return 0;
    const std::chrono::duration<double> spent = std::chrono::steady_clock::now() - started;
    return std::max(limit_seconds - spent.count(), 1e-6);
}

// The match's estimate of the number of matches, and its bounds.
struct MatchCounts {
    Xapian::doccount estimated, lower, upper;
};

MatchCounts counts_of(const Xapian::MSet& matches) {
    return {matches.get_matches_estimated(), matches.get_matches_lower_bound(), matches.get_matches_upper_bound()};
}

std::string name_variants_warning(Xapian::doccount variants, bool estimated) {
    return fmt::format(
        "{}{} more article{} match only a variant spelling of a name; {} listed but not counted "
        "(--count-name-variants, or name_variants=count on the web, counts them)",
        estimated ? "about " : "", variants, variants == 1 ? "" : "s", variants == 1 ? "it is" : "they are");
}

// `matches` in Xapian's order; `collapsed` when Xapian folded copies into them.
std::vector<RankedMatch> as_ranked(const Xapian::MSet& matches, bool collapsed) {
    std::vector<RankedMatch> ranked;
    for (auto it = matches.begin(); it != matches.end(); ++it)
        ranked.push_back({it, it.get_weight(), collapsed ? it.get_collapse_count() : 0});
    return ranked;
}

}  // namespace

void Searcher::add_top_terms(SearchResults& results, const SearchRequest& request, const Xapian::Query& query,
                             const Xapian::Query& text_query) const {
    results.top_terms_requested = true;
    TopTermsRequest top;
    top.wanted = request.top_terms;
    top.collapse = request.collapse;
    top.remote = remote_;
    top.excluded = plain_terms_of(text_query);  // the query's own words say nothing new
    try {
        TopTerms found = find_top_terms(database_, query, top);
        results.top_terms = std::move(found.terms);
        results.top_terms_foreground = found.foreground;
        results.warnings.insert(results.warnings.end(), found.warnings.begin(), found.warnings.end());
    } catch (const Xapian::UnimplementedError& error) {  // a backend that cannot serve part of it
        results.warnings.push_back("top terms are not available here: " + error.get_msg());
    }
}

Searcher::Searcher(Xapian::Database database, const Language& query_language)
    : Searcher(std::move(database), make_stemmer(query_language.stemmer)) {}

Searcher::Searcher(Xapian::Database database, Xapian::Stem stemmer, std::shared_ptr<const SynonymTable> synonyms)
    : database_(std::move(database)),
      stemmer_(std::move(stemmer)),
      synonyms_(std::move(synonyms)),
      keywords_(checked_keyword_names(database_.get_metadata(std::string(schema::kKeywordNamesKey)), "the database")) {}

Searcher::Searcher(const ShardSet& shards, Xapian::Stem stemmer, std::shared_ptr<const SynonymTable> synonyms)
    : database_(shards.database),
      stemmer_(std::move(stemmer)),
      synonyms_(std::move(synonyms)),
      shard_labels_(shards.labels),
      missing_shards_(shards.missing),
      remote_(shards.remote) {
    // Each shard records its own; a search over several knows them all.
    for (std::size_t i = 0; i < shards.shards.size(); ++i) {
        const auto names = checked_keyword_names(shards.shards[i].get_metadata(std::string(schema::kKeywordNamesKey)),
                                                 "database " + shards.labels.at(i));
        keywords_.insert(names.begin(), names.end());
    }
}

QueryBuilder Searcher::query_builder(const SearchRequest& request) {
    if (!synonyms_) synonyms_ = std::make_shared<const SynonymTable>(database_);
    // Stems in every language of the archive, or in the one asked for.
    std::vector<std::string> stemmer_names;
    if (request.language.empty()) {
        stemmer_names = archive_stemmer_names(database_);
    } else if (const auto language = resolve_language(request.language)) {
        stemmer_names = language_stemmer_names(*language);
    }
    std::vector<Xapian::Stem> other_stemmers;
    for (const auto& name : stemmer_names) other_stemmers.push_back(thread_stemmer(name));
    check_keyword_filters(request);
    return QueryBuilder(database_, stemmer_, synonyms_, std::move(other_stemmers), keywords_);
}

void Searcher::check_keyword_filters(const SearchRequest& request) const {
    for (const auto& [name, value] : request.keyword_filters) {
        if (keywords_.count(name) > 0) continue;
        if (keywords_.empty()) {
            throw QueryError(fmt::format(
                "unknown parameter or keyword field '{}': this database has no keyword fields (indexer --keyword)",
                name));
        }
        throw QueryError(fmt::format("unknown parameter or keyword field '{}' (keyword fields of this database: {})",
                                     name, fmt::join(keywords_, ", ")));
    }
}

std::vector<Timeline> Searcher::timelines(const SearchRequest& request, const std::vector<DayCounts>& matches,
                                          const Xapian::Query& filters, std::vector<std::string>& warnings,
                                          bool& partial) const {
    // Shares are of every article, copies included, so none exceeds 1.
    const DayCounts archive = count_days(database_, filters.empty() ? Xapian::Query::MatchAll : filters, false, remote_,
                                         request.time_limit_seconds);
    bool cut = archive.cut, copies_counted = false;
    for (const auto& counts : matches) {
        cut = cut || counts.cut;
        copies_counted = copies_counted || counts.copies_counted;
    }
    if (cut) {
        partial = true;
        warnings.push_back(
            fmt::format("the timeline stopped counting at the time limit of {} ms; it covers part of "
                        "the matches",
                        request.time_limit_seconds * 1000));
    }
    if (copies_counted) warnings.push_back("over remote shards, the timeline counts near-duplicate copies too");
    const TimelineInterval interval =
        request.timeline_automatic ? automatic_interval(matches) : request.timeline.value_or(TimelineInterval::Month);
    return make_timelines(interval, matches, archive);
}

Comparison Searcher::compare(const SearchRequest& request, const std::vector<std::string>& queries) {
    if (queries.empty()) throw QueryError("compare: no queries");
    QueryBuilder builder = query_builder(request);
    const Xapian::Query filters = filter_query(request);
    std::vector<DayCounts> matches;
    Comparison comparison;
    for (const auto& text : queries) {
        if (text.find_first_not_of(" \t\n") == std::string::npos) throw QueryError("compare: an empty query");
        Xapian::Query query = builder.parse(text, Deadline());
        const bool split = builder.uses_name_keys() && !request.count_name_variants;
        const Xapian::Query without_name_keys = split ? builder.parse_without_name_keys() : Xapian::Query();
        if (query.empty()) query = Xapian::Query::MatchAll;
        if (!filters.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filters);
        if (!split) {
            matches.push_back(count_days(database_, query, request.collapse, remote_, request.time_limit_seconds));
        } else if (remote_) {  // without the count of variants (name_variants.hpp)
            matches.push_back(count_days(database_, Xapian::Query(Xapian::Query::OP_FILTER, query, without_name_keys),
                                         request.collapse, remote_, request.time_limit_seconds));
        } else {
            DayCountSpy days(database_, request.collapse, remote_);
            NameVariantSplit split_counts(request.collapse, false);
            split_counts.add(days.spy());
            Xapian::Enquire enquire(database_);
            enquire.set_query(counting_query(query, without_name_keys));
            enquire.set_weighting_scheme(Xapian::CoordWeight());  // BoolWeight would weigh every article 0
            enquire.add_matchspy(&split_counts);
            const bool cut = count_every_match(enquire, database_.get_doccount(), request.time_limit_seconds).cut;
            matches.push_back(days.counts());
            matches.back().cut = cut;
            if (split_counts.variants() > 0) {
                comparison.warnings.push_back(
                    fmt::format("{}: {}", query_as_read(text), name_variants_warning(split_counts.variants(), false)));
            }
        }
    }
    comparison.timelines = timelines(request, matches, filters, comparison.warnings, comparison.partial);
    for (std::size_t i = 0; i < queries.size(); ++i) comparison.timelines[i].query = query_as_read(queries[i]);
    return comparison;
}

Searcher::MatchQuery Searcher::match_query(const SearchRequest& request, QueryBuilder& builder,
                                           const Deadline& deadline) {
    MatchQuery match;
    match.filters = filter_query(request);
    const Xapian::Query& filters = match.filters;
    match.has_text = request.query.find_first_not_of(" \t\n") != std::string::npos;
    if (!match.has_text && request.like_id.empty() && filters.empty()) throw QueryError("empty query");
    Xapian::Query query = match.has_text ? builder.parse(request.query, deadline) : Xapian::Query();
    match.text_query = query;
    if (match.has_text && builder.uses_name_keys() && !request.count_name_variants)
        match.text_without_name_keys = builder.parse_without_name_keys();
    if (!request.like_id.empty()) {
        const Xapian::Query related = more_like_this(database_, request.like_id);
        query = match.has_text ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, related) : related;
    }
    if (query.empty()) query = Xapian::Query::MatchAll;
    if (!filters.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filters);
    if (request.recency_half_life_days > 0)
        query = with_recency(database_, query, request.recency_half_life_days, remote_);
    match.query = query;
    return match;
}

Xapian::Query Searcher::MatchQuery::counted(const Xapian::Query& ranked) const {
    if (text_without_name_keys.empty()) return ranked;
    return Xapian::Query(Xapian::Query::OP_FILTER, ranked, text_without_name_keys);
}

std::vector<std::string> Searcher::shard_warnings(const SearchRequest& request) const {
    std::vector<std::string> warnings;
    if (!missing_shards_.empty()) {
        warnings.push_back(fmt::format("results leave out unavailable shards: {}", fmt::join(missing_shards_, ", ")));
    }
    if (request.sort == SortOrder::DateAscending && remote_) {
        warnings.push_back("over remote shards, oldest-first order puts undated articles first");
    }
    return warnings;
}

SearchResults Searcher::search(const SearchRequest& request) {
    QueryBuilder builder = query_builder(request);
    // One time limit for the whole search: spelling suggestions stop at it,
    // and the match gets what is left of it.
    const auto search_started = std::chrono::steady_clock::now();
    Deadline deadline;
    if (request.time_limit_seconds > 0) {
        deadline = search_started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double>(request.time_limit_seconds));
    }
    const MatchQuery match = match_query(request, builder, deadline);
    const Xapian::Query& query = match.query;
    const Xapian::Query& text_query = match.text_query;
    const Xapian::Query& filters = match.filters;
    const bool has_text = match.has_text;

    Xapian::Enquire enquire(database_);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    apply_sort(enquire, request.sort, remote_);
    // When the text found names' variant spellings through their keys, the
    // counts leave those articles out: they count in a match of their own
    // over every candidate, which tells them apart (name_variants.hpp), and
    // this one ranks the hits. Over remote shards, which run only Xapian's
    // spies, the counting match takes the counted articles alone.
    const bool split_counts = !match.text_without_name_keys.empty();
    std::optional<Xapian::Enquire> counting;
    std::optional<NameVariantSplit> name_variants;
    if (split_counts) {
        counting.emplace(database_);
        counting->set_query(remote_ ? match.counted(query) : counting_query(query, match.text_without_name_keys));
        // Facet spies rank copies by weight, as the results do; otherwise
        // the cheapest weights that are still computed (under BoolWeight
        // Xapian computes none, so the counted articles could not be told).
        if (request.facets.empty()) {
            counting->set_weighting_scheme(Xapian::CoordWeight());
        } else {
            counting->set_weighting_scheme(Xapian::BM25Weight());
        }
        if (remote_ && request.collapse) counting->set_collapse_key(schema::kSimHashSlot);
        if (!remote_) {
            name_variants.emplace(request.collapse, request.facets.empty() && !request.timeline);
            counting->add_matchspy(&*name_variants);
        }
    }
    const auto attach = [&](Xapian::MatchSpy* spy) {
        if (!split_counts) {
            enquire.add_matchspy(spy);
        } else if (name_variants) {
            name_variants->add(spy);
        } else {
            counting->add_matchspy(spy);
        }
    };
    // Locally, copies are folded after the match (collapse.hpp). Remote
    // shards, deep pages and facets (whose spies must see one match) leave
    // it to Xapian's.
    const Xapian::doccount page_end = request.offset + request.limit;
    const bool collapse_after_match = request.collapse && !remote_ && (request.facets.empty() || split_counts) &&
                                      page_end <= kCollapseAfterMatchDepth;
    if (request.collapse && !collapse_after_match) enquire.set_collapse_key(schema::kSimHashSlot);

    const FacetCounters spies(attach, request, keywords_, remote_);
    // A timeline counts in the match that counts facets or name variants,
    // which sees every candidate anyway; otherwise the match keeps its
    // pruning and the timeline runs a weightless match of its own, which
    // costs less than unpruned BM25 (bench/README.md).
    std::optional<DayCountSpy> day_counter;
    if (request.timeline && (!spies.empty() || split_counts)) {
        day_counter.emplace(database_, request.collapse, remote_);
        attach(day_counter->spy());
    }
    // Facets count the whole match set, so let the match see every candidate.
    // Over remote shards, so do name variants: they are what this match
    // lists beyond the counting match's count, and a pruned match's
    // estimate can be off by more than their number.
    const bool sees_every_candidate = split_counts ? remote_ : !spies.empty();
    const Xapian::doccount check_at_least = sees_every_candidate ? database_.get_doccount() : 0;
    const double match_time_limit = time_left(request.time_limit_seconds, search_started);
    if (match_time_limit > 0) enquire.set_time_limit(match_time_limit);
    const auto match_started = std::chrono::steady_clock::now();
    const bool second_pass = has_text && reranks(request, builder.plain_query_words());
    // Re-ranking and collapsing here need the matches from the first rank.
    const bool from_top = second_pass || collapse_after_match;
    const Xapian::doccount wanted = second_pass ? std::max(kRerankDepth, page_end) : page_end;
    Xapian::MSet matches =
        from_top ? enquire.get_mset(0, collapse_after_match ? collapse_window(wanted) : wanted, check_at_least)
                 : enquire.get_mset(request.offset, request.limit, check_at_least);
    const std::chrono::duration<double> match_time = std::chrono::steady_clock::now() - match_started;
    MatchCounts counts = counts_of(matches);
    std::vector<RankedMatch> ranked;
    if (collapse_after_match) {
        CollapsedMatches collapsed = collapse_copies(matches, wanted, database_);
        if (collapsed.complete) {
            ranked = std::move(collapsed.matches);
            counts = {collapsed.estimated, collapsed.lower, collapsed.upper};
        } else {
            // Too many copies among the first matches: Xapian collapses them all.
            enquire.set_collapse_key(schema::kSimHashSlot);
            matches = enquire.get_mset(0, wanted, check_at_least);
            counts = counts_of(matches);
            ranked = as_ranked(matches, true);
        }
    } else {
        ranked = as_ranked(matches, request.collapse);
    }
    if (second_pass) ranked = rerank(std::move(ranked), builder.plain_query_words(), database_, remote_);
    if (from_top) {
        ranked.erase(ranked.begin(), ranked.begin() + std::min<std::size_t>(request.offset, ranked.size()));
        if (ranked.size() > request.limit) ranked.resize(request.limit);
    }
    // Xapian 1.4's time limit ends the exhaustive pass (check_at_least, used
    // for facets and exact totals), not the ranking. It does not say whether
    // it fired; an exhaustive match that ran that long may have been cut.
    bool counting_cut = check_at_least > 0 && match_time_limit > 0 && match_time.count() >= match_time_limit;
    std::optional<CountingRun> counted;
    if (split_counts) {
        counted = count_every_match(*counting, database_.get_doccount(),
                                    time_left(request.time_limit_seconds, search_started));
        counting_cut = counting_cut || counted->cut;
    }

    SearchResults results;
    results.query = query_as_read(request.query);
    results.offset = request.offset;
    results.total = counts.estimated;
    results.total_lower = counts.lower;
    results.total_upper = counts.upper;
    if (!spies.empty() && !remote_ && !counting_cut) {
        // The match saw every candidate, so the spies' count is exact; Xapian's
        // estimate can stray from it when collapsing.
        results.total = results.total_lower = results.total_upper = spies.documents();
    }
    results.warnings = shard_warnings(request);
    if (split_counts) {
        if (name_variants) {
            results.name_variants = name_variants->variants();
            if (spies.empty() && !request.timeline && !counting_cut)
                results.total = results.total_lower = results.total_upper = name_variants->counted();
        } else {
            // Remote: the variants are what this match lists beyond the
            // counting match, both over every candidate. Of Xapian's counts
            // under collapsing only the lower bound held (estimates were
            // twice the matches; README: "Name keys").
            const Xapian::doccount listed = results.total_lower;
            const MatchCounts counted_counts = counts_of(counted->matches);
            results.total = counted_counts.estimated;
            results.total_lower = counted_counts.lower;
            results.total_upper = counted_counts.upper;
            results.name_variants = listed > counted_counts.lower ? listed - counted_counts.lower : 0;
        }
        if (results.name_variants > 0)
            results.warnings.push_back(name_variants_warning(results.name_variants, !name_variants));
    }
    if (!missing_shards_.empty()) {
        results.partial = true;
        results.missing_shards = missing_shards_;
    }
    if (counting_cut) {
        results.partial = true;
        results.warnings.push_back(fmt::format(
            "counting stopped at the time limit of {} ms; facet counts and the total cover part of the matches",
            request.time_limit_seconds * 1000));
    }
    results.corrected_query = has_text ? builder.corrected_query() : std::string();
    Highlighter highlighter(text_query.empty() ? query : text_query, builder.stemmer(), builder.plain_query_words());
    Xapian::doccount rank = request.offset;
    for (const auto& [it, score, duplicates] : ranked) {
        Hit hit;
        hit.rank = ++rank;
        hit.score = score;
        // Xapian interleaves the document ids of combined databases.
        if (!shard_labels_.empty()) hit.shard = shard_labels_[(*it - 1) % shard_labels_.size()];
        hit.duplicates = duplicates;
        const Xapian::Document document = it.get_document();
        if (request.collapse) spies.count_shown_copy(document);
        hit.article = decode_document_data(document.get_data());
        const std::string& text = hit.article.body.empty() ? hit.article.title : hit.article.body;
        const auto article_language = resolve_language(hit.article.language);
        highlighter.set_article_stemmer(thread_stemmer(article_language ? article_language->stemmer : ""));
        hit.snippet = make_snippet(text, highlighter);
        results.hits.push_back(std::move(hit));
    }
    results.facets = spies.counts();
    if (request.timeline) {
        // A count cut in this match is already flagged with the facets' warning above.
        DayCounts matched = day_counter ? day_counter->counts()
                                        : count_days(database_, query, request.collapse, remote_,
                                                     time_left(request.time_limit_seconds, search_started));
        results.timeline = timelines(request, {matched}, filters, results.warnings, results.partial).front();
        // Every match was counted: the total is exact.
        if (!results.partial) results.total = results.total_lower = results.total_upper = results.timeline->total();
    }
    if (request.top_terms > 0) add_top_terms(results, request, match.counted(query), text_query);
    return results;
}

FullRanking Searcher::rank_all(const SearchRequest& request, Xapian::doccount max_matches) {
    QueryBuilder builder = query_builder(request);
    const MatchQuery match = match_query(request, builder, std::nullopt);
    Xapian::Enquire enquire(database_);
    // Every match counts: what the counts count (without the articles only a
    // name key finds, unless asked), in the order the results rank them.
    enquire.set_query(match.counted(match.query));
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    apply_sort(enquire, request.sort, remote_);
    // Xapian's collapse over the whole match: what search() shows, page after page.
    if (request.collapse) enquire.set_collapse_key(schema::kSimHashSlot);
    // One more than the cap tells whether the cap cut the ranking; asking
    // for every document makes the match keep every (collapsed) match.
    const Xapian::doccount documents = database_.get_doccount();
    Xapian::doccount wanted = max_matches < documents ? max_matches + 1 : documents;
    // The second pass re-sorts the first kRerankDepth matches as search()
    // does, whatever the cap; the cap applies after it, as a page does.
    const bool second_pass = match.has_text && reranks(request, builder.plain_query_words());
    if (second_pass) wanted = std::max(wanted, std::min(kRerankDepth, documents));
    Xapian::MSet matches = enquire.get_mset(0, wanted);
    const Xapian::doccount size = std::min(matches.size(), max_matches);
    std::vector<RankedMatch> head;
    const Xapian::doccount head_size = std::min(matches.size(), kRerankDepth);
    for (auto it = matches.begin(); head.size() < head_size; ++it)
        head.push_back({it, it.get_weight(), request.collapse ? it.get_collapse_count() : 0});
    if (second_pass) head = rerank(std::move(head), builder.plain_query_words(), database_, remote_);
    if (head.size() > size) head.resize(size);
    const bool truncated = matches.size() > max_matches;
    return FullRanking(std::move(matches), std::move(head), size, truncated, request.collapse, shard_labels_,
                       shard_warnings(request));
}

}  // namespace herald
