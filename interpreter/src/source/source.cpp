#include "source/source.hpp"

#include <algorithm>
#include <cstring>
#include <filesystem>
#include <fmt/format.h>
#include <istream>

namespace pingfen {

SourceFile::SourceFile(std::string p, std::string t) : path(std::move(p)), text(std::move(t)) { find_lines(); }

void SourceFile::assign(std::string_view t) {
    text.assign(t);
    find_lines();
}

void SourceFile::find_lines() {
    line_starts.clear();
    line_starts.push_back(0);
    // memchr, not a loop over every byte: each JSON Lines record of a batch is a SourceFile.
    const char* begin = text.data();
    const char* end = begin + text.size();
    for (const char* p = begin; (p = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)))) != nullptr; ++p)
        line_starts.push_back(static_cast<std::size_t>(p - begin) + 1);
}

Loc Loc::resolved() const {
    if (file == nullptr || line > 0 || offset == kNoOffset) return *this;
    Loc l = *this;
    const std::size_t at = std::min(offset, file->text.size());
    auto it = std::upper_bound(file->line_starts.begin(), file->line_starts.end(), at);
    l.line = static_cast<int>(it - file->line_starts.begin());
    // Code points before the offset on its line: every byte that does not continue a sequence.
    int column = 1;
    for (std::size_t i = file->line_starts[static_cast<std::size_t>(l.line - 1)]; i < at; ++i)
        if ((static_cast<unsigned char>(file->text[i]) & 0xC0) != 0x80) ++column;
    l.column = column;
    l.offset = kNoOffset;
    return l;
}

std::string_view SourceFile::line(int line_no) const {
    if (line_no < 1 || line_no > line_count()) return {};
    std::size_t b = line_starts[static_cast<std::size_t>(line_no - 1)];
    std::size_t e = line_no < line_count() ? line_starts[static_cast<std::size_t>(line_no)] - 1
                                           : text.size();
    std::string_view v(text.data() + b, e - b);
    if (!v.empty() && v.back() == '\r') v.remove_suffix(1);
    return v;
}

bool valid_utf8(std::string_view s, std::size_t* bad_offset) {
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) {
            if (bad_offset) *bad_offset = i;
            return false;
        }
        i += n;
    }
    return true;
}

std::u32string utf8_decode(std::string_view s) {
    std::u32string out;
    out.reserve(s.size());
    for (std::size_t i = 0; i < s.size();) {
        std::size_t n = utf8_sequence_length(s, i);
        if (n == 0) {
            out.push_back(0xFFFD);
            ++i;
            continue;
        }
        unsigned char c = static_cast<unsigned char>(s[i]);
        char32_t cp = n == 1 ? c : n == 2 ? (c & 0x1F) : n == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += n;
    }
    return out;
}

std::string utf8_encode(char32_t c) {
    std::string o;
    if (c < 0x80) {
        o += static_cast<char>(c);
    } else if (c < 0x800) {
        o += static_cast<char>(0xC0 | (c >> 6));
        o += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        o += static_cast<char>(0xE0 | (c >> 12));
        o += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        o += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        o += static_cast<char>(0xF0 | (c >> 18));
        o += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        o += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        o += static_cast<char>(0x80 | (c & 0x3F));
    }
    return o;
}

// Terminal columns of one code point: the East Asian Wide and Fullwidth ranges of UAX #11 take
// two; ambiguous characters (“ ” ≤ ×) take one, as terminals render them by default.
int char_width(char32_t c) {
    if (c == 0 || (c >= 0x300 && c <= 0x36F) || c == 0x200B || c == 0xFEFF) return 0;
    if ((c >= 0x1100 && c <= 0x115F) || (c >= 0x2E80 && c <= 0x303E) ||
        (c >= 0x3041 && c <= 0x33FF) || (c >= 0x3400 && c <= 0x4DBF) ||
        (c >= 0x4E00 && c <= 0x9FFF) || (c >= 0xA000 && c <= 0xA4CF) ||
        (c >= 0xAC00 && c <= 0xD7A3) || (c >= 0xF900 && c <= 0xFAFF) ||
        (c >= 0xFE30 && c <= 0xFE4F) || (c >= 0xFF00 && c <= 0xFF60) ||
        (c >= 0xFFE0 && c <= 0xFFE6) || (c >= 0x20000 && c <= 0x3FFFD))
        return 2;
    return 1;
}

int display_width(std::string_view utf8) {
    int w = 0;
    for (char32_t c : utf8_decode(utf8)) w += char_width(c);
    return w;
}

std::string halfwidth(std::string_view t) {
    std::string out;
    out.reserve(t.size());
    for (std::size_t i = 0; i < t.size();) {
        const auto c = static_cast<unsigned char>(t[i]);
        if (c == 0xEF && i + 2 < t.size()) {
            const auto b1 = static_cast<unsigned char>(t[i + 1]), b2 = static_cast<unsigned char>(t[i + 2]);
            // U+FF01–U+FF3F: EF BC 81–BF; U+FF40–U+FF5E: EF BD 80–9E.
            unsigned cp = 0;
            if (b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) cp = 0xFF00u + (b2 - 0x80u);
            else if (b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) cp = 0xFF40u + (b2 - 0x80u);
            if (cp) {
                out += static_cast<char>(cp - 0xFF00u + 0x20u);
                i += 3;
                continue;
            }
        }
        if (t.compare(i, 3, "\xE2\x88\x92") == 0) {  // − U+2212
            out += '-';
            i += 3;
        } else if (t.compare(i, 3, "\xE3\x80\x80") == 0) {  // ideographic space
            out += ' ';
            i += 3;
        } else if (t.compare(i, 2, "\xC2\xA0") == 0) {  // no-break space
            out += ' ';
            i += 2;
        } else {
            out += t[i++];
        }
    }
    return out;
}

std::string read_all(std::istream& in, std::size_t max) {
    std::streambuf* buf = in.rdbuf();
    std::string out;
    std::size_t used = 0;
    // The rest of the file when its size is known (one read, then one that finds the end); a
    // size past 64 MB (or a folder's, which some file systems give as 2 GB) is not trusted.
    const auto here = buf->pubseekoff(0, std::ios::cur, std::ios::in);
    const auto end = here == std::streampos(-1) ? here : buf->pubseekoff(0, std::ios::end, std::ios::in);
    std::size_t block = 4096;
    if (end != std::streampos(-1)) {
        if (end >= here && end - here < (std::streamoff{1} << 26)) block = static_cast<std::size_t>(end - here) + 1;
        buf->pubseekpos(here, std::ios::in);
    }
    out.resize(block);
    for (;;) {
        const std::streamsize n = buf->sgetn(out.data() + used, static_cast<std::streamsize>(out.size() - used));
        if (n <= 0) break;
        used += static_cast<std::size_t>(n);
        if (used > max) break;
        if (used == out.size()) out.resize(out.size() * 2);
    }
    out.resize(used);
    return out;
}

std::optional<NotAFile> not_a_file(const std::string& path) {
    std::error_code ec;
    const auto status = std::filesystem::status(path, ec);
    if (ec) return std::nullopt;
    if (std::filesystem::is_directory(status))
        return NotAFile{fmt::format("`{}` 是文件夹，这里应为文件", path), fmt::format("`{}` is a folder; a file belongs here", path)};
    if (std::filesystem::is_character_file(status) || std::filesystem::is_block_file(status) || std::filesystem::is_socket(status))
        return NotAFile{fmt::format("`{}` 是设备而不是文件", path), fmt::format("`{}` is a device, not a file", path)};
    return std::nullopt;
}

}  // namespace pingfen
