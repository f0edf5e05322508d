// pingfen test --generate: boundary tests for the author to confirm. Each case changes the data
// of the file's first test (one input, or a goal table) to sit on a bound of a rule, or just on
// either side of it, at the input's precision; the test states the score pingfen computes and
// quotes the rule it exercises. The cases are written as 测试 blocks first and compiled with the
// ruleset, so that what is printed is exactly what was scored.
#include <algorithm>
#include <fmt/format.h>
#include <functional>
#include <set>

#include "calendar/date.hpp"
#include "api/guard.hpp"
#include "api/run_test.hpp"
#include "diag/diag.hpp"
#include "eval/explain.hpp"
#include "pingfen/testing.hpp"
#include "sema/ruleset.hpp"
#include "testing/outcomes.hpp"
#include "testing/solve.hpp"

namespace pingfen {

namespace {

using ast::Expr;
using ast::Indicator;
using ast::Scoring;
using testing::Changes;
using testing::Solver;

struct Case {
    std::string title;
    std::vector<std::string> quotes;  // "file:line：rule text"
    std::vector<std::pair<std::string, std::string>> given;  // name, value as written
    const ast::Indicator* indicator = nullptr;
    const ast::Indicator* also = nullptr;  // a leaf that takes the points moved by a 不适用 case
};

std::string trimmed(std::string_view s) {
    auto a = s.find_first_not_of(" \t");
    if (a == std::string_view::npos) return "";
    auto b = s.find_last_not_of(" \t\r");
    return std::string(s.substr(a, b - a + 1));
}

std::string quote_of(const Loc& loc, bool en) {
    if (!loc.file) return "";
    return fmt::format(fmt::runtime(en ? "{}:{}: {}" : "{}:{}：{}"), loc.file->path, loc.line, trimmed(loc.file->line(loc.line)));
}

// An indicator path as a test writes it: names that are not plain words quoted.
std::string path_text(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& name : path) {
        bool plain = !name.empty();
        for (char32_t c : utf8_decode(name))
            plain = plain && ((c >= 0x4E00 && c <= 0x9FFF) || (c < 0x80 && (std::isalnum(static_cast<int>(c)) || c == '_')));
        if (!out.empty()) out += ".";
        out += plain ? name : fmt::format("\"{}\"", name);
    }
    return out;
}

// A date is given as the language writes it (2023-04-28), never as its day number.
std::string value_text(const ast::InputDecl& in, const Decimal& v) {
    if (in.type == ast::ValueType::Date) return calendar::date_text(v.to_int64().value_or(0), true);
    return in.type == ast::ValueType::Percent ? v.to_percent_exact() : v.to_string();
}

std::string shown(const Decimal& v, ast::ValueType type) {
    if (type == ast::ValueType::Date) return calendar::date_text(v.to_int64().value_or(0), false);
    return type == ast::ValueType::Percent ? v.to_percent_exact() : v.to_string();
}

// The grid point at or below `x`, and the one at or above, at step `p`.
Decimal grid_floor(const Decimal& x, const Decimal& p) { return (x / p).floor() * p; }
Decimal grid_ceil(const Decimal& x, const Decimal& p) { return (x / p).ceil() * p; }

class Generator {
public:
    Generator(const Ruleset& r, const DepartmentData& base, Language lang) : r_(r), solver_(r, base), base_(base), en_(lang == Language::English) {}

    std::vector<Case> of(const ast::Indicator& ind) {
        ind_ = &ind;
        cases_.clear();
        seen_.clear();
        if (ind.scoring) rule(*ind.scoring, r_.sheet_weights[static_cast<std::size_t>(ind.index)]);
        for (const auto& l : ind.locals) comparisons(*l.value, {l.loc});
        not_applicable(ind);
        return std::move(cases_);
    }

private:
    const char* t(const char* zh, const char* en) const { return en_ ? en : zh; }

