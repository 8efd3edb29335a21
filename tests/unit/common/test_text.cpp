#include <catch2/catch.hpp>
#include <string>

#include "common/text.hpp"

using namespace herald;

TEST_CASE("fold lower-cases ASCII and leaves other ASCII bytes alone", "[text][fold]") {
    CHECK(fold("") == "");
    CHECK(fold("Hello, World! 123") == "hello, world! 123");
    CHECK(fold("ZELENSKYY") == "zelenskyy");
    CHECK(fold("Zelenskyy") == "zelenskyy");
    CHECK(fold("already lower") == "already lower");
    CHECK(fold("tab\there\nnewline") == "tab\there\nnewline");
    CHECK(fold("@[`{") == "@[`{");  // bytes either side of 'A'..'Z' and 'a'..'z'
}

TEST_CASE("fold strips accents and folds case", "[text][fold]") {
    CHECK(fold("Erdoğan") == "erdogan");
    CHECK(fold("ERDOĞAN") == "erdogan");
    CHECK(fold("Türkiye") == "turkiye");
    CHECK(fold("Café Crème") == "cafe creme");
    CHECK(fold("ÀÉÎÕÜ") == "aeiou");
}

TEST_CASE("fold applies full case folding and compatibility decomposition", "[text][fold]") {
    CHECK(fold("Straße") == "strasse");
    CHECK(fold("STRASSE") == "strasse");
    CHECK(fold("ﬁnance") == "finance");  // U+FB01 LATIN SMALL LIGATURE FI
}

TEST_CASE("fold handles non-Latin scripts", "[text][fold]") {
    CHECK(fold("Путин") == "путин");
    CHECK(fold("ПУТИН") == "путин");
    CHECK(fold("Ελλάδα") == "ελλαδα");
}

TEST_CASE("fold removes combining marks of decomposed sequences", "[text][fold]") {
    CHECK(fold("e\u0301") == "e");
    CHECK(fold("Cafe\u0301") == "cafe");
    CHECK(fold("E\u0301\u0301") == "e");
    // Precomposed and decomposed spellings fold to the same text.
    CHECK(fold("caf\u00e9") == fold("cafe\u0301"));
}

TEST_CASE("fold: Turkish dotted and dotless i", "[text][fold]") {
    CHECK(fold("İstanbul") == "istanbul");
    CHECK(fold("Yıldırım") == "yildirim");
}

TEST_CASE("fold: letters Unicode does not decompose fold like accented letters", "[text][fold]") {
    CHECK(fold("Łódź") == "lodz");
    CHECK(fold("Wróbel Łukasz") == "wrobel lukasz");
    CHECK(fold("Søren Øster") == "soren oster");
    CHECK(fold("Đoković") == "dokovic");
    CHECK(fold("Æsir œuvre") == "aesir oeuvre");
}

TEST_CASE("fold keeps an invalid byte as its Latin-1 reading", "[text][fold]") {
    // 0xC9 alone is not UTF-8; read as Latin-1 it is 'É', which folds to 'e'.
    CHECK(fold(std::string("CAF\xC9", 4)) == "cafe");
}

TEST_CASE("is_valid_utf8", "[text][utf8]") {
    CHECK(is_valid_utf8(""));
    CHECK(is_valid_utf8("plain ascii"));
    CHECK(is_valid_utf8("Erdoğan Путин 😀"));
    CHECK_FALSE(is_valid_utf8("\xA3"));                // Latin-1 pound sign
    CHECK_FALSE(is_valid_utf8("caf\xE9"));             // Latin-1 é
    CHECK_FALSE(is_valid_utf8("\xC3"));                // truncated sequence
    CHECK_FALSE(is_valid_utf8("\xC0\x80"));            // overlong NUL
    CHECK_FALSE(is_valid_utf8("\xED\xA0\x80"));        // UTF-16 surrogate
    CHECK_FALSE(is_valid_utf8("\xF4\x90\x80\x80"));    // above U+10FFFF
    CHECK_FALSE(is_valid_utf8("ok then \x80 stray"));  // lone continuation byte
}

TEST_CASE("latin1_to_utf8 maps each byte to its code point", "[text][utf8]") {
    CHECK(latin1_to_utf8("\xA3") == "£");
    CHECK(latin1_to_utf8("caf\xE9") == "café");
    CHECK(latin1_to_utf8("plain") == "plain");
    CHECK(latin1_to_utf8("") == "");
    CHECK(latin1_to_utf8("\xFF") == "ÿ");
    CHECK(is_valid_utf8(latin1_to_utf8("\x80\x9F\xA0\xFF")));
}

TEST_CASE("to_utf8 passes valid UTF-8 through and flags Latin-1", "[text][utf8]") {
    bool was_latin1 = true;
    CHECK(to_utf8("Erdoğan", was_latin1) == "Erdoğan");
    CHECK_FALSE(was_latin1);

    was_latin1 = false;
    CHECK(to_utf8("\xA3"
                  "5",
                  was_latin1) == "£5");
    CHECK(was_latin1);

    was_latin1 = true;
    CHECK(to_utf8("", was_latin1) == "");
    CHECK_FALSE(was_latin1);
}

