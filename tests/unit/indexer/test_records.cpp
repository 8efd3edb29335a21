// The input layer of batch indexing: framing records from files and streams
// (JSON Lines, CSV/TSV, zstd and gzip) and parsing them into articles.
#include <zlib.h>
#include <zstd.h>

#include <catch2/catch.hpp>
#include <cstdint>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "indexer/input/decompress.hpp"
#include "indexer/input/inputs.hpp"
#include "indexer/input/records.hpp"
#include "tests/unit/support.hpp"

using namespace herald;
using herald::test::RecordingSink;
using herald::test::TempDir;

namespace {

// Forwards reading problems to a RecordingSink, as the one-thread readers do.
class SinkProblems : public ReadProblems {
  public:
    explicit SinkProblems(RecordingSink& sink) : sink_(sink) {}
    void warn(const RecordOrigin& origin, const std::string& message) override { sink_.warn(origin, message); }
    void reject(const RecordOrigin& origin, const std::string& reason) override { sink_.reject(origin, reason); }

  private:
    RecordingSink& sink_;
};

ReadLimits limits_of(std::size_t max_record_bytes) {
    ReadLimits limits;
    limits.max_record_bytes = max_record_bytes;
    return limits;
}

// Reads one file and parses its records into `sink`, as the indexer does.
void read_file(const InputFile& input, RecordingSink& sink, const FieldMap& fields = {}, const ReadLimits& limits = {},
               std::uint64_t* bytes_read = nullptr) {
    SinkProblems problems(sink);
    read_records(
        input, limits, [&](RawRecord&& record) { parse_record(record, fields, sink); }, problems, bytes_read);
}

void read_stream_into(std::istream& input, RecordingSink& sink, std::optional<Format> forced = std::nullopt,
                      const ReadLimits& limits = {}) {
    SinkProblems problems(sink);
    read_record_stream(
        input, "<stdin>", forced, limits, [&](RawRecord&& record) { parse_record(record, FieldMap{}, sink); },
        problems);
}

InputFile input_for(const std::filesystem::path& path) {
    const auto format = format_for_path(path);
    REQUIRE(format);
    return {path, path.stem().string(), *format};
}

std::string jsonl(int first, int count) {
    std::string lines;
    for (int i = first; i < first + count; ++i) {
        lines += "{\"id\":\"r" + std::to_string(i) + "\",\"title\":\"Record " + std::to_string(i) +
                 "\",\"body\":\"Body " + std::to_string(i) + " with some words to compress.\"}\n";
    }
    return lines;
}

std::string zstd_compress(const std::string& plain) {
    std::string packed(ZSTD_compressBound(plain.size()), '\0');
    const std::size_t size = ZSTD_compress(packed.data(), packed.size(), plain.data(), plain.size(), 3);
    REQUIRE_FALSE(ZSTD_isError(size));
    packed.resize(size);
    return packed;
}

// Writes `plain` gzip-compressed with zlib's file interface.
void write_gzip(const std::filesystem::path& path, const std::string& plain) {
    gzFile file = gzopen(path.string().c_str(), "wb");
    REQUIRE(file != nullptr);
    const int written = gzwrite(file, plain.data(), static_cast<unsigned>(plain.size()));
    const int closed = gzclose(file);
    REQUIRE(written == static_cast<int>(plain.size()));
    REQUIRE(closed == Z_OK);
}

std::string file_bytes(const std::filesystem::path& path) {
    std::ifstream in(path, std::ios::binary);
    return std::string(std::istreambuf_iterator<char>(in), {});
}

std::vector<std::string> ids_of(const RecordingSink& sink) {
    std::vector<std::string> ids;
    for (const auto& accepted : sink.accepted) ids.push_back(accepted.article.id);
    return ids;
}

}  // namespace

