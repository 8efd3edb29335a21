#include "searcher/analysis/top_terms.hpp"

#include <fmt/format.h>
#include <utf8proc.h>

#include <algorithm>
#include <tuple>

#include "common/document_data.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"
#include "searcher/query/stopwords.hpp"

namespace herald {
namespace {

// Xapian's TermGenerator leaves out longer words; so does the count.
constexpr std::size_t kMaxWordBytes = 64;
// At most this many words, and phrases, counted in the most foreground
// articles are candidates (their frequencies are looked up in the archive).
constexpr std::size_t kMaxCandidates = 2000;
// Matches weighing less than this share of the best one are left out of the foreground.
constexpr double kForegroundWeightShare = 0.25;
// A word is left out when a top phrase holding it covers this share of its articles.
constexpr double kCoveredByPhrase = 0.8;

bool is_word_char(utf8proc_int32_t code_point) {
    if (code_point < 0x80) {
        return (code_point >= 'a' && code_point <= 'z') || (code_point >= 'A' && code_point <= 'Z') ||
               (code_point >= '0' && code_point <= '9');
    }
    switch (utf8proc_category(code_point)) {
        case UTF8PROC_CATEGORY_LU:
        case UTF8PROC_CATEGORY_LL:
        case UTF8PROC_CATEGORY_LT:
        case UTF8PROC_CATEGORY_LM:
        case UTF8PROC_CATEGORY_LO:
        case UTF8PROC_CATEGORY_MN:
        case UTF8PROC_CATEGORY_MC:
        case UTF8PROC_CATEGORY_ME:
        case UTF8PROC_CATEGORY_ND:
        case UTF8PROC_CATEGORY_NL:
        case UTF8PROC_CATEGORY_NO:
        case UTF8PROC_CATEGORY_PC:
            return true;
        default:
            return false;
    }
}

// Separators that keep two words adjacent in a phrase: spaces, not punctuation or line breaks.
bool is_space(utf8proc_int32_t code_point) { return code_point == ' ' || code_point == '\t' || code_point == 0xA0; }

// The word as the index holds it: folded, with Xapian's plain apostrophe.
void fold_word(std::string_view word, std::string& folded) {
    folded.clear();
    if (std::all_of(word.begin(), word.end(), [](char c) { return (c & 0x80) == 0; })) {
        for (const char c : word) folded.push_back(fold_ascii(c));
        return;
    }
    folded = herald::fold_word(word);
}

// Words worth counting: two letters or more, not a number, not a possessive.
bool is_content_word(const std::string& folded) {
    if (folded.size() > kMaxWordBytes || folded.empty()) return false;
    if (std::all_of(folded.begin(), folded.end(), [](char c) { return c >= '0' && c <= '9'; })) return false;
    if (folded.size() >= 2 && folded.compare(folded.size() - 2, 2, "'s") == 0) return false;
    std::size_t code_points = 0;
    for (const char c : folded) code_points += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return code_points >= 2;
}

std::string lower_case(std::string_view text) {
    std::string out;
    auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    const auto size = static_cast<utf8proc_ssize_t>(text.size());
    for (utf8proc_ssize_t at = 0; at < size;) {
        utf8proc_int32_t code_point = -1;
        const utf8proc_ssize_t length = utf8proc_iterate(bytes + at, size - at, &code_point);
        if (length <= 0) {  // not UTF-8: kept as it is
            out.push_back(text[static_cast<std::size_t>(at)]);
            ++at;
            continue;
        }
        utf8proc_uint8_t encoded[4];
        const auto written = utf8proc_encode_char(utf8proc_tolower(code_point), encoded);
        out.append(reinterpret_cast<const char*>(encoded), static_cast<std::size_t>(written));
        at += length;
    }
    return out;
}

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
    for (std::size_t at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
        text.replace(at, from.size(), to);
    }
    return text;
}

struct Candidate {
    std::string first, second;  // a word, or the two words of a phrase
    const ForegroundCounter::Entry* entry;
    Xapian::doccount background = 0;
    double score = 0;
    bool phrase() const { return !second.empty(); }
};

// Most articles first, then by words (stable results).
void sort_by_articles(std::vector<Candidate>& candidates) {
    std::sort(candidates.begin(), candidates.end(), [](const Candidate& a, const Candidate& b) {
        if (a.entry->articles != b.entry->articles) return a.entry->articles > b.entry->articles;
        return std::tie(a.first, a.second) < std::tie(b.first, b.second);
    });
}

}  // namespace

