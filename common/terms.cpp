#include "common/terms.hpp"

#include <fmt/format.h>

#include "common/hash.hpp"
#include "common/language.hpp"
#include "common/schema.hpp"
#include "common/text.hpp"

namespace herald::terms {
namespace {
constexpr std::size_t kMaxTermBytes = 240;
}

std::string bounded(std::string_view prefix, std::string_view value) {
    std::string term(prefix);
    if (prefix.size() + value.size() <= kMaxTermBytes) return term.append(value);
    const std::string suffix = fmt::format("#{:016x}", stable_hash(value));
    std::size_t keep = kMaxTermBytes - prefix.size() - suffix.size();
    while (keep > 0 && (static_cast<unsigned char>(value[keep]) & 0xC0) == 0x80) --keep;  // UTF-8 boundary
    return term.append(value.substr(0, keep)).append(suffix);
}

std::string id(std::string_view article_id) { return bounded(schema::kIdPrefix, article_id); }
std::string source(std::string_view outlet) { return bounded(schema::kSourcePrefix, fold_keyword(outlet)); }
std::string author(std::string_view name) { return bounded(schema::kAuthorPrefix, fold_keyword(name)); }
std::string tag(std::string_view tag) { return bounded(schema::kTagPrefix, fold_keyword(tag)); }
std::string language(std::string_view iso_code) { return bounded(schema::kLanguagePrefix, fold_keyword(iso_code)); }
std::string language_named(std::string_view name_or_code) {
    const auto resolved = resolve_language(name_or_code);
    return language(resolved ? std::string_view(resolved->code) : name_or_code);
}

std::string year(int year) { return std::string(schema::kYearPrefix) + std::to_string(year); }

std::string keyword_prefix(std::string_view name) {
    return std::string(schema::kKeywordPrefix).append(name).append(":");
}

std::string keyword(std::string_view name, std::string_view value) {
    return bounded(keyword_prefix(name), fold_keyword(value));
}

}  // namespace herald::terms