TEST_CASE("clean_control_chars", "[text][control]") {
    SECTION("CR LF and lone CR become LF") {
        CHECK(clean_control_chars("a\r\nb") == "a\nb");
        CHECK(clean_control_chars("a\rb") == "a\nb");
        CHECK(clean_control_chars("a\r\n\r\nb\r\n") == "a\n\nb\n");
    }
    SECTION("newline and tab are kept") { CHECK(clean_control_chars("a\tb\nc") == "a\tb\nc"); }
    SECTION("other C0 controls and DEL do not survive and do not glue words") {
        const std::string cleaned =
            clean_control_chars(std::string("a\x01"
                                            "b\x1F"
                                            "c\x7F"
                                            "d\x00"
                                            "e",
                                            9));
        CHECK(cleaned.find_first_of(std::string("\x01\x1F\x7F\x00", 4)) == std::string::npos);
        CHECK(cleaned == "a b c d e");
    }
    SECTION("C1 controls (U+0080..U+009F) are removed, other characters are kept") {
        const std::string cleaned = clean_control_chars(
            "a\xC2\x85"
            "b\xC2\x9F"
            "c");
        CHECK(cleaned.find("\xC2\x85") == std::string::npos);
        CHECK(cleaned.find("\xC2\x9F") == std::string::npos);
        CHECK(cleaned == "a b c");
        // U+00A0 (C2 A0) and U+00A3 (C2 A3) are not controls.
        CHECK(clean_control_chars("\xC2\xA0\xC2\xA3") == "\xC2\xA0\xC2\xA3");
    }
    SECTION("clean text is unchanged") {
        CHECK(clean_control_chars("Erdoğan — Путин") == "Erdoğan — Путин");
        CHECK(clean_control_chars("") == "");
    }
}

TEST_CASE("collapse_whitespace", "[text][whitespace]") {
    CHECK(collapse_whitespace("  a   b\t\tc\n\nd  ") == "a b c d");
    CHECK(collapse_whitespace("one") == "one");
    CHECK(collapse_whitespace("") == "");
    CHECK(collapse_whitespace(" \t\r\n\f\v ") == "");
    CHECK(collapse_whitespace("\nErdoğan\r\nPutin\n") == "Erdoğan Putin");
}

TEST_CASE("fold_keyword folds and collapses whitespace", "[text][keyword]") {
    CHECK(fold_keyword("  CNN   (Web  News) ") == "cnn (web news)");
    CHECK(fold_keyword("Recep Tayyip\tERDOĞAN") == "recep tayyip erdogan");
    CHECK(fold_keyword("") == "");
}

TEST_CASE("fold_word: every apostrophe becomes the index's ASCII one", "[text]") {
    CHECK(fold_word("Farage\u2019a") == "farage'a");
    CHECK(fold_word("Farage'a") == "farage'a");
    CHECK(fold_word("O\u201BBrien") == "o'brien");
    CHECK(fold_word("Erdo\u011Fan") == "erdogan");
    CHECK(is_apostrophe(0x2019));
    CHECK_FALSE(is_apostrophe(0x2018));  // an opening quote, which Xapian splits words at
}

TEST_CASE("control_char_length finds C0, DEL and C1 controls", "[text][control]") {
    CHECK(control_char_length("\x1b[2J", 0) == 1);
    CHECK(control_char_length("a\tb", 1) == 1);
    CHECK(control_char_length("\x7f", 0) == 1);
    CHECK(control_char_length("\xC2\x9B"
                              "2J",
                              0) == 2);              // U+009B, the C1 CSI
    CHECK(control_char_length("\xC2\xA0", 0) == 0);  // no-break space is text
    CHECK(control_char_length("\xC2", 0) == 0);
    CHECK(control_char_length("a", 0) == 0);
}

// Issue 30: single-line fields (ids, names, tags, keyword values) kept
// terminal escapes and list separators; clean_line is their one cleaning.
TEST_CASE("clean_line makes one line of text without control characters", "[text][control]") {
    CHECK(clean_line("Mallory\x1b[2J") == "Mallory [2J");
    CHECK(clean_line("esc-1\x1b]0;pwned\x07") == "esc-1 ]0;pwned");
    CHECK(clean_line("Alice\x1f"
                     "Bob") == "Alice Bob");
    CHECK(clean_line("right\x1f"
                     "country\x1eUS") == "right country US");
    CHECK(clean_line(" two\tcolumns\r\non  two lines\n") == "two columns on two lines");
    CHECK(clean_line("a\xC2\x9B"
                     "b\x7f"
                     "c") == "a b c");
    CHECK(clean_line("\x01\x02") == "");
    CHECK(clean_line("Erdoğan — Путин") == "Erdoğan — Путин");
}
