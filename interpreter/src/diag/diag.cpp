#include "diag/diag.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

namespace pingfen {

Diagnostic make_diagnostic(Severity sev, const char* code, const Loc& at, std::string zh,
                           std::string en) {
    const Loc loc = at.resolved();
    Diagnostic d;
    d.severity = sev;
    d.code = code;
    d.message_zh = std::move(zh);
    d.message_en = std::move(en);
    if (loc.file) {
        d.path = loc.file->path;
        d.line = loc.line;
        d.column = loc.column;
        d.length = std::max(1, loc.length);
        d.source_line = std::string(loc.file->line(loc.line));
    }
    return d;
}

DiagnosticNote make_note(const Loc& at, std::string zh, std::string en) {
    const Loc loc = at.resolved();
    DiagnosticNote n;
    n.message_zh = std::move(zh);
    n.message_en = std::move(en);
    if (loc.file) {
        n.path = loc.file->path;
        n.line = loc.line;
        n.column = loc.column;
        n.length = std::max(1, loc.length);
        n.source_line = std::string(loc.file->line(loc.line));
    }
    return n;
}

std::vector<Diagnostic> DiagnosticSink::take() {
    if (items_.size() < 2) return std::move(items_);  // most scorings: nothing to sort
    std::stable_sort(items_.begin(), items_.end(), [](const Diagnostic& a, const Diagnostic& b) {
        return std::tie(a.path, a.line, a.column) < std::tie(b.path, b.line, b.column);
    });
    return std::move(items_);
}

bool has_errors(const std::vector<Diagnostic>& ds) {
    return std::any_of(ds.begin(), ds.end(),
                       [](const Diagnostic& d) { return d.severity == Severity::Error; });
}

std::string clipped(std::string_view text, std::size_t max) {
    std::size_t chars = 0;
    for (std::size_t i = 0; i < text.size(); ++i) {
        if ((static_cast<unsigned char>(text[i]) & 0xC0) == 0x80) continue;
        if (chars++ == max) return std::string(text.substr(0, i)) + "…";
    }
    return std::string(text);
}

namespace {

const char* kRed = "\033[1;31m";
const char* kYellow = "\033[1;33m";
const char* kCyan = "\033[1;36m";
const char* kBold = "\033[1m";
const char* kReset = "\033[0m";

// The source line and a caret line whose padding matches the display width of the text
// before the column, so the caret sits under the right character after Chinese text.
void render_excerpt(std::string& out, int line, int column, int length,
                    const std::string& source_line, bool color, const char* caret_color) {
    // A very long line (generated rules, minified data, a JSON Lines record or a CSV row of
    // thousands of characters) is shown as a window around the caret. Only the window is
    // decoded: the line is walked as far as the window's end, counting its characters and
    // noting where the window begins and ends (a batch renders this for every bad record).
    const std::size_t kWindow = 60, kLong = 2 * kWindow + 20;
    const std::size_t at = static_cast<std::size_t>(std::max(1, column) - 1);
    const std::size_t from = at > kWindow ? at - kWindow : 0;
    // A marked stretch longer than the window (a key of ten million characters) is shown cut
    // to it, as its carets are: the window would otherwise hold all of it.
    const std::size_t to_wanted = at + std::min(static_cast<std::size_t>(std::max(1, length)), kWindow) + kWindow;
    // Past this many characters, the line is long and goes on after the window.
    const std::size_t enough = std::max(kLong, to_wanted) + 1;
    const std::string_view text = source_line;
    std::size_t count = 0, from_byte = 0, to_byte = text.size(), i = 0;
    while (i < text.size() && count < enough) {
        // Eight ASCII bytes (eight characters) at once, when neither end of the window is among them.
        if (i + 8 <= text.size() && (count > from || count + 8 <= from) && (count > to_wanted || count + 8 <= to_wanted)) {
            std::uint64_t w;
            std::memcpy(&w, text.data() + i, 8);
            if ((w & 0x8080808080808080ull) == 0) {
                i += 8;
                count += 8;
                continue;
            }
        }
        if (count == from) from_byte = i;
        if (count == to_wanted) to_byte = i;
        i += utf8_step(text, i);
        ++count;
    }
    if (from >= count) from_byte = i;  // a caret past the line's end: an empty window there
    std::u32string cps;
    bool cut_left = false, cut_right = false;
    if (count > kLong) {
        const std::size_t to = std::min(count, to_wanted);
        cut_left = from > 0;
        cut_right = to < count;
        column -= static_cast<int>(from);
        if (cut_left) cps.push_back(U'…'), ++column;
        cps += utf8_decode(text.substr(from_byte, (cut_right ? to_byte : text.size()) - from_byte));
        if (cut_right) cps.push_back(U'…');
        length = std::min(length, static_cast<int>(kWindow));
    } else {
        cps = utf8_decode(text);
    }
    std::string gutter = std::to_string(line);
    std::string pad(gutter.size(), ' ');
    std::string shown, marks;
    shown.reserve(4 * cps.size());
    marks.reserve(2 * cps.size() + 1);
    int col0 = std::max(1, column) - 1;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        char32_t c = cps[i];
        int w = c == U'\t' ? 4 : char_width(c);
        if (c == U'\t') shown.append(4, ' ');
        else shown += utf8_encode(c);
        int idx = static_cast<int>(i);
        if (idx < col0) marks.append(static_cast<std::size_t>(w), ' ');
        else if (idx < col0 + length) marks.append(static_cast<std::size_t>(std::max(w, 1)), '^');
    }
    if (col0 >= static_cast<int>(cps.size())) marks += "^";  // at end of line
    out += fmt::format(" {} |\n", pad);
    out += fmt::format(" {} | {}\n", gutter, shown);
    out += fmt::format(" {} | {}{}{}\n", pad, color ? caret_color : "", marks, color ? kReset : "");
}

}  // namespace

std::string render(const Diagnostic& d, Language lang, bool color) {
    const bool zh = lang == Language::Chinese;
    const char* label = d.severity == Severity::Error     ? (zh ? "错误" : "error")
                        : d.severity == Severity::Warning ? (zh ? "警告" : "warning")
                                                          : (zh ? "注" : "note");
    const char* c = d.severity == Severity::Error ? kRed : d.severity == Severity::Warning ? kYellow : kCyan;
    std::string out;
    if (!d.path.empty()) {
        out += color ? kBold : "";
        // A column of 0 means "this line, no particular character" (a CSV record in a batch).
        out += d.line > 0 ? (d.column > 0 ? fmt::format("{}:{}:{}: ", d.path, d.line, d.column) : fmt::format("{}:{}: ", d.path, d.line))
                          : d.path + ": ";
        out += color ? kReset : "";
    }
    out += fmt::format("{}{}[{}]{}{}{}\n", color ? c : "", label, d.code, color ? kReset : "",
                       zh ? "：" : ": ", d.message(lang));
    if (d.line > 0 && d.column > 0) render_excerpt(out, d.line, d.column, d.length, d.source_line, color, c);
    for (const auto& n : d.notes) {
        const std::string& msg = zh ? n.message_zh : n.message_en;
        if (n.line > 0) {
            out += fmt::format("{}:{}:{}: {}{}{}{}{}\n", n.path, n.line, n.column, color ? kCyan : "",
                               zh ? "注" : "note", color ? kReset : "", zh ? "：" : ": ", msg);
            render_excerpt(out, n.line, n.column, n.length, n.source_line, color, kCyan);
        } else {
            out += fmt::format("  = {}{}{}\n", zh ? "注" : "note", zh ? "：" : ": ", msg);
        }
    }
    return out;
}

}  // namespace pingfen
