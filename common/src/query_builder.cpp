#include "herald/query_builder.hpp"

#include <array>
#include <cctype>

#include "herald/schema.hpp"
#include "herald/terms.hpp"
#include "herald/text.hpp"

namespace herald {
namespace {

constexpr std::size_t kMaxQueryBytes = 4096;

bool is_word_byte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || (c & 0x80) != 0; }

// Length of the operator keyword starting at `text[at]`, or 0.
std::size_t operator_length(std::string_view text, std::size_t at) {
    static constexpr std::array<std::string_view, 6> kOperators{"AND", "OR", "NOT", "XOR", "NEAR", "ADJ"};
    if (at > 0 && is_word_byte(text[at - 1])) return 0;
    for (auto keyword : kOperators) {
        if (text.substr(at, keyword.size()) != keyword) continue;
        std::size_t end = at + keyword.size();
        if ((keyword == "NEAR" || keyword == "ADJ") && end < text.size() && text[end] == '/') {
            ++end;
            while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        }
        if (end == text.size() || !is_word_byte(text[end])) return end - at;
    }
    return 0;
}

// A boolean field whose value is folded into the schema's term.
class FoldingFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit FoldingFieldProcessor(std::string (*make_term)(std::string_view)) : make_term_(make_term) {}
    Xapian::Query operator()(const std::string& value) override { return Xapian::Query(make_term_(value)); }

  private:
    std::string (*make_term_)(std::string_view);
};

std::string language_term(std::string_view value) {
    const auto language = resolve_language(value);
    return terms::language(language ? language->code : std::string(value));
}

std::string id_term(std::string_view value) { return terms::id(value); }

void add_fields(Xapian::QueryParser& parser) {
    for (const auto& field : schema::kQueryFields) {
        const std::string name(field.name);
        if (!field.boolean) {
            parser.add_prefix(name, std::string(field.prefix));
            continue;
        }
        std::string (*make_term)(std::string_view) = nullptr;
        if (field.prefix == schema::kSourcePrefix) make_term = terms::source;
        if (field.prefix == schema::kAuthorPrefix) make_term = terms::author;
        if (field.prefix == schema::kTagPrefix) make_term = terms::tag;
        if (field.prefix == schema::kLanguagePrefix) make_term = language_term;
        if (field.prefix == schema::kIdPrefix) make_term = id_term;
        if (make_term == nullptr) {
            parser.add_boolean_prefix(name, std::string(field.prefix));
            continue;
        }
        // The parser takes ownership of release()d processors.
        parser.add_boolean_prefix(name, (new FoldingFieldProcessor(make_term))->release());
    }
}

}  // namespace

std::string fold_query_text(std::string_view query) {
    std::string folded;
    folded.reserve(query.size());
    std::size_t segment_start = 0;
    for (std::size_t i = 0; i < query.size();) {
        const std::size_t length = operator_length(query, i);
        if (length == 0) {
            ++i;
            continue;
        }
        folded += fold(query.substr(segment_start, i - segment_start));
        folded += query.substr(i, length);
        i += length;
        segment_start = i;
    }
    folded += fold(query.substr(segment_start));
    return folded;
}

QueryBuilder::QueryBuilder(const Xapian::Database& database, const Language& language)
    : stemmer_(make_stemmer(language.stemmer)) {
    parser_.set_database(database);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_OR);
    add_fields(parser_);
}

Xapian::Query QueryBuilder::parse(const std::string& query_text) {
    if (query_text.size() > kMaxQueryBytes) {
        throw QueryError("query too long: " + std::to_string(query_text.size()) + " bytes, the limit is " +
                         std::to_string(kMaxQueryBytes));
    }
    const std::string cleaned = collapse_whitespace(clean_control_chars(query_text));
    if (cleaned.empty()) throw QueryError("empty query");
    bool was_latin1 = false;
    const std::string text = fold_query_text(to_utf8(cleaned, was_latin1));
    const unsigned flags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT;
    try {
        Xapian::Query query = parser_.parse_query(text, flags);
        if (query.empty()) throw QueryError("the query has no searchable words");
        return query;
    } catch (const Xapian::QueryParserError& error) {
        throw QueryError("invalid query: " + error.get_msg());
    }
}

}  // namespace herald
