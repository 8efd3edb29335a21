#include "common/transliteration.hpp"

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

icu::UnicodeString unicode(std::string_view utf8) {
    return icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), static_cast<int32_t>(utf8.size())));
}

std::string transliterate(const char* id, std::string_view word) {
    icu::UnicodeString text = unicode(word);
    transliterator(id).transliterate(text);
    std::string out;
    text.toUTF8String(out);
    return fold(out);
}

}  // namespace

Script script_of(std::string_view utf8_word) {
    const icu::UnicodeString text = unicode(utf8_word);
    UScriptCode found = USCRIPT_INVALID_CODE;
    for (int32_t i = 0; i < text.length();) {
        const UChar32 c = text.char32At(i);
        i += U16_LENGTH(c);
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(c, &status);
        if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
        if (found != USCRIPT_INVALID_CODE && script != found) return Script::kOther;
        found = script;
    }
    switch (found) {
        case USCRIPT_LATIN:
            return Script::kLatin;
        case USCRIPT_CYRILLIC:
            return Script::kCyrillic;
        case USCRIPT_GREEK:
            return Script::kGreek;
        default:
            return Script::kOther;
    }
}

std::string latin_form(std::string_view folded_word) { return transliterate("Any-Latin; Latin-ASCII", folded_word); }

std::string cyrillic_form(std::string_view folded_word) { return transliterate("Latin-Cyrillic", folded_word); }

}  // namespace herald
