#include <algorithm>
#include <catch2/catch.hpp>
#include <set>
#include <string>
#include <vector>

#include "common/schema.hpp"
#include "common/slot_lists.hpp"
#include "common/terms.hpp"
#include "common/text.hpp"

using namespace herald;

namespace {

const std::vector<std::string_view> kPrefixes{
    schema::kIdPrefix,  schema::kTitlePrefix,    schema::kAuthorPrefix, schema::kSourcePrefix,
    schema::kTagPrefix, schema::kLanguagePrefix, schema::kYearPrefix,
};

}  // namespace

TEST_CASE("schema prefixes are distinct, non-empty and upper-case", "[schema]") {
    std::set<std::string_view> seen;
    for (const auto prefix : kPrefixes) {
        INFO(prefix);
        CHECK_FALSE(prefix.empty());
        for (char c : prefix) CHECK((c >= 'A' && c <= 'Z'));
        CHECK(seen.insert(prefix).second);
        // Xapian's convention: multi-letter prefixes start with X.
        if (prefix.size() > 1) CHECK(prefix.front() == 'X');
        // 'Z' marks stemmed terms.
        CHECK(prefix.front() != 'Z');
    }
}

TEST_CASE("schema query fields are distinct and use schema prefixes", "[schema]") {
    std::set<std::string_view> names;
    for (const auto& field : schema::kQueryFields) {
        INFO(field.name);
        CHECK_FALSE(field.name.empty());
        CHECK(names.insert(field.name).second);
        CHECK(std::find(kPrefixes.begin(), kPrefixes.end(), field.prefix) != kPrefixes.end());
    }
    CHECK(names.count(schema::kDateField) == 0);  // "date:" is a range, not a term field
    // The title is the free-text field; the others are filters.
    for (const auto& field : schema::kQueryFields) {
        CHECK(field.boolean == (field.prefix != schema::kTitlePrefix));
    }
}

TEST_CASE("schema value slots are distinct", "[schema]") {
    const std::vector<Xapian::valueno> slots{schema::kDateSlot, schema::kSourceSlot, schema::kAuthorsSlot,
                                             schema::kTagsSlot, schema::kYearSlot,   schema::kSimHashSlot};
    const std::set<Xapian::valueno> distinct(slots.begin(), slots.end());
    CHECK(distinct.size() == slots.size());
    CHECK(distinct.count(Xapian::BAD_VALUENO) == 0);
}

TEST_CASE("schema facets have distinct names and slots", "[schema]") {
    std::set<std::string_view> names;
    std::set<Xapian::valueno> slots;
    for (const auto& facet : schema::kFacets) {
        INFO(facet.name);
        CHECK(names.insert(facet.name).second);
        CHECK(slots.insert(facet.slot).second);
        CHECK(facet.slot != schema::kDateSlot);
        CHECK(facet.slot != schema::kSimHashSlot);
    }
}

TEST_CASE("schema weights rank title over lead over body", "[schema]") {
    CHECK(schema::kWeights.title > schema::kWeights.lead);
    CHECK(schema::kWeights.lead > schema::kWeights.body);
    CHECK(schema::kWeights.body >= 1);
    CHECK(schema::kFieldPositionGap > 1);
    CHECK_FALSE(schema::kSchemaVersionKey.empty());
    CHECK_FALSE(schema::kSchemaVersion.empty());
}

TEST_CASE("terms: boolean terms from field values", "[schema][terms]") {
    CHECK(terms::source("CNN (Web News)") == "XSRCcnn (web news)");
    CHECK(terms::source("  Washington   Times ") == "XSRCwashington times");
    CHECK(terms::author("Recep Tayyip Erdoğan") == "Arecep tayyip erdogan");
    CHECK(terms::author("ERDOĞAN") == terms::author("erdogan"));
    CHECK(terms::tag("Energy Policy") == "Kenergy policy");
    CHECK(terms::language("EN") == "Len");
    CHECK(terms::year(2022) == "XY2022");
    CHECK(terms::year(1987) == "XY1987");
}

