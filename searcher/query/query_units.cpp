#include "searcher/query/query_units.hpp"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <optional>
#include <vector>

#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/query/shared_articles.hpp"

namespace herald {
namespace {

// The query's items: runs of text between spaces outside quotes.
std::vector<std::string> top_level_items(const std::string& text) {
    std::vector<std::string> items;
    std::string item;
    bool in_quotes = false;
    for (const char c : text) {
        if (c == '"') in_quotes = !in_quotes;
        if (c == ' ' && !in_quotes) {
            if (!item.empty()) items.push_back(std::move(item));
            item.clear();
            continue;
        }
        item.push_back(c);
    }
    if (!item.empty()) items.push_back(std::move(item));
    return items;
}

bool is_operator(const std::string& item) {
    static constexpr std::array<std::string_view, 4> kBoolean{"AND", "OR", "NOT", "XOR"};
    if (std::find(kBoolean.begin(), kBoolean.end(), item) != kBoolean.end()) return true;
    for (const std::string_view proximity : {"NEAR", "ADJ"}) {
        if (item.compare(0, proximity.size(), proximity) == 0 &&
            (item.size() == proximity.size() || item[proximity.size()] == '/'))
            return true;
    }
    return false;
}

bool has_brackets_outside_quotes(const std::string& item) {
    bool in_quotes = false;
    for (const char c : item) {
        if (c == '"') in_quotes = !in_quotes;
        if (!in_quotes && (c == '(' || c == ')')) return true;
    }
    return false;
}

// The placeholder number of an unsigned "heraldword:N" item.
std::optional<std::size_t> placeholder_number(const std::string& item) {
    const std::string prefix = std::string(schema::kWordPlaceholderField) + ":";
    if (item.compare(0, prefix.size(), prefix) != 0) return std::nullopt;
    std::size_t number = 0;
    const char* begin = item.data() + prefix.size();
    const char* end = item.data() + item.size();
    const auto [stop, error] = std::from_chars(begin, end, number);
    if (error != std::errc() || stop != end || begin == end) return std::nullopt;
    return number;
}

// The field an item names ("source" of "source:fox"), or empty.
std::string_view field_of(const std::string& item) {
    std::size_t at = 0;
    while (at < item.size() && is_word_byte(item[at])) ++at;
    if (at == 0 || at >= item.size() || item[at] != ':') return {};
    return std::string_view(item).substr(0, at);
}

enum class Role { Required, Optional, Kept };

// Positions of both in `article`: is `first` ever right before `second`?
bool first_right_before(const Xapian::Database& database, Xapian::docid article, const std::string& first,
                        const std::string& second) {
    auto next = database.positionlist_begin(article, second);
    const auto next_end = database.positionlist_end(article, second);
    for (auto at = database.positionlist_begin(article, first); at != database.positionlist_end(article, first); ++at) {
        next.skip_to(*at + 1);
        if (next == next_end) return false;
        if (*next == *at + 1) return true;
    }
    return false;
}

}  // namespace

TypedCase typed_case(std::string_view query_utf8) {
    TypedCase typed;
    const char* const base = query_utf8.data();
    Xapian::Utf8Iterator it(query_utf8.data(), query_utf8.size());
    const Xapian::Utf8Iterator end;
    while (it != end) {
        if (!Xapian::Unicode::is_wordchar(*it)) {
            ++it;
            continue;
        }
        const bool capitalised = is_capital(*it);
        const char* begin = it.raw();
        while (it != end && Xapian::Unicode::is_wordchar(*it)) ++it;
        const char* stop = it == end ? base + query_utf8.size() : it.raw();
        const std::string_view word(begin, static_cast<std::size_t>(stop - begin));
        if (is_all_capitals(word)) typed.all_capitals.insert(fold(word));
        if (capitalised) typed.capitalised.insert(fold(word));
    }
    return typed;
}

bool written_together(const Xapian::Database& database, const std::string& first, const std::string& second,
                      double share) {
    if (first.empty() || second.empty()) return false;
    if (database.get_termfreq(second) < kNamePairEvidence) return true;
    Xapian::doccount together = 0;
    const Xapian::doccount sampled = sample_shared_articles(
        database, second, first, kNamePairSample,
        [&](Xapian::docid article) { together += first_right_before(database, article, first, second); });
    return together >= share * sampled;
}

AllUnitsText all_units_text(const std::string& marked_text, const UnitRules& rules) {
    std::vector<std::string> items = top_level_items(marked_text);
    const bool has_operators = std::any_of(items.begin(), items.end(), [](const std::string& item) {
        return is_operator(item) || has_brackets_outside_quotes(item);
    });
    if (has_operators) return {marked_text, true};

    std::vector<Role> roles(items.size(), Role::Required);
    std::vector<std::optional<std::size_t>> numbers(items.size());
    for (std::size_t i = 0; i < items.size(); ++i) {
        const std::string& item = items[i];
        if (item.front() == '+' || item.front() == '-') {
            roles[i] = Role::Kept;
            continue;
        }
        numbers[i] = placeholder_number(item);
        if (numbers[i]) {
            if (rules.is_stopword(*numbers[i])) roles[i] = Role::Optional;
            continue;
        }
        const std::string_view field = field_of(item);
        if (!field.empty() && rules.is_filter_field(field)) roles[i] = Role::Kept;
    }
    // A name's given names are optional: its last word carries it.
    for (std::size_t i = 0; i + 1 < items.size(); ++i) {
        if (numbers[i] && numbers[i + 1] && rules.one_name(*numbers[i], *numbers[i + 1])) roles[i] = Role::Optional;
    }
    const bool any_required =
        std::any_of(roles.begin(), roles.end(), [&](Role role) { return role == Role::Required; });
    const bool any_loved =
        std::any_of(items.begin(), items.end(), [](const std::string& item) { return item.front() == '+'; });
    AllUnitsText all;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (i > 0) all.text.push_back(' ');
        // Nothing but stopwords (and given names): each is a unit after all.
        const bool required = roles[i] == Role::Required || (roles[i] == Role::Optional && !any_required && !any_loved);
        if (required) all.text.push_back('+');
        all.text += items[i];
    }
    return all;
}

}  // namespace herald
