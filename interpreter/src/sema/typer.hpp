// Expression typing, shared by a ruleset's rules and the lone expressions of the REPL and
// `pingfen eval`: each expression's type inferred and checked (E03xx), names found through a
// lookup, and the inputs and named values an expression reads collected for sema/resolve.cpp.
#pragma once

#include <fmt/format.h>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "builtins.hpp"
#include "eval/explain.hpp"
#include "sema/ruleset.hpp"
#include "sema/units.hpp"

namespace pingfen::sema::typing {

using namespace ast;

struct Symbol {
    enum class Kind { Input, Local };
    Kind kind;
    int slot;
    ValueType type;
    Loc loc;
    const Expr* definition = nullptr;  // Local
    ValueType element = ValueType::Unknown;  // Input lists
    std::string unit;                        // Input amounts
};

inline std::string type_zh(ValueType t) { return type_name_zh(t); }
inline std::string type_en(ValueType t) { return type_name_en(t); }

// Expression typing, shared by rulesets and lone expressions. Names go through `lookup`.
class Typer {
public:
    Typer(DiagnosticSink& sink, std::function<const Symbol*(const std::string&)> lookup,
          std::function<std::vector<std::string>()> names, bool in_indicator)
        : sink_(sink), lookup_(std::move(lookup)), names_(std::move(names)), in_indicator_(in_indicator) {}

    // Input slots and locals read, for "which indicators need this datum".
    std::set<int> inputs_read;
    std::set<std::string>* suggested_names = nullptr;  // collects the "did you mean" names of E0201
    std::set<const Expr*> locals_read;

    ValueType type(Expr& e) {
        e.type = infer(e);
        return e.type;
    }

    void expect_bool(Expr& e, const char* what_zh, const char* what_en) {
        ValueType t = type(e);
        if (t != ValueType::Bool && t != ValueType::Unknown)
            sink_.error("E0302", e.loc,
                        fmt::format("{}应为是否（条件），却是{}", what_zh, type_zh(t)),
                        fmt::format("{} must be a yes/no condition, but it is {}", what_en, type_en(t)));
    }
    void expect_number(Expr& e, const char* what_zh, const char* what_en) { expect_number_typed(e, type(e), what_zh, what_en); }
    // The same for an expression typed already (typing it twice would report its errors twice).
    void expect_number_typed(const Expr& e, ValueType t, const char* what_zh, const char* what_en) {
        if (!is_numeric(t) && t != ValueType::Unknown)
            sink_.error("E0301", e.loc,
                        fmt::format("{}应为数值，却是{}", what_zh, type_zh(t)),
                        fmt::format("{} must be a number, but it is {}", what_en, type_en(t)));
    }

private:
    DiagnosticSink& sink_;
    std::function<const Symbol*(const std::string&)> lookup_;
    std::function<std::vector<std::string>()> names_;
    bool in_indicator_;

    ValueType infer(Expr& e) {
        switch (e.kind) {
            case Expr::Kind::Number: return e.date ? ValueType::Date : e.percent ? ValueType::Percent : ValueType::Number;
            case Expr::Kind::Bool: return ValueType::Bool;
            case Expr::Kind::Text: return ValueType::Text;
            case Expr::Kind::Weight:
                if (!in_indicator_) {
                    sink_.error("E0203", e.loc, "`分值` 只能在指标内使用（指本指标的分值）",
                                "`weight` can only be used inside an indicator (it is that indicator's points)");
                    return ValueType::Unknown;
                }
                return ValueType::Number;
            case Expr::Kind::Name: return name(e);
            case Expr::Kind::Call: return call(e);
            case Expr::Kind::Negate: {
                ValueType t = type(*e.args[0]);
                if (!is_numeric(t) && t != ValueType::Unknown) arith_error(e, t);
                e.unit = e.args[0]->unit;
                return t;
            }
            case Expr::Kind::Not:
                expect_bool(*e.args[0], "`非` 的对象", "the operand of `not`");
                return ValueType::Bool;
            case Expr::Kind::Cond: {
                expect_bool(*e.args[0], "条件", "the condition");
                ValueType a = type(*e.args[1]), b = type(*e.args[2]);
                if (a == ValueType::Amount && b == ValueType::Amount && !same_unit(e, *e.args[1], *e.args[2], "作为两个分支", "use as the two branches"))
                    return ValueType::Unknown;
                e.unit = !e.args[1]->unit.empty() ? e.args[1]->unit : e.args[2]->unit;
                if (a == b || b == ValueType::Unknown) return a;
                if (a == ValueType::Unknown) return b;
                if (is_numeric(a) && is_numeric(b)) return a == ValueType::Number ? b : a;
                sink_.error("E0304", e.loc,
                            fmt::format("两个分支的类型不同：{} 与 {}", type_zh(a), type_zh(b)),
                            fmt::format("the two branches have different types: {} and {}", type_en(a), type_en(b)));
                return ValueType::Unknown;
            }
            case Expr::Kind::Binary: return binary(e);
        }
        return ValueType::Unknown;
    }

