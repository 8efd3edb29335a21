#include <array>
#include <catch2/catch.hpp>
#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "common/hash.hpp"
#include "indexer/analysis/simhash.hpp"

using namespace herald;

namespace {

// The definition, bit by bit: what the fast vote counting must reproduce.
std::uint64_t reference_simhash(const std::vector<std::string>& words) {
    if (words.empty()) return 0;
    auto mix = [](std::uint64_t x) {
        x ^= x >> 30;
        x *= 0xbf58476d1ce4e5b9ULL;
        x ^= x >> 27;
        x *= 0x94d049bb133111ebULL;
        return x ^ (x >> 31);
    };
    const std::size_t shingles = words.size() >= 3 ? words.size() - 2 : 1;
    std::array<long, 64> votes{};
    for (std::size_t i = 0; i < shingles; ++i) {
        std::uint64_t hash = 0;
        for (std::size_t j = i; j < std::min(words.size(), i + 3); ++j) hash = mix(hash ^ stable_hash(words[j]));
        for (int bit = 0; bit < 64; ++bit) votes[bit] += (hash >> bit) & 1U ? 1 : -1;
    }
    std::uint64_t signature = 0;
    for (int bit = 0; bit < 64; ++bit) {
        if (votes[bit] > 0) signature |= std::uint64_t{1} << bit;
    }
    return signature;
}

std::string joined(const std::vector<std::string>& words, const std::string& separator) {
    std::string text;
    for (const auto& word : words) text += (text.empty() ? "" : separator) + word;
    return text;
}

}  // namespace

TEST_CASE("simhash equals the bit-by-bit definition", "[simhash]") {
    std::mt19937 random(20261129);
    const std::vector<std::string> vocabulary = {"gas",  "hub",    "turkey", "putin",       "erdogan", "pipeline",
                                                 "2022", "europe", "energy", "caf\xc3\xa9", "talks",   "x"};
    // Lengths around the 255-shingle lane flush and far past it.
    for (std::size_t length : {1, 2, 3, 4, 100, 256, 257, 258, 511, 600, 3000}) {
        std::vector<std::string> words;
        for (std::size_t i = 0; i < length; ++i) words.push_back(vocabulary[random() % vocabulary.size()]);
        INFO("words: " << length);
        CHECK(simhash(joined(words, " ")) == reference_simhash(words));
        CHECK(simhash(joined(words, ", ")) == reference_simhash(words));  // punctuation separates words
    }
    // Every shingle equal: each set bit is counted in every shingle, so a
    // counting lane that overflowed would flip it.
    const std::vector<std::string> repeated(3000, "same");
    CHECK(simhash(joined(repeated, " ")) == reference_simhash(repeated));
    CHECK(simhash("") == 0);
    CHECK(simhash(" ,; ") == 0);
}

TEST_CASE("simhash: copies equal, small edits close, other texts far", "[simhash]") {
    std::vector<std::string> words;
    std::mt19937 random(7);
    for (int i = 0; i < 800; ++i) words.push_back("w" + std::to_string(random() % 300));
    const std::string text = joined(words, " ");
    std::vector<std::string> edited = words;
    edited[400] = "changed";
    std::vector<std::string> other;
    for (int i = 0; i < 800; ++i) other.push_back("v" + std::to_string(random() % 300));
    CHECK(simhash(text) == simhash(text));
    CHECK(hamming_distance(simhash(text), simhash(joined(edited, " "))) <= 6);
    CHECK(hamming_distance(simhash(text), simhash(joined(other, " "))) >= 16);
}
