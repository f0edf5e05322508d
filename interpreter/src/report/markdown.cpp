// The score sheet as a Markdown (GitHub-flavoured) table with the columns of the published
// 自评表. Merged cells are shown once: a level-1 or level-2 indicator's name and weight appear
// only on the first row of its group. Then the total and the grade.
#include <fmt/format.h>

#include "report/rows.hpp"

namespace pingfen {
namespace {

// Text made safe inside a table cell: pipes and Markdown's inline syntax escaped, HTML's
// characters as entities, line breaks as <br>.
std::string cell(const std::string& s) {
    std::string o;
    for (std::size_t i = 0; i < s.size(); ++i) {
        char c = s[i];
        switch (c) {
            case '|': case '\\': case '`': case '*': case '_': case '[': case ']': case '~': case '#':
                o += '\\';
                o += c;
                break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '&': o += "&amp;"; break;
            case '\r':
                if (i + 1 < s.size() && s[i + 1] == '\n') ++i;
                o += "<br>";
                break;
            case '\n': o += "<br>"; break;
            case '\t': o += ' '; break;
            default: o += c;
        }
    }
    return o;
}

std::string row(std::initializer_list<std::string> cells) {
    std::string o = "|";
    for (const auto& c : cells) o += " " + c + " |";
    return o + "\n";
}

}  // namespace

std::string sheet_as_markdown(const ScoreSheet& s, Language lang) {
    const bool en = lang == Language::English;
    const report::Words& w = report::words(lang);
    std::string out = "# " + cell(report::sheet_title(s, lang)) + "\n\n";
    if (!s.department.empty()) out += fmt::format("{}{}{}\n\n", w.department, en ? ": " : "：", cell(s.department));
    out += row({w.level1, w.weight, w.level2, w.weight, w.level3, w.weight, w.explanation, w.standard, w.score, w.basis});
    out += "|---|---:|---|---:|---|---:|---|---|---:|---|\n";
    auto rows = report::sheet_rows(s, lang);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        std::string name[3], weight[3];
        for (int k = 0; k < 3; ++k) {
            if (report::row_span(rows, i, k) == 0) continue;  // shown on the group's first row
            name[k] = cell(r.name[k]);
            weight[k] = r.weight[k];
        }
        out += row({name[0], weight[0], name[1], weight[1], name[2], weight[2], cell(r.explanation), cell(r.standard),
                    report::display_score(r), cell(r.basis)});
    }
    out += "\n";
    std::string total = s.total ? s.total->to_fixed(2) : "—";
    out += en ? fmt::format("**Total: {}** (out of {})\n", total, s.max.to_fixed(2))
              : fmt::format("**总分：{}**（满分 {}）\n", total, s.max.to_fixed(2));
    if (!s.total_basis.empty()) out += "\n" + cell(s.total_basis) + "\n";
    if (!s.grade.empty()) out += en ? "\n**Grade: " + cell(s.grade) + "**\n" : "\n**评价等级：" + cell(s.grade) + "**\n";
    if (!s.diagnostics.empty()) {
        out += fmt::format("\n**{}**\n\n", w.diagnostics);
        for (const auto& l : report::diagnostic_lines(s, lang)) out += "- " + cell(l) + "\n";
    }
    return out;
}

}  // namespace pingfen
