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

// The match's estimate of the number of matches, and its bounds.
struct Estimate {
    Xapian::doccount estimated, lower, upper;
};

Estimate counts_of(const Xapian::MSet& matches) {
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
    if (request.top_terms_foreground > 0) top.foreground = request.top_terms_foreground;
    if (request.top_terms_words_per_article > 0) top.words_per_article = request.top_terms_words_per_article;
    top.collapse = request.collapse;
    top.remote = remote_;
    top.excluded = plain_terms_of(text_query);  // the query's own words say nothing new
    top.remembered = counter_.archive_frequencies();
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
      keywords_(checked_keyword_names(database_.get_metadata(std::string(schema::kKeywordNamesKey)), "the database")),
      counter_(database_, {database_}, false) {
    // Counts read each shard's columns by its own docids (match_set.hpp).
    if (database_.size() > 1) throw std::invalid_argument("several databases are searched as shards (open_shards)");
}

Searcher::Searcher(const ShardSet& shards, Xapian::Stem stemmer, std::shared_ptr<const SynonymTable> synonyms)
    : database_(shards.database),
      stemmer_(std::move(stemmer)),
      synonyms_(std::move(synonyms)),
      shard_labels_(shards.labels),
      missing_shards_(shards.missing),
      remote_(shards.remote),
      counter_(shards.database, shards.shards, shards.remote) {
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
            throw QueryError(
                fmt::format("unknown parameter or keyword field '{}': this database has no keyword fields "
                            "(herald-indexer --keyword)",
                            name));
        }
        throw QueryError(fmt::format("unknown parameter or keyword field '{}' (keyword fields of this database: {})",
                                     name, fmt::join(keywords_, ", ")));
    }
}

std::vector<Timeline> Searcher::timelines(const SearchRequest& request, const std::vector<DayCounts>& matches,
                                          const Xapian::Query& filters, std::chrono::steady_clock::time_point started,
                                          std::vector<std::string>& warnings, bool& partial) const {
    // Shares are of every article, copies included, so none exceeds 1.
    const DayCounts archive = counter_.archive_days(filters, time_left(request.time_limit_seconds, started));
    bool cut = archive.cut;
    for (const auto& counts : matches) cut = cut || counts.cut;
    if (cut) {
        partial = true;
        warnings.push_back(
            fmt::format("the timeline stopped counting at the time limit of {} ms; it covers part of "
                        "the matches",
                        request.time_limit_seconds * 1000));
    }
    const TimelineInterval interval =
        request.timeline_automatic ? automatic_interval(matches) : request.timeline.value_or(TimelineInterval::Month);
    return make_timelines(interval, matches, archive);
}

Analysis Searcher::count_compared(const SearchRequest& request, QueryBuilder& builder, const Xapian::Query& filters,
                                  MatchMode mode, std::chrono::steady_clock::time_point started) const {
    CountedQuery query{builder.query(mode), Xapian::Query()};
    if (builder.uses_name_keys() && !request.count_name_variants)
        query.without_name_keys = builder.parse_without_name_keys(mode);
    if (query.listed.empty()) query.listed = Xapian::Query::MatchAll;
    if (!filters.empty()) query.listed = Xapian::Query(Xapian::Query::OP_FILTER, query.listed, filters);
    CountRequest count;
    count.collapse = request.collapse;
    count.days = true;
    return counter_.count(query, count, time_left(request.time_limit_seconds, started));
}