    void arith_error(Expr& e, ValueType t) {
        sink_.error("E0301", e.loc, fmt::format("不能对{}做算术运算", type_zh(t)),
                    fmt::format("cannot do arithmetic on {}", type_en(t)));
    }

    ValueType name(Expr& e) {
        const Symbol* s = lookup_(e.text);
        if (!s) {
            std::string near = closest_name(e.text, names_());
            sink_.error("E0201", e.loc, fmt::format("未定义的名称 `{}`", e.text),
                        fmt::format("undefined name `{}`", e.text));
            if (!near.empty()) {
                sink_.last().notes.push_back(make_note(Loc{}, fmt::format("是不是想写 `{}`？", near),
                                                       fmt::format("did you mean `{}`?", near)));
                if (suggested_names) suggested_names->insert(near);
            } else {
                const std::string decl = input_declaration(e.text);
                sink_.last().notes.push_back(make_note(Loc{}, fmt::format("若 `{}` 是部门填报的数据，请在 `输入 {{ … }}` 中声明它，如 `输入 {{ {} }}`", e.text, decl),
                                                       fmt::format("if `{}` is data the department reports, declare it in `输入 {{ … }}` (inputs), e.g. `输入 {{ {} }}`", e.text, decl)));
            }
            return ValueType::Unknown;
        }
        e.slot = s->slot;
        e.element = s->element;
        e.unit = s->unit;
        if (s->kind == Symbol::Kind::Input) inputs_read.insert(s->slot);
        else if (s->definition) locals_read.insert(s->definition);
        return s->type;
    }

    // How an undeclared name would be declared, its type guessed from how it ends: 执行率 is a
    // percentage, 问题数 a count, 结余金额 an amount.
    static std::string input_declaration(const std::string& name) {
        auto ends = [&](const char* tail) {
            const std::string t(tail);
            return name.size() >= t.size() && name.compare(name.size() - t.size(), t.size(), t) == 0;
        };
        const char* type = "数值";
        if (ends("率") || ends("比例") || ends("占比")) type = "百分比";
        else if (ends("数") || ends("次数") || ends("个数")) type = "计数";
        else if (ends("额") || ends("金") || ends("资金") || ends("经费") || ends("支出") || ends("收入")) type = "金额(万元)";
        else if (name.rfind("是否", 0) == 0 || name.rfind("有", 0) == 0) type = "是否";
        return fmt::format("{} {}", name, type);
    }

    ValueType call(Expr& e) {
        int b = stdlib::find_builtin(e.text);
        std::vector<ValueType> arg_types;
        for (auto& a : e.args) arg_types.push_back(type(*a));
        if (b < 0) {
            std::vector<std::string> names;
            for (const auto& f : stdlib::builtins()) {
                names.push_back(f.name_zh);
                names.push_back(f.name_en);
            }
            std::string near = closest_name(e.text, names);
            sink_.error("E0202", e.loc, fmt::format("未知的函数 `{}`", e.text),
                        fmt::format("unknown function `{}`", e.text));
            if (!near.empty())
                sink_.last().notes.push_back(make_note(Loc{}, fmt::format("是不是想写 `{}`？", near),
                                                       fmt::format("did you mean `{}`?", near)));
            return ValueType::Unknown;
        }
        e.builtin = b;
        const auto& f = stdlib::builtins()[static_cast<std::size_t>(b)];
        int n = static_cast<int>(e.args.size());
        bool any_unknown = std::count(arg_types.begin(), arg_types.end(), ValueType::Unknown) > 0;
        ValueType r = f.result_type(arg_types);
        if (n < f.min_args || (f.max_args >= 0 && n > f.max_args) || (r == ValueType::Unknown && !any_unknown)) {
            sink_.error("E0305", e.loc, fmt::format("函数 `{}` 的参数应为{}", e.text, f.expects_zh),
                        fmt::format("function `{}` takes {}", e.text, f.expects_en));
            return ValueType::Unknown;
        }
        // 平均(月度执行率) is a percentage when the months are.
        if (r == ValueType::Number && !e.args.empty() && e.args[0]->type == ValueType::List &&
            e.args[0]->element != ValueType::Unknown)
            r = e.args[0]->element;
        // 较小(结余, 预算) is in the unit of its amounts, which must agree.
        if (r == ValueType::Amount && f.name_en != std::string("round_half_up")) {
            const Expr* first = nullptr;
            for (const auto& a : e.args) {
                const bool amounts = a->type == ValueType::Amount || (a->type == ValueType::List && a->element == ValueType::Amount);
                if (!amounts || a->unit.empty()) continue;
                if (first && !same_unit(e, *first, *a, "一同使用", "use together")) return ValueType::Unknown;
                if (!first) first = a.get();
            }
            if (first) e.unit = first->unit;
        } else if (r == ValueType::Amount && !e.args.empty()) {
            e.unit = e.args[0]->unit;
        }
        return r == ValueType::Unknown ? ValueType::Number : r;
    }

