#include "searcher/analysis/column_store.hpp"

#include <algorithm>
#include <chrono>
#include <list>
#include <optional>
#include <tuple>
#include <unordered_map>

#include "common/date.hpp"
#include "common/schema.hpp"
#include "common/signature_value.hpp"

namespace herald {
namespace {

std::string revisions_key(const std::vector<Xapian::Database>& shards) {
    std::string key;
    for (const auto& shard : shards) key += shard.get_uuid() + "@" + std::to_string(shard.get_revision()) + " ";
    return key;
}

// The stores of the shard sets searched lately: a server searches one, but
// a new revision is read while threads still count with the old one.
struct StoreCache {
    static constexpr std::size_t kKept = 2;
    std::mutex mutex;
    std::list<std::pair<std::string, std::shared_ptr<const ColumnStore>>> stores;  // most recent first
};

StoreCache& store_cache() {
    static StoreCache cache;
    return cache;
}

double seconds_since(std::chrono::steady_clock::time_point started) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
}

template <typename T>
std::size_t vector_bytes(const std::vector<T>& values) {
    return values.capacity() * sizeof(T);
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

ShardDocument shard_document(Xapian::docid combined, std::size_t shards) {
    const auto count = static_cast<Xapian::docid>(shards);
    return {static_cast<std::uint32_t>((combined - 1) % count), (combined - 1) / count + 1};
}

std::size_t FacetColumn::bytes() const {
    std::size_t total = 0;
    for (const auto& name : names) total += sizeof(std::string) + name.capacity();
    for (const auto& shard : shards) total += vector_bytes(shard.first) + vector_bytes(shard.ids);
    return total + vector_bytes(name_order);
}

ColumnStore::ColumnStore(const std::vector<Xapian::Database>& shards) {
    const auto started = std::chrono::steady_clock::now();
    // (signature, shard << 32 | docid) of every signed document, to number groups across shards.
    std::vector<std::pair<std::uint64_t, std::uint64_t>> signatures;
    for (std::size_t index = 0; index < shards.size(); ++index) {
        const Xapian::Database& database = shards[index];
        ShardColumns columns;
        const auto size = static_cast<std::size_t>(database.get_lastdocid()) + 1;
        columns.documents = database.get_doccount();
        columns.day.assign(size, kUndated);
        columns.group.assign(size, 0);
        for (auto it = database.valuestream_begin(schema::kDateSlot); it != database.valuestream_end(schema::kDateSlot);
             ++it) {
            const int day = day_of_date_value(*it);
            columns.day[it.get_docid()] = day;
            if (day == kUndated) continue;
            first_day_ = first_day_ == kUndated ? day : std::min(first_day_, day);
            last_day_ = last_day_ == kUndated ? day : std::max(last_day_, day);
        }
        for (auto it = database.valuestream_begin(schema::kSimHashSlot);
             it != database.valuestream_end(schema::kSimHashSlot); ++it) {
            if (const auto signature = decode_simhash(*it))
                signatures.emplace_back(*signature, std::uint64_t{index} << 32 | it.get_docid());
        }
        shards_.push_back(std::move(columns));
    }
    count_documents_by_day();
    // Only signatures shared by several documents make a group.
    std::sort(signatures.begin(), signatures.end());
    group_first_.push_back(0);  // group 0: none
    group_first_.push_back(0);
    for (std::size_t i = 0; i < signatures.size();) {
        std::size_t end = i + 1;
        while (end < signatures.size() && signatures[end].first == signatures[i].first) ++end;
        if (end - i > 1) {
            ++copy_groups_;
            for (std::size_t j = i; j < end; ++j) {
                const auto shard = static_cast<std::uint32_t>(signatures[j].second >> 32);
                const auto docid = static_cast<Xapian::docid>(signatures[j].second);
                shards_[shard].group[docid] = copy_groups_;
                group_members_.push_back({shard, docid});
            }
            group_first_.push_back(static_cast<std::uint32_t>(group_members_.size()));
        }
        i = end;
    }
    build_seconds_ = seconds_since(started);
}

// In a flat table over the days the archive spans: an increment a document.
void ColumnStore::count_documents_by_day() {
    std::vector<Xapian::doccount> counts;
    if (first_day_ != kUndated) counts.assign(static_cast<std::size_t>(last_day_ - first_day_) + 1, 0);
    Xapian::doccount documents = 0, dated = 0;
    for (const auto& shard : shards_) {
        documents += shard.documents;
        for (const int day : shard.day) {
            if (day == kUndated) continue;
            ++counts[static_cast<std::size_t>(day - first_day_)];
            ++dated;
        }
    }
    for (std::size_t i = 0; i < counts.size(); ++i) {
        if (counts[i] > 0) documents_by_day_.emplace_back(first_day_ + static_cast<int>(i), counts[i]);
    }
    undated_documents_ = documents - dated;
}

std::pair<const ShardDocument*, const ShardDocument*> ColumnStore::members(std::uint32_t group) const {
    const ShardDocument* first = group_members_.data();
    return {first + group_first_[group], first + group_first_[group + 1]};
}

std::shared_ptr<const FacetColumn> ColumnStore::facet(const FacetField& facet,
                                                      const std::vector<Xapian::Database>& shards) const {
    // Read under the lock: the threads that ask at once all wait for one read.
    const std::lock_guard<std::mutex> lock(facets_mutex_);
    auto& column = facets_[facet.name];
    if (column) return column;
    const auto started = std::chrono::steady_clock::now();
    auto read = std::make_shared<FacetColumn>();
    std::unordered_map<std::string, std::uint32_t> ids;
    for (std::size_t index = 0; index < shards.size(); ++index) {
        const Xapian::Database& database = shards[index];
        FacetColumn::Shard shard;
        const auto size = static_cast<std::size_t>(database.get_lastdocid()) + 1;
        shard.first.assign(size + 1, 0);
        Xapian::docid next = 1;  // documents before it have their entries
        for (auto it = database.valuestream_begin(facet.slot); it != database.valuestream_end(facet.slot); ++it) {
            const Xapian::docid docid = it.get_docid();
            for (; next <= docid; ++next) shard.first[next] = static_cast<std::uint32_t>(shard.ids.size());
            for (auto& value : facet_values(*it, facet)) {
                const auto [entry, added] = ids.try_emplace(std::move(value), static_cast<std::uint32_t>(ids.size()));
                if (added) read->names.push_back(entry->first);
                shard.ids.push_back(entry->second);
            }
        }
        for (; next <= size; ++next) shard.first[next] = static_cast<std::uint32_t>(shard.ids.size());
        read->shards.push_back(std::move(shard));
    }
    std::vector<std::uint32_t> by_name(read->names.size());
    for (std::uint32_t id = 0; id < by_name.size(); ++id) by_name[id] = id;
    std::sort(by_name.begin(), by_name.end(),
              [&](std::uint32_t a, std::uint32_t b) { return read->names[a] < read->names[b]; });
    read->name_order.resize(by_name.size());
    for (std::uint32_t place = 0; place < by_name.size(); ++place) read->name_order[by_name[place]] = place;
    column = std::move(read);
    facet_build_seconds_ += seconds_since(started);
    return column;
}

std::size_t ColumnStore::bytes() const {
    std::size_t total = vector_bytes(group_first_) + vector_bytes(group_members_) + vector_bytes(documents_by_day_);
    for (const auto& shard : shards_) total += vector_bytes(shard.day) + vector_bytes(shard.group);
    const std::lock_guard<std::mutex> lock(facets_mutex_);
    for (const auto& [name, column] : facets_) total += column->bytes();
    return total + frequencies_.bytes();
}

double ColumnStore::build_seconds() const {
    const std::lock_guard<std::mutex> lock(facets_mutex_);
    return build_seconds_ + facet_build_seconds_;
}

std::shared_ptr<const ColumnStore> latest_column_store() {
    StoreCache& cache = store_cache();
    const std::lock_guard<std::mutex> lock(cache.mutex);
    return cache.stores.empty() ? nullptr : cache.stores.front().second;
}

namespace {

// The cached store of `key`, made the most recent; nullptr when there is none.
std::shared_ptr<const ColumnStore> find_cached(StoreCache& cache, const std::string& key) {
    const std::lock_guard<std::mutex> lock(cache.mutex);
    for (auto it = cache.stores.begin(); it != cache.stores.end(); ++it) {
        if (it->first != key) continue;
        cache.stores.splice(cache.stores.begin(), cache.stores, it);
        return it->second;
    }
    return nullptr;
}

// The shards' revisions as a cache key; nullopt for a remote shard, which tells none.
std::optional<std::string> cache_key(const std::vector<Xapian::Database>& shards) {
    try {
        return revisions_key(shards);
    } catch (const Xapian::Error&) {
        return std::nullopt;
    }
}

}  // namespace

std::shared_ptr<const ColumnStore> cached_column_store(const std::vector<Xapian::Database>& shards) {
    const auto key = cache_key(shards);
    return key ? find_cached(store_cache(), *key) : nullptr;
}

std::shared_ptr<const ColumnStore> column_store(const std::vector<Xapian::Database>& shards) {
    const auto key_found = cache_key(shards);
    if (!key_found) return nullptr;
    const std::string& key = *key_found;
    StoreCache& cache = store_cache();
    if (auto cached = find_cached(cache, key)) return cached;
    // Read outside the lock: other threads keep counting with the stores they have.
    auto store = std::make_shared<const ColumnStore>(shards);
    const std::lock_guard<std::mutex> lock(cache.mutex);
    cache.stores.emplace_front(key, store);
    if (cache.stores.size() > StoreCache::kKept) cache.stores.pop_back();
    return store;
}

}  // namespace herald
