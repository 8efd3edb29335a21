// What a search asks for: the query text, filters, paging, order and
// options, as the command line and the web API fill it in.
#pragma once

#include <xapian.h>

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace herald {

enum class SortOrder { Relevance, DateAscending, DateDescending };

// Herald's ranking (BM25 plus title evidence, match/ranking.hpp),
// or Xapian's stock BM25 for comparison.
enum class Ranking { Herald, BM25 };

// "herald" or "bm25"; nullopt otherwise.
std::optional<Ranking> ranking_from_name(const std::string& name);

// "relevance", "date" (oldest first), "-date" (newest first); nullopt otherwise.
std::optional<SortOrder> sort_order_from_name(const std::string& name);

// Which articles a query matches (query_units.hpp): those holding every
// unit of it, or any word of it.
enum class MatchMode { All, Any };

// "all" or "any"; nullopt otherwise.
std::optional<MatchMode> match_mode_from_name(std::string_view name);
std::string_view match_mode_name(MatchMode mode);

// Calendar periods a timeline counts by (analysis/timeline.hpp).
enum class TimelineInterval { Day, Week, Month, Year };

// "day", "week", "month", "year"; nullopt otherwise.
std::optional<TimelineInterval> timeline_interval_from_name(std::string_view name);
std::string_view timeline_interval_name(TimelineInterval interval);

// Filter values one request may give, all fields together: Xapian chains
// the alternatives of an OR that match nothing one inside the next, so
// thousands of unknown sources cost time quadratic in their number
// (20,000 took 35 s).
inline constexpr std::size_t kMaxFilterValues = 1024;

struct SearchRequest {
    std::string query;  // may be empty when filters or like_id narrow the search
    Xapian::doccount offset = 0;
    Xapian::doccount limit = 10;
    // Filters: OR within a field, AND across fields.
    std::vector<std::string> sources, authors, tags;
    std::vector<std::string> languages;  // codes or names ("ru", "Russian")
    // Keyword fields of the database (name, value): OR within a name, AND across.
    std::vector<std::pair<std::string, std::string>> keyword_filters;
    std::string from, to;  // dates, partial allowed ("2016", "2016-05")
    SortOrder sort = SortOrder::Relevance;
    Ranking ranking = Ranking::Herald;
    double recency_half_life_days = 0;  // > 0 blends in freshness
    std::vector<std::string> facets;    // names from schema::kFacets
    bool collapse = true;               // fold near-duplicate copies into their best hit
    std::string like_id;                // more like this article
    // Stems query words in this language only (an ISO code or name); empty:
    // in every language the archive holds, besides the searcher's own.
    std::string language;
    // Stops the match after this long (0: no limit); the page then holds the
    // best hits found so far and the results are flagged partial.
    double time_limit_seconds = 0;
    // Counts the whole (collapsed) match set by period, next to the
    // archive's articles in each period; makes `total` exact.
    std::optional<TimelineInterval> timeline;
    // The words and two-word phrases most over-represented in the top
    // matches against the archive (analysis/top_terms.hpp); 0: none.
    std::size_t top_terms = 0;
    // How much text top terms read: the top matches and the first words of
    // each (0: analysis/top_terms.hpp's defaults, 200 and 2000).
    Xapian::doccount top_terms_foreground = 0;
    std::size_t top_terms_words_per_article = 0;
    // With `timeline` set: the interval is chosen from the span of the
    // matches (automatic_interval, analysis/timeline.hpp), not `*timeline`.
    bool timeline_automatic = false;
    // Counts (total, facets, timeline, top terms, exports) include the
    // articles only a name key finds, a variant spelling (match/name_variants.hpp);
    // by default they are listed but not counted.
    bool count_name_variants = false;
    // Articles with every unit of the query, falling back to those with any
    // word when none has them all; or those with any word.
    MatchMode match = MatchMode::All;
    // Also counts the articles of the other mode, when it matches other
    // articles (SearchResults::other_match_total): the page shows both.
    bool count_other_match = false;
};

}  // namespace herald
