#include "eval/evaluate.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

#include "builtins.hpp"
#include "eval/explain.hpp"
#include "lower/goal_rows.hpp"

namespace pingfen::eval {

using namespace ast;
using explain::show;
using explain::show_number;
using explain::show_points;

Evaluator::Evaluator(const Ruleset& r, std::vector<Value>& slots, Language lang, bool explain)
    : Evaluator(r, slots, own_state_, lang, explain) {}

Evaluator::Evaluator(const Ruleset& r, std::vector<Value>& slots, std::vector<unsigned char>& state, Language lang,
                     bool explain)
    : Evaluator(r, slots, slots, state, lang, explain) {}

Evaluator::Evaluator(const Ruleset& r, const std::vector<Value>& given, std::vector<Value>& slots,
                     std::vector<unsigned char>& state, Language lang, bool explain,
                     const std::vector<unsigned char>* given_state)
    : r_(r), given_(given), slots_(slots), state_(state), lang_(lang), explain_(explain), en_(lang == Language::English) {
    if (r.module && r.module->rounding && r.module->rounding->where == Rounding::Where::Leaves) leaf_places_ = r.module->rounding->places;
    if (given_state && given_state->size() == given.size()) state_.assign(given_state->begin(), given_state->end());
    else given_state_of(given, state_);
}

void Evaluator::given_state_of(const std::vector<Value>& given, std::vector<unsigned char>& state) {
    state.resize(given.size());
    for (std::size_t i = 0; i < given.size(); ++i) state[i] = given[i].kind != Value::Kind::Missing ? 3 : 0;
}

namespace {

[[noreturn]] void fail(const Loc& loc, std::string zh, std::string en) {
    throw EvalError{loc, std::move(zh), std::move(en)};
}

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
    state_[s] = 1;
    Value v = value(*def->value);
    slots_[s] = v;  // kept for later uses (a value in context only until it is computed again)
    // A value that reads 分值 belongs to the context it is used in: computed again in each.
    state_[s] = in_context(s) ? 0 : 2;
    if (explain_) explain_local(slot);
    return v;
}

void Evaluator::explain_local(int slot) {
    const auto s = static_cast<std::size_t>(slot);
    const bool in_context = this->in_context(s);
    if (!in_context && std::find(shown_locals_.begin(), shown_locals_.end(), slot) != shown_locals_.end()) return;
    const LocalDef* def = r_.local_of_slot[s];
    if (!def) return;
    const long at = trace_.latest(*def->value);
    if (at < 0 && def->value->kind != Expr::Kind::Number) return;  // not evaluated (cannot happen after local())
    if (!in_context) shown_locals_.push_back(slot);
    // Named values it is built from come first, so the explanation reads in order; only those
    // its evaluation read (not those in a branch it did not take).
    std::function<void(const Expr&)> deps = [&](const Expr& e) {
        if (e.kind == Expr::Kind::Name && e.slot >= 0 && r_.local_of_slot[static_cast<std::size_t>(e.slot)] &&
            trace_.find(e, trace_.at(at).first, static_cast<std::uint32_t>(at)) >= 0)
            explain_local(e.slot);
        for (const auto& a : e.args) deps(*a);
    };
    if (at >= 0) deps(*def->value);
    const Value& v = at >= 0 ? trace_.at(at).value : slots_[s];
    std::string shown = show(v, def->value->type, lang_);
    std::string filled = with_values(*def->value);
    std::string text = filled == shown ? fmt::format("{} = {}", def->name, shown)
                                       : fmt::format("{} = {} = {}", def->name, filled, shown);
    // In context it can be met again with the same value: said once.
    if (in_context && std::find(parts_.begin(), parts_.end(), text) != parts_.end()) return;
    parts_.push_back(std::move(text));
}

// An expression with the values its latest evaluation used, from the trace: nothing is
// evaluated again. What that evaluation skipped (the branch not taken, the right side of a
// short-circuited 且/或) reads "未判断".
std::string Evaluator::with_values(const Expr& e) {
    const long at = trace_.latest(e);
    if (at < 0) return explain::formula(e, lang_);  // a literal, read without evaluating
    const Trace::Entry& root = trace_.at(at);
    std::function<std::string(const Expr&)> f = [&](const Expr& n) -> std::string {
        const long i = &n == &e ? at : trace_.find(n, root.first, static_cast<std::uint32_t>(at));
        if (i < 0) {
            const char* skipped = en_ ? "(not evaluated)" : "（未判断）";
            return n.kind == Expr::Kind::Name ? fmt::format(fmt::runtime(en_ ? "{} {}" : "{}{}"), n.text, skipped) : skipped;
        }
        const Value& v = trace_.at(i).value;
        if (n.kind == Expr::Kind::Weight) return show_points(v.number);
        if (n.kind == Expr::Kind::Cond) return show(v, n.type, lang_);
        if (v.kind == Value::Kind::List) return show(v, n.element, lang_);
        // A yes/no datum reads better with its name: 涉密部门（否）.
        if (v.kind == Value::Kind::Bool)
            return fmt::format(fmt::runtime(en_ ? "{} ({})" : "{}（{}）"), n.text, show(v, n.type, lang_));
        return show(v, n.type, lang_);
    };
    return explain::formula(e, lang_, &f);
}

// The data and named values a condition read, each with its value, in the order written:
// 涉密部门：否；已公开预决算：是. One that evaluation did not reach reads "未判断".
std::string Evaluator::facts(const Expr& e) {
    const long at = trace_.latest(e);
    std::vector<int> seen;
    std::string out;
    std::function<void(const Expr&)> walk = [&](const Expr& n) {
        if (n.kind != Expr::Kind::Name) {
            for (const auto& a : n.args) walk(*a);
            return;
        }
        if (std::find(seen.begin(), seen.end(), n.slot) != seen.end()) return;
        seen.push_back(n.slot);
        const long i = at < 0 ? -1 : &n == &e ? at : trace_.find(n, trace_.at(at).first, static_cast<std::uint32_t>(at));
        std::string one;
        if (i < 0) one = fmt::format(fmt::runtime(en_ ? "{}: not evaluated" : "{}：未判断"), n.text);
        else if (trace_.at(i).value.kind == Value::Kind::Bool)
            one = fmt::format(fmt::runtime(en_ ? "{}: {}" : "{}：{}"), n.text, show(trace_.at(i).value, n.type, lang_));
        else one = fmt::format("{} {}", n.text, show(trace_.at(i).value, n.type, lang_));
        out += (out.empty() ? "" : (en_ ? "; " : "；")) + one;
    };
    walk(e);
    return out;
}

// A condition as the standard states it, then with the numbers: 三公经费实际支出 ≤ 三公经费预算
// （18.36 ≤ 25）. One built with 非, 且 or 或 is followed by the values it read, by name:
// 非 涉密部门 且 非 已公开预决算（涉密部门：否；已公开预决算：是）.
std::string Evaluator::condition_text(const Expr& e) {
    std::string names = explain::formula(e, lang_);
    const bool compound = e.kind == Expr::Kind::Not ||
                          (e.kind == Expr::Kind::Binary && (e.op == BinaryOp::And || e.op == BinaryOp::Or));
    if (compound) {
        std::string read = facts(e);
        return read.empty() ? names : fmt::format(fmt::runtime(en_ ? "{} ({})" : "{}（{}）"), names, read);
    }
    std::string values = with_values(e);
    if (names == values) return values;
    return fmt::format(fmt::runtime(en_ ? "{} ({})" : "{}（{}）"), names, values);
}

// How the value a rule looks at is named in an explanation: nothing more when it is a named
// value just explained (结余结转率 = … = 2.73%), "利用率 98.06%" for a datum, the formula with
// its numbers otherwise.
std::string Evaluator::subject(const Expr& e, const Value& v) {
    if (e.kind == Expr::Kind::Name) {
        bool explained = std::find(shown_locals_.begin(), shown_locals_.end(), e.slot) != shown_locals_.end();
        if (explained) return "";
        return fmt::format("{} {}", e.text, show(v, e.type, lang_));
    }
    std::string filled = with_values(e), shown = show(v, e.type, lang_);
    return filled == shown ? shown : fmt::format("{} = {}", filled, shown);
}

// "控制率 12%" for a name, the formula with its numbers otherwise.
std::string Evaluator::named(const Expr& e, const Value& v) {
    if (e.kind == Expr::Kind::Name) return fmt::format("{} {}", e.text, show(v, e.type, lang_));
    std::string filled = with_values(e), shown = show(v, e.type, lang_);
    return filled == shown ? shown : fmt::format("{} = {}", filled, shown);
}

// Joins explanation pieces, leaving out empty ones.
std::string Evaluator::join(std::initializer_list<std::string> parts) const {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += en_ ? ", " : "，";
        out += p;
    }
    return out;
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
        case Expr::Kind::Negate: return Value::of(-number(*e.args[0]));
        case Expr::Kind::Not: return Value::of_bool(!condition(*e.args[0]));
        case Expr::Kind::Cond: {
            const bool c = condition(*e.args[0]);
            if (leaf_choices_)  // recorded for coverage only; never read while scoring
                leaf_choices_->push_back(Choice{Choice::Kind::Condition, nullptr, c ? 0u : 1u, {}, {}, scope_, {}, nullptr, &e, weight_});
            return c ? value(*e.args[1]) : value(*e.args[2]);
        }
        case Expr::Kind::Binary: break;
    }
    switch (e.op) {
        case BinaryOp::And: return Value::of_bool(condition(*e.args[0]) && condition(*e.args[1]));
        case BinaryOp::Or: return Value::of_bool(condition(*e.args[0]) || condition(*e.args[1]));
        case BinaryOp::Eq:
        case BinaryOp::Ne: {
            Value a = value(*e.args[0]), b = value(*e.args[1]);
            bool eq = a.kind == Value::Kind::Number ? a.number == b.number
                      : a.kind == Value::Kind::Bool ? a.boolean == b.boolean
                                                    : a.text == b.text;
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
    const Decimal a = number(*e.args[0]);
    const Decimal b = number(*e.args[1]);
    Decimal r;
    switch (e.op) {
        case BinaryOp::Add: r = a + b; break;
        case BinaryOp::Sub: r = a - b; break;
        case BinaryOp::Mul: r = a * b; break;
        default:  // BinaryOp::Div
            if (b.is_zero()) {
                std::string divisor = explain::formula(*e.args[1], lang_);
                fail(e.loc, fmt::format("除数 `{}` 为 0", divisor), fmt::format("the divisor `{}` is 0", divisor));
            }
            r = a / b;
            break;
    }
    return finite(e.loc, Value::of(r)).number;
}

// < ≤ > ≥ of two numbers, for compute() and condition() alike.
bool Evaluator::comparison(const Expr& e) {
    const Decimal a = number(*e.args[0]);
    const Decimal b = number(*e.args[1]);
    switch (e.op) {
        case BinaryOp::Lt: return a < b;
        case BinaryOp::Le: return a <= b;
        case BinaryOp::Gt: return a > b;
        default: return a >= b;  // BinaryOp::Ge
    }
}

// What a tier table, a proportion or a step rule looks at: without explanation its number
// alone (number() reads a datum or a named value without a Value per node; the resolver makes
// it a number), the Value the explanation shows otherwise.
Value Evaluator::subject_value(const Expr& e) { return explain_ ? value(e) : Value::of(number(e)); }

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
            state_[slot] = 1;
            const Decimal n = number(*def->value);
            slots_[slot] = Value::of(n);
            state_[slot] = in_context(slot) ? 0 : 2;
            return n;
        }
    }
    // Arithmetic without explanation: compute()'s step and result, without a Value per node.
    if (!explain_) {
        switch (e.kind) {
            case Expr::Kind::Weight: step(e.loc); return weight_;
            case Expr::Kind::Negate: step(e.loc); return -number(*e.args[0]);
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
            return !condition(*e.args[0]);
        }
        if (e.kind == Expr::Kind::Binary) {
            switch (e.op) {
                case BinaryOp::Lt:
                case BinaryOp::Le:
                case BinaryOp::Gt:
                case BinaryOp::Ge: step(e.loc); return comparison(e);
                case BinaryOp::And: step(e.loc); return condition(*e.args[0]) && condition(*e.args[1]);
                case BinaryOp::Or: step(e.loc); return condition(*e.args[0]) || condition(*e.args[1]);
                default: break;
            }
        }
    }
    Value v = value(e);
    if (v.kind != Value::Kind::Bool) not_a_condition(e.loc);
    return v.boolean;
}

