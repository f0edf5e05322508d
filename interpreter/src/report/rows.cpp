#include "report/rows.hpp"

#include <fmt/format.h>

namespace pingfen::report {
namespace {

const char kSep = '\x1f';  // joins path parts into merge keys; never part of a name

std::string join(const std::vector<std::string>& parts, std::size_t from, std::size_t to, const char* sep) {
    std::string out;
    for (std::size_t i = from; i < to && i < parts.size(); ++i) out += (i == from ? "" : sep) + parts[i];
    return out;
}

void leaves(const ScoreNode& n, std::vector<const ScoreNode*>& chain, std::vector<SheetRow>& out) {
    chain.push_back(&n);
    if (!n.is_leaf()) {
        for (const auto& c : n.children()) leaves(c, chain, out);
        chain.pop_back();
        return;
    }
    SheetRow r;
    r.kind = SheetRow::Kind::Leaf;
    r.node = &n;
    // chain[0] is the level-1 indicator, chain.back() the leaf. Levels below the third (written
    // with the generic `指标`) are folded into the 三级指标 cell; the path column keeps them apart.
    const std::size_t depth = chain.size();
    std::vector<std::string> names;
    for (const auto* c : chain) names.push_back(c->name());
    for (std::size_t k = 0; k < 3 && k < depth; ++k) {
        const ScoreNode* owner = chain[k];
        if (k == 2 && depth > 3) {
            r.name[k] = join(names, 2, depth, " › ");
            r.weight[k] = n.weight().to_fixed(2);
        } else {
            r.name[k] = owner->name();
            r.weight[k] = owner->weight().to_fixed(2);
        }
        // Levels 1 and 2 merge over the rows of their group; a leaf's own cell never spans.
        if (k < 2 && k + 1 < depth) r.group[k] = "I" + std::string(1, kSep) + join(names, 0, k + 1, "\x1f");
    }
    r.path = join(names, 0, depth, ".");
    r.score = n.score();
    r.explanation = n.explanation();
    r.standard = n.standard();
    r.basis = n.basis();
    out.push_back(std::move(r));
    chain.pop_back();
}

}  // namespace

std::vector<SheetRow> sheet_rows(const ScoreSheet& s, Language lang) {
    const Words& w = words(lang);
    std::vector<SheetRow> out;
    std::vector<const ScoreNode*> chain;
    for (const auto& n : s.indicators()) leaves(n, chain, out);
    for (const auto& a : s.adjustments()) {
        SheetRow r;
        bool bonus = a.kind() == ScoreNode::Kind::Bonus;
        r.kind = bonus ? SheetRow::Kind::Bonus : SheetRow::Kind::Penalty;
        r.node = &a;
        r.name[0] = bonus ? w.bonus : w.penalty;
        r.group[0] = bonus ? "B" : "P";
        r.name[1] = a.name();
        r.weight[1] = a.weight().to_fixed(2);  // the item's cap (最多 3 分)
        r.path = a.name();                     // as tests in the language name it: 期望 表彰 = 1
        if (a.score()) r.score = bonus || a.score()->is_zero() ? *a.score() : -*a.score();
        r.explanation = a.explanation();
        r.standard = a.standard();
        r.basis = a.basis();
        out.push_back(std::move(r));
    }
    return out;
}

int row_span(const std::vector<SheetRow>& rows, std::size_t i, int level) {
    const std::string& key = rows[i].group[level];
    if (key.empty()) return 1;
    if (i > 0 && rows[i - 1].group[level] == key) return 0;
    int n = 1;
    while (i + static_cast<std::size_t>(n) < rows.size() && rows[i + static_cast<std::size_t>(n)].group[level] == key) ++n;
    return n;
}

std::string signed_fixed(const std::optional<Decimal>& v) {
    if (!v) return "";
    if (v->is_zero()) return Decimal().to_fixed(2);
    return v->to_fixed(2);
}

std::string display_score(const SheetRow& r) {
    if (!r.node || !r.node->score()) return "—";
    switch (r.kind) {
        case SheetRow::Kind::Bonus: return "+" + r.node->score()->to_fixed(2);
        case SheetRow::Kind::Penalty: return "−" + r.node->score()->to_fixed(2);
        default: return r.node->score()->to_fixed(2);
    }
}

const Words& words(Language lang) {
    static const Words zh{"一级指标", "分值", "二级指标", "三级指标", "指标解释", "评分标准", "得分", "评分依据", "路径",
                          "总分",     "评价等级", "加分项", "减分项", "部门", "年度", "规则集", "指标",
                          "评分时的错误与警告"};
    static const Words en{"Level-1 indicator", "Weight", "Level-2 indicator", "Level-3 indicator", "Explanation",
                          "Scoring standard",  "Score",  "Basis",            "Path",              "Total",
                          "Grade",             "Bonus",  "Penalty",          "Department",        "Year",
                          "Ruleset",           "Indicator",         "Errors and warnings while scoring"};
    return lang == Language::English ? en : zh;
}

std::vector<std::string> diagnostic_lines(const ScoreSheet& s, Language lang) {
    const bool en = lang == Language::English;
    std::vector<std::string> out;
    for (const Diagnostic& d : s.diagnostics) {
        const char* kind = d.severity == Severity::Error     ? (en ? "error" : "错误")
                           : d.severity == Severity::Warning ? (en ? "warning" : "警告")
                                                              : (en ? "note" : "注");
        std::string where = d.path;
        if (d.line > 0) where += fmt::format(":{}:{}", d.line, d.column);
        out.push_back(fmt::format("{}[{}] {}{}{}", kind, d.code, where, where.empty() ? "" : (en ? ": " : "："), d.message(lang)));
    }
    return out;
}

std::string sheet_title(const ScoreSheet& s, Language lang) {
    std::string title = s.ruleset;
    if (s.year) title += lang == Language::English ? fmt::format(" ({})", *s.year) : fmt::format("（{} 年度）", *s.year);
    return title;
}

}  // namespace pingfen::report
