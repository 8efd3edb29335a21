// A write that ran out of room, in any of the forms it surfaces in, becomes
// one DiskFullError naming the database, the stage and how to recover; any
// other failure passes through unchanged.
#include <xapian.h>

#include <catch2/catch.hpp>
#include <cerrno>
#include <filesystem>
#include <system_error>

#include "indexer/store/disk_full.hpp"

using namespace herald;

namespace {

template <typename Error>
std::exception_ptr failure(const Error& error) {
    return std::make_exception_ptr(error);
}

std::string explained(const std::exception_ptr& error) {
    try {
        rethrow_explaining_disk_full(error, "/srv/news.db", "writing it", "Free some space.");
    } catch (const DiskFullError& explained) {
        return explained.what();
    }
}

}  // namespace

TEST_CASE("out_of_space_reason: a full disk, a used-up quota or the file size limit, however it surfaces", "[disk]") {
    CHECK(out_of_space_reason(failure(Xapian::DatabaseError("Error writing block 351", ENOSPC))) ==
          "the disk is full (No space left on device)");
    CHECK(out_of_space_reason(failure(std::system_error(EDQUOT, std::generic_category(), "cannot write x"))) ==
          "the disk quota is used up (Disk quota exceeded)");
    // A commit that failed and could not reopen the old revision either keeps the errno only in its message.
    CHECK(out_of_space_reason(failure(Xapian::DatabaseError(
              "Modifications failed (DatabaseError: Error writing block 30 (No space left on device)), and couldn't "
              "open at the old revision: Error writing to file"))) == "the disk is full (No space left on device)");
    CHECK(out_of_space_reason(failure(std::filesystem::filesystem_error(
              "cannot create directories", std::make_error_code(std::errc::file_too_large)))) ==
          "a file reached the size limit (File too large)");
}

TEST_CASE("out_of_space_reason: other failures are not mistaken for a full disk", "[disk]") {
    CHECK_FALSE(out_of_space_reason(failure(Xapian::DatabaseError("Error writing block 351", EIO))));
    CHECK_FALSE(out_of_space_reason(failure(Xapian::DatabaseCorruptError("bad block"))));  // no errno
    CHECK_FALSE(out_of_space_reason(failure(std::system_error(EACCES, std::generic_category(), "cannot write"))));
    CHECK_FALSE(out_of_space_reason(failure(std::runtime_error("No space left on device"))));
}

TEST_CASE("rethrow_explaining_disk_full: names the database, the reason, the stage and the way back", "[disk]") {
    CHECK(explained(failure(Xapian::DatabaseError("Error writing block 351", ENOSPC))) ==
          "database /srv/news.db: the disk is full (No space left on device) while writing it (Xapian: Error "
          "writing block 351). Free some space.");
    // Our own file errors keep their errno; the reason is not said twice.
    CHECK(explained(failure(std::system_error(ENOSPC, std::generic_category(), "cannot write a.done.tmp"))) ==
          "database /srv/news.db: the disk is full (No space left on device) while writing it (cannot write "
          "a.done.tmp). Free some space.");
}

TEST_CASE("rethrow_explaining_disk_full: other failures, and ones explained already, pass unchanged", "[disk]") {
    CHECK_THROWS_AS(explained(failure(Xapian::DatabaseLockError("locked"))), Xapian::DatabaseLockError);
    CHECK_THROWS_AS(explained(failure(std::runtime_error("bad input"))), std::runtime_error);
    CHECK(explained(failure(DiskFullError("database a: the disk is full while merging"))) ==
          "database a: the disk is full while merging");
}
