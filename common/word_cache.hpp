// A cache from a word to a string computed from it (a stem, a name key).
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/hash.hpp"

namespace herald {

// News text repeats words heavily (Zipf), so remembering results saves most
// of the work. Direct-mapped: one probe, no allocation on a hit (short words
// live inside the std::string), a miss just overwrites. It starts small and
// doubles while a quarter of it is in use (a fuller direct-mapped table
// evicts too often), up to `max_slots`: a one-shot search touches a few
// pages, not the megabytes a long indexing run wants.
class WordCache {
  public:
    explicit WordCache(std::size_t max_slots) : max_slots_(max_slots) {
        if (max_slots == 0 || (max_slots & (max_slots - 1)) != 0)
            throw std::invalid_argument("word cache size must be a power of two");
        slots_.resize(std::min(max_slots, kFirstSlots));
    }

    // The value for `word`, computed by `compute(word)` on a miss.
    template <class Compute>
    const std::string& get(std::string_view word, Compute&& compute) {
        Slot* slot = &slot_of(word);
        if (slot->filled && slot->word == word) return slot->value;
        if (!slot->filled && ++filled_ > slots_.size() / 4 && slots_.size() < max_slots_) {
            grow();
            slot = &slot_of(word);
            if (!slot->filled) ++filled_;
        }
        slot->word.assign(word);
        slot->value = compute(word);
        slot->filled = true;
        return slot->value;
    }

  private:
    static constexpr std::size_t kFirstSlots = 64;

    struct Slot {
        std::string word, value;
        bool filled = false;
    };

    // FNV-1a mixes short words poorly in both its low and high bits, so
    // similar words would pile into a few slots: MurmurHash3's finaliser
    // spreads them first.
    Slot& slot_of(std::string_view word) {
        std::uint64_t hash = stable_hash(word);
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdULL;
        hash ^= hash >> 33;
        hash *= 0xc4ceb9fe1a85ec53ULL;
        hash ^= hash >> 33;
        return slots_[static_cast<std::size_t>(hash & (slots_.size() - 1))];
    }

    void grow() {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        filled_ = 0;
        for (auto& slot : old) {
            if (!slot.filled) continue;
            Slot& moved = slot_of(slot.word);
            if (!moved.filled) ++filled_;
            moved = std::move(slot);
        }
    }

    std::vector<Slot> slots_;
    std::size_t max_slots_;
    std::size_t filled_ = 0;
};

}  // namespace herald