    // 不适用 conditions of the leaf or of a part of its 分项: the cases either side of each, with
    // the leaf the points move to checked too (the leaf itself then shows 0 or its other parts).
    void not_applicable(const Indicator& node) {
        for (const auto& na : node.not_applicable) {
            also_ = na.move && na.target ? leaf_of(*na.target) : nullptr;
            comparisons(*na.condition, {na.loc});
            also_ = nullptr;
        }
        if (node.scoring && node.scoring->kind == Scoring::Kind::Parts)
            for (const auto& p : node.scoring->parts) not_applicable(*p);
    }
    const Indicator* leaf_of(const Indicator& target) const {
        if (target.role != Indicator::Role::Part || target.part_index < 0) return &target;
        return r_.leaf_of_part[static_cast<std::size_t>(target.part_index)];
    }

    void add(std::string title, std::vector<Loc> where, std::vector<std::pair<std::string, std::string>> given) {
        std::string key;
        for (const auto& [n, v] : given) key += n + "=" + v + ";";
        if (!seen_.insert(key).second) return;
        for (const auto& x : extra_)
            if (std::none_of(given.begin(), given.end(), [&](const auto& g) { return g.first == x.first; })) given.push_back(x);
        Case c;
        c.title = fmt::format(fmt::runtime(en_ ? "{}: {}" : "{}：{}"), ind_->name, title);
        for (const auto& l : where) c.quotes.push_back(quote_of(l, en_));
        c.given = std::move(given);
        c.indicator = ind_;
        c.also = also_ == ind_ ? nullptr : also_;
        cases_.push_back(std::move(c));
    }

    std::vector<std::pair<std::string, std::string>> given_of(const Changes& ch) const {
        std::vector<std::pair<std::string, std::string>> out;
        for (const auto& [slot, v] : ch) {
            const ast::InputDecl* in = solver_.input(slot);
            out.push_back({in->name, value_text(*in, v)});
        }
        return out;
    }

    // At `target` of `subject`, and the nearest values either side at the input's precision.
    // `label`, when given, names the case on the target instead of "恰为 …".
    void around(const Expr& subject, const Decimal& target, const std::vector<Loc>& where, bool with_sides = true,
                const std::string& label = "") {
        std::string name = explain::formula(subject, en_ ? Language::English : Language::Chinese);
        std::string b = shown(target, subject.type);
        int slot = -1;
        auto solved = solver_.solve(subject, target, &slot);
        if (!solved) {
            not_solved(subject, b, where);
            return;
        }
        const ast::InputDecl& in = *solver_.input(slot);
        const Decimal x = solved->at(slot);
        auto at = solver_.value(subject, *solved);
        if (solver_.allowed(in, x) && at && *at == target)
            add(label.empty() ? fmt::format(fmt::runtime(t("{} 恰为 {}", "{} exactly {}")), name, b) : label, where, given_of(*solved));
        if (!with_sides) return;
        const Decimal p = Solver::precision(in);
        Decimal lo = grid_floor(x, p), hi = grid_ceil(x, p);
        if (lo == x) lo = x - p;
        if (hi == x) hi = x + p;
        for (const Decimal& v : {lo, hi}) {
            if (!solver_.allowed(in, v)) continue;
            Changes c = *solved;
            c[slot] = v;
            auto s = solver_.value(subject, c);
            if (!s) continue;
            const bool above = target < *s;
            // A date a day either side: 报送日期 晚一天 (2023年4月29日), as an assessor says it.
            const std::string side = subject.type == ast::ValueType::Date
                                         ? (above ? t("{} 比 {} 晚一天", "{} a day after {}") : t("{} 比 {} 早一天", "{} a day before {}"))
                                         : (above ? t("{} 略高于 {}", "{} just above {}") : t("{} 略低于 {}", "{} just below {}"));
            add(fmt::format(fmt::runtime(side), name, b), where, given_of(c));
        }
    }