double jlh_score(Xapian::doccount fg_count, Xapian::doccount fg_size, Xapian::doccount bg_count,
                 Xapian::doccount bg_size) {
    if (fg_size == 0 || bg_size == 0 || bg_count == 0) return 0;
    const double foreground = static_cast<double>(fg_count) / fg_size;
    const double background = static_cast<double>(bg_count) / bg_size;
    if (foreground <= background) return 0;
    return (foreground - background) * (foreground / background);
}

void WrittenForms::add(std::string_view written) {
    ++total_;
    const bool ascii = std::all_of(written.begin(), written.end(), [](char c) { return (c & 0x80) == 0; });
    const bool lower = ascii ? std::none_of(written.begin(), written.end(), [](char c) { return c >= 'A' && c <= 'Z'; })
                             : lower_case(written) == written;
    if (lower) {
        if (lower_++ == 0) lower_form_ = written;
        return;
    }
    if (votes_ > 0 && other_form_ == written) {
        ++votes_;
    } else if (votes_ == 0) {
        other_form_ = written;
        votes_ = 1;
    } else {
        --votes_;
    }
}

std::string WrittenForms::readable() const {
    if (total_ == 0) return {};
    const std::string form(lower_ * 3 >= total_ ? lower_form_ : other_form_);
    return collapse_whitespace(replace_all(form, "\u00A0", " "));
}

std::unordered_map<std::string, Xapian::doccount> term_frequencies(const Xapian::Database& database,
                                                                   const std::vector<std::string>& terms, bool remote) {
    std::unordered_map<std::string, Xapian::doccount> frequencies;
    if (terms.empty()) return frequencies;
    if (!remote) {  // a B-tree lookup each, far cheaper than opening every posting list
        for (const auto& term : terms) frequencies[term] = database.get_termfreq(term);
        return frequencies;
    }
    // The match gathers the statistics of its query's terms from every
    // shard at once: a round trip per remote shard, not per term.
    Xapian::Enquire enquire(database);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_OR, terms.begin(), terms.end()));
    const Xapian::MSet stats = enquire.get_mset(0, 0);
    for (const auto& term : terms) frequencies[term] = stats.get_termfreq(term);
    return frequencies;
}

std::unordered_map<std::string, Xapian::doccount> term_frequencies(const Xapian::Database& database,
                                                                   const std::vector<std::string>& terms, bool remote,
                                                                   ArchiveFrequencies* remembered) {
    if (remembered == nullptr) return term_frequencies(database, terms, remote);
    auto frequencies = remembered->find(terms);
    std::vector<std::string> unknown;
    for (const auto& term : terms) {
        if (frequencies.count(term) == 0) unknown.push_back(term);
    }
    const auto looked_up = term_frequencies(database, unknown, remote);
    remembered->remember(looked_up);
    frequencies.insert(looked_up.begin(), looked_up.end());
    return frequencies;
}

Xapian::doccount phrase_frequency(const Xapian::Database& database, const std::string& first,
                                  const std::string& second) {
    const std::vector<Xapian::Query> words{Xapian::Query(first), Xapian::Query(second)};
    Xapian::Enquire enquire(database);
    enquire.set_query(Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end(), 2));
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    // Checking every candidate makes the count exact.
    const Xapian::MSet matches = enquire.get_mset(0, 0, database.get_doccount());
    return matches.get_matches_estimated();
}