Decimal Evaluator::score_rule(const Scoring& s, std::string& why) {
    const Decimal w = weight_;
    const Decimal zero;
    switch (s.kind) {
        // `why` is read only when explaining: without explain no text is built at all.
        case Scoring::Kind::Full:
            if (explain_) why = fmt::format(fmt::runtime(en_ ? "full points, {}" : "得满分 {} 分"), show_points(w));
            return w;
        case Scoring::Kind::Zero:
            if (explain_) why = en_ ? "no points" : "不得分";
            return zero;
        case Scoring::Kind::Score: {
            Decimal v = number(*s.value);
            if (explain_) {
                std::string filled = with_values(*s.value);
                why = filled == show_points(v) ? fmt::format(fmt::runtime(en_ ? "score {}" : "得 {} 分"), show_points(v))
                                               : fmt::format(fmt::runtime(en_ ? "score {} = {}" : "得 {} = {} 分"), filled, show_points(v));
            }
            return v;
        }
        case Scoring::Kind::If: {
            bool c = condition(*s.value);
            note(Choice::Kind::Branch, s, c ? 0 : 1);
            std::string sub;
            Decimal v = score(c ? *s.then_ : *s.else_, sub);
            if (explain_) {
                std::string cond = s.value->kind == Expr::Kind::Name
                                       ? fmt::format(fmt::runtime(en_ ? "{}: {}" : "{}：{}"), s.value->text,
                                                     c ? (en_ ? "yes" : "是") : (en_ ? "no" : "否"))
                                       : join({condition_text(*s.value), c ? (en_ ? "holds" : "成立") : (en_ ? "does not hold" : "不成立")});
                why = join({cond, sub});
            }
            return v;
        }
        case Scoring::Kind::Tiers:
            if (s.by_grade) return grade_tier(s, why);
            return tiers(s, subject_value(*s.value), why);
        case Scoring::Kind::Step: return per_step(s, why);  // steps.cpp
        case Scoring::Kind::Proportion: {
            Value subject_value = this->subject_value(*s.value);
            Decimal rate = subject_value.number;
            Decimal cap = number(*s.cap);
            Decimal used = Decimal::min(rate, cap);
            Decimal v = Decimal::max(zero, used) * w;
            note(Choice::Kind::Proportion, s, 0, rate, used);
            if (explain_) {
                std::string capn = show_number(cap, s.cap->type);
                std::string usedn = show_number(used, s.value->type);
                std::string subj = subject(*s.value, subject_value);
                if (cap < rate) {
                    std::string capped = fmt::format(fmt::runtime(en_ ? "above the cap {}, counted as {}: {} × {} = {} points"
                                                                      : "超过封顶 {}，按 {} 计：{} × {} = {} 分"),
                                                     capn, capn, capn, show_points(w), show_points(v));
                    why = join({subj, capped});
                } else {
                    if (subj.empty()) subj = show_number(rate, s.value->type);
                    why = fmt::format(fmt::runtime(en_ ? "{} × {} = {} points" : "{} × {} = {} 分"), subj, show_points(w),
                                      show_points(v));
                }
                (void)usedn;
            }
            return v;
        }
        case Scoring::Kind::Deductions: {
            Decimal total;
            std::vector<std::string> items;
            for (const Deduction& d : s.deductions) {
                Decimal amount = number(*d.amount);
                const auto item = static_cast<std::size_t>(&d - s.deductions.data());
                if (d.kind == Deduction::Kind::Conditional) {
                    if (!condition(*d.subject)) continue;
                    note(Choice::Kind::Deduction, s, item, {}, amount);
                    total = total + amount;
                    if (explain_) {
                        std::string cond = d.from_tiers ? deduction_row(d)
                                           : d.subject->kind == Expr::Kind::Name ? d.subject->text : condition_text(*d.subject);
                        items.push_back(fmt::format(fmt::runtime(en_ ? "{}: deduct {}" : "{}，扣 {} 分"), cond, show_points(amount)));
                    }
                } else {
                    Decimal n = number(*d.subject);
                    if (n.is_zero()) continue;
                    if (n.is_negative())
                        fail(d.subject->loc, "次数不能为负", "a count cannot be negative");
                    Decimal sub = n * amount;
                    note(Choice::Kind::Deduction, s, item, n, sub);
                    total = total + sub;
                    if (explain_) {
                        std::string who = d.subject->kind == Expr::Kind::Name ? d.subject->text : explain::formula(*d.subject, lang_);
                        items.push_back(fmt::format(fmt::runtime(en_ ? "{} {} × {} = {}" : "{} {} {} × {} = {} 分"), who, show_points(n),
                                                    explain::counted_as(*d.subject), show_points(amount), show_points(sub)));
                    }
                }
            }
            Decimal v = Decimal::max(zero, w - total);
            // max(0, w − total) with nothing negative deducted is within [0, w] (leaf()).
            deductions_within_ = !w.is_negative() && !total.is_negative();
            if (total.is_zero()) note(Choice::Kind::NoDeduction, s);
            if (explain_) {
                if (items.empty()) {
                    why = fmt::format(fmt::runtime(en_ ? "nothing to deduct: full points, {}" : "无扣分情形，得满分 {} 分"), show_points(w));
                } else {
                    std::string list;
                    for (const auto& i : items) list += (list.empty() ? "" : (en_ ? "; " : "；")) + i;
                    why = w <= total ? fmt::format(fmt::runtime(en_ ? "{}; {} deducted, down to 0: 0 points" : "{}；共扣 {} 分，扣完为止，得 0 分"),
                                                   list, show_points(total))
                                     : fmt::format(fmt::runtime(en_ ? "{}; {} deducted: {} points" : "{}；共扣 {} 分，得 {} 分"), list,
                                                   show_points(total), show_points(v));
                }
            }
            return v;
        }
        case Scoring::Kind::Parts:
            return parts(s, why);
        case Scoring::Kind::Discretion:
            return discretion(s, why);
        case Scoring::Kind::Completion:
            return completion(s, why);
    }
    return zero;
}