TEST_CASE("terms::id is exact, not folded", "[schema][terms]") {
    CHECK(terms::id("Article-ABC/Ğ 1") == "QArticle-ABC/Ğ 1");
    CHECK(terms::id("abc") != terms::id("ABC"));
}

TEST_CASE("terms::bounded keeps short values as they are", "[schema][terms]") {
    CHECK(terms::bounded("Q", "short") == "Qshort");
    const std::string fits(239, 'a');
    CHECK(terms::bounded("Q", fits) == "Q" + fits);
}

TEST_CASE("terms::bounded keeps long values under Xapian's limit", "[schema][terms]") {
    const std::string ascii(1000, 'x');
    const std::string term = terms::bounded("XSRC", ascii);
    CHECK(term.size() < 245);
    CHECK(term.rfind("XSRCxxxx", 0) == 0);
    CHECK(terms::bounded("XSRC", ascii) == term);  // deterministic
}

TEST_CASE("terms::bounded cuts on a UTF-8 boundary", "[schema][terms]") {
    std::string long_value;
    for (int i = 0; i < 300; ++i) long_value += "ğ";  // two bytes each
    for (std::string_view prefix : {"A", "XY", "XSRC"}) {
        INFO(prefix);
        const std::string term = terms::bounded(prefix, long_value);
        CHECK(term.size() < 245);
        CHECK(is_valid_utf8(term));
        CHECK(term.compare(0, prefix.size(), prefix) == 0);
    }
    // Also with an odd number of ASCII bytes before the two-byte characters.
    const std::string shifted = "x" + long_value;
    const std::string term = terms::author(shifted);
    CHECK(term.size() < 245);
    CHECK(is_valid_utf8(term));
}

TEST_CASE("terms::bounded keeps long values distinct", "[schema][terms]") {
    const std::string stem(400, 'n');
    CHECK(terms::bounded("Q", stem + "1") != terms::bounded("Q", stem + "2"));
    CHECK(terms::id(stem + "a") != terms::id(stem + "b"));
    CHECK(terms::source(stem + " one") != terms::source(stem + " two"));
}

TEST_CASE("title lengths are recorded as few distinct values", "[schema]") {
    CHECK(schema::title_length_value(0) == "0");
    CHECK(schema::title_length_value(7) == "7");
    CHECK(schema::title_length_value(schema::kMaxTitleLength) == schema::title_length_value(1000));
}

// Issue 30: a keyword field takes a field name in the query parser, so every
// name the parser registers itself must be reserved, or a dataset could take
// it (the placeholder "heraldword" could, and no search then worked).
TEST_CASE("every field name the query parser registers is reserved", "[schema]") {
    std::vector<std::string_view> parser_fields{schema::kDateField, schema::kWordPlaceholderField};
    for (const auto& field : schema::kQueryFields) parser_fields.push_back(field.name);
    for (const auto name : parser_fields) {
        INFO(name);
        CHECK(std::count(schema::kReservedFieldNames.begin(), schema::kReservedFieldNames.end(), name) == 1);
    }
}

TEST_CASE("list slot values split back into the items written", "[schema][slots]") {
    const std::vector<std::string> items{"Jane Doe", "Recep ERDOĞAN", "a, b"};
    const std::string value = list_slot_value(items);
    const auto split = list_slot_items(value);
    CHECK(std::vector<std::string>(split.begin(), split.end()) == items);
    CHECK(list_slot_items("").empty());
    CHECK(list_slot_value({}).empty());
    // Issue 30: an item holding a separator would come back as two.
    CHECK_THROWS_AS(list_slot_value({"Alice\x1f"
                                     "Bob"}),
                    std::invalid_argument);
    CHECK_THROWS_WITH(list_slot_value({"ok", "x\x1e"}), Catch::Contains("0x1E"));
}
