// Turns the indexer's PATH arguments (files, directories, "-") into articles.
#pragma once

#include <filesystem>
#include <istream>
#include <optional>
#include <string>
#include <vector>

#include "indexer/input/json_articles.hpp"
#include "indexer/input/reader.hpp"

namespace herald {

enum class Format { Text, JsonLines, Json, Csv, Tsv };

// "text", "jsonl", "json", "csv", "tsv"; nullopt otherwise.
std::optional<Format> format_from_name(const std::string& name);
// By extension: .txt/.text, .jsonl/.ndjson, .json, .csv, .tsv/.tab, seen
// through a compression extension (articles.jsonl.zst, feed.csv.gz);
// nullopt for others.
std::optional<Format> format_for_path(const std::filesystem::path& path);

// How a plain-text file's id is made from its path. None: relative to the
// directory argument, without extension (`064` for bbc/politics/064.txt under
// the argument bbc/politics), or the file name for a file argument. Dirname:
// the same, after the name of that directory, or of a file argument's folder
// (`politics/064`), so that folders with the same file names keep apart.
enum class IdPrefix { None, Dirname };

// "none", "dirname"; nullopt otherwise.
std::optional<IdPrefix> id_prefix_from_name(const std::string& name);

struct InputFile {
    std::filesystem::path path;
    std::string id;  // plain text: from the path, as IdPrefix says
    Format format;
};

// Expands one PATH argument. Directories are walked recursively in sorted
// order; files of unknown extension and documentation files (README*,
// PROVENANCE*, LICENSE*) in them are skipped; each folder that cannot be
// read is rejected through `sink` by its own path and the walk goes on with
// the rest. `forced` overrides detection.
std::vector<InputFile> expand_input(const std::string& argument, std::optional<Format> forced, ArticleSink& sink,
                                    IdPrefix id_prefix = IdPrefix::None);

// Reads one file's articles into `sink` on the calling thread (records.hpp
// splits reading from parsing for the parallel indexer); I/O errors become
// rejections.
void read_input(const InputFile& input, const FieldMap& fields, ArticleSink& sink);

// Reads standard input (or any stream; zstd and gzip recognised by their
// magic bytes). Without a forced format, a stream whose first non-blank byte
// is '{' is JSON Lines, anything else one text article.
void read_stream(std::istream& input, const std::string& name, std::optional<Format> forced, const FieldMap& fields,
                 ArticleSink& sink);

}  // namespace herald
