#include "check/checker.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

#include "builtins.hpp"
#include "check/names.hpp"
#include "check/range.hpp"
#include "eval/explain.hpp"

namespace pingfen::check {
namespace {

using namespace ast;

// A point on the extended line for interval sweeps: −∞, v itself, just above v, +∞.
struct Key {
    int inf = 0;  // −1, 0, +1
    Decimal v;
    int side = 0;  // 0 = at v, 1 = just above v
    bool operator<(const Key& o) const {
        if (inf != o.inf) return inf < o.inf;
        if (inf != 0) return false;
        if (v != o.v) return v < o.v;
        return side < o.side;
    }
    bool operator==(const Key& o) const { return !(*this < o) && !(o < *this); }
};

struct Span {
    Key lo, hi;  // covers [lo, hi)
    Loc loc;
    std::optional<Decimal> score;  // a constant score, for the monotonicity check
};

Key low_key(const ExprPtr& e, bool closed) {
    if (!e) return Key{-1, {}, 0};
    return Key{0, e->number, closed ? 0 : 1};
}
Key high_key(const ExprPtr& e, bool closed) {
    if (!e) return Key{1, {}, 0};
    return Key{0, e->number, closed ? 1 : 0};
}

std::string key_text(const Key& lo, const Key& hi, bool percent) {
    auto num = [&](const Decimal& d) { return percent ? d.to_percent_exact() : d.to_string(); };
    std::string left = lo.inf < 0 ? "(−∞" : (lo.side == 0 ? "[" : "(") + num(lo.v);
    std::string right = hi.inf > 0 ? "+∞)" : num(hi.v) + (hi.side == 0 ? ")" : "]");
    if (lo.inf == 0 && hi.inf == 0 && lo.v == hi.v && lo.side == 0 && hi.side == 1) return "[" + num(lo.v) + ", " + num(lo.v) + "]";
    return left + ", " + right;
}

bool is_constant(const Interval& iv) {
    return (!iv.low || iv.low->kind == Expr::Kind::Number) && (!iv.high || iv.high->kind == Expr::Kind::Number);
}

class Checker {
public:
    Checker(const Ruleset& r, DiagnosticSink& sink) : r_(r), sink_(sink) {
        for (const InputDecl* in : r.input_of_slot) {
            Range range = in->range ? from_interval(*in->range) : Range::all();
            if (!in->range && in->type == ValueType::Count) range = Range::at_least(Decimal());
            inputs_[in->slot] = range;
        }
    }

    void run() {
        if (!named_values_shallow_enough()) return;
        for (const Indicator* ind : r_.indicators) {
            if (!ind->scoring) continue;
            weight_ = ind->role == Indicator::Role::Indicator ? ind->weight : ind->cap;
            leaf_ = ind;
            local_ranges_.clear();
            steps_ = 0;  // the bound is per leaf: a large ruleset of plain rules is not complex
            Range score = scoring(*ind->scoring);
            if (too_complex_) return;
            if (ind->role == Indicator::Role::Indicator && !score.within(Decimal(), ind->weight)) out_of_range(*ind, score);
        }
        grades();
        similar_names(r_, sink_);
    }

private:
    const Ruleset& r_;
    DiagnosticSink& sink_;
    std::map<int, Range> inputs_;
    std::vector<std::pair<int, Range>> refined_;  // conditions known on the current path
    std::set<std::pair<const SourceFile*, std::pair<int, int>>> reported_;
    std::set<int> computing_;
    // Ranges of named values already worked out for the current leaf, weight and path
    // conditions; without it 40 named values each using the one before twice take 2^40 steps.
    std::map<int, Range> local_ranges_;
    // Under conditions (若 c 则 x 否则 y) the ranges are worked out again for each branch, so
    // named values that each branch on the one before still take 2^n steps. The bundled
    // rulesets take about a hundred; past this bound the ruleset is refused rather than checked
    // for hours.
    static constexpr long kMaxSteps = 200'000;
    long steps_ = 0;
    bool too_complex_ = false;
    Decimal weight_;
    const Indicator* leaf_ = nullptr;
    const Indicator* part_ = nullptr;  // the part of 分项 being checked, whose points are weight_

    bool once(const Loc& l) { return reported_.insert({l.file, {l.line, l.column}}).second; }

