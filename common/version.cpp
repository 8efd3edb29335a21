#include "common/version.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include "common/schema.hpp"

#ifndef HERALD_VERSION
#error "HERALD_VERSION is set by common/CMakeLists.txt from project(VERSION)"
#endif

namespace herald {

std::string_view herald_version() { return HERALD_VERSION; }

std::string version_text(std::string_view program) {
    return fmt::format("{} (Herald) {}\nXapian {}\ndatabase schema {} (reads {} and {})", program, herald_version(),
                       Xapian::version_string(), schema::kSchemaVersion, schema::kCompatibleSchemaVersion,
                       schema::kSchemaVersion);
}

}  // namespace herald
