// Writes that fail for want of room: a full file system (ENOSPC), a used-up
// quota (EDQUOT) or the file size limit (EFBIG, RLIMIT_FSIZE). They surface
// from Xapian ("Error writing block 351"), the standard library and our own
// file code as different types; the write path that knows which database it
// was writing, and what survives, restates them once as a DiskFullError
// saying so and how to recover. main() reports it and exits 2.
#pragma once

#include <exception>
#include <optional>
#include <stdexcept>
#include <string>

namespace herald {

class DiskFullError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// "the disk is full (No space left on device)", "the disk quota is used up
// (Disk quota exceeded)" or "a file reached the size limit (File too large)"
// when `failure` ran out of room; nothing for any other failure.
std::optional<std::string> out_of_space_reason(const std::exception_ptr& failure);

// Rethrows `failure` as a DiskFullError "database DATABASE: REASON while
// STAGE (what failed). RECOVERY" when it ran out of room; otherwise, or when
// it is a DiskFullError already, rethrows it unchanged.
[[noreturn]] void rethrow_explaining_disk_full(const std::exception_ptr& failure, const std::string& database,
                                               const std::string& stage, const std::string& recovery);

}  // namespace herald
