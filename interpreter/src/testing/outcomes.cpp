#include "testing/outcomes.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

#include "eval/explain.hpp"

namespace pingfen::testing {

using ast::Expr;
using ast::Scoring;
using eval::Choice;

std::optional<Decimal> literal(const Expr* e, const Decimal& points) {
    if (!e) return std::nullopt;
    if (e->kind == Expr::Kind::Number) return e->number;
    if (e->kind == Expr::Kind::Weight) return points;
    // 扣 分值 × 10% 分: a constant once the points are known.
    if (e->kind == Expr::Kind::Binary && e->args.size() == 2) {
        auto a = literal(e->args[0].get(), points), b = literal(e->args[1].get(), points);
        if (!a || !b) return std::nullopt;
        switch (e->op) {
            case ast::BinaryOp::Add: return *a + *b;
            case ast::BinaryOp::Sub: return *a - *b;
            case ast::BinaryOp::Mul: return *a * *b;
            default: return std::nullopt;
        }
    }
    return std::nullopt;
}

namespace {

std::string zh_formula(const Expr& e) { return explain::formula(e, Language::Chinese); }
std::string en_formula(const Expr& e) { return explain::formula(e, Language::English); }

class Lister {
public:
    explicit Lister(const ast::Indicator& ind) : ind_(ind) {}

    std::vector<Outcome> run() {
        for (const auto& l : ind_.locals) conditions(*l.value);
        for (std::size_t i = 0; i < ind_.not_applicable.size(); ++i) {
            const auto& na = ind_.not_applicable[i];
            conditions(*na.condition);
            std::string c = zh_formula(*na.condition), ce = en_formula(*na.condition);
            if (na.move) add({Outcome::Kind::MovedOut, nullptr, nullptr, i, na.loc, fmt::format("不适用（{}），分值移出", c),
                              fmt::format("not applicable ({}), points moved out", ce)});
            else add({Outcome::Kind::Granted, nullptr, nullptr, i, na.loc, fmt::format("不适用（{}），给满分", c),
                      fmt::format("not applicable ({}), full points", ce)});
        }
        if (ind_.scoring) rule(*ind_.scoring);
        if (ind_.role == ast::Indicator::Role::Bonus || ind_.role == ast::Indicator::Role::Penalty)
            add({Outcome::Kind::AdjustmentCap, ind_.scoring.get(), nullptr, 0, ind_.loc,
                 fmt::format("达到上限 {} 分", ind_.cap.to_string()), fmt::format("at its cap of {} points", ind_.cap.to_string())});
        return std::move(out_);
    }

private:
    void add(Outcome o) { out_.push_back(std::move(o)); }

    // Every expression-level 若 … 则 … 否则 inside `e`, both ways.
    void conditions(const Expr& e) {
        if (e.kind == Expr::Kind::Cond) {
            std::string c = zh_formula(*e.args[0]), ce = en_formula(*e.args[0]);
            add({Outcome::Kind::Condition, nullptr, &e, 0, e.loc, fmt::format("若 {} 成立（则 {}）", c, zh_formula(*e.args[1])),
                 fmt::format("if {} holds (then {})", ce, en_formula(*e.args[1]))});
            add({Outcome::Kind::Condition, nullptr, &e, 1, e.loc, fmt::format("若 {} 不成立（否则 {}）", c, zh_formula(*e.args[2])),
                 fmt::format("if {} does not hold (else {})", ce, en_formula(*e.args[2]))});
        }
        for (const auto& a : e.args) conditions(*a);
    }
    void conditions(const ast::ExprPtr& p) {
        if (p) conditions(*p);
    }