TEST_CASE("format_for_path sees through compression extensions", "[records][format]") {
    CHECK(format_for_path("articles.jsonl.zst") == Format::JsonLines);
    CHECK(format_for_path("articles.ndjson.zstd") == Format::JsonLines);
    CHECK(format_for_path("x.csv.gz") == Format::Csv);
    CHECK(format_for_path("x.tab.gz") == Format::Tsv);
    CHECK(format_for_path("x.tsv") == Format::Tsv);
    CHECK(format_for_path("story.txt.gz") == Format::Text);
    CHECK_FALSE(format_for_path("x.gz"));
    CHECK_FALSE(format_for_path("x.tar.gz"));
    CHECK(format_from_name("csv") == Format::Csv);
    CHECK(format_from_name("TSV") == Format::Tsv);
    CHECK(compression_for_path("a.jsonl.ZST") == Compression::Zstd);
    CHECK(compression_for_path("a.jsonl") == Compression::None);
    CHECK(without_compression_extension("dir/a.csv.gz") == "dir/a.csv");
}

TEST_CASE("expand_input: compressed files of known formats are walked, ids without extensions", "[records][format]") {
    TempDir dir;
    dir.write("feed/a.jsonl.zst", zstd_compress(jsonl(1, 1)));
    write_gzip(dir / "feed/b.txt.gz", "Title\n\nBody.\n");
    dir.write("feed/c.tar.gz", "not an input");
    RecordingSink sink;
    const auto files = expand_input(dir.path().string(), std::nullopt, sink);
    REQUIRE(files.size() == 2);
    CHECK(files[0].format == Format::JsonLines);
    CHECK(files[1].format == Format::Text);
    CHECK(files[1].id == "feed/b");

    RecordingSink text_sink;
    read_file(files[1], text_sink);
    REQUIRE(text_sink.accepted.size() == 1);
    CHECK(text_sink.accepted[0].article.id == "feed/b");
    CHECK(text_sink.accepted[0].article.title == "Title");
}

TEST_CASE("read_records: zstd and gzip files read back whole", "[records][compressed]") {
    TempDir dir;
    // Larger than the decoders' buffers, so that output is drained in several steps.
    const std::string plain = jsonl(1, 3000);
    const auto zst = dir.write("a.jsonl.zst", zstd_compress(plain));
    const auto gz = dir / "b.jsonl.gz";
    write_gzip(gz, plain);

    for (const auto& path : {zst, gz}) {
        RecordingSink sink;
        std::uint64_t bytes_read = 0;
        read_file(input_for(path), sink, {}, {}, &bytes_read);
        CHECK(sink.rejected.empty());
        REQUIRE(sink.accepted.size() == 3000);
        CHECK(sink.accepted.front().article.id == "r1");
        CHECK(sink.accepted.back().article.id == "r3000");
        CHECK(sink.accepted.back().origin.line == 3000);
        CHECK(bytes_read == std::filesystem::file_size(path));  // compressed bytes, not plain ones
    }
}

TEST_CASE("read_records: every zstd output size drains completely", "[records][compressed]") {
    // Plain sizes around the decoder's output buffer (128 KiB): the last bytes
    // may sit inside the decoder after all input is consumed.
    TempDir dir;
    for (const std::size_t size : {(1u << 17) - 1, 1u << 17, (1u << 17) + 1, 3u << 17, (3u << 17) + 77}) {
        std::string plain = "{\"id\":\"big\",\"title\":\"Big\",\"body\":\"";
        plain.append(size - plain.size() - 3, 'x');
        plain += "\"}\n";
        REQUIRE(plain.size() == size);
        const auto path = dir.write("size.jsonl.zst", zstd_compress(plain));
        RecordingSink sink;
        read_file(input_for(path), sink);
        CHECK(sink.rejected.empty());
        REQUIRE(sink.accepted.size() == 1);
        CHECK(sink.accepted[0].article.body.size() == size - 37);
    }
}