    // W0901: a bound no case could be written for, said once per place, so that the author knows
    // which bounds the generated tests leave to them.
    void not_solved(const Expr& subject, const std::string& bound, const std::vector<Loc>& where) {
        if (where.empty() || !where.front().file) return;
        const Loc& loc = where.front();
        if (!warned_.insert(fmt::format("{}:{}:{}:{}", loc.file->path, loc.line, loc.column, bound)).second) return;
        const std::string zh = explain::formula(subject, Language::Chinese), en = explain::formula(subject, Language::English);
        warnings_.warning("W0901", loc,
                          fmt::format("边界 {} 没有生成测试：`{}` 不是由某一项输入经加减乘除算出的，无法反推出使它恰为 {} 的数据", bound, zh, bound),
                          fmt::format("no test generated for the bound {}: `{}` is not computed from one input by + − × ÷, so no data "
                                      "putting it exactly on {} can be worked out",
                                      bound, en, bound));
    }

public:
    std::vector<Diagnostic> warnings() { return warnings_.take(); }

private:
    // Comparisons with a number anywhere in `e` (若 conditions, a 若 inside an amount): their bounds.
    void comparisons(const Expr& e, const std::vector<Loc>& where) {
        if (e.kind == Expr::Kind::Binary && (e.op == ast::BinaryOp::Lt || e.op == ast::BinaryOp::Le || e.op == ast::BinaryOp::Gt ||
                                              e.op == ast::BinaryOp::Ge || e.op == ast::BinaryOp::Eq)) {
            const Expr& a = *e.args[0];
            const Expr& b = *e.args[1];
            if (b.kind == Expr::Kind::Number && a.kind != Expr::Kind::Number) around(a, b.number, where);
            else if (a.kind == Expr::Kind::Number && b.kind != Expr::Kind::Number) around(b, a.number, where);
            else if (auto other = solver_.value(b, {})) around(a, *other, where);  // two data compared: the left on the right's value
        }
        // A yes/no input read here: the case with it the other way.
        if (e.kind == Expr::Kind::Name) {
            const ast::InputDecl* in = solver_.input(e.slot);
            if (in && in->type == ast::ValueType::Bool) {
                const auto* f = base_.find(in->name);
                const bool now = f && f->value.kind == ast::DataValue::Kind::Bool && f->value.boolean;
                add(fmt::format(fmt::runtime(t("{} 为{}", "{} is {}")), in->name, now ? t("否", "no") : t("是", "yes")), where,
                    {{in->name, now ? "否" : "是"}});
            }
        }
        for (const auto& a : e.args) comparisons(*a, where);
    }

    void rule(const Scoring& s, const Decimal& points) {
        switch (s.kind) {
            case Scoring::Kind::Full:
            case Scoring::Kind::Zero: break;
            case Scoring::Kind::Score: comparisons(*s.value, {s.loc}); break;
            case Scoring::Kind::If: {
                comparisons(*s.value, {s.loc});
                // A branch under a yes/no datum (若 合同按时备案 则 … 否则 酌情得 …): its cases set the datum.
                const Expr* c = s.value.get();
                const bool negated = c->kind == Expr::Kind::Not;
                if (negated) c = c->args[0].get();
                const ast::InputDecl* in = c->kind == Expr::Kind::Name ? solver_.input(c->slot) : nullptr;
                const bool flag = in && in->type == ast::ValueType::Bool;
                for (int branch : {0, 1}) {
                    const auto saved = extra_;
                    if (flag) extra_.push_back({in->name, (branch == 0) != negated ? "是" : "否"});
                    rule(branch == 0 ? *s.then_ : *s.else_, points);
                    extra_ = saved;
                }
                break;
            }
            case Scoring::Kind::Tiers: {
                comparisons(*s.value, {s.loc});
                for (const Decimal& b : bounds(s)) around(*s.value, b, tier_locs(s, b));
                for (const auto& tier : s.tiers) rule(*tier.result, points);
                break;
            }
            case Scoring::Kind::Completion: goals(s, points); break;
            case Scoring::Kind::Step: steps(s, points); break;
            case Scoring::Kind::Proportion: {
                if (auto cap = testing::literal(s.cap.get(), points)) around(*s.value, *cap, {s.loc});
                break;
            }
            case Scoring::Kind::Deductions: deductions(s, points); break;
            case Scoring::Kind::Parts:
                for (const auto& p : s.parts) rule(*p->scoring, p->share_is_percent ? points * p->share : p->share);
                break;
            case Scoring::Kind::Discretion: {
                if (s.value->kind != Expr::Kind::Name) break;
                const ast::InputDecl* in = solver_.input(s.value->slot);
                if (!in) break;
                const auto& r = *s.range;
                std::string reason = s.reason && s.reason->kind == Expr::Kind::Name ? s.reason->text : "";
                auto with_reason = [&](std::vector<std::pair<std::string, std::string>> g) {
                    if (!reason.empty()) g.push_back({reason, "\"生成的测试：评价人的理由\""});
                    // 按 财务核查 扣分: the points and the reason are one datum.
                    if (in->type == ast::ValueType::Finding)
                        for (auto& [name, value] : g) value = fmt::format("{{ 扣分: {}, 理由: \"生成的测试：评价人的理由\" }}", value);
                    return g;
                };
                auto lo = testing::literal(r.low.get(), points), hi = testing::literal(r.high.get(), points);
                if (lo && r.low_closed)
                    add(fmt::format(fmt::runtime(t("{} 取下限 {}", "{} at the lower bound {}")), in->name, lo->to_string()), {r.loc},
                        with_reason({{in->name, lo->to_string()}}));
                if (hi && r.high_closed)
                    add(fmt::format(fmt::runtime(t("{} 取上限 {}", "{} at the upper bound {}")), in->name, hi->to_string()), {r.loc},
                        with_reason({{in->name, hi->to_string()}}));
                if (lo && hi) {
                    Decimal mid = ((*lo + *hi) / Decimal::from_int(2)).round_half_up(2);
                    add(fmt::format(fmt::runtime(t("{} 取区间内的 {}", "{} inside, at {}")), in->name, mid.to_string()), {r.loc},
                        with_reason({{in->name, mid.to_string()}}));
                }
                break;
            }
        }
    }

