// Snippets: the first line is a query (parsed over the fuzz database), the
// rest an article's text. The snippet marks words of the query in a window
// of the text; its marked segments come from the text, and valid UTF-8 in
// gives valid UTF-8 out in every form (plain, HTML, terminal).
#include <string>

#include "common/text.hpp"
#include "searcher/present/snippet.hpp"
#include "tests/fuzz/search_target.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace herald;
    static const std::vector<Xapian::Stem> article_stemmers{make_stemmer("english"), make_stemmer("russian"),
                                                            make_stemmer("polish"), make_stemmer("")};
    const auto [query_text, text] = fuzz::first_line(fuzz::as_text(data, size));
    QueryBuilder& builder = fuzz::fuzz_query_builder();
    Xapian::Query query;
    try {
        query = builder.parse(std::string(query_text));
    } catch (const QueryError&) {
        return 0;
    }
    Highlighter highlighter(query, builder.stemmer(), builder.plain_query_words());
    highlighter.set_article_stemmer(article_stemmers[size % article_stemmers.size()]);
    const Snippet snippet = make_snippet(text, highlighter, 1 + size % 48);
    for (const auto& segment : snippet) {
        if (segment.highlighted) {
            fuzz::require(!segment.text.empty(), "a marked segment is not empty");
            fuzz::require(text.find(segment.text) != std::string_view::npos, "marked segments come from the text");
        }
    }
    if (is_valid_utf8(text)) {
        fuzz::require(is_valid_utf8(snippet_plain(snippet)), "plain snippets stay UTF-8");
        fuzz::require(is_valid_utf8(snippet_html(snippet)), "HTML snippets stay UTF-8");
        fuzz::require(is_valid_utf8(snippet_ansi(snippet)), "terminal snippets stay UTF-8");
    }
    return 0;
}
