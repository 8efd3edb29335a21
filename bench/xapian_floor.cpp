// The floor a Herald search is measured against: bare Xapian through its own
// API, as quest does it (QueryParser with English stemming, STEM_SOME and OR
// between words, BM25 top 10), plus reading the ten documents' data.
//
//   xapian_floor DB QUERIES_FILE RUNS
//
// Runs every query of QUERIES_FILE (one a line, '#' lines and blank lines
// skipped) RUNS times over one open database and prints one line a timing:
// "<query number> <milliseconds>". No timing is judged here; bench scripts
// compare them with Herald's.
#include <xapian.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

namespace {

std::vector<std::string> read_queries(const char* path) {
    std::ifstream in(path);
    if (!in) throw std::runtime_error(std::string("cannot read ") + path);
    std::vector<std::string> queries;
    for (std::string line; std::getline(in, line);) {
        if (!line.empty() && line.front() != '#') queries.push_back(line);
    }
    return queries;
}

double search_once(const Xapian::Database& database, const std::string& text) {
    const auto started = std::chrono::steady_clock::now();
    Xapian::QueryParser parser;
    parser.set_database(database);
    parser.set_stemmer(Xapian::Stem("english"));
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_OR);
    Xapian::Enquire enquire(database);
    enquire.set_query(parser.parse_query(text));
    const Xapian::MSet matches = enquire.get_mset(0, 10);
    std::size_t bytes = 0;
    for (auto it = matches.begin(); it != matches.end(); ++it) bytes += it.get_document().get_data().size();
    const std::chrono::duration<double, std::milli> spent = std::chrono::steady_clock::now() - started;
    if (bytes == 0 && !matches.empty()) std::cerr << "no data in the matches of: " << text << "\n";
    return spent.count();
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 4) {
        std::cerr << "usage: xapian_floor DB QUERIES_FILE RUNS\n";
        return 2;
    }
    try {
        const Xapian::Database database(argv[1]);
        const auto queries = read_queries(argv[2]);
        const int runs = std::atoi(argv[3]);
        for (int run = 0; run < runs; ++run) {
            for (std::size_t i = 0; i < queries.size(); ++i) {
                std::printf("%zu %.4f\n", i, search_once(database, queries[i]));
            }
        }
    } catch (const Xapian::Error& error) {
        std::cerr << "xapian_floor: " << error.get_description() << "\n";
        return 2;
    } catch (const std::exception& error) {
        std::cerr << "xapian_floor: " << error.what() << "\n";
        return 2;
    }
    return 0;
}
