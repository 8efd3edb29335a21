#include "indexer/analysis/simhash.hpp"

#include <array>
#include <bitset>
#include <vector>

#include "common/hash.hpp"
#include "common/text.hpp"

namespace herald {
namespace {

constexpr std::size_t kShingleWords = 3;

std::vector<std::string_view> words_of(std::string_view text) {
    std::vector<std::string_view> words;
    std::size_t i = 0;
    while (i < text.size()) {
        while (i < text.size() && !is_word_byte(text[i])) ++i;
        const std::size_t start = i;
        while (i < text.size() && is_word_byte(text[i])) ++i;
        if (i > start) words.push_back(text.substr(start, i - start));
    }
    return words;
}

// Mixes a 64-bit value (splitmix64 finaliser), so shingle hashes spread over all bits.
std::uint64_t mix(std::uint64_t x) {
    x ^= x >> 30;
    x *= 0xbf58476d1ce4e5b9ULL;
    x ^= x >> 27;
    x *= 0x94d049bb133111ebULL;
    return x ^ (x >> 31);
}

// Byte b spread out: bit j of b becomes byte j (0 or 1), so one 64-bit add
// counts eight bit positions at once.
constexpr std::array<std::uint64_t, 256> spread_bits_table() {
    std::array<std::uint64_t, 256> table{};
    for (std::size_t byte = 0; byte < 256; ++byte) {
        for (std::size_t bit = 0; bit < 8; ++bit) table[byte] |= std::uint64_t{(byte >> bit) & 1U} << (8 * bit);
    }
    return table;
}
constexpr auto kSpreadBits = spread_bits_table();

// How many shingles set each of the 64 bits. Counts gather in byte lanes
// (8 positions per 64-bit word) and move to 32-bit totals before a lane can
// overflow: an eighth of the additions of counting bit by bit.
class BitVotes {
  public:
    void add(std::uint64_t hash) {
        for (std::size_t byte = 0; byte < 8; ++byte) lanes_[byte] += kSpreadBits[(hash >> (8 * byte)) & 0xff];
        if (++pending_ == 255) flush();
    }
    const std::array<std::uint32_t, 64>& totals() {
        flush();
        return totals_;
    }

  private:
    void flush() {
        for (std::size_t byte = 0; byte < 8; ++byte) {
            for (std::size_t bit = 0; bit < 8; ++bit) totals_[8 * byte + bit] += (lanes_[byte] >> (8 * bit)) & 0xff;
            lanes_[byte] = 0;
        }
        pending_ = 0;
    }

    std::array<std::uint64_t, 8> lanes_{};
    std::array<std::uint32_t, 64> totals_{};
    unsigned pending_ = 0;
};

}  // namespace

std::uint64_t simhash(std::string_view folded_text) {
    const auto words = words_of(folded_text);
    if (words.empty()) return 0;
    std::vector<std::uint64_t> word_hashes;
    word_hashes.reserve(words.size());
    for (const auto word : words) word_hashes.push_back(stable_hash(word));
    // A bit wins its vote when set in more than half of the shingles.
    BitVotes votes;
    const std::size_t shingles = words.size() >= kShingleWords ? words.size() - kShingleWords + 1 : 1;
    for (std::size_t i = 0; i < shingles; ++i) {
        std::uint64_t hash = 0;
        for (std::size_t j = i; j < std::min(words.size(), i + kShingleWords); ++j) hash = mix(hash ^ word_hashes[j]);
        votes.add(hash);
    }
    const auto& ones = votes.totals();
    std::uint64_t signature = 0;
    for (std::size_t bit = 0; bit < 64; ++bit) {
        if (2 * static_cast<std::size_t>(ones[bit]) > shingles) signature |= std::uint64_t{1} << bit;
    }
    return signature;
}

int hamming_distance(std::uint64_t a, std::uint64_t b) { return static_cast<int>(std::bitset<64>(a ^ b).count()); }

}  // namespace herald