Decimal Evaluator::tiers(const Scoring& s, const Value& subject_value, std::string& why) {
    Decimal v = subject_value.number;
    for (const Tier& t : s.tiers) {
        if (t.bound && !in_interval(v, *t.bound, t.low_implied, t.high_implied)) continue;
        note(Choice::Kind::Tier, s, static_cast<std::size_t>(&t - s.tiers.data()), v);
        std::string sub;
        Decimal r = score(*t.result, sub);
        if (explain_) {
            std::string band = t.bound ? explain::interval(*t.bound, lang_) : (en_ ? "otherwise" : "其余情形");
            why = s.kind == Scoring::Kind::Tiers ? join({subject(*s.value, subject_value), band, sub}) : join({band, sub});
        }
        return r;
    }
    fail(s.loc, fmt::format("{} 不在任何一档中", show_number(v, ValueType::Percent == s.value->type || s.kind == Scoring::Kind::Completion ? ValueType::Percent : s.value->type)),
         fmt::format("{} falls in no tier", show_number(v, s.kind == Scoring::Kind::Completion ? ValueType::Percent : s.value->type)));
}

// P9, P10, P12, P13: each part scored on its own points (a share of the indicator's, or
// points), the indicator's score their sum.
Decimal Evaluator::parts(const Scoring& s, std::string& why) {
    const Decimal whole = weight_;
    Decimal sum;
    std::vector<std::string> items;
    for (const auto& p : s.parts) {
        Decimal points = p->share_is_percent ? whole * p->share : p->share;
        if (applicability_ && p->part_index >= 0) {
            Decimal v;
            std::string item;
            if (part_not_applicable(s, static_cast<std::size_t>(&p - s.parts.data()), points, v, item)) {
                sum = sum + v;
                if (explain_) items.push_back(std::move(item));
                continue;
            }
        }
        weight_ = points;
        part_ = p.get();
        std::string sub;
        std::string outer;
        if (leaf_choices_) outer = scope_, scope_ = outer.empty() ? p->name : outer + " › " + p->name;
        Decimal v = score(*p->scoring, sub);
        if (leaf_choices_) scope_ = outer;
        part_ = nullptr;
        weight_ = whole;
        if (!within_by_rule(*p->scoring, points) && (v.is_negative() || points < v))
            fail(p->scoring->loc, fmt::format("分项 `{}` 的得分 {} 超出 [0, {}]", p->name, show_points(v), show_points(points)),
                 fmt::format("part `{}` scores {}, outside [0, {}]", p->name, show_points(v), show_points(points)));
        sum = sum + v;
        if (explain_) {
            std::string share = p->share_is_percent ? fmt::format(fmt::runtime(en_ ? "{} of {}" : "占 {}，{} 分"),
                                                                  p->share.to_percent_exact(), show_points(points))
                                                    : fmt::format(fmt::runtime(en_ ? "{} points" : "{} 分"), show_points(points));
            if (applicability_ && p->part_index >= 0) share += moved_in_text(*p);
            items.push_back(fmt::format(fmt::runtime(en_ ? "{} ({}): {}" : "{}（{}）：{}"), p->name, share, sub));
        }
    }
    if (explain_) {
        std::string list;
        for (const auto& i : items) list += (list.empty() ? "" : (en_ ? "; " : "；")) + i;
        why = fmt::format(fmt::runtime(en_ ? "{}; total {}" : "{}；合计 {} 分"), list, show_points(sum));
    }
    return sum;
}

