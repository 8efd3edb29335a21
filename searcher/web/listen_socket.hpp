// The socket the FastCGI server accepts connections on. Opened here rather
// than by libfcgi's FCGX_OpenSocket, which exits the process when the
// address is taken; this throws a message naming the address instead.
#pragma once

#include <string>

namespace herald::web {

class ListenSocket {
  public:
    // "HOST:PORT" (IPv4, "[v6]:PORT", or a host name) or a Unix socket path
    // (anything with a '/'), mode 0660 (owner and group connect); a stale
    // socket file at the path is replaced.
    // Empty: the FastCGI socket inherited on standard input, as web servers
    // and spawn-fcgi pass it. Throws std::runtime_error.
    explicit ListenSocket(const std::string& address);
    ~ListenSocket();
    ListenSocket(const ListenSocket&) = delete;
    ListenSocket& operator=(const ListenSocket&) = delete;

    int fd() const { return fd_; }
    const std::string& description() const { return description_; }

    // Wakes every thread blocked in accept() (they fail and see the shutdown).
    void stop_accepting() const;

  private:
    int fd_ = -1;
    bool owned_ = false;
    std::string unix_path_;  // removed again on destruction
    std::string description_;
};

}  // namespace herald::web