    void rule(const Scoring& s) {
        conditions(s.value);
        conditions(s.base);
        conditions(s.step);
        conditions(s.amount);
        conditions(s.cap);
        switch (s.kind) {
            case Scoring::Kind::Full:
            case Scoring::Kind::Zero:
            case Scoring::Kind::Score: break;
            case Scoring::Kind::If: {
                std::string c = zh_formula(*s.value), ce = en_formula(*s.value);
                add({Outcome::Kind::Branch, &s, nullptr, 0, s.then_->loc, fmt::format("若 {} 成立", c), fmt::format("if {} holds", ce)});
                add({Outcome::Kind::Branch, &s, nullptr, 1, s.else_->loc, fmt::format("若 {} 不成立（否则）", c),
                     fmt::format("if {} does not hold (else)", ce)});
                rule(*s.then_);
                const Expr* outer = else_of_;
                else_of_ = s.value.get();
                rule(*s.else_);
                else_of_ = outer;
                break;
            }
            case Scoring::Kind::Tiers:
            case Scoring::Kind::Completion: {
                const bool goals = s.kind == Scoring::Kind::Completion;
                for (std::size_t i = 0; i < s.tiers.size(); ++i) {
                    const auto& t = s.tiers[i];
                    std::string b = t.bound ? explain::interval(*t.bound, Language::Chinese) : "其余";
                    std::string be = t.bound ? explain::interval(*t.bound, Language::English) : "otherwise";
                    add({Outcome::Kind::Tier, &s, nullptr, i, t.loc, fmt::format(fmt::runtime(goals ? "目标行完成率档位 {}" : "档位 {}"), b),
                         fmt::format(fmt::runtime(goals ? "goal-row band {}" : "tier {}"), be)});
                    rule(*t.result);
                }
                for (std::size_t i = 0; i < s.bands.size(); ++i)
                    add({Outcome::Kind::Band, &s, nullptr, i, s.bands[i].loc, fmt::format("定性档次“{}”", s.bands[i].name),
                         fmt::format("qualitative band “{}”", s.bands[i].name)});
                break;
            }
            case Scoring::Kind::Step: {
                std::string base = s.base ? zh_formula(*s.base) : "0";
                if (!excluded_by_else(s))
                    add({Outcome::Kind::StepNone, &s, nullptr, 0, s.loc, fmt::format("{} 不超过 {}，不扣分", zh_formula(*s.value), base),
                     fmt::format("{} not above {}, nothing deducted", en_formula(*s.value), base)});
                add({Outcome::Kind::StepSome, &s, nullptr, 0, s.loc, "按档扣分，未扣完", "deducted by steps, not down to 0"});
                if (s.amount->kind == Expr::Kind::Number)
                    add({Outcome::Kind::Floor, &s, nullptr, 0, s.loc, "扣完为止（扣分达到分值）", "down to 0 (deductions reach the points)"});
                break;
            }
            case Scoring::Kind::Proportion: {
                std::string cap = zh_formula(*s.cap), cape = en_formula(*s.cap);
                add({Outcome::Kind::BelowCap, &s, nullptr, 0, s.loc, fmt::format("比例低于封顶 {}", cap), fmt::format("rate below the cap {}", cape)});
                add({Outcome::Kind::AtCap, &s, nullptr, 0, s.cap->loc, fmt::format("比例达到封顶 {}", cap), fmt::format("rate at or above the cap {}", cape)});
                break;
            }
            case Scoring::Kind::Deductions: {
                bool per_item = false;
                for (std::size_t i = 0; i < s.deductions.size(); ++i) {
                    const auto& d = s.deductions[i];
                    conditions(*d.subject);
                    conditions(*d.amount);
                    per_item = per_item || d.kind == ast::Deduction::Kind::PerItem;
                    std::string what = d.kind == ast::Deduction::Kind::PerItem
                                           ? fmt::format("“{} 每项 扣 {} 分”", zh_formula(*d.subject), zh_formula(*d.amount))
                                           : fmt::format("“若 {} 扣 {} 分”", zh_formula(*d.subject), zh_formula(*d.amount));
                    std::string whate = d.kind == ast::Deduction::Kind::PerItem
                                            ? fmt::format("“{} each deducts {}”", en_formula(*d.subject), en_formula(*d.amount))
                                            : fmt::format("“if {} deduct {}”", en_formula(*d.subject), en_formula(*d.amount));
                    add({Outcome::Kind::Fired, &s, nullptr, i, d.loc, fmt::format("扣分项 {} 扣分", what), fmt::format("deduction {} applied", whate)});
                    add({Outcome::Kind::NotFired, &s, nullptr, i, d.loc, fmt::format("扣分项 {} 未扣分", what),
                         fmt::format("deduction {} not applied", whate)});
                }
                // Only conditional items, each deducting a fixed amount that together stay below the
                // indicator's points: 扣完为止 cannot be reached, and is not an outcome.
                Decimal sum;
                bool fixed = !per_item;
                for (const auto& d : s.deductions) {
                    auto v = literal(d.amount.get(), ind_.weight);
                    if (!v) fixed = false;
                    else sum = sum + *v;
                }
                if (!fixed || !(sum < ind_.weight))
                    add({Outcome::Kind::Floor, &s, nullptr, 0, s.loc, "扣完为止（扣分达到分值）", "down to 0 (deductions reach the points)"});
                break;
            }
            case Scoring::Kind::Parts:
                for (std::size_t k = 0; k < s.parts.size(); ++k) {
                    const auto& p = *s.parts[k];
                    // A part's own 不适用: the part index in `index`, the 分项 rule in `rule`.
                    for (const auto& na : p.not_applicable) {
                        conditions(*na.condition);
                        std::string c = zh_formula(*na.condition), ce = en_formula(*na.condition);
                        if (na.move) add({Outcome::Kind::MovedOut, &s, nullptr, k, na.loc, fmt::format("分项“{}”不适用（{}），分值移出", p.name, c),
                                          fmt::format("part “{}” not applicable ({}), points moved out", p.name, ce)});
                        else add({Outcome::Kind::Granted, &s, nullptr, k, na.loc, fmt::format("分项“{}”不适用（{}），给满分", p.name, c),
                                  fmt::format("part “{}” not applicable ({}), full points", p.name, ce)});
                    }
                    rule(*p.scoring);
                }
                break;
            case Scoring::Kind::Discretion: {
                conditions(s.reason);
                const char* what = s.discretion_deducts ? "酌情扣" : "酌情得";
                const char* whate = s.discretion_deducts ? "discretionary deduction" : "discretionary score";
                const auto& r = *s.range;
                if (r.low && r.low_closed)
                    add({Outcome::Kind::AtLow, &s, nullptr, 0, r.loc, fmt::format("{}取下限 {}", what, zh_formula(*r.low)),
                         fmt::format("{} at the lower bound {}", whate, en_formula(*r.low))});
                add({Outcome::Kind::Inside, &s, nullptr, 0, r.loc, fmt::format("{}取区间 {} 之内的值", what, explain::interval(r, Language::Chinese)),
                     fmt::format("{} strictly inside {}", whate, explain::interval(r, Language::English))});
                if (r.high && r.high_closed)
                    add({Outcome::Kind::AtHigh, &s, nullptr, 0, r.loc, fmt::format("{}取上限 {}", what, zh_formula(*r.high)),
                         fmt::format("{} at the upper bound {}", whate, en_formula(*r.high))});
                break;
            }
        }
    }

