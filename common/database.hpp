// Opening Herald databases for reading: local directories, stub files and
// shards served by xapian-tcpsrv, each checked against this build's schema.
// The searcher searches them; the indexer's compact and stats read them.
#pragma once

#include <xapian.h>

#include <stdexcept>
#include <string>
#include <vector>

#include "common/shards.hpp"

namespace herald {

// A shard that cannot be opened or reached, or failed during a search.
class ShardUnavailable : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// How long a remote shard may take to connect, and to answer each exchange.
inline constexpr unsigned kDefaultRemoteTimeoutMs = 10000;

// One location as a Xapian database (remote ones with `timeout_ms` for
// connecting and for each exchange). Throws Xapian::DatabaseOpeningError for
// a local path that is no database, Xapian::NetworkError for a remote one
// that cannot be reached.
Xapian::Database open_location(const ShardLocation& location, unsigned timeout_ms);

// Throws std::runtime_error naming `label` unless `database` was written with
// this build's schema version.
void check_schema(const Xapian::Database& database, const std::string& label);

// --db arguments (directories, stub files, tcp://HOST:PORT) opened as one
// database, every shard required: ShardUnavailable for an unreachable one,
// std::runtime_error for one of another schema, std::invalid_argument for none.
Xapian::Database open_database(const std::vector<std::string>& arguments);

}  // namespace herald
