#include "searcher/web/fastcgi_server.hpp"

#include <fcgiapp.h>
#include <fcntl.h>
#include <fmt/format.h>
#include <malloc.h>
#include <pthread.h>
#include <sys/socket.h>
#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <mutex>
#include <stdexcept>
#include <thread>
#include <vector>

#include "searcher/web/access_log.hpp"
#include "searcher/web/listen_socket.hpp"

namespace herald::web {
namespace {

// Signals the server handles in its own thread (blocked everywhere else).
sigset_t server_signals() {
    sigset_t signals;
    sigemptyset(&signals);
    for (const int signal : {SIGTERM, SIGINT, SIGHUP, SIGUSR1}) sigaddset(&signals, signal);
    return signals;
}

std::string parameter(const FCGX_Request& request, const char* name) {
    const char* value = FCGX_GetParam(name, request.envp);
    return value != nullptr ? value : "";
}

// The path the routes see: DOCUMENT_URI (nginx, after its rewrites), else the
// path part of REQUEST_URI.
HttpRequest read_request(const FCGX_Request& request) {
    HttpRequest http;
    http.method = parameter(request, "REQUEST_METHOD");
    http.query_string = parameter(request, "QUERY_STRING");
    http.path = parameter(request, "DOCUMENT_URI");
    if (http.path.empty()) {
        const std::string uri = parameter(request, "REQUEST_URI");
        http.path = uri.substr(0, uri.find('?'));
    }
    if (http.path.empty()) http.path = "/";
    const std::string host = parameter(request, "HTTP_HOST");
    if (!host.empty()) {
        std::string scheme = parameter(request, "REQUEST_SCHEME");
        if (scheme.empty()) scheme = parameter(request, "HTTPS").empty() ? "http" : "https";
        http.url = scheme + "://" + host + parameter(request, "REQUEST_URI");
    }
    return http;
}

// False when the connection failed (the client or nginx went away).
bool put(FCGX_Request& request, std::string_view bytes) {
    // FCGX_PutStr takes an int length: long pieces go in parts.
    constexpr std::size_t kPart = 1 << 20;
    for (std::size_t at = 0; at < bytes.size(); at += kPart) {
        const std::size_t length = std::min(kPart, bytes.size() - at);
        if (FCGX_PutStr(bytes.data() + at, static_cast<int>(length), request.out) < 0) return false;
    }
    return true;
}

// Ends the connection to the web server with a reset, without ending the
// request: the status has gone out, and a reset is what nginx passes on as
// a failed response (it ends a chunked body without its last chunk). A
// plain close would read as the end of the body, a short file that looks
// whole. The socket is swapped for /dev/null in one step (dup2), so libfcgi
// finishes the request into nothing and no other thread can be handed the
// descriptor meanwhile.
void abort_connection(FCGX_Request& request) {
    const linger reset{1, 0};
    setsockopt(request.ipcFd, SOL_SOCKET, SO_LINGER, &reset, sizeof reset);
    const int null = open("/dev/null", O_RDWR | O_CLOEXEC);
    if (null >= 0) {
        dup2(null, request.ipcFd);
        close(null);
    } else {
        shutdown(request.ipcFd, SHUT_RDWR);
    }
}

void write_response(FCGX_Request& request, const HttpRequest& http, const HttpResponse& response) {
    std::string head =
        fmt::format("Status: {}\r\nContent-Type: {}\r\n", status_line(response.status), response.content_type);
    // A streamed body's length is not known: nginx sends it chunked.
    if (!response.stream) head += fmt::format("Content-Length: {}\r\n", response.body.size());
    head += "X-Content-Type-Options: nosniff\r\n";
    for (const auto& [name, value] : response.headers) head += fmt::format("{}: {}\r\n", name, value);
    head += "\r\n";
    put(request, head);
    if (http.method == "HEAD") return;
    if (!response.stream) {
        put(request, response.body);
        return;
    }
    std::string failure;
    try {
        response.stream([&](std::string_view piece) {
            if (!put(request, piece)) throw std::runtime_error("the connection was closed");
        });
    } catch (const Xapian::Error& error) {  // a commit overwrote what the export was reading, a lost shard
        failure = error.get_description();
    } catch (const std::exception& error) {
        failure = error.what();
    }
    if (!failure.empty()) {
        fmt::print(stderr, "herald-searcher: {} cut short: {}\n", http.path, failure);
        abort_connection(request);
    }
}

constexpr int kMmapThresholdBytes = 128 * 1024;  // glibc's starting value

class Server {
  public:
    Server(const WebApp& app, ServerMetrics& metrics, const ServerOptions& options)
        : app_(app), metrics_(metrics), socket_(options.listen), log_(options.access_log) {}

