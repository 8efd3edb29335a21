#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/word_cache.hpp"

using herald::WordCache;

TEST_CASE("a word cache computes each word once while it has room", "[word_cache]") {
    WordCache cache(1 << 12);
    int computed = 0;
    const auto upper = [&computed](std::string_view word) {
        ++computed;
        std::string out(word);
        for (auto& c : out) c = static_cast<char>(c - 'a' + 'A');
        return out;
    };
    // More words than the first table holds: the cache grows and keeps them.
    std::vector<std::string> words;
    for (char a = 'a'; a <= 'z'; ++a) {
        for (char b = 'a'; b <= 'j'; ++b) words.push_back(std::string{a, b, a});
    }
    for (const auto& word : words) CHECK(cache.get(word, upper) == upper(word));
    const int after_first_pass = computed;
    CHECK(after_first_pass == 2 * static_cast<int>(words.size()));
    int misses = 0;
    for (const auto& word : words) {
        const int before = computed;
        CHECK(cache.get(word, upper) == upper(word));
        misses += computed - before - 1;  // the check's own call counts once
    }
    // Direct-mapped, so a few words may share a slot, but most are kept.
    CHECK(misses < static_cast<int>(words.size()) / 4);
}

TEST_CASE("a full word cache overwrites and still answers right", "[word_cache]") {
    WordCache cache(64);
    const auto twice = [](std::string_view word) { return std::string(word) + std::string(word); };
    for (int round = 0; round < 2; ++round) {
        for (int i = 0; i < 1000; ++i) {
            const std::string word = std::to_string(i);
            CHECK(cache.get(word, twice) == word + word);
        }
    }
}

TEST_CASE("a word cache size must be a power of two", "[word_cache]") {
    CHECK_THROWS_AS(WordCache(0), std::invalid_argument);
    CHECK_THROWS_AS(WordCache(100), std::invalid_argument);
}