    static std::vector<Decimal> bounds(const Scoring& s) {
        std::vector<Decimal> out;
        auto keep = [&](const ast::ExprPtr& e) {
            if (!e || e->kind != Expr::Kind::Number) return;
            if (std::find(out.begin(), out.end(), e->number) == out.end()) out.push_back(e->number);
        };
        for (const auto& tier : s.tiers)
            if (tier.bound) {
                keep(tier.bound->low);
                keep(tier.bound->high);
            }
        std::sort(out.begin(), out.end(), [](const Decimal& a, const Decimal& b) { return a < b; });
        return out;
    }

    // The tiers a bound separates.
    static std::vector<Loc> tier_locs(const Scoring& s, const Decimal& b) {
        std::vector<Loc> out;
        for (const auto& tier : s.tiers)
            if (tier.bound && ((tier.bound->low && tier.bound->low->kind == Expr::Kind::Number && tier.bound->low->number == b) ||
                               (tier.bound->high && tier.bound->high->kind == Expr::Kind::Number && tier.bound->high->number == b)))
                out.push_back(tier.loc);
        return out;
    }

    // 每增加 N 扣 M 分: at the base, at each whole step until the points are gone, and just past
    // the base and each step (a partial step).
    void steps(const Scoring& s, const Decimal& points) {
        auto step = testing::literal(s.step.get(), points), per = testing::literal(s.amount.get(), points);
        Decimal base = s.base ? testing::literal(s.base.get(), points).value_or(Decimal()) : Decimal();
        if (!step || !per || per->is_zero()) return;
        const Decimal eps = s.value->type == ast::ValueType::Percent ? *Decimal::parse("0.0001") : *Decimal::parse("0.01");
        const auto k_max = std::min<std::int64_t>((points / *per).ceil().to_int64().value_or(10), 10);
        const std::string name = explain::formula(*s.value, en_ ? Language::English : Language::Chinese);
        const std::string partial = s.partial_step_counts ? t("不足一档按一档计", "a partial step counts") : t("不足一档不计", "a partial step does not count");
        around(*s.value, base, {s.loc}, false, fmt::format(fmt::runtime(t("{} 恰为 {}，不扣分", "{} exactly {}, nothing deducted")), name, shown(base, s.value->type)));
        for (std::int64_t k = 0; k <= k_max; ++k) {
            const Decimal at = base + *step * Decimal::from_int(k);
            if (k > 0)
                around(*s.value, at, {s.loc}, false,
                       fmt::format(fmt::runtime(t("{} 为 {}，整 {} 档", "{} at {}, {} whole steps")), name, shown(at, s.value->type), k));
            if (k < k_max)
                around(*s.value, at + eps, {s.loc}, false,
                       fmt::format(fmt::runtime(t("{} 为 {}，{} 档多一点（{}）", "{} at {}, just past {} steps ({})")), name,
                                   shown(at + eps, s.value->type), k, partial));
        }
    }

