// One line per request, to stderr or a file:
//   2026-11-28T09:15:02.113Z GET /search 200 3.41ms results=10 q="gas hub Turkey"
// The query is JSON-quoted, so no request can break a line or forge one.
#pragma once

#include <cstdio>
#include <memory>
#include <mutex>
#include <string>

#include "searcher/web/http.hpp"

namespace herald::web {

class AccessLog {
  public:
    // "-" or "" logs to stderr. Throws std::runtime_error naming a file that cannot be opened.
    explicit AccessLog(std::string path);

    void write(const HttpRequest& request, const HttpResponse& response, double seconds);

    // Opens the file again (after logrotate moved it); a no-op for stderr.
    void reopen();

  private:
    struct FileCloser {
        void operator()(std::FILE* file) const { std::fclose(file); }
    };
    std::FILE* stream() const { return file_ ? file_.get() : stderr; }

    std::string path_;
    std::mutex mutex_;
    std::unique_ptr<std::FILE, FileCloser> file_;
};

}  // namespace herald::web
