#include "searcher/web/listen_socket.hpp"

#include <fcgiapp.h>
#include <fmt/format.h>
#include <netdb.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace herald::web {
namespace {

constexpr int kBacklog = 1024;
// Owner and group may connect, others not: the web server's user joins the
// service's group, so local users cannot go around the web server's limits.
constexpr mode_t kUnixSocketMode = 0660;

[[noreturn]] void fail(const std::string& address, const std::string& what) {
    throw std::runtime_error(fmt::format("cannot listen on {}: {}", address, what));
}

int listen_unix(const std::string& path) {
    sockaddr_un address{};
    if (path.size() >= sizeof(address.sun_path)) fail(path, "socket path too long");
    struct stat existing {};
    if (lstat(path.c_str(), &existing) == 0 && S_ISSOCK(existing.st_mode)) unlink(path.c_str());
    const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd < 0) fail(path, std::strerror(errno));
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.c_str(), path.size() + 1);
    if (bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
        const int error = errno;
        close(fd);
        fail(path, std::strerror(error));
    }
    // The mode is set before listen(), so no one connects while it is wider.
    if (chmod(path.c_str(), kUnixSocketMode) != 0 || listen(fd, kBacklog) != 0) {
        const int error = errno;
        close(fd);
        unlink(path.c_str());
        fail(path, std::strerror(error));
    }
    return fd;
}

int listen_tcp(const std::string& spec) {
    const auto colon = spec.rfind(':');
    if (colon == std::string::npos || colon + 1 == spec.size()) fail(spec, "expected HOST:PORT or a socket path");
    std::string host = spec.substr(0, colon);
    const std::string port = spec.substr(colon + 1);
    if (host.size() >= 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
    addrinfo hints{};
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    addrinfo* found = nullptr;
    if (const int error = getaddrinfo(host.empty() ? nullptr : host.c_str(), port.c_str(), &hints, &found)) {
        fail(spec, gai_strerror(error));
    }
    const std::unique_ptr<addrinfo, void (*)(addrinfo*)> addresses(found, freeaddrinfo);
    std::string last_error = "no address";
    for (const addrinfo* candidate = found; candidate != nullptr; candidate = candidate->ai_next) {
        const int fd = socket(candidate->ai_family, candidate->ai_socktype | SOCK_CLOEXEC, candidate->ai_protocol);
        if (fd < 0) continue;
        const int reuse = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &reuse, sizeof(reuse));
        if (bind(fd, candidate->ai_addr, candidate->ai_addrlen) == 0 && listen(fd, kBacklog) == 0) return fd;
        last_error = std::strerror(errno);
        close(fd);
    }
    fail(spec, last_error);
}

}  // namespace

ListenSocket::ListenSocket(const std::string& address) {
    if (address.empty()) {
        if (FCGX_IsCGI()) {
            throw std::runtime_error("standard input is not a FastCGI socket; give --listen HOST:PORT or a path");
        }
        fd_ = 0;  // FCGI_LISTENSOCK_FILENO
        description_ = "the FastCGI socket on standard input";
        return;
    }
    owned_ = true;
    if (address.find('/') != std::string::npos) {
        fd_ = listen_unix(address);
        unix_path_ = address;
    } else {
        fd_ = listen_tcp(address);
    }
    description_ = address;
}

ListenSocket::~ListenSocket() {
    if (!owned_) return;
    close(fd_);
    if (!unix_path_.empty()) unlink(unix_path_.c_str());
}

void ListenSocket::stop_accepting() const { shutdown(fd_, SHUT_RDWR); }

}  // namespace herald::web
