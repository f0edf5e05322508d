#include "check/checker.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

#include "builtins.hpp"
#include "check/names.hpp"
#include "check/call_range.hpp"
#include "check/conditions.hpp"
#include "check/range.hpp"
#include "check/rounding.hpp"
#include "check/tiers.hpp"
#include "eval/explain.hpp"

namespace pingfen::check {
namespace {

using namespace ast;

class Checker {
public:
    Checker(const Ruleset& r, DiagnosticSink& sink) : r_(r), sink_(sink) {
        for (const InputDecl* in : r.input_of_slot) {
            Range range = in->range ? from_interval(*in->range) : Range::all();
            const bool count = in->type == ValueType::Count || (in->type == ValueType::List && in->element == ValueType::Count);
            if (!in->range && count) range = Range::at_least(Decimal());
            range.integral = count || in->type == ValueType::Date;  // a list's range is its items'; a date is a whole day
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
            divisor_reported_ = false;
            culprit_.reset();
            Range score = scoring(*ind->scoring);
            if (too_complex_) return;
            // A division by what can be 0 leaves the score unknown: that is the error, said once.
            if (ind->role == Indicator::Role::Indicator && !score.within(Decimal(), ind->weight) && !divisor_reported_)
                out_of_range(*ind, score);
        }
        grades();
        similar_names(r_, sink_);
    }

private:
    const Ruleset& r_;
    DiagnosticSink& sink_;
    std::map<int, Range> inputs_;
    // Facts known on the current path, each about an expression by its key (expression_key):
    // `若 丙 + 丁 > 0 则 …` tells (0, +∞) about `丙 + 丁` wherever it is written in the branch.
    std::vector<std::pair<std::string, Range>> refined_;
    int facts_on_expressions_ = 0;  // how many of refined_ are about more than a name
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
    bool divisor_reported_ = false;  // E0801 in the current leaf
    std::optional<Loc> culprit_;     // where the current leaf's or part's score leaves its points
    RoundingCheck rounding_{r_, sink_};
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

    const Range* fact(const std::string& key) const {
        for (auto it = refined_.rbegin(); it != refined_.rend(); ++it)
            if (it->first == key) return &it->second;
        return nullptr;
    }