TEST_CASE("read_records: concatenated gzip members and zstd frames are one stream", "[records][compressed]") {
    TempDir dir;
    const auto first = dir / "one.gz";
    const auto second = dir / "two.gz";
    write_gzip(first, jsonl(1, 2));
    write_gzip(second, jsonl(3, 2));
    const auto gz = dir.write("joined.jsonl.gz", file_bytes(first) + file_bytes(second));
    const auto zst = dir.write("joined.jsonl.zst", zstd_compress(jsonl(1, 2)) + zstd_compress(jsonl(3, 2)));
    for (const auto& path : {gz, zst}) {
        RecordingSink sink;
        read_file(input_for(path), sink);
        CHECK(sink.rejected.empty());
        CHECK(ids_of(sink) == std::vector<std::string>{"r1", "r2", "r3", "r4"});
    }
}

TEST_CASE("read_records: a compressed file without its extension is recognised by magic", "[records][compressed]") {
    TempDir dir;
    const auto path = dir.write("packed.jsonl", zstd_compress(jsonl(1, 3)));
    RecordingSink sink;
    read_file(input_for(path), sink);
    CHECK(sink.rejected.empty());
    CHECK(ids_of(sink) == std::vector<std::string>{"r1", "r2", "r3"});
}

TEST_CASE("read_records: a truncated zstd or gzip file keeps the records before the cut", "[records][compressed]") {
    TempDir dir;
    const std::string plain = jsonl(1, 20000);  // many zstd blocks (of 128 KiB plain), so the cut is not in the first
    const std::string zst = zstd_compress(plain);
    const auto gz_whole = dir / "whole.gz";
    write_gzip(gz_whole, plain);
    const std::string gz = file_bytes(gz_whole);
    const auto cut_zst = dir.write("cut.jsonl.zst", zst.substr(0, zst.size() * 6 / 10));
    const auto cut_gz = dir.write("cut.jsonl.gz", gz.substr(0, gz.size() * 6 / 10));

    for (const auto& [path, codec] : {std::pair{cut_zst, "zstd"}, std::pair{cut_gz, "gzip"}}) {
        RecordingSink sink;
        read_file(input_for(path), sink);
        REQUIRE_FALSE(sink.accepted.empty());
        CHECK(sink.accepted.size() < 20000);
        // In order and without a gap: every record before the cut is kept.
        std::vector<std::string> expected;
        for (std::size_t i = 1; i <= sink.accepted.size(); ++i) expected.push_back("r" + std::to_string(i));
        CHECK(ids_of(sink) == expected);
        REQUIRE(sink.rejected.size() == 1);
        CHECK(sink.rejected[0].origin.file == path.string());
        CHECK(sink.rejected[0].text == std::string("truncated ") + codec + " stream");
        CHECK(sink.rejected[0].origin.line >= sink.accepted.size());
    }
}

TEST_CASE("read_records: corrupt compressed data is rejected with the codec's reason", "[records][compressed]") {
    TempDir dir;
    std::string zst = zstd_compress(jsonl(1, 5));
    zst[0] = 'X';  // not a zstd frame any more
    const auto bad_zst = dir.write("bad.jsonl.zst", zst);
    RecordingSink zst_sink;
    read_file(input_for(bad_zst), zst_sink);
    REQUIRE(zst_sink.rejected.size() == 1);
    CHECK_THAT(zst_sink.rejected[0].text, Catch::StartsWith("corrupt zstd data: "));

    const auto bad_gz = dir.write("bad.jsonl.gz", "\x1f\x8b this is not deflate data at all");
    RecordingSink gz_sink;
    read_file(input_for(bad_gz), gz_sink);
    REQUIRE(gz_sink.rejected.size() == 1);
    CHECK_THAT(gz_sink.rejected[0].text, Catch::StartsWith("corrupt gzip data: "));
    CHECK(gz_sink.rejected[0].origin.file == bad_gz.string());
}

TEST_CASE("read_record_stream: zstd and gzip recognised by their magic bytes", "[records][stream]") {
    TempDir dir;
    const auto gz_path = dir / "s.gz";
    write_gzip(gz_path, "\n" + jsonl(1, 2));
    for (const std::string& packed : {zstd_compress("\n" + jsonl(1, 2)), file_bytes(gz_path)}) {
        std::istringstream input(packed);
        RecordingSink sink;
        read_stream_into(input, sink);
        CHECK(sink.rejected.empty());
        REQUIRE(ids_of(sink) == std::vector<std::string>{"r1", "r2"});
        CHECK(sink.accepted[0].origin.line == 2);  // the blank first line counts
        CHECK(sink.accepted[0].origin.file == "<stdin>");
    }
}

