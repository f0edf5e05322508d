#include "eval/explain.hpp"

#include <fmt/format.h>

#include "calendar/date.hpp"
#include "diag/diag.hpp"

namespace pingfen::explain {

using ast::Expr;
using ast::ValueType;

// A date's day number as 2023年4月28日 (or 2023-04-28 in English).
std::string show_date(const Decimal& d, bool english) {
    auto days = d.to_int64();
    return days && Decimal::from_int(*days) == d ? calendar::date_text(*days, english) : d.to_string();
}

std::string show_number(const Decimal& d, ValueType type) {
    if (type == ValueType::Date) return show_date(d, false);
    if (type == ValueType::Percent) {
        Decimal p = d * Decimal::from_int(100);
        return (p.round_half_up(2) == p ? p.to_string() : p.to_fixed(2)) + "%";
    }
    if (type == ValueType::Amount) return d.round_half_up(4) == d ? d.to_plain() : d.to_fixed(4);  // 412.50 as written
    return d.round_half_up(4) == d ? d.to_string() : d.to_fixed(4);
}

// Points exact when they have at most four decimals; a share like 20/15 shows as ≈1.3333
// (the exact value is still what is added up).
std::string show_points(const Decimal& d) { return d.round_half_up(4) == d ? d.to_string() : "≈" + d.to_fixed(4); }

const char* counted_as(const Expr& count) {
    const std::string& t = count.text;  // a name (逾期天数) or a function (逾期天数, 天数, days_late)
    const bool days = (count.kind == Expr::Kind::Name || count.kind == Expr::Kind::Call) &&
                      ((t.size() >= 6 && t.compare(t.size() - 6, 6, "天数") == 0) || t == "days_late" || t == "days_between");
    return days ? "天" : "项";
}

std::string show(const Value& v, ValueType type, Language lang) {
    const bool en = lang == Language::English;
    switch (v.kind) {
        case Value::Kind::Number: return type == ValueType::Date ? show_date(v.number, en) : show_number(v.number, type);
        case Value::Kind::Bool: return v.boolean ? (en ? "yes" : "是") : (en ? "no" : "否");
        case Value::Kind::Text: return fmt::format("“{}”", clipped(v.text));
        case Value::Kind::List: {
            std::string out = "[";
            std::size_t n = v.list ? v.list->size() : 0;
            for (std::size_t i = 0; i < n && i < 12; ++i) {
                const auto& item = (*v.list)[i];
                if (i) out += ", ";
                out += item.kind == ast::DataValue::Kind::Number
                           ? show_number(item.number, item.percent || type == ValueType::Percent ? ValueType::Percent : ValueType::Number)
                           : (en ? "…" : "…");
            }
            if (n > 12) out += ", …";
            return out + "]";
        }
        case Value::Kind::Missing: return en ? "(missing)" : "（缺）";
    }
    return "";
}

namespace {

int precedence(const Expr& e) {
    switch (e.kind) {
        case Expr::Kind::Cond: return 0;
        case Expr::Kind::Binary:
            switch (e.op) {
                case ast::BinaryOp::Or: return 1;
                case ast::BinaryOp::And: return 2;
                case ast::BinaryOp::Add:
                case ast::BinaryOp::Sub: return 5;
                case ast::BinaryOp::Mul:
                case ast::BinaryOp::Div: return 6;
                default: return 4;
            }
        case Expr::Kind::Not: return 3;
        case Expr::Kind::Negate: return 7;
        default: return 8;
    }
}

std::string op_word(const Expr& e, bool en) {
    const ast::BinaryOp op = e.op;
    // Two dates: 报送日期 不晚于 截止日期, as a standard says it, not ≤.
    if (e.args.size() == 2 && e.args[0]->type == ValueType::Date && e.args[1]->type == ValueType::Date) {
        if (op == ast::BinaryOp::Le) return en ? "not later than" : "不晚于";
        if (op == ast::BinaryOp::Lt) return en ? "earlier than" : "早于";
        if (op == ast::BinaryOp::Ge) return en ? "not earlier than" : "不早于";
        if (op == ast::BinaryOp::Gt) return en ? "later than" : "晚于";
    }
    if (op == ast::BinaryOp::And) return en ? "and" : "且";
    if (op == ast::BinaryOp::Or) return en ? "or" : "或";
    return ast::op_text(op);
}

}  // namespace

std::string formula(const Expr& e, Language lang, const std::function<std::string(const Expr&)>* value_of) {
    const bool en = lang == Language::English;
    auto sub = [&](const Expr& child, bool paren_equal) {
        std::string s = formula(child, lang, value_of);
        int pc = value_of && child.kind == Expr::Kind::Cond ? 8 : precedence(child), pe = precedence(e);
        return (pc < pe || (paren_equal && pc == pe)) ? "(" + s + ")" : s;
    };
    switch (e.kind) {
        case Expr::Kind::Number:
            if (e.date) return show_date(e.number, en);
            return show_number(e.number, e.percent ? ValueType::Percent : ValueType::Number);
        case Expr::Kind::Bool: return e.boolean ? (en ? "yes" : "是") : (en ? "no" : "否");
        case Expr::Kind::Text: return fmt::format("“{}”", e.text);
        case Expr::Kind::Weight: return value_of ? (*value_of)(e) : (en ? "weight" : "分值");
        case Expr::Kind::Name: return value_of ? (*value_of)(e) : e.text;
        case Expr::Kind::Call: {
            std::string args;
            for (const auto& a : e.args) args += (args.empty() ? "" : ", ") + formula(*a, lang, value_of);
            return fmt::format("{}({})", e.text, args);
        }
        case Expr::Kind::Negate: return "−" + sub(*e.args[0], false);
        case Expr::Kind::Not: return (en ? "not " : "非 ") + sub(*e.args[0], false);
        case Expr::Kind::Cond:
            if (value_of) return (*value_of)(e);  // only the branch taken matters
            return fmt::format(fmt::runtime(en ? "if {} then {} else {}" : "若 {} 则 {} 否则 {}"), formula(*e.args[0], lang, value_of),
                               formula(*e.args[1], lang, value_of), formula(*e.args[2], lang, value_of));
        case Expr::Kind::Binary: {
            bool right_assoc_matters = e.op == ast::BinaryOp::Sub || e.op == ast::BinaryOp::Div;
            return fmt::format("{} {} {}", sub(*e.args[0], false), op_word(e, en),
                               sub(*e.args[1], right_assoc_matters));
        }
    }
    return "";
}

std::string interval(const ast::Interval& iv, Language lang, const std::function<std::string(const ast::Expr&)>* value_of) {
    auto b = [&](const ast::ExprPtr& e) {
        return value_of && e->kind != Expr::Kind::Number ? (*value_of)(*e) : formula(*e, lang);
    };
    if (iv.low && iv.high) {
        if (iv.low_closed && iv.high_closed && iv.low->kind == Expr::Kind::Number &&
            iv.high->kind == Expr::Kind::Number && iv.low->number == iv.high->number)
            return "= " + b(iv.low);
        return fmt::format("{}{}, {}{}", iv.low_closed ? "[" : "(", b(iv.low), b(iv.high), iv.high_closed ? "]" : ")");
    }
    if (iv.high) return fmt::format("{} {}", iv.high_closed ? "≤" : "<", b(iv.high));
    if (iv.low) return fmt::format("{} {}", iv.low_closed ? "≥" : ">", b(iv.low));
    return lang == Language::English ? "any value" : "任意值";
}

}  // namespace pingfen::explain
