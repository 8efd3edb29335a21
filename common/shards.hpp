// Sharded databases. An indexer directory with shards holds
// DIR/shard-00 ... DIR/shard-NN (each an ordinary Herald database) and the
// Xapian stub file DIR/herald.stub listing them, so Xapian itself (and any
// Xapian tool) can open the set as one database. Articles are placed by a
// stable hash of their id, so an update or delete reaches the shard that
// holds the article. The searcher also takes shards served by xapian-tcpsrv.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace herald {

inline constexpr std::string_view kStubFileName = "herald.stub";

// The shard an article belongs to: FNV-1a of its id, modulo the shard count.
// Part of the on-disk layout: changing it would misplace existing articles.
unsigned shard_of(std::string_view id, unsigned count);

// "shard-00", "shard-01", ...
std::string shard_name(unsigned index);

// The shard count of a sharded directory; nullopt when it has no herald.stub.
// Throws std::runtime_error for a stub that does not list shard-00...NN.
std::optional<unsigned> sharded_directory_shards(const std::filesystem::path& directory);

// Makes `directory` a sharded directory of `count` shards (creating it and
// its stub), or checks that it already is one with that count. Throws
// std::runtime_error naming the directory when it is an unsharded database
// or has another shard count (resharding would misplace articles).
void prepare_sharded_directory(const std::filesystem::path& directory, unsigned count);

// One database the searcher reads: a local directory or a remote shard.
struct ShardLocation {
    std::string label;  // shown with results: "shard-01", "tcp://10.0.0.2:7001", a folder name
    std::string path;   // local directory (empty when remote)
    std::string host;   // remote
    unsigned port = 0;
    bool remote() const { return !host.empty(); }
};

// --db arguments to databases: a directory (through its herald.stub when it
// has one), a stub file (auto/glass PATH and remote HOST:PORT lines, paths
// relative to the stub), or tcp://HOST:PORT. Throws std::runtime_error
// naming the argument (and stub line) it cannot understand.
std::vector<ShardLocation> resolve_databases(const std::vector<std::string>& arguments);

}  // namespace herald
