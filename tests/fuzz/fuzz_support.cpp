#include "tests/fuzz/fuzz_support.hpp"

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <sstream>
#include <system_error>
#include <vector>

#include "common/text.hpp"
#include "indexer/analysis/synonym_file.hpp"
#include "indexer/store/index_writer.hpp"

namespace herald::fuzz {
namespace {

bool no_control_characters(std::string_view text) {
    for (unsigned char c : text) {
        if (c < 0x20 || c == 0x7f) return false;
    }
    return true;
}

Article article(std::string id, std::string title, std::string body, std::string date, std::string source,
                std::string language, std::string bias) {
    Article article;
    article.id = std::move(id);
    article.title = std::move(title);
    article.body = std::move(body);
    article.date = parse_date(date);
    article.source = std::move(source);
    article.language = std::move(language);
    article.authors = {"Anna Nowak", "John Smith"};
    article.tags = {"energy", "politics"};
    if (!bias.empty()) article.keywords["bias"] = std::move(bias);
    return article;
}

std::vector<Article> articles() {
    return {
        article("gas-hub", "Gas hub in Türkiye", "Erdoğan said the gas hub would open.\n\nPipelines cross the sea.",
                "2022-10-14", "Reuters", "en", "center"),
        article("us-talks", "United States talks", "The USA and Ankara talked about the pipeline and the hub.",
                "2023-01-02T10:00:00", "AP", "en", "left"),
        article("putin-ru", "Путин и газ", "Путина спросили о газе. Владимир Путин ответил.", "2021-03-01", "TASS",
                "ru", "right"),
        article("lotwa-pl", "Łotwa i gaz", "Rząd Łotwy rozmawiał o gazie z Polską.", "2020-12-31", "PAP", "pl", ""),
        article("de-energie", "Energie für Deutschland", "Die Gaspreise fielen im Winter deutlich.", "1999-07-23",
                "DPA", "de", "left"),
        article("undated", "Zebra spotted downtown", "Keepers say the animal escaped from a circus truck.", "", "Local",
                "", ""),
    };
}

// The database's directory, removed when the process exits normally (as
// libFuzzer does at the end of a run).
class TemporaryDirectory {
  public:
    TemporaryDirectory()
        : path_(std::filesystem::temp_directory_path() / ("herald-fuzz-" + std::to_string(::getpid()))) {
        std::filesystem::remove_all(path_);
        std::filesystem::create_directories(path_);
    }
    ~TemporaryDirectory() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TemporaryDirectory(const TemporaryDirectory&) = delete;
    TemporaryDirectory& operator=(const TemporaryDirectory&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

}  // namespace

void require(bool condition, std::string_view message) {
    if (condition) return;
    std::fprintf(stderr, "fuzz invariant failed: %.*s\n", static_cast<int>(message.size()), message.data());
    std::abort();
}

void CheckingSink::accept(Article&& article, const RecordOrigin& origin) {
    require(!article.id.empty(), "an accepted article has an id");
    for (const std::string* field :
         {&article.id, &article.title, &article.body, &article.source, &article.url, &article.language}) {
        require(is_valid_utf8(*field), "accepted fields are valid UTF-8");
    }
    for (const auto& list : {article.authors, article.tags}) {
        for (const auto& value : list) require(is_valid_utf8(value), "accepted authors and tags are valid UTF-8");
    }
    for (const auto& [name, value] : article.keywords) {
        require(is_valid_utf8(name) && is_valid_utf8(value), "accepted keyword fields are valid UTF-8");
    }
    require(no_control_characters(article.title), "titles hold no control characters");
    require(!article.title.empty() || !article.body.empty(), "an accepted article has a title or a body");
    require(is_valid_utf8(describe(origin)), "origins describe themselves");
}

void CheckingSink::warn(const RecordOrigin&, const std::string& message) {
    require(!message.empty(), "warnings say something");
}

void CheckingSink::reject(const RecordOrigin&, const std::string& reason) {
    require(!reason.empty(), "rejections give a reason");
}

const std::filesystem::path& fuzz_database() {
    static const TemporaryDirectory directory;
    static const std::filesystem::path path = [] {
        const std::filesystem::path database = directory.path() / "db";
        IndexWriter writer(database.string(), kEnglish);
        writer.declare_keywords({"bias"});
        std::istringstream synonyms("us = united states, usa\ngas = natural gas\n");
        writer.add_synonyms(read_synonyms(synonyms, "synonyms.txt"));
        std::vector<std::string> warnings;
        for (const auto& one : articles()) writer.upsert(one, warnings);
        writer.commit();
        return database;
    }();
    return path;
}

}  // namespace herald::fuzz
