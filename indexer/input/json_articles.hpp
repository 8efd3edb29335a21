// Articles as JSON objects: JSON Lines (one object a line) and .json files
// (one object or an array of objects), with field names mapped per dataset.
#pragma once

#include <istream>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"
#include "indexer/input/reader.hpp"

namespace herald {

// Maps Herald's field names (id, title, body, date, source, url, authors,
// tags, language) to the names a dataset uses: `--field body=content_original`.
class FieldMap {
  public:
    static const std::vector<std::string>& fields();

    // Throws std::invalid_argument for a name that is not one of fields().
    void set(const std::string& field, const std::string& dataset_name);
    // Parses "field=dataset_name".
    void set_from_spec(const std::string& spec);
    const std::string& dataset_name(const std::string& field) const;
    // Whether `dataset_name` is the name of one of Herald's fields.
    bool uses(const std::string& dataset_name) const;

  private:
    std::map<std::string, std::string> renamed_;
};

// Throws RecordError naming the offending field.
Article article_from_json(const nlohmann::json& object, const FieldMap& fields, std::vector<std::string>& warnings);

// Parses one line; invalid UTF-8 is decoded as Latin-1 with a warning.
Article article_from_json_line(std::string_view line, const FieldMap& fields, std::vector<std::string>& warnings);

// Reads a whole .json document: an object, or an array of objects.
void read_json_document(std::string_view bytes, const std::string& file_name, const FieldMap& fields,
                        ArticleSink& sink);

}  // namespace herald
