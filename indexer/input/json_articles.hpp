// Articles as JSON objects: JSON Lines (one object a line) and .json files
// (one object or an array of objects), with field names mapped per dataset.
#pragma once

#include <istream>
#include <map>
#include <nlohmann/json_fwd.hpp>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "common/article.hpp"
#include "indexer/input/reader.hpp"

namespace herald {

// Maps Herald's field names (id, title, body, date, source, url, authors,
// tags, language) to the names a dataset uses: `--field body=content_original`.
// Keyword fields (`--keyword bias`) are the dataset's own exact-value fields,
// mapped the same way (`--field bias=bias_text`; by default the same name).
class FieldMap {
  public:
    static const std::vector<std::string>& fields();

    // Throws std::invalid_argument for a name a keyword field cannot have.
    void add_keyword(const std::string& name);
    const std::set<std::string>& keywords() const { return keywords_; }
    // Throws std::invalid_argument for a name that is not one of fields()
    // or of the keywords added before.
    void set(const std::string& field, const std::string& dataset_name);
    // Parses "field=dataset_name".
    void set_from_spec(const std::string& spec);
    const std::string& dataset_name(const std::string& field) const;
    // Whether `dataset_name` is the name of one of Herald's fields.
    bool uses(const std::string& dataset_name) const;

  private:
    std::map<std::string, std::string> renamed_;
    std::set<std::string> keywords_;
};

// Throws RecordError naming the offending field.
Article article_from_json(const nlohmann::json& object, const FieldMap& fields, std::vector<std::string>& warnings);

// Parses one line; invalid UTF-8 is decoded as Latin-1 with a warning.
Article article_from_json_line(std::string_view line, const FieldMap& fields, std::vector<std::string>& warnings);

// Reads a whole .json document: an object, or an array of objects.
void read_json_document(std::string_view bytes, const std::string& file_name, const FieldMap& fields,
                        ArticleSink& sink);

}  // namespace herald
