#include "data/sniff.hpp"

#include <algorithm>
#include <cctype>

namespace pingfen::data {

namespace {

// `line` starts with the keyword `数据` or `data` as the lexer reads it: not the start of a longer
// name (a CSV header `数据日期,…` or `data_date,…` is a name, then a comma).
bool starts_data_block(std::string_view line) {
    for (std::string_view keyword : {std::string_view("数据"), std::string_view("data")}) {
        if (!line.starts_with(keyword)) continue;
        const std::string_view rest = line.substr(keyword.size());
        if (rest.empty()) return true;
        const auto c = static_cast<unsigned char>(rest.front());
        if (c < 0x80) return !(std::isalnum(c) || c == '_');
        // Past ASCII, a letter goes on with the name; a full-width quote, brace or space does not.
        return rest.starts_with("“") || rest.starts_with("｛") || rest.starts_with("\u3000") || rest.starts_with("\uFEFF");
    }
    return false;
}

}  // namespace

TextKind sniff(std::string_view text) {
    if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);
    const std::size_t first = std::min(text.find_first_not_of(" \t\r\n"), text.size());
    if (first < text.size() && text[first] == '{') return TextKind::Json;
    while (!text.empty()) {
        const std::size_t end = std::min(text.find('\n'), text.size());
        std::string_view line = text.substr(0, end);
        text.remove_prefix(std::min(end + 1, text.size()));
        const std::size_t start = line.find_first_not_of(" \t\r");
        if (start == std::string_view::npos) continue;
        line.remove_prefix(start);
        if (line.starts_with("#") || line.starts_with("//") || starts_data_block(line)) return TextKind::DataBlock;
        return line.find(',') != std::string_view::npos ? TextKind::Csv : TextKind::DataBlock;
    }
    return TextKind::DataBlock;
}

bool json_document(std::string_view head) {
    if (head.starts_with("\xEF\xBB\xBF")) head.remove_prefix(3);
    const std::size_t first = head.find_first_not_of(" \t\r\n");
    if (first == std::string_view::npos || head[first] != '{') return false;
    const std::size_t end = head.find('\n', first);
    if (end == std::string_view::npos) return false;  // the line goes on past what was read
    const std::size_t last = head.substr(0, end).find_last_not_of(" \t\r");  // first's `{` at least
    return head[last] != '}';
}

}  // namespace pingfen::data
