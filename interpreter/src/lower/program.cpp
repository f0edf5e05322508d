// Lowering a resolved ruleset's leaf rules to the compact program of program.hpp. Each
// expression is lowered for the way the evaluator reads it where it stands — as a number
// (number(): a literal costs no step), as a condition, or as a value (compute(): every node a
// step) — so that the program counts the AST walk's steps node for node.
#include "lower/program.hpp"

#include <algorithm>
#include <optional>
#include <unordered_map>

namespace pingfen::lower {

namespace {

using namespace ast;
using Op = Node::Op;

enum class Mode { Number, Condition, Value };
enum class Yields { Number, Bool, Other };

Yields yields(const Expr& e) {
    if (is_numeric(e.type) || e.type == ValueType::Date) return Yields::Number;
    if (e.type == ValueType::Bool) return Yields::Bool;
    return Yields::Other;
}

bool arithmetic(BinaryOp op) { return op == BinaryOp::Add || op == BinaryOp::Sub || op == BinaryOp::Mul || op == BinaryOp::Div; }
bool comparison(BinaryOp op) { return op == BinaryOp::Lt || op == BinaryOp::Le || op == BinaryOp::Gt || op == BinaryOp::Ge; }

bool is_condition(Op op) {
    switch (op) {
        case Op::Bool: case Op::InputBool: case Op::Not: case Op::Lt: case Op::Le: case Op::Gt: case Op::Ge: case Op::And: case Op::Or:
        case Op::EqNumber: case Op::NeNumber: case Op::EqBool: case Op::NeBool: case Op::AstCondition: return true;
        default: return false;
    }
}

bool full_or_zero(const Scoring& s) { return s.kind == Scoring::Kind::Full || s.kind == Scoring::Kind::Zero; }
// Evaluator::within_by_rule's test of the rule (the points' sign is checked when scoring).
bool by_rule(const Scoring& s) {
    return full_or_zero(s) || (s.kind == Scoring::Kind::If && full_or_zero(*s.then_) && full_or_zero(*s.else_));
}

class Lowering {
public:
    Lowering(const Ruleset& r, Program& p) : r_(r), p_(p) {}

    // The points the rules lowered next are scored on, when compile time knows them.
    void scored_on(const Decimal* points) { points_ = points; }

