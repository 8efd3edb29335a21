// What the fuzz targets share: a failed invariant that libFuzzer reports as
// a crash, a sink that checks every article a reader accepts, and a small
// Herald database built once per process for the search-side targets.
#pragma once

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "common/language.hpp"
#include "indexer/input/reader.hpp"

namespace herald::fuzz {

// Aborts with `message` when `condition` is false: libFuzzer saves the input.
void require(bool condition, std::string_view message);

// The fuzzer's bytes as text.
inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
    return {reinterpret_cast<const char*>(data), size};
}

// Checks what every reader promises of an accepted article: an id, valid
// UTF-8 in every field, no control characters left in the title.
class CheckingSink : public ArticleSink {
  public:
    void accept(Article&& article, const RecordOrigin& origin) override;
    void warn(const RecordOrigin& origin, const std::string& message) override;
    void reject(const RecordOrigin& origin, const std::string& reason) override;
};

inline const Language kEnglish{"en", "english"};

// A few articles in several languages and scripts (English, Russian, Polish
// with its dictionary, German), with dates, sources, authors, tags, a `bias`
// keyword field and synonyms, indexed through the indexer's IndexWriter into
// a temporary directory that is removed when the process exits.
const std::filesystem::path& fuzz_database();

}  // namespace herald::fuzz