ForegroundCounter::ForegroundCounter(std::unordered_set<std::string> excluded, std::size_t expected_words)
    : excluded_(std::move(excluded)) {
    // Sized for news text, where about half of the word pairs read are
    // distinct: little rehashing on the way, and little to clear.
    const std::size_t pairs = std::max<std::size_t>(expected_words / 2, 1024);
    std::size_t slots = 1;
    while (slots < 2 * pairs) slots *= 2;
    ids_.reserve(std::min<std::size_t>(pairs, 1 << 14));
    slot_ids_.assign(slots, kNoPair);
    slot_entry_.assign(slots, 0);
    pair_ids_.reserve(pairs);
    pair_entries_.reserve(pairs);
}

void ForegroundCounter::add_article(const std::vector<std::string_view>& texts, std::string_view language,
                                    std::size_t max_words) {
    ++articles_;
    std::size_t read = 0;
    for (const auto text : texts) {
        if (max_words > 0 && read >= max_words) break;
        read += add_text(text, language, max_words > 0 ? max_words - read : 0);
    }
}

WordNumbers& ForegroundCounter::seen_in(std::string_view language) {
    auto in_language =
        std::find_if(seen_.begin(), seen_.end(), [&](const auto& seen) { return seen.first == language; });
    if (in_language == seen_.end())
        in_language = seen_.insert(seen_.end(), {std::string(language), WordNumbers(1 << 13)});
    return in_language->second;
}

std::uint32_t ForegroundCounter::id_of(const std::string& folded, std::string_view language, WordNumbers& seen) {
    if (const std::uint32_t* known = seen.find(folded)) return *known;
    std::uint32_t id = kNotCounted;
    if (is_content_word(folded) && !is_stopword(language, folded) && excluded_.count(folded) == 0) {
        const auto counted = ids_.find(folded);
        if (counted != ids_.end()) {
            id = counted->second;
        } else {
            id = static_cast<std::uint32_t>(keys_.size());
            keys_.push_back(&ids_.emplace(folded, id).first->first);
            entries_.emplace_back();
        }
    }
    seen.insert(folded, id);
    return id;
}

const ForegroundCounter::Entry* ForegroundCounter::word(const std::string& folded) const {
    const auto found = ids_.find(folded);
    if (found == ids_.end()) return nullptr;
    return &entries_[found->second];
}

const ForegroundCounter::Entry* ForegroundCounter::pair(const std::string& first, const std::string& second) const {
    const auto a = ids_.find(first), b = ids_.find(second);
    if (a == ids_.end() || b == ids_.end()) return nullptr;
    return find_pair(std::uint64_t{a->second} << 32 | b->second);
}

namespace {

// Spreads the bits of a pair of word numbers over the table (splitmix64's finaliser).
std::uint64_t mix(std::uint64_t ids) {
    ids ^= ids >> 30;
    ids *= 0xBF58476D1CE4E5B9ULL;
    ids ^= ids >> 27;
    ids *= 0x94D049BB133111EBULL;
    return ids ^ (ids >> 31);
}

}  // namespace

ForegroundCounter::Entry& ForegroundCounter::pair_entry(std::uint64_t ids) {
    if (2 * (pair_entries_.size() + 1) > slot_ids_.size()) {  // at most half full: short probes
        std::vector<std::uint64_t> old_ids(slot_ids_.size() * 2, kNoPair);
        std::vector<std::uint32_t> old_entries(slot_ids_.size() * 2, 0);
        old_ids.swap(slot_ids_);
        old_entries.swap(slot_entry_);
        const std::size_t mask = slot_ids_.size() - 1;
        for (std::size_t i = 0; i < old_ids.size(); ++i) {
            if (old_ids[i] == kNoPair) continue;
            std::size_t slot = mix(old_ids[i]) & mask;
            while (slot_ids_[slot] != kNoPair) slot = (slot + 1) & mask;
            slot_ids_[slot] = old_ids[i];
            slot_entry_[slot] = old_entries[i];
        }
    }
    const std::size_t mask = slot_ids_.size() - 1;
    std::size_t slot = mix(ids) & mask;
    while (slot_ids_[slot] != kNoPair && slot_ids_[slot] != ids) slot = (slot + 1) & mask;
    if (slot_ids_[slot] == kNoPair) {
        slot_ids_[slot] = ids;
        slot_entry_[slot] = static_cast<std::uint32_t>(pair_entries_.size());
        pair_ids_.push_back(ids);
        pair_entries_.emplace_back();
    }
    return pair_entries_[slot_entry_[slot]];
}

