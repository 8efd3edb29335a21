#include "common/slot_lists.hpp"

#include <fmt/format.h>

#include <stdexcept>

#include "common/schema.hpp"

namespace herald {

void check_slot_item(std::string_view item) {
    constexpr char kSeparators[] = {schema::kListSeparator, schema::kKeywordNameEnd};
    const std::size_t at = item.find_first_of(std::string_view(kSeparators, sizeof kSeparators));
    if (at == std::string_view::npos) return;
    // The value itself is not quoted: it holds control bytes.
    throw std::invalid_argument(
        fmt::format("a list or keyword value holds the separator byte 0x{:02X} at byte {}, "
                    "which would split it into two values in the stored slot",
                    static_cast<unsigned>(static_cast<unsigned char>(item[at])), at));
}

std::string list_slot_value(const std::vector<std::string>& items) {
    std::string joined;
    for (const auto& item : items) {
        check_slot_item(item);
        if (!joined.empty()) joined.push_back(schema::kListSeparator);
        joined += item;
    }
    return joined;
}

std::vector<std::string_view> list_slot_items(std::string_view value) {
    std::vector<std::string_view> items;
    if (value.empty()) return items;
    for (;;) {
        const std::size_t end = value.find(schema::kListSeparator);
        items.push_back(value.substr(0, end));
        if (end == std::string_view::npos) return items;
        value.remove_prefix(end + 1);
    }
}

}  // namespace herald
