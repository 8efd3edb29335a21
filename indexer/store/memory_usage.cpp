#include "indexer/store/memory_usage.hpp"

#include <malloc.h>
#include <sys/resource.h>
#include <unistd.h>

#include <fstream>

namespace herald {

std::uint64_t resident_memory_bytes() {
    std::ifstream statm("/proc/self/statm");
    std::uint64_t total_pages = 0, resident_pages = 0;
    if (!(statm >> total_pages >> resident_pages)) return 0;
    return resident_pages * static_cast<std::uint64_t>(sysconf(_SC_PAGESIZE));
}

std::uint64_t peak_resident_memory_bytes() {
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    return static_cast<std::uint64_t>(usage.ru_maxrss) * 1024;  // Linux reports KiB
}

#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
// A sanitizer's allocator owns the heap, so glibc has nothing to give back;
// and its malloc_trim racing threads that exit has tripped glibc's arena
// assertion (__malloc_arena_thread_freeres) in sanitizer builds.
void release_free_memory() {}
#else
void release_free_memory() { malloc_trim(0); }
#endif

}  // namespace herald
