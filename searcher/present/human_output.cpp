#include "searcher/present/human_output.hpp"

#include <fmt/format.h>
#include <fmt/ostream.h>

#include <algorithm>
#include <ostream>

#include "searcher/present/snippet.hpp"
#include "searcher/present/sparkline.hpp"
#include "searcher/present/terminal_text.hpp"

namespace herald {
namespace {

std::string bold(const std::string& text, bool ansi) { return ansi ? "\033[1m" + text + "\033[0m" : text; }

std::string details_line(const Hit& hit) {
    std::vector<std::string> parts;
    if (hit.article.date) parts.push_back(hit.article.date->iso8601());
    if (!hit.article.source.empty()) parts.push_back(hit.article.source);
    for (const auto& [name, value] : hit.article.keywords) parts.push_back(name + " " + value);
    parts.push_back("id " + hit.article.id);
    parts.push_back(fmt::format("score {:.3f}", hit.score));
    if (hit.duplicates > 0)
        parts.push_back(fmt::format("+{} duplicate{}", hit.duplicates, hit.duplicates == 1 ? "" : "s"));
    if (hit.all_words == false) parts.emplace_back("some of the words");
    return terminal_text(fmt::format("{}", fmt::join(parts, " · ")));
}

void print_facets(std::ostream& out, const SearchResults& results, bool ansi) {
    for (const auto& facet : results.facets) {
        constexpr std::size_t kShown = 10;
        std::vector<std::string> entries;
        for (const auto& value : facet.values) {
            if (entries.size() == kShown) {
                entries.push_back(fmt::format("… {} more", facet.values.size() - kShown));
                break;
            }
            entries.push_back(fmt::format("{} ({})", terminal_text(value.value.value_or("none")), value.count));
        }
        fmt::print(out, "{}: {}\n", bold(terminal_text(facet.name), ansi), fmt::join(entries, ", "));
    }
    if (!results.facets.empty()) fmt::print(out, "\n");
}

// Blocks a terminal line has room for after the labels.
constexpr std::size_t kSparklineWidth = 60;
// One line after the results: "Top terms (in the top 200 matches): fencing (58), barrier (82), ...".
void print_top_terms(std::ostream& out, const SearchResults& results, bool ansi) {
    if (!results.top_terms_requested) return;
    std::vector<std::string> entries;
    for (const auto& term : results.top_terms)
        entries.push_back(fmt::format("{} ({})", terminal_text(term.term), term.count));
    if (entries.empty()) entries.push_back("none");
    fmt::print(out, "{} (in the top {} matches): {}\n", bold("Top terms", ansi), results.top_terms_foreground,
               fmt::join(entries, ", "));
}

}  // namespace

void print_timeline(std::ostream& out, const Timeline& timeline, bool ansi) {
    const std::string label = timeline.query.empty() ? "timeline" : "\"" + terminal_text(timeline.query) + "\"";
    if (timeline.buckets.empty()) {
        fmt::print(out, "{}: no dated matches ({} undated)\n", bold(label, ansi), timeline.undated);
        return;
    }
    const auto peak = std::max_element(timeline.buckets.begin(), timeline.buckets.end(),
                                       [](const auto& a, const auto& b) { return a.count < b.count; });
    const TimelineSparkline spark = timeline_sparkline(timeline, kSparklineWidth);
    const std::string_view interval = timeline_interval_name(timeline.interval);
    fmt::print(out, "{} by {}{}: {} |{}| {}\n", bold(label, ansi), interval,
               spark.periods_per_block > 1 ? fmt::format(" ({} per block)", spark.periods_per_block) : "",
               timeline.buckets.front().period, spark.line, timeline.buckets.back().period);
    fmt::print(out, "{:{}}peak {} with {} of {} articles ({:.1f}%); {} dated, {} undated\n", "", 2, peak->period,
               peak->count, peak->all, peak->share * 100, timeline.total() - timeline.undated, timeline.undated);
}

void print_human(std::ostream& out, const SearchResults& results, bool ansi) {
    if (!results.corrected_query.empty()) {
        fmt::print(out, "Did you mean: {}\n\n", bold(terminal_text(results.corrected_query), ansi));
    }
    print_facets(out, results, ansi);
    if (results.timeline) {
        print_timeline(out, *results.timeline, ansi);
        fmt::print(out, "\n");
    }
    if (results.hits.empty()) {
        fmt::print(out, "No results for \"{}\"{}.\n", terminal_text(results.query),
                   results.offset > 0 ? fmt::format(" past result {}", results.offset) : "");
        print_top_terms(out, results, ansi);
        return;
    }
    const std::string variants = results.name_variants > 0
                                     ? fmt::format(", and {} with a variant spelling of a name", results.name_variants)
                                     : "";
    fmt::print(out, "About {} results for \"{}\"{} (showing {}-{})\n\n", results.total, terminal_text(results.query),
               variants, results.hits.front().rank, results.hits.back().rank);
    for (const auto& hit : results.hits) {
        const std::string title = hit.article.title.empty() ? "(untitled)" : terminal_text(hit.article.title);
        fmt::print(out, "{:>3}. {}\n", hit.rank, bold(title, ansi));
        fmt::print(out, "     {}\n", details_line(hit));
        if (!hit.article.url.empty()) fmt::print(out, "     {}\n", terminal_text(hit.article.url));
        const std::string snippet = ansi ? snippet_ansi(hit.snippet) : terminal_text(snippet_plain(hit.snippet));
        if (!snippet.empty()) fmt::print(out, "     {}\n", snippet);
        fmt::print(out, "\n");
    }
    print_top_terms(out, results, ansi);
}

}  // namespace herald