    Range slot_range(int slot) {
        if (!refined_.empty())
            if (const Range* f = fact(slot_key(slot))) return *f;
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

    template <typename F>
    auto under(const Expr& c, bool truth, F f) {
        std::vector<std::pair<std::string, Range>> more;
        refine(c, truth, more);
        return with_facts(more, f);
    }

    template <typename F>
    auto with_facts(const std::vector<std::pair<std::string, Range>>& more, F f) {
        std::size_t n = refined_.size();
        int on_expressions = 0;
        for (const auto& m : more) on_expressions += m.first[0] != '#';
        refined_.insert(refined_.end(), more.begin(), more.end());
        facts_on_expressions_ += on_expressions;
        local_ranges_.clear();  // worked out without these conditions
        auto result = f();
        refined_.resize(n);
        facts_on_expressions_ -= on_expressions;
        local_ranges_.clear();  // worked out with them
        return result;
    }

    // What a condition tells on the branch where it is `truth`: 若 x > 0 则 … about x, 若 丙 + 丁 > 0
    // 则 … about 丙 + 丁, and through a named condition (有采购 = 合同数 > 0; 若 有采购 则 …) what
    // its definition tells.
    void refine(const Expr& c, bool truth, std::vector<std::pair<std::string, Range>>& out, int depth = 0) {
        if (depth > 64) return;  // named conditions each naming the one before; deeper is not followed
        if (c.kind == Expr::Kind::Not) return refine(*c.args[0], !truth, out, depth + 1);
        if (c.kind == Expr::Kind::Name && c.slot >= 0 && c.type == ValueType::Bool) {
            const LocalDef* def = static_cast<std::size_t>(c.slot) < r_.local_of_slot.size() ? r_.local_of_slot[static_cast<std::size_t>(c.slot)] : nullptr;
            if (def && !computing_.count(c.slot)) {
                computing_.insert(c.slot);
                refine(*def->value, truth, out, depth + 1);
                computing_.erase(c.slot);
            }
            return;
        }
        if (c.kind != Expr::Kind::Binary) return;
        if ((c.op == BinaryOp::And && truth) || (c.op == BinaryOp::Or && !truth)) {
            // `乙 > 0 且 甲 / 乙 ≥ 50%`: the right side is read where the left one holds.
            const std::size_t before = out.size();
            refine(*c.args[0], truth, out, depth + 1);
            std::vector<std::pair<std::string, Range>> left(out.begin() + static_cast<std::ptrdiff_t>(before), out.end());
            with_facts(left, [&] {
                refine(*c.args[1], truth, out, depth + 1);
                return 0;
            });
            return;
        }
        const auto cmp = comparison(c, truth, r_);
        if (!cmp) return;
        const std::string key = expression_key(*cmp->subject);
        if (key.empty()) return;
        const Expr* subject = cmp->subject;
        const BinaryOp op = cmp->op;
        const Decimal& v = cmp->value;
        Range known = range(*subject), cut;
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
        out.emplace_back(key, intersect(known, cut));
    }

    Range range(const Expr& e) {
        Range r = computed_range(e);
        if (facts_on_expressions_ > 0 && e.kind != Expr::Kind::Name && e.kind != Expr::Kind::Number)
            if (const Range* f = fact(expression_key(e))) r = intersect(r, *f);
        return r;
    }

    // 丙 / (丙 + 丁) with 丙, 丁 ≥ 0 is a share of a whole, within [0, 1]; intervals alone,
    // which forget that both 丙 are the same value, would give [0, +∞).
    bool part_of_whole(const Expr& num, const Range& num_range, const Expr& den) {
        const bool nonnegative = num_range.lo && !num_range.lo->is_negative();
        if (!nonnegative) return false;
        const std::string k = expression_key(num);
        if (k.empty()) return false;
        std::vector<const Expr*> terms;
        addends(den, terms);
        if (terms.size() < 2) return false;
        bool found = false;
        for (const Expr* t : terms) {
            if (!found && expression_key(*t) == k) {
                found = true;
                continue;
            }
            const Range r = range(*t);
            if (!r.lo || r.lo->is_negative()) return false;
        }
        return found;
    }

    // 甲 + 乙 + 丙 and 合计(甲, 乙, 丙) as their terms.
    static void addends(const Expr& e, std::vector<const Expr*>& out) {
        if (e.kind == Expr::Kind::Binary && e.op == BinaryOp::Add) {
            addends(*e.args[0], out);
            addends(*e.args[1], out);
        } else if (e.kind == Expr::Kind::Call && e.builtin >= 0 && e.args.size() >= 2 &&
                   std::string(stdlib::builtins()[static_cast<std::size_t>(e.builtin)].name_en) == "sum") {
            for (const auto& a : e.args) addends(*a, out);
        } else {
            out.push_back(&e);
        }
    }

    Range computed_range(const Expr& e) {
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
                r.integral = a.integral;
                return r;
            }
            case Expr::Kind::Cond: {
                Range t = under(*e.args[0], true, [&] { return range(*e.args[1]); });
                Range f = under(*e.args[0], false, [&] { return range(*e.args[2]); });
                return t.hull(f);
            }
            case Expr::Kind::Call: {
                std::vector<Range> a;
                for (const auto& x : e.args) a.push_back(range(*x));
                return call_range(e, a);
            }
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
                Range q = divide(num, den);
                if (part_of_whole(*e.args[0], num, *e.args[1])) q = intersect(q, Range::between(Decimal(), Decimal::from_int(1)));
                return q;
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

    void zero_divisor(const Expr& e, const Range& den) {
        divisor_reported_ = true;
        if (too_complex_ || !once(e.loc)) return;
        const Expr& d = *e.args[1];
        std::string what = explain::formula(d, Language::Chinese);
        std::string what_en = explain::formula(d, Language::English);
        bool pct = d.type == ValueType::Percent;
        sink_.error("E0801", span(d),
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
                rounding_.score(*s.value);
                return range(*s.value);
            case Scoring::Kind::If: {
                range(*s.value);
                Range t = under(*s.value, true, [&] { return scoring(*s.then_); });
                Range f = under(*s.value, false, [&] { return scoring(*s.else_); });
                blame(t, w, s.then_->loc);
                blame(f, w, s.else_->loc);
                return t.hull(f);
            }
            case Scoring::Kind::Tiers: {
                Range domain = range(*s.value);
                tiers(s, domain, true);
                std::optional<Range> out;
                for (const auto& t : s.tiers) {
                    Range r = scoring(*t.result);
                    blame(r, w, t.loc);
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
                overlapping_deductions(s);
                for (const auto& table : s.deduction_tiers) deduction_tiers(sink_, *table);
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
                    culprit_.reset();
                    weight_ = p->share_is_percent ? w * p->share : p->share;
                    local_ranges_.clear();  // 分值 is the part's points
                    Range pr = p->scoring ? scoring(*p->scoring) : Range::point(Decimal());
                    if (!pr.within(Decimal(), weight_) && !divisor_reported_) out_of_part(*p, pr);
                    weight_ = w;
                    part_ = nullptr;
                    local_ranges_.clear();
                    sum = sum + intersect(pr, Range::between(Decimal(), p->share_is_percent ? w * p->share : p->share));
                }
                culprit_.reset();  // the parts were each reported on their own
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

    // 若 3 ≤ n ≤ 5 扣 0.5 分 and 若 n ≥ 5 扣 1 分 both take points at 5: conditions on one value that
    // share an end look like tiers written with a slip. Nested conditions (≥ 3, then ≥ 5 again)
    // deduct on purpose one after the other and are left alone.
    void overlapping_deductions(const Scoring& s) {
        struct Cond {
            const Deduction* d;
            std::string key;
            Range where;
        };
        std::vector<Cond> conds;
        for (const auto& d : s.deductions) {
            // Rows of a tier table are swept as tiers (E0708), not compared as separate conditions.
            if (d.kind != Deduction::Kind::Conditional || d.from_tiers || !only_comparisons(*d.subject)) continue;
            std::vector<std::pair<std::string, Range>> facts;
            refine(*d.subject, true, facts);
            if (facts.empty()) continue;
            bool one_value = true;
            Range where = facts[0].second;
            for (const auto& f : facts) {
                one_value = one_value && f.first == facts[0].first;
                where = intersect(where, f.second);
            }
            if (one_value) conds.push_back({&d, facts[0].first, where});
        }
        for (std::size_t j = 1; j < conds.size(); ++j)
            for (std::size_t i = 0; i < j; ++i) {
                const Cond& a = conds[i];
                const Cond& b = conds[j];
                if (a.key != b.key || !overlaps(a.where, b.where) || contains(a.where, b.where) || contains(b.where, a.where)) continue;
                const Range both = intersect(a.where, b.where);
                const Expr& subject = b.d->subject->kind == Expr::Kind::Binary && b.d->subject->op == BinaryOp::And
                                          ? *b.d->subject->args[1] : *b.d->subject;
                const Expr& value = subject.args[0]->kind == Expr::Kind::Number ? *subject.args[1] : *subject.args[0];
                const bool pct = value.type == ValueType::Percent;
                const std::string what = explain::formula(value, Language::Chinese);
                const std::string what_en = explain::formula(value, Language::English);
                const bool point = both.lo && both.hi && *both.lo == *both.hi;
                const std::string at = point ? (pct ? both.lo->to_percent_exact() : both.lo->to_string()) : both.text(pct);
                sink_.warning("W0702", span(*b.d->subject),
                              fmt::format("扣分条件重叠：`{}` {} {} 时两条都扣分（{} 与 {}）", what, point ? "为" : "在", at,
                                          a.where.text(pct), b.where.text(pct)),
                              fmt::format("deduction conditions overlap: when `{}` is {}{} both deduct ({} and {})", what_en,
                                          point ? "" : "in ", at, a.where.text(pct), b.where.text(pct)));
                sink_.last().notes.push_back(make_note(span(*a.d->subject), "与这一条重叠", "overlapping this one"));
                break;
            }
    }

    // The innermost branch or tier whose own score leaves [0, points] is where the caret goes:
    // `≤ 10% 得 2 分` in a 1-point indicator, not the `按` that opens the tiers.
    void blame(const Range& r, const Decimal& w, const Loc& at) {
        if (!culprit_ && !r.within(Decimal(), w)) culprit_ = at;
    }

    // `3 ≤ n ≤ 5` or `n ≥ 5`, nothing else: with another condition besides (`无规程 且 n ≥ 3`)
    // the two deductions need not fire together.
    bool only_comparisons(const Expr& c) const {
        if (c.kind == Expr::Kind::Binary && c.op == BinaryOp::And) return only_comparisons(*c.args[0]) && only_comparisons(*c.args[1]);
        return comparison(c, true, r_).has_value();
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
        if (s.finding)  // 按 财务核查 扣分: the bounds are the input's, a constant
            sink_.error("E0707", iv.loc,
                        fmt::format("核查 `{}` 的扣分范围 {} 超过 `{}` 的分值 {} 分：扣分可达 {}，超出 {} 分的部分无处可扣，会被截去",
                                    s.value->text, bound, who, w, high, w),
                        fmt::format("the finding `{}`'s bounds {} exceed the {} points of `{}`: a deduction of up to {} would be cut to {}",
                                    s.value->text, bound_en, w, who, high, w));
        else if (s.discretion_deducts)
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
        changed_weight_note(part_ ? nullptr : leaf_);
        if (s.finding)
            sink_.last().notes.push_back(make_note(Loc{}, fmt::format("核查的扣分上限应不超过 {}", w),
                                                   fmt::format("the finding's upper bound should be at most {}", w)));
        else
            sink_.last().notes.push_back(make_note(Loc{}, fmt::format("范围的上限应不超过 {}（可写 `分值`）", w),
                                                   fmt::format("the upper bound should be at most {} (`weight` can be written)", w)));
        return true;
    }

    // A weight lowered by another file's 修改 is where a bound or a literal score came to exceed it.
    void changed_weight_note(const Indicator* ind) {
        if (!ind || !ind->weight_loc.valid() || ind->weight_loc.file == ind->name_loc.file) return;
        const std::string w = ind->weight.to_string();
        sink_.last().notes.push_back(make_note(ind->weight_loc, fmt::format("`{}` 的分值在这里改为 {}", ind->name, w),
                                               fmt::format("the weight of `{}` is changed to {} here", ind->name, w)));
    }

    void out_of_range(const Indicator& ind, const Range& score) {
        std::string inputs, inputs_en;
        for (int slot : r_.inputs_of[static_cast<std::size_t>(ind.index)]) {
            const InputDecl* in = r_.input_of_slot[static_cast<std::size_t>(slot)];
            if (in->type == ValueType::Bool || in->type == ValueType::Text) continue;
            const std::string one = fmt::format("{} ∈ {}", in->name, inputs_[slot].text(in->type == ValueType::Percent));
            inputs += (inputs.empty() ? "" : "，") + one;
            inputs_en += (inputs_en.empty() ? "" : ", ") + one;
        }
        sink_.error("E0701", culprit_ ? *culprit_ : ind.scoring->loc,
                    fmt::format("`{}` 的得分可能落在 {}，超出 [0, {}]", ind.name, score.text(false), ind.weight.to_string()),
                    fmt::format("the score of `{}` can be {}, outside [0, {}]", ind.name, score.text(false), ind.weight.to_string()));
        changed_weight_note(&ind);
        if (!inputs.empty())
            sink_.last().notes.push_back(make_note(Loc{}, fmt::format("按声明的输入范围：{}；可给输入声明范围，或用 `较小`/`较大` 限定得分", inputs),
                                                   fmt::format("given the declared ranges {}; declare ranges, or bound the score with min/max", inputs_en)));
    }

    void out_of_part(const Indicator& part, const Range& score) {
        if (too_complex_) return;
        sink_.error("E0702", culprit_ ? *culprit_ : part.loc,
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
        Sweep what{dlo, dhi, domain, otherwise, pct, subject, subject_en, "E0703", "E0704"};
        what.date = s.value && s.value->type == ValueType::Date;  // gaps said as 2023年4月28日, not day numbers
        const bool overlapped = sweep(sink_, spans, what);
        // Scores that rise and fall because two tiers overlap follow from the overlap: it is said once, as the error.
        if (monotone_check && !overlapped) monotone(sink_, spans, s.loc, pct);
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
        sweep(sink_, spans, Sweep{Key{0, Decimal(), 0}, Key{0, r_.total, 1}, domain, false, false, "总分", "the total", "E0705", "E0706"});
    }
};

}  // namespace

void check_ruleset(const Ruleset& r, DiagnosticSink& sink) {
    Checker c(r, sink);
    c.run();
}

}  // namespace pingfen::check
