#include "searcher/analysis/match_counter.hpp"

#include <algorithm>
#include <chrono>
#include <unordered_map>

#include "common/schema.hpp"
#include "common/signature_value.hpp"
#include "searcher/analysis/match_set.hpp"
#include "searcher/analysis/remote_copies.hpp"
#include "searcher/match/slot_values.hpp"

namespace herald {

namespace {

// Matches by signature, as a ValueCountMatchSpy over kSimHashSlot counted them.
std::map<std::string, Xapian::doccount> by_signature(const Xapian::ValueCountMatchSpy& signatures) {
    std::map<std::string, Xapian::doccount> counts;
    for (auto it = signatures.values_begin(); it != signatures.values_end(); ++it) counts[*it] = it.get_termfreq();
    return counts;
}

// The signatures several matches share (copies), with their matches: a
// walk of the spy's counts, without a map of every signature.
std::map<std::string, Xapian::doccount> shared_signatures(const Xapian::ValueCountMatchSpy& signatures) {
    std::map<std::string, Xapian::doccount> shared;
    for (auto it = signatures.values_begin(); it != signatures.values_end(); ++it) {
        if (it.get_termfreq() > 1) shared.emplace(*it, it.get_termfreq());
    }
    return shared;
}

// Matches counted once per signature: those without one, and each signature seen.
Xapian::doccount collapsed_total(const Xapian::ValueCountMatchSpy& signatures) {
    Xapian::doccount signed_matches = 0, distinct = 0;
    for (auto it = signatures.values_begin(); it != signatures.values_end(); ++it) {
        signed_matches += it.get_termfreq();
        ++distinct;
    }
    return signatures.get_total() - signed_matches + distinct;
}

}  // namespace

Xapian::doccount CopyCounts::copies_of(Xapian::docid combined, const Xapian::Document& document) const {
    if (!known_) return 0;
    if (!store_) {
        const auto found = by_signature_.find(document.get_value(schema::kSimHashSlot));
        return found == by_signature_.end() || found->second == 0 ? 0 : found->second - 1;
    }
    const auto [shard, docid] = shard_document(combined, store_->shards().size());
    const std::uint32_t group = store_->shards()[shard].group[docid];
    if (group == 0 || group >= group_matches_.size() || group_matches_[group] == 0) return 0;
    return group_matches_[group] - 1;
}

MatchCounter::MatchCounter(Xapian::Database database, std::vector<Xapian::Database> shards, bool remote)
    : database_(std::move(database)), shards_(std::move(shards)), remote_(remote) {}

bool MatchCounter::counts_with_spies() const { return remote_ || (one_shot_ && !cached_column_store(shards_)); }

Analysis MatchCounter::count(const CountedQuery& query, const CountRequest& request, double time_limit_seconds) const {
    if (counts_with_spies()) return count_with_spies(query, request, time_limit_seconds);
    const auto store = column_store(shards_);
    const MatchSet matches =
        query.without_name_keys.empty()
            ? collect_matches(shards_, query.listed, time_limit_seconds)
            : collect_split_matches(shards_, query.listed, query.without_name_keys, time_limit_seconds);
    MatchCounts counts = count_matches(matches, *store, shards_, request);
    Analysis analysis;
    analysis.total = counts.total;
    analysis.variants = counts.variants;
    analysis.facets = std::move(counts.facets);
    analysis.days = std::move(counts.days);
    analysis.cut = matches.cut;
    if (request.collapse) analysis.copies = CopyCounts(store, std::move(counts.group_matches));
    return analysis;
}

Analysis MatchCounter::count_with_spies(const CountedQuery& query, const CountRequest& request,
                                        double time_limit_seconds) const {
    const auto started = std::chrono::steady_clock::now();
    const bool split = !query.without_name_keys.empty();
    const Xapian::Query counted =
        split ? Xapian::Query(Xapian::Query::OP_FILTER, query.listed, query.without_name_keys) : query.listed;
    Xapian::Enquire enquire(database_);
    enquire.set_query(counted);
    enquire.set_weighting_scheme(Xapian::BoolWeight());
    std::vector<std::unique_ptr<RemoteFacetCounter>> facets;
    for (const auto& facet : request.facets) {
        facets.push_back(std::make_unique<RemoteFacetCounter>(facet));
        enquire.add_matchspy(facets.back()->spy());
    }
    RemoteDayCounter days;
    if (request.days) enquire.add_matchspy(days.spy());
    // Copies share a signature: counting signatures counts each story once.
    Xapian::ValueCountMatchSpy signatures(schema::kSimHashSlot);
    enquire.add_matchspy(&signatures);
    const CountingRun run = count_every_match(enquire, database_.get_doccount(), time_limit_seconds);
    Analysis analysis;
    analysis.cut = run.cut;
    analysis.total = request.collapse ? collapsed_total(signatures) : signatures.get_total();
    for (const auto& counter : facets) analysis.facets.push_back(counter->counts());
    if (request.days) analysis.days = days.counts();
    if (request.collapse && (request.days || !request.facets.empty())) {
        // The spies counted every copy: those of signatures that several matches share are read and taken out.
        const auto shared = shared_signatures(signatures);
        if (!shared.empty()) {
            const RemoteCopies copies(database_, counted, shared, request.facets,
                                      time_left(time_limit_seconds, started));
            for (std::size_t facet = 0; facet < analysis.facets.size(); ++facet)
                copies.correct(analysis.facets[facet], facet);
            if (request.days) copies.correct(analysis.days);
            analysis.cut = analysis.cut || copies.cut();
        }
    }
    Xapian::ValueCountMatchSpy listed_signatures(schema::kSimHashSlot);
    if (split) {
        // The variants are what the listed query matches beyond the counted one.
        Xapian::Enquire listed(database_);
        listed.set_query(query.listed);
        listed.set_weighting_scheme(Xapian::BoolWeight());
        listed.add_matchspy(&listed_signatures);
        const CountingRun all =
            count_every_match(listed, database_.get_doccount(), time_left(time_limit_seconds, started));
        analysis.cut = analysis.cut || all.cut;
        const Xapian::doccount listed_total =
            request.collapse ? collapsed_total(listed_signatures) : listed_signatures.get_total();
        analysis.variants = listed_total > analysis.total ? listed_total - analysis.total : 0;
    }
    if (request.collapse) analysis.copies = CopyCounts(by_signature(split ? listed_signatures : signatures));
    return analysis;
}

DayCounts MatchCounter::archive_days(const Xapian::Query& filters, double time_limit_seconds) const {
    if (counts_with_spies()) {
        Xapian::Enquire enquire(database_);
        enquire.set_query(filters.empty() ? Xapian::Query::MatchAll : filters);
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        RemoteDayCounter days;
        enquire.add_matchspy(days.spy());
        const bool cut = count_every_match(enquire, database_.get_doccount(), time_limit_seconds).cut;
        DayCounts counts = days.counts();
        counts.cut = cut;
        return counts;
    }
    const auto store = column_store(shards_);
    if (filters.empty()) {
        DayCounts counts;
        counts.days = store->documents_by_day();
        counts.undated = store->undated_documents();
        return counts;
    }
    const MatchSet matches = collect_matches(shards_, filters, time_limit_seconds);
    CountRequest request;
    request.collapse = false;
    request.days = true;
    return count_matches(matches, *store, shards_, request).days;
}

CopyCounts MatchCounter::copies_of(const std::vector<Xapian::MSetIterator>& shown, const Xapian::Query& listed) const {
    if (remote_) {
        // The matches that share a shown match's signature, counted by a spy
        // on the shards (xapian-tcpsrv runs Xapian's own).
        std::vector<Xapian::Query> same_signature;
        for (const auto& match : shown) {
            const std::string signature = match.get_document().get_value(schema::kSimHashSlot);
            if (!signature.empty())
                same_signature.emplace_back(Xapian::Query::OP_VALUE_RANGE, schema::kSimHashSlot, signature, signature);
        }
        if (same_signature.empty()) return CopyCounts(std::map<std::string, Xapian::doccount>());
        Xapian::Enquire enquire(database_);
        enquire.set_query(
            Xapian::Query(Xapian::Query::OP_FILTER, listed,
                          Xapian::Query(Xapian::Query::OP_OR, same_signature.begin(), same_signature.end())));
        enquire.set_weighting_scheme(Xapian::BoolWeight());
        Xapian::ValueCountMatchSpy signatures(schema::kSimHashSlot);
        enquire.add_matchspy(&signatures);
        count_every_match(enquire, database_.get_doccount(), 0);
        return CopyCounts(by_signature(signatures));
    }
    if (auto store = cached_column_store(shards_)) {
        std::vector<Xapian::docid> documents;
        for (const auto& match : shown) documents.push_back(*match);
        const MatchSet matches = collect_matches_among(shards_, listed, copies_to_match(documents, *store));
        auto counts = group_matches(matches, *store);
        return CopyCounts(std::move(store), std::move(counts));
    }
    // Without the columns (a one-shot search), the shown matches' copies are
    // found in one walk of each shard's signature slot: cheaper than reading
    // the columns for a page.
    std::vector<std::uint64_t> signatures;
    for (const auto& match : shown) {
        if (const auto number = decode_simhash(match.get_document().get_value(schema::kSimHashSlot)))
            signatures.push_back(*number);
    }
    std::sort(signatures.begin(), signatures.end());
    std::vector<std::vector<Xapian::docid>> members(shards_.size());
    std::vector<std::unordered_map<Xapian::docid, std::string>> signature_of(shards_.size());
    if (!signatures.empty()) {
        for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
            const Xapian::Database& database = shards_[shard];
            for (auto it = database.valuestream_begin(schema::kSimHashSlot);
                 it != database.valuestream_end(schema::kSimHashSlot); ++it) {
                std::string value = *it;
                const auto number = decode_simhash(value);
                if (!number || !std::binary_search(signatures.begin(), signatures.end(), *number)) continue;
                members[shard].push_back(it.get_docid());
                signature_of[shard].emplace(it.get_docid(), std::move(value));
            }
        }
    }
    const MatchSet matches = collect_matches_among(shards_, listed, members);
    std::map<std::string, Xapian::doccount> by_signature;
    for (std::size_t shard = 0; shard < shards_.size(); ++shard) {
        for (const Xapian::docid docid : matches.counted[shard]) ++by_signature[signature_of[shard].at(docid)];
    }
    return CopyCounts(std::move(by_signature));
}

std::vector<std::uint32_t> MatchCounter::copy_groups(const std::vector<Xapian::docid>& documents) const {
    std::vector<std::uint32_t> groups;
    groups.reserve(documents.size());
    if (const auto store = remote_ ? nullptr : cached_column_store(shards_)) {
        for (const Xapian::docid combined : documents) {
            const auto [shard, docid] = shard_document(combined, shards_.size());
            groups.push_back(store->shards()[shard].group[docid]);
        }
        return groups;
    }
    // Equal signatures are copies: number them in order of appearance.
    std::unordered_map<std::string, std::uint32_t> numbers;
    for (const auto& signature : slot_values(database_, schema::kSimHashSlot, documents, remote_)) {
        groups.push_back(signature.empty() ? 0 : numbers.try_emplace(signature, numbers.size() + 1).first->second);
    }
    return groups;
}

std::shared_ptr<ArchiveFrequencies> MatchCounter::archive_frequencies() const {
    const auto store = remote_ ? nullptr : cached_column_store(shards_);
    if (!store) return nullptr;
    return std::shared_ptr<ArchiveFrequencies>(store, &store->frequencies());  // keeps the store alive
}

}  // namespace herald
