// The score sheet as an indented tree in the terminal, aligned by display width so that
// Chinese names (two columns a character) line up with the numbers.
#include <algorithm>
#include <fmt/format.h>

#include "report/rows.hpp"

#include "pingfen/pingfen.hpp"
#include "source/source.hpp"

namespace pingfen {
namespace {

const char* kYellow = "\033[33m";
const char* kRed = "\033[31m";
const char* kBold = "\033[1m";
const char* kDim = "\033[2m";
const char* kReset = "\033[0m";

std::string pad_right(const std::string& s, int width) {
    int w = display_width(s);
    return s + std::string(static_cast<std::size_t>(std::max(0, width - w)), ' ');
}
std::string pad_left(const std::string& s, int width) {
    int w = display_width(s);
    return std::string(static_cast<std::size_t>(std::max(0, width - w)), ' ') + s;
}

int name_width(std::span<const ScoreNode> nodes, int indent) {
    int w = 0;
    for (const auto& n : nodes)
        if (n.kind() != ScoreNode::Kind::Indicator) w = std::max(w, display_width(n.name()) + 8);
    for (const auto& n : nodes) {
        w = std::max(w, indent + display_width(n.name()));
        w = std::max(w, name_width(n.children(), indent + 2));
    }
    return w;
}

void rows(std::string& out, std::span<const ScoreNode> nodes, int indent, int width, const SheetFormat& f) {
    const bool en = f.language == Language::English;
    for (const auto& n : nodes) {
        std::string name = std::string(static_cast<std::size_t>(indent), ' ') + n.name();
        std::string score = n.score() ? n.score()->to_fixed(2) : "—";
        const char* colour = "";
        if (f.color && n.is_leaf()) {
            if (!n.score() || n.score()->is_zero()) colour = kRed;
            else if (*n.score() < n.weight()) colour = kYellow;
        }
        bool bold = f.color && indent == 0;
        out += fmt::format("{}{}{}  {}  {}{}{}\n", bold ? kBold : "", pad_right(name, width), bold ? kReset : "",
                           pad_left(n.weight().to_fixed(2), 7), colour, pad_left(score, 7), *colour ? kReset : "");
        if (f.explain && n.is_leaf() && !n.basis().empty()) {
            std::string lead = std::string(static_cast<std::size_t>(indent + 2), ' ') + (en ? "basis: " : "依据：");
            out += fmt::format("{}{}{}{}\n", f.color ? kDim : "", lead, n.basis(), f.color ? kReset : "");
        }
        rows(out, n.children(), indent + 2, width, f);
    }
}

}  // namespace

std::string sheet_as_table(const ScoreSheet& s, const SheetFormat& f) {
    const bool en = f.language == Language::English;
    std::string out;
    std::string title = s.ruleset;
    if (s.year) title += en ? fmt::format(" ({})", *s.year) : fmt::format("（{} 年度）", *s.year);
    out += (f.color ? std::string(kBold) : "") + title + (f.color ? kReset : "") + "\n";
    if (!s.department.empty()) out += fmt::format(fmt::runtime(en ? "Department: {}\n" : "部门：{}\n"), s.department);
    out += "\n";
    int width = std::max({name_width(s.indicators(), 0), name_width(s.adjustments(), 0), display_width(en ? "Indicator" : "指标")});
    out += fmt::format("{}  {}  {}\n", pad_right(en ? "Indicator" : "指标", width), pad_left(en ? "Weight" : "分值", 7),
                       pad_left(en ? "Score" : "得分", 7));
    out += std::string(static_cast<std::size_t>(width + 18), '-') + "\n";
    rows(out, s.indicators(), 0, width, f);
    for (const auto& a : s.adjustments()) {
        // Bonus and penalty items stand outside the indicators: their cap, and the signed points.
        bool bonus = a.kind() == ScoreNode::Kind::Bonus;
        std::string label = fmt::format("{}{}", bonus ? (en ? "Bonus: " : "加分项 ") : (en ? "Penalty: " : "减分项 "), a.name());
        std::string points = a.score() ? (bonus ? "+" : "−") + a.score()->to_fixed(2) : "—";
        out += fmt::format("{}  {}  {}\n", pad_right(label, width), pad_left(a.weight().to_fixed(2), 7), pad_left(points, 7));
        if (f.explain && !a.basis().empty())
            out += fmt::format("{}  {}{}{}\n", f.color ? kDim : "", en ? "basis: " : "依据：", a.basis(), f.color ? kReset : "");
    }
    out += std::string(static_cast<std::size_t>(width + 18), '-') + "\n";
    if (!s.total_basis.empty() && f.explain) out += (en ? "  (" : "  （") + s.total_basis + (en ? ")\n" : "）\n");
    out += fmt::format("{}{}  {}  {}{}\n", f.color ? kBold : "", pad_right(en ? "Total" : "总分", width),
                       pad_left(s.max.to_fixed(2), 7), pad_left(s.total ? s.total->to_fixed(2) : "—", 7),
                       f.color ? kReset : "");
    if (!s.grade.empty()) out += fmt::format(fmt::runtime(en ? "Grade: {}\n" : "评价等级：{}\n"), s.grade);
    if (!s.diagnostics.empty()) {
        out += fmt::format("\n{}{}{}\n", f.color ? kBold : "", report::words(f.language).diagnostics, f.color ? kReset : "");
        for (const auto& l : report::diagnostic_lines(s, f.language)) out += "  " + l + "\n";
    }
    return out;
}

}  // namespace pingfen
