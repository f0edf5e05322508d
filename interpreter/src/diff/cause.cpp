#include "diff/cause.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "diff/rule_text.hpp"
#include "eval/explain.hpp"

namespace pingfen::diff {

using eval::Choice;

namespace {

struct Words {
    bool en;
    const char* t(const char* zh, const char* e) const { return en ? e : zh; }
};

// "结余结转率 2.73%" for a name; the formula and its value otherwise.
std::string named_value(const ast::Expr& e, const Decimal& v, Language lang) {
    std::string shown = explain::show_number(v, e.type);
    if (e.kind == ast::Expr::Kind::Name) return e.text + " " + shown;
    return explain::formula(e, lang) + " = " + shown;
}

// A result as written, when it settles the points by itself; a nested rule (tiers inside a
// branch) records its own choice, which follows.
std::string result_text(const ast::Scoring& s, Language lang) {
    using K = ast::Scoring::Kind;
    if (s.kind == K::Full || s.kind == K::Zero || s.kind == K::Score || s.kind == K::Proportion) return scoring_text(s, lang);
    return "";
}

std::string joined(const std::string& a, const std::string& b, const char* sep) {
    return a.empty() ? b : b.empty() ? a : a + sep + b;
}

ChoiceText text_of(const Choice& c, const Ruleset& r, Language lang) {
    const Words w{lang == Language::English};
    const auto f = [&](const ast::Expr& e) { return explain::formula(e, lang); };
    ChoiceText t;
    t.scope = c.scope;
    if (t.scope.size() > 1 && t.scope[0] == '#') t.scope = fmt::format(fmt::runtime(w.t("第 {} 行", "row {}")), t.scope.substr(1));
    const ast::Scoring* s = c.rule;
    switch (c.kind) {
        case Choice::Kind::Tier: {
            const ast::Tier& tier = s->tiers[c.index];
            t.subject = s->kind == ast::Scoring::Kind::Completion
                            ? w.t("完成率 ", "completion rate ") + explain::show_number(c.subject, ast::ValueType::Percent)
                            : named_value(*s->value, c.subject, lang);
            t.outcome = result_text(*tier.result, lang);
            t.taken = joined(!tier.grade.empty() ? tier.grade : tier.bound ? explain::interval(*tier.bound, lang) : w.t("其余", "otherwise"),
                             t.outcome, " ");
            break;
        }
        case Choice::Kind::Branch: {
            const bool yes = c.index == 0;
            const bool name = s->value->kind == ast::Expr::Kind::Name;
            t.subject = f(*s->value);
            t.taken = joined(name ? (yes ? w.t("是", "yes") : w.t("否", "no")) : (yes ? w.t("成立", "holds") : w.t("不成立", "does not hold")),
                             result_text(yes ? *s->then_ : *s->else_, lang), w.t("，", ", "));
            break;
        }
        case Choice::Kind::Deduction: {
            const ast::Deduction& d = s->deductions[c.index];
            if (d.kind == ast::Deduction::Kind::PerItem) {
                t.subject = fmt::format(fmt::runtime(w.t("{} {} 项", "{} {}")), f(*d.subject), explain::show_points(c.subject));
                t.taken = fmt::format(fmt::runtime(w.t("每项 扣 {} 分", "deduct {} points each")), f(*d.amount));
            } else {
                t.subject = f(*d.subject);
                t.taken = fmt::format(fmt::runtime(w.t("成立，扣 {} 分", "holds, deduct {} points")), f(*d.amount));
            }
            break;
        }
        case Choice::Kind::NoDeduction: t.taken = w.t("无扣分情形", "nothing to deduct"); break;
        case Choice::Kind::Step:
            t.subject = named_value(*s->value, c.subject, lang);
        {
            const std::string base = s->base ? f(*s->base) : explain::show_number(Decimal(), s->value->type);
            if (s->downward)
                t.taken = c.amount.is_zero()
                              ? fmt::format(fmt::runtime(w.t("不低于 {} 或不足一档，不扣分", "not a whole step below {}, nothing deducted")), base)
                              : fmt::format(fmt::runtime(w.t("低于 {}，每低于 {} 扣 {} 分：{} 档", "below {}, {} per {} below: {} steps")), base,
                                            w.en ? f(*s->amount) : f(*s->step), w.en ? f(*s->step) : f(*s->amount),
                                            explain::show_points(c.amount));
            else
            t.taken = c.amount.is_zero()
                          ? fmt::format(fmt::runtime(w.t("不超过 {}，不扣分", "not above {}, nothing deducted")), base)
                          : fmt::format(fmt::runtime(w.t("超过 {}，每增加 {} 扣 {} 分：{} 档", "above {}, {} per {} more: {} steps")), base,
                                        w.en ? f(*s->amount) : f(*s->step), w.en ? f(*s->step) : f(*s->amount), explain::show_points(c.amount));
        }
            break;
        case Choice::Kind::Proportion:
            t.subject = named_value(*s->value, c.subject, lang);
            t.taken = c.amount < c.subject ? fmt::format(fmt::runtime(w.t("超过封顶 {}，按 {} 计", "above the cap {}, counted as {}")), f(*s->cap),
                                                         explain::show_number(c.amount, s->value->type))
                                           : w.t("按比例计分", "proportional");
            break;
        case Choice::Kind::Discretion:
            t.subject = s->discretion_deducts ? w.t("酌情扣", "discretionary deduction") : w.t("酌情得", "discretionary score");
            t.taken = fmt::format(fmt::runtime(w.t("{} 分", "{} points")), explain::show_points(c.subject));
            break;
        case Choice::Kind::Band:
            t.subject = w.t("评定为", "judged");
            t.taken = fmt::format(fmt::runtime(w.t("“{}”，得分率 {}", "“{}” at {}")), c.text, c.subject.to_percent_exact());
            break;
        case Choice::Kind::Words:
            t.subject = fmt::format(fmt::runtime(w.t("实际“{}”", "actual “{}”")), c.text);
            t.taken = c.index ? w.t("达成", "met") : w.t("未达成", "not met");
            break;
        case Choice::Kind::MovedOut:
            t.taken = c.target ? fmt::format(fmt::runtime(w.t("不适用，分值移至 {}", "not applicable, its points moved to {}")), r.path_text(*c.target))
                               : w.t("不适用（各分项均不适用）", "not applicable (no part applies)");
            break;
        case Choice::Kind::Granted:
            t.taken = fmt::format(fmt::runtime(w.t("不适用，得满分（{}）", "not applicable, full points ({})")), c.text);
            break;
        case Choice::Kind::Condition: break;  // kept for coverage; choice_texts leaves it out
        case Choice::Kind::RowScore: break;   // kept for 期望 on a goal row; choice_texts leaves it out
    }
    return t;
}

std::string shown(const ChoiceText& c, const Words& w) { return c.subject.empty() ? c.taken : c.subject + w.t("：", ": ") + c.taken; }

// What differs between what the department met under A and under B, one line per goal row or
// part (or one for the rule itself): "结余结转率 2.73%：≤ 10% 得 2 分 → (2%, 5%] 得 1 分".
std::vector<std::string> met_changes(const std::vector<ChoiceText>& a, const std::vector<ChoiceText>& b, const Words& w) {
    std::vector<std::string> scopes;
    for (const auto* side : {&a, &b})
        for (const auto& c : *side)
            if (std::find(scopes.begin(), scopes.end(), c.scope) == scopes.end()) scopes.push_back(c.scope);
    std::vector<std::string> out;
    for (const auto& scope : scopes) {
        std::vector<const ChoiceText*> in_a, in_b;
        for (const auto& c : a)
            if (c.scope == scope) in_a.push_back(&c);
        for (const auto& c : b)
            if (c.scope == scope) in_b.push_back(&c);
        std::vector<std::string> lines;
        // The same subject on both sides (the same value looked at): only where it landed differs.
        for (auto& x : in_a) {
            for (auto& y : in_b) {
                if (!x || !y || x->subject != y->subject) continue;
                // Another tier with the same outcome for the same value (a goal row still at
                // full points) is not why the score changed.
                const bool same_outcome = !x->outcome.empty() && x->outcome == y->outcome;
                if (x->taken != y->taken && !same_outcome)
                    lines.push_back(x->subject.empty() ? x->taken + " → " + y->taken : x->subject + w.t("：", ": ") + x->taken + " → " + y->taken);
                x = y = nullptr;
                break;
            }
        }
        std::string left_a, left_b;
        for (const auto* x : in_a)
            if (x) left_a = joined(left_a, shown(*x, w), w.t("，", ", "));
        for (const auto* y : in_b)
            if (y) left_b = joined(left_b, shown(*y, w), w.t("，", ", "));
        if (!left_a.empty() || !left_b.empty())
            lines.push_back((left_a.empty() ? w.t("（无）", "(none)") : left_a) + " → " + (left_b.empty() ? w.t("（无）", "(none)") : left_b));
        for (auto& l : lines) out.push_back(scope.empty() ? l : scope + w.t("，", ", ") + l);
    }
    return out;
}

}  // namespace

namespace {

// A side's decisions in words; a rule that decides nothing (得满分, 不得分, 得 N 分) is its own words.
std::vector<ChoiceText> side_texts(const LeafSide& s, const Ruleset& r, Language lang) {
    if (s.choices && !s.choices->empty()) {
        auto texts = choice_texts(*s.choices, r, lang);
        if (!texts.empty()) return texts;  // none when the only ones were an expression's 若
    }
    if (!s.indicator || !s.indicator->scoring) return {};
    std::string own = result_text(*s.indicator->scoring, lang);
    if (own.empty()) return {};
    return {ChoiceText{"", "", own, own}};
}

}  // namespace

std::vector<ChoiceText> choice_texts(const std::vector<Choice>& choices, const Ruleset& r, Language lang) {
    std::vector<ChoiceText> out;
    for (std::size_t i = 0; i < choices.size(); ++i) {
        // An expression's 若 (for coverage) and a goal row's score (for 期望) are not decisions.
        if (choices[i].kind == Choice::Kind::Condition || choices[i].kind == Choice::Kind::RowScore) continue;
        // A proportion that a tier or branch leads to is already in that tier's words.
        if (i > 0 && choices[i].kind == Choice::Kind::Proportion && !(choices[i].subject > choices[i].amount)) {
            std::size_t prev = i - 1;  // the decision before it (an expression's 若 is not one)
            while (prev > 0 && (choices[prev].kind == Choice::Kind::Condition || choices[prev].kind == Choice::Kind::RowScore)) --prev;
            const Choice& p = choices[prev];
            const ast::Scoring* led_to = p.kind == Choice::Kind::Tier     ? p.rule->tiers[p.index].result.get()
                                         : p.kind == Choice::Kind::Branch ? (p.index == 0 ? p.rule->then_ : p.rule->else_).get()
                                                                          : nullptr;
            if (led_to == choices[i].rule) continue;
        }
        out.push_back(text_of(choices[i], r, lang));
    }
    return out;
}

Cause score_cause(const Ruleset& a, const LeafSide& x, const Ruleset& b, const LeafSide& y, bool rounding_changed) {
    Cause out;
    for (Language lang : {Language::Chinese, Language::English}) {
        const Words w{lang == Language::English};
        std::vector<std::string> reasons;
        const auto ta = side_texts(x, a, lang), tb = side_texts(y, b, lang);
        // Points moved out (不适用) are said by that choice; points moved in are named as such.
        auto moved_out = [](const LeafSide& s) {
            return s.choices && !s.choices->empty() && s.choices->front().kind == Choice::Kind::MovedOut;
        };
        if (x.weight != y.weight && !moved_out(x) && !moved_out(y)) {
            const bool moved_in = x.indicator->weight == y.indicator->weight;
            reasons.push_back(fmt::format(fmt::runtime(moved_in ? w.t("分值 {} → {}（含移入的分值）", "weight {} → {} (points moved in)")
                                                                : w.t("分值 {} → {}", "weight {} → {}")),
                                          x.weight.to_string(), y.weight.to_string()));
        }
        auto met = met_changes(ta, tb, w);
        // A goal table can change on many rows at once: the first three, and how many more.
        const std::size_t shown_rows = 3;
        for (std::size_t i = 0; i < met.size() && i < shown_rows; ++i) reasons.push_back(met[i]);
        if (met.size() > shown_rows)
            reasons.push_back(fmt::format(fmt::runtime(w.t("另有 {} 项", "{} more")), met.size() - shown_rows));
        if (reasons.empty()) {
            if (rule_text(*x.indicator, Language::Chinese) != rule_text(*y.indicator, Language::Chinese))
                reasons.push_back(w.t("评分规则改变，所落情形相同（见“结构”）", "the rule changed; the department met the same case (see Structure)"));
            else if (rounding_changed)
                reasons.push_back(w.t("规则与分值未变；舍入方式改变", "same rule and weight; the rounding changed"));
            else
                reasons.push_back(w.t("规则、分值与所落情形均未变", "same rule, weight and case met"));
        }
        std::string text;
        for (const auto& r : reasons) text = joined(text, r, w.t("；", "; "));
        (w.en ? out.en : out.zh) = std::move(text);
    }
    return out;
}

}  // namespace pingfen::diff