    // How deep evaluating a named value goes: its expression's own depth and, through each named
    // value it uses, theirs. Evaluating (here and when scoring) follows these chains by
    // recursion, so 100 000 named values each using the one before would overflow the stack; a
    // ruleset that deep is refused, as an expression nested that deep is by the parser. Worked
    // out without recursion along the chains.
    bool named_values_shallow_enough() {
        constexpr int kMaxDepth = 400;
        const std::size_t n = r_.local_of_slot.size();
        std::vector<int> own(n, 0), depth(n, 0);
        std::vector<char> state(n, 0);  // 0 not seen, 1 uses listed, 2 depth known
        std::vector<std::vector<std::pair<std::size_t, int>>> uses(n);
        for (std::size_t first = 0; first < n; ++first) {
            if (!r_.local_of_slot[first] || state[first]) continue;
            std::vector<std::size_t> stack{first};
            while (!stack.empty()) {
                const std::size_t s = stack.back();
                if (state[s] == 0) {
                    state[s] = 1;
                    used_names(*r_.local_of_slot[s]->value, 1, own[s], uses[s]);
                    for (const auto& u : uses[s])
                        if (state[u.first] == 0) stack.push_back(u.first);
                    continue;
                }
                stack.pop_back();
                if (state[s] == 2) continue;
                int d = own[s];
                for (const auto& [u, at] : uses[s]) d = std::max(d, at + depth[u]);  // a cycle counts 0
                depth[s] = d;
                state[s] = 2;
                if (d > kMaxDepth) {
                    const LocalDef& def = *r_.local_of_slot[s];
                    sink_.error("E0006", def.loc,
                                fmt::format("命名值 `{}` 连同它引用的命名值嵌套过深（超过 {} 层），请减少层层引用", def.name, kMaxDepth),
                                fmt::format("named value `{}` nests too deep with the named values it uses (more than {} levels)",
                                            def.name, kMaxDepth));
                    return false;
                }
            }
        }
        return true;
    }

    // The named values `e` uses and at what depth; `deepest` is `e`'s own depth.
    void used_names(const Expr& e, int at, int& deepest, std::vector<std::pair<std::size_t, int>>& out) const {
        deepest = std::max(deepest, at);
        if (e.kind == Expr::Kind::Name && e.slot >= 0 && static_cast<std::size_t>(e.slot) < r_.local_of_slot.size() &&
            r_.local_of_slot[static_cast<std::size_t>(e.slot)])
            out.emplace_back(static_cast<std::size_t>(e.slot), at);
        for (const auto& a : e.args) used_names(*a, at + 1, deepest, out);
    }

    Range slot_range(int slot) {
        for (auto it = refined_.rbegin(); it != refined_.rend(); ++it)
            if (it->first == slot) return it->second;
        if (auto it = inputs_.find(slot); it != inputs_.end()) return it->second;
        const LocalDef* def = static_cast<std::size_t>(slot) < r_.local_of_slot.size() ? r_.local_of_slot[static_cast<std::size_t>(slot)] : nullptr;
        if (!def || computing_.count(slot)) return Range::all();
        if (auto it = local_ranges_.find(slot); it != local_ranges_.end()) return it->second;
        computing_.insert(slot);
        Range r = range(*def->value);
        computing_.erase(slot);
        local_ranges_[slot] = r;
        return r;
    }

    static Range intersect(const Range& a, const Range& b) {
        Range r = a;
        if (b.lo && (!r.lo || *r.lo < *b.lo || (*r.lo == *b.lo && b.lo_open))) r.lo = b.lo, r.lo_open = b.lo_open;
        if (b.hi && (!r.hi || *b.hi < *r.hi || (*r.hi == *b.hi && b.hi_open))) r.hi = b.hi, r.hi_open = b.hi_open;
        return r;
    }