const ForegroundCounter::Entry* ForegroundCounter::find_pair(std::uint64_t ids) const {
    const std::size_t mask = slot_ids_.size() - 1;
    for (std::size_t slot = mix(ids) & mask; slot_ids_[slot] != kNoPair; slot = (slot + 1) & mask) {
        if (slot_ids_[slot] == ids) return &pair_entries_[slot_entry_[slot]];
    }
    return nullptr;
}

void ForegroundCounter::count(Entry& entry, std::string_view written) const {
    const std::size_t article = articles_ - 1;
    if (entry.last_article != article) {
        entry.last_article = article;
        ++entry.articles;
    }
    entry.forms.add(written);
}

std::size_t ForegroundCounter::add_text(std::string_view text, std::string_view language, std::size_t max_words) {
    std::size_t words = 0;
    auto* bytes = reinterpret_cast<const utf8proc_uint8_t*>(text.data());
    const auto size = static_cast<utf8proc_ssize_t>(text.size());
    std::string folded;
    WordNumbers& seen = seen_in(language);
    std::uint32_t previous = kNotCounted;  // the counted word before...
    std::size_t previous_begin = 0;
    bool adjacent = false;  // ...with only spaces since
    std::size_t word_begin = 0;
    bool in_word = false;
    for (utf8proc_ssize_t at = 0; at <= size;) {
        utf8proc_int32_t code_point = -1;
        utf8proc_ssize_t length = 1;
        if (at < size && bytes[at] < 0x80) {
            code_point = bytes[at];
        } else if (at < size) {
            length = utf8proc_iterate(bytes + at, size - at, &code_point);
            if (length <= 0) length = 1;
        }
        bool word_char = code_point >= 0 && is_word_char(code_point);
        if (!word_char && in_word && code_point >= 0 && is_apostrophe(static_cast<char32_t>(code_point)) &&
            at + length < size) {
            utf8proc_int32_t next = -1;
            utf8proc_iterate(bytes + at + length, size - at - length, &next);
            word_char = next >= 0 && is_word_char(next);
        }
        if (word_char && !in_word) {
            word_begin = static_cast<std::size_t>(at);
            in_word = true;
        } else if (!word_char && in_word) {
            in_word = false;
            if (max_words > 0 && words == max_words) break;
            ++words;
            const std::string_view written = text.substr(word_begin, static_cast<std::size_t>(at) - word_begin);
            fold_word(written, folded);
            const std::uint32_t id = id_of(folded, language, seen);
            if (id != kNotCounted) {
                count(entries_[id], written);
                if (previous != kNotCounted && adjacent) {
                    count(pair_entry(std::uint64_t{previous} << 32 | id),
                          text.substr(previous_begin, static_cast<std::size_t>(at) - previous_begin));
                }
            }
            previous = id;
            previous_begin = word_begin;
            adjacent = true;
        }
        if (!word_char && !(code_point >= 0 && is_space(code_point))) adjacent = false;
        at += length;
    }
    return words;
}

