// Top terms of a search: the words and two-word phrases over-represented in
// the matches against the whole archive (significant terms, as
// Elasticsearch's significant_text aggregation). The foreground is the top
// matches by relevance (near-duplicate copies collapsed), read from their
// stored text; the background is the archive's document frequencies, of
// words from the index and of phrases from phrase queries. Terms are shown
// as written (readable, unstemmed), stopwords of each article's language
// left out.
#pragma once

#include <xapian.h>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "searcher/analysis/archive_frequencies.hpp"
#include "searcher/analysis/word_numbers.hpp"

namespace herald {

// At most this many matches make up the foreground...
inline constexpr Xapian::doccount kTopTermsForeground = 200;
// ...and at most this many words of each are read (the first ones: a news
// article says what it is about early; transcripts run to tens of thousands).
inline constexpr std::size_t kTopTermsWordsPerArticle = 2000;
// The most top terms a request may ask for.
inline constexpr std::size_t kMaxTopTerms = 100;

struct TopTerm {
    std::string term;            // as written: lower case unless mostly written otherwise ("Supreme Court")
    Xapian::doccount count = 0;  // foreground articles holding it
    double score = 0;            // JLH significance
};

struct TopTerms {
    std::vector<TopTerm> terms;
    Xapian::doccount foreground = 0;    // articles read
    std::vector<std::string> warnings;  // parts left out, for people
};

// JLH, Elasticsearch's default significance score: with p_fg = fg_count /
// fg_size and p_bg = bg_count / bg_size, (p_fg - p_bg) * (p_fg / p_bg) when
// the term is more common in the foreground, else 0.
double jlh_score(Xapian::doccount fg_count, Xapian::doccount fg_size, Xapian::doccount bg_count,
                 Xapian::doccount bg_size);

// How a word (or phrase) was written, in constant space: the readable form
// is lower case when at least a third of its occurrences are, else the form
// most of the others share ("Supreme Court", "Trump" over "TRUMP"; a
// Boyer-Moore majority vote). It points into the texts it was given, which
// must outlive it; runs of spaces read as one.
class WrittenForms {
  public:
    void add(std::string_view written);
    std::string readable() const;
    unsigned occurrences() const { return total_; }

  private:
    unsigned total_ = 0, lower_ = 0, votes_ = 0;
    std::string_view lower_form_;  // the first all-lower-case form
    std::string_view other_form_;  // the leading candidate among the others
};

// How many articles of the archive hold each term. Over remote shards in
// one match (a round trip per shard, where Database::get_termfreq takes one
// a term); locally by lookups (a match would open every posting list).
std::unordered_map<std::string, Xapian::doccount> term_frequencies(const Xapian::Database& database,
                                                                   const std::vector<std::string>& terms, bool remote);
// The same, taking the ones `remembered` knows from it and telling it the others.
std::unordered_map<std::string, Xapian::doccount> term_frequencies(const Xapian::Database& database,
                                                                   const std::vector<std::string>& terms, bool remote,
                                                                   ArchiveFrequencies* remembered);

// How many articles of the archive hold `first` immediately followed by
// `second` (folded words), from a phrase query.
Xapian::doccount phrase_frequency(const Xapian::Database& database, const std::string& first,
                                  const std::string& second);

// Counts the words and adjacent word pairs of the foreground articles: in
// how many articles each occurs, and the forms it was written in.
// Words are split as the indexer splits them and folded like it; words of
// one letter, numbers, possessives ("Trump's"), the stopwords of the
// article's language and the excluded words (the query's own) are not
// counted, and a pair is two counted words with only spaces between them.
class ForegroundCounter {
  public:
    struct Entry {
        Xapian::doccount articles = 0;
        std::size_t last_article = static_cast<std::size_t>(-1);
        WrittenForms forms;  // a pair's as "First Second"
    };

    // `expected_words`: about how many words will be read (sizes the tables).
    explicit ForegroundCounter(std::unordered_set<std::string> excluded = {}, std::size_t expected_words = 1 << 17);

