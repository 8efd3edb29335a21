#include "searcher/query/script_forms.hpp"

#include "common/transliteration.hpp"

namespace herald {

std::vector<std::string> script_forms(std::string_view folded_word) {
    std::string form;
    switch (script_of(folded_word)) {
        case Script::kCyrillic:
        case Script::kGreek:
            form = latin_form(folded_word);
            break;
        case Script::kLatin:
            form = cyrillic_form(folded_word);
            break;
        case Script::kOther:
            break;
    }
    if (form.empty() || form == folded_word) return {};
    return {form};
}

}  // namespace herald
