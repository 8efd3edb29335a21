#include "indexer/input/id_collisions.hpp"

#include <filesystem>
#include <system_error>
#include <utility>

namespace herald {
namespace fs = std::filesystem;

std::optional<IdCollision> IdCollisionFinder::add(const InputFile& file, bool read) {
    if (file.format != Format::Text) return std::nullopt;
    std::error_code error;
    Holder holder{fs::absolute(file.path, error).lexically_normal().string(), file.path.string(), read};
    const auto [found, inserted] = holders_.try_emplace(file.id, holder);
    if (inserted) return std::nullopt;
    Holder& previous = found->second;
    if (previous.absolute == holder.absolute) {
        previous.read = previous.read || read;
        return std::nullopt;
    }
    if (read) {
        IdCollision collision{file.id, holder.shown, previous.shown};
        previous = std::move(holder);
        return collision;
    }
    if (previous.read) return IdCollision{file.id, previous.shown, holder.shown};
    previous = std::move(holder);  // neither is read: nothing is replaced in this run
    return std::nullopt;
}

}  // namespace herald