    std::uint32_t rule(const Scoring& s) {
        Rule out;
        out.full_or_zero = by_rule(s);
        switch (s.kind) {
            case Scoring::Kind::Full: out.kind = Rule::Kind::Full; break;
            case Scoring::Kind::Zero: out.kind = Rule::Kind::Zero; break;
            case Scoring::Kind::Score:
                out.kind = Rule::Kind::Score;
                out.a = expr(*s.value, Mode::Number);
                break;
            case Scoring::Kind::If:
                out.kind = Rule::Kind::If;
                out.a = expr(*s.value, Mode::Condition);
                out.b = rule(*s.then_);
                out.c = rule(*s.else_);
                break;
            case Scoring::Kind::Tiers:
                if (s.by_grade) return ast_rule(s);
                out.kind = Rule::Kind::Tiers;
                out.a = expr(*s.value, Mode::Number);
                out.b = static_cast<std::uint32_t>(p_.tiers.size());
                out.c = static_cast<std::uint32_t>(s.tiers.size());
                p_.tiers.resize(p_.tiers.size() + s.tiers.size());
                for (std::size_t k = 0; k < s.tiers.size(); ++k) tier(s.tiers[k], out.b + static_cast<std::uint32_t>(k));
                break;
            case Scoring::Kind::Step:
                out.kind = Rule::Kind::Step;
                out.flag_a = s.partial_step_counts;
                out.flag_b = s.downward;
                out.a = expr(*s.value, Mode::Number);
                if (s.base) out.b = expr(*s.base, Mode::Number);
                out.c = expr(*s.step, Mode::Number);
                out.d = expr(*s.amount, Mode::Number);
                break;
            case Scoring::Kind::Proportion:
                out.kind = Rule::Kind::Proportion;
                out.a = expr(*s.value, Mode::Number);
                out.b = expr(*s.cap, Mode::Number);
                break;
            case Scoring::Kind::Deductions: {
                out.kind = Rule::Kind::Deductions;
                out.b = static_cast<std::uint32_t>(p_.deductions.size());
                out.c = static_cast<std::uint32_t>(s.deductions.size());
                p_.deductions.resize(p_.deductions.size() + s.deductions.size());
                for (std::size_t k = 0; k < s.deductions.size(); ++k) {
                    const Deduction& d = s.deductions[k];
                    DeductionRow row;
                    row.conditional = d.kind == Deduction::Kind::Conditional;
                    row.amount = expr(*d.amount, Mode::Number);
                    row.subject = expr(*d.subject, row.conditional ? Mode::Condition : Mode::Number);
                    p_.deductions[out.b + k] = row;
                }
                break;
            }
            case Scoring::Kind::Parts: {
                for (const auto& part : s.parts)
                    if (!part->scoring) return ast_rule(s);
                out.kind = Rule::Kind::Parts;
                out.b = static_cast<std::uint32_t>(p_.parts.size());
                out.c = static_cast<std::uint32_t>(s.parts.size());
                p_.parts.resize(p_.parts.size() + s.parts.size());
                // On the points known at compile time (a leaf's declared points, a part of them),
                // each part's points are computed here, as scoring would compute them on those.
                const Decimal* whole = points_;
                if (whole) out.d = constant(*whole);
                for (std::size_t k = 0; k < s.parts.size(); ++k) {
                    const Indicator& part = *s.parts[k];
                    PartRow row;
                    row.share = constant(part.share);
                    row.percent = part.share_is_percent;
                    row.full_or_zero = by_rule(*part.scoring);
                    row.part = &part;
                    std::optional<Decimal> points;
                    if (!part.share_is_percent) points = part.share;
                    else if (whole) points = *whole * part.share;
                    if (points && whole) row.points = constant(*points);
                    points_ = points ? &*points : nullptr;
                    row.rule = rule(*part.scoring);
                    points_ = whole;
                    p_.parts[out.b + k] = row;
                }
                break;
            }
            case Scoring::Kind::Discretion:
                // A finding (按 财务核查 扣分) reads its number and reason from one datum: left to the AST walk.
                if (s.finding || !s.range || !s.reason) return ast_rule(s);
                out.kind = Rule::Kind::Discretion;
                out.flag_a = s.discretion_deducts;
                out.a = expr(*s.value, Mode::Number);
                if (s.range->low) out.b = expr(*s.range->low, Mode::Number);
                if (s.range->high) out.c = expr(*s.range->high, Mode::Number);
                out.low_closed = s.range->low_closed;
                out.high_closed = s.range->high_closed;
                out.d = whole(*s.reason);
                break;
            case Scoring::Kind::Completion: {
                if (s.rate_slot < 0 || !s.value || s.by_grade) return ast_rule(s);
                out.kind = Rule::Kind::Completion;
                out.a = whole(*s.value);
                out.flag_a = s.split_by_row_weight;
                out.flag_b = s.row_weight_is_share;
                out.b = static_cast<std::uint32_t>(p_.tiers.size());
                out.c = static_cast<std::uint32_t>(s.tiers.size());
                p_.tiers.resize(p_.tiers.size() + s.tiers.size());
                {
                    const Decimal* whole = points_;
                    points_ = nullptr;  // a goal row's points are the data's
                    for (std::size_t k = 0; k < s.tiers.size(); ++k) tier(s.tiers[k], out.b + static_cast<std::uint32_t>(k));
                    points_ = whole;
                }
                out.d = static_cast<std::uint32_t>(p_.scorings.size());
                p_.scorings.push_back(&s);
                break;
            }
        }
        p_.rules.push_back(out);
        return static_cast<std::uint32_t>(p_.rules.size() - 1);
    }

private:
    const Ruleset& r_;
    Program& p_;
    // Per slot: the node of its named value's definition, lowered once (kNone while lowering it:
    // a definition that reaches itself is left to the AST walk, which reports it).
    std::unordered_map<int, std::uint32_t> definitions_;
    std::unordered_map<std::uint32_t, std::uint32_t> number_input_, bool_input_;  // slot → its index in the packed copy
    static constexpr std::uint32_t kLowering = kNone - 1;
    // The points the rule being lowered is scored on, when compile time knows them (a leaf's
    // declared points, a part's share of known points); null otherwise.
    const Decimal* points_ = nullptr;

    std::uint32_t ast_rule(const Scoring& s) {
        Rule out;
        out.kind = Rule::Kind::Ast;
        out.full_or_zero = by_rule(s);
        out.d = static_cast<std::uint32_t>(p_.scorings.size());
        p_.scorings.push_back(&s);
        p_.rules.push_back(out);
        return static_cast<std::uint32_t>(p_.rules.size() - 1);
    }

