// A ruleset comparison as text: the terminal table, JSON for programs, Markdown, and one
// self-contained HTML page with the two trees side by side.
#include <algorithm>
#include <fmt/format.h>

#include "report/escape.hpp"
#include "pingfen/pingfen.hpp"
#include "source/source.hpp"

namespace pingfen {
namespace {

using report::html_escape;

std::string path_text(const std::vector<std::string>& p, const char* sep = " › ") {
    std::string out;
    for (const auto& s : p) out += (out.empty() ? "" : sep) + s;
    return out;
}

std::string num(const std::optional<Decimal>& d) { return d ? d->to_fixed(2) : "—"; }

std::string delta(const std::optional<Decimal>& a, const std::optional<Decimal>& b) {
    if (!a || !b) return "";
    Decimal d = *b - *a;
    if (d.is_zero()) return "0.00";
    return (d.is_negative() ? "−" : "+") + (d.is_negative() ? -d : d).to_fixed(2);
}

std::string pad(const std::string& s, int w) {
    return s + std::string(static_cast<std::size_t>(std::max(0, w - display_width(s))), ' ');
}
std::string lpad(const std::string& s, int w) {
    return std::string(static_cast<std::size_t>(std::max(0, w - display_width(s))), ' ') + s;
}

struct Words {
    bool en;
    const char* t(const char* zh, const char* e) const { return en ? e : zh; }
};

// One line describing a structural change, in the chosen language.
std::string describe(const IndicatorChange& c, const Words& w) {
    using K = IndicatorChange::Kind;
    switch (c.kind) {
        case K::Added:
            return fmt::format(fmt::runtime(w.t("只在 B 中：{}（{} 分）", "only in B: {} ({} points)")), path_text(c.path_b), c.weight_b->to_string());
        case K::Removed:
            return fmt::format(fmt::runtime(w.t("只在 A 中：{}（{} 分）", "only in A: {} ({} points)")), path_text(c.path_a), c.weight_a->to_string());
        case K::Renamed:
            return fmt::format(fmt::runtime(w.t("改名：{} → {}", "renamed: {} → {}")), path_text(c.path_a), path_text(c.path_b));
        case K::Moved:
            return fmt::format(fmt::runtime(w.t("移动：{} → {}", "moved: {} → {}")), path_text(c.path_a), path_text(c.path_b));
        case K::WeightChanged:
            return fmt::format(fmt::runtime(w.t("分值：{} {} → {}", "weight: {} {} → {}")), path_text(c.path_b), c.weight_a->to_string(),
                               c.weight_b->to_string());
        case K::RuleChanged:
            return fmt::format(fmt::runtime(w.t("规则：{}", "rule: {}")), path_text(c.path_b));
        case K::Reordered:
            return fmt::format(fmt::runtime(w.t("顺序：{} 的下级指标", "order: the sub-indicators of {}")),
                               c.path_b.empty() ? std::string(w.t("总分", "the total")) : path_text(c.path_b));
    }
    return "";
}

const char* mark(IndicatorChange::Kind k) {
    using K = IndicatorChange::Kind;
    return k == K::Added ? "+" : k == K::Removed ? "−" : k == K::Renamed ? "↺" : k == K::Moved || k == K::Reordered ? "⇢" : "~";
}

// A department whose total is unknown on a side cannot be compared: "—" → "优" is no change
// of grade. It is counted apart and listed last.
bool comparable(const DepartmentComparison& d) { return d.total_a && d.total_b; }

std::vector<const DepartmentComparison*> by_change(const std::vector<DepartmentComparison>& ds) {
    std::vector<const DepartmentComparison*> v;
    for (const auto& d : ds) v.push_back(&d);
    std::stable_sort(v.begin(), v.end(), [](const DepartmentComparison* x, const DepartmentComparison* y) {
        if (comparable(*x) != comparable(*y)) return comparable(*x);
        auto ch = [](const DepartmentComparison* d) { return comparable(*d) ? *d->total_b - *d->total_a : Decimal(); };
        Decimal a = ch(x), b = ch(y);
        Decimal aa = a.is_negative() ? -a : a, bb = b.is_negative() ? -b : b;
        return bb < aa;
    });
    return v;
}

struct Summary {
    int departments = 0, grade_changed = 0, not_comparable = 0;
};

Summary summary(const std::vector<DepartmentComparison>& ds) {
    Summary s;
    for (const auto& d : ds) {
        ++s.departments;
        if (!comparable(d)) ++s.not_comparable;
        else if (d.grade_a != d.grade_b) ++s.grade_changed;
    }
    return s;
}

// "3 个部门中 1 个等级改变；1 个无法比较（一侧总分未知），未计入"
std::string summary_line(const Summary& s, const Words& w) {
    std::string out = w.en ? fmt::format("{} of {} departments change grade", s.grade_changed, s.departments)
                           : fmt::format("{} 个部门中 {} 个等级改变", s.departments, s.grade_changed);
    if (s.not_comparable)
        out += fmt::format(fmt::runtime(w.t("；{} 个无法比较（一侧总分未知），未计入", "; {} cannot be compared (a total is unknown) and are not counted")),
                           s.not_comparable);
    return out;
}

std::string grade(const std::string& g) { return g.empty() ? "—" : g; }

// One department's changed indicators with their causes, then its totals and grades.
std::string department_scores(const DepartmentComparison& c, const Words& w) {
    std::string out = fmt::format(fmt::runtime(w.t("\n得分：{}\n", "\nScores: {}\n")),
                                  c.department.empty() ? w.t("（部门）", "(department)") : c.department);
    int width = display_width(w.t("指标", "Indicator"));
    for (const auto& x : c.indicators) width = std::max(width, display_width(path_text(x.path_b.empty() ? x.path_a : x.path_b)));
    out += fmt::format("  {}  {}  {}  {}  {}\n", pad(w.t("指标", "Indicator"), width), lpad("A", 7), lpad("B", 7), lpad(w.t("变化", "Change"), 7),
                       w.t("原因", "Cause"));
    for (const auto& x : c.indicators)
        out += fmt::format("  {}  {}  {}  {}  {}\n", pad(path_text(x.path_b.empty() ? x.path_a : x.path_b), width), lpad(num(x.score_a), 7),
                           lpad(num(x.score_b), 7), lpad(delta(x.score_a, x.score_b), 7), w.en ? x.cause_en : x.cause_zh);
    out += fmt::format("  {}  {}  {}  {}\n", pad(w.t("总分", "Total"), width), lpad(num(c.total_a), 7), lpad(num(c.total_b), 7),
                       lpad(delta(c.total_a, c.total_b), 7));
    out += fmt::format("  {}  {}  {}\n", pad(w.t("等级", "Grade"), width), lpad(grade(c.grade_a), 7), lpad(grade(c.grade_b), 7));
    return out;
}

std::string table(const RulesetDiff& d, const std::vector<DepartmentComparison>& ds, const Words& w) {
    std::string out = fmt::format(fmt::runtime(w.t("A：{}\nB：{}\n\n结构\n", "A: {}\nB: {}\n\nStructure\n")), d.title_a, d.title_b);
    if (d.indicators.empty()) out += w.t("  两者的指标体系相同\n", "  the indicator trees are the same\n");
    for (const auto& c : d.indicators) {
        out += fmt::format("  {} {}\n", mark(c.kind), describe(c, w));
        if (c.kind == IndicatorChange::Kind::RuleChanged) {
            out += fmt::format("      A：{}\n      B：{}\n", c.rule_a, c.rule_b);
            for (const auto& det : w.en ? c.details_en : c.details_zh) out += "      " + det + "\n";
        }
        if (c.kind == IndicatorChange::Kind::Reordered)
            for (const auto& det : w.en ? c.details_en : c.details_zh) out += "      " + det + "\n";
    }
    const auto& decl = w.en ? d.declarations_en : d.declarations_zh;
    if (!decl.empty()) {
        out += w.t("\n声明\n", "\nDeclarations\n");
        for (const auto& x : decl) out += "  ~ " + x + "\n";
    }
    out += fmt::format(fmt::runtime(w.t("\n未变：{} 个指标两边相同", "\nUnchanged: {} indicators are the same in both")), d.unchanged.size());
    if (!d.unchanged.empty()) {
        std::vector<std::string> tops;
        for (const auto& p : d.unchanged)
            if (std::find(tops.begin(), tops.end(), p.front()) == tops.end()) tops.push_back(p.front());
        out += fmt::format(fmt::runtime(w.t("（{}）", " ({})")), path_text(tops, w.en ? ", " : "、"));
    }
    out += "\n";
    if (ds.size() == 1) out += department_scores(ds.front(), w);
    if (ds.size() > 1) {
        out += fmt::format(fmt::runtime(w.t("\n{} 个部门（按变化排序）\n", "\n{} departments (by change)\n")), ds.size());
        int width = display_width(w.t("部门", "Department"));
        for (const auto& c : ds) width = std::max(width, display_width(c.department));
        out += fmt::format("  {}  {}  {}  {}  {}  {}\n", pad(w.t("部门", "Department"), width), lpad("A", 7), lpad("B", 7),
                           lpad(w.t("变化", "Change"), 7), w.t("等级A", "Grade A"), w.t("等级B", "Grade B"));
        for (const auto* c : by_change(ds))
            out += fmt::format("  {}  {}  {}  {}  {}  {}\n", pad(c->department, width), lpad(num(c->total_a), 7), lpad(num(c->total_b), 7),
                               lpad(delta(c->total_a, c->total_b), 7), pad(grade(c->grade_a), display_width(w.t("等级A", "Grade A"))),
                               grade(c->grade_b));
        out += "\n" + summary_line(summary(ds), w) + "\n";
        // Then why, department by department, for those with a changed indicator.
        for (const auto* c : by_change(ds))
            if (!c->indicators.empty()) out += department_scores(*c, w);
    }
    return out;
}

std::string q(const std::string& s) {
    std::string o = "\"";
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') o += '\\', o += static_cast<char>(c);
        else if (c == '\n') o += "\\n";
        else if (c < 0x20) o += fmt::format("\\u{:04x}", c);
        else o += static_cast<char>(c);
    }
    return o + "\"";
}

std::string jpath(const std::vector<std::string>& p) {
    std::string o = "[";
    for (std::size_t i = 0; i < p.size(); ++i) o += (i ? ", " : "") + q(p[i]);
    return o + "]";
}

std::string jnum(const std::optional<Decimal>& d) { return d ? d->to_fixed(2) : "null"; }

std::string json(const RulesetDiff& d, const std::vector<DepartmentComparison>& ds) {
    static const char* kinds[] = {"added", "removed", "renamed", "moved", "weight", "rule", "order"};
    std::string out = fmt::format("{{\n  \"a\": {},\n  \"b\": {},\n  \"changes\": [\n", q(d.title_a), q(d.title_b));
    for (std::size_t i = 0; i < d.indicators.size(); ++i) {
        const auto& c = d.indicators[i];
        std::string det = "[";
        for (std::size_t k = 0; k < c.details_zh.size(); ++k) det += (k ? ", " : "") + q(c.details_zh[k]);
        out += fmt::format("    {{\"kind\": \"{}\", \"path_a\": {}, \"path_b\": {}, \"weight_a\": {}, \"weight_b\": {}, \"rule_a\": {}, "
                           "\"rule_b\": {}, \"tiers\": {}]}}{}\n",
                           kinds[static_cast<int>(c.kind)], jpath(c.path_a), jpath(c.path_b), jnum(c.weight_a), jnum(c.weight_b),
                           q(c.rule_a), q(c.rule_b), det, i + 1 < d.indicators.size() ? "," : "");
    }
    out += "  ],\n  \"declarations\": [";
    for (std::size_t i = 0; i < d.declarations_zh.size(); ++i) out += (i ? ", " : "") + q(d.declarations_zh[i]);
    out += "],\n  \"unchanged\": [";
    for (std::size_t i = 0; i < d.unchanged.size(); ++i) out += (i ? ", " : "") + jpath(d.unchanged[i]);
    out += "],\n  \"departments\": [\n";
    for (std::size_t i = 0; i < ds.size(); ++i) {
        const auto& c = ds[i];
        out += fmt::format("    {{\"department\": {}, \"total_a\": {}, \"total_b\": {}, \"grade_a\": {}, \"grade_b\": {}, \"comparable\": {}, "
                           "\"indicators\": [",
                           q(c.department), jnum(c.total_a), jnum(c.total_b), q(c.grade_a), q(c.grade_b), comparable(c) ? "true" : "false");
        for (std::size_t k = 0; k < c.indicators.size(); ++k) {
            const auto& x = c.indicators[k];
            out += fmt::format("{}{{\"path_a\": {}, \"path_b\": {}, \"score_a\": {}, \"score_b\": {}, \"cause\": {}, \"cause_en\": {}}}",
                               k ? ", " : "", jpath(x.path_a), jpath(x.path_b), jnum(x.score_a), jnum(x.score_b), q(x.cause_zh),
                               q(x.cause_en));
        }
        out += fmt::format("]}}{}\n", i + 1 < ds.size() ? "," : "");
    }
    out += "  ]";
    if (!ds.empty()) {
        // Departments whose total is unknown on a side are not_comparable, never grade_changed.
        Summary s = summary(ds);
        out += fmt::format(",\n  \"summary\": {{\"departments\": {}, \"grade_changed\": {}, \"not_comparable\": {}}}", s.departments,
                           s.grade_changed, s.not_comparable);
    }
    return out + "\n}\n";
}

std::string md_cell(const std::string& s) {
    std::string o;
    for (char c : s) o += c == '|' ? std::string("\\|") : std::string(1, c);
    return o;
}

std::string markdown(const RulesetDiff& d, const std::vector<DepartmentComparison>& ds, const Words& w) {
    std::string out = fmt::format(fmt::runtime(w.t("# 比较\n\n- A：{}\n- B：{}\n\n## 结构\n\n| | 变化 | A | B |\n|---|---|---|---|\n",
                                                   "# Comparison\n\n- A: {}\n- B: {}\n\n## Structure\n\n| | change | A | B |\n|---|---|---|---|\n")),
                                  d.title_a, d.title_b);
    for (const auto& c : d.indicators) {
        std::string a = c.kind == IndicatorChange::Kind::RuleChanged ? c.rule_a : num(c.weight_a);
        std::string b = c.kind == IndicatorChange::Kind::RuleChanged ? c.rule_b : num(c.weight_b);
        out += fmt::format("| {} | {} | {} | {} |\n", mark(c.kind), md_cell(describe(c, w)), md_cell(a), md_cell(b));
        for (const auto& det : w.en ? c.details_en : c.details_zh) out += fmt::format("| | {} | | |\n", md_cell(det));
    }
    for (const auto& x : w.en ? d.declarations_en : d.declarations_zh) out += fmt::format("| ~ | {} | | |\n", md_cell(x));
    out += fmt::format(fmt::runtime(w.t("\n{} 个指标两边相同。\n", "\n{} indicators are the same in both.\n")), d.unchanged.size());
    if (!ds.empty()) {
        out += w.t("\n## 得分\n\n| 部门 | A | B | 变化 | 等级 A | 等级 B |\n|---|---:|---:|---:|---|---|\n",
                   "\n## Scores\n\n| department | A | B | change | grade A | grade B |\n|---|---:|---:|---:|---|---|\n");
        for (const auto* c : by_change(ds))
            out += fmt::format("| {} | {} | {} | {} | {} | {} |\n", md_cell(c->department), num(c->total_a), num(c->total_b),
                               delta(c->total_a, c->total_b), grade(c->grade_a), grade(c->grade_b));
        if (ds.size() > 1) out += "\n" + summary_line(summary(ds), w) + "\n";
        // Each department's changed indicators, and why.
        for (const auto* c : by_change(ds)) {
            if (c->indicators.empty()) continue;
            if (ds.size() > 1) out += fmt::format("\n### {}\n", c->department);
            out += w.t("\n| 指标 | A | B | 原因 |\n|---|---:|---:|---|\n", "\n| indicator | A | B | cause |\n|---|---:|---:|---|\n");
            for (const auto& x : c->indicators)
                out += fmt::format("| {} | {} | {} | {} |\n", md_cell(path_text(x.path_b.empty() ? x.path_a : x.path_b)), num(x.score_a),
                                   num(x.score_b), md_cell(w.en ? x.cause_en : x.cause_zh));
        }
    }
    return out;
}


std::string tree_html(const std::vector<DiffTreeRow>& rows) {
    std::string out = "<table class=\"tree\">";
    for (const auto& r : rows)
        out += fmt::format("<tr class=\"{}\"><td style=\"padding-left:{}em\">{}</td><td class=\"n\">{}</td></tr>", r.status,
                           (r.path.size() - 1) * 1.5, html_escape(r.path.back()), r.weight.to_fixed(2));
    return out + "</table>";
}

std::string html(const RulesetDiff& d, const std::vector<DepartmentComparison>& ds, const Words& w) {
    std::string out = R"(<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>)" + html_escape(w.t("规则集比较", "Ruleset comparison")) +
                      R"(</title><style>
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC",sans-serif;margin:2em;color:#222}
.cols{display:flex;gap:2em}.cols>div{flex:1}table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #ddd;padding:.25em .5em;text-align:left}
.n{text-align:right;font-variant-numeric:tabular-nums}.removed{background:#fde2e1}.added{background:#dff5e1}.changed{background:#fff4cc}
.renamed,.moved{background:#e3ecfb}.legend span{padding:.1em .6em;margin-right:.5em}.up{color:#1a7f37}.down{color:#b42318}
@media print{@page{size:A4 landscape;margin:12mm}}</style></head><body>)";
    out += fmt::format("<h1>{}</h1>", html_escape(w.t("规则集比较", "Ruleset comparison")));
    out += fmt::format("<p class=\"legend\"><span class=\"removed\">{}</span><span class=\"added\">{}</span><span class=\"changed\">{}</span><span class=\"renamed\">{}</span></p>",
                       html_escape(w.t("只在 A 中", "only in A")), html_escape(w.t("只在 B 中", "only in B")), html_escape(w.t("分值或规则改变", "weight or rule changed")),
                       html_escape(w.t("改名或移动", "renamed or moved")));
    out += fmt::format("<div class=\"cols\"><div><h2>A：{}</h2>{}</div><div><h2>B：{}</h2>{}</div></div>", html_escape(d.title_a), tree_html(d.tree_a),
                       html_escape(d.title_b), tree_html(d.tree_b));
    out += fmt::format("<h2>{}</h2><ul>", html_escape(w.t("变化", "Changes")));
    for (const auto& c : d.indicators) {
        out += "<li>" + html_escape(describe(c, w));
        if (c.kind == IndicatorChange::Kind::RuleChanged) {
            out += fmt::format("<br><small>A：{}<br>B：{}</small>", html_escape(c.rule_a), html_escape(c.rule_b));
            for (const auto& det : w.en ? c.details_en : c.details_zh) out += "<br><small>" + html_escape(det) + "</small>";
        }
        if (c.kind == IndicatorChange::Kind::Reordered)
            for (const auto& det : w.en ? c.details_en : c.details_zh) out += "<br><small>" + html_escape(det) + "</small>";
        out += "</li>";
    }
    for (const auto& x : w.en ? d.declarations_en : d.declarations_zh) out += "<li>" + html_escape(x) + "</li>";
    out += "</ul>";
    if (!ds.empty()) {
        out += fmt::format("<h2>{}</h2><table><tr><th>{}</th><th class=\"n\">A</th><th class=\"n\">B</th><th class=\"n\">{}</th><th>{}</th><th>{}</th></tr>",
                           html_escape(w.t("得分", "Scores")), html_escape(w.t("部门", "Department")), html_escape(w.t("变化", "Change")), html_escape(w.t("等级 A", "Grade A")),
                           html_escape(w.t("等级 B", "Grade B")));
        for (const auto* c : by_change(ds)) {
            std::string dl = delta(c->total_a, c->total_b);
            out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n {}\">{}</td><td>{}</td><td>{}</td></tr>",
                               html_escape(c->department), num(c->total_a), num(c->total_b), dl.rfind("+", 0) == 0 ? "up" : "down", dl,
                               html_escape(grade(c->grade_a)), html_escape(grade(c->grade_b)));
        }
        out += "</table>";
        if (ds.size() > 1) out += "<p>" + html_escape(summary_line(summary(ds), w)) + "</p>";
        // Each department's changed indicators, and why; folded when there are several.
        for (const auto* c : by_change(ds)) {
            if (c->indicators.empty()) continue;
            out += ds.size() > 1 ? fmt::format("<details><summary>{}</summary>", html_escape(c->department)) : std::string();
            out += fmt::format("<table class=\"causes\"><tr><th>{}</th><th class=\"n\">A</th><th class=\"n\">B</th><th>{}</th></tr>",
                               html_escape(w.t("指标", "Indicator")), html_escape(w.t("原因", "Cause")));
            for (const auto& x : c->indicators)
                out += fmt::format("<tr><td>{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td>{}</td></tr>",
                                   html_escape(path_text(x.path_b.empty() ? x.path_a : x.path_b)), num(x.score_a), num(x.score_b),
                                   html_escape(w.en ? x.cause_en : x.cause_zh));
            out += "</table>";
            if (ds.size() > 1) out += "</details>";
        }
    }
    return out + "</body></html>\n";
}

}  // namespace

std::string diff_as_text(const RulesetDiff& diff, const std::vector<DepartmentComparison>& ds, DiffFormat format, Language lang) {
    Words w{lang == Language::English};
    switch (format) {
        case DiffFormat::Table: return table(diff, ds, w);
        case DiffFormat::Json: return json(diff, ds);
        case DiffFormat::Markdown: return markdown(diff, ds, w);
        case DiffFormat::Html: return html(diff, ds, w);
    }
    return "";
}

}  // namespace pingfen
