// herald-dbdump: prints a Herald database in a canonical text form (articles
// by id with their data, values, terms, wdf and positions; spelling;
// synonyms; metadata other than times and job checkpoints), so tests can
// compare databases built by different runs whatever their docids are.
#include <xapian.h>

#include <iostream>
#include <map>
#include <string>

namespace {

std::string escaped(const std::string& bytes) {
    std::string out;
    for (unsigned char c : bytes) {
        if (c < 0x20 || c == '\\') {
            static const char* hex = "0123456789abcdef";
            out += "\\x";
            out += hex[c >> 4];
            out += hex[c & 15];
        } else {
            out += static_cast<char>(c);
        }
    }
    return out;
}

void dump_document(const Xapian::Document& document, std::ostream& out) {
    out << "  data " << escaped(document.get_data()) << "\n";
    for (auto value = document.values_begin(); value != document.values_end(); ++value) {
        out << "  value " << value.get_valueno() << " " << escaped(*value) << "\n";
    }
    for (auto term = document.termlist_begin(); term != document.termlist_end(); ++term) {
        out << "  term " << escaped(*term) << " wdf=" << term.get_wdf() << " pos=";
        for (auto position = term.positionlist_begin(); position != term.positionlist_end(); ++position) {
            out << *position << ",";
        }
        out << "\n";
    }
}

bool volatile_key(const std::string& key) {
    return key == "herald.last_commit" || key.rfind("herald.job.", 0) == 0 || key.rfind("herald.file:", 0) == 0;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::cerr << "usage: herald-dbdump DATABASE\n";
        return 2;
    }
    try {
        Xapian::Database database(argv[1]);
        std::cout << "documents " << database.get_doccount() << "\n";
        std::cout << "total_length " << database.get_total_length() << "\n";
        std::map<std::string, Xapian::docid> by_id;
        for (auto id = database.allterms_begin("Q"); id != database.allterms_end("Q"); ++id) {
            for (auto posting = database.postlist_begin(*id); posting != database.postlist_end(*id); ++posting) {
                if (!by_id.emplace(*id, *posting).second) std::cout << "DUPLICATE " << escaped(*id) << "\n";
            }
        }
        for (const auto& [id, docid] : by_id) {
            std::cout << "article " << escaped(id) << "\n";
            dump_document(database.get_document(docid), std::cout);
        }
        for (auto word = database.spellings_begin(); word != database.spellings_end(); ++word) {
            std::cout << "spelling " << escaped(*word) << " " << word.get_termfreq() << "\n";
        }
        for (auto key = database.synonym_keys_begin(); key != database.synonym_keys_end(); ++key) {
            std::cout << "synonym " << escaped(*key) << " =";
            for (auto s = database.synonyms_begin(*key); s != database.synonyms_end(*key); ++s) {
                std::cout << " " << escaped(*s);
            }
            std::cout << "\n";
        }
        for (auto key = database.metadata_keys_begin(); key != database.metadata_keys_end(); ++key) {
            if (!volatile_key(*key))
                std::cout << "metadata " << escaped(*key) << " " << escaped(database.get_metadata(*key)) << "\n";
        }
    } catch (const Xapian::Error& error) {
        std::cerr << "herald-dbdump: " << error.get_description() << "\n";
        return 2;
    }
    return 0;
}
