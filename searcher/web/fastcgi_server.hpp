// The long-running FastCGI front end: worker threads that each accept
// requests from the web server, hold their own database session and answer
// through WebApp. SIGTERM or SIGINT stops accepting, lets the requests in
// progress finish, and returns; SIGHUP reopens the access log file.
#pragma once

#include <string>

#include "searcher/web/web_app.hpp"

namespace herald::web {

struct ServerOptions {
    std::string listen;      // see ListenSocket; empty: the socket on stdin
    unsigned threads = 0;    // 0: one per core
    std::string access_log;  // "-" or "": stderr
};

// Blocks until a stop signal has been handled and every worker is done.
// Throws std::runtime_error when it cannot listen or open the log.
void serve_fastcgi(const WebApp& app, ServerMetrics& metrics, const ServerOptions& options);

}  // namespace herald::web