    // What a condition tells about a name on the branch where it is `truth`: 若 x > 0 则 … .
    void refine(const Expr& c, bool truth, std::vector<std::pair<int, Range>>& out) {
        if (c.kind == Expr::Kind::Not) return refine(*c.args[0], !truth, out);
        if (c.kind != Expr::Kind::Binary) return;
        if ((c.op == BinaryOp::And && truth) || (c.op == BinaryOp::Or && !truth)) {
            refine(*c.args[0], truth, out);
            refine(*c.args[1], truth, out);
            return;
        }
        const Expr* name = c.args[0].get();
        const Expr* num = c.args[1].get();
        BinaryOp op = c.op;
        if (name->kind == Expr::Kind::Number && num->kind == Expr::Kind::Name) {
            std::swap(name, num);
            op = op == BinaryOp::Lt ? BinaryOp::Gt : op == BinaryOp::Gt ? BinaryOp::Lt
               : op == BinaryOp::Le ? BinaryOp::Ge : op == BinaryOp::Ge ? BinaryOp::Le : op;
        }
        if (name->kind != Expr::Kind::Name || num->kind != Expr::Kind::Number || name->slot < 0) return;
        if (!truth) {
            switch (op) {
                case BinaryOp::Lt: op = BinaryOp::Ge; break;
                case BinaryOp::Le: op = BinaryOp::Gt; break;
                case BinaryOp::Gt: op = BinaryOp::Le; break;
                case BinaryOp::Ge: op = BinaryOp::Lt; break;
                case BinaryOp::Eq: op = BinaryOp::Ne; break;
                case BinaryOp::Ne: op = BinaryOp::Eq; break;
                default: return;
            }
        }
        const Decimal& v = num->number;
        Range known = slot_range(name->slot), cut;
        switch (op) {
            case BinaryOp::Lt: cut.hi = v, cut.hi_open = true; break;
            case BinaryOp::Le: cut.hi = v; break;
            case BinaryOp::Gt: cut.lo = v, cut.lo_open = true; break;
            case BinaryOp::Ge: cut.lo = v; break;
            case BinaryOp::Eq: cut = Range::point(v); break;
            case BinaryOp::Ne:
                // ≠ 0 matters when 0 is an end of the range: [0, +∞) becomes (0, +∞).
                if (known.lo && *known.lo == v) cut.lo = v, cut.lo_open = true;
                else if (known.hi && *known.hi == v) cut.hi = v, cut.hi_open = true;
                break;
            default: return;
        }
        out.emplace_back(name->slot, intersect(known, cut));
    }

    template <typename F>
    auto under(const Expr& c, bool truth, F f) {
        std::vector<std::pair<int, Range>> more;
        refine(c, truth, more);
        std::size_t n = refined_.size();
        refined_.insert(refined_.end(), more.begin(), more.end());
        local_ranges_.clear();  // worked out without these conditions
        auto result = f();
        refined_.resize(n);
        local_ranges_.clear();  // worked out with them
        return result;
    }

    Range range(const Expr& e) {
        if (too_complex_) return Range::all();
        if (++steps_ > kMaxSteps) {
            too_complex_ = true;
            const std::string name = leaf_ ? leaf_->name : std::string();
            sink_.error("E0006", leaf_ ? leaf_->name_loc : e.loc,
                        fmt::format("检查 `{}` 的取值范围需要超过 {} 步（命名值与条件层层嵌套），请简化", name, kMaxSteps),
                        fmt::format("checking the value ranges of `{}` takes more than {} steps (named values and "
                                    "conditions nested in one another); simplify it", name, kMaxSteps));
            return Range::all();
        }
        switch (e.kind) {
            case Expr::Kind::Number: return Range::point(e.number);
            case Expr::Kind::Weight: return Range::point(weight_);
            case Expr::Kind::Name: return e.slot >= 0 ? slot_range(e.slot) : Range::all();
            case Expr::Kind::Negate: {
                Range a = range(*e.args[0]);
                Range r;
                if (a.hi) r.lo = -*a.hi, r.lo_open = a.hi_open;
                if (a.lo) r.hi = -*a.lo, r.hi_open = a.lo_open;
                return r;
            }
            case Expr::Kind::Cond: {
                Range t = under(*e.args[0], true, [&] { return range(*e.args[1]); });
                Range f = under(*e.args[0], false, [&] { return range(*e.args[2]); });
                return t.hull(f);
            }
            case Expr::Kind::Call: return call(e);
            case Expr::Kind::Binary: break;
            default: return Range::all();
        }
        switch (e.op) {
            case BinaryOp::Add: return range(*e.args[0]) + range(*e.args[1]);
            case BinaryOp::Sub: return range(*e.args[0]) - range(*e.args[1]);
            case BinaryOp::Mul: return range(*e.args[0]) * range(*e.args[1]);
            case BinaryOp::Div: {
                Range num = range(*e.args[0]);
                Range den = range(*e.args[1]);
                if (den.contains_zero()) zero_divisor(e, den);
                return divide(num, den);
            }
            case BinaryOp::And:
            case BinaryOp::Or:
                range(*e.args[0]);
                under(*e.args[0], e.op == BinaryOp::And, [&] { return range(*e.args[1]); });
                return Range::all();
            default:
                range(*e.args[0]);
                range(*e.args[1]);
                return Range::all();
        }
    }