    // One article: its title and body (separate texts: no pair spans them)
    // and its language code, read up to `max_words` words in all (0: no
    // limit). The texts must outlive the counter: the written forms point
    // into them.
    void add_article(const std::vector<std::string_view>& texts, std::string_view language, std::size_t max_words = 0);

    std::size_t articles() const { return articles_; }
    // The entry of a folded word or pair, null when it was not counted.
    const Entry* word(const std::string& folded) const;
    const Entry* pair(const std::string& first, const std::string& second) const;
    // f(folded word, entry) for each counted word.
    template <typename Function>
    void for_each_word(Function f) const {
        for (std::size_t id = 0; id < entries_.size(); ++id) {
            if (entries_[id].articles > 0) f(*keys_[id], entries_[id]);
        }
    }
    // f(first, second, entry) for each counted pair.
    template <typename Function>
    void for_each_pair(Function f) const {
        for (std::size_t i = 0; i < pair_entries_.size(); ++i) {
            const std::uint64_t ids = pair_ids_[i];
            f(*keys_[ids >> 32], *keys_[ids & 0xFFFFFFFFu], pair_entries_[i]);
        }
    }

  private:
    static constexpr std::uint32_t kNotCounted = 0xFFFFFFFFu;
    // No pair: two numbers of uncounted words (never stored).
    static constexpr std::uint64_t kNoPair = ~std::uint64_t{0};
    // The words read in `language`: each folded word -> its number or
    // kNotCounted (whether it is a stopword depends on the language).
    WordNumbers& seen_in(std::string_view language);
    // The number of a word of an article in `language`, whose words read so
    // far are `seen` (a new number for a new word), or kNotCounted for a
    // word that is not counted there.
    std::uint32_t id_of(const std::string& folded, std::string_view language, WordNumbers& seen);
    // Reads up to `max_words` words (0: all) and returns how many it read.
    std::size_t add_text(std::string_view text, std::string_view language, std::size_t max_words);
    void count(Entry& entry, std::string_view written) const;

    std::unordered_set<std::string> excluded_;
    std::unordered_map<std::string, std::uint32_t> ids_;  // folded counted word -> number
    // Per language, the words read (seen_in): a word read again costs one lookup.
    std::vector<std::pair<std::string, WordNumbers>> seen_;
    std::vector<const std::string*> keys_;  // number -> folded word (ids_'s keys)
    std::vector<Entry> entries_;            // by number
    // Pairs, by first << 32 | second: an open-addressing table of positions
    // in pair_entries_ (most pairs occur once; a node each would cost more
    // than the counting).
    Entry& pair_entry(std::uint64_t ids);
    const Entry* find_pair(std::uint64_t ids) const;
    std::vector<std::uint64_t> slot_ids_;    // kNoPair where free
    std::vector<std::uint32_t> slot_entry_;  // position in pair_entries_
    std::vector<std::uint64_t> pair_ids_;    // by position
    std::vector<Entry> pair_entries_;
    std::size_t articles_ = 0;
};

struct TopTermsRequest {
    std::size_t wanted = 10;
    Xapian::doccount foreground = kTopTermsForeground;
    std::size_t words_per_article = kTopTermsWordsPerArticle;
    bool collapse = true;                      // fold near-duplicate copies (the SimHash slot) before counting
    bool remote = false;                       // some shards are remote: gather term statistics in one match
    std::unordered_set<std::string> excluded;  // folded words left out: the query's own
    // Phrase frequencies are counted for this long at most; the phrases not
    // reached are left out, with a warning.
    std::chrono::duration<double> phrase_budget = std::chrono::milliseconds(250);
    // Where frequencies looked up before at the database's revision are
    // remembered (none: every one is looked up).
    std::shared_ptr<ArchiveFrequencies> remembered;
};

// The top terms of `query`'s matches (the whole query, filters included).
TopTerms find_top_terms(const Xapian::Database& database, const Xapian::Query& query, const TopTermsRequest& request);

// The unprefixed (exact word) terms of a query, which its top terms leave out.
std::unordered_set<std::string> plain_terms_of(const Xapian::Query& query);

}  // namespace herald