// P11 and the assessor's partial score of P8: a number from the data, inside stated bounds,
// with a reason.
Decimal Evaluator::discretion(const Scoring& s, std::string& why) {
    const Decimal w = weight_;
    Decimal v = number(*s.value);
    if (!in_interval(v, *s.range)) {
        // The bounds as they stood for this indicator: [0, 1), not [0, 分值).
        std::function<std::string(const Expr&)> points = [&](const Expr& e) { return show_points(number(e)); };
        std::string range = explain::interval(*s.range, lang_, &points);
        fail(s.value->loc,
             fmt::format("酌情{} {} 分超出规则允许的范围 {}", s.discretion_deducts ? "扣" : "得", show_points(v), range),
             fmt::format("the discretionary {} of {} is outside the allowed range {}",
                         s.discretion_deducts ? "deduction" : "score", show_points(v), range));
    }
    Value reason = value(*s.reason);
    std::string_view text = reason.kind == Value::Kind::Text ? reason.text : std::string_view();
    bool lost = s.discretion_deducts ? !v.is_zero() : v < w;
    if (lost && text.find_first_not_of(" \t") == std::string_view::npos) {
        std::string who = s.reason->kind == Expr::Kind::Name ? s.reason->text : "理由";
        fail(s.reason->loc, fmt::format("酌情{}须说明理由，`{}` 为空", s.discretion_deducts ? "扣分" : "给分", who),
             fmt::format("a discretionary {} needs a reason, but `{}` is empty", s.discretion_deducts ? "deduction" : "score", who));
    }
    Decimal result = s.discretion_deducts ? Decimal::max(Decimal(), w - v) : v;
    note(Choice::Kind::Discretion, s, 0, v);
    // A deduction above the points is cut to them: said in the basis and as a warning (W0502).
    const bool clipped = s.discretion_deducts && w < v;
    if (clipped) clipped_.push_back({s.value->loc, part_ ? part_->name : std::string(), v, w});
    if (explain_) {
        std::string because = lost ? fmt::format(fmt::runtime(en_ ? " (reason: {})" : "（理由：{}）"), text) : "";
        if (clipped)
            because += fmt::format(fmt::runtime(en_ ? ", more than the {} points here: only {} deducted" : "，超过本项分值 {} 分，只能扣 {} 分"),
                                   show_points(w), show_points(w));
        if (s.finding)  // 按 财务核查 扣分: the assessor's finding, named, with its reason
            why = v.is_zero() ? fmt::format(fmt::runtime(en_ ? "{}: nothing taken off, full points, {}" : "{}：未扣分，得满分 {} 分"), s.value->text, show_points(w))
                              : fmt::format(fmt::runtime(en_ ? "{}: {} points taken off{}: {} points" : "{}：扣 {} 分{}，得 {} 分"), s.value->text,
                                            show_points(v), because, show_points(result));
        else if (s.discretion_deducts)
            why = v.is_zero() ? fmt::format(fmt::runtime(en_ ? "no discretionary deduction: full points, {}" : "未酌情扣分，得满分 {} 分"), show_points(w))
                              : fmt::format(fmt::runtime(en_ ? "discretionary deduction {}{}: {} points" : "酌情扣 {} 分{}，得 {} 分"),
                                            show_points(v), because, show_points(result));
        else
            why = fmt::format(fmt::runtime(en_ ? "discretionary score {}{}" : "酌情得 {} 分{}"), show_points(v), because);
    }
    return result;
}