    Range call(const Expr& e) {
        std::vector<Range> a;
        for (const auto& x : e.args) a.push_back(range(*x));
        if (e.builtin < 0) return Range::all();
        std::string name = stdlib::builtins()[static_cast<std::size_t>(e.builtin)].name_en;
        if (name == "round_half_up" || name == "ceil" || name == "floor") {
            Range r = a[0];
            r.lo_open = r.hi_open = false;
            if (name != "round_half_up") return Range::all().hull(r);  // widened by at most 1; keep simple
            return r;
        }
        if (name == "min" || name == "max") {
            Range r = a[0];
            for (std::size_t i = 1; i < a.size(); ++i) r = name == "min" ? check::min(r, a[i]) : check::max(r, a[i]);
            return r;
        }
        if (name == "abs") {
            Range r = Range::at_least(Decimal());
            if (a[0].lo && a[0].hi) r.hi = Decimal::max(-*a[0].lo, *a[0].hi);
            return r;
        }
        if (name == "mean" && e.args.size() > 1) {
            Range r = a[0];
            for (std::size_t i = 1; i < a.size(); ++i) r = r.hull(a[i]);
            return r;
        }
        if (name == "capped_mean") return Range{std::nullopt, a[1].hi};
        if (name == "count_of") return Range::at_least(Decimal());
        return Range::all();
    }

    void zero_divisor(const Expr& e, const Range& den) {
        if (too_complex_ || !once(e.loc)) return;
        const Expr& d = *e.args[1];
        std::string what = explain::formula(d, Language::Chinese);
        std::string what_en = explain::formula(d, Language::English);
        bool pct = d.type == ValueType::Percent;
        sink_.error("E0801", e.loc,
                    fmt::format("除数 `{}` 可能为 0（取值范围 {}），且此处没有先判断它不为 0", what, den.text(pct)),
                    fmt::format("the divisor `{}` can be 0 (its range is {}) and nothing here rules that out", what_en,
                                den.text(pct)));
        if (d.kind == Expr::Kind::Name && inputs_.count(d.slot)) {
            const InputDecl* in = r_.input_of_slot[static_cast<std::size_t>(d.slot)];
            sink_.last().notes.push_back(make_note(in->loc,
                fmt::format("可将 `{}` 声明为 `> 0`，或先写 `若 {} > 0 则 … 否则 …`", d.text, d.text),
                fmt::format("declare `{}` as `> 0`, or guard it: `if {} > 0 then … else …`", d.text, d.text)));
        }
    }

    Range scoring(const Scoring& s) {
        const Decimal w = weight_;
        switch (s.kind) {
            case Scoring::Kind::Full: return Range::point(w);
            case Scoring::Kind::Zero: return Range::point(Decimal());
            case Scoring::Kind::Score:
                rounding(*s.value);
                return range(*s.value);
            case Scoring::Kind::If: {
                range(*s.value);
                Range t = under(*s.value, true, [&] { return scoring(*s.then_); });
                Range f = under(*s.value, false, [&] { return scoring(*s.else_); });
                return t.hull(f);
            }
            case Scoring::Kind::Tiers: {
                Range domain = range(*s.value);
                tiers(s, domain, true);
                std::optional<Range> out;
                for (const auto& t : s.tiers) {
                    Range r = scoring(*t.result);
                    out = out ? out->hull(r) : r;
                }
                return out.value_or(Range::point(Decimal()));
            }
            case Scoring::Kind::Step:
                range(*s.value);
                return Range::between(Decimal(), w);
            case Scoring::Kind::Proportion: {
                Range rate = range(*s.value);
                Range cap = range(*s.cap);
                Range used = check::max(check::min(rate, cap), Range::point(Decimal()));
                return used * Range::point(w);
            }
            case Scoring::Kind::Deductions: {
                Range total = Range::point(Decimal());
                for (const auto& d : s.deductions) {
                    Range amount = range(*d.amount);
                    if (d.kind == Deduction::Kind::PerItem) total = total + intersect(range(*d.subject), Range::at_least(Decimal())) * amount;
                    else {
                        range(*d.subject);
                        total = total + Range::point(Decimal()).hull(amount);
                    }
                }
                Range r = Range::point(w) - total;
                return check::max(r, Range::point(Decimal()));
            }
            case Scoring::Kind::Parts: {
                Range sum = Range::point(Decimal());
                for (const auto& p : s.parts) {
                    part_ = p.get();
                    weight_ = p->share_is_percent ? w * p->share : p->share;
                    local_ranges_.clear();  // 分值 is the part's points
                    Range pr = p->scoring ? scoring(*p->scoring) : Range::point(Decimal());
                    if (!pr.within(Decimal(), weight_)) out_of_part(*p, pr);
                    weight_ = w;
                    part_ = nullptr;
                    local_ranges_.clear();
                    sum = sum + intersect(pr, Range::between(Decimal(), p->share_is_percent ? w * p->share : p->share));
                }
                return sum;
            }
            case Scoring::Kind::Discretion: {
                Range v = intersect(range(*s.value), bound_range(*s.range));
                const bool reported = discretion_bound(s);
                if (!s.discretion_deducts) return reported ? intersect(v, Range::between(Decimal(), w)) : v;
                return check::max(Range::point(w) - v, Range::point(Decimal()));
            }
            case Scoring::Kind::Completion: {
                range(*s.value);
                tiers(s, Range::all(), false);
                return Range::between(Decimal(), w);
            }
        }
        return Range::all();
    }

