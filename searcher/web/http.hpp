// The HTTP request and response as the web front end sees them, independent
// of how they travel (FastCGI here; plain structs in the unit tests).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace herald::web {

struct HttpRequest {
    std::string method;        // "GET", "HEAD", ...
    std::string path;          // "/search"
    std::string query_string;  // raw, without '?'
    // The absolute URL the client asked for (scheme, Host and the original
    // request URI, before nginx's rewrites); empty when unknown.
    std::string url{};
};

// Where a streamed body goes, piece by piece.
using BodySink = std::function<void(std::string_view piece)>;

struct HttpResponse {
    int status = 200;
    std::string content_type = "application/json; charset=utf-8";
    std::string body;
    // When set, the body instead: written after the headers (sent without
    // Content-Length), piece by piece, so it need not be held whole. It
    // runs after handle() returned, on the same worker; it may throw, and
    // then the transport cuts the response off so the client sees it fail.
    std::function<void(const BodySink& sink)> stream{};
    std::vector<std::pair<std::string, std::string>> headers;  // beyond Content-Type/Length
    // For the access log; not sent.
    long long result_count = -1;  // matches; -1: not a search
    std::string query;
    bool partial = false;  // the match was cut short by the time limit
};

// "200 OK", "404 Not Found", ...
std::string status_line(int status);

}  // namespace herald::web