namespace {

using lower::parse_number_text;
using lower::Target;

const Decimal kOne = Decimal::from_int(1);

std::string text_of(const ast::DataValue* v) {
    if (!v) return "";
    if (v->kind == ast::DataValue::Kind::Text) return v->text;
    if (v->kind == ast::DataValue::Kind::Number) return v->percent ? v->number.to_percent_exact() : v->number.to_string();
    if (v->kind == ast::DataValue::Kind::Bool) return v->boolean ? "是" : "否";
    return "";
}

// text_of without a copy when the value is text (the common case); `buf` holds any other.
std::string_view text_view(const ast::DataValue* v, std::string& buf) {
    if (v && v->kind == ast::DataValue::Kind::Text) return v->text;
    buf = text_of(v);
    return buf;
}

// DataValue::field for a literal name: no std::string key built, and a comparison of known
// length the compiler inlines (the column names are mostly the same 6 bytes long).
template <std::size_t N>
const ast::DataValue* field(const ast::DataValue& row, const char (&name)[N]) {
    for (const auto& f : row.fields)
        if (f.first.size() == N - 1 && std::memcmp(f.first.data(), name, N - 1) == 0) return &f.second;
    return nullptr;
}

}  // namespace

// P1, P2, P20: each goal row's completion rate scored by the tiers on the row's points; the
// indicator's score is the sum of the rows'.
Decimal Evaluator::completion(const Scoring& s, std::string& why) {
    const Decimal whole = weight_;
    Value table = value(*s.value);
    const auto& rows = *table.list;
    if (rows.empty()) {
        if (explain_) why = en_ ? "no performance goals reported: no points" : "未报整体绩效目标，不得分";
        return Decimal();
    }
    // 按权重（分值）: each row's 权重 is its points, and they add up to the indicator's;
    // 按权重（占比）: each is its share of the indicator's points, and they add up to 100%.
    // Weights that do not add up are refused: rescaling them would hand a lone row of weight 2
    // all 70 points.
    // The rows' columns as bound with the data; found here only for a table that was not bound.
    const lower::GoalRow* bound = table.goal_rows;
    std::vector<lower::GoalRow> unbound;
    if (!bound) {
        lower::bind_goal_rows(rows, unbound);
        bound = unbound.data();
    }
    Decimal weight_sum;
    if (s.split_by_row_weight) {
        // Checked and added when the rows were bound: gone through again only to say which row
        // has no positive weight.
        weight_sum = bound[0].table_weight_sum;
        for (std::size_t i = 0; bound[0].table_bad_weight >= 0 && i < rows.size(); ++i) {
            const ast::DataValue& r = rows[i];
            const ast::DataValue* w = bound[i].weight;
            if (!w)
                fail(s.value->loc, fmt::format("规则按权重分配分值，目标表 `{}` 的行“{}”缺少 `权重`", s.value->text, text_of(r.field("名称"))),
                     fmt::format("points are split by row weight, but row “{}” of `{}` has no `权重`", text_of(r.field("名称")), s.value->text));
            if (!(Decimal() < bound[i].weight_number))
                fail(s.value->loc, fmt::format("目标表 `{}` 的行“{}”的权重应为正数", s.value->text, text_of(r.field("名称"))),
                     fmt::format("row “{}” of `{}` must have a positive weight", text_of(r.field("名称")), s.value->text));
            weight_sum = weight_sum + bound[i].weight_number;
        }
        const Decimal expected = s.row_weight_is_share ? Decimal::from_int(1) : whole;
        if (weight_sum != expected) weights_do_not_add_up(s, rows, weight_sum, whole);
    }
    Decimal total;
    std::vector<std::string> items;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        step(s.value->loc);
        weight_ = !s.split_by_row_weight ? whole / Decimal::from_int(static_cast<std::int64_t>(rows.size()))
                  : s.row_weight_is_share ? whole * bound[i].weight_number
                                          : bound[i].weight_number;
        std::string sub;
        std::string outer;  // the scope is kept only while recording choices
        if (leaf_choices_) {  // the row's name; "#3" for an unnamed third row, worded later
            outer = scope_;
            std::string buf;
            std::string_view name = text_view(bound[i].name, buf);
            scope_ = name.empty() ? fmt::format("#{}", i + 1) : std::string(name);
        }
        const Decimal row_score = goal_row(s, bound[i], i, sub);
        total = total + row_score;
        note(Choice::Kind::RowScore, s, i, {}, row_score);  // a 测试 may expect the row's score
        if (leaf_choices_) scope_ = std::move(outer);
        if (explain_) items.push_back(sub);
    }
    weight_ = whole;
    if (explain_) {
        std::string share = s.split_by_row_weight ? (en_ ? "points by row weight" : "各行分值按权重")
                                                  : fmt::format(fmt::runtime(en_ ? "{} rows, equal shares" : "{} 行平均分配"), rows.size());
        std::string list;
        for (const auto& it : items) list += (list.empty() ? "" : (en_ ? "; " : "；")) + it;
        why = fmt::format(fmt::runtime(en_ ? "{}: {}; total {}" : "{}：{}；合计 {} 分"), share, list, show_number(total, ValueType::Number));
    }
    return total;
}

