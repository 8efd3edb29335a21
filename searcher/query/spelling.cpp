#include "searcher/query/spelling.hpp"

#include <algorithm>
#include <string_view>
#include <vector>

#include "common/text.hpp"

namespace herald {
namespace {

constexpr std::size_t kMinWordBytes = 3;

// Words of the folded query start with a letter and may go on with digits;
// upper-case letters only spell operators.
constexpr unsigned kWordStartBytes = kLowerAscii | kNonAscii;
constexpr unsigned kWordBytes = kLowerAscii | kDigits | kNonAscii;

bool known(const Xapian::Database& database, const Xapian::Stem& stemmer, const std::string& word) {
    return database.term_exists(word) || database.term_exists("Z" + stemmer(word));
}

constexpr int kMaxEditDistance = 2;

// Optimal string alignment distance (Levenshtein plus adjacent transpositions).
int edit_distance(std::string_view a, std::string_view b) {
    std::vector<std::vector<int>> d(a.size() + 1, std::vector<int>(b.size() + 1));
    for (std::size_t i = 0; i <= a.size(); ++i) d[i][0] = static_cast<int>(i);
    for (std::size_t j = 0; j <= b.size(); ++j) d[0][j] = static_cast<int>(j);
    for (std::size_t i = 1; i <= a.size(); ++i) {
        for (std::size_t j = 1; j <= b.size(); ++j) {
            const int cost = a[i - 1] == b[j - 1] ? 0 : 1;
            d[i][j] = std::min({d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost});
            if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
                d[i][j] = std::min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[a.size()][b.size()];
}

struct Candidate {
    std::string word;
    int distance = kMaxEditDistance + 1;
    Xapian::doccount frequency = 0;

    void consider(const Xapian::Database& database, const std::string& original, const std::string& other) {
        if (other.empty() || other == original) return;
        const int d = edit_distance(original, other);
        if (d > kMaxEditDistance) return;
        const Xapian::doccount f = database.get_termfreq(other);
        if (d < distance || (d == distance && f > frequency)) *this = Candidate{other, d, f};
    }
};

// What is left of the query's scanning budget.
struct ScanBudget {
    std::size_t terms_left = kMaxTermsScanned;
    Deadline deadline;

    bool expired() const { return deadline && std::chrono::steady_clock::now() >= *deadline; }
};

// The closest known word: Xapian's suggestion from the spelling data (title
// words), and a scan of the index's words sharing the first letter, since a
// misspelt name may only ever appear in article bodies. Fewer edits win,
// then more documents. The scan stops at the budget.
std::string closest_spelling(const Xapian::Database& database, const std::string& word, ScanBudget& budget) {
    Candidate best;
    best.consider(database, word, database.get_spelling_suggestion(word, kMaxEditDistance));
    const std::string first_letter = word.substr(0, 1);
    const std::size_t scan = std::min(budget.terms_left, kMaxTermsScannedPerWord);
    std::size_t scanned = 0;
    for (auto it = database.allterms_begin(first_letter); it != database.allterms_end(first_letter); ++it) {
        if (scanned == scan || (scanned % 1024 == 0 && budget.expired())) break;
        ++scanned;
        const std::string& term = *it;
        const auto length_gap = term.size() > word.size() ? term.size() - word.size() : word.size() - term.size();
        if (length_gap <= static_cast<std::size_t>(kMaxEditDistance)) best.consider(database, word, term);
    }
    budget.terms_left -= scanned;
    return best.word;
}

}  // namespace

std::string suggest_correction(const Xapian::Database& database, const Xapian::Stem& stemmer,
                               const std::string& folded_query, const Deadline& deadline) {
    ScanBudget budget{kMaxTermsScanned, deadline};
    std::size_t words_corrected = 0;
    std::string corrected;
    bool changed = false;
    std::size_t i = 0;
    while (i < folded_query.size()) {
        if (!is_word_byte(folded_query[i], kWordStartBytes)) {
            corrected.push_back(folded_query[i++]);
            continue;
        }
        const std::size_t start = i;
        while (i < folded_query.size() && is_word_byte(folded_query[i], kWordBytes)) ++i;
        const std::string word = folded_query.substr(start, i - start);
        const bool field_name = i < folded_query.size() && folded_query[i] == ':';
        const bool field_value = start > 0 && folded_query[start - 1] == ':';
        // After an ASCII letter or digit: the tail of a word that starts with one.
        const bool glued = start > 0 && is_word_byte(folded_query[start - 1], kLowerAscii | kUpperAscii | kDigits);
        if (field_name || field_value || glued || word.size() < kMinWordBytes ||
            words_corrected == kMaxWordsCorrected || budget.expired() || known(database, stemmer, word)) {
            corrected += word;
            continue;
        }
        ++words_corrected;
        const std::string suggestion = closest_spelling(database, word, budget);
        corrected += suggestion.empty() ? word : suggestion;
        changed = changed || !suggestion.empty();
    }
    return changed ? corrected : std::string();
}

}  // namespace herald
