#include "searcher/query/query_builder.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <regex>
#include <vector>

#include "common/name_key.hpp"
#include "common/schema.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"
#include "searcher/query/archive_languages.hpp"
#include "searcher/query/date_range.hpp"
#include "searcher/query/spelling.hpp"
#include "searcher/query/stopwords.hpp"
#include "searcher/query/synonym_expansion.hpp"

namespace herald {
namespace {

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

// A keyword field's "name:value": the value folded as the indexer folds it.
class KeywordFieldProcessor : public Xapian::FieldProcessor {
  public:
    explicit KeywordFieldProcessor(std::string name) : name_(std::move(name)) {}
    Xapian::Query operator()(const std::string& value) override { return Xapian::Query(terms::keyword(name_, value)); }

  private:
    std::string name_;
};

// Hands the parser the expansion of a word placeholder ("heraldword:N", see
// mark_query_words), so the expansion sits in the parsed query where the
// words stood, under the user's operators. Parsing again with a `replay`
// set hands back each word's expansion, with or without its name keys,
// kept from the first parse.
class WordPlaceholderProcessor : public Xapian::FieldProcessor {
  public:
    WordPlaceholderProcessor(const std::vector<std::string>& entries, std::vector<std::vector<std::string>>& terms,
                             ParsedWords& parsed, const Xapian::Database& database, const SynonymTable& table,
                             std::vector<Xapian::Stem> stemmers)
        : entries_(entries), terms_(terms), parsed_(parsed), expansion_(database, table, std::move(stemmers)) {}
    Xapian::Query operator()(const std::string& value) override {
        std::size_t number = 0;
        const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
        if (error != std::errc() || end != value.data() + value.size() || number >= entries_.size()) {
            // Not one of mark_query_words' placeholders (it leaves a query that
            // names the field itself as it is): the user typed the field.
            throw Xapian::QueryParserError(fmt::format("'{}:' is not a field", schema::kWordPlaceholderField));
        }
        parsed_.with_keys.resize(entries_.size());
        parsed_.without_keys.resize(entries_.size());
        parsed_.name_share.resize(entries_.size());
        if (parsed_.replay == ParsedWords::Replay::WithKeys) return parsed_.with_keys[number];
        if (parsed_.replay == ParsedWords::Replay::WithoutKeys) return parsed_.without_keys[number];
        ExpandedWord expansion = expansion_.query_for(entries_[number]);
        terms_.resize(entries_.size());
        terms_[number].assign(expansion.query.get_unique_terms_begin(), expansion.query.get_unique_terms_end());
        parsed_.with_keys[number] = expansion.query;
        parsed_.without_keys[number] = std::move(expansion.without_name_keys);
        parsed_.name_share[number] = expansion.name_share;
        parsed_.use_name_keys = parsed_.use_name_keys || expansion.uses_name_keys;
        return expansion.query;
    }

  private:
    const std::vector<std::string>& entries_;
    std::vector<std::vector<std::string>>& terms_;
    ParsedWords& parsed_;
    WordExpansion expansion_;
};

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
        if (field.prefix == schema::kLanguagePrefix) make_term = terms::language_named;
        if (field.prefix == schema::kIdPrefix) make_term = id_term;
        if (make_term == nullptr) {
            parser.add_boolean_prefix(name, std::string(field.prefix));
            continue;
        }
        // The parser takes ownership of release()d processors.
        parser.add_boolean_prefix(name, (new FoldingFieldProcessor(make_term))->release());
    }
}

// Catches what Xapian's parser would silently reinterpret, so the user
// hears about it: a field with no value, an unclosed quote, control bytes.
void check_control_bytes(std::string_view text) {
    for (unsigned char c : text) {
        if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f) {
            throw QueryError("the query contains control characters");
        }
    }
}

void check_query_text(std::string_view text) {
    if (std::count(text.begin(), text.end(), '"') % 2 != 0) throw QueryError("unbalanced quotes in the query");
    std::vector<std::string_view> fields{schema::kDateField};
    for (const auto& field : schema::kQueryFields) fields.push_back(field.name);
    for (const auto field : fields) {
        for (std::size_t at = text.find(field); at != std::string_view::npos; at = text.find(field, at + 1)) {
            const std::size_t colon = at + field.size();
            if (at > 0 && is_word_byte(text[at - 1])) continue;
            if (colon >= text.size() || text[colon] != ':') continue;
            if (colon + 1 == text.size() || text[colon + 1] == ' ' || text[colon + 1] == ')') {
                throw QueryError(fmt::format("'{}:' needs a value, e.g. {}:word", field, field));
            }
        }
    }
}

