// The evaluator running a leaf's lowered program (lower/program.hpp) instead of walking its
// AST: for scoring without explanation and without recording choices, which is every batch
// record and every plain score. Each case does what the AST walk's does for it, in the same
// order (rules.cpp, steps.cpp, evaluate.cpp), with the same steps; where the AST walk would
// stop with an error, the program gives up (GiveUp) and run_leaf() hands the leaf back, every
// step and cached named value undone, for the AST walk to score and report.
#include "builtins.hpp"
#include "eval/evaluate.hpp"

namespace pingfen::eval {

namespace {

using lower::kNone;
using lower::Node;
using lower::Rule;

struct GiveUp {};

bool blank(std::string_view text) { return text.find_first_not_of(" \t") == std::string_view::npos; }

}  // namespace

void Evaluator::give_up() { throw GiveUp{}; }

bool Evaluator::run_leaf(std::uint32_t rule, const Decimal& weight, Decimal& score) {
    const std::uint64_t steps_before = steps_;
    computed_.clear();
    // Logging stops however the leaf ends (an error of the rule passes through: a cleanup, not
    // a catch and rethrow, which unwinds the stack twice).
    struct Logging {
        bool& on;
        ~Logging() { on = false; }
    } logging{log_computed_};
    log_computed_ = true;
    bool scored = false;
    try {
        const Decimal raw = run_rule(rule);
        const Rule& r = program_->rules[rule];
        const bool within = (r.kind == Rule::Kind::Deductions && deductions_within_) ||
                            (r.within != kNone && weight.identical(program_->constants[r.within])) || (r.full_or_zero && !weight.is_negative());
        // Past the step budget, out of [0, points], or an assessment cut (W0502): the AST walk's
        // to say. Answered here without a throw, which costs more than scoring a leaf.
        scored = steps_ <= max_steps_ && (within || (!raw.is_negative() && !(weight < raw))) && clipped_.empty();
        if (scored) [[likely]] {
            score = raw;
            if (leaf_places_ >= 0) {
                // A constant result rounded when lowered (Rule::rounded); the same bits, the same score.
                std::uint32_t k = 0;
                while (k < r.rounded_count && !raw.identical(program_->rounded[r.rounded + k].raw)) ++k;
                score = k < r.rounded_count ? program_->rounded[r.rounded + k].rounded : raw.round_half_up(leaf_places_);
            }
        }
    } catch (const GiveUp&) {
    }
    if (scored) [[likely]] return true;
    for (std::size_t slot : computed_) state_[slot] = 0;
    steps_ = steps_before;
    clipped_.clear();
    weight_ = weight;
    part_ = nullptr;
    return false;
}

// Before the AST walk evaluates a node in place: the steps the program counted so far are
// checked as the walk would have checked each, so that it never passes a budget already spent.
void Evaluator::before_ast() const {
    if (steps_ > max_steps_) give_up();
}

// One function for the kinds: in functions of their own (tried), the jump saved a few
// instructions a rule but their code, spread over more cache lines, missed the instruction
// cache more often than it saved.
Decimal Evaluator::run_rule_rest(const Rule& r) {
    const Decimal w = weight_;
    const Decimal zero;
    switch (r.kind) {
        case Rule::Kind::Full:
        case Rule::Kind::Zero:
        case Rule::Kind::Score:
        case Rule::Kind::If: break;  // run_rule()'s
        case Rule::Kind::Tiers: return run_tiers(r, run_number(r.a));
        case Rule::Kind::Completion: return run_completion(r);
        case Rule::Kind::Step: {
            const bool down = r.flag_b;
            const Decimal v = run_number(r.a);
            const Decimal base = r.b != kNone ? run_number(r.b) : zero;
            const Decimal step = run_number(r.c);
            const Decimal per = run_number(r.d);
            if (!step.is_positive()) give_up();
            if (down ? base <= v : v <= base) return w;
            const Decimal ratio = down ? (base - v) / step : (v - base) / step;
            const Decimal steps = r.flag_a ? ratio.ceil() : ratio.floor();
            return (w - steps * per).floored_at_zero();
        }
        case Rule::Kind::Proportion: {
            const Decimal rate = run_number(r.a);
            const Decimal cap = run_number(r.b);
            return Decimal::min(rate, cap).floored_at_zero() * w;
        }
        case Rule::Kind::Deductions: {
            Decimal::Sum deducted;
            for (std::uint32_t k = r.b; k < r.b + r.c; ++k) {
                const lower::DeductionRow& d = program_->deductions[k];
                const Decimal amount = run_number(d.amount);
                if (d.conditional) {
                    if (run_condition(d.subject)) deducted.add(amount);
                    continue;
                }
                const Decimal n = run_number(d.subject);
                if (n.is_zero()) continue;
                if (n.is_negative()) give_up();  // a count cannot be negative
                deducted.add(n * amount);
            }
            const Decimal total = deducted.value();
            deductions_within_ = !w.is_negative() && !total.is_negative();
            return (w - total).floored_at_zero();
        }
        case Rule::Kind::Parts: {
            Decimal::Sum sum;
            // Scored on the points it was lowered for: the parts' points were computed then.
            const bool known = r.d != kNone && w.identical(program_->constants[r.d]);
            for (std::uint32_t k = r.b; k < r.b + r.c; ++k) {
                const lower::PartRow& p = program_->parts[k];
                const Decimal& share = program_->constants[p.share];
                const Decimal points = known && p.points != kNone ? program_->constants[p.points] : p.percent ? w * share : share;
                weight_ = points;
                part_ = p.part;
                const Decimal v = run_rule(p.rule);
                part_ = nullptr;
                weight_ = w;
                if (!(p.full_or_zero && !points.is_negative()) && (v.is_negative() || points < v)) give_up();
                sum.add(v);
            }
            return sum.value();
        }
        case Rule::Kind::Discretion: {
            const Decimal v = run_number(r.a);
            if (r.b != kNone && (r.low_closed ? v < run_number(r.b) : v <= run_number(r.b))) give_up();
            if (r.c != kNone && (r.high_closed ? run_number(r.c) < v : run_number(r.c) <= v)) give_up();
            const bool no_reason = run_blank(r.d);
            const bool deducts = r.flag_a;
            const bool lost = deducts ? !v.is_zero() : v < w;
            if (lost && no_reason) give_up();
            if (deducts && w < v) give_up();  // cut to the points: W0502, the AST walk's
            return deducts ? (w - v).floored_at_zero() : v;
        }
        case Rule::Kind::Ast: {
            before_ast();
            std::string why;
            return score(*program_->scorings[r.d], why);
        }
    }
    return zero;
}

// Whether a reason is blank (no text, or spaces only).
bool Evaluator::run_blank(std::uint32_t at) {
    Value own;
    const Value& v = run_value_in_place(at, own);
    return blank(v.kind == Value::Kind::Text ? v.text : std::string_view());
}

// run_value(), read in place when it is a datum or a named value: a copy was an allocation for
// a reason longer than a few words, and two atomic counts for a list or goal table.
const Value& Evaluator::run_value_in_place(std::uint32_t at, Value& own) {
    const Node& n = program_->nodes[at];
    if (n.yields == Node::Yields::Value && n.op == Node::Op::Slot) {
        steps_ += n.steps;
        return run_slot(n);
    }
    own = run_value(at);
    return own;
}

// The rule of the first of r's tier rows that `v` falls in.
Decimal Evaluator::run_tiers(const Rule& r, const Decimal& v) {
    for (std::uint32_t k = r.b; k < r.b + r.c; ++k) {
        const lower::TierRow& t = program_->tiers[k];
        if (!t.otherwise) {
            if (t.low != kNone && (t.low_closed ? v < run_number(t.low) : v <= run_number(t.low))) continue;
            if (t.high != kNone && (t.high_closed ? run_number(t.high) < v : run_number(t.high) <= v)) continue;
        }
        return run_rule(t.result);
    }
    give_up();  // in no tier
}

Decimal Evaluator::run_number_rest(const Node& n) {
    steps_ += n.steps;
    switch (n.op) {
        case Node::Op::Number: return program_->constants[n.a];
        case Node::Op::Weight: return weight_;
        case Node::Op::Slot: {
            const Value& v = run_slot(n);
            if (v.kind != Value::Kind::Number) [[unlikely]] give_up();
            return v.number;
        }
        case Node::Op::Negate: return -run_number(n.a);
        case Node::Op::Add:
        case Node::Op::Sub:
        case Node::Op::Mul:
        case Node::Op::Div: {
            const Decimal a = run_number(n.a);
            const Decimal b = run_number(n.b);
            Decimal r;
            switch (n.op) {
                case Node::Op::Add: r = a + b; break;
                case Node::Op::Sub: r = a - b; break;
                case Node::Op::Mul: r = a * b; break;
                default:
                    if (b.is_zero()) give_up();
                    r = a / b;
                    break;
            }
            if (!r.is_finite()) [[unlikely]] give_up();
            return r;
        }
        case Node::Op::Cond: return run_condition(n.a) ? run_number(n.b) : run_number(n.c);
        case Node::Op::Call: {
            const Value v = run_call(n);
            if (v.kind != Value::Kind::Number) give_up();
            return v.number;
        }
        case Node::Op::AstNumber: before_ast(); return number(*program_->exprs[n.a]);
        default: give_up();  // a condition where a number is wanted: the lowering rules it out
    }
}

bool Evaluator::run_condition_rest(const Node& n) {
    steps_ += n.steps;
    switch (n.op) {
        case Node::Op::Bool: return n.a != 0;
        case Node::Op::Slot: {
            const Value& v = run_slot(n);
            if (v.kind != Value::Kind::Bool) [[unlikely]] give_up();
            return v.boolean;
        }
        case Node::Op::Not: return !run_condition(n.a);
        case Node::Op::Lt: { const Decimal a = run_number(n.a); return a < run_number(n.b); }
        case Node::Op::Le: { const Decimal a = run_number(n.a); return a <= run_number(n.b); }
        case Node::Op::Gt: { const Decimal a = run_number(n.a); return run_number(n.b) < a; }
        case Node::Op::Ge: { const Decimal a = run_number(n.a); return run_number(n.b) <= a; }
        case Node::Op::And: return run_condition(n.a) && run_condition(n.b);
        case Node::Op::Or: return run_condition(n.a) || run_condition(n.b);
        case Node::Op::EqNumber: { const Decimal a = run_number(n.a); return a == run_number(n.b); }
        case Node::Op::NeNumber: { const Decimal a = run_number(n.a); return !(a == run_number(n.b)); }
        case Node::Op::EqBool: { const bool a = run_condition(n.a); return a == run_condition(n.b); }
        case Node::Op::NeBool: { const bool a = run_condition(n.a); return a != run_condition(n.b); }
        case Node::Op::Cond: return run_condition(n.a) ? run_condition(n.b) : run_condition(n.c);
        case Node::Op::Call: {
            const Value v = run_call(n);
            if (v.kind != Value::Kind::Bool) give_up();
            return v.boolean;
        }
        case Node::Op::AstCondition: before_ast(); return condition(*program_->exprs[n.a]);
        default: give_up();  // a number where a condition is wanted: the lowering rules it out
    }
}

Value Evaluator::run_value(std::uint32_t at) {
    const Node& n = program_->nodes[at];
    switch (n.yields) {
        case Node::Yields::Number: return Value::of(run_number(at));
        case Node::Yields::Bool: return Value::of_bool(run_condition(at));
        case Node::Yields::Value: break;
    }
    steps_ += n.steps;
    if (n.op == Node::Op::Slot) return run_slot(n);
    before_ast();
    return value(*program_->exprs[n.a]);  // AstValue
}

// compute()'s call: its arguments, a step for each item of a list among them, then the function
// (whose errors, an empty list, are its own; a result beyond decimal128 is compute()'s to report).
Value Evaluator::run_call(const Node& n) {
    Value args[8];
    for (std::uint32_t k = 0; k < n.c; ++k) args[k] = run_value(program_->call_args[n.b + k]);
    for (std::uint32_t k = 0; k < n.c; ++k)
        if (args[k].kind == Value::Kind::List && args[k].list) steps_ += args[k].list->size();
    before_ast();  // the function may report an error: the steps before it must be within the budget
    const ast::Expr& e = *program_->exprs[n.a];
    Value v = stdlib::builtins()[static_cast<std::size_t>(e.builtin)].call(std::span<const Value>(args, n.c), e.loc);
    if (v.kind == Value::Kind::Number && !v.number.is_finite()) give_up();
    return v;
}

// A datum, or a named value: read, or computed now as local() does (and kept unless it reads
// 分值). A datum not given, or a definition that reaches itself, is the AST walk's to report.
const Value& Evaluator::run_slot(const Node& n) {
    const std::size_t s = n.a;
    switch (state_[s]) {
        case 3: return given_[s];
        case 2: return slots_[s];
        case 0: break;
        default: give_up();
    }
    if (n.b == kNone) give_up();
    computing(s);
    NotComputedUnlessDone guard{state_[s]};
    slots_[s] = n.c ? Value::of_bool(run_condition(n.b)) : Value::of(run_number(n.b));
    guard.done(n.context ? 0 : 2);
    return slots_[s];
}

}  // namespace pingfen::eval
