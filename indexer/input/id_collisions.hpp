// Input files of one run whose articles would take the same id. Plain-text
// files get their ids from their paths (`bbc/politics/001.txt` and
// `bbc/tech/001.txt` both give `001` when each folder is an argument), so two
// of them can silently replace each other; records of the other formats carry
// their own ids, and a repeated id there is an update, not a collision.
#pragma once

#include <optional>
#include <string>
#include <unordered_map>

#include "indexer/input/inputs.hpp"

namespace herald {

// `path`'s article replaces `replaced`'s: both files give `id`.
struct IdCollision {
    std::string id;
    std::string path;
    std::string replaced;
    bool replaced_earlier = false;  // `replaced` was indexed by an earlier run, and is not among this run's inputs
};

class IdCollisionFinder {
  public:
    // Adds the run's next input in reading order. `read` is false for a file
    // skipped as unchanged since the last run: its article is in the database
    // already, so a file read in this run replaces it whichever comes first.
    // The same file named twice is a deliberate re-index, not a collision.
    std::optional<IdCollision> add(const InputFile& file, bool read);

  private:
    struct Holder {
        std::string absolute;
        std::string shown;
        bool read = false;
    };
    std::unordered_map<std::string, Holder> holders_;  // by id: the file whose article the id ends with
};

}  // namespace herald
