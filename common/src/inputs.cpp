#include "herald/inputs.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <sstream>

#include "herald/plain_text.hpp"

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

std::string id_for(const fs::path& path, const fs::path& root) {
    fs::path relative = root.empty() ? path.filename() : path.lexically_relative(root);
    relative.replace_extension();
    return relative.generic_string();
}

void read_text_article(const std::string& bytes, std::string id, const RecordOrigin& origin, ArticleSink& sink) {
    deliver(origin, sink,
            [&](std::vector<std::string>& warnings) { return parse_plain_text(bytes, std::move(id), warnings); });
}

}  // namespace

std::optional<Format> format_from_name(const std::string& name) {
    const std::string key = lower(name);
    if (key == "text" || key == "txt") return Format::Text;
    if (key == "jsonl" || key == "ndjson") return Format::JsonLines;
    if (key == "json") return Format::Json;
    return std::nullopt;
}

std::optional<Format> format_for_path(const fs::path& path) {
    const std::string extension = lower(path.extension().string());
    if (extension == ".txt" || extension == ".text") return Format::Text;
    if (extension == ".jsonl" || extension == ".ndjson") return Format::JsonLines;
    if (extension == ".json") return Format::Json;
    return std::nullopt;
}

std::vector<InputFile> expand_input(const std::string& argument, std::optional<Format> forced, ArticleSink& sink) {
    std::vector<InputFile> files;
    const fs::path root(argument);
    std::error_code error;
    const auto status = fs::status(root, error);
    if (error || !fs::exists(status)) {
        sink.reject({argument, 0}, "no such file or directory");
        return files;
    }
    if (!fs::is_directory(status)) {
        const auto format = forced ? forced : format_for_path(root);
        if (!format) {
            sink.reject({argument, 0}, "unknown format (use --format text|jsonl|json)");
            return files;
        }
        files.push_back({root, id_for(root, {}), *format});
        return files;
    }
    fs::recursive_directory_iterator walk(root, fs::directory_options::none, error);
    for (; !error && walk != fs::recursive_directory_iterator(); walk.increment(error)) {
        const fs::path& path = walk->path();
        std::error_code entry_error;
        if (walk->is_directory(entry_error)) {
            if (is_documentation(path)) walk.disable_recursion_pending();  // hidden folders
            continue;
        }
        if (!walk->is_regular_file(entry_error) || is_documentation(path)) continue;
        const auto format = forced ? forced : format_for_path(path);
        if (format) files.push_back({path, id_for(path, root), *format});
    }
    if (error) sink.reject({argument, 0}, fmt::format("cannot walk directory: {}", error.message()));
    std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
    return files;
}

void read_input(const InputFile& input, const FieldMap& fields, ArticleSink& sink) {
    const std::string name = input.path.string();
    std::ifstream stream(input.path, std::ios::binary);
    if (!stream) {
        sink.reject({name, 0}, fmt::format("cannot open: {}", std::strerror(errno)));
        return;
    }
    if (input.format == Format::JsonLines) {
        read_json_lines(stream, name, fields, sink);
        return;
    }
    const std::string bytes((std::istreambuf_iterator<char>(stream)), std::istreambuf_iterator<char>());
    if (stream.bad()) {
        sink.reject({name, 0}, "read error");
        return;
    }
    if (input.format == Format::Json) {
        read_json_document(bytes, name, fields, sink);
    } else {
        read_text_article(bytes, input.id, {name, 0}, sink);
    }
}

void read_stream(std::istream& input, const std::string& name, std::optional<Format> forced, const FieldMap& fields,
                 ArticleSink& sink) {
    std::optional<Format> format = forced;
    std::size_t blank_lines = 0;
    if (!format) {
        // Skip leading whitespace to sniff the format, counting the lines skipped.
        while (input && std::isspace(input.peek())) {
            if (input.get() == '\n') ++blank_lines;
        }
        format = input.peek() == '{' ? Format::JsonLines : Format::Text;
    }
    if (*format == Format::JsonLines) {
        read_json_lines(input, name, fields, sink, blank_lines);
        return;
    }
    std::ostringstream buffer;
    buffer << input.rdbuf();
    if (*format == Format::Json) {
        read_json_document(buffer.str(), name, fields, sink);
    } else {
        read_text_article(buffer.str(), {}, {name, 0}, sink);
    }
}

}  // namespace herald
