#include "indexer/input/inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "common/text.hpp"
#include "indexer/input/decompress.hpp"
#include "indexer/input/records.hpp"

namespace herald {
namespace fs = std::filesystem;
namespace {

std::string lower(std::string text) {
    std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return std::tolower(c); });
    return text;
}

bool is_documentation(const fs::path& path) {
    const std::string name = lower(path.filename().string());
    for (const char* prefix : {"readme", "provenance", "license", "licence"}) {
        if (name.rfind(prefix, 0) == 0) return true;
    }
    return name.empty() || name.front() == '.';
}

std::string id_for(const fs::path& path, const fs::path& root, const std::string& prefix) {
    fs::path relative = root.empty() ? path.filename() : path.lexically_relative(root);
    relative = without_compression_extension(relative);  // politics/064.txt.gz is politics/064
    relative.replace_extension();
    const std::string id = prefix.empty() ? relative.generic_string() : prefix + "/" + relative.generic_string();
    return clean_line(id);  // as finish_article cleans ids, so colliding ones are found while planning
}

// The folder name IdPrefix::Dirname puts before ids: the directory
// argument's own, or a file argument's folder's ("." and "dir/" too).
std::string dirname_prefix(const fs::path& argument, bool is_directory) {
    std::error_code error;
    fs::path folder = fs::absolute(argument, error).lexically_normal();
    if (folder.filename().empty()) folder = folder.parent_path();  // "bbc/politics/" and "."
    if (!is_directory) folder = folder.parent_path();
    return folder.filename().string();  // empty for the root folder
}

// Reports reading problems to an ArticleSink, for the one-thread readers.
class SinkProblems : public ReadProblems {
  public:
    explicit SinkProblems(ArticleSink& sink) : sink_(sink) {}
    void warn(const RecordOrigin& origin, const std::string& message) override { sink_.warn(origin, message); }
    void reject(const RecordOrigin& origin, const std::string& reason) override { sink_.reject(origin, reason); }

  private:
    ArticleSink& sink_;
};

// Adds the input files under `directory` (recursively) to `files`. A folder
// that cannot be read is rejected by its own path and the walk goes on with
// its siblings. Symbolic links to folders are not followed, and hidden
// folders are skipped.
void walk_directory(const fs::path& directory, const fs::path& root, const std::string& prefix,
                    std::optional<Format> forced, ArticleSink& sink, std::vector<InputFile>& files) {
    std::error_code error;
    fs::directory_iterator entries(directory, error);
    for (; !error && entries != fs::directory_iterator(); entries.increment(error)) {
        const fs::path& path = entries->path();
        std::error_code entry_error;
        if (entries->is_directory(entry_error)) {
            if (!entries->is_symlink(entry_error) && !is_documentation(path)) {
                walk_directory(path, root, prefix, forced, sink, files);
            }
            continue;
        }
        if (!entries->is_regular_file(entry_error) || is_documentation(path)) continue;
        const auto format = forced ? forced : format_for_path(path);
        if (format) files.push_back({path, id_for(path, root, prefix), *format});
    }
    if (error) sink.reject({directory.string(), 0}, fmt::format("cannot read directory: {}", error.message()));
}

}  // namespace

std::optional<Format> format_from_name(const std::string& name) {
    const std::string key = lower(name);
    if (key == "text" || key == "txt") return Format::Text;
    if (key == "jsonl" || key == "ndjson") return Format::JsonLines;
    if (key == "json") return Format::Json;
    if (key == "csv") return Format::Csv;
    if (key == "tsv") return Format::Tsv;
    return std::nullopt;
}

std::optional<Format> format_for_path(const fs::path& path) {
    const std::string extension = lower(without_compression_extension(path).extension().string());
    if (extension == ".txt" || extension == ".text") return Format::Text;
    if (extension == ".jsonl" || extension == ".ndjson") return Format::JsonLines;
    if (extension == ".json") return Format::Json;
    if (extension == ".csv") return Format::Csv;
    if (extension == ".tsv" || extension == ".tab") return Format::Tsv;
    return std::nullopt;
}

std::optional<IdPrefix> id_prefix_from_name(const std::string& name) {
    if (name == "none") return IdPrefix::None;
    if (name == "dirname") return IdPrefix::Dirname;
    return std::nullopt;
}

std::vector<InputFile> expand_input(const std::string& argument, std::optional<Format> forced, ArticleSink& sink,
                                    IdPrefix id_prefix) {
    std::vector<InputFile> files;
    const fs::path root(argument);
    std::error_code error;
    const auto status = fs::status(root, error);
    if (error || !fs::exists(status)) {
        sink.reject({argument, 0}, "no such file or directory");
        return files;
    }
    const bool is_directory = fs::is_directory(status);
    const std::string prefix = id_prefix == IdPrefix::Dirname ? dirname_prefix(root, is_directory) : "";
    if (!is_directory) {
        const auto format = forced ? forced : format_for_path(root);
        if (!format) {
            sink.reject({argument, 0}, "unknown format (use --format text|jsonl|json|csv|tsv)");
            return files;
        }
        files.push_back({root, id_for(root, {}, prefix), *format});
        return files;
    }
    walk_directory(root, root, prefix, forced, sink, files);
    std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    return files;
}

void read_input(const InputFile& input, const FieldMap& fields, ArticleSink& sink) {
    SinkProblems problems(sink);
    read_records(
        input, ReadLimits{}, [&](RawRecord&& record) { parse_record(record, fields, sink); }, problems);
}

void read_stream(std::istream& input, const std::string& name, std::optional<Format> forced, const FieldMap& fields,
                 ArticleSink& sink) {
    SinkProblems problems(sink);
    read_record_stream(
        input, name, forced, ReadLimits{}, [&](RawRecord&& record) { parse_record(record, fields, sink); }, problems);
}

}  // namespace herald
