#include "searcher/web/access_log.hpp"

#include <fmt/format.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <nlohmann/json.hpp>
#include <stdexcept>

namespace herald::web {
namespace {

std::string utc_now_iso8601() {
    const auto now = std::chrono::system_clock::now();
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    const auto millis = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    return fmt::format("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", utc.tm_year + 1900, utc.tm_mon + 1, utc.tm_mday,
                       utc.tm_hour, utc.tm_min, utc.tm_sec, millis);
}

std::string quoted(const std::string& text) {
    return nlohmann::json(text).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

// Paths are logged bare when that cannot break the line's fields.
std::string loggable_path(const std::string& path) {
    for (const char c : path) {
        if (c <= ' ' || c >= 127 || c == '"') return quoted(path);
    }
    return path;
}

}  // namespace

AccessLog::AccessLog(std::string path) : path_(std::move(path)) { reopen(); }

void AccessLog::reopen() {
    if (path_.empty() || path_ == "-") return;
    std::FILE* file = std::fopen(path_.c_str(), "a");
    if (file == nullptr) {
        throw std::runtime_error(fmt::format("cannot open access log {}: {}", path_, std::strerror(errno)));
    }
    std::setvbuf(file, nullptr, _IOLBF, 0);
    const std::lock_guard<std::mutex> lock(mutex_);
    file_.reset(file);
}

void AccessLog::write(const HttpRequest& request, const HttpResponse& response, double seconds) {
    std::string line = fmt::format("{} {} {} {} {:.2f}ms", utc_now_iso8601(), loggable_path(request.method),
                                   loggable_path(request.path), response.status, seconds * 1000);
    if (response.result_count >= 0) line += fmt::format(" results={}", response.result_count);
    if (!response.query.empty()) line += fmt::format(" q={}", quoted(response.query));
    line += '\n';
    const std::lock_guard<std::mutex> lock(mutex_);
    std::fputs(line.c_str(), stream());
}

}  // namespace herald::web
