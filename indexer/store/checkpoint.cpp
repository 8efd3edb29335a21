#include "indexer/store/checkpoint.hpp"

#include <fmt/format.h>

#include <charconv>
#include <ctime>

#include "common/schema.hpp"

namespace herald {

std::string settings_signature(const BatchOptions& options, std::size_t batch_records, bool bulk) {
    std::string settings = fmt::format("herald-job-1 {} {} {} {}", bulk ? "bulk" : "direct", batch_records,
                                       options.default_language.code, options.format ? int(*options.format) : -1);
    for (const auto& field : FieldMap::fields()) settings += " " + field + "=" + options.fields.dataset_name(field);
    for (const auto& keyword : options.fields.keywords())
        settings += " keyword:" + keyword + "=" + options.fields.dataset_name(keyword);
    if (options.id_prefix == IdPrefix::Dirname) settings += " id-prefix=dirname";
    if (options.shard.count > 1) settings += fmt::format(" shard={}/{}", options.shard.index, options.shard.count);
    return settings;
}

void record_checkpoint(Xapian::WritableDatabase& database, const std::string& signature, const ResumePoint& committed,
                       bool complete) {
    database.set_metadata(std::string(schema::kJobSignatureKey), signature);
    database.set_metadata(std::string(schema::kJobRecordsKey), std::to_string(committed.records));
    database.set_metadata(std::string(schema::kJobDigestKey), fmt::format("{:016x}", committed.digest));
    database.set_metadata(std::string(schema::kJobStateKey), complete ? "complete" : "running");
    database.set_metadata(std::string(schema::kJobUpdatedKey), std::to_string(std::time(nullptr)));
}

ResumePoint interrupted_run(const Xapian::Database& database, const std::string& signature) {
    if (database.get_metadata(std::string(schema::kJobSignatureKey)) != signature ||
        database.get_metadata(std::string(schema::kJobStateKey)) != "running") {
        return {};
    }
    const std::string records = database.get_metadata(std::string(schema::kJobRecordsKey));
    const std::string digest = database.get_metadata(std::string(schema::kJobDigestKey));
    ResumePoint point;
    auto parse = [](const std::string& text, int base, std::uint64_t& value) {
        const char* end = text.data() + text.size();
        return !text.empty() && std::from_chars(text.data(), end, value, base).ptr == end;
    };
    if (!parse(records, 10, point.records) || !parse(digest, 16, point.digest)) return {};
    return point;
}

}  // namespace herald