    void tier(const Tier& t, std::uint32_t at) {
        TierRow row;
        row.otherwise = !t.bound;
        if (t.bound) {
            if (t.bound->low && !t.low_implied) row.low = expr(*t.bound->low, Mode::Number);
            if (t.bound->high && !t.high_implied) row.high = expr(*t.bound->high, Mode::Number);
            row.low_closed = t.bound->low_closed;
            row.high_closed = t.bound->high_closed;
        }
        row.result = rule(*t.result);
        p_.tiers[at] = row;
    }

    std::uint32_t constant(const Decimal& d) {
        p_.constants.push_back(d);
        return static_cast<std::uint32_t>(p_.constants.size() - 1);
    }

    std::uint32_t node(Node n) {
        if (n.yields != Node::Yields::Value && is_condition(n.op)) n.yields = Node::Yields::Bool;
        p_.nodes.push_back(n);
        return static_cast<std::uint32_t>(p_.nodes.size() - 1);
    }

    // A value read whole, as value() reads it (a reason's text, a goal table, a function's
    // argument): a datum as a Slot, a number or yes/no as any expression, else the AST walk's.
    std::uint32_t whole(const Expr& e) {
        const bool input = e.kind == Expr::Kind::Name && e.slot >= 0 &&
                           !(static_cast<std::size_t>(e.slot) < r_.local_of_slot.size() && r_.local_of_slot[static_cast<std::size_t>(e.slot)]);
        if (input) {
            Node n;
            n.op = Op::Slot;
            n.yields = Node::Yields::Value;
            n.a = static_cast<std::uint32_t>(e.slot);
            return node(n);
        }
        if (yields(e) != Yields::Other) return expr(e, Mode::Value);
        Node n;
        n.op = Op::AstValue;
        n.yields = Node::Yields::Value;
        n.steps = 0;
        n.a = static_cast<std::uint32_t>(p_.exprs.size());
        p_.exprs.push_back(&e);
        return node(n);
    }

    // A function of the library: its arguments read whole, then its lists' items counted as steps.
    std::uint32_t call(const Expr& e, Mode mode) {
        if (e.builtin < 0 || e.args.size() > 8) return ast(e, mode);
        std::uint32_t args[8];
        for (std::size_t k = 0; k < e.args.size(); ++k) args[k] = whole(*e.args[k]);
        Node n;
        n.op = Op::Call;
        n.yields = yields(e) == Yields::Bool ? Node::Yields::Bool : Node::Yields::Number;
        n.a = static_cast<std::uint32_t>(p_.exprs.size());
        p_.exprs.push_back(&e);
        n.b = static_cast<std::uint32_t>(p_.call_args.size());
        n.c = static_cast<std::uint32_t>(e.args.size());
        p_.call_args.insert(p_.call_args.end(), args, args + e.args.size());
        return node(n);
    }

    // What the AST walk evaluates itself: number() or condition() on it, which count their own steps.
    std::uint32_t ast(const Expr& e, Mode mode) {
        Node n;
        n.op = mode == Mode::Condition || (mode == Mode::Value && yields(e) == Yields::Bool) ? Op::AstCondition : Op::AstNumber;
        n.yields = n.op == Op::AstCondition ? Node::Yields::Bool : Node::Yields::Number;
        n.steps = 0;
        n.a = static_cast<std::uint32_t>(p_.exprs.size());
        p_.exprs.push_back(&e);
        return node(n);
    }