    // A bound whose ends are expressions (`[0, 分值)`): what it can let through.
    Range bound_range(const Interval& iv) {
        Range r;
        if (iv.low) {
            Range lo = range(*iv.low);
            r.lo = lo.lo;
            r.lo_open = !iv.low_closed && lo.lo && lo.hi && *lo.lo == *lo.hi;
        }
        if (iv.high) {
            Range hi = range(*iv.high);
            r.hi = hi.hi;
            r.hi_open = !iv.high_closed && hi.lo && hi.hi && *hi.lo == *hi.hi;
        }
        return r;
    }

    // 酌情扣 x 分 [0, 2] on a 1-point part: an assessor's 1.5 would be cut to 1 (and 酌情得 1.5
    // would exceed the points). Reported when the bound's upper end is above the points whatever
    // the data; a bound that only the data can put above them is left to scoring, which says so
    // (W0502). Returns whether it reported.
    bool discretion_bound(const Scoring& s) {
        const Interval& iv = *s.range;
        std::optional<Decimal> least_high;  // the smallest value the upper end can take
        if (iv.high) {
            Range hi = range(*iv.high);
            if (!hi.lo) return false;
            least_high = *hi.lo;
            if (!(weight_ < *least_high)) return false;
        }
        if (too_complex_ || !once(iv.loc)) return false;
        const std::string who = part_ ? part_->name : leaf_ ? leaf_->name : std::string();
        const std::string w = weight_.to_string();
        const std::string high = least_high ? least_high->to_string() : std::string("+∞");
        const std::string bound = explain::interval(iv, Language::Chinese);
        const std::string bound_en = explain::interval(iv, Language::English);
        if (s.discretion_deducts)
            sink_.error("E0707", iv.loc,
                        fmt::format("酌情扣分的范围 {} 超过 `{}` 的分值 {} 分：扣分可达 {}，超出 {} 分的部分无处可扣，会被截去",
                                    bound, who, w, high, w),
                        fmt::format("the discretionary deduction's bounds {} exceed the {} points of `{}`: a deduction "
                                    "of up to {} would be cut to {}", bound_en, w, who, high, w));
        else
            sink_.error("E0707", iv.loc,
                        fmt::format("酌情得分的范围 {} 超过 `{}` 的分值 {} 分：得分可达 {}", bound, who, w, high),
                        fmt::format("the discretionary score's bounds {} exceed the {} points of `{}`: it could be {}",
                                    bound_en, w, who, high));
        sink_.last().notes.push_back(make_note(Loc{}, fmt::format("范围的上限应不超过 {}（可写 `分值`）", w),
                                               fmt::format("the upper bound should be at most {} (`weight` can be written)", w)));
        return true;
    }