    ValueType binary(Expr& e) {
        ValueType a = type(*e.args[0]);
        ValueType b = type(*e.args[1]);
        const bool unknown = a == ValueType::Unknown || b == ValueType::Unknown;
        if ((a == ValueType::Date || b == ValueType::Date) && e.op != BinaryOp::And && e.op != BinaryOp::Or)
            return date_binary(e, a, b);
        switch (e.op) {
            case BinaryOp::And:
            case BinaryOp::Or:
                if (a != ValueType::Bool && a != ValueType::Unknown)
                    expect_bool(*e.args[0], "`且`/`或` 的左边", "the left side of `and`/`or`");
                if (b != ValueType::Bool && b != ValueType::Unknown)
                    expect_bool(*e.args[1], "`且`/`或` 的右边", "the right side of `and`/`or`");
                return ValueType::Bool;
            case BinaryOp::Eq:
            case BinaryOp::Ne:
                // Two lists or goal tables are not compared: the evaluator compares texts,
                // numbers and yes/no, and two lists would always have read as equal.
                if (!unknown && (!(a == b || (is_numeric(a) && is_numeric(b))) || a == ValueType::List || a == ValueType::Goals))
                    compare_error(e, a, b);
                else if (!unknown && is_numeric(a)) units_agree(e, a, b, "比较", "compare");
                return ValueType::Bool;
            case BinaryOp::Lt:
            case BinaryOp::Le:
            case BinaryOp::Gt:
            case BinaryOp::Ge:
                if (!unknown && !(is_numeric(a) && is_numeric(b))) compare_error(e, a, b);
                else if (!unknown) units_agree(e, a, b, "比较", "compare");
                return ValueType::Bool;
            default:
                break;
        }
        if (!unknown && (!is_numeric(a) || !is_numeric(b))) {
            arith_error(e, is_numeric(a) ? b : a);
            return ValueType::Unknown;
        }
        if (unknown) return ValueType::Unknown;
        // What kind of quantity the result is decides how it is shown: an amount divided by an
        // amount is a rate (2.73%), a rate times points is points.
        switch (e.op) {
            case BinaryOp::Add:
            case BinaryOp::Sub:
                if (!units_agree(e, a, b, "相加减", "add or subtract")) return ValueType::Unknown;
                if (a == ValueType::Amount) e.unit = e.args[0]->unit;
                if (b == ValueType::Amount && a == ValueType::Number) e.unit = e.args[1]->unit;
                return a == ValueType::Number ? b : a;
            case BinaryOp::Mul:
                // 万元 × 10000 is 元; 万元 × a rate stays 万元.
                for (int i = 0; i < 2; ++i) {
                    const Expr& money = *e.args[static_cast<std::size_t>(i)];
                    const Expr& by = *e.args[static_cast<std::size_t>(1 - i)];
                    if (money.type != ValueType::Amount || by.type == ValueType::Amount) continue;
                    e.unit = by.kind == Expr::Kind::Number && !by.percent ? scaled_unit(money.unit, by.number) : money.unit;
                }
                if (a == ValueType::Percent && b == ValueType::Percent) return ValueType::Percent;
                if (a == ValueType::Percent || a == ValueType::Number) return b == ValueType::Percent ? ValueType::Number : b;
                if (b == ValueType::Percent || b == ValueType::Number) return a;
                return ValueType::Number;
            case BinaryOp::Div:
                // 元 ÷ 万元 is a ratio 10 000 times too large.
                if (a == ValueType::Amount && b == ValueType::Amount && !same_unit(e, *e.args[0], *e.args[1], "相除", "divide"))
                    return ValueType::Unknown;
                if (a == ValueType::Amount && b != ValueType::Amount) {
                    const Expr& by = *e.args[1];
                    e.unit = by.kind == Expr::Kind::Number && !by.percent && !by.number.is_zero()
                                 ? scaled_unit(e.args[0]->unit, Decimal::from_int(1) / by.number)
                                 : e.args[0]->unit;
                }
                if (a == b) return a == ValueType::Number ? ValueType::Number : ValueType::Percent;
                if (b == ValueType::Number) return a;
                return ValueType::Number;
            default:
                return ValueType::Number;
        }
    }

public:
    // Two amounts in different units (万元 and 元) used together: E0311, with how far apart they
    // are when both units are known scales of 元.
    bool same_unit(const Expr& at, const Expr& l, const Expr& r, const char* doing_zh, const char* doing_en) {
        if (l.unit.empty() || r.unit.empty() || l.unit == r.unit) return true;
        std::string zh = fmt::format("金额单位不同：`{}` 是{}，`{}` 是{}", short_text(l), l.unit, short_text(r), r.unit);
        std::string en = fmt::format("different units: `{}` is in {}, `{}` in {}", short_en(l), l.unit, short_en(r), r.unit);
        auto sl = unit_scale(l.unit), sr = unit_scale(r.unit);
        if (sl && sr) {
            const Decimal factor = *sl < *sr ? *sr / *sl : *sl / *sr;
            zh += fmt::format("，{}会差 {} 倍", doing_zh, factor.to_string());
            // "compare" → "comparing them": the phrase for what is done with the two amounts.
            const std::string d = doing_en;
            const std::string doing = d == "add or subtract" ? "adding or subtracting them" : d == "compare" ? "comparing them"
                                    : d == "divide" ? "dividing them" : d == "use together" ? "using them together"
                                    : "using them as the two branches";
            en += fmt::format("; {} is off by a factor of {}", doing, factor.to_string());
        }
        sink_.error("E0311", span(at), zh, en);
        if (sl && sr) {
            // The amount in the smaller unit is converted up (元 ÷ 10000 is 万元), the unit the
            // other one, and most standards, are in.
            const Expr& small = *sl < *sr ? l : r;
            const Expr& large = *sl < *sr ? r : l;
            const Decimal factor = *sl < *sr ? *sr / *sl : *sl / *sr;
            const std::string converted = fmt::format("{} / {}", precedence_safe(small), factor.to_string());
            sink_.last().notes.push_back(make_note(Loc{}, fmt::format("先把 `{}` 换算为{}：`{}`", short_text(small), large.unit, converted),
                                                   fmt::format("convert `{}` to {} first: `{}`", short_en(small), large.unit, converted)));
        }
        return false;
    }

