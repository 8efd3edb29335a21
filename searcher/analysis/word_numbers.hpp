// A map from words to numbers for counting the words of many articles: open
// addressing over one buffer of word text, so a word read again costs a
// hash and a probe, without the node and allocation per word of
// std::unordered_map (top terms look up tens of thousands of words a page).
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

class WordNumbers {
  public:
    explicit WordNumbers(std::size_t expected_words = 1024) {
        std::size_t size = 16;
        while (size < 2 * expected_words) size *= 2;
        slots_.assign(size, Slot{});
    }

    // The number of `word`, or nullptr when it has none.
    const std::uint32_t* find(std::string_view word) const {
        const std::size_t hash = std::hash<std::string_view>{}(word);
        const std::size_t mask = slots_.size() - 1;
        for (std::size_t at = hash & mask; slots_[at].entry != 0; at = (at + 1) & mask) {
            const Slot& slot = slots_[at];
            if (slot.hash == hash && word_of(entries_[slot.entry - 1]) == word) return &entries_[slot.entry - 1].number;
        }
        return nullptr;
    }

    // Gives `word` (which has none yet) its number.
    void insert(std::string_view word, std::uint32_t number) {
        if (2 * (entries_.size() + 1) > slots_.size()) grow();  // at most half full: short probes
        entries_.push_back({text_.size(), word.size(), number});
        text_.append(word);
        place(std::hash<std::string_view>{}(word), static_cast<std::uint32_t>(entries_.size()));
    }

  private:
    struct Slot {
        std::size_t hash = 0;
        std::uint32_t entry = 0;  // 1 + the position in entries_; 0 where free
    };
    struct Entry {
        std::size_t offset, size;  // in text_
        std::uint32_t number;
    };

    std::string_view word_of(const Entry& entry) const {
        return std::string_view(text_).substr(entry.offset, entry.size);
    }

    void place(std::size_t hash, std::uint32_t entry) {
        const std::size_t mask = slots_.size() - 1;
        std::size_t at = hash & mask;
        while (slots_[at].entry != 0) at = (at + 1) & mask;
        slots_[at] = {hash, entry};
    }

    void grow() {
        std::vector<Slot> old(slots_.size() * 2);
        old.swap(slots_);
        for (const Slot& slot : old) {
            if (slot.entry != 0) place(slot.hash, slot.entry);
        }
    }

    std::vector<Slot> slots_;
    std::vector<Entry> entries_;
    std::string text_;
};

}  // namespace herald
