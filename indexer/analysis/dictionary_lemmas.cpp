#include "indexer/analysis/dictionary_lemmas.hpp"

#include <iconv.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <hunspell/hunspell.hxx>

#include "common/text.hpp"

namespace herald {
namespace {

// Beyond this many distinct words the cache starts again: news vocabulary is
// Zipfian, so the words that matter come back at once.
constexpr std::size_t kMaxCachedWords = 200000;

// Converts between UTF-8 and a dictionary's 8-bit encoding; empty when the
// text has characters the target encoding lacks.
std::string convert(const std::string& text, const std::string& from, const std::string& to) {
    if (from == to) return text;
    iconv_t handle = iconv_open(to.c_str(), from.c_str());
    if (handle == reinterpret_cast<iconv_t>(-1)) return {};
    std::string out(text.size() * 4 + 4, '\0');
    char* in_ptr = const_cast<char*>(text.data());  // iconv's signature, it does not write
    std::size_t in_left = text.size();
    char* out_ptr = out.data();
    std::size_t out_left = out.size();
    const std::size_t result = iconv(handle, &in_ptr, &in_left, &out_ptr, &out_left);
    iconv_close(handle);
    if (result == static_cast<std::size_t>(-1)) return {};
    out.resize(out.size() - out_left);
    return out;
}

// The apostrophes of is_apostrophe() (common/text.hpp), as UTF-8.
bool is_apostrophe_at(const std::string& word, std::size_t at) {
    return word.compare(at, 1, "'") == 0 || word.compare(at, 3, "\u2019") == 0 || word.compare(at, 3, "\u201B") == 0;
}

}  // namespace

std::string dictionary_directory() {
    const char* configured = std::getenv("HERALD_HUNSPELL_DIR");
    return configured && *configured ? configured : "/usr/share/hunspell";
}

std::string find_dictionary(const std::string& name) {
    const std::filesystem::path directory = dictionary_directory();
    const std::string base = (directory / name).string();
    std::error_code error;
    if (std::filesystem::exists(base + ".aff", error) && std::filesystem::exists(base + ".dic", error)) return base;
    return {};
}

DictionaryLemmas::DictionaryLemmas(const std::string& name, const std::string& language_code)
    : apostrophe_endings_(language_code == "pl") {
    const std::string base = find_dictionary(name);
    if (base.empty()) {
        throw DictionaryMissing("no Hunspell dictionary " + name + " in " + dictionary_directory());
    }
    hunspell_ = std::make_unique<Hunspell>((base + ".aff").c_str(), (base + ".dic").c_str());
    encoding_ = hunspell_->get_dict_encoding();
}

DictionaryLemmas::~DictionaryLemmas() = default;

const std::vector<std::string>& DictionaryLemmas::lemmas(const std::string& written_word) {
    auto found = cache_.find(written_word);
    if (found != cache_.end()) return found->second;
    if (cache_.size() >= kMaxCachedWords) cache_.clear();
    return cache_.emplace(written_word, lookup(written_word)).first->second;
}

std::vector<std::string> DictionaryLemmas::lookup(const std::string& written_word) {
    std::vector<std::string> folded;
    const std::string encoded = convert(written_word, "UTF-8", encoding_);
    if (!encoded.empty()) {
        for (const auto& stem : hunspell_->stem(encoded)) {
            std::string lemma = fold(convert(stem, encoding_, "UTF-8"));
            if (!lemma.empty() && std::find(folded.begin(), folded.end(), lemma) == folded.end()) {
                folded.push_back(std::move(lemma));
            }
        }
    }
    if (folded.empty() && apostrophe_endings_) {
        // Polish writes the endings of foreign names the dictionary cannot
        // know after an apostrophe when the name ends in a silent letter or a
        // vowel: "Farage'a", "Farage'owi", "Bush'a". The base is the name.
        for (std::size_t at = 1; at < written_word.size(); ++at) {
            if (!is_apostrophe_at(written_word, at)) continue;
            const std::size_t ending = written_word.size() - at - (written_word[at] == '\'' ? 1 : 3);
            if (ending >= 1 && ending <= 3) folded.push_back(fold(written_word.substr(0, at)));
            break;
        }
    }
    return folded;
}

}  // namespace herald
