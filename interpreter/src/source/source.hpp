// Source files and locations. Columns count Unicode code points (a Chinese character is one
// column), which is what a person means by "the 9th character"; display width is separate.
#pragma once

#include <cstdint>
#include <iosfwd>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace pingfen {

struct SourceFile {
    std::string path;   // as the user named it
    std::string text;   // UTF-8
    std::vector<std::size_t> line_starts;

    SourceFile(std::string p, std::string t);
    // Another text in place of this one, in the same buffers (a worker of batch reads record
    // after record into one SourceFile that nothing else holds).
    void assign(std::string_view t);
    std::string_view line(int line_no) const;  // 1-based, without the newline
    int line_count() const { return static_cast<int>(line_starts.size()); }

private:
    void find_lines();
};

using SourcePtr = std::shared_ptr<const SourceFile>;

struct Loc {
    static constexpr std::size_t kNoOffset = static_cast<std::size_t>(-1);

    const SourceFile* file = nullptr;
    int line = 0;    // 1-based; 0 = no location
    int column = 0;  // 1-based, in code points
    int length = 1;  // in code points, on the same line
    // Data read in bulk (a JSON Lines record) is placed by byte offset alone: its line and column
    // are worked out by resolved() when a diagnostic is made, since most values never are.
    std::size_t offset = kNoOffset;

    bool valid() const { return file != nullptr && (line > 0 || offset != kNoOffset); }
    Loc resolved() const;  // line and column from the offset; unchanged when they are known
};

// UTF-8 helpers shared by diagnostics and reports.
std::u32string utf8_decode(std::string_view s);
// Length of the UTF-8 sequence starting at s[i], or 0 when it is malformed.
inline std::size_t utf8_sequence_length(std::string_view s, std::size_t i) {
    const auto c = static_cast<unsigned char>(s[i]);
    const std::size_t n = c < 0x80 ? 1 : (c >> 5) == 6 ? 2 : (c >> 4) == 14 ? 3 : (c >> 3) == 30 ? 4 : 0;
    if (n == 0 || i + n > s.size()) return 0;
    for (std::size_t k = 1; k < n; ++k)
        if ((static_cast<unsigned char>(s[i + k]) >> 6) != 2) return 0;
    return n;
}
// The bytes of the character at s[i] as utf8_decode reads it (1 for a malformed byte, which it
// reads as U+FFFD): a line walked character by character without decoding it.
inline std::size_t utf8_step(std::string_view s, std::size_t i) {
    const std::size_t n = utf8_sequence_length(s, i);
    return n == 0 ? 1 : n;
}
std::string utf8_encode(char32_t c);
int char_width(char32_t c);               // terminal columns: 2 for CJK and full-width forms
int display_width(std::string_view utf8);
bool valid_utf8(std::string_view s, std::size_t* bad_offset = nullptr);

// Why `path` is no file to read, in Chinese and English: a folder, or a device (/dev/zero would
// be read until memory ran out); nullopt for a regular file, a pipe (<(…) in a shell), or a path
// that does not exist, whose opening says so.
struct NotAFile {
    std::string zh, en;
};
std::optional<NotAFile> not_a_file(const std::string& path);
// The text with the full-width forms a Chinese input method types (U+FF01–FF5E: ９８．５％,
// －, ，) as their ASCII twins, the minus sign U+2212 as '-', and the ideographic and no-break
// spaces as ' '; everything else as it was. For reading numbers as staff type them.
std::string halfwidth(std::string_view s);

// Everything left in `in` (a file opened in binary mode), read in large blocks straight into the
// string: `ss << in.rdbuf()` through an ostringstream copied it twice in small pieces, a fortieth
// of a warm compile. With `max`, reading stops once more than `max` bytes are read (a pipe of
// gigabytes is not held whole to be refused).
std::string read_all(std::istream& in, std::size_t max = static_cast<std::size_t>(-1));

}  // namespace pingfen