TopTerms find_top_terms(const Xapian::Database& database, const Xapian::Query& query, const TopTermsRequest& request) {
    TopTerms result;
    if (request.wanted == 0 || request.foreground == 0) return result;

    Xapian::Enquire enquire(database);
    enquire.set_query(query);
    enquire.set_weighting_scheme(Xapian::BM25Weight());
    if (request.collapse) enquire.set_collapse_key(schema::kSimHashSlot);
    Xapian::MSet top = enquire.get_mset(0, request.foreground);
    top.fetch();  // all documents in one go (one round trip per remote shard)
    // Matches far below the best (a query word's loose name-key variants,
    // one word of several) are not what the query is about.
    const double floor = top.empty() ? 0 : kForegroundWeightShare * top.begin().get_weight();
    // The counter's written forms point into the articles: they live as long.
    std::vector<Article> articles;
    for (auto it = top.begin(); it != top.end() && it.get_weight() >= floor; ++it) {
        articles.push_back(decode_document_data(it.get_document().get_data()));
    }
    ForegroundCounter counter(request.excluded, articles.size() * request.words_per_article);
    for (const auto& article : articles) {
        counter.add_article({article.title, article.body}, article.language, request.words_per_article);
    }
    const auto fg_size = static_cast<Xapian::doccount>(counter.articles());
    result.foreground = fg_size;
    if (fg_size == 0) return result;
    const Xapian::doccount bg_size = database.get_doccount();
    // A term of one or two articles in a large foreground is noise.
    const Xapian::doccount min_articles = fg_size >= 100 ? 3 : 2;

    std::vector<Candidate> words;
    counter.for_each_word([&](const std::string& word, const ForegroundCounter::Entry& entry) {
        if (entry.articles >= min_articles) words.push_back({word, {}, &entry});
    });
    sort_by_articles(words);
    if (words.size() > kMaxCandidates) words.resize(kMaxCandidates);
    std::vector<Candidate> phrases;
    counter.for_each_pair(
        [&](const std::string& first, const std::string& second, const ForegroundCounter::Entry& entry) {
            if (entry.articles >= min_articles) phrases.push_back({first, second, &entry});
        });
    sort_by_articles(phrases);
    if (phrases.size() > kMaxCandidates) phrases.resize(kMaxCandidates);
    // Every word's frequency in the archive.
    std::unordered_set<std::string> needed;
    for (const auto& word : words) needed.insert(word.first);
    for (const auto& phrase : phrases) needed.insert({phrase.first, phrase.second});
    const auto word_frequency =
        term_frequencies(database, {needed.begin(), needed.end()}, request.remote, request.remembered.get());
    auto frequency_of = [&](const std::string& word) { return word_frequency.at(word); };

    std::vector<Candidate> scored;
    for (auto& word : words) {
        word.background = frequency_of(word.first);
        // The archive holds the foreground; fewer means the index splits this word otherwise.
        if (word.background < word.entry->articles) continue;
        word.score = jlh_score(word.entry->articles, fg_size, word.background, bg_size);
        if (word.score > 0) scored.push_back(word);
    }

    // A phrase's frequency costs a phrase query, so only the phrases that
    // may rank are counted. A phrase is no more frequent than its rarer
    // word, which bounds its score from below; the phrases with the best
    // such bounds are counted, rarest words first (the cheapest queries).
    // One that could not beat the wanted-th word even if only the
    // foreground held it is skipped.
    double threshold = 0;
    if (scored.size() >= request.wanted) {
        std::vector<double> best;
        for (const auto& word : scored) best.push_back(word.score);
        std::nth_element(best.begin(), best.begin() + static_cast<std::ptrdiff_t>(request.wanted - 1), best.end(),
                         std::greater<>());
        threshold = best[request.wanted - 1];
    }
    for (auto& phrase : phrases) {
        const Xapian::doccount articles = phrase.entry->articles;
        const Xapian::doccount bound = std::min(frequency_of(phrase.first), frequency_of(phrase.second));
        const bool may_rank = bound >= articles && jlh_score(articles, fg_size, articles, bg_size) > threshold;
        phrase.score = may_rank ? jlh_score(articles, fg_size, bound, bg_size) : -1;
    }
    phrases.erase(std::remove_if(phrases.begin(), phrases.end(), [](const Candidate& c) { return c.score < 0; }),
                  phrases.end());
    std::stable_sort(phrases.begin(), phrases.end(),
                     [](const Candidate& a, const Candidate& b) { return a.score > b.score; });
    const std::size_t phrases_wanted = std::min<std::size_t>(std::max<std::size_t>(2 * request.wanted, 20), 60);
    if (phrases.size() > phrases_wanted) phrases.resize(phrases_wanted);
    std::unordered_map<std::string, Xapian::doccount> phrase_cover;  // word -> articles of its best phrase
    std::vector<std::string> phrase_keys;
    for (const auto& phrase : phrases) phrase_keys.push_back(ArchiveFrequencies::key(phrase.first, phrase.second));
    const auto remembered_phrases = request.remembered ? request.remembered->find(phrase_keys)
                                                       : std::unordered_map<std::string, Xapian::doccount>{};
    std::unordered_map<std::string, Xapian::doccount> looked_up_phrases;
    std::size_t left_out = 0;
    const auto started = std::chrono::steady_clock::now();
    for (std::size_t i = 0; i < phrases.size(); ++i) {
        auto& phrase = phrases[i];
        const auto remembered = remembered_phrases.find(phrase_keys[i]);
        if (remembered != remembered_phrases.end()) {
            phrase.background = remembered->second;
        } else if (left_out > 0 || std::chrono::steady_clock::now() - started > request.phrase_budget) {
            ++left_out;  // past the budget only remembered phrases are counted
            continue;
        } else {
            phrase.background = phrase_frequency(database, phrase.first, phrase.second);
            looked_up_phrases.emplace(phrase_keys[i], phrase.background);
        }
        if (phrase.background < phrase.entry->articles) continue;
        phrase.score = jlh_score(phrase.entry->articles, fg_size, phrase.background, bg_size);
        if (phrase.score <= 0) continue;
        scored.push_back(phrase);
        for (const auto* word : {&phrase.first, &phrase.second}) {
            auto& cover = phrase_cover[*word];
            cover = std::max(cover, phrase.entry->articles);
        }
    }
    if (request.remembered) request.remembered->remember(looked_up_phrases);
    if (left_out > 0) {
        result.warnings.push_back(fmt::format("top terms: {} of {} phrases were left out at the time budget of {} ms",
                                              left_out, phrases.size(),
                                              static_cast<long>(request.phrase_budget.count() * 1000)));
    }

    std::sort(scored.begin(), scored.end(), [](const Candidate& a, const Candidate& b) {
        if (a.score != b.score) return a.score > b.score;
        if (a.entry->articles != b.entry->articles) return a.entry->articles > b.entry->articles;
        return std::tie(a.first, a.second) < std::tie(b.first, b.second);
    });
    // A word that a phrase of nearly all its articles holds ("supreme" of
    // "Supreme Court") adds nothing to the phrase. Two phrases that chain
    // through a word ("Ruth Bader", "Bader Ginsburg") and each hold nearly
    // all its articles are one three-word name: the better one stands for it.
    auto covers = [&](const Candidate& phrase, const std::string& word) {
        const auto* entry = counter.word(word);
        return entry != nullptr && phrase.entry->articles >= kCoveredByPhrase * entry->articles;
    };
    std::vector<Candidate> kept;
    for (auto& candidate : scored) {
        if (kept.size() == request.wanted) break;  // the rest rank lower
        const bool redundant = std::any_of(kept.begin(), kept.end(), [&](const Candidate& better) {
            if (!better.phrase() || !candidate.phrase()) return false;
            if (better.second == candidate.first)
                return covers(better, better.second) && covers(candidate, better.second);
            if (better.first == candidate.second)
                return covers(better, better.first) && covers(candidate, better.first);
            return false;
        });
        const auto cover = phrase_cover.find(candidate.first);
        const bool covered = !candidate.phrase() && cover != phrase_cover.end() &&
                             cover->second >= kCoveredByPhrase * candidate.entry->articles;
        if (!redundant && !covered) kept.push_back(std::move(candidate));
    }
    scored = std::move(kept);
    if (scored.size() > request.wanted) scored.resize(request.wanted);
    for (const auto& candidate : scored) {
        result.terms.push_back({candidate.entry->forms.readable(), candidate.entry->articles, candidate.score});
    }
    return result;
}

std::unordered_set<std::string> plain_terms_of(const Xapian::Query& query) {
    std::unordered_set<std::string> terms;
    for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
        const std::string& term = *it;
        if (!term.empty() && !(term.front() >= 'A' && term.front() <= 'Z')) terms.insert(term);
    }
    return terms;
}

}  // namespace herald
