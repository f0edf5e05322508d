#include "eval/evaluate.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "builtins.hpp"
#include "eval/explain.hpp"

namespace pingfen::eval {

using namespace ast;
using explain::show;
using explain::show_number;
using explain::show_points;

Evaluator::Evaluator(const Ruleset& r, std::vector<Value>& slots, Language lang, bool explain)
    : r_(r), slots_(slots), state_(slots.size(), 0), lang_(lang), explain_(explain), en_(lang == Language::English) {
    for (std::size_t i = 0; i < slots.size(); ++i)
        if (slots[i].kind != Value::Kind::Missing) state_[i] = 2;
}

namespace {

[[noreturn]] void fail(const Loc& loc, std::string zh, std::string en) {
    throw EvalError{loc, std::move(zh), std::move(en)};
}

}  // namespace

Value Evaluator::local(int slot, const Expr& use) {
    auto s = static_cast<std::size_t>(slot);
    if (state_[s] == 2) {
        if (explain_) explain_local(slot);
        return slots_[s];
    }
    const LocalDef* def = s < r_.local_of_slot.size() ? r_.local_of_slot[s] : nullptr;
    if (!def) {
        // An input that could not be bound (missing or ill-typed): already reported.
        fail(use.loc, fmt::format("缺少数据 `{}`", use.text), fmt::format("missing datum `{}`", use.text));
    }
    if (state_[s] == 1) fail(use.loc, fmt::format("`{}` 的定义引用了它自己", use.text),
                             fmt::format("the definition of `{}` refers to itself", use.text));
    state_[s] = 1;
    Value v = value(*def->value);
    slots_[s] = v;
    state_[s] = 2;
    if (explain_) explain_local(slot);
    return v;
}

void Evaluator::explain_local(int slot) {
    if (std::find(shown_locals_.begin(), shown_locals_.end(), slot) != shown_locals_.end()) return;
    const LocalDef* def = r_.local_of_slot[static_cast<std::size_t>(slot)];
    if (!def) return;
    shown_locals_.push_back(slot);
    // Named values it is built from come first, so the explanation reads in order.
    std::function<void(const Expr&)> deps = [&](const Expr& e) {
        if (e.kind == Expr::Kind::Name && e.slot >= 0 && r_.local_of_slot[static_cast<std::size_t>(e.slot)])
            explain_local(e.slot);
        for (const auto& a : e.args) deps(*a);
    };
    deps(*def->value);
    const Value& v = slots_[static_cast<std::size_t>(slot)];
    std::string shown = show(v, def->value->type, lang_);
    std::string filled = with_values(*def->value);
    std::string text = filled == shown ? fmt::format("{} = {}", def->name, shown)
                                       : fmt::format("{} = {} = {}", def->name, filled, shown);
    parts_.push_back(std::move(text));
}

std::string Evaluator::with_values(const Expr& e) {
    std::function<std::string(const Expr&)> f = [&](const Expr& n) -> std::string {
        if (n.kind == Expr::Kind::Weight) return show_points(current_->weight);
        if (n.kind == Expr::Kind::Cond) return show(value(n), n.type, lang_);
        const Value& v = slots_[static_cast<std::size_t>(n.slot)];
        // A yes/no datum reads better with its name: 涉密部门（否）.
        if (v.kind == Value::Kind::Bool)
            return fmt::format(fmt::runtime(en_ ? "{} ({})" : "{}（{}）"), n.text, show(v, n.type, lang_));
        return show(v, n.type, lang_);
    };
    return explain::formula(e, lang_, &f);
}

// A condition as the standard states it, then with the numbers: 三公经费实际支出 ≤ 三公经费预算
// （18.36 ≤ 25）.
std::string Evaluator::condition_text(const Expr& e) {
    std::string names = explain::formula(e, lang_);
    std::string values = with_values(e);
    if (names == values || e.kind == Expr::Kind::Not || (e.kind == Expr::Kind::Binary &&
        (e.op == BinaryOp::And || e.op == BinaryOp::Or)))
        return values;
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
    switch (e.kind) {
        case Expr::Kind::Number: return Value::of(e.number);
        case Expr::Kind::Bool: return Value::of_bool(e.boolean);
        case Expr::Kind::Text: {
            Value v;
            v.kind = Value::Kind::Text;
            v.text = e.text;
            return v;
        }
        case Expr::Kind::Weight: return Value::of(current_ ? current_->weight : Decimal());
        case Expr::Kind::Name: return local(e.slot, e);
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
            return stdlib::builtins()[static_cast<std::size_t>(e.builtin)].call(span, e.loc);
        }
        case Expr::Kind::Negate: return Value::of(-number(*e.args[0]));
        case Expr::Kind::Not: return Value::of_bool(!condition(*e.args[0]));
        case Expr::Kind::Cond: return condition(*e.args[0]) ? value(*e.args[1]) : value(*e.args[2]);
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
    Decimal a = number(*e.args[0]);
    Decimal b = number(*e.args[1]);
    switch (e.op) {
        case BinaryOp::Add: return Value::of(a + b);
        case BinaryOp::Sub: return Value::of(a - b);
        case BinaryOp::Mul: return Value::of(a * b);
        case BinaryOp::Div:
            if (b.is_zero()) {
                std::string divisor = explain::formula(*e.args[1], lang_);
                fail(e.loc, fmt::format("除数 `{}` 为 0", divisor), fmt::format("the divisor `{}` is 0", divisor));
            }
            return Value::of(a / b);
        case BinaryOp::Lt: return Value::of_bool(a < b);
        case BinaryOp::Le: return Value::of_bool(a <= b);
        case BinaryOp::Gt: return Value::of_bool(a > b);
        case BinaryOp::Ge: return Value::of_bool(a >= b);
        default: return Value();
    }
}

Decimal Evaluator::number(const Expr& e) {
    Value v = value(e);
    if (v.kind != Value::Kind::Number)
        fail(e.loc, "此处应为数值", "a number is expected here");  // the resolver rules this out
    return v.number;
}

bool Evaluator::condition(const Expr& e) {
    Value v = value(e);
    if (v.kind != Value::Kind::Bool) fail(e.loc, "此处应为条件（是/否）", "a yes/no condition is expected here");
    return v.boolean;
}

bool Evaluator::in_interval(const Decimal& v, const Interval& iv) {
    if (iv.low) {
        Decimal lo = number(*iv.low);
        if (iv.low_closed ? v < lo : v <= lo) return false;
    }
    if (iv.high) {
        Decimal hi = number(*iv.high);
        if (iv.high_closed ? v > hi : v >= hi) return false;
    }
    return true;
}

Decimal Evaluator::score(const Scoring& s, std::string& why) {
    const Decimal w = current_->weight;
    const Decimal zero;
    switch (s.kind) {
        case Scoring::Kind::Full:
            why = fmt::format(fmt::runtime(en_ ? "full points, {}" : "得满分 {} 分"), show_points(w));
            return w;
        case Scoring::Kind::Zero:
            why = en_ ? "no points" : "不得分";
            return zero;
        case Scoring::Kind::Score: {
            Decimal v = number(*s.value);
            std::string filled = explain_ ? with_values(*s.value) : "";
            why = filled == show_points(v) ? fmt::format(fmt::runtime(en_ ? "score {}" : "得 {} 分"), show_points(v))
                                           : fmt::format(fmt::runtime(en_ ? "score {} = {}" : "得 {} = {} 分"), filled, show_points(v));
            return v;
        }
        case Scoring::Kind::If: {
            bool c = condition(*s.value);
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
        case Scoring::Kind::Tiers: {
            Value subject_value = value(*s.value);
            Decimal v = subject_value.number;
            for (const Tier& t : s.tiers) {
                if (t.bound && !in_interval(v, *t.bound)) continue;
                std::string sub;
                Decimal r = score(*t.result, sub);
                if (explain_) {
                    std::string band = t.bound ? explain::interval(*t.bound, lang_) : (en_ ? "otherwise" : "其余情形");
                    why = join({subject(*s.value, subject_value), band, sub});
                }
                return r;
            }
            fail(s.loc, fmt::format("{} 不在任何一档中", show_number(v, s.value->type)),
                 fmt::format("{} falls in no tier", show_number(v, s.value->type)));
        }
        case Scoring::Kind::Step: {
            Value subject_value = value(*s.value);
            Decimal v = subject_value.number;
            Decimal base = s.base ? number(*s.base) : zero;
            Decimal step = number(*s.step);
            Decimal per = number(*s.amount);
            if (!(zero < step))
                fail(s.step->loc, "每档的幅度应为正数", "the step must be positive");
            std::string base_text = s.base ? show_number(base, s.base->type) : show_number(base, s.value->type);
            if (v <= base) {
                if (explain_)
                    why = fmt::format(fmt::runtime(en_ ? "{} ≤ {}, nothing deducted: full points, {}" : "{} ≤ {}，不扣分，得满分 {} 分"),
                                      named(*s.value, subject_value), base_text, show_points(w));
                return w;
            }
            Decimal ratio = (v - base) / step;
            Decimal steps = s.partial_step_counts ? ratio.ceil() : ratio.floor();
            Decimal deducted = steps * per;
            Decimal result = Decimal::max(zero, w - deducted);
            if (explain_) {
                std::string st = show_number(step, s.step->type);
                std::string rounding = s.partial_step_counts ? (en_ ? "a partial step counts as one" : "不足一档按一档计")
                                                             : (en_ ? "a partial step does not count" : "不足一档不计");
                std::string excess = s.base ? fmt::format("({} − {})", show_number(v, s.value->type), base_text)
                                            : show_number(v, s.value->type);
                std::string tail = w <= deducted
                                       ? fmt::format(fmt::runtime(en_ ? "deduct {}, down to 0: 0 points" : "扣 {} 分，扣完为止，得 0 分"),
                                                     show_points(deducted))
                                       : fmt::format(fmt::runtime(en_ ? "deduct {}: {} points" : "扣 {} 分，得 {} 分"), show_points(deducted),
                                                     show_points(result));
                why = fmt::format(fmt::runtime(en_ ? "{} > {}; {} per {} more, {}: {} ÷ {} = {} → {} steps; {}" : "{} > {}，每增加 {} 扣 {} 分，{}：{} ÷ {} = {} → {} 档，{}"),
                                  named(*s.value, subject_value), base_text,
                                  en_ ? show_points(per) : st, en_ ? st : show_points(per), rounding, excess, st,
                                  show_number(ratio, ValueType::Number), show_points(steps), tail);
            }
            return result;
        }
        case Scoring::Kind::Proportion: {
            Value subject_value = value(*s.value);
            Decimal rate = subject_value.number;
            Decimal cap = number(*s.cap);
            Decimal used = Decimal::min(rate, cap);
            Decimal v = Decimal::max(zero, used) * w;
            if (explain_) {
                std::string capn = show_number(cap, s.cap->type);
                std::string usedn = show_number(used, s.value->type);
                std::string subj = named(*s.value, subject_value);
                why = cap < rate ? fmt::format(fmt::runtime(en_ ? "{}, above the cap {}, counted as {}: {} × {} = {} points"
                                                                : "{}，超过封顶 {}，按 {} 计：{} × {} = {} 分"),
                                               subj, capn, capn, capn, show_points(w), show_points(v))
                                 : fmt::format(fmt::runtime(en_ ? "{} × {} = {} points" : "{} × {} = {} 分"), subj,
                                               show_points(w), show_points(v));
                (void)usedn;
            }
            return v;
        }
        case Scoring::Kind::Deductions: {
            Decimal total;
            std::vector<std::string> items;
            for (const Deduction& d : s.deductions) {
                Decimal amount = number(*d.amount);
                if (d.kind == Deduction::Kind::Conditional) {
                    if (!condition(*d.subject)) continue;
                    total = total + amount;
                    if (explain_) {
                        std::string cond = d.subject->kind == Expr::Kind::Name ? d.subject->text : with_values(*d.subject);
                        items.push_back(fmt::format(fmt::runtime(en_ ? "{}: deduct {}" : "{}，扣 {} 分"), cond, show_points(amount)));
                    }
                } else {
                    Decimal n = number(*d.subject);
                    if (n.is_zero()) continue;
                    if (n.is_negative())
                        fail(d.subject->loc, "次数不能为负", "a count cannot be negative");
                    Decimal sub = n * amount;
                    total = total + sub;
                    if (explain_) {
                        std::string who = d.subject->kind == Expr::Kind::Name ? d.subject->text : explain::formula(*d.subject, lang_);
                        items.push_back(fmt::format(fmt::runtime(en_ ? "{} {} × {} = {}" : "{} {} 项 × {} = {} 分"), who,
                                                    show_points(n), show_points(amount), show_points(sub)));
                    }
                }
            }
            Decimal v = Decimal::max(zero, w - total);
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
    }
    return zero;
}

LeafResult Evaluator::leaf(const Indicator& ind) {
    LeafResult out;
    current_ = &ind;
    parts_.clear();
    shown_locals_.clear();
    try {
        std::string why;
        Decimal raw = score(*ind.scoring, why);
        if (raw.is_negative() || ind.weight < raw)
            fail(ind.scoring->loc,
                 fmt::format("`{}` 的得分 {} 超出 [0, {}]", ind.name, show_points(raw), show_points(ind.weight)),
                 fmt::format("the score of `{}`, {}, is outside [0, {}]", ind.name, show_points(raw), show_points(ind.weight)));
        Decimal scored = raw;
        const auto& rounding = r_.module->rounding;
        if (rounding && rounding->where == Rounding::Where::Leaves) scored = raw.round_half_up(rounding->places);
        if (explain_) {
            parts_.push_back(why);
            std::string sep = en_ ? "; " : "，";
            for (std::size_t i = 0; i < parts_.size(); ++i) out.basis += (i ? sep : "") + parts_[i];
            if (scored != raw)
                out.basis += fmt::format(fmt::runtime(en_ ? " (rounded half up to {} places: {} → {})" : "（四舍五入保留 {} 位：{} → {}）"),
                                         rounding->places, show_points(raw), scored.to_fixed(rounding->places));
        }
        out.score = scored;
    } catch (EvalError& e) {
        out.error = std::move(e);
    }
    current_ = nullptr;
    return out;
}

}  // namespace pingfen::eval
