#include "searcher/web/http.hpp"

#include <fmt/format.h>

namespace herald::web {

std::string status_line(int status) {
    const char* reason = "Unknown";
    switch (status) {
        case 200:
            reason = "OK";
            break;
        case 400:
            reason = "Bad Request";
            break;
        case 404:
            reason = "Not Found";
            break;
        case 405:
            reason = "Method Not Allowed";
            break;
        case 500:
            reason = "Internal Server Error";
            break;
        case 503:
            reason = "Service Unavailable";
            break;
        default:
            break;
    }
    return fmt::format("{} {}", status, reason);
}

}  // namespace herald::web
