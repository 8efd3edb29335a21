#include "searcher/web/html_page.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <iterator>

#include "searcher/present/snippet.hpp"
#include "searcher/web/charts.hpp"
#include "searcher/web/query_string.hpp"

namespace herald::web {
namespace {

constexpr std::size_t kFacetValuesShown = 8;

constexpr const char* kStyle =
    "body{font-family:system-ui,sans-serif;max-width:56rem;margin:1rem auto;padding:0 1rem;color:#222}"
    "form{margin:1rem 0}input[type=search]{width:70%;font-size:1.1rem;padding:.3rem}"
    "main{display:flex;gap:2rem}ol{flex:1;padding-left:1.5rem}li{margin-bottom:1rem}"
    "aside{width:14rem;font-size:.9rem}aside ul{list-style:none;padding:0}"
    ".meta{color:#666;font-size:.85rem}.error{color:#a00}.warning{color:#a60}b{background:#ffeb99}"
    "figure{margin:1rem 0}figcaption{color:#666;font-size:.85rem}.legend{font-size:.85rem;margin:.2rem 0}"
    ".legend span{margin-right:.8rem;white-space:nowrap}svg.share{margin-left:.3rem}";

// Replaces every `name` parameter with `value` (none when empty), keeping
// the rest; paging restarts unless the offset itself is being set.
Parameters with_parameter(const Parameters& parameters, const std::string& name, const std::string& value) {
    Parameters changed;
    for (const auto& parameter : parameters) {
        if (parameter.first != name && (name == "offset" || parameter.first != "offset")) changed.push_back(parameter);
    }
    if (!value.empty()) changed.emplace_back(name, value);
    return changed;
}

Parameters without_value(const Parameters& parameters, const std::string& name, const std::string& value) {
    Parameters changed;
    for (const auto& parameter : parameters) {
        if (parameter.first == "offset" || (parameter.first == name && parameter.second == value)) continue;
        changed.push_back(parameter);
    }
    return changed;
}

std::string href(const Parameters& parameters) { return html_escape("?" + build_query_string(parameters)); }

bool is_web_url(const std::string& url) { return url.rfind("http://", 0) == 0 || url.rfind("https://", 0) == 0; }

void render_form(std::string& out, const PageView& view) {
    fmt::format_to(std::back_inserter(out),
                   "<form method=\"get\" role=\"search\"><input type=\"search\" name=\"q\" value=\"{}\" "
                   "aria-label=\"Search\" autofocus> <button type=\"submit\">Search</button></form>\n",
                   html_escape(view.request.query));
}

void render_active_filters(std::string& out, const PageView& view) {
    std::string filters;
    for (const auto& [name, value] : view.parameters) {
        if (name != "source" && name != "tag" && name != "author" && name != "lang" && name != "from" && name != "to" &&
            view.keyword_fields.count(name) == 0) {
            continue;
        }
        fmt::format_to(std::back_inserter(filters), " <a href=\"{}\" title=\"remove\">{}: {} &#x2715;</a>",
                       href(without_value(view.parameters, name, value)), html_escape(name), html_escape(value));
    }
    if (!filters.empty()) out += "<p class=\"meta\">Filters:" + filters + "</p>\n";
}

void render_hit(std::string& out, const Hit& hit) {
    const Article& article = hit.article;
    const std::string title = html_escape(article.title.empty() ? article.id : article.title);
    out += "<li>";
    if (is_web_url(article.url)) {
        fmt::format_to(std::back_inserter(out), "<a href=\"{}\">{}</a>", html_escape(article.url), title);
    } else {
        out += title;
    }
    std::vector<std::string> meta;
    if (!article.source.empty()) meta.push_back(html_escape(article.source));
    if (article.date) meta.push_back(article.date->iso8601());
    if (!article.language.empty()) meta.push_back(html_escape(article.language));
    if (hit.duplicates > 0) meta.push_back(fmt::format("{} similar copies", hit.duplicates));
    if (hit.all_words == false) meta.emplace_back("some of the words");
    fmt::format_to(std::back_inserter(out), "<div class=\"meta\">{}</div><div>{}</div></li>\n",
                   fmt::join(meta, " &middot; "), snippet_html(hit.snippet));
}

// A facet value's link narrows the search; years become a date range.
Parameters narrowed(const Parameters& parameters, const std::string& facet, const std::string& value) {
    if (facet == "year") return with_parameter(with_parameter(parameters, "from", value), "to", value);
    Parameters changed = with_parameter(parameters, "offset", "");
    changed.emplace_back(facet, value);
    return changed;
}

// A top term searches for itself, a phrase in quotes; filters stay.
void render_top_terms(std::string& out, const PageView& view, const SearchResults& results) {
    if (results.top_terms.empty()) return;
    fmt::format_to(std::back_inserter(out), "<h3>Top terms <small>(in the top {} matches)</small></h3><ul>\n",
                   results.top_terms_foreground);
    for (const auto& term : results.top_terms) {
        const bool phrase = term.term.find(' ') != std::string::npos;
        const std::string query = phrase ? "\"" + term.term + "\"" : term.term;
        fmt::format_to(std::back_inserter(out), "<li><a href=\"{}\">{}</a> ({})</li>\n",
                       href(with_parameter(view.parameters, "q", query)), html_escape(term.term), term.count);
    }
    out += "</ul>\n";
}

void render_facets(std::string& out, const PageView& view, const SearchResults& results) {
    out += "<aside>\n";
    render_top_terms(out, view, results);
    for (const auto& facet : results.facets) {
        fmt::format_to(std::back_inserter(out), "<h3>{}</h3><ul>\n", html_escape(facet.name));
        std::size_t shown = 0;
        for (const auto& value : facet.values) {
            if (!value.value) continue;  // the count of articles without the field
            if (shown++ == kFacetValuesShown) break;
            fmt::format_to(std::back_inserter(out), "<li><a href=\"{}\">{}</a> ({}){}</li>\n",
                           href(narrowed(view.parameters, facet.name, *value.value)), html_escape(*value.value),
                           value.count, share_bar_svg(value.count, results.total));
        }
        out += "</ul>\n";
    }
    out += "</aside>\n";
}

// The timeline as a bar chart and each keyword field's split as a stacked bar.
void render_charts(std::string& out, const PageView& view, const SearchResults& results) {
    if (results.timeline) {
        const std::string chart = timeline_svg(*results.timeline, view.parameters);
        if (!chart.empty()) {
            std::string caption = fmt::format("Matching articles by {}; a bar narrows the search to its period.",
                                              timeline_interval_name(results.timeline->interval));
            if (results.timeline->undated > 0) {
                caption += fmt::format(" {} undated not shown.", results.timeline->undated);
            }
            fmt::format_to(std::back_inserter(out),
                           "<figure class=\"timeline\">{}<figcaption>{}</figcaption></figure>\n", chart,
                           html_escape(caption));
        }
    }
    for (const auto& facet : results.facets) {
        if (view.keyword_fields.count(facet.name) == 0) continue;
        const std::string bar = stacked_bar_svg(facet);
        if (bar.empty()) continue;
        fmt::format_to(std::back_inserter(out),
                       "<figure class=\"split\"><figcaption>{} of the matches</figcaption>{}</figure>\n",
                       html_escape(facet.name), bar);
    }
}

void render_pagination(std::string& out, const PageView& view, const SearchResults& results) {
    const Xapian::doccount limit = view.request.limit;
    const Xapian::doccount offset = results.offset;
    std::vector<std::string> links;
    if (offset > 0 && limit > 0) {
        const Xapian::doccount previous = offset > limit ? offset - limit : 0;
        links.push_back(fmt::format("<a href=\"{}\" rel=\"prev\">&larr; Previous</a>",
                                    href(with_parameter(view.parameters, "offset", std::to_string(previous)))));
    }
    // The hits go on past the counted articles to those only a name key finds.
    // And, ranked by relevance, past the articles with all the words to those with some.
    const Xapian::doccount some_words =
        results.match == MatchMode::All && results.match_totals && view.request.sort == SortOrder::Relevance
            ? results.match_totals->any - results.match_totals->all
            : 0;
    const Xapian::doccount listed = results.total + results.name_variants + some_words;
    if (limit > 0 && offset + limit < listed && offset + limit <= view.limits.max_offset) {
        links.push_back(fmt::format("<a href=\"{}\" rel=\"next\">Next &rarr;</a>",
                                    href(with_parameter(view.parameters, "offset", std::to_string(offset + limit)))));
    }
    if (!links.empty()) fmt::format_to(std::back_inserter(out), "<nav>{}</nav>\n", fmt::join(links, " "));
}

// " with all the words · 7,929 with any" (linked to the other set) when the
// two match modes count different articles; empty otherwise.
std::string match_counts(const PageView& view, const SearchResults& results) {
    // Fallen back, the warning says there is no article with all the words.
    if (!results.match_totals || results.fell_back || results.match_totals->all == results.match_totals->any) return "";
    const bool all = results.match == MatchMode::All;
    const Xapian::doccount other = all ? results.match_totals->any : results.match_totals->all;
    return fmt::format(
        " with {} the words &middot; <a href=\"{}\">{} with {}</a>", all ? "all" : "some of",
        href(with_parameter(with_parameter(view.parameters, "match", all ? "any" : "all"), "offset", "")), other,
        all ? "any" : "all");
}

void render_results(std::string& out, const PageView& view, const SearchResults& results) {
    if (!results.corrected_query.empty()) {
        fmt::format_to(std::back_inserter(out), "<p>Did you mean <a href=\"{}\">{}</a>?</p>\n",
                       href(with_parameter(view.parameters, "q", results.corrected_query)),
                       html_escape(results.corrected_query));
    }
    for (const auto& warning : results.warnings) {
        fmt::format_to(std::back_inserter(out), "<p class=\"warning\">{}</p>\n", html_escape(warning));
    }
    if (results.hits.empty()) {
        out += "<p>No articles match.</p>\n";
        return;
    }
    // The total is exact when every match was counted (lower and upper bounds meet).
    const bool exact = results.total_lower == results.total_upper;
    const std::string variants = results.name_variants > 0
                                     ? fmt::format(" and {} with a variant spelling of a name", results.name_variants)
                                     : "";
    fmt::format_to(std::back_inserter(out), "<p class=\"meta\">{}&ndash;{} of {}{} articles{}{}</p>\n",
                   results.offset + 1, results.offset + results.hits.size(), exact ? "" : "about ", results.total,
                   match_counts(view, results), variants);
    render_charts(out, view, results);
    fmt::format_to(std::back_inserter(out), "<main><ol start=\"{}\">\n", results.offset + 1);
    for (const auto& hit : results.hits) render_hit(out, hit);
    out += "</ol>\n";
    render_facets(out, view, results);
    out += "</main>\n";
    render_pagination(out, view, results);
}

}  // namespace

std::string render_page(const PageView& view) {
    std::string out;
    const std::string title = view.request.query.empty() ? "Herald" : "Herald: " + view.request.query;
    fmt::format_to(std::back_inserter(out),
                   "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                   "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                   "<title>{}</title><style>{}</style></head><body>\n<h1><a href=\"?\">Herald</a></h1>\n",
                   html_escape(title), kStyle);
    render_form(out, view);
    if (!view.error.empty())
        fmt::format_to(std::back_inserter(out), "<p class=\"error\">{}</p>\n", html_escape(view.error));
    render_active_filters(out, view);
    if (view.results) {
        render_results(out, view, *view.results);
    } else if (view.error.empty()) {
        fmt::format_to(std::back_inserter(out), "<p class=\"meta\">Search {} articles.</p>\n", view.documents);
    }
    out += "</body></html>\n";
    return out;
}

}  // namespace herald::web
