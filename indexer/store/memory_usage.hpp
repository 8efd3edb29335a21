// The process's memory, for the indexer's --memory bound and its summary.
#pragma once

#include <cstdint>

namespace herald {

std::uint64_t resident_memory_bytes();       // now (/proc/self/statm)
std::uint64_t peak_resident_memory_bytes();  // high-water mark (getrusage)
// Hands freed heap pages back to the system, so that the resident size
// measures live data again after a commit has released Xapian's buffers.
void release_free_memory();

}  // namespace herald