// Bounds the work one query can ask for: every word becomes a synonym group
// of its forms for Xapian to match, and brackets nest Xapian's query tree
// (and its matcher's postings tree), which it walks recursively.
void check_query_size(std::string_view text) {
    std::size_t words = 0;
    std::size_t depth = 0;
    std::size_t deepest = 0;
    bool in_quotes = false;
    for (std::size_t i = 0; i < text.size();) {
        const char c = text[i];
        if (c == '"') in_quotes = !in_quotes;
        if (!in_quotes && c == '(') deepest = std::max(deepest, ++depth);
        if (!in_quotes && c == ')' && depth > 0) --depth;
        if (!is_word_byte(c)) {
            ++i;
            continue;
        }
        if (const std::size_t length = operator_length(text, i); length > 0) {
            i += length;
            continue;
        }
        while (i < text.size() && is_word_byte(text[i])) ++i;
        if (i < text.size() && text[i] == ':') continue;  // a field's name
        ++words;
    }
    if (words > kMaxQueryWords) {
        throw QueryError(fmt::format("query too long: {} words, the limit is {}", words, kMaxQueryWords));
    }
    if (deepest > kMaxBracketDepth) {
        throw QueryError(
            fmt::format("brackets nested too deep: {} levels, the limit is {}", deepest, kMaxBracketDepth));
    }
}

// The placeholder field is Herald's own (mark_query_words): a query that
// names it would reach the word processor with a value it never made.
void check_reserved_names(std::string_view text) {
    const std::string reserved = std::string(schema::kWordPlaceholderField) + ":";
    if (text.find(reserved) != std::string_view::npos) {
        throw QueryError(fmt::format("'{}' is reserved and cannot be searched as a field", reserved));
    }
}

// The single-word entries when the marked query is placeholders alone.
std::vector<std::string> only_words(const MarkedWords& marked, const std::vector<std::string>& entries) {
    std::string expected;
    for (std::size_t i = 0; i < entries.size(); ++i) {
        if (i > 0) expected.push_back(' ');
        expected += fmt::format("{}:{}", schema::kWordPlaceholderField, i);
    }
    if (entries.empty() || marked.text != expected) return {};
    std::vector<std::string> words;
    for (const auto& entry : entries) {
        if (entry.find(' ') == std::string::npos) words.push_back(entry);
    }
    return words;
}

constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_DEFAULT | Xapian::QueryParser::FLAG_PURE_NOT;

}  // namespace

// "date:2016-03" alone means the whole period: the range 2016-03..2016-03.
std::string expand_single_dates(const std::string& text) {
    static const std::regex single_date(R"re((^|[\s(+-])date:([^\s.()"]+)(?=[\s)]|$))re");
    return std::regex_replace(text, single_date, "$1date:$2..$2");
}

// Length of "id:VALUE" starting at `text[at]` (ids are exact, never folded), or 0.
std::size_t exact_field_length(std::string_view text, std::size_t at) {
    const std::string prefix = std::string(schema::kQueryFields.back().name) + ":";  // "id:"
    if (text.substr(at, prefix.size()) != prefix || (at > 0 && is_word_byte(text[at - 1]))) return 0;
    std::size_t end = at + prefix.size();
    if (end < text.size() && text[end] == '"') {
        const auto close = text.find('"', end + 1);
        return (close == std::string_view::npos ? text.size() : close + 1) - at;
    }
    while (end < text.size() && text[end] != ' ' && text[end] != ')') ++end;
    return end - at;
}