TEST_CASE("read_record_stream: raw bytes are counted for progress", "[records][stream]") {
    const std::string packed = zstd_compress(jsonl(1, 500));
    std::istringstream input(packed);
    RecordingSink sink;
    SinkProblems problems(sink);
    std::uint64_t bytes_read = 0;
    std::size_t records = 0;
    read_record_stream(
        input, "<stdin>", std::nullopt, {}, [&](RawRecord&&) { ++records; }, problems, &bytes_read);
    CHECK(records == 500);
    CHECK(bytes_read == packed.size());
}

TEST_CASE("read_record_stream: a forced CSV format on standard input", "[records][stream][csv]") {
    std::istringstream input("id,title\ns1,Streamed\n");
    RecordingSink sink;
    read_stream_into(input, sink, Format::Csv);
    REQUIRE(sink.accepted.size() == 1);
    CHECK(sink.accepted[0].article.title == "Streamed");
    CHECK(sink.accepted[0].origin.line == 2);
}

TEST_CASE("JSON Lines: records, rejections and line numbers", "[records][lines]") {
    std::istringstream input(R"({"id":"1","title":"First"})"
                             "\n"
                             R"({"id":"2","title":)"
                             "\n"
                             "   \n"
                             R"({"id":"3","title":"Third"})"
                             "\n");
    RecordingSink sink;
    read_stream_into(input, sink, Format::JsonLines);
    REQUIRE(sink.accepted.size() == 2);
    CHECK(sink.accepted[0].article.id == "1");
    CHECK(sink.accepted[0].origin.file == "<stdin>");
    CHECK(sink.accepted[0].origin.line == 1);
    CHECK(sink.accepted[1].article.id == "3");
    CHECK(sink.accepted[1].origin.line == 4);  // the blank line 3 is skipped but counted
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected[0].origin.line == 2);
    CHECK_THAT(sink.rejected[0].text, Catch::Contains("invalid JSON"));
    CHECK(sink.warnings.empty());
}

TEST_CASE("JSON Lines: warnings carry the record's origin", "[records][lines]") {
    std::istringstream input("{\"id\":\"1\",\"body\":\"no title\"}\n{\"id\":\"2\",\"title\":\"T\",\"date\":\"?\"}\n");
    RecordingSink sink;
    read_stream_into(input, sink, Format::JsonLines);
    CHECK(sink.accepted.size() == 2);
    REQUIRE(sink.warnings.size() == 2);
    CHECK(sink.warnings[0].origin.line == 1);
    CHECK(sink.warnings[1].origin.line == 2);
}

TEST_CASE("JSON Lines: CR LF line ends and a last line without a break", "[records][lines]") {
    std::istringstream input(
        "{\"id\":\"1\",\"title\":\"A\"}\r\n{\"id\":\"2\",\"title\":\"B\"}\r\n{\"id\":\"3\",\"title\":\"C\"}");
    RecordingSink sink;
    read_stream_into(input, sink, Format::JsonLines);
    CHECK(sink.rejected.empty());
    REQUIRE(sink.accepted.size() == 3);
    CHECK(sink.accepted[1].article.title == "B");
    CHECK(sink.accepted[2].origin.line == 3);
}

TEST_CASE("JSON Lines: an empty stream yields nothing", "[records][lines]") {
    std::istringstream input("");
    RecordingSink sink;
    read_stream_into(input, sink, Format::JsonLines);
    CHECK(sink.accepted.empty());
    CHECK(sink.rejected.empty());
    CHECK(sink.warnings.empty());
}

