// `--db` arguments and stub files (common/shards). The input is written as a
// directory's herald.stub and read through every way in: the stub file
// itself, the directory holding it, the sharded-directory check, and each
// input line as a --db argument of its own (relative to that directory, so
// nothing outside it is named). Bad stubs and arguments throw
// std::runtime_error naming them; what resolves must be a usable location.
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <string>
#include <system_error>
#include <vector>

#include "common/shards.hpp"
#include "tests/fuzz/fuzz_support.hpp"

namespace {

using herald::fuzz::require;
namespace fs = std::filesystem;

class StubDirectory {
  public:
    StubDirectory() : path_(fs::temp_directory_path() / ("herald-fuzz-stub-" + std::to_string(::getpid()))) {
        fs::create_directories(path_);
    }
    ~StubDirectory() {
        std::error_code ignored;
        fs::remove_all(path_, ignored);
    }
    StubDirectory(const StubDirectory&) = delete;
    StubDirectory& operator=(const StubDirectory&) = delete;
    const fs::path& path() const { return path_; }

  private:
    fs::path path_;
};

void check(const std::vector<herald::ShardLocation>& locations) {
    for (const auto& location : locations) {
        require(!location.label.empty(), "every location has a label");
        if (location.remote()) {
            require(location.port > 0 && location.port < 65536, "remote ports are in 1..65535");
            require(location.path.empty(), "a remote location has no path");
        } else {
            require(!location.path.empty(), "a local location has a path");
        }
    }
}

void resolve(const std::vector<std::string>& arguments) {
    try {
        check(herald::resolve_databases(arguments));
    } catch (const std::runtime_error& error) {
        require(std::string_view(error.what()).size() > 0, "errors name the argument");
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const StubDirectory directory;
    const std::string text(herald::fuzz::as_text(data, size));
    const fs::path stub = directory.path() / std::string(herald::kStubFileName);
    {
        std::ofstream out(stub, std::ios::binary | std::ios::trunc);
        out << text;
    }
    resolve({stub.string()});
    resolve({directory.path().string()});
    try {
        if (const auto shards = herald::sharded_directory_shards(directory.path())) require(*shards > 0, "shards");
    } catch (const std::runtime_error&) {
    }
    std::vector<std::string> arguments;
    for (std::size_t start = 0; start <= text.size();) {
        auto end = text.find('\n', start);
        if (end == std::string::npos) end = text.size();
        std::string line = text.substr(start, end - start);
        start = end + 1;
        if (line.find('\0') != std::string::npos) continue;  // not an argument a shell can pass
        if (line.rfind("tcp://", 0) == 0) {
            arguments.push_back(line);
        } else {
            line.erase(0, line.find_first_not_of('/'));
            arguments.push_back((directory.path() / line).string());
        }
    }
    resolve(arguments);
    return 0;
}
