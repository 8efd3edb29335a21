#include "searcher/present/export.hpp"

#include <fmt/format.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <variant>
#include <vector>

#include "common/text.hpp"

namespace herald {
namespace {

// A field's value: missing, text, a list of texts, or a number.
using Cell = std::variant<std::nullptr_t, std::string, std::vector<std::string>, double, std::uint64_t>;

Cell text_or_null(const std::string& text) { return text.empty() ? Cell(nullptr) : Cell(text); }

// The exported fields, in order. One more field is one more line here; its
// Cell alternative says how both formats write it.
struct Column {
    const char* name;
    Cell (*value)(const Hit& hit);
};

const Column kColumns[] = {
    {"rank", [](const Hit& hit) { return Cell(std::uint64_t{hit.rank}); }},
    {"id", [](const Hit& hit) { return Cell(hit.article.id); }},
    {"score", [](const Hit& hit) { return Cell(hit.score); }},
    {"title", [](const Hit& hit) { return text_or_null(hit.article.title); }},
    {"date", [](const Hit& hit) { return hit.article.date ? Cell(hit.article.date->iso8601()) : Cell(nullptr); }},
    {"source", [](const Hit& hit) { return text_or_null(hit.article.source); }},
    {"url", [](const Hit& hit) { return text_or_null(hit.article.url); }},
    {"authors", [](const Hit& hit) { return Cell(hit.article.authors); }},
    {"tags", [](const Hit& hit) { return Cell(hit.article.tags); }},
    {"language", [](const Hit& hit) { return text_or_null(hit.article.language); }},
    {"duplicates", [](const Hit& hit) { return Cell(std::uint64_t{hit.duplicates}); }},
    {"shard", [](const Hit& hit) { return text_or_null(hit.shard); }},
    {"body", [](const Hit& hit) { return text_or_null(hit.article.body); }},
};

nlohmann::ordered_json to_json(const Cell& cell) {
    return std::visit([](const auto& value) { return nlohmann::ordered_json(value); }, cell);
}

}  // namespace

std::optional<ExportFormat> export_format_from_name(std::string_view name) {
    if (name == "jsonl") return ExportFormat::JsonLines;
    if (name == "csv") return ExportFormat::Csv;
    return std::nullopt;
}

const char* export_content_type(ExportFormat format) {
    return format == ExportFormat::Csv ? "text/csv; charset=utf-8" : "application/x-ndjson";
}

const char* export_extension(ExportFormat format) { return format == ExportFormat::Csv ? "csv" : "jsonl"; }

std::string csv_field(std::string_view text) {
    std::string field;
    field.reserve(text.size());
    for (std::size_t at = 0; at < text.size();) {
        const char c = text[at];
        const std::size_t control = control_char_length(text, at);
        if (control > 0 && c != '\t' && c != '\n' && c != '\r') {
            at += control;  // from an older database: not text a spreadsheet or terminal should get
            continue;
        }
        if (c == '"') field += '"';
        field += c;
        ++at;
    }
    if (text.find_first_of(",\"\r\n") == std::string_view::npos) return field;
    return "\"" + field + "\"";
}

std::string formula_safe(std::string_view text) {
    if (text.empty() || std::string_view("=+-@\t\r").find(text.front()) == std::string_view::npos) {
        return std::string(text);
    }
    return "'" + std::string(text);
}

std::string ExportRecords::csv_text(std::string_view text) const {
    return csv_field(cells_ == CsvCells::FormulaSafe ? formula_safe(text) : std::string(text));
}

std::string ExportRecords::header() const {
    if (format_ != ExportFormat::Csv) return {};
    std::string header;
    for (const auto& column : kColumns) {
        if (!header.empty()) header += ',';
        header += column.name;
    }
    for (const auto& name : keyword_fields_) header += "," + csv_field(name);
    header += "\r\n";
    return header;
}

const std::string& ExportRecords::record(const Hit& hit) {
    line_.clear();
    if (format_ == ExportFormat::JsonLines) {
        nlohmann::ordered_json record = nlohmann::ordered_json::object();
        for (const auto& column : kColumns) record[column.name] = to_json(column.value(hit));
        record["fields"] = hit.article.keywords;
        // Stored text is valid UTF-8; should a byte not be, it is replaced, not fatal.
        line_ = record.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
        line_ += '\n';
    } else {
        struct {
            const ExportRecords& records;
            std::string operator()(std::nullptr_t) const { return {}; }
            std::string operator()(const std::string& text) const { return records.csv_text(text); }
            std::string operator()(const std::vector<std::string>& items) const {
                return records.csv_text(fmt::format("{}", fmt::join(items, "; ")));
            }
            std::string operator()(double number) const { return fmt::format("{}", number); }
            std::string operator()(std::uint64_t number) const { return std::to_string(number); }
        } const to_csv{*this};
        for (const auto& column : kColumns) {
            if (&column != kColumns) line_ += ',';
            line_ += std::visit(to_csv, column.value(hit));
        }
        for (const auto& name : keyword_fields_) {
            const auto value = hit.article.keywords.find(name);
            line_ += ',';
            if (value != hit.article.keywords.end()) line_ += csv_text(value->second);
        }
        line_ += "\r\n";
    }
    return line_;
}

}  // namespace herald
