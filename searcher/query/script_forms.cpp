#include "searcher/query/script_forms.hpp"

#include <unicode/translit.h>
#include <unicode/uscript.h>
#include <unicode/ustring.h>

#include <map>
#include <memory>
#include <stdexcept>

#include "common/text.hpp"

namespace herald {
namespace {

// One transliterator of each kind per thread: ICU's are not thread-safe.
icu::Transliterator& transliterator(const char* id) {
    thread_local std::map<std::string, std::unique_ptr<icu::Transliterator>> cache;
    auto& slot = cache[id];
    if (!slot) {
        UErrorCode status = U_ZERO_ERROR;
        slot.reset(icu::Transliterator::createInstance(icu::UnicodeString::fromUTF8(id), UTRANS_FORWARD, status));
        if (U_FAILURE(status) || !slot) throw std::runtime_error(std::string("ICU transliterator unavailable: ") + id);
    }
    return *slot;
}

std::string transliterate(const char* id, std::string_view word) {
    icu::UnicodeString text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    transliterator(id).transliterate(text);
    std::string out;
    text.toUTF8String(out);
    return fold(out);
}

// The script of a word's letters: Latin, Cyrillic or Greek alone; anything
// else (digits only, mixed scripts, other scripts) is USCRIPT_INVALID_CODE.
UScriptCode script_of(std::string_view word) {
    const icu::UnicodeString text =
        icu::UnicodeString::fromUTF8(icu::StringPiece(word.data(), static_cast<int32_t>(word.size())));
    UScriptCode found = USCRIPT_INVALID_CODE;
    for (int32_t i = 0; i < text.length();) {
        const UChar32 c = text.char32At(i);
        i += U16_LENGTH(c);
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(c, &status);
        if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
        if (found != USCRIPT_INVALID_CODE && script != found) return USCRIPT_INVALID_CODE;
        found = script;
    }
    return found;
}

}  // namespace

std::vector<std::string> script_forms(std::string_view folded_word) {
    std::vector<std::string> forms;
    switch (script_of(folded_word)) {
        case USCRIPT_CYRILLIC:
        case USCRIPT_GREEK:
            forms.push_back(transliterate("Any-Latin; Latin-ASCII", folded_word));
            break;
        case USCRIPT_LATIN:
            forms.push_back(transliterate("Latin-Cyrillic", folded_word));
            break;
        default:
            break;
    }
    if (!forms.empty() && (forms.front().empty() || forms.front() == folded_word)) forms.clear();
    return forms;
}

}  // namespace herald
