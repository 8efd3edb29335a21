// The shards one search runs over: opened (locally or through xapian-tcpsrv),
// checked, and combined into one Xapian database, leaving out unreachable
// ones when the caller allows partial results.
#pragma once

#include <xapian.h>

#include <string>
#include <vector>

#include "common/database.hpp"
#include "common/shards.hpp"

namespace herald {

struct ShardOptions {
    unsigned timeout_ms = kDefaultRemoteTimeoutMs;  // remote shards: connecting, and each exchange
    bool allow_partial = false;                     // search the live shards when some are unreachable
};

// The databases one search runs over, opened and combined.
struct ShardSet {
    Xapian::Database database;             // the live shards as one (Xapian add_database)
    std::vector<Xapian::Database> shards;  // each live shard alone
    std::vector<std::string> labels;       // of the live shards, in the same order
    std::vector<std::string> missing;      // labels of unreachable shards (allow_partial)
    bool remote = false;                   // some live shard is served by xapian-tcpsrv
};

// Opens every location; each must hold a Herald database of this schema
// (std::runtime_error otherwise). An unreachable one throws ShardUnavailable
// naming it, or with allow_partial is listed in `missing` (all missing still
// throws). Throws Xapian::DatabaseOpeningError for a local path that is no database.
ShardSet open_shards(const std::vector<ShardLocation>& locations, const ShardOptions& options);

// What the live shards hold, as "uuid@revision ..." of each: a rebuilt
// database has a new uuid, and the revision moves with every commit. Only
// for local shards (Xapian 1.4's remote backend tells no revision).
std::string revision_key(const ShardSet& shards);

}  // namespace herald
