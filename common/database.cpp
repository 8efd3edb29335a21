#include "common/database.hpp"

#include <fmt/format.h>

#include "common/schema.hpp"

namespace herald {

Xapian::Database open_location(const ShardLocation& location, unsigned timeout_ms) {
    if (location.remote()) return Xapian::Remote::open(location.host, location.port, timeout_ms, timeout_ms);
    return Xapian::Database(location.path);
}

void check_schema(const Xapian::Database& database, const std::string& label) {
    const std::string version = database.get_metadata(std::string(schema::kSchemaVersionKey));
    if (version != schema::kSchemaVersion && version != schema::kCompatibleSchemaVersion) {
        throw std::runtime_error(version.empty() ? fmt::format("{} is not a Herald database", label)
                                                 : fmt::format("{} uses Herald schema {}, this build reads {}: "
                                                               "re-index the articles with this build's indexer",
                                                               label, version, schema::kSchemaVersion));
    }
}

Xapian::Database open_database(const std::vector<std::string>& arguments) {
    const auto locations = resolve_databases(arguments);
    if (locations.empty()) throw std::invalid_argument("no database given");
    Xapian::Database combined;
    for (const auto& location : locations) {
        try {
            const Xapian::Database database = open_location(location, kDefaultRemoteTimeoutMs);
            check_schema(database, location.label);
            combined.add_database(database);
        } catch (const Xapian::NetworkError& error) {
            throw ShardUnavailable(fmt::format("shard {} is unavailable: {}", location.label, error.get_msg()));
        }
    }
    return combined;
}

}  // namespace herald
