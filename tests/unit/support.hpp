// Helpers shared by the unit tests: a temporary directory that removes
// itself, and an ArticleSink that records everything it is given.
#pragma once

#include <unistd.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <string>
#include <system_error>
#include <vector>

#include "indexer/input/reader.hpp"

namespace herald::test {

class TempDir {
  public:
    TempDir() {
        static std::atomic<unsigned> counter{0};
        const auto stamp = std::chrono::steady_clock::now().time_since_epoch().count();
        path_ = std::filesystem::temp_directory_path() / ("herald-unit-" + std::to_string(::getpid()) + "-" +
                                                          std::to_string(stamp) + "-" + std::to_string(counter++));
        std::filesystem::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ignored;
        std::filesystem::remove_all(path_, ignored);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const std::filesystem::path& path() const { return path_; }
    std::filesystem::path operator/(const std::string& relative) const { return path_ / relative; }

    // Writes `bytes` to `relative`, creating parent folders.
    std::filesystem::path write(const std::string& relative, const std::string& bytes) const {
        const auto file = path_ / relative;
        std::filesystem::create_directories(file.parent_path());
        std::ofstream out(file, std::ios::binary);
        out << bytes;
        return file;
    }

  private:
    std::filesystem::path path_;
};

struct Accepted {
    Article article;
    RecordOrigin origin;
};
struct Message {
    RecordOrigin origin;
    std::string text;
};

class RecordingSink : public ArticleSink {
  public:
    void accept(Article&& article, const RecordOrigin& origin) override {
        accepted.push_back({std::move(article), origin});
    }
    void warn(const RecordOrigin& origin, const std::string& message) override {
        warnings.push_back({origin, message});
    }
    void reject(const RecordOrigin& origin, const std::string& reason) override {
        rejected.push_back({origin, reason});
    }

    std::vector<Accepted> accepted;
    std::vector<Message> warnings;
    std::vector<Message> rejected;
};

}  // namespace herald::test
