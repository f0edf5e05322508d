// The text of a ruleset as the lexer and the parser's tokens read it: code points, decoded and
// checked here, with each code point's place in the UTF-8 for cutting a token's text.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "antlr4-runtime.h"

namespace pingfen::front {

// The text as ANTLR's input stream holds it (UTF-32), decoded here, and checked as it is
// decoded (a pass of its own over the text before was a fortieth of a warm compile): the
// runtime's decoder (std::wstring_convert) was a twentieth of a compile. Like
// ANTLRInputStream::load, a leading byte-order mark is left out. A token's text is cut from the
// UTF-8 itself (the runtime encoded each token's code points again, every time its text was
// asked for); `text` must outlive the stream, as the source does the parse.
class Utf32Input : public antlr4::ANTLRInputStream {
public:
    Utf32Input();
    ~Utf32Input() override;
    Utf32Input(const Utf32Input&) = delete;
    Utf32Input& operator=(const Utf32Input&) = delete;

    // Where `text` first stops being well-formed UTF-8 as Unicode defines it (table 3-7: no
    // overlong forms such as E0 88 8D, no surrogates, nothing above U+10FFFF), as an offset in
    // `text`; npos when it is well-formed and loaded. ANTLR's own decoder throws
    // std::range_error on such text.
    std::size_t load(std::string_view text);

    // The code points loaded, for the lexer.
    std::u32string_view chars() const { return _data; }

    // ANTLRInputStream::getText's bounds, on the UTF-8.
    std::string getText(const antlr4::misc::Interval& interval) override;

private:
    std::string_view utf8_;
    std::vector<std::uint32_t> starts_;  // of each code point in utf8_, and its end
};

}  // namespace pingfen::front
