#include "searcher/analysis/document_columns.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <utility>

#include "common/date.hpp"
#include "common/schema.hpp"

namespace herald {
namespace {

// An 8-byte signature as a number, for sorting.
std::uint64_t signature_number(const std::string& signature) {
    std::uint64_t number = 0;
    for (const char byte : signature) number = (number << 8) | static_cast<unsigned char>(byte);
    return number;
}

// The columns of the latest revision asked for, per database.
struct ColumnCache {
    std::mutex mutex;
    std::string key;  // uuid and revision
    std::shared_ptr<const DocumentColumns> columns;
};

ColumnCache& column_cache() {
    static ColumnCache cache;
    return cache;
}

}  // namespace

int day_of_date_value(const std::string& value) {
    if (value.size() != 8) return kUndated;
    int digits[8];
    for (std::size_t i = 0; i < 8; ++i) {
        const char c = value[i];
        if (c < '0' || c > '9') return kUndated;
        digits[i] = c - '0';
    }
    Date date;
    date.year = digits[0] * 1000 + digits[1] * 100 + digits[2] * 10 + digits[3];
    date.month = digits[4] * 10 + digits[5];
    date.day = digits[6] * 10 + digits[7];
    if (date.month < 1 || date.month > 12 || date.day < 1 || date.day > days_in_month(date.year, date.month))
        return kUndated;
    return date.days_since_epoch();
}

DocumentColumns read_document_columns(const Xapian::Database& database) {
    DocumentColumns columns;
    const Xapian::docid last = database.get_lastdocid();
    columns.documents = database.get_doccount();
    columns.day.assign(static_cast<std::size_t>(last) + 1, kUndated);
    columns.copy_group.assign(static_cast<std::size_t>(last) + 1, 0);
    for (auto it = database.valuestream_begin(schema::kDateSlot); it != database.valuestream_end(schema::kDateSlot);
         ++it) {
        columns.day[it.get_docid()] = day_of_date_value(*it);
    }
    std::map<int, Xapian::doccount> by_day;
    for (const int day : columns.day) {
        if (day != kUndated) ++by_day[day];
    }
    Xapian::doccount dated = 0;
    for (const auto& [day, count] : by_day) {
        columns.documents_by_day.emplace_back(day, count);
        dated += count;
    }
    columns.undated_documents = columns.documents - dated;
    std::vector<std::pair<std::uint64_t, Xapian::docid>> signatures;
    for (auto it = database.valuestream_begin(schema::kSimHashSlot);
         it != database.valuestream_end(schema::kSimHashSlot); ++it) {
        signatures.emplace_back(signature_number(*it), it.get_docid());
    }
    std::sort(signatures.begin(), signatures.end());
    // Only signatures shared by several documents make a group.
    for (std::size_t i = 0; i < signatures.size();) {
        std::size_t end = i + 1;
        while (end < signatures.size() && signatures[end].first == signatures[i].first) ++end;
        if (end - i > 1) {
            ++columns.copy_groups;
            for (std::size_t j = i; j < end; ++j) columns.copy_group[signatures[j].second] = columns.copy_groups;
        }
        i = end;
    }
    return columns;
}

std::shared_ptr<const DocumentColumns> cached_document_columns(const Xapian::Database& database) {
    std::string key;
    try {
        key = database.get_uuid() + "@" + std::to_string(database.get_revision());
    } catch (const Xapian::Error&) {
        return nullptr;  // remote, or several databases: no single revision
    }
    if (database.get_lastdocid() > kMaxColumnDocuments) return nullptr;
    ColumnCache& cache = column_cache();
    {
        const std::lock_guard<std::mutex> lock(cache.mutex);
        if (cache.key == key) return cache.columns;
    }
    // Read outside the lock: other threads keep using the old revision's.
    auto columns = std::make_shared<const DocumentColumns>(read_document_columns(database));
    const std::lock_guard<std::mutex> lock(cache.mutex);
    cache.key = key;
    cache.columns = columns;
    return columns;
}

}  // namespace herald
