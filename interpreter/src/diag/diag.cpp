#include "diag/diag.hpp"

#include <algorithm>
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
    std::u32string cps = utf8_decode(source_line);
    // A very long line (generated rules, minified data) is shown as a window around the caret.
    const std::size_t kWindow = 60;
    bool cut_left = false, cut_right = false;
    if (cps.size() > 2 * kWindow + 20) {
        std::size_t at = static_cast<std::size_t>(std::max(1, column) - 1);
        std::size_t from = at > kWindow ? at - kWindow : 0;
        std::size_t to = std::min(cps.size(), at + static_cast<std::size_t>(std::max(1, length)) + kWindow);
        cut_left = from > 0;
        cut_right = to < cps.size();
        cps = cps.substr(from, to - from);
        column -= static_cast<int>(from);
        if (cut_left) cps.insert(cps.begin(), U'…'), ++column;
        if (cut_right) cps.push_back(U'…');
        length = std::min(length, static_cast<int>(kWindow));
    }
    std::string gutter = std::to_string(line);
    std::string pad(gutter.size(), ' ');
    std::string shown, marks;
    int col0 = std::max(1, column) - 1;
    for (std::size_t i = 0; i < cps.size(); ++i) {
        char32_t c = cps[i];
        int w = c == U'\t' ? 4 : char_width(c);
        shown += c == U'\t' ? std::string("    ") : utf8_encode(c);
        int idx = static_cast<int>(i);
        if (idx < col0) marks += std::string(static_cast<std::size_t>(w), ' ');
        else if (idx < col0 + length) marks += std::string(static_cast<std::size_t>(std::max(w, 1)), '^');
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