    // `e` read as `mode` says. A value of another kind than the mode wants is the AST walk's to
    // report; a value that is neither a number nor yes/no (a text, a list) is read by it too.
    std::uint32_t expr(const Expr& e, Mode mode) {
        const Yields y = yields(e);
        if (y == Yields::Other || (mode == Mode::Number && y != Yields::Number) || (mode == Mode::Condition && y != Yields::Bool))
            return ast(e, mode);
        Node n;
        switch (e.kind) {
            case Expr::Kind::Number:
                if (y != Yields::Number) return ast(e, mode);
                n.op = Op::Number;
                n.steps = mode == Mode::Number ? 0 : 1;  // number() reads a literal without a step
                n.a = constant(e.number);
                return node(n);
            case Expr::Kind::Bool:
                n.op = Op::Bool;
                n.a = e.boolean ? 1 : 0;
                return node(n);
            case Expr::Kind::Weight: n.op = Op::Weight; return node(n);
            case Expr::Kind::Name: return name(e, mode);
            case Expr::Kind::Negate:
                n.op = Op::Negate;
                n.a = expr(e.arg(0), Mode::Number);
                return node(n);
            case Expr::Kind::Not:
                n.op = Op::Not;
                n.a = expr(e.arg(0), Mode::Condition);
                return node(n);
            case Expr::Kind::Cond: {
                // compute(): the condition, then the branch taken as a value.
                n.op = Op::Cond;
                n.yields = y == Yields::Bool ? Node::Yields::Bool : Node::Yields::Number;
                n.a = expr(e.arg(0), Mode::Condition);
                if (yields(e.arg(1)) != y || yields(e.arg(2)) != y) return ast(e, mode);
                n.b = expr(e.arg(1), Mode::Value);
                n.c = expr(e.arg(2), Mode::Value);
                return node(n);
            }
            case Expr::Kind::Binary: return binary(e, mode);
            case Expr::Kind::Call: return call(e, mode);
            case Expr::Kind::Text: break;
        }
        return ast(e, mode);
    }

    std::uint32_t binary(const Expr& e, Mode mode) {
        Node n;
        const BinaryOp op = e.op;
        if (arithmetic(op) || comparison(op)) {
            static constexpr Op ops[] = {Op::Add, Op::Sub, Op::Mul, Op::Div, Op::Lt, Op::Le, Op::Gt, Op::Ge};
            n.op = ops[static_cast<int>(op)];
            n.a = expr(e.arg(0), Mode::Number);
            n.b = expr(e.arg(1), Mode::Number);
            return node(n);
        }
        if (op == BinaryOp::And || op == BinaryOp::Or) {
            n.op = op == BinaryOp::And ? Op::And : Op::Or;
            n.a = expr(e.arg(0), Mode::Condition);
            n.b = expr(e.arg(1), Mode::Condition);
            return node(n);
        }
        // = and ≠ compare the two values by the first one's kind; texts are left to the AST walk.
        const Yields l = yields(e.arg(0)), r = yields(e.arg(1));
        if (l != r || l == Yields::Other) return ast(e, mode);
        const bool eq = op == BinaryOp::Eq;
        n.op = l == Yields::Number ? (eq ? Op::EqNumber : Op::NeNumber) : (eq ? Op::EqBool : Op::NeBool);
        n.a = expr(e.arg(0), Mode::Value);
        n.b = expr(e.arg(1), Mode::Value);
        return node(n);
    }

