#include "indexer/store/disk_full.hpp"

#include <fmt/format.h>
#include <xapian.h>

#include <cerrno>
#include <cstring>
#include <system_error>

namespace herald {
namespace {

std::optional<std::string> reason_for(int error) {
    switch (error) {
        case ENOSPC:
            return fmt::format("the disk is full ({})", std::strerror(error));
        case EDQUOT:
            return fmt::format("the disk quota is used up ({})", std::strerror(error));
        case EFBIG:
            return fmt::format("a file reached the size limit ({})", std::strerror(error));
        default:
            return std::nullopt;
    }
}

// Xapian keeps the errno only as its text. When a failed commit cannot even
// reopen the old revision, the errno survives only inside the message:
// "Modifications failed (DatabaseError: Error writing block 30 (No space left
// on device)), and couldn't open at the old revision: ...".
std::optional<std::string> reason_for(const Xapian::Error& error) {
    const char* text = error.get_error_string();
    const std::string message = error.get_msg();
    for (const int candidate : {ENOSPC, EDQUOT, EFBIG}) {
        const char* candidate_text = std::strerror(candidate);
        if (text != nullptr && std::strcmp(text, candidate_text) == 0) return reason_for(candidate);
        if (message.find(fmt::format("({})", candidate_text)) != std::string::npos) return reason_for(candidate);
    }
    return std::nullopt;
}

std::optional<std::string> reason_for(const std::system_error& error) {
    const std::error_code& code = error.code();
    if (code.category() != std::generic_category() && code.category() != std::system_category()) return std::nullopt;
    return reason_for(code.value());
}

// What failed, without the errno text the reason already gives.
std::string detail_of(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const Xapian::Error& error) {
        return "Xapian: " + error.get_msg();
    } catch (const std::system_error& error) {
        std::string text = error.what();
        const std::string suffix = ": " + error.code().message();
        if (text.size() > suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0)
            text.resize(text.size() - suffix.size());
        return text;
    } catch (...) {
        return "";
    }
}

}  // namespace

std::optional<std::string> out_of_space_reason(const std::exception_ptr& failure) {
    try {
        std::rethrow_exception(failure);
    } catch (const Xapian::Error& error) {
        return reason_for(error);
    } catch (const std::system_error& error) {
        return reason_for(error);
    } catch (...) {
        return std::nullopt;
    }
}

void rethrow_explaining_disk_full(const std::exception_ptr& failure, const std::string& database,
                                  const std::string& stage, const std::string& recovery) {
    try {
        std::rethrow_exception(failure);
    } catch (const DiskFullError&) {
        throw;  // explained where it happened, which knows more
    } catch (...) {
        const auto reason = out_of_space_reason(failure);
        if (!reason) throw;
        throw DiskFullError(
            fmt::format("database {}: {} while {} ({}). {}", database, *reason, stage, detail_of(failure), recovery));
    }
}

}  // namespace herald