std::string fold_query_text(std::string_view query) {
    std::string folded;
    folded.reserve(query.size());
    std::size_t segment_start = 0;
    for (std::size_t i = 0; i < query.size();) {
        std::size_t length = operator_length(query, i);
        if (length == 0) length = exact_field_length(query, i);
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
    : QueryBuilder(database, make_stemmer(language.stemmer), std::make_shared<const SynonymTable>(database)) {}

QueryBuilder::QueryBuilder(const Xapian::Database& database, Xapian::Stem stemmer,
                           std::shared_ptr<const SynonymTable> synonyms, std::vector<Xapian::Stem> other_stemmers,
                           const std::set<std::string>& keyword_fields)
    : database_(database),
      synonyms_(synonyms ? std::move(synonyms) : std::make_shared<const SynonymTable>()),
      stemmer_(std::move(stemmer)) {
    filter_fields_ = keyword_fields;
    filter_fields_.insert(std::string(schema::kDateField));
    for (const auto& field : schema::kQueryFields) {
        if (field.boolean) filter_fields_.insert(std::string(field.name));
    }
    parser_.set_database(database);
    parser_.set_stemmer(stemmer_);
    parser_.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser_.set_default_op(Xapian::Query::OP_OR);
    add_fields(parser_);
    // The parser takes ownership of release()d processors.
    for (const auto& name : keyword_fields)
        parser_.add_boolean_prefix(name, (new KeywordFieldProcessor(name))->release());
    parser_.add_rangeprocessor((new DateRangeProcessor())->release());
    // The query's own stemmer first, then the other languages' (deduplicated).
    std::vector<Xapian::Stem> stemmers{stemmer_};
    for (auto& other : other_stemmers) {
        if (other.get_description() != stemmer_.get_description()) stemmers.push_back(std::move(other));
    }
    parser_.add_prefix(std::string(schema::kWordPlaceholderField),
                       (new WordPlaceholderProcessor(word_entries_, word_terms_, parsed_words_, database_, *synonyms_,
                                                     std::move(stemmers)))
                           ->release());
}

Xapian::Query QueryBuilder::parse(const std::string& query_text, const Deadline& deadline, MatchMode mode) {
    if (query_text.size() > kMaxQueryBytes) {
        throw QueryError("query too long: " + std::to_string(query_text.size()) + " bytes, the limit is " +
                         std::to_string(kMaxQueryBytes));
    }
    check_control_bytes(query_text);
    const std::string cleaned = collapse_whitespace(query_text);
    if (cleaned.empty()) throw QueryError("empty query");
    bool was_latin1 = false;
    const std::string typed = to_utf8(cleaned, was_latin1);
    const std::string text = expand_single_dates(fold_query_text(typed));
    check_query_text(text);
    check_query_size(text);
    check_reserved_names(text);
    try {
        MarkedWords marked = mark_query_words(text, *synonyms_);
        word_entries_ = std::move(marked.entries);
        plain_words_ = only_words(marked, word_entries_);
        word_terms_.clear();
        parsed_words_ = ParsedWords();
        marked_text_ = std::move(marked.text);
        any_word_ = parse_marked(marked_text_, false, ParsedWords::Replay::None);
        plain_query_words_.clear();
        if (!plain_words_.empty()) {
            for (std::size_t i = 0; i < word_terms_.size(); ++i)
                plain_query_words_.push_back({word_entries_[i], word_terms_[i]});
        }
        if (any_word_.empty()) throw QueryError("the query has no searchable words");
        all_units_marked_ = all_units_text(typed);
        all_units_ = parse_marked(all_units_marked_.text, all_units_marked_.default_and, ParsedWords::Replay::WithKeys);
        all_units_narrower_ = all_units_.get_description() != any_word_.get_description();
        corrected_ = suggest_correction(database_, stemmer_, text, deadline);
        return query(mode);
    } catch (const Xapian::QueryParserError& error) {
        throw QueryError("invalid query: " + error.get_msg());
    } catch (const Xapian::UnimplementedError& error) {  // e.g. a bracketed group inside NEAR
        throw QueryError("unsupported query: " + error.get_msg());
    }
}

Xapian::Query QueryBuilder::parse_marked(const std::string& text, bool default_and, ParsedWords::Replay replay) {
    parser_.set_default_op(default_and ? Xapian::Query::OP_AND : Xapian::Query::OP_OR);
    parsed_words_.replay = replay;
    Xapian::Query query;
    try {
        query = parser_.parse_query(text, kParseFlags);
    } catch (...) {
        parsed_words_.replay = ParsedWords::Replay::None;
        throw;
    }
    parsed_words_.replay = ParsedWords::Replay::None;
    return query;
}

// The same text through the same parser, each word handing back its
// expansion without keys: Xapian's parsed queries cannot be rewritten.
Xapian::Query QueryBuilder::parse_without_name_keys(MatchMode mode) {
    if (!parsed_words_.use_name_keys)
        throw std::logic_error("parse_without_name_keys: the last query used no name key");
    if (mode == MatchMode::Any) return parse_marked(marked_text_, false, ParsedWords::Replay::WithoutKeys);
    return parse_marked(all_units_marked_.text, all_units_marked_.default_and, ParsedWords::Replay::WithoutKeys);
}

bool QueryBuilder::is_stopword_entry(std::size_t number, const TypedCase& typed) {
    const std::string& entry = word_entries_.at(number);
    if (entry.find(' ') != std::string::npos || typed.all_capitals.count(entry) > 0) return false;
    if (!archive_languages_) archive_languages_ = archive_language_codes(database_);
    return std::any_of(archive_languages_->begin(), archive_languages_->end(),
                       [&](const std::string& code) { return is_stopword(code, entry); });
}

AllUnitsText QueryBuilder::all_units_text(const std::string& query_as_typed) {
    const TypedCase typed = typed_case(query_as_typed);
    UnitRules rules;
    rules.is_stopword = [&](std::size_t number) { return is_stopword_entry(number, typed); };
    rules.one_name = [&](std::size_t given, std::size_t last) {
        const std::string& first = word_entries_.at(given);
        const std::string& second = word_entries_.at(last);
        const auto& shares = parsed_words_.name_share;
        if (last >= shares.size() || typed.capitalised.count(first) == 0 || typed.capitalised.count(second) == 0)
            return false;
        // A surname too short for a name key ("Maas") says nothing of how it
        // is written: then only a given name almost always before it tells.
        if (name_key(second).empty()) return written_together(database_, first, second, kUnkeyedNamePairShare);
        return shares[last] >= kNameSurnameShare && written_together(database_, first, second, kNamePairShare);
    };
    rules.is_filter_field = [&](std::string_view field) { return filter_fields_.count(std::string(field)) > 0; };
    return herald::all_units_text(marked_text_, rules);
}

}  // namespace herald