    void rounding(const Expr& e) {
        if (e.kind != Expr::Kind::Call || e.builtin < 0) return;
        if (std::string(stdlib::builtins()[static_cast<std::size_t>(e.builtin)].name_en) != "round_half_up") return;
        const auto& ro = r_.module->rounding;
        if (!ro) return;
        if (ro->where == Rounding::Where::Leaves) {
            // To as many places or fewer, the leaf's own rounding changes nothing: only redundant.
            // To more places, rounding twice can differ from rounding once.
            const Expr* places = e.args.size() == 2 ? e.args[1].get() : nullptr;
            const bool literal = places && places->kind == Expr::Kind::Number;
            if (literal && !(Decimal::from_int(ro->places) < places->number)) {
                const std::string n = places->number.to_string();
                sink_.warning("W0601", e.loc,
                              fmt::format("规则集已规定各指标得分四舍五入保留 {} 位，这里再舍入到 {} 位是多余的", ro->places, n),
                              fmt::format("the ruleset already rounds each leaf to {} places; rounding here to {} is redundant",
                                          ro->places, n));
            } else {
                const std::string n = literal ? places->number.to_string() + " 位" : "更多位";
                const std::string n_en = literal ? places->number.to_string() + " places" : "more places";
                sink_.warning("W0601", e.loc,
                              fmt::format("这里先舍入到 {}，规则集再把得分舍入到 {} 位，结果可能与直接舍入不同"
                                          "（2.6749 先到 2.675 再到 2.68，直接舍入为 2.67）", n, ro->places),
                              fmt::format("this rounds to {} and the ruleset then rounds the score to {} places, which can "
                                          "differ from rounding once (2.6749 → 2.675 → 2.68, but 2.67 directly)", n_en, ro->places));
            }
        } else {
            sink_.warning("W0602", e.loc, "规则集规定只舍入总分，这里却舍入了指标得分",
                          "the ruleset rounds only the total, but this rounds a leaf score");
        }
        sink_.last().notes.push_back(make_note(ro->loc, "舍入方式在这里声明", "rounding is declared here"));
    }

    void out_of_range(const Indicator& ind, const Range& score) {
        std::string inputs;
        for (int slot : r_.inputs_of[static_cast<std::size_t>(ind.index)]) {
            const InputDecl* in = r_.input_of_slot[static_cast<std::size_t>(slot)];
            if (in->type == ValueType::Bool || in->type == ValueType::Text) continue;
            inputs += fmt::format("{}{} ∈ {}", inputs.empty() ? "" : "，", in->name, inputs_[slot].text(in->type == ValueType::Percent));
        }
        sink_.error("E0701", ind.scoring->loc,
                    fmt::format("`{}` 的得分可能落在 {}，超出 [0, {}]", ind.name, score.text(false), ind.weight.to_string()),
                    fmt::format("the score of `{}` can be {}, outside [0, {}]", ind.name, score.text(false), ind.weight.to_string()));
        if (!inputs.empty())
            sink_.last().notes.push_back(make_note(Loc{}, fmt::format("按声明的输入范围：{}；可给输入声明范围，或用 `较小`/`较大` 限定得分", inputs),
                                                   fmt::format("given the declared ranges {}; declare ranges, or bound the score with min/max", inputs)));
    }

    void out_of_part(const Indicator& part, const Range& score) {
        if (too_complex_) return;
        sink_.error("E0702", part.loc,
                    fmt::format("分项 `{}` 的得分可能落在 {}，超出 [0, {}]", part.name, score.text(false), weight_.to_string()),
                    fmt::format("part `{}` can score {}, outside [0, {}]", part.name, score.text(false), weight_.to_string()));
    }

    // Tiers must cover every value the tiered quantity can take, once.
    void tiers(const Scoring& s, const Range& domain, bool monotone_check) {
        if (too_complex_) return;
        std::vector<Span> spans;
        bool otherwise = false;
        for (const auto& t : s.tiers) {
            if (!t.bound) {
                otherwise = true;
                continue;
            }
            if (!is_constant(*t.bound)) return;
            Span sp{low_key(t.bound->low, t.bound->low_closed), high_key(t.bound->high, t.bound->high_closed), t.loc, {}};
            if (t.result->kind == Scoring::Kind::Full) sp.score = weight_;
            else if (t.result->kind == Scoring::Kind::Zero) sp.score = Decimal();
            else if (t.result->kind == Scoring::Kind::Score && t.result->value->kind == Expr::Kind::Number) sp.score = t.result->value->number;
            spans.push_back(sp);
        }
        bool pct = s.kind == Scoring::Kind::Completion || s.value->type == ValueType::Percent;
        std::string subject = s.kind == Scoring::Kind::Completion ? "完成率" : explain::formula(*s.value, Language::Chinese);
        std::string subject_en = s.kind == Scoring::Kind::Completion ? "the completion rate" : explain::formula(*s.value, Language::English);
        Key dlo = domain.lo ? Key{0, *domain.lo, domain.lo_open ? 1 : 0} : Key{-1, {}, 0};
        Key dhi = domain.hi ? Key{0, *domain.hi, domain.hi_open ? 0 : 1} : Key{1, {}, 0};
        sweep(spans, dlo, dhi, otherwise, pct, subject, subject_en, "E0703", "E0704", domain);
        if (monotone_check) monotone(spans, s, pct);
    }

