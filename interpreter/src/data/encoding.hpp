// The encodings of CSV as Excel and WPS write it: UTF-8 (with or without its byte-order mark),
// and GB18030/GBK, which Chinese Excel uses for "CSV (逗号分隔)". Both are read; UTF-16
// ("Unicode 文本") and text that is neither are refused with what the file seems to be and how
// to save it. A file that mixes UTF-8 and other lines is read as UTF-8: its other lines fail
// one by one (E0412) rather than the whole file being guessed.
#pragma once

#include <istream>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "data/temp_copy.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::data {

// UTF-16's byte-order mark (FF FE or FE FF) at the start of `text`.
bool utf16_bom(std::string_view text);

// E0412 when `text` (the start of a file, a header row or a record) is not UTF-8; `line` is
// where it stands (0: the whole file).
std::optional<Diagnostic> not_utf8(const std::string& path, int line, std::string_view text);

enum class CsvEncoding { Utf8, Gb18030, Mixed };
// By its lines: all UTF-8 → Utf8; some UTF-8 with other non-ASCII lines → Mixed; non-UTF-8 lines
// and no line of UTF-8 beyond ASCII → Gb18030 (to be confirmed by decoding it).
CsvEncoding csv_encoding(std::istream& in);

// `text` (a whole CSV) as UTF-8: unchanged when it is UTF-8 or mixed, converted when it is
// GB18030. False with E0412 in `problems` when it is UTF-16 or cannot be decoded as GB18030.
bool csv_as_utf8(const std::string& path, std::string& text, std::vector<Diagnostic>& problems);

// A CSV file to read as UTF-8: the file itself, or a temporary UTF-8 copy of a GB18030 file,
// removed with this object. Line numbers are the same in both.
class Utf8CsvFile {
public:
    // False with E0412 in `problems` as csv_as_utf8(); a file that cannot be opened is left to
    // the caller (true, and path() is the file's own). Messages name `named` when it is given
    // (the pipe that `path` is a copy of).
    bool open(const std::string& path, std::vector<Diagnostic>& problems, const std::string& named = "");
    const std::string& path() const { return readable_; }

private:
    std::string readable_;
    TempCopy copy_;  // the UTF-8 copy of a GB18030 file, removed with this object
};

}  // namespace pingfen::data
