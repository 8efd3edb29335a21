// Where a database is when the user names none: one rule for every binary.
#pragma once

#include <cstdlib>
#include <string>

namespace herald {

// $HERALD_DB when set and non-empty, else ./herald.db.
inline std::string default_database_path() {
    const char* from_environment = std::getenv("HERALD_DB");
    return from_environment != nullptr && *from_environment != '\0' ? from_environment : "herald.db";
}

}  // namespace herald
