// The evaluator's core: values of expressions (data, named values, arithmetic, comparisons,
// calls), each counted as a step, with the trace kept when explaining; what the rules do with
// them is in rules.cpp, completion.cpp, steps.cpp and leaf.cpp.
#include "eval/evaluate.hpp"

#include <fmt/format.h>

#include "builtins.hpp"
#include "eval/explain.hpp"
#include "eval/fail.hpp"

namespace pingfen::eval {

using namespace ast;

Evaluator::Evaluator(const Ruleset& r, std::vector<Value>& slots, Language lang, bool explain)
    : Evaluator(r, slots, own_state_, lang, explain) {}

Evaluator::Evaluator(const Ruleset& r, std::vector<Value>& slots, std::vector<unsigned char>& state, Language lang,
                     bool explain)
    : Evaluator(r, slots, slots, state, lang, explain) {}

Evaluator::Evaluator(const Ruleset& r, const std::vector<Value>& given, std::vector<Value>& slots,
                     std::vector<unsigned char>& state, Language lang, bool explain,
                     const std::vector<unsigned char>* given_state, const lower::InputFrame* frame)
    : r_(r), given_(given), slots_(slots), state_(state), lang_(lang), explain_(explain), en_(lang == Language::English) {
    if (r.module && r.module->rounding && r.module->rounding->where == Rounding::Where::Leaves) leaf_places_ = r.module->rounding->places;
    program_ = r.program.get();
    program_leaves();
    if (program_) {
        const bool packed = frame && frame->program == program_;
        if (!packed) lower::fill_input_frame(*program_, given, own_frame_);
        input_numbers_ = (packed ? frame : &own_frame_)->numbers.data();
        input_bools_ = (packed ? frame : &own_frame_)->bools.data();
    }
    if (given_state && given_state->size() == given.size()) state_.assign(given_state->begin(), given_state->end());
    else given_state_of(given, state_);
}

void Evaluator::given_state_of(const std::vector<Value>& given, std::vector<unsigned char>& state) {
    state.resize(given.size());
    for (std::size_t i = 0; i < given.size(); ++i) state[i] = given[i].kind != Value::Kind::Missing ? 3 : 0;
}

namespace {

// An arithmetic result beyond decimal128 (an absolute value past about 10^6144) is infinite,
// and NaN after the next step: it must never reach a sheet, so it stops the indicator at the
// operation that overflowed.
Value finite(const Loc& loc, const Value& v) {
    if (v.kind == Value::Kind::Number && !v.number.is_finite())
        fail(loc, "计算结果超出了可表示的范围（绝对值约 10^6145 以上）",
             "the result is beyond the range of numbers pingfen can represent (about 10^6145)");
    return v;
}

}  // namespace

void Evaluator::out_of_steps(const Loc& loc) const {
    EvalError e{loc, fmt::format("计算步数超过上限 {}", max_steps_), fmt::format("more than {} evaluation steps", max_steps_)};
    e.out_of_steps = true;
    throw e;
}

// Recording choices (record_choices): only ever appends to a list; never read while scoring.
void Evaluator::start_choices(const Indicator& ind) {
    leaf_choices_ = nullptr;
    scope_.clear();
    if (!choices_ || static_cast<std::size_t>(ind.index) >= choices_->size()) return;
    leaf_choices_ = &(*choices_)[static_cast<std::size_t>(ind.index)];
    leaf_choices_->clear();
}

void Evaluator::note_text(Choice::Kind k, const Scoring& s, std::size_t index, const Decimal& subject, const Decimal& amount,
                          std::string text) {
    if (!leaf_choices_) return;
    leaf_choices_->push_back(Choice{k, &s, index, subject, amount, scope_, std::move(text), nullptr, nullptr, weight_});
}

void Evaluator::record_choice(const Indicator& ind, Choice c) {
    if (choices_ && static_cast<std::size_t>(ind.index) < choices_->size())
        (*choices_)[static_cast<std::size_t>(ind.index)].assign(1, std::move(c));
}

void Evaluator::add_choice(const Indicator& ind, Choice c) {
    if (choices_ && static_cast<std::size_t>(ind.index) < choices_->size())
        (*choices_)[static_cast<std::size_t>(ind.index)].push_back(std::move(c));
}

Value Evaluator::local(int slot, const Expr& use) {
    auto s = static_cast<std::size_t>(slot);
    if (state_[s] >= 2) {
        if (explain_) explain_local(slot);
        return state_[s] == 3 ? given_[s] : slots_[s];
    }
    const LocalDef* def = s < r_.local_of_slot.size() ? r_.local_of_slot[s] : nullptr;
    if (!def) {
        // An input that could not be bound: not given (the host reports it as E0401 for this
        // indicator), or ill-typed (already reported). The one place a missing datum is met.
        EvalError e{use.loc, fmt::format("缺少数据 `{}`", use.text), fmt::format("missing datum `{}`", use.text)};
        e.missing_slot = slot;
        throw e;
    }
    if (state_[s] == 1) fail(use.loc, fmt::format("`{}` 的定义引用了它自己", use.text),
                             fmt::format("the definition of `{}` refers to itself", use.text));
    computing(s);
    NotComputedUnlessDone guard{state_[s]};
    Value v = value(*def->value);
    slots_[s] = v;  // kept for later uses (a value in context only until it is computed again)
    // A value that reads 分值 belongs to the context it is used in: computed again in each.
    guard.done(in_context(s) ? 0 : 2);
    if (explain_) explain_local(slot);
    return v;
}

Value Evaluator::value(const Expr& e) {
    if (!explain_) return compute(e);
    const std::uint32_t first = trace_.mark();
    Value v = compute(e);
    trace_.record(e, v, first);
    return v;
}

Value Evaluator::compute(const Expr& e) {
    step(e.loc);
    switch (e.kind) {
        case Expr::Kind::Number: return Value::of(e.number);
        case Expr::Kind::Bool: return Value::of_bool(e.boolean);
        case Expr::Kind::Text: {
            Value v;
            v.kind = Value::Kind::Text;
            v.text = e.text;
            return v;
        }
        case Expr::Kind::Weight: return Value::of(weight_);
        case Expr::Kind::Name:
            // A datum bound with the department (the most common name): read without local().
            if (!explain_ && state_[static_cast<std::size_t>(e.slot)] == 3) return given_[static_cast<std::size_t>(e.slot)];
            return local(e.slot, e);
        case Expr::Kind::Call: {
            Value args[8];
            std::vector<Value> many;
            std::span<Value> span;
            if (e.args.size() <= 8) {
                for (std::size_t i = 0; i < e.args.size(); ++i) args[i] = value(*e.args[i]);
                span = std::span<Value>(args, e.args.size());
            } else {
                for (const auto& a : e.args) many.push_back(value(*a));
                span = many;
            }
            for (const Value& a : span)
                if (a.kind == Value::Kind::List && a.list) step(e.loc, a.list->size());
            return finite(e.loc, stdlib::builtins()[static_cast<std::size_t>(e.builtin)].call(span, e.loc));
        }
        case Expr::Kind::Negate: return Value::of(-number(e.arg(0)));
        case Expr::Kind::Not: return Value::of_bool(!condition(e.arg(0)));
        case Expr::Kind::Cond: {
            const bool c = condition(e.arg(0));
            if (leaf_choices_)  // recorded for coverage only; never read while scoring
                leaf_choices_->push_back(Choice{Choice::Kind::Condition, nullptr, c ? 0u : 1u, {}, {}, scope_, {}, nullptr, &e, weight_});
            return c ? value(e.arg(1)) : value(e.arg(2));
        }
        case Expr::Kind::Binary: break;
    }
    switch (e.op) {
        case BinaryOp::And: return Value::of_bool(condition(e.arg(0)) && condition(e.arg(1)));
        case BinaryOp::Or: return Value::of_bool(condition(e.arg(0)) || condition(e.arg(1)));
        case BinaryOp::Eq:
        case BinaryOp::Ne: {
            Value a = value(e.arg(0)), b = value(e.arg(1));
            bool eq = a.kind == Value::Kind::Number ? a.number == b.number
                      : a.kind == Value::Kind::Bool ? a.boolean == b.boolean
                                                    : a.words() == b.words();
            return Value::of_bool(e.op == BinaryOp::Eq ? eq : !eq);
        }
        default: break;
    }
    switch (e.op) {
        case BinaryOp::Add:
        case BinaryOp::Sub:
        case BinaryOp::Mul:
        case BinaryOp::Div: return Value::of(arithmetic(e));
        case BinaryOp::Lt:
        case BinaryOp::Le:
        case BinaryOp::Gt:
        case BinaryOp::Ge: return Value::of_bool(comparison(e));
        default: return Value();
    }
}

// + − × ÷ of two numbers: compute() wraps the result in a Value (the trace records it), number()
// returns it as it is.
Decimal Evaluator::arithmetic(const Expr& e) {
    const Decimal a = number(e.arg(0));
    const Decimal b = number(e.arg(1));
    Decimal r;
    switch (e.op) {
        case BinaryOp::Add: r = a + b; break;
        case BinaryOp::Sub: r = a - b; break;
        case BinaryOp::Mul: r = a * b; break;
        default:  // BinaryOp::Div
            if (b.is_zero())  // each message names the divisor in its own language, whatever the sheet's
                fail(e.loc, fmt::format("除数 `{}` 为 0", explain::formula(e.arg(1), Language::Chinese)),
                     fmt::format("the divisor `{}` is 0", explain::formula(e.arg(1), Language::English)));
            r = a / b;
            break;
    }
    return finite(e.loc, Value::of(r)).number;
}

// < ≤ > ≥ of two numbers, for compute() and condition() alike.
bool Evaluator::comparison(const Expr& e) {
    const Decimal a = number(e.arg(0));
    const Decimal b = number(e.arg(1));
    switch (e.op) {
        case BinaryOp::Lt: return a < b;
        case BinaryOp::Le: return a <= b;
        case BinaryOp::Gt: return a > b;
        default: return a >= b;  // BinaryOp::Ge
    }
}

// What a tier table, a proportion or a step rule looks at: without explanation its number
// alone (number() reads a datum or a named value without a Value per node; the resolver makes
// it a number), the Value the explanation shows otherwise. A literal (按 95% 分档) is read as
// number() reads it, without a step, explained or not: value() would count one that a plain
// score does not (the explanation writes a literal from the rule, not from the trace).
Value Evaluator::subject_value(const Expr& e) {
    return explain_ && e.kind != Expr::Kind::Number ? value(e) : Value::of(number(e));
}

// + − × ÷ and unary minus: what compute() and number() evaluate alike, one step and arithmetic().
bool Evaluator::arithmetic_kind(const Expr& e) {
    if (e.kind == Expr::Kind::Negate) return true;
    return e.kind == Expr::Kind::Binary &&
           (e.op == BinaryOp::Add || e.op == BinaryOp::Sub || e.op == BinaryOp::Mul || e.op == BinaryOp::Div);
}

void Evaluator::not_a_number(const Loc& loc) { fail(loc, "此处应为数值", "a number is expected here"); }
void Evaluator::not_a_condition(const Loc& loc) { fail(loc, "此处应为条件（是/否）", "a yes/no condition is expected here"); }

// number() past its inline cases (a literal, a datum or a named value already computed).
Decimal Evaluator::number_rest(const Expr& e) {
    if (e.kind == Expr::Kind::Name && !explain_) {
        const auto slot = static_cast<std::size_t>(e.slot);
        // A named value not computed yet whose definition is arithmetic: local()'s steps and
        // bookkeeping, its definition evaluated by number() (which counts as compute() does).
        const LocalDef* def = state_[slot] == 0 && slot < r_.local_of_slot.size() ? r_.local_of_slot[slot] : nullptr;
        if (def && arithmetic_kind(*def->value)) {
            step(e.loc);
            computing(slot);
            NotComputedUnlessDone guard{state_[slot]};
            const Decimal n = number(*def->value);
            slots_[slot] = Value::of(n);
            guard.done(in_context(slot) ? 0 : 2);
            return n;
        }
    }
    // Arithmetic without explanation: compute()'s step and result, without a Value per node.
    if (!explain_) {
        switch (e.kind) {
            case Expr::Kind::Weight: step(e.loc); return weight_;
            case Expr::Kind::Negate: step(e.loc); return -number(e.arg(0));
            case Expr::Kind::Binary:
                if (e.op == BinaryOp::Add || e.op == BinaryOp::Sub || e.op == BinaryOp::Mul || e.op == BinaryOp::Div) {
                    step(e.loc);
                    return arithmetic(e);
                }
                break;
            default: break;
        }
    }
    Value v = value(e);
    if (v.kind != Value::Kind::Number) not_a_number(e.loc);  // the resolver rules this out
    return v.number;
}

// condition() past its inline case (a datum or a named value already computed).
bool Evaluator::condition_rest(const Expr& e) {
    // Comparisons, 非, 且 and 或 without explanation: compute()'s step and result, no Value.
    if (!explain_) {
        if (e.kind == Expr::Kind::Not) {
            step(e.loc);
            return !condition(e.arg(0));
        }
        if (e.kind == Expr::Kind::Binary) {
            switch (e.op) {
                case BinaryOp::Lt:
                case BinaryOp::Le:
                case BinaryOp::Gt:
                case BinaryOp::Ge: step(e.loc); return comparison(e);
                case BinaryOp::And: step(e.loc); return condition(e.arg(0)) && condition(e.arg(1));
                case BinaryOp::Or: step(e.loc); return condition(e.arg(0)) || condition(e.arg(1));
                default: break;
            }
        }
    }
    Value v = value(e);
    if (v.kind != Value::Kind::Bool) not_a_condition(e.loc);
    return v.boolean;
}

}  // namespace pingfen::eval
