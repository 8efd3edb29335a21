#include "searcher/query/search_params.hpp"

#include <fmt/format.h>

#include <charconv>
#include <set>
#include <string_view>

#include "common/keyword_fields.hpp"

namespace herald {
namespace {

const std::set<std::string_view> kRepeatable = {"source", "author", "tag", "lang"};

unsigned long long parse_count(const std::string& name, const std::string& text) {
    unsigned long long value = 0;
    const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (text.empty() || error != std::errc() || end != text.data() + text.size()) {
        throw ParameterError(fmt::format("{}: '{}' is not a whole number", name, text));
    }
    return value;
}

double parse_positive(const std::string& name, const std::string& text) {
    std::size_t used = 0;
    double value = 0;
    try {
        value = std::stod(text, &used);
    } catch (const std::exception&) {
        used = 0;
    }
    if (used == 0 || used != text.size() || !(value > 0) || value > 1e9) {
        throw ParameterError(fmt::format("{}: '{}' is not a positive number", name, text));
    }
    return value;
}

bool parse_flag(const std::string& name, const std::string& text) {
    if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
    if (text == "false" || text == "0" || text == "no" || text == "off") return false;
    throw ParameterError(fmt::format("{}: '{}' is not true or false", name, text));
}

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (start <= text.size()) {
        const std::size_t comma = std::min(text.find(',', start), text.size());
        if (comma > start) items.push_back(text.substr(start, comma - start));
        start = comma + 1;
    }
    return items;
}

void apply(SearchRequest& request, const std::string& name, const std::string& value, const ParameterLimits& limits) {
    if (name == "q") {
        if (value.size() > limits.max_query_bytes) {
            throw ParameterError(fmt::format("q: longer than {} bytes", limits.max_query_bytes));
        }
        request.query = value;
    } else if (name == "limit") {
        request.limit =
            static_cast<Xapian::doccount>(std::min<unsigned long long>(parse_count(name, value), limits.max_limit));
    } else if (name == "offset") {
        const auto offset = parse_count(name, value);
        if (offset > limits.max_offset) {
            throw ParameterError(
                fmt::format("offset: {} is past the deepest page allowed ({})", value, limits.max_offset));
        }
        request.offset = static_cast<Xapian::doccount>(offset);
    } else if (name == "sort") {
        const auto sort = sort_order_from_name(value);
        if (!sort) throw ParameterError(fmt::format("sort: must be relevance, date or -date, not '{}'", value));
        request.sort = *sort;
    } else if (name == "ranking") {
        const auto ranking = ranking_from_name(value);
        if (!ranking) throw ParameterError(fmt::format("ranking: must be herald or bm25, not '{}'", value));
        request.ranking = *ranking;
    } else if (name == "from") {
        request.from = value;
    } else if (name == "to") {
        request.to = value;
    } else if (name == "source") {
        request.sources.push_back(value);
    } else if (name == "author") {
        request.authors.push_back(value);
    } else if (name == "tag") {
        request.tags.push_back(value);
    } else if (name == "lang") {
        request.languages.push_back(value);
    } else if (name == "facets") {
        request.facets = split_commas(value);
        // Each named facet costs a pass over every match: no repeats.
        if (std::set<std::string>(request.facets.begin(), request.facets.end()).size() != request.facets.size()) {
            throw ParameterError("facets: a facet is named more than once");
        }
    } else if (name == "timeline") {
        request.timeline = timeline_interval_from_name(value);
        if (!request.timeline) {
            throw ParameterError(fmt::format("timeline: must be day, week, month or year, not '{}'", value));
        }
    } else if (name == "collapse") {
        request.collapse = parse_flag(name, value);
    } else if (name == "like") {
        request.like_id = value;
    } else if (name == "recency") {
        request.recency_half_life_days = parse_positive(name, value);
    } else if (name == "top_terms") {
        const auto wanted = parse_count(name, value);
        if (wanted > kMaxTopTerms) {
            throw ParameterError(fmt::format("top_terms: {} is more than the {} allowed", value, kMaxTopTerms));
        }
        request.top_terms = static_cast<std::size_t>(wanted);
    } else if (name == "match") {
        const auto mode = match_mode_from_name(value);
        if (!mode) throw ParameterError(fmt::format("match: must be all or any, not '{}'", value));
        request.match = *mode;
    } else if (name == "name_variants") {
        if (value != "count" && value != "exclude") {
            throw ParameterError(fmt::format("name_variants: must be count or exclude, not '{}'", value));
        }
        request.count_name_variants = value == "count";
    } else if (!keyword_name_problem(name)) {
        // A keyword field's filter; search() checks the database has it.
        request.keyword_filters.emplace_back(name, value);
    } else {
        throw ParameterError(fmt::format("unknown parameter '{}'", name));
    }
}

}  // namespace

SearchRequest search_request_from_parameters(const Parameters& parameters, const ParameterLimits& limits) {
    SearchRequest request;
    std::set<std::string> seen;
    for (const auto& [name, value] : parameters) {
        if (!seen.insert(name).second && kRepeatable.count(name) == 0 && keyword_name_problem(name)) {
            throw ParameterError(fmt::format("{}: given more than once", name));
        }
        apply(request, name, value, limits);
    }
    return request;
}

}  // namespace herald
