// A stable 64-bit hash (FNV-1a): the same on every platform and release,
// because its values end up in databases (derived ids, bounded terms).
#pragma once

#include <cstdint>
#include <string_view>

namespace herald {

inline constexpr std::uint64_t kStableHashSeed = 0xcbf29ce484222325ULL;

constexpr std::uint64_t stable_hash(std::string_view bytes, std::uint64_t seed = kStableHashSeed) {
    std::uint64_t hash = seed;
    for (char c : bytes) {
        hash ^= static_cast<unsigned char>(c);
        hash *= 0x100000001b3ULL;
    }
    return hash;
}

}  // namespace herald