    // Quantities of different kinds do not add or compare: 万元 with 百分比, 计数 with 百分比, 万元
    // with 元. A plain number goes with anything, except that a percentage compared with a plain
    // number above 1 (支出率 ≥ 90) is the 5 vs 5% slip.
    bool units_agree(const Expr& e, ValueType a, ValueType b, const char* doing_zh, const char* doing_en) {
        const Expr& l = *e.args[0];
        const Expr& r = *e.args[1];
        if (a != ValueType::Number && b != ValueType::Number && a != b) {
            sink_.error("E0310", span(e), fmt::format("不能把{} `{}` 与{} `{}` {}", type_zh(a), short_text(l), type_zh(b), short_text(r), doing_zh),
                        fmt::format("cannot {} {} `{}` and {} `{}`", doing_en, type_en(a), short_en(l), type_en(b), short_en(r)));
            return false;
        }
        if (a == ValueType::Amount && b == ValueType::Amount && !same_unit(e, l, r, doing_zh, doing_en)) return false;
        for (const auto& [rate, named] : {std::pair{&l, &r}, std::pair{&r, &l}}) {
            // 达标线 = 90, then 支出率 ≥ 达标线: the slip through a name.
            const Expr* plain = literal_of(*named);
            if (rate->type == ValueType::Percent && plain && !plain->percent &&
                Decimal::from_int(1) < (plain->number.is_negative() ? -plain->number : plain->number)) {
                std::string n = plain->number.to_string();
                sink_.error("E0313", named->loc,
                            fmt::format("百分比 `{}` 与 {} {}：{} 即 {}，是否应写 {}%？", short_text(*rate), n, doing_zh, n,
                                        plain->number.to_percent_exact(), n),
                            fmt::format("percentage `{}` and {}: {} is {}; did you mean {}%?", short_en(*rate), n, n,
                                        plain->number.to_percent_exact(), n));
                if (named != plain)
                    sink_.last().notes.push_back(make_note(plain->loc, fmt::format("`{}` 在这里定义为 {}", named->text, n),
                                                           fmt::format("`{}` is defined as {} here", named->text, n)));
                return false;
            }
        }
        return true;
    }