TEST_CASE("JSON Lines: an over-long line is rejected and the next one read", "[records][lines]") {
    TempDir dir;
    const std::string huge = "{\"id\":\"huge\",\"title\":\"Huge\",\"body\":\"" + std::string(200000, 'x') + "\"}\n";
    const auto path = dir.write("long.jsonl", jsonl(1, 1) + huge + jsonl(3, 1));
    RecordingSink sink;
    read_file(input_for(path), sink, {}, limits_of(1000));
    CHECK(ids_of(sink) == std::vector<std::string>{"r1", "r3"});
    CHECK(sink.accepted[1].origin.line == 3);
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected[0].origin.line == 2);
    CHECK(sink.rejected[0].origin.file == path.string());
    CHECK_THAT(sink.rejected[0].text, Catch::StartsWith("record longer than 1000 bytes"));
}

TEST_CASE("JSON Lines: a line of binary junk is rejected as invalid JSON", "[records][lines]") {
    TempDir dir;
    std::string junk;
    for (int byte = 0; byte < 256; ++byte) {
        if (byte != '\n') junk.push_back(static_cast<char>(byte));
    }
    const auto path = dir.write("junk.jsonl", jsonl(1, 1) + junk + "\n" + jsonl(3, 1));
    RecordingSink sink;
    read_file(input_for(path), sink);
    CHECK(ids_of(sink) == std::vector<std::string>{"r1", "r3"});
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected[0].origin.line == 2);
    CHECK_THAT(sink.rejected[0].text, Catch::StartsWith("invalid JSON"));
}

TEST_CASE("Text: a file is one record, and an over-long one is rejected", "[records][text]") {
    TempDir dir;
    const auto path = dir.write("story.txt", "Headline\n\n" + std::string(2000, 'w') + "\n");
    RecordingSink sink;
    read_file({path, "politics/story", Format::Text}, sink, {}, limits_of(1000));
    CHECK(sink.accepted.empty());
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected[0].origin.file == path.string());
    CHECK_THAT(sink.rejected[0].text, Catch::StartsWith("record longer than 1000 bytes"));

    RecordingSink roomy;
    read_file({path, "politics/story", Format::Text}, roomy);
    REQUIRE(roomy.accepted.size() == 1);
    CHECK(roomy.accepted[0].article.id == "politics/story");
}

TEST_CASE("JSON document: an array of objects numbered from 1", "[records][document]") {
    TempDir dir;
    const auto path = dir.write("list.json.gz", "");
    write_gzip(path, R"([{"id":"a","title":"A"},{"title":""},{"id":"c","title":"C"}])");
    RecordingSink sink;
    read_file(input_for(path), sink);
    CHECK(ids_of(sink) == std::vector<std::string>{"a", "c"});
    CHECK(sink.accepted[1].origin.line == 3);
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected[0].origin.line == 2);
}

TEST_CASE("CSV: quotes, embedded newlines, doubled quotes, CRLF and --field", "[records][csv]") {
    TempDir dir;
    const auto path = dir.write("feed.csv",
                                "id,title,content,authors,tags\r\n"
                                "c1,\"Budget, revised\",\"First line\r\nsecond line\",\"Ann Lee, Bo Chan\",economy\r\n"
                                "\r\n"
                                "c2,\"She said \"\"no\"\"\",Plain body,,\"a,b\"\r\n"
                                "c3,Last,\"ends\nhere\",Cy,");  // no final line break
    FieldMap fields;
    fields.set_from_spec("body=content");
    RecordingSink sink;
    read_file(input_for(path), sink, fields);
    CHECK(sink.rejected.empty());
    REQUIRE(sink.accepted.size() == 3);

    const Article& first = sink.accepted[0].article;
    CHECK(first.id == "c1");
    CHECK(first.title == "Budget, revised");
    CHECK(first.body == "First line\nsecond line");
    CHECK(first.authors == std::vector<std::string>{"Ann Lee", "Bo Chan"});
    CHECK(first.tags == std::vector<std::string>{"economy"});
    CHECK(sink.accepted[0].origin.line == 2);

    CHECK(sink.accepted[1].article.title == "She said \"no\"");
    CHECK(sink.accepted[1].article.tags == std::vector<std::string>{"a", "b"});
    CHECK(sink.accepted[1].origin.line == 5);  // the row spans lines 2-3, line 4 is blank

    CHECK(sink.accepted[2].article.body == "ends\nhere");
    CHECK(sink.accepted[2].origin.line == 6);
}