    // 若 控制率 ≤ 0 则 得满分 否则 按 控制率 每增加 5% 扣 …: in the 否则 the value is above the
    // step's base, so "nothing deducted" cannot happen there and is not an outcome to reach.
    bool excluded_by_else(const Scoring& s) const {
        const Expr* c = else_of_;
        if (!c || c->kind != Expr::Kind::Binary || c->op != ast::BinaryOp::Le) return false;
        const Decimal base = s.base && s.base->kind == Expr::Kind::Number ? s.base->number : Decimal();
        if (s.base && s.base->kind != Expr::Kind::Number) return false;
        return c->args[1]->kind == Expr::Kind::Number && c->args[1]->number == base && zh_formula(*c->args[0]) == zh_formula(*s.value);
    }

    const ast::Indicator& ind_;
    std::vector<Outcome> out_;
    const Expr* else_of_ = nullptr;  // the condition whose 否则 branch is being listed
};

}  // namespace

std::vector<Outcome> outcomes_of(const ast::Indicator& ind) { return Lister(ind).run(); }

std::vector<char> reached(const std::vector<Outcome>& outcomes, const ast::Indicator& ind, const eval::ChoicesByIndicator& all,
                          const std::optional<Decimal>& score) {
    std::vector<char> out(outcomes.size(), 0);
    static const std::vector<Choice> none;
    const auto& own = static_cast<std::size_t>(ind.index) < all.size() ? all[static_cast<std::size_t>(ind.index)] : none;

    // A deductions rule, per scope it was evaluated in (a part, a goal row): the items applied
    // and the points they took.
    struct Evaluated {
        std::vector<std::size_t> fired;
        Decimal taken, points;
    };
    std::map<std::pair<const Scoring*, std::string>, Evaluated> deductions;
    for (const auto& c : own) {
        if (c.kind != Choice::Kind::Deduction && c.kind != Choice::Kind::NoDeduction) continue;
        auto& e = deductions[{c.rule, c.scope}];
        e.points = c.points;
        if (c.kind == Choice::Kind::Deduction) {
            e.fired.push_back(c.index);
            e.taken = e.taken + c.amount;
        }
    }

    for (std::size_t i = 0; i < outcomes.size(); ++i) {
        const Outcome& o = outcomes[i];
        bool hit = false;
        switch (o.kind) {
            case Outcome::Kind::Tier:
                for (const auto& c : own) hit = hit || (c.kind == Choice::Kind::Tier && c.rule == o.rule && c.index == o.index);
                break;
            case Outcome::Kind::Branch:
                for (const auto& c : own) hit = hit || (c.kind == Choice::Kind::Branch && c.rule == o.rule && c.index == o.index);
                break;
            case Outcome::Kind::Condition:
                for (const auto& list : all)
                    for (const auto& c : list) hit = hit || (c.kind == Choice::Kind::Condition && c.expr == o.expr && c.index == o.index);
                break;
            case Outcome::Kind::Fired:
            case Outcome::Kind::NotFired:
                for (const auto& [key, e] : deductions) {
                    if (key.first != o.rule) continue;
                    const bool fired = std::find(e.fired.begin(), e.fired.end(), o.index) != e.fired.end();
                    hit = hit || (fired == (o.kind == Outcome::Kind::Fired));
                }
                break;
            case Outcome::Kind::Floor:
                if (o.rule->kind == Scoring::Kind::Deductions) {
                    for (const auto& [key, e] : deductions)
                        hit = hit || (key.first == o.rule && !e.taken.is_zero() && e.points <= e.taken);
                } else {
                    for (const auto& c : own)
                        if (c.kind == Choice::Kind::Step && c.rule == o.rule && !c.amount.is_zero())
                            hit = hit || c.points <= c.amount * o.rule->amount->number;
                }
                break;
            case Outcome::Kind::StepNone:
            case Outcome::Kind::StepSome:
                for (const auto& c : own) {
                    if (c.kind != Choice::Kind::Step || c.rule != o.rule) continue;
                    if (o.kind == Outcome::Kind::StepNone) hit = hit || c.amount.is_zero();
                    else {
                        auto per = literal(o.rule->amount.get(), c.points);
                        hit = hit || (!c.amount.is_zero() && (!per || c.amount * *per < c.points));
                    }
                }
                break;
            case Outcome::Kind::BelowCap:
            case Outcome::Kind::AtCap:
                for (const auto& c : own) {
                    if (c.kind != Choice::Kind::Proportion || c.rule != o.rule) continue;
                    auto cap = literal(o.rule->cap.get(), c.points);
                    const bool at = cap ? *cap <= c.subject : c.amount < c.subject;
                    hit = hit || (at == (o.kind == Outcome::Kind::AtCap));
                }
                break;
            case Outcome::Kind::Band:
                for (const auto& c : own)
                    hit = hit || (c.kind == Choice::Kind::Band && c.rule == o.rule && c.text == o.rule->bands[o.index].name);
                break;
            case Outcome::Kind::AtLow:
            case Outcome::Kind::Inside:
            case Outcome::Kind::AtHigh:
                for (const auto& c : own) {
                    if (c.kind != Choice::Kind::Discretion || c.rule != o.rule) continue;
                    const auto& r = *o.rule->range;
                    auto lo = literal(r.low.get(), c.points), hi = literal(r.high.get(), c.points);
                    const bool at_low = lo && r.low_closed && c.subject == *lo;
                    const bool at_high = hi && r.high_closed && c.subject == *hi;
                    if (o.kind == Outcome::Kind::AtLow) hit = hit || at_low;
                    else if (o.kind == Outcome::Kind::AtHigh) hit = hit || at_high;
                    else hit = hit || (!at_low && !at_high && (!lo || *lo != c.subject) && (!hi || *hi != c.subject));
                }
                break;
            case Outcome::Kind::MovedOut:
            case Outcome::Kind::Granted: {
                // The leaf's own clause (no rule) or a part's (the 分项 rule and the part's index).
                const auto want = o.kind == Outcome::Kind::MovedOut ? Choice::Kind::MovedOut : Choice::Kind::Granted;
                for (const auto& c : own) hit = hit || (c.kind == want && c.rule == o.rule && (!o.rule || c.index == o.index));
                break;
            }
            case Outcome::Kind::AdjustmentCap: hit = score && *score == ind.cap; break;
        }
        out[i] = hit ? 1 : 0;
    }
    return out;
}

}  // namespace pingfen::testing