Comparison Searcher::compare(const SearchRequest& request, const std::vector<std::string>& queries) {
    if (queries.empty()) throw QueryError("compare: no queries");
    // One time limit for the whole comparison, whatever the number of queries.
    const auto started = std::chrono::steady_clock::now();
    QueryBuilder builder = query_builder(request);
    const Xapian::Query filters = filter_query(request);
    std::vector<DayCounts> matches;
    Comparison comparison;
    for (const auto& text : queries) {
        if (text.find_first_not_of(" \t\n") == std::string::npos) throw QueryError("compare: an empty query");
        builder.parse(text, Deadline());
        Analysis analysis = count_compared(request, builder, filters, request.match, started);
        if (effective_mode(request, builder, analysis.total) != request.match) {
            analysis = count_compared(request, builder, filters, MatchMode::Any, started);
            comparison.warnings.push_back(fmt::format("{}: {}", query_as_read(text), fallback_warning()));
        }
        matches.push_back(analysis.days);
        matches.back().cut = analysis.cut;
        if (analysis.variants > 0) {
            comparison.warnings.push_back(
                fmt::format("{}: {}", query_as_read(text), name_variants_warning(analysis.variants, false)));
        }
    }
    comparison.timelines = timelines(request, matches, filters, started, comparison.warnings, comparison.partial);
    for (std::size_t i = 0; i < queries.size(); ++i) comparison.timelines[i].query = query_as_read(queries[i]);
    return comparison;
}

void Searcher::parse_text(const SearchRequest& request, QueryBuilder& builder, const Deadline& deadline) const {
    const bool has_text = request.query.find_first_not_of(" \t\n") != std::string::npos;
    if (!has_text && request.like_id.empty() && filter_query(request).empty()) throw QueryError("empty query");
    if (has_text) builder.parse(request.query, deadline);
}

Searcher::MatchQuery Searcher::match_query(const SearchRequest& request, QueryBuilder& builder, MatchMode mode) {
    MatchQuery match;
    match.mode = mode;
    match.filters = filter_query(request);
    const Xapian::Query& filters = match.filters;
    match.has_text = request.query.find_first_not_of(" \t\n") != std::string::npos;
    Xapian::Query query = match.has_text ? builder.query(mode) : Xapian::Query();
    match.text_query = query;
    if (match.has_text && builder.uses_name_keys() && !request.count_name_variants)
        match.text_without_name_keys = builder.parse_without_name_keys(mode);
    if (!request.like_id.empty()) {
        const Xapian::Query related = more_like_this(database_, request.like_id);
        query = match.has_text ? Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, related) : related;
    }
    if (query.empty()) query = Xapian::Query::MatchAll;
    if (!filters.empty()) query = Xapian::Query(Xapian::Query::OP_FILTER, query, filters);
    match.matched = query;
    if (request.recency_half_life_days > 0)
        query = with_recency(database_, query, request.recency_half_life_days, remote_);
    match.query = query;
    return match;
}

MatchMode Searcher::effective_mode(const SearchRequest& request, const QueryBuilder& builder,
                                   Xapian::doccount all_matches) {
    if (request.match == MatchMode::Any || !builder.all_units_narrower()) return request.match;
    return all_matches < kMinAllUnitsMatches ? MatchMode::Any : MatchMode::All;
}

std::string Searcher::fallback_warning() {
    return "no article has all the words; showing and counting articles with some of them (match=any)";
}

