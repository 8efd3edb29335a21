#include "indexer/input/json_articles.hpp"

#include <fmt/format.h>
#include <simdjson.h>

#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>

#include "common/date.hpp"
#include "common/keyword_fields.hpp"
#include "common/text.hpp"

namespace herald {
namespace {

using nlohmann::json;

// A scalar as text: strings as they are, numbers as written; null is empty.
std::string scalar_text(const json& value, const std::string& field) {
    if (value.is_null()) return {};
    if (value.is_string()) return value.get<std::string>();
    if (value.is_number() || value.is_boolean()) return value.dump();
    throw RecordError(fmt::format("field '{}': expected a string, got {}", field, value.type_name()));
}

// A list field: a JSON array of strings, or one string of comma-separated
// names (tidied, and empty ones dropped, by finish_article).
std::vector<std::string> list_text(const json& value, const std::string& field, char separator) {
    std::vector<std::string> items;
    if (value.is_array()) {
        for (const auto& item : value) items.push_back(scalar_text(item, field));
        return items;
    }
    const std::string text = scalar_text(value, field);
    std::string_view rest = text;
    while (!rest.empty()) {
        const auto end = rest.find(separator);
        items.emplace_back(rest.substr(0, end));
        if (end == std::string_view::npos) break;
        rest.remove_prefix(end + 1);
    }
    return items;
}

// A simdjson value as nlohmann JSON. Numbers keep their parsed value, so
// they print as the nlohmann parser would have printed them.
json to_json(simdjson::dom::element element) {
    using Type = simdjson::dom::element_type;
    switch (element.type()) {
        case Type::STRING: {
            std::string_view text;
            return element.get(text) == simdjson::SUCCESS ? json(std::string(text)) : json(nullptr);
        }
        case Type::INT64: {
            std::int64_t number = 0;
            return element.get(number) == simdjson::SUCCESS ? json(number) : json(nullptr);
        }
        case Type::UINT64: {
            std::uint64_t number = 0;
            return element.get(number) == simdjson::SUCCESS ? json(number) : json(nullptr);
        }
        case Type::DOUBLE: {
            double number = 0;
            return element.get(number) == simdjson::SUCCESS ? json(number) : json(nullptr);
        }
        case Type::BOOL: {
            bool flag = false;
            return element.get(flag) == simdjson::SUCCESS ? json(flag) : json(nullptr);
        }
        case Type::NULL_VALUE:
            return json(nullptr);
        case Type::ARRAY: {
            json array = json::array();
            simdjson::dom::array items;
            if (element.get(items) != simdjson::SUCCESS) return array;
            for (const simdjson::dom::element item : items) array.push_back(to_json(item));
            return array;
        }
        case Type::OBJECT: {
            json object = json::object();
            simdjson::dom::object members;
            if (element.get(members) != simdjson::SUCCESS) return object;
            for (const simdjson::dom::key_value_pair member : members) {
                object[std::string(member.key)] = to_json(member.value);
            }
            return object;
        }
    }
    return json(nullptr);
}

// The members Herald uses of a JSON Lines record, parsed with simdjson: the
// common case of a valid UTF-8 object, at a fraction of nlohmann's cost (a
// news dataset's lines are mostly article text Herald does not keep twice).
// nullopt for anything else (invalid JSON or UTF-8, numbers simdjson cannot
// hold, a line that is not an object), which the nlohmann path then reads
// or reports exactly as before.
std::optional<json> used_members_fast(std::string_view line, const FieldMap& fields) {
    thread_local simdjson::dom::parser parser;
    simdjson::dom::element root;
    simdjson::dom::object object;
    if (parser.parse(line.data(), line.size()).get(root) != simdjson::SUCCESS) return std::nullopt;
    if (root.get(object) != simdjson::SUCCESS) return std::nullopt;
    json used = json::object();
    for (const simdjson::dom::key_value_pair member : object) {
        std::string key(member.key);
        if (fields.uses(key)) used[std::move(key)] = to_json(member.value);  // a repeated key: the last wins
    }
    return used;
}

const json* find_field(const json& object, const FieldMap& fields, const std::string& field) {
    const auto found = object.find(fields.dataset_name(field));
    return found == object.end() || found->is_null() ? nullptr : &*found;
}

}  // namespace

const std::vector<std::string>& FieldMap::fields() {
    static const std::vector<std::string> kFields{"id",  "title",   "body", "date",    "source",
                                                  "url", "authors", "tags", "language"};
    return kFields;
}

void FieldMap::add_keyword(const std::string& name) {
    if (const auto problem = keyword_name_problem(name)) throw std::invalid_argument(*problem);
    keywords_.insert(name);
}

void FieldMap::set(const std::string& field, const std::string& dataset_name) {
    const auto& known = fields();
    if (std::find(known.begin(), known.end(), field) == known.end() && keywords_.count(field) == 0) {
        throw std::invalid_argument(
            fmt::format("unknown field '{}' (known: {}; declare a field of the dataset's own "
                        "with --keyword {} first)",
                        field, fmt::join(known, ", "), field));
    }
    if (dataset_name.empty()) throw std::invalid_argument(fmt::format("empty source name for field '{}'", field));
    renamed_[field] = dataset_name;
}

void FieldMap::set_from_spec(const std::string& spec) {
    const auto equals = spec.find('=');
    if (equals == std::string::npos) {
        throw std::invalid_argument(fmt::format("'{}' is not of the form FIELD=NAME", spec));
    }
    set(spec.substr(0, equals), spec.substr(equals + 1));
}

bool FieldMap::uses(const std::string& name) const {
    for (const auto& field : fields()) {
        if (dataset_name(field) == name) return true;
    }
    for (const auto& keyword : keywords_) {
        if (dataset_name(keyword) == name) return true;
    }
    return false;
}

const std::string& FieldMap::dataset_name(const std::string& field) const {
    const auto found = renamed_.find(field);
    return found == renamed_.end() ? field : found->second;
}

Article article_from_json(const json& object, const FieldMap& fields, std::vector<std::string>& warnings) {
    if (!object.is_object()) throw RecordError(fmt::format("expected a JSON object, got {}", object.type_name()));
    Article article;
    auto text_of = [&](const std::string& field) {
        const json* value = find_field(object, fields, field);
        return value ? scalar_text(*value, fields.dataset_name(field)) : std::string{};
    };
    article.id = text_of("id");
    article.title = text_of("title");
    article.body = text_of("body");
    article.source = text_of("source");
    article.url = text_of("url");
    article.language = text_of("language");
    if (const json* authors = find_field(object, fields, "authors")) {
        article.authors = list_text(*authors, fields.dataset_name("authors"), ',');
    }
    if (const json* tags = find_field(object, fields, "tags")) {
        article.tags = list_text(*tags, fields.dataset_name("tags"), ',');
    }
    for (const auto& keyword : fields.keywords()) {
        const json* value = find_field(object, fields, keyword);
        if (value == nullptr) continue;
        if (value->is_array() || value->is_object()) {
            warnings.push_back(fmt::format("field '{}': keyword fields take one value, not {}; indexed without it",
                                           fields.dataset_name(keyword), value->type_name()));
            continue;
        }
        article.keywords.emplace(keyword, scalar_text(*value, fields.dataset_name(keyword)));
    }
    const std::string date_text = clean_line(text_of("date"));  // quoted in a warning
    if (!date_text.empty()) {
        article.date = parse_date(date_text);
        if (!article.date) {
            warnings.push_back(fmt::format("field '{}': unparseable date '{}'; indexed without a date",
                                           fields.dataset_name("date"), date_text));
        }
    }
    finish_article(article, warnings);
    return article;
}

Article article_from_json_line(std::string_view line, const FieldMap& fields, std::vector<std::string>& warnings) {
    if (auto used = used_members_fast(line, fields)) return article_from_json(*used, fields, warnings);
    std::string repaired;
    if (!is_valid_utf8(line)) {
        bool was_latin1 = false;
        repaired = to_utf8(line, was_latin1);
        line = repaired;
        warnings.emplace_back("not valid UTF-8; decoded as Latin-1");
    }
    // Top-level members Herald does not use (datasets carry many) are
    // dropped while parsing rather than built into the tree.
    const auto keep_used_members = [&fields](int depth, json::parse_event_t event, json& parsed) {
        if (depth != 1 || event != json::parse_event_t::key) return true;
        return fields.uses(parsed.get<std::string>());
    };
    json object;
    try {
        object = json::parse(line.begin(), line.end(), keep_used_members);
    } catch (const json::exception& error) {  // parse_error, or out_of_range for a number like 1e444
        // nlohmann's message starts with "[json.exception.parse_error.101] "; keep the useful part.
        std::string message = error.what();
        const auto bracket = message.find("] ");
        if (bracket != std::string::npos) message = message.substr(bracket + 2);
        // Its "last read: '...'" quotes raw input, possibly cut mid-character:
        // keep messages valid UTF-8 for terminals and log parsers.
        const auto last_read = message.find("; last read: ");
        if (last_read != std::string::npos) message.erase(last_read);
        throw RecordError("invalid JSON: " + message);
    }
    return article_from_json(object, fields, warnings);
}

void read_json_document(std::string_view bytes, const std::string& file_name, const FieldMap& fields,
                        ArticleSink& sink) {
    bool was_latin1 = false;
    const std::string text = to_utf8(bytes, was_latin1);
    if (was_latin1) sink.warn({file_name, 0}, "not valid UTF-8; decoded as Latin-1");
    json document;
    try {
        document = json::parse(text);
    } catch (const json::parse_error& error) {
        sink.reject({file_name, 0}, fmt::format("invalid JSON at byte {}", error.byte));
        return;
    } catch (const json::out_of_range&) {  // a number beyond a double's range: 1e444
        sink.reject({file_name, 0}, "invalid JSON: a number out of range");
        return;
    }
    if (!document.is_array()) {
        deliver({file_name, 0}, sink,
                [&](std::vector<std::string>& warnings) { return article_from_json(document, fields, warnings); });
        return;
    }
    // Records of an array are numbered from 1 in place of line numbers.
    std::size_t index = 0;
    for (const auto& value : document) {
        deliver({file_name, ++index}, sink,
                [&](std::vector<std::string>& warnings) { return article_from_json(value, fields, warnings); });
    }
}

}  // namespace herald
