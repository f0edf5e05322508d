#include "data/encoding.hpp"

#include <fmt/format.h>

#include "source/source.hpp"

namespace pingfen::data {

bool utf16_bom(std::string_view text) {
    return text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'));
}

std::optional<Diagnostic> not_utf8(const std::string& path, int line, std::string_view text) {
    const bool utf16 = utf16_bom(text);
    if (!utf16 && valid_utf8(text)) return std::nullopt;
    Diagnostic d;
    d.code = "E0412";
    d.path = path;
    d.line = line;
    d.column = 0;
    const char* seems_zh = utf16 ? "UTF-16（Excel 的“Unicode 文本”）" : "不是 UTF-8（多半是 Excel 默认保存的 GB18030/GBK）";
    const char* seems_en = utf16 ? "UTF-16 (Excel's \"Unicode Text\")" : "not UTF-8 (most likely GB18030/GBK, Excel's default)";
    d.message_zh = fmt::format("CSV 文件的编码{}{}，无法按 UTF-8 读取；请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”",
                               utf16 ? "是 " : "", seems_zh);
    d.message_en = fmt::format("the CSV file is {}, and cannot be read as UTF-8; save it from Excel or WPS as \"CSV UTF-8 (Comma delimited)\"",
                               seems_en);
    return d;
}

}  // namespace pingfen::data
