#include "common/shards.hpp"

#include <fmt/format.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "common/hash.hpp"

namespace herald {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kTcpScheme = "tcp://";

ShardLocation remote_location(const std::string& host_port, const std::string& where) {
    const auto colon = host_port.rfind(':');
    unsigned port = 0;
    if (colon != std::string::npos && colon > 0) {
        try {
            std::size_t used = 0;
            const unsigned long value = std::stoul(host_port.substr(colon + 1), &used);
            if (used == host_port.size() - colon - 1 && value > 0 && value < 65536) port = static_cast<unsigned>(value);
        } catch (const std::exception&) {
        }
    }
    if (port == 0) throw std::runtime_error(fmt::format("{}: expected HOST:PORT, not '{}'", where, host_port));
    ShardLocation location;
    location.host = host_port.substr(0, colon);
    location.port = port;
    location.label = fmt::format("{}{}:{}", kTcpScheme, location.host, port);
    return location;
}

ShardLocation local_location(const fs::path& path, const std::string& label) {
    ShardLocation location;
    location.path = path.string();
    location.label = label;
    return location;
}

// Stub lines: "auto PATH", "glass PATH", "remote HOST:PORT"; '#' comments.
std::vector<ShardLocation> read_stub(const fs::path& stub) {
    std::ifstream in(stub);
    if (!in) throw std::runtime_error(fmt::format("cannot read stub file {}", stub.string()));
    std::vector<ShardLocation> locations;
    std::string line;
    for (unsigned number = 1; std::getline(in, line); ++number) {
        std::istringstream words(line);
        std::string kind, target, extra;
        if (!(words >> kind) || kind.front() == '#') continue;
        const std::string where = fmt::format("{}:{}", stub.string(), number);
        if (!(words >> target) || (words >> extra)) throw std::runtime_error(where + ": expected TYPE PATH");
        if (kind == "auto" || kind == "glass") {
            const fs::path path = fs::path(target).is_absolute() ? fs::path(target) : stub.parent_path() / target;
            // "shard-00/" has no file name: labelled as written, like a --db argument.
            const std::string name = fs::path(target).filename().string();
            locations.push_back(local_location(path, name.empty() ? target : name));
        } else if (kind == "remote" && target.front() != ':') {
            locations.push_back(remote_location(target, where));
        } else {
            throw std::runtime_error(fmt::format("{}: unsupported database type '{}'", where, kind));
        }
    }
    if (locations.empty()) throw std::runtime_error(fmt::format("stub file {} lists no databases", stub.string()));
    return locations;
}

// Stub files are text; a single-file database (also a regular file) is not.
bool is_stub_file(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    char head[512];
    in.read(head, sizeof(head));
    for (std::streamsize i = 0; i < in.gcount(); ++i) {
        const auto c = static_cast<unsigned char>(head[i]);
        if (c < 0x09 || (c > 0x0d && c < 0x20)) return false;
    }
    return true;
}

std::string stub_text(unsigned count) {
    std::string text = "# Herald shards: articles are placed by a hash of their id. Do not edit.\n";
    for (unsigned i = 0; i < count; ++i) text += "auto " + shard_name(i) + "\n";
    return text;
}

}  // namespace

unsigned shard_of(std::string_view id, unsigned count) {
    return count <= 1 ? 0 : static_cast<unsigned>(stable_hash(id) % count);
}

std::string shard_name(unsigned index) { return fmt::format("shard-{:02}", index); }

std::optional<unsigned> sharded_directory_shards(const fs::path& directory) {
    const fs::path stub = directory / kStubFileName;
    if (!fs::exists(stub)) return std::nullopt;
    const auto locations = read_stub(stub);
    for (unsigned i = 0; i < locations.size(); ++i) {
        if (locations[i].remote() || fs::path(locations[i].path) != directory / shard_name(i)) {
            throw std::runtime_error(fmt::format("{} does not list {} ... {} in order", stub.string(), shard_name(0),
                                                 shard_name(static_cast<unsigned>(locations.size() - 1))));
        }
    }
    return static_cast<unsigned>(locations.size());
}

void prepare_sharded_directory(const fs::path& directory, unsigned count) {
    if (const auto existing = sharded_directory_shards(directory)) {
        if (*existing != count) {
            throw std::runtime_error(
                fmt::format("{} has {} shards, not {}: articles are placed by the shard count, "
                            "so it cannot change",
                            directory.string(), *existing, count));
        }
        return;
    }
    if (fs::exists(directory / "iamglass")) {
        throw std::runtime_error(
            fmt::format("{} is an unsharded database; --shards needs a new directory", directory.string()));
    }
    fs::create_directories(directory);
    // Written whole, then renamed: a crash never leaves half a stub.
    const fs::path stub = directory / kStubFileName;
    const fs::path partial = stub.string() + ".tmp";
    {
        std::ofstream out(partial, std::ios::trunc);
        out << stub_text(count);
        if (!out.flush()) throw std::runtime_error(fmt::format("cannot write {}", partial.string()));
    }
    fs::rename(partial, stub);
}

std::vector<ShardLocation> resolve_databases(const std::vector<std::string>& arguments) {
    std::vector<ShardLocation> locations;
    for (const auto& argument : arguments) {
        if (argument.rfind(kTcpScheme, 0) == 0) {
            locations.push_back(remote_location(argument.substr(kTcpScheme.size()), argument));
            continue;
        }
        const fs::path path(argument);
        std::vector<ShardLocation> found;
        if (fs::is_directory(path) && fs::exists(path / kStubFileName)) {
            found = read_stub(path / kStubFileName);
        } else if (fs::is_regular_file(path) && is_stub_file(path)) {
            found = read_stub(path);
        } else {
            found.push_back(local_location(path, path.filename().empty() ? argument : path.filename().string()));
        }
        locations.insert(locations.end(), found.begin(), found.end());
    }
    return locations;
}

}  // namespace herald