    // A datum or a named value: one step, and for a named value not yet computed its definition
    // read as a value (local() and number_rest() count the same for it).
    std::uint32_t name(const Expr& e, Mode mode) {
        if (e.slot < 0) return ast(e, mode);
        const auto slot = static_cast<std::size_t>(e.slot);
        Node n;
        n.op = Op::Slot;
        n.yields = yields(e) == Yields::Bool ? Node::Yields::Bool : Node::Yields::Number;
        n.a = static_cast<std::uint32_t>(e.slot);
        const LocalDef* def = slot < r_.local_of_slot.size() ? r_.local_of_slot[slot] : nullptr;
        if (!def && slot < r_.input_of_slot.size()) {  // a datum: read from the packed copy
            const bool yes_no = n.yields == Node::Yields::Bool;
            std::vector<std::uint32_t>& packed = yes_no ? p_.bool_inputs : p_.number_inputs;
            auto [at, added] = (yes_no ? bool_input_ : number_input_).try_emplace(n.a, static_cast<std::uint32_t>(packed.size()));
            if (added) packed.push_back(n.a);
            n.op = yes_no ? Op::InputBool : Op::InputNumber;
            n.b = n.a;
            n.a = at->second;
            return node(n);
        }
        if (!def) return node(n);  // 完成率, set by the goal row being scored
        const Yields y = def->value ? yields(*def->value) : Yields::Other;
        if (y == Yields::Other || y != yields(e)) return ast(e, mode);
        const auto found = definitions_.find(e.slot);
        if (found == definitions_.end()) {
            definitions_[e.slot] = kLowering;
            const std::uint32_t d = expr(*def->value, Mode::Value);  // may add to definitions_
            definitions_[e.slot] = d;
            n.b = d;
        } else if (found->second == kLowering) {
            return ast(e, mode);
        } else {
            n.b = found->second;
        }
        n.c = y == Yields::Bool ? 1 : 0;
        n.context = slot < r_.context_local.size() && r_.context_local[slot];
        return node(n);
    }
};

bool literal(const ExprPtr& e) { return e && e->kind == Expr::Kind::Number; }

// Whether `s` scored on `w` points always gives points within [0, w], whatever the data.
bool bounded(const Scoring& s, const Decimal& w) {
    const Decimal zero;
    if (w.is_negative()) return false;
    switch (s.kind) {
        case Scoring::Kind::Full:
        case Scoring::Kind::Zero: return true;
        case Scoring::Kind::Score: return literal(s.value) && !s.value->number.is_negative() && !(w < s.value->number);
        case Scoring::Kind::If: return bounded(*s.then_, w) && bounded(*s.else_, w);
        case Scoring::Kind::Tiers:
            if (s.by_grade) return false;
            for (const Tier& t : s.tiers)
                if (!bounded(*t.result, w)) return false;
            return true;
        case Scoring::Kind::Proportion:  // max(0, min(rate, cap)) × w with 0 ≤ cap ≤ 1
            return literal(s.cap) && !s.cap->number.is_negative() && !(Decimal::from_int(1) < s.cap->number);
        case Scoring::Kind::Step:  // max(0, w − steps × per), steps ≥ 0 past the base
            return literal(s.amount) && !s.amount->number.is_negative();
        case Scoring::Kind::Discretion: {
            if (s.finding || !s.range || !literal(s.range->low) || s.range->low->number.is_negative()) return false;
            if (s.discretion_deducts) return true;  // max(0, w − v) with v ≥ 0
            return literal(s.range->high) && !(w < s.range->high->number);  // v ≤ high ≤ w
        }
        default: return false;
    }
}

// The numbers written as results of `s` (得 2 分, through its 若 and tiers): with its points (得满分,
// and what a deduction leaves when nothing is deducted) and 0, what it gives whatever the data.
void constant_results(const Scoring& s, std::vector<Decimal>& out) {
    switch (s.kind) {
        case Scoring::Kind::Score:
            if (literal(s.value)) out.push_back(s.value->number);
            break;
        case Scoring::Kind::If:
            constant_results(*s.then_, out);
            constant_results(*s.else_, out);
            break;
        case Scoring::Kind::Tiers:
            for (const Tier& t : s.tiers) constant_results(*t.result, out);
            break;
        default: break;
    }
}

// Rule::rounded of a leaf's rule scored on `points`, when the ruleset rounds leaves.
void round_results(const Ruleset& r, const Scoring& s, const Decimal& points, Rule& rule, Program& p) {
    if (!r.module || !r.module->rounding || r.module->rounding->where != Rounding::Where::Leaves) return;
    const int places = r.module->rounding->places;
    std::vector<Decimal> results{points, Decimal()};
    constant_results(s, results);
    rule.rounded = static_cast<std::uint32_t>(p.rounded.size());
    for (const Decimal& v : results) {
        if (rule.rounded_count == 8) break;  // compared one by one: a few are worth it, not a table's worth
        const bool seen = std::any_of(p.rounded.begin() + rule.rounded, p.rounded.end(),
                                      [&](const Rounded& x) { return x.raw.identical(v); });
        if (seen || !v.is_finite()) continue;
        p.rounded.push_back({v, v.round_half_up(places)});
        ++rule.rounded_count;
    }
}

}  // namespace

std::shared_ptr<const Program> lower_program(const Ruleset& r) {
    auto p = std::make_shared<Program>();
    Lowering lowering(r, *p);
    p->leaf_rule.assign(r.indicators.size(), kNone);
    for (std::size_t i = 0; i < r.indicators.size(); ++i) {
        const Indicator* ind = r.indicators[i];
        if (!ind || !ind->scoring || ind->role != Indicator::Role::Indicator) continue;
        const Decimal& points = i < r.sheet_weights.size() ? r.sheet_weights[i] : ind->weight;
        lowering.scored_on(&points);
        const std::uint32_t rule = lowering.rule(*ind->scoring);
        p->leaf_rule[i] = rule;
        round_results(r, *ind->scoring, points, p->rules[rule], *p);
        if (bounded(*ind->scoring, points)) {
            p->rules[rule].within = static_cast<std::uint32_t>(p->constants.size());
            p->constants.push_back(points);
        }
    }
    return p;
}

}  // namespace pingfen::lower
