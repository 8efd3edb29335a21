// Exports of whole result sets: every match with all its article fields,
// one record at a time, as JSON Lines (one object a line) or CSV (RFC 4180:
// a header row, CRLF line ends, fields with commas, quotes or line breaks
// quoted and their quotes doubled, lists joined by "; "). The keys are
// those of the search JSON (results_json.hpp) where both have a field:
//   rank, id, score, title, date, source, url, authors, tags, language,
//   duplicates, shard, body
// then the database's keyword fields: in JSON one object "fields" (as in the
// search JSON), in CSV a column each, named after the field.
// Missing text fields are null in JSON and empty in CSV.
// CSV text is written as stored, or formula-safe (CsvCells) for downloads
// from the web, which may be opened in a spreadsheet unread.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <string_view>

#include "searcher/match/searcher.hpp"

namespace herald {

enum class ExportFormat { JsonLines, Csv };

// "jsonl" or "csv"; nullopt otherwise.
std::optional<ExportFormat> export_format_from_name(std::string_view name);
// "application/x-ndjson" or "text/csv; charset=utf-8".
const char* export_content_type(ExportFormat format);
// "jsonl" or "csv", for file names.
const char* export_extension(ExportFormat format);

// One CSV field: as it is, or quoted with its quotes doubled when it holds
// a comma, a quote, a CR or an LF; control characters other than tab, CR and
// LF (which only an older database can hold) dropped.
std::string csv_field(std::string_view text);

// How CSV text cells are written. Spreadsheets run a cell that starts with
// '=', '+', '-', '@', a tab or a CR as a formula (CSV injection);
// FormulaSafe puts a ' before such a cell (OWASP's rule), so it shows as text.
enum class CsvCells { AsStored, FormulaSafe };

// `text`, with a ' in front when a spreadsheet would read it as a formula.
std::string formula_safe(std::string_view text);

// The lines of an export, one record at a time, for the caller to write
// out (a stream on the command line, a response body on the web).
class ExportRecords {
  public:
    ExportRecords(ExportFormat format, std::set<std::string> keyword_fields = {}, CsvCells cells = CsvCells::AsStored)
        : format_(format), keyword_fields_(std::move(keyword_fields)), cells_(cells) {}
    // The CSV header row; empty for JSON Lines.
    std::string header() const;
    // The record of `hit`, with its line end; valid until the next call.
    const std::string& record(const Hit& hit);

  private:
    // A text cell of a CSV row, neutralised when cells_ says so.
    std::string csv_text(std::string_view text) const;

    ExportFormat format_;
    std::set<std::string> keyword_fields_;  // CSV columns
    CsvCells cells_;
    std::string line_;  // reused
};

}  // namespace herald