    // The number literal `e` is, directly or through named values defined as one.
    const Expr* literal_of(const Expr& e, int depth = 0) const {
        if (e.kind == Expr::Kind::Number) return &e;
        if (e.kind != Expr::Kind::Name || depth > 32) return nullptr;
        const Symbol* s = lookup_(e.text);
        if (!s || s->kind != Symbol::Kind::Local || !s->definition) return nullptr;
        return literal_of(*s->definition, depth + 1);
    }

private:
    // The operand as written (`结余 / 预算`), not `…`: the reader must find it in the line.
    static std::string short_text(const Expr& e) { return explain::formula(e, Language::Chinese); }
    static std::string short_en(const Expr& e) { return explain::formula(e, Language::English); }
    static std::string precedence_safe(const Expr& e) {
        const std::string t = short_text(e);
        return e.kind == Expr::Kind::Binary ? "(" + t + ")" : t;
    }

    // A date compares with a date (早于, 晚于, ≤ …) and subtracts from one (the days between);
    // nothing else: a date beside a number is almost always 天数 forgotten (E0315), and adding,
    // multiplying or dividing dates has no meaning in a standard (E0316).
    ValueType date_binary(Expr& e, ValueType a, ValueType b) {
        const bool unknown = a == ValueType::Unknown || b == ValueType::Unknown;
        const bool comparison = e.op >= BinaryOp::Lt && e.op <= BinaryOp::Ne;
        if (comparison) {
            if (!unknown && a != b) date_mismatch(e, a == ValueType::Date ? *e.args[0] : *e.args[1],
                                                  a == ValueType::Date ? *e.args[1] : *e.args[0]);
            return ValueType::Bool;
        }
        if (e.op == BinaryOp::Sub && a == ValueType::Date && b == ValueType::Date) return ValueType::Count;
        if (unknown) return ValueType::Unknown;
        sink_.error("E0316", span(e),
                    fmt::format("`{}`：日期只能与日期相减（得出相差的天数），不能相加、与数值相减、相乘或相除", short_text(e)),
                    fmt::format("`{}`: a date only subtracts a date (giving the days between); dates are not added, multiplied or "
                                "divided, nor is a number subtracted from them",
                                short_en(e)));
        sink_.last().notes.push_back(make_note(Loc{}, "相差的天数写作 `天数(起始日期, 截止日期)`，逾期的天数写作 `逾期天数(报送日期, 截止日期)`",
                                               "the days between are `天数(from, to)` (days_between); days late are `逾期天数(submitted, deadline)` (days_late)"));
        return ValueType::Unknown;
    }

public:
    // A date beside something that is not a date: in a comparison, a tier bound or a range.
    void date_mismatch(const Expr& at, const Expr& date, const Expr& other) {
        sink_.error("E0315", span(at),
                    fmt::format("日期 `{}` 只能与日期比较，`{}` 却是{}", short_text(date), short_text(other), type_zh(other.type)),
                    fmt::format("the date `{}` compares only with a date, but `{}` is {}", short_en(date), short_en(other),
                                type_en(other.type)));
        sink_.last().notes.push_back(make_note(Loc{}, "日期写作 2023年4月28日 或 2023-04-28；天数用 `天数(起始日期, 截止日期)` 算出",
                                               "a date is written 2023年4月28日 or 2023-04-28; days are counted with `天数(from, to)`"));
    }

private:
    void compare_error(Expr& e, ValueType a, ValueType b) {
        sink_.error("E0303", e.loc, fmt::format("不能比较{}与{}", type_zh(a), type_zh(b)),
                    fmt::format("cannot compare {} with {}", type_en(a), type_en(b)));
    }
};

}  // namespace pingfen::sema::typing