    void sweep(std::vector<Span> spans, const Key& dlo, const Key& dhi, bool otherwise, bool pct, const std::string& subject,
               const std::string& subject_en, const char* gap_code, const char* overlap_code, const Range& domain) {
        std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.lo < b.lo; });
        Key cur = dlo;
        const Span* widest = nullptr;
        for (const Span& sp : spans) {
            if (widest && sp.lo < widest->hi && sp.lo < sp.hi) {
                Key end = sp.hi < widest->hi ? sp.hi : widest->hi;
                std::string iv = key_text(sp.lo, end, pct);
                sink_.error(overlap_code, sp.loc, fmt::format("档位重叠：{} 同时属于这一档和另一档", iv),
                            fmt::format("tiers overlap: {} falls in this tier and another", iv));
                sink_.last().notes.push_back(make_note(widest->loc, "与这一档重叠", "overlapping this tier"));
            }
            if (!otherwise && cur < sp.lo && cur < dhi) {
                Key end = sp.lo < dhi ? sp.lo : dhi;
                if (cur < end) gap(key_text(cur, end, pct), sp.loc, subject, subject_en, gap_code, domain, pct);
            }
            if (cur < sp.hi) cur = sp.hi;
            if (!widest || widest->hi < sp.hi) widest = &sp;
        }
        if (!otherwise && cur < dhi && !spans.empty()) gap(key_text(cur, dhi, pct), spans.back().loc, subject, subject_en, gap_code, domain, pct);
    }

    void gap(const std::string& iv, const Loc& at, const std::string& subject, const std::string& subject_en, const char* code,
             const Range& domain, bool pct) {
        sink_.error(code, at, fmt::format("档位没有覆盖 {}：`{}` 落在这里时不属于任何一档", iv, subject),
                    fmt::format("the tiers leave {} uncovered: `{}` there falls in no tier", iv, subject_en));
        sink_.last().notes.push_back(make_note(Loc{}, fmt::format("`{}` 按声明可取 {}", subject, domain.text(pct)),
                                               fmt::format("`{}` can take {} as declared", subject_en, domain.text(pct))));
    }

    void monotone(std::vector<Span> spans, const Scoring& s, bool pct) {
        std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.lo < b.lo; });
        std::vector<Decimal> scores;
        for (const auto& sp : spans) {
            if (!sp.score) return;
            scores.push_back(*sp.score);
        }
        bool up = true, down = true;
        for (std::size_t i = 1; i < scores.size(); ++i) {
            up = up && scores[i - 1] <= scores[i];
            down = down && scores[i] <= scores[i - 1];
        }
        if (up || down) return;
        std::string seq;
        for (std::size_t i = 0; i < spans.size(); ++i)
            seq += fmt::format("{}{} 得 {}", i ? "，" : "", key_text(spans[i].lo, spans[i].hi, pct), scores[i].to_string());
        sink_.warning("W0701", s.loc, fmt::format("各档得分不单调：{}", seq), fmt::format("the tiers' scores are not monotone: {}", seq));
    }

    void grades() {
        const auto& g = r_.module->grades;
        if (g.empty()) return;
        std::vector<Span> spans;
        for (const auto& b : g) {
            if (!is_constant(b.bound)) return;
            spans.push_back(Span{low_key(b.bound.low, b.bound.low_closed), high_key(b.bound.high, b.bound.high_closed), b.loc, {}});
        }
        Range domain = Range::between(Decimal(), r_.total);
        sweep(spans, Key{0, Decimal(), 0}, Key{0, r_.total, 1}, false, false, "总分", "the total", "E0705", "E0706", domain);
    }
};

}  // namespace

void check_ruleset(const Ruleset& r, DiagnosticSink& sink) {
    Checker c(r, sink);
    c.run();
}

}  // namespace pingfen::check
