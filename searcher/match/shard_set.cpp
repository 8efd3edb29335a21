#include "searcher/match/shard_set.hpp"

#include <fmt/format.h>

#include <optional>
#include <stdexcept>

namespace herald {

ShardSet open_shards(const std::vector<ShardLocation>& locations, const ShardOptions& options) {
    if (locations.empty()) throw std::invalid_argument("no database given");
    ShardSet set;
    std::vector<std::string> failures;
    for (const auto& location : locations) {
        std::optional<Xapian::Database> database;
        try {
            database = open_location(location, options.timeout_ms);
            check_schema(*database, location.label);
        } catch (const Xapian::NetworkError& error) {
            if (!options.allow_partial) {
                throw ShardUnavailable(fmt::format("shard {} is unavailable: {}", location.label, error.get_msg()));
            }
            set.missing.push_back(location.label);
            failures.push_back(fmt::format("{}: {}", location.label, error.get_msg()));
            continue;
        }
        set.database.add_database(*database);
        set.shards.push_back(*database);
        set.labels.push_back(location.label);
        set.remote = set.remote || location.remote();
    }
    if (set.shards.empty()) {
        throw ShardUnavailable(fmt::format("no shard is available ({})", fmt::join(failures, "; ")));
    }
    return set;
}

std::string revision_key(const ShardSet& shards) {
    std::string key;
    for (const auto& shard : shards.shards) key += fmt::format("{}@{} ", shard.get_uuid(), shard.get_revision());
    return key;
}

}  // namespace herald