TEST_CASE("CSV: a row of the wrong width is rejected with its line", "[records][csv]") {
    TempDir dir;
    const auto path = dir.write("rows.csv",
                                "id,title,body\n"
                                "r1,First,\"Fine,\nacross lines\"\n"
                                "r2,Too,many,columns\n"
                                "r3,Third,Also fine.\n"
                                "r4,Short\n");
    RecordingSink sink;
    read_file(input_for(path), sink);
    CHECK(ids_of(sink) == std::vector<std::string>{"r1", "r3"});
    CHECK(sink.accepted[1].origin.line == 5);
    REQUIRE(sink.rejected.size() == 2);
    CHECK(sink.rejected[0].origin.line == 4);
    CHECK(sink.rejected[0].text == "row has 4 columns, header has 3");
    CHECK(describe(sink.rejected[1].origin) == path.string() + ":6");
    CHECK(sink.rejected[1].text == "row has 2 columns, header has 3");
}

TEST_CASE("CSV: malformed quotes and an over-long row are rejected, reading goes on", "[records][csv]") {
    TempDir dir;
    const auto path = dir.write("bad.csv",
                                "id,title\n"
                                "m1,\"closed\"junk\n"
                                "m2,Fine\n"
                                "m3,\"" +
                                    std::string(600, 'x') + "\n" + std::string(600, 'y') +
                                    "\"\n"
                                    "m4,Also fine\n"
                                    "m5,\"never closed\n");
    RecordingSink sink;
    read_file(input_for(path), sink, {}, limits_of(1000));
    CHECK(ids_of(sink) == std::vector<std::string>{"m2", "m4"});
    CHECK(sink.accepted[1].origin.line == 6);
    REQUIRE(sink.rejected.size() == 3);
    CHECK(sink.rejected[0].origin.line == 2);
    CHECK_THAT(sink.rejected[0].text, Catch::StartsWith("malformed CSV"));
    CHECK(sink.rejected[1].origin.line == 4);
    CHECK_THAT(sink.rejected[1].text, Catch::StartsWith("record longer than 1000 bytes"));
    CHECK(sink.rejected[2].origin.line == 7);
    CHECK(sink.rejected[2].text == "unterminated quoted field at end of file");
}

TEST_CASE("CSV: Latin-1 cells are decoded with a warning, and a byte-order mark is dropped", "[records][csv]") {
    TempDir dir;
    const auto path = dir.write("latin.csv.gz", "");
    write_gzip(path, "\xEF\xBB\xBFid,title\nl1,Caf\xE9 society\n");
    RecordingSink sink;
    read_file(input_for(path), sink);
    REQUIRE(sink.accepted.size() == 1);
    CHECK(sink.accepted[0].article.id == "l1");
    CHECK(sink.accepted[0].article.title == "Café society");
    REQUIRE(sink.warnings.size() == 1);
    CHECK(sink.warnings[0].origin.line == 2);
    CHECK_THAT(sink.warnings[0].text, Catch::Contains("Latin-1"));
}

TEST_CASE("TSV: tab-separated rows with quoting", "[records][tsv]") {
    TempDir dir;
    const auto path = dir.write("feed.tsv",
                                "id\ttitle\tbody\n"
                                "t1\tTabbed title\tA body, with commas\n"
                                "t2\t\"Quoted\ttab\"\tSecond\n"
                                "t3\tWrong width\n");
    RecordingSink sink;
    read_file(input_for(path), sink);
    REQUIRE(ids_of(sink) == std::vector<std::string>{"t1", "t2"});
    CHECK(sink.accepted[0].article.body == "A body, with commas");
    CHECK(sink.accepted[1].article.title == "Quoted tab");  // tidied like any title
    REQUIRE(sink.rejected.size() == 1);
    CHECK(sink.rejected[0].origin.line == 4);
    CHECK(sink.rejected[0].text == "row has 2 columns, header has 3");
}
