// The excerpt under a diagnostic: the line, and a caret under the right character (CJK two
// columns wide). A long line — a JSON Lines record, a CSV row — is shown as a window of 60
// characters either side of the caret, and only that window is decoded: a batch renders this
// for every bad record, and decoding a 3 KB record to show 140 characters of it cost as much as
// scoring a department.
#include <catch2/catch.hpp>

#include <random>
#include <string>

#include "pingfen/pingfen.hpp"
#include "source/source.hpp"

namespace {

using pingfen::Diagnostic;

Diagnostic at(const std::string& line, int column, int length) {
    Diagnostic d;
    d.code = "E0402";
    d.path = "d.jsonl";
    d.line = 7;
    d.column = column;
    d.length = length;
    d.source_line = line;
    d.message_zh = "消息";
    return d;
}

// The excerpt as it was rendered before the window was decoded alone: the whole line decoded,
// then cut. Kept here as the reference the renderer must equal, character for character.
std::string reference(int line, int column, int length, const std::string& source_line) {
    using pingfen::char_width;
    std::u32string cps = pingfen::utf8_decode(source_line);
    const std::size_t kWindow = 60;
    if (cps.size() > 2 * kWindow + 20) {
        std::size_t at = static_cast<std::size_t>(std::max(1, column) - 1);
        std::size_t from = at > kWindow ? at - kWindow : 0;
        // A mark longer than the window is shown cut to it, as its carets are.
        std::size_t to = std::min(cps.size(), at + std::min(static_cast<std::size_t>(std::max(1, length)), kWindow) + kWindow);
        const bool cut_left = from > 0, cut_right = to < cps.size();
        std::u32string window = from <= cps.size() ? cps.substr(from, to > from ? to - from : 0) : std::u32string();
        column -= static_cast<int>(from);
        if (cut_left) window = U"…" + window, ++column;
        if (cut_right) window.push_back(U'…');
        cps = window;
        length = std::min(length, static_cast<int>(kWindow));
    }
    std::string gutter = std::to_string(line), pad(gutter.size(), ' '), shown, marks;
    int col0 = std::max(1, column) - 1;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        char32_t c = cps[i];
        int w = c == U'\t' ? 4 : char_width(c);
        shown += c == U'\t' ? std::string("    ") : pingfen::utf8_encode(c);
        int idx = static_cast<int>(i);
        if (idx < col0) marks += std::string(static_cast<std::size_t>(w), ' ');
        else if (idx < col0 + length) marks += std::string(static_cast<std::size_t>(std::max(w, 1)), '^');
    }
    if (col0 >= static_cast<int>(cps.size())) marks += "^";
    return " " + pad + " |\n " + gutter + " | " + shown + "\n " + pad + " | " + marks + "\n";
}

std::string excerpt(const Diagnostic& d) {
    const std::string r = pingfen::render(d);
    return r.substr(r.find('\n') + 1);  // after the "path:line:column: 错误[…]：…" line
}

}  // namespace

TEST_CASE("A long line's excerpt is the window around the caret, cut with … on each side it leaves out", "[diag]") {
    std::string line;
    for (int i = 0; i < 300; ++i) line += static_cast<char>('a' + i % 26);
    // Columns 150–152 (three characters): 60 characters either side, both sides cut.
    CHECK(excerpt(at(line, 150, 3)) == reference(7, 150, 3, line));
    const std::string both = excerpt(at(line, 150, 3));
    CHECK(both.find(" 7 | …" + line.substr(89, 123) + "…\n") != std::string::npos);
    CHECK(both.find("\n   | " + std::string(61, ' ') + "^^^\n") != std::string::npos);
    // Near the start: nothing cut on the left.
    CHECK(excerpt(at(line, 3, 1)).find(" 7 | " + line.substr(0, 63) + "…\n") != std::string::npos);
    // Near the end: nothing cut on the right.
    CHECK(excerpt(at(line, 298, 1)).find(" 7 | …" + line.substr(237) + "\n") != std::string::npos);
}

TEST_CASE("The window of a long line equals the whole line decoded and then cut, for Chinese, tabs and malformed bytes", "[diag]") {
    std::mt19937 rng(20261201);
    const std::vector<std::string> pieces = {"a", "9", "\"", "年", "度", "，", "\t", "％", "\xFF", "\xE4\xB8", "😀", " "};
    for (int round = 0; round < 2000; ++round) {
        // Half the lines mostly ASCII (a JSON record's punctuation and numbers: read eight bytes
        // at a time), half an even mix.
        std::string line;
        const int n = static_cast<int>(rng() % 400);
        const bool ascii = round % 2 == 0;
        for (int i = 0; i < n; ++i) line += ascii && rng() % 10 != 0 ? pieces[rng() % 3] : pieces[rng() % pieces.size()];
        const int characters = static_cast<int>(pingfen::utf8_decode(line).size());
        const int column = 1 + static_cast<int>(rng() % static_cast<unsigned>(characters + 3));  // past the end too
        const int length = 1 + static_cast<int>(rng() % 80);
        INFO("line " << line << " column " << column << " length " << length);
        CHECK(excerpt(at(line, column, length)) == reference(7, column, length, line));
    }
}