    void run(unsigned threads) {
        fmt::print(stderr, "herald-searcher: serving FastCGI on {} with {} threads\n", socket_.description(), threads);
        // A fixed threshold: glibc otherwise raises it to the largest block
        // freed so far (up to 32 MB), after which large answers and Xapian's
        // buffers are carved from the arenas, where long-lived cache entries
        // pin them and the resident size creeps up from one revision to the next.
        mallopt(M_MMAP_THRESHOLD, kMmapThresholdBytes);
        std::thread signal_thread([this] { handle_signals(); });
        std::vector<std::thread> workers;
        for (unsigned i = 0; i < threads; ++i) workers.emplace_back([this] { work(); });
        for (auto& worker : workers) worker.join();
        // Workers only stop after a stop signal; wake the signal thread if a
        // worker ended for another reason (a listening socket error).
        stopping_ = true;
        pthread_kill(signal_thread.native_handle(), SIGUSR1);
        signal_thread.join();
        fmt::print(stderr, "herald-searcher: stopped after answering the requests in progress\n");
    }

  private:
    // Waits for the stop and log signals. Once a second, if requests were
    // answered meanwhile, hands the memory they freed back to the system:
    // glibc keeps each worker's arena at its peak otherwise, so the resident
    // size crept up with every heavier request (the churn soak test measured
    // 22 MB held for 4 MB in use).
    void handle_signals() {
        const sigset_t signals = server_signals();
        std::uint64_t answered_at_trim = 0;
        for (;;) {
            const timespec second{1, 0};
            const int signal = sigtimedwait(&signals, nullptr, &second);
            if (signal < 0) {
                if (errno != EAGAIN) continue;  // interrupted
                const std::uint64_t answered = answered_.load(std::memory_order_relaxed);
                if (answered != answered_at_trim) {
                    malloc_trim(0);
                    answered_at_trim = answered;
                }
                continue;
            }
            if (signal == SIGHUP) {
                try {
                    log_.reopen();
                } catch (const std::exception& error) {
                    fmt::print(stderr, "herald-searcher: {}\n", error.what());
                }
                continue;
            }
            if (signal == SIGUSR1 && stopping_) return;
            if (signal == SIGTERM || signal == SIGINT) {
                stopping_ = true;
                FCGX_ShutdownPending();
                socket_.stop_accepting();
                return;
            }
        }
    }

    void work() {
        WorkerSession session(app_.config().databases, app_.config().shard_options, app_.config().language);
        FCGX_Request request;
        FCGX_InitRequest(&request, socket_.fd(), 0);
        for (;;) {
            int accepted = 0;
            {
                // libfcgi wants one thread at a time in accept().
                const std::lock_guard<std::mutex> lock(accept_mutex_);
                if (stopping_) break;
                accepted = FCGX_Accept_r(&request);
            }
            if (accepted < 0) {
                if (stopping_) break;
                // Out of descriptors or memory: wait and go on, rather than
                // losing the worker (and, with the last one, the server).
                fmt::print(stderr, "herald-searcher: accepting a connection failed (error {}); retrying\n", -accepted);
                std::this_thread::sleep_for(std::chrono::milliseconds(100));
                continue;
            }
            answer(request, session);
            FCGX_Finish_r(&request);
        }
        FCGX_Free(&request, 0);
    }

    void answer(FCGX_Request& request, WorkerSession& session) {
        const auto started = std::chrono::steady_clock::now();
        metrics_.started();
        const HttpRequest http = read_request(request);
        const HttpResponse response = app_.handle(http, session);
        write_response(request, http, response);
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - started;
        metrics_.record(http.path, response.status, elapsed.count(), response.partial);
        log_.write(http, response, elapsed.count());
        answered_.fetch_add(1, std::memory_order_relaxed);
    }

    const WebApp& app_;
    ServerMetrics& metrics_;
    ListenSocket socket_;
    AccessLog log_;
    std::mutex accept_mutex_;
    std::atomic<bool> stopping_{false};
    std::atomic<std::uint64_t> answered_{0};  // requests, for the memory trim
};

}  // namespace

void serve_fastcgi(const WebApp& app, ServerMetrics& metrics, const ServerOptions& options) {
    FCGX_Init();
    // Block the stop signals before any thread starts, so only the signal
    // thread receives them; a client that hangs up must not kill the server.
    const sigset_t signals = server_signals();
    pthread_sigmask(SIG_BLOCK, &signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);
    const unsigned threads = options.threads > 0 ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    Server server(app, metrics, options);
    server.run(threads);
}

}  // namespace herald::web