    // 扣分 items: each alone, once; each enough times to take all the points (扣完为止).
    void deductions(const Scoring& s, const Decimal& points) {
        for (const auto& d : s.deductions) {
            if (d.kind == ast::Deduction::Kind::Conditional) {
                comparisons(*d.amount, {d.loc});
                comparisons(*d.subject, {d.loc});
                continue;
            }
            const ast::InputDecl* in = d.subject->kind == Expr::Kind::Name ? solver_.input(d.subject->slot) : nullptr;
            if (!in) {
                comparisons(*d.amount, {d.loc});
                continue;
            }
            // A bound inside the amount (扣 (若 应评估项目数 > 3 则 0.5 否则 1) 分) shows only when one item is deducted.
            const auto saved = extra_;
            extra_.push_back({in->name, "1"});
            comparisons(*d.amount, {d.loc});
            extra_ = saved;
            add(fmt::format(fmt::runtime(t("{} 为 1", "{} is 1")), in->name), {d.loc}, {{in->name, "1"}});
            auto per = testing::literal(d.amount.get(), points);
            if (!per) per = solver_.value(*d.amount, {});
            if (per && !per->is_zero() && !per->is_negative()) {
                Decimal n = (points / *per).ceil();
                if (Decimal::from_int(1) < n)
                    add(fmt::format(fmt::runtime(t("{} 为 {}（扣完为止）", "{} is {} (down to 0)")), in->name, n.to_string()), {d.loc, floor_line(s)},
                        {{in->name, n.to_string()}});
            }
        }
    }

    // The line of a 扣分 block that says 扣完为止 (its closing line), else the block's first.
    static Loc floor_line(const Scoring& s) {
        Loc l = s.loc;
        for (int line = s.loc.line; s.loc.file && line <= s.loc.file->line_count() && line < s.loc.line + 40; ++line)
            if (s.loc.file->line(line).find("扣完为止") != std::string_view::npos) {
                l.line = line;
                return l;
            }
        return l;
    }

    // A goal table of one row at completion rates on and around each band bound (60%, 100%,
    // 150% in the bundled systems), and one row per qualitative band.
    void goals(const Scoring& s, const Decimal& points) {
        if (s.value->kind != Expr::Kind::Name) return;
        const std::string table = s.value->text;
        std::string weight = !s.split_by_row_weight ? "" : s.row_weight_is_share ? ", 权重: 100%" : fmt::format(", 权重: {}", points.to_string());
        const Decimal hundred = Decimal::from_int(100), eps = *Decimal::parse("0.01");
        for (const Decimal& b : bounds(s)) {
            const Decimal actual = b * hundred;
            for (const Decimal& a : {actual - eps, actual, actual + eps}) {
                if (a.is_negative()) continue;
                std::string rate = (a / hundred).to_percent_exact();
                add(fmt::format(fmt::runtime(t("目标完成率 {}", "completion rate {}")), rate), tier_locs(s, b),
                    {{table, fmt::format("[ {{ 名称: \"完成率 {}\", 目标: 100, 实际: {}{} }} ]", rate, a.to_string(), weight)}});
            }
        }
        for (const auto& band : s.bands) {
            const auto& iv = *band.bound;
            auto lo = testing::literal(iv.low.get(), points), hi = testing::literal(iv.high.get(), points);
            Decimal rate = lo && iv.low_closed ? *lo : lo && hi ? (*lo + *hi) / Decimal::from_int(2) : hi ? *hi : Decimal();
            add(fmt::format(fmt::runtime(t("定性目标评为“{}”，得分率 {}", "qualitative goal judged “{}” at {}")), band.name, rate.to_percent_exact()),
                {band.loc},
                {{table, fmt::format("[ {{ 名称: \"定性目标\", 目标: \"{}\", 实际: \"{}\"{}, 档次: \"{}\", 得分率: {}, 说明: \"生成的测试：评定依据\" }} ]",
                                     band.name, band.name, weight, band.name, rate.to_percent_exact())}});
        }
    }