void Evaluator::weights_do_not_add_up(const Scoring& s, const std::vector<ast::DataValue>& rows, const Decimal& sum,
                                      const Decimal& whole) {
    std::string list_zh, list_en;
    for (std::size_t i = 0; i < rows.size() && i < 12; ++i) {
        std::string name = text_of(rows[i].field("名称"));
        if (name.empty()) name = fmt::format("第 {} 行", i + 1);
        const Decimal w = field(rows[i], "权重")->number;
        std::string shown = s.row_weight_is_share ? w.to_percent_exact() : w.to_string();
        list_zh += (list_zh.empty() ? "" : "、") + fmt::format("{} {}", name, shown);
        list_en += (list_en.empty() ? "" : ", ") + fmt::format("{} {}", name, shown);
    }
    if (rows.size() > 12) {
        list_zh += "……";
        list_en += ", …";
    }
    if (s.row_weight_is_share)
        fail(s.value->loc,
             fmt::format("目标表 `{}` 的权重是各行的占比，合计应为 100%，实为 {}（{}）", s.value->text, sum.to_percent_exact(), list_zh),
             fmt::format("the weights of goal table `{}` are the rows' shares and must add up to 100%; they add up to {} ({})",
                         s.value->text, sum.to_percent_exact(), list_en));
    fail(s.value->loc,
         fmt::format("目标表 `{}` 的权重是各行的分值，合计应等于指标分值 {}，实为 {}（{}）", s.value->text, whole.to_string(),
                     sum.to_string(), list_zh),
         fmt::format("the weights of goal table `{}` are the rows' points and must add up to the indicator's {} points; they add "
                     "up to {} ({})",
                     s.value->text, whole.to_string(), sum.to_string(), list_en));
}