Xapian::doccount Searcher::other_total(const SearchRequest& request, QueryBuilder& builder, MatchMode taken,
                                       double time_limit_seconds) {
    const MatchQuery other = match_query(request, builder, taken == MatchMode::All ? MatchMode::Any : MatchMode::All);
    CountRequest count;
    count.collapse = request.collapse;
    return counter_.count({other.matched, other.text_without_name_keys}, count, time_limit_seconds).total;
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

std::vector<FacetField> Searcher::facet_fields(const SearchRequest& request) const {
    std::vector<FacetField> fields;
    for (const auto& name : request.facets) fields.push_back(find_facet(name, keywords_));
    return fields;
}

Searcher::RankedPage Searcher::rank_page(const SearchRequest& request, const MatchQuery& match, QueryBuilder& builder,
                                         double time_limit_seconds, Xapian::doccount check_at_least) {
    Xapian::Enquire enquire(database_);
    enquire.set_query(match.query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    apply_sort(enquire, request.sort, remote_);
    // Locally, copies are folded after the match (collapse.hpp); remote
    // shards and deep pages leave it to Xapian's.
    const Xapian::doccount page_end = request.offset + request.limit;
    const bool collapse_after_match = request.collapse && !remote_ && page_end <= kCollapseAfterMatchDepth;
    if (request.collapse && !collapse_after_match) enquire.set_collapse_key(schema::kSimHashSlot);
    if (time_limit_seconds > 0) enquire.set_time_limit(time_limit_seconds);
    const bool second_pass = match.has_text && reranks(request, builder.plain_query_words());
    // Re-ranking and collapsing here need the matches from the first rank.
    const bool from_top = second_pass || collapse_after_match;
    const Xapian::doccount wanted = second_pass ? std::max(kRerankDepth, page_end) : page_end;
    const Xapian::MSet matches =
        from_top ? enquire.get_mset(0, collapse_after_match ? collapse_window(wanted) : wanted, check_at_least)
                 : enquire.get_mset(request.offset, request.limit, check_at_least);
    RankedPage page;
    const Estimate estimate = counts_of(matches);
    page.estimated = estimate.estimated;
    page.lower = estimate.lower;
    page.upper = estimate.upper;
    if (collapse_after_match) {
        std::vector<Xapian::docid> documents;
        for (auto it = matches.begin(); it != matches.end(); ++it) documents.push_back(*it);
        CollapsedMatches collapsed = collapse_copies(matches, wanted, counter_.copy_groups(documents));
        if (collapsed.complete) {
            page.ranked = std::move(collapsed.matches);
            page.estimated = collapsed.estimated;
            page.lower = collapsed.lower;
            page.upper = collapsed.upper;
        } else {
            // Too many copies among the first matches: Xapian collapses them all.
            enquire.set_collapse_key(schema::kSimHashSlot);
            const Xapian::MSet all = enquire.get_mset(0, wanted);
            const Estimate collapsed_estimate = counts_of(all);
            page.estimated = collapsed_estimate.estimated;
            page.lower = collapsed_estimate.lower;
            page.upper = collapsed_estimate.upper;
            page.ranked = as_ranked(all, true);
        }
    } else {
        page.ranked = as_ranked(matches, request.collapse);
    }
    if (second_pass) page.ranked = rerank(std::move(page.ranked), builder.plain_query_words(), database_, remote_);
    if (from_top) {
        page.ranked.erase(page.ranked.begin(),
                          page.ranked.begin() + std::min<std::size_t>(request.offset, page.ranked.size()));
        if (page.ranked.size() > request.limit) page.ranked.resize(request.limit);
    }
    return page;
}

Xapian::doccount Searcher::counted_at_least(const MatchQuery& match, Xapian::doccount wanted) const {
    Xapian::Enquire probe(database_);
    probe.set_query(match.counted(match.matched));
    probe.set_weighting_scheme(Xapian::BoolWeight());
    return probe.get_mset(0, 0, wanted).get_matches_lower_bound();
}

void Searcher::add_some_words_matches(RankedPage& page, const SearchRequest& request, const MatchQuery& all_match,
                                      QueryBuilder& builder, double time_limit_seconds) {
    // The all-units matches, all of them: the page ran out of them, so they
    // are few. They are left out of the any-word ranking by document id:
    // an OP_AND_NOT of the all-units query, with its name keys' posting
    // sources, lost exclusions in Xapian 1.4.22's matcher (bench/README.md).
    const Xapian::doccount all_listed =
        page.ranked.empty() ? page.estimated : request.offset + static_cast<Xapian::doccount>(page.ranked.size());
    Xapian::Enquire all_units(database_);
    all_units.set_query(all_match.query);
    all_units.set_weighting_scheme(Xapian::BoolWeight());
    std::set<Xapian::docid> listed;
    const Xapian::MSet all_matches = all_units.get_mset(0, std::max<Xapian::doccount>(all_listed, 1) * 2);
    for (auto it = all_matches.begin(); it != all_matches.end(); ++it) listed.insert(*it);
    // The any-word ranking from its top, past the all-units matches it holds.
    SearchRequest rest = request;
    const Xapian::doccount skipped = request.offset + static_cast<Xapian::doccount>(page.ranked.size()) - all_listed;
    const Xapian::doccount wanted = request.limit - static_cast<Xapian::doccount>(page.ranked.size());
    rest.offset = 0;
    rest.limit = skipped + wanted + static_cast<Xapian::doccount>(listed.size());
    RankedPage more = rank_page(rest, match_query(request, builder, MatchMode::Any), builder, time_limit_seconds, 0);
    Xapian::doccount seen = 0;
    for (auto& ranked : more.ranked) {
        if (listed.count(*ranked.match) > 0 || seen++ < skipped) continue;
        if (page.ranked.size() == request.limit) break;
        ranked.some_words = true;
        page.ranked.push_back(std::move(ranked));
    }
}

SearchResults Searcher::search(const SearchRequest& request) {
    QueryBuilder builder = query_builder(request);
    const std::vector<FacetField> facets = facet_fields(request);
    // One time limit for the whole search: spelling suggestions stop at it,
    // and the match and the counts get what is left of it.
    const auto search_started = std::chrono::steady_clock::now();
    Deadline deadline;
    if (request.time_limit_seconds > 0) {
        deadline = search_started + std::chrono::duration_cast<std::chrono::steady_clock::duration>(
                                        std::chrono::duration<double>(request.time_limit_seconds));
    }
    parse_text(request, builder, deadline);

    // Match: the page, ranked, from the articles with every unit of the
    // query unless none has them all (or any word was asked for).
    MatchQuery match = match_query(request, builder, request.match);
    RankedPage page =
        rank_page(request, match, builder, time_left(request.time_limit_seconds, search_started), kMinAllUnitsMatches);
    // What counts decides: matches only a name key finds are listed, not counted.
    const Xapian::doccount all_units_matches =
        match.text_without_name_keys.empty() ? page.lower : counted_at_least(match, kMinAllUnitsMatches);
    const MatchMode mode = effective_mode(request, builder, all_units_matches);
    if (mode != match.mode) {
        match = match_query(request, builder, mode);
        page = rank_page(request, match, builder, time_left(request.time_limit_seconds, search_started), 0);
    } else if (mode == MatchMode::All && builder.all_units_narrower() && request.sort == SortOrder::Relevance &&
               page.ranked.size() < request.limit) {
        add_some_words_matches(page, request, match, builder, time_left(request.time_limit_seconds, search_started));
    }

    // Analysis: counts over every match. When the text found names' variant
    // spellings through their keys, the counts leave those articles out
    // (name_variants.hpp).
    const CountedQuery counted{match.matched, match.text_without_name_keys};
    const bool split_counts = !match.text_without_name_keys.empty();
    std::optional<Analysis> analysis;
    if (!facets.empty() || request.timeline || split_counts) {
        CountRequest count;
        count.collapse = request.collapse;
        count.facets = facets;
        count.days = request.timeline.has_value();
        analysis = counter_.count(counted, count, time_left(request.time_limit_seconds, search_started));
    }
    // The copies of the hits shown: counted with the rest, or over their groups alone.
    CopyCounts copies;
    if (request.collapse) {
        if (analysis) {
            copies = analysis->copies;
        } else {
            std::vector<Xapian::MSetIterator> shown;
            for (const auto& ranked : page.ranked) shown.push_back(ranked.match);
            copies = counter_.copies_of(shown, match.matched);
        }
    }

    SearchResults results;
    results.query = query_as_read(request.query);
    results.match = mode;
    results.fell_back = mode != request.match;
    results.offset = request.offset;
    results.total = page.estimated;
    results.total_lower = page.lower;
    results.total_upper = page.upper;
    results.warnings = shard_warnings(request);
    if (!missing_shards_.empty()) {
        results.partial = true;
        results.missing_shards = missing_shards_;
    }
    if (results.fell_back) results.warnings.push_back(fallback_warning());
    if (analysis) {
        if (analysis->cut) {
            results.partial = true;
            results.warnings.push_back(fmt::format(
                "counting stopped at the time limit of {} ms; facet counts and the total cover part of the matches",
                request.time_limit_seconds * 1000));
        } else {
            // Every match was counted.
            results.total = results.total_lower = results.total_upper = analysis->total;
        }
        results.facets = std::move(analysis->facets);
        if (split_counts) {
            results.name_variants = analysis->variants;
            if (results.name_variants > 0)
                results.warnings.push_back(name_variants_warning(results.name_variants, false));
        }
    }

    // Presentation: the hits with their snippets.
    results.corrected_query = match.has_text ? builder.corrected_query() : std::string();
    const Xapian::Query& text_query = match.text_query;
    Highlighter highlighter(text_query.empty() ? match.query : text_query, builder.stemmer(),
                            builder.plain_query_words());
    Xapian::doccount rank = request.offset;
    for (const auto& [it, score, duplicates, some_words] : page.ranked) {
        Hit hit;
        hit.rank = ++rank;
        hit.score = score;
        // Xapian interleaves the document ids of combined databases.
        if (!shard_labels_.empty()) hit.shard = shard_labels_[(*it - 1) % shard_labels_.size()];
        const Xapian::Document document = it.get_document();
        // Copies were counted over the all-units matches; the others' come from their own ranking.
        hit.duplicates = copies.known() && !some_words ? copies.copies_of(*it, document) : duplicates;
        if (mode == MatchMode::All || !builder.all_units_narrower()) hit.all_words = !some_words;
        hit.article = decode_document_data(document.get_data());
        const std::string& text = hit.article.body.empty() ? hit.article.title : hit.article.body;
        const auto article_language = resolve_language(hit.article.language);
        highlighter.set_article_stemmer(thread_stemmer(article_language ? article_language->stemmer : ""));
        hit.snippet = make_snippet(text, highlighter);
        results.hits.push_back(std::move(hit));
    }
    if (request.timeline) {
        DayCounts matched = analysis->days;
        matched.cut = false;  // a cut count is flagged with the counts' warning above
        results.timeline =
            timelines(request, {matched}, match.filters, search_started, results.warnings, results.partial).front();
    }
    if (request.top_terms > 0) add_top_terms(results, request, match.counted(match.query), text_query);
    if (request.count_other_match && match.has_text && builder.all_units_narrower()) {
        const double left = time_left(request.time_limit_seconds, search_started);
        MatchTotals totals;
        if (results.fell_back) {
            totals.all = all_units_matches;
            totals.any = results.total;
        } else {
            totals.all = mode == MatchMode::All ? results.total : other_total(request, builder, mode, left);
            totals.any = mode == MatchMode::Any ? results.total : other_total(request, builder, mode, left);
        }
        results.match_totals = totals;
    }
    return results;
}

FullRanking Searcher::rank_all(const SearchRequest& request, Xapian::doccount max_matches) {
    QueryBuilder builder = query_builder(request);
    parse_text(request, builder, std::nullopt);
    MatchQuery match = match_query(request, builder, request.match);
    std::vector<std::string> warnings = shard_warnings(request);
    if (request.match == MatchMode::All && builder.all_units_narrower()) {
        const MatchMode mode = effective_mode(request, builder, counted_at_least(match, kMinAllUnitsMatches));
        if (mode != match.mode) {
            match = match_query(request, builder, mode);
            warnings.push_back(fallback_warning());
        }
    }
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
    // Each record's copies as search() counts them: over every match.
    CopyCounts copies;
    if (request.collapse) {
        CountRequest count;
        count.collapse = true;
        copies = counter_.count({match.matched, match.text_without_name_keys}, count, 0).copies;
    }
    return FullRanking(std::move(matches), std::move(head), size, truncated, std::move(copies), shard_labels_,
                       std::move(warnings));
}

}  // namespace herald
