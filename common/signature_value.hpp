// The near-duplicate signature's stored form (schema::kSimHashSlot): 8
// bytes, big-endian. The indexer writes it; the searcher reads it as a
// number to group copies (equal signatures) and to find them again.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace herald {

inline std::string encode_simhash(std::uint64_t signature) {
    std::string bytes(8, '\0');
    for (int i = 7; i >= 0; --i) {
        bytes[static_cast<std::size_t>(i)] = static_cast<char>(signature & 0xff);
        signature >>= 8;
    }
    return bytes;
}

// nullopt for a value of another length (none is written so).
inline std::optional<std::uint64_t> decode_simhash(std::string_view bytes) {
    if (bytes.size() != 8) return std::nullopt;
    std::uint64_t signature = 0;
    for (const unsigned char c : bytes) signature = (signature << 8) | c;
    return signature;
}

}  // namespace herald