Decimal Evaluator::goal_row(const Scoring& s, const lower::GoalRow& row, std::size_t index, std::string& why) {
    const Decimal points = weight_;
    // The row's name is needed only for an error or an explanation: not built otherwise.
    auto label = [&] {
        std::string buf;
        std::string name(text_view(row.name, buf));
        return name.empty() ? fmt::format(fmt::runtime(en_ ? "row {}" : "第 {} 行"), index + 1) : name;
    };
    const ast::DataValue* actual_v = row.actual;
    const Target& target = row.goal;  // read when the data was bound, 方向 applied

    // A qualitative row judged by the assessor into a band (P2): the rate must lie in the band.
    const ast::DataValue* band_v = row.band;
    if (band_v) {
        std::string band_buf;
        std::string_view band_name = row.texts & lower::GoalRow::kBandText ? row.band_text : text_view(band_v, band_buf);
        const ast::QualitativeBand* band = nullptr;
        for (const auto& b : s.bands)
            if (b.name == band_name) band = &b;
        if (!band)
            fail(s.loc, fmt::format("目标“{}”的档次“{}”不是规则声明的定性档次", label(), band_name),
                 fmt::format("goal “{}”: band “{}” is not one the rule declares", label(), band_name));
        const ast::DataValue* rate_v = row.rate;
        if (!rate_v)
            fail(s.loc, fmt::format("目标“{}”按定性档次评定，须给出 `得分率`", label()),
                 fmt::format("goal “{}” is judged by band and needs `得分率`", label()));
        if (!in_interval(rate_v->number, *band->bound))
            fail(s.loc, fmt::format("目标“{}”的得分率 {} 不在“{}”档 {} 内", label(), rate_v->number.to_percent_exact(), band_name,
                                    explain::interval(*band->bound, lang_)),
                 fmt::format("goal “{}”: rate {} is outside band “{}” {}", label(), rate_v->number.to_percent_exact(), band_name,
                             explain::interval(*band->bound, lang_)));
        std::string reason_buf;
        std::string_view reason = row.texts & lower::GoalRow::kReasonText ? row.reason_text : text_view(row.reason, reason_buf);
        if (reason.empty())
            fail(s.loc, fmt::format("目标“{}”按定性档次评定，须在 `说明` 中写明书面评分依据", label()),
                 fmt::format("goal “{}” is judged by band and needs a written reason in `说明`", label()));
        Decimal v = points * rate_v->number;
        if (leaf_choices_) note_text(Choice::Kind::Band, s, 0, rate_v->number, {}, std::string(band_name));
        if (explain_)
            why = fmt::format(fmt::runtime(en_ ? "{}: judged “{}” at {} ({}), {} × {} = {}" : "{}：评定为“{}”，得分率 {}（{}），{} × {} = {} 分"), label(),
                              band_name, rate_v->number.to_percent_exact(), reason, show_number(points, ValueType::Number),
                              rate_v->number.to_percent_exact(), show_number(v, ValueType::Number));
        return v;
    }

    // Words (是, 基本持平, 长期): met when the actual says the same.
    if (target.kind == Target::Kind::Words) {
        std::string actual_buf;
        std::string_view actual = row.texts & lower::GoalRow::kActualText ? row.actual_text : text_view(actual_v, actual_buf);
        bool met = actual == target.words;
        if (leaf_choices_) note_text(Choice::Kind::Words, s, met ? 1 : 0, {}, {}, std::string(actual));
        if (explain_)
            why = fmt::format(fmt::runtime(en_ ? "{}: target “{}”, actual “{}”, {}" : "{}：目标“{}”，实际“{}”，{}"), label(), target.words,
                              actual, met ? fmt::format(fmt::runtime(en_ ? "met: {}" : "达成，得 {} 分"), show_number(points, ValueType::Number))
                                          : (en_ ? "not met: 0" : "未达成，不得分"));
        return met ? points : Decimal();
    }

    Decimal actual;
    bool actual_percent = false;
    std::string actual_buf;
    if (!(row.actual_is_number ? (actual = row.actual_number, actual_percent = row.actual_percent, true)
                                                          : parse_number_text(row.texts & lower::GoalRow::kActualText ? row.actual_text : text_view(actual_v, actual_buf), actual, actual_percent)))
        fail(s.loc, fmt::format("目标“{}”的目标值是数值，实际值“{}”却不是", label(), text_of(actual_v)),
             fmt::format("goal “{}” has a numeric target but the actual “{}” is not a number", label(), text_of(actual_v)));
    Decimal rate;
    if (target.kind == Target::Kind::AtMost) {
        // Lower is better: 100% when the actual does not exceed the target.
        rate = actual <= target.value ? kOne : (target.value.is_zero() ? Decimal() : target.value / actual);
    } else {
        if (target.value.is_zero())
            fail(s.loc, fmt::format("目标“{}”的目标值为 0，无法计算完成率；越低越好的指标请写 \"≤0\" 或 方向：\"越低越好\"", label()),
                 fmt::format("goal “{}” has target 0, so no completion rate; for lower-is-better goals write \"≤0\" or 方向: \"越低越好\"", label()));
        rate = actual / target.value;
    }
    Value rate_value = Value::of(rate);
    slots_[static_cast<std::size_t>(s.rate_slot)] = rate_value;
    state_[static_cast<std::size_t>(s.rate_slot)] = 2;
    std::string sub;
    Decimal v = tiers(s, rate_value, sub);
    if (explain_) {
        auto shown = [](const Decimal& d, bool pct) { return pct ? d.to_percent_exact() : d.to_string(); };
        std::string how = target.kind == Target::Kind::AtMost
                              ? fmt::format(fmt::runtime(en_ ? "target ≤{}, actual {}, rate {}" : "目标 ≤{}，实际 {}，完成率 {}"),
                                            shown(target.value, target.percent), shown(actual, actual_percent), show_number(rate, ValueType::Percent))
                              : fmt::format(fmt::runtime(en_ ? "{} / {} = {}" : "{} / {} = {}"), shown(actual, actual_percent),
                                            shown(target.value, target.percent), show_number(rate, ValueType::Percent));
        why = fmt::format(fmt::runtime(en_ ? "{}: {}, {}" : "{}：{}，{}"), label(), how, sub);
    }
    return v;
}

}  // namespace pingfen::eval
