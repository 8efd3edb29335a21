#include "indexer/analysis/document_builder.hpp"

#include <fmt/format.h>

#include "common/document_data.hpp"
#include "common/keyword_fields.hpp"
#include "common/schema.hpp"
#include "common/signature_value.hpp"
#include "common/slot_lists.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"
#include "indexer/analysis/language_detection.hpp"
#include "indexer/analysis/simhash.hpp"
#include "indexer/analysis/stemmed_terms.hpp"
#include "indexer/analysis/written_forms.hpp"

namespace herald {
namespace {

// Enough of the body for the language detector (which reads 1 KB at most).
constexpr std::size_t kLanguageSampleBytes = 1024;

}  // namespace

std::pair<std::string_view, std::string_view> split_lead(std::string_view body) {
    const auto start = body.find_first_not_of(" \t\n");
    if (start == std::string_view::npos) return {};
    body.remove_prefix(start);
    auto end = body.find("\n\n");
    if (end == std::string_view::npos) end = body.find('\n');
    if (end == std::string_view::npos) return {body, {}};
    return {body.substr(0, end), body.substr(end)};
}

DocumentBuilder::DocumentBuilder(Language default_language) : default_language_(std::move(default_language)) {
    // Stems are added afterwards, once per distinct word (stemmed_terms.hpp).
    generator_.set_stemming_strategy(Xapian::TermGenerator::STEM_NONE);
}

Language DocumentBuilder::language_of(const Article& article, std::vector<std::string>& warnings) const {
    if (article.language.empty()) {
        // Detected from the text when the article names none; the default when unsure.
        std::string sample = article.title;
        sample.append("\n").append(article.body, 0, kLanguageSampleBytes);
        const auto detected = detect_language(sample);
        if (!detected) return default_language_;
        const auto language = resolve_language(*detected);
        return language ? *language : default_language_;
    }
    if (auto language = resolve_language(article.language)) return *language;
    warnings.push_back(
        fmt::format("unknown language '{}'; analysed as '{}'", article.language, default_language_.code));
    return default_language_;
}

const Xapian::Stem& DocumentBuilder::stemmer_for(const Language& language) {
    auto found = stemmers_.find(language.stemmer);
    if (found == stemmers_.end())
        found = stemmers_.emplace(language.stemmer, make_stemmer(language.stemmer, kIndexStemCacheWords)).first;
    return found->second;
}

DictionaryLemmas* DocumentBuilder::dictionary_for(const Language& language, std::vector<std::string>& warnings) {
    if (language.dictionary.empty()) return nullptr;
    auto found = dictionaries_.find(language.dictionary);
    if (found == dictionaries_.end()) {
        std::unique_ptr<DictionaryLemmas> dictionary;
        try {
            dictionary = std::make_unique<DictionaryLemmas>(language.dictionary, language.code);
        } catch (const DictionaryMissing& error) {
            warnings.push_back(fmt::format("{}: '{}' articles are indexed without dictionary base forms", error.what(),
                                           language.code));
        }
        found = dictionaries_.emplace(language.dictionary, std::move(dictionary)).first;
    }
    return found->second.get();
}

std::string DocumentBuilder::index_text(Xapian::Document& document, const Article& article) {
    namespace s = schema;
    // The writer takes spelling data from the title terms (index_writer.cpp).
    generator_.set_document(document);
    const std::string title = fold(article.title);
    generator_.index_text(title, s::kWeights.title);
    generator_.increase_termpos(s::kFieldPositionGap);
    const Xapian::termpos title_start = generator_.get_termpos();
    generator_.index_text(title, 1, std::string(s::kTitlePrefix));
    document.add_value(s::kTitleLengthSlot, s::title_length_value(generator_.get_termpos() - title_start));
    generator_.increase_termpos(s::kFieldPositionGap);
    const auto [lead, rest] = split_lead(article.body);
    std::string folded_body = fold(lead);
    generator_.index_text(folded_body, s::kWeights.lead);
    generator_.increase_termpos(s::kFieldPositionGap);
    const std::string folded_rest = fold(rest);
    generator_.index_text(folded_rest, s::kWeights.body);
    generator_.set_document(Xapian::Document());  // drop the generator's handle on `document`
    return title + "\n" + folded_body.append(folded_rest);
}

Xapian::Document DocumentBuilder::build(const Article& article, std::vector<std::string>& warnings) {
    const Language language = language_of(article, warnings);

    Xapian::Document document;
    const std::string folded_text = index_text(document, article);  // unstemmed: the generator needs no stemmer
    WordAnalysis analysis;
    analysis.stemmer = &stemmer_for(language);
    analysis.dictionary = dictionary_for(language, warnings);
    // Written forms of every word for a dictionary, else of capitalised words only.
    WrittenForms written(analysis.dictionary != nullptr);
    written.add_text(article.title, TextKind::kHeadline);
    written.add_text(article.body, TextKind::kProse);
    analysis.written = &written;
    analysis.name_keys = true;
    add_derived_terms(document, analysis);
    document.add_value(schema::kSimHashSlot, encode_simhash(simhash(folded_text)));

    document.add_boolean_term(terms::id(article.id));
    document.add_boolean_term(terms::language(language.code));
    document.add_value(schema::kLanguageSlot, language.code);
    if (!article.source.empty()) {
        document.add_boolean_term(terms::source(article.source));
        document.add_value(schema::kSourceSlot, article.source);
    }
    for (const auto& author : article.authors) document.add_boolean_term(terms::author(author));
    for (const auto& tag : article.tags) document.add_boolean_term(terms::tag(tag));
    if (!article.authors.empty()) document.add_value(schema::kAuthorsSlot, list_slot_value(article.authors));
    if (!article.tags.empty()) document.add_value(schema::kTagsSlot, list_slot_value(article.tags));
    for (const auto& [name, value] : article.keywords) document.add_boolean_term(terms::keyword(name, value));
    if (!article.keywords.empty()) document.add_value(schema::kKeywordsSlot, keyword_slot_value(article.keywords));
    if (article.date) {
        document.add_value(schema::kDateSlot, article.date->compact());
        document.add_value(schema::kYearSlot, std::to_string(article.date->year));
        document.add_boolean_term(terms::year(article.date->year));
    }

    document.set_data(encode_document_data(article, language.code));
    return document;
}

}  // namespace herald