    const Ruleset& r_;
    Solver solver_;
    const DepartmentData& base_;
    bool en_;
    const ast::Indicator* ind_ = nullptr;
    const ast::Indicator* also_ = nullptr;  // see not_applicable()
    std::vector<Case> cases_;
    std::set<std::string> seen_;
    std::vector<std::pair<std::string, std::string>> extra_;  // given with every case being added
    std::set<std::string> warned_;
    DiagnosticSink warnings_;
};

// A datum as a test block writes it.
std::string data_text(const ast::DataValue& v) {
    switch (v.kind) {
        case ast::DataValue::Kind::Number: return v.percent ? v.number.to_percent_exact() : v.number.to_string();
        case ast::DataValue::Kind::Bool: return v.boolean ? "是" : "否";
        case ast::DataValue::Kind::Text: {
            std::string out = "\"";
            for (char ch : v.text) out += ch == '"' ? std::string("\\\"") : std::string(1, ch);
            return out + "\"";
        }
        case ast::DataValue::Kind::List: {
            std::string out;
            for (const auto& item : v.list) out += (out.empty() ? "" : ", ") + data_text(item);
            return "[" + out + "]";
        }
        case ast::DataValue::Kind::Object: {
            std::string out;
            for (const auto& f : v.fields) out += (out.empty() ? "" : ", ") + f.first + ": " + data_text(f.second);
            return "{ " + out + " }";
        }
    }
    return "";
}

// The base test's own values, with the case's changes over them.
std::vector<std::pair<std::string, std::string>> merged(const std::vector<std::pair<std::string, std::string>>& base,
                                                        const std::vector<std::pair<std::string, std::string>>& change) {
    auto out = base;
    for (const auto& c : change) {
        auto it = std::find_if(out.begin(), out.end(), [&](const auto& e) { return e.first == c.first; });
        if (it != out.end()) it->second = c.second;
        else out.push_back(c);
    }
    return out;
}

std::string block(const Case& c, const std::vector<std::string>& files, const Ruleset& r, const std::string& expected, Language lang,
                  const std::string& also_expected = "0") {
    const bool en = lang == Language::English;
    std::string out;
    for (const auto& q : c.quotes) out += fmt::format(fmt::runtime(en ? "# rule ({})\n" : "# 规则（{}）\n"), q);
    std::string title = c.title;
    std::replace(title.begin(), title.end(), '"', '\'');
    out += fmt::format("测试 \"{}\" {{\n", title);
    for (const auto& f : files) out += fmt::format("  给定 \"{}\"\n", f);
    std::string given;
    for (const auto& [n, v] : c.given) given += fmt::format("{}{} = {}", given.empty() ? "" : "  ", n, v);
    if (!given.empty()) out += fmt::format("  给定 {{ {} }}\n", given);
    out += fmt::format("  期望 {} = {}\n", path_text(r.paths[static_cast<std::size_t>(c.indicator->index)]), expected);
    if (c.also) out += fmt::format("  期望 {} = {}\n", path_text(r.paths[static_cast<std::size_t>(c.also->index)]), also_expected);
    return out + "}\n";
}

const ast::TestCase* base_test(const ast::Module& m) {
    for (const auto& tc : m.tests)
        if (!tc.given_files.empty() && tc.expected_errors.empty()) return &tc;
    for (const auto& tc : m.tests)  // values written in the test alone
        if (tc.expected_errors.empty()) return &tc;
    return nullptr;
}

GeneratedTests generate(const std::string& path, const std::string& which, Language lang) {
    GeneratedTests out;
    CompileResult c = compile_file(path);
    out.diagnostics = c.diagnostics;
    if (!c.ok()) return out;
    const Ruleset& r = *c.ruleset;
    const ast::TestCase* base = base_test(*r.module);
    std::vector<std::string> files;
    DepartmentData data;
    std::vector<std::pair<std::string, std::string>> base_given;
    if (base) {
        for (const auto& [f, loc] : base->given_files) files.push_back(f);
        for (const auto& e : base->given) base_given.push_back({e.name, data_text(e.value)});
        TestOutcome ignored;
        ast::TestCase copy;
        copy.given_files = base->given_files;
        for (const auto& e : base->given) copy.given.push_back(ast::DataEntry{e.name, e.loc, e.value});
        if (auto d = api::test_data(copy, path, lang, ignored)) data = std::move(*d);
    }

    std::vector<const ast::Indicator*> chosen;
    for (const ast::Indicator* ind : r.indicators) {
        if (!ind->scoring) continue;
        const auto& p = r.paths[static_cast<std::size_t>(ind->index)];
        std::string dotted;
        for (const auto& n : p) dotted += (dotted.empty() ? "" : ".") + n;
        if (which == "all" || which == dotted || which == ind->name) chosen.push_back(ind);
    }
    if (chosen.empty()) {
        Diagnostic d;
        d.code = "E0901";
        d.path = path;
        d.message_zh = fmt::format("规则集中没有叶指标 `{}`，无法生成测试（写完整路径如 管理效率.预算执行.结转结余率，或 all）", which);
        d.message_en = fmt::format("the ruleset has no leaf indicator `{}` to generate tests for (give a path such as "
                                   "管理效率.预算执行.结转结余率, or all)", which);
        out.diagnostics.push_back(std::move(d));
        return out;
    }

    Generator g(r, data, lang);
    std::vector<Case> cases;
    for (const auto* ind : chosen)
        for (auto& cs : g.of(*ind)) {
            cs.given = merged(base_given, cs.given);
            cases.push_back(std::move(cs));
        }

    for (auto& w : g.warnings()) out.diagnostics.push_back(std::move(w));

    // Written with a placeholder, compiled with the ruleset and run: the score each states is
    // the one pingfen gives that very text.
    std::string text;
    for (const auto& cs : cases) text += block(cs, files, r, "0", lang) + "\n";
    std::string original(r.module->source->text);
    CompileResult with = compile_source(path, original + "\n" + text);
    if (!with.ok()) {
        for (auto& d : with.diagnostics) out.diagnostics.push_back(d);
        return out;
    }
    const auto& tests = with.ruleset->module->tests;
    const std::size_t first = tests.size() - cases.size();
    const bool en = lang == Language::English;
    out.text = en ? "# Generated by pingfen test --generate: boundary tests stating the scores pingfen computes.\n"
                    "# Check each against the standard before you keep it.\n\n"
                  : "# 由 pingfen test --generate 生成的边界测试，期望的得分是 pingfen 算出的结果。\n"
                    "# 请逐条对照评分标准核对后再保留。\n\n";
    for (std::size_t i = 0; i < cases.size(); ++i) {
        std::optional<ScoreSheet> sheet;
        TestOutcome o = api::run_test_case(*with.ruleset, tests[first + i], path, lang, nullptr, &sheet);
        const ast::Expectation& ex = tests[first + i].expectations.front();
        const auto& expectations = tests[first + i].expectations;
        bool scored = sheet.has_value();
        for (const auto& f : o.failures)  // only the placeholders may fail
            scored = scored && std::any_of(expectations.begin(), expectations.end(), [&](const auto& e) { return f.line == e.loc.line; });
        if (!scored) continue;
        auto score_of = [&](const ast::Expectation& e) -> std::optional<Decimal> {
            const ScoreNode* n = api::find_node(sheet->indicators(), e.path);
            if (!n) n = api::find_node(sheet->adjustments(), e.path);
            return n ? n->score() : std::nullopt;
        };
        std::optional<Decimal> v = score_of(ex);
        if (!v) continue;
        std::optional<Decimal> also = cases[i].also && expectations.size() > 1 ? score_of(expectations[1]) : std::nullopt;
        if (cases[i].also && !also) continue;
        out.text += block(cases[i], files, r, v->to_string(), lang, also ? also->to_string() : "0") + "\n";
        ++out.count;
    }
    if (out.count == 0) out.text.clear();  // nothing to confirm: no heading over nothing
    return out;
}

}  // namespace

GeneratedTests generate_tests(const std::string& path, const std::string& indicator, Language lang) {
    return api::guarded<GeneratedTests>(path, [&] { return generate(path, indicator, lang); });
}

}  // namespace pingfen
