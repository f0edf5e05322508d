#include "data/encoding.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iconv.h>
#include <sstream>
#include <unistd.h>

#include "source/source.hpp"

namespace pingfen::data {

bool utf16_bom(std::string_view text) {
    return text.size() >= 2 && ((text[0] == '\xFF' && text[1] == '\xFE') || (text[0] == '\xFE' && text[1] == '\xFF'));
}

namespace {

Diagnostic e0412(const std::string& path, int line, std::string zh, std::string en) {
    Diagnostic d;
    d.code = "E0412";
    d.path = path;
    d.line = line;
    d.column = 0;
    d.message_zh = std::move(zh);
    d.message_en = std::move(en);
    return d;
}

// GB18030 → UTF-8 through glibc's iconv, one line at a time: no byte of a GB18030 character is
// a line feed, so lines split the same in both. nullopt when `line` is not GB18030.
class Gb18030 {
public:
    Gb18030() : cd_(iconv_open("UTF-8", "GB18030")) {}
    ~Gb18030() {
        if (ok()) iconv_close(cd_);
    }
    bool ok() const { return cd_ != reinterpret_cast<iconv_t>(-1); }
    std::optional<std::string> convert(std::string_view line) {
        std::string out(line.size() * 2 + 4, '\0');
        char* in = const_cast<char*>(line.data());
        std::size_t in_left = line.size();
        char* dst = out.data();
        std::size_t out_left = out.size();
        iconv(cd_, nullptr, nullptr, nullptr, nullptr);
        if (iconv(cd_, &in, &in_left, &dst, &out_left) == static_cast<std::size_t>(-1)) return std::nullopt;
        if (iconv(cd_, nullptr, nullptr, &dst, &out_left) == static_cast<std::size_t>(-1)) return std::nullopt;
        out.resize(out.size() - out_left);
        return out;
    }

private:
    iconv_t cd_;
};

Diagnostic undecodable(const std::string& path, int line) {
    return e0412(path, line,
                 "CSV 文件的编码既不是 UTF-8 也不是 GB18030/GBK，无法读取；请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”",
                 "the CSV file is neither UTF-8 nor GB18030/GBK and cannot be read; save it from Excel or WPS as \"CSV UTF-8 (Comma delimited)\"");
}

// Converts `in` line by line into `out`; false with the first line that is not GB18030.
bool convert(std::istream& in, std::ostream& out, int& bad_line) {
    Gb18030 gb;
    if (!gb.ok()) throw std::runtime_error("iconv cannot convert GB18030 to UTF-8");
    std::string line;
    int n = 0;
    while (std::getline(in, line)) {
        ++n;
        auto utf8 = gb.convert(line);
        if (!utf8) {
            bad_line = n;
            return false;
        }
        out << *utf8;
        if (!in.eof()) out << '\n';
    }
    return true;
}

}  // namespace

std::optional<Diagnostic> not_utf8(const std::string& path, int line, std::string_view text) {
    const bool utf16 = utf16_bom(text);
    if (!utf16 && valid_utf8(text)) return std::nullopt;
    const char* seems_zh = utf16 ? "UTF-16（Excel 的“Unicode 文本”）" : "不是 UTF-8（多半是 Excel 默认保存的 GB18030/GBK）";
    const char* seems_en = utf16 ? "UTF-16 (Excel's \"Unicode Text\")" : "not UTF-8 (most likely GB18030/GBK, Excel's default)";
    return e0412(path, line,
                 fmt::format("CSV 文件的编码{}{}，无法按 UTF-8 读取；请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”", utf16 ? "是 " : "",
                             seems_zh),
                 fmt::format("the CSV file is {}, and cannot be read as UTF-8; save it from Excel or WPS as \"CSV UTF-8 (Comma delimited)\"",
                             seems_en));
}

CsvEncoding csv_encoding(std::istream& in) {
    std::string line;
    bool utf8_beyond_ascii = false, other = false;
    while (std::getline(in, line)) {
        if (valid_utf8(line)) {
            for (unsigned char c : line)
                if (c >= 0x80) {
                    utf8_beyond_ascii = true;
                    break;
                }
        } else {
            other = true;
        }
    }
    if (!other) return CsvEncoding::Utf8;
    return utf8_beyond_ascii ? CsvEncoding::Mixed : CsvEncoding::Gb18030;
}

bool csv_as_utf8(const std::string& path, std::string& text, std::vector<Diagnostic>& problems) {
    if (utf16_bom(text)) {
        problems.push_back(*not_utf8(path, 0, text));
        return false;
    }
    std::istringstream probe(text);
    if (csv_encoding(probe) != CsvEncoding::Gb18030) return true;
    std::istringstream in(text);
    std::ostringstream out;
    int bad = 0;
    if (!convert(in, out, bad)) {
        problems.push_back(undecodable(path, bad));
        return false;
    }
    text = out.str();
    return true;
}

bool Utf8CsvFile::open(const std::string& path, std::vector<Diagnostic>& problems, const std::string& named) {
    const std::string& shown = named.empty() ? path : named;
    readable_ = path;
    std::ifstream in(path, std::ios::binary);
    if (!in) return true;
    char head[2] = {0, 0};
    in.read(head, 2);
    if (utf16_bom(std::string_view(head, static_cast<std::size_t>(in.gcount())))) {
        problems.push_back(*not_utf8(shown, 0, std::string_view(head, 2)));
        return false;
    }
    in.clear();
    in.seekg(0);
    if (csv_encoding(in) != CsvEncoding::Gb18030) return true;
    in.clear();
    in.seekg(0);
    const int fd = copy_.create("csv");
    if (fd >= 0) ::close(fd);
    std::ofstream out;
    if (fd >= 0) out.open(copy_.path(), std::ios::binary | std::ios::trunc);
    int bad = 0;
    if (out && !convert(in, out, bad)) {
        problems.push_back(undecodable(shown, bad));
        return false;
    }
    if (out) out.close();
    if (fd < 0 || !out) {
        problems.push_back(e0412(shown, 0, "无法把 GB18030 编码的 CSV 文件转为 UTF-8：临时文件写入失败（磁盘已满或临时文件夹不可写）",
                                 "cannot convert the GB18030 CSV file to UTF-8: writing its temporary copy failed (the disk is full or the temporary folder is not writable)"));
        return false;
    }
    readable_ = copy_.path();
    return true;
}

}  // namespace pingfen::data
