#include "builtins.hpp"

#include <fmt/format.h>
#include <vector>

namespace pingfen::stdlib {
namespace {

using ast::ValueType;

ValueType first_numeric(std::span<const ValueType> a) {
    for (ValueType t : a)
        if (!ast::is_numeric(t) && t != ValueType::Unknown) return ValueType::Unknown;
    return a.empty() ? ValueType::Unknown : (a[0] == ValueType::Unknown ? ValueType::Number : a[0]);
}

ValueType round_type(std::span<const ValueType> a) {
    if (a.size() != 2 || !ast::is_numeric(a[0]) || !ast::is_numeric(a[1])) return ValueType::Unknown;
    return a[0];
}

int places_arg(const Value& v, const Loc& loc) {
    auto n = v.number.to_int64();
    if (!n || *n < 0 || *n > 10)
        throw EvalError{loc, "保留的小数位数应为 0 到 10 的整数", "decimal places must be an integer from 0 to 10"};
    return static_cast<int>(*n);
}

Value round_half_up(std::span<const Value> a, const Loc& loc) {
    return Value::of(a[0].number.round_half_up(places_arg(a[1], loc)));
}

Value minimum(std::span<const Value> a, const Loc&) {
    Decimal m = a[0].number;
    for (const Value& v : a.subspan(1)) m = Decimal::min(m, v.number);
    return Value::of(m);
}

Value maximum(std::span<const Value> a, const Loc&) {
    Decimal m = a[0].number;
    for (const Value& v : a.subspan(1)) m = Decimal::max(m, v.number);
    return Value::of(m);
}

Value absolute(std::span<const Value> a, const Loc&) {
    return Value::of(a[0].number.is_negative() ? -a[0].number : a[0].number);
}

Value ceiling(std::span<const Value> a, const Loc&) { return Value::of(a[0].number.ceil()); }
Value flooring(std::span<const Value> a, const Loc&) { return Value::of(a[0].number.floor()); }

// Numbers of a list argument, or the arguments themselves: 平均(a, b) and 平均(月度执行率).
// Visited in place rather than gathered, since a monthly list is read once per department.
template <class F>
std::size_t each_number(std::span<const Value> a, const Loc& loc, F&& f) {
    std::size_t n = 0;
    if (a.size() == 1 && a[0].kind == Value::Kind::List) {
        n = a[0].list->size();
        if (n == 0) throw EvalError{loc, "列表为空，无法计算", "the list is empty"};
        for (const auto& item : *a[0].list) f(item.number);
    } else {
        n = a.size();
        if (n == 0) throw EvalError{loc, "列表为空，无法计算", "the list is empty"};
        for (const Value& v : a) f(v.number);
    }
    return n;
}

ValueType mean_type(std::span<const ValueType> a) {
    if (a.size() == 1 && a[0] == ValueType::List) return ValueType::Number;  // refined by the resolver
    return first_numeric(a);
}

Value mean(std::span<const Value> a, const Loc& loc) {
    Decimal::Sum sum;
    std::size_t n = each_number(a, loc, [&](const Decimal& x) { sum.add(x); });
    return Value::of(sum.value() / Decimal::from_int(static_cast<std::int64_t>(n)));
}

Value total(std::span<const Value> a, const Loc& loc) {
    Decimal::Sum sum;
    each_number(a, loc, [&](const Decimal& x) { sum.add(x); });
    return Value::of(sum.value());
}

ValueType list_and_cap_type(std::span<const ValueType> a) {
    if (a.size() != 2 || a[0] != ValueType::List || !ast::is_numeric(a[1])) return ValueType::Unknown;
    return ValueType::Number;  // refined by the resolver to the list's item type
}

// P4: Σ min(每月执行率, 100%) ÷ n, n the number of months reported.
Value capped_mean(std::span<const Value> a, const Loc& loc) {
    Decimal::Sum sum;
    std::size_t n = each_number(a.subspan(0, 1), loc, [&](const Decimal& x) { sum.add(Decimal::min(x, a[1].number)); });
    return Value::of(sum.value() / Decimal::from_int(static_cast<std::int64_t>(n)));
}

ValueType count_type(std::span<const ValueType> a) {
    return a.size() == 1 && (a[0] == ValueType::List || a[0] == ValueType::Goals) ? ValueType::Count : ValueType::Unknown;
}

Value count(std::span<const Value> a, const Loc&) {
    return Value::of(Decimal::from_int(a[0].kind == Value::Kind::List && a[0].list ? static_cast<std::int64_t>(a[0].list->size()) : 0));
}

// 天数(起始日期, 截止日期) and 逾期天数(报送日期, 截止日期): two dates, a whole number of days.
ValueType two_dates_type(std::span<const ValueType> a) {
    if (a.size() != 2) return ValueType::Unknown;
    for (ValueType t : a)
        if (t != ValueType::Date && t != ValueType::Unknown) return ValueType::Unknown;
    return ValueType::Count;
}

// The days from the first date to the second: 天数(2023年4月28日, 2023年5月1日) is 3, and −3 the
// other way round. Dates are whole day numbers, so this is exact.
Value days_between(std::span<const Value> a, const Loc&) { return Value::of(a[1].number - a[0].number); }

// Days past the deadline, 0 when on time: 逾期天数(2023年4月28日, 2023年4月28日) is 0 (报送 on the
// day itself is in time, as 于…前报送 is read), 逾期天数(2023年4月29日, 2023年4月28日) is 1.
Value days_late(std::span<const Value> a, const Loc&) { return Value::of(Decimal::max(a[0].number - a[1].number, Decimal())); }

// 核查理由(财务核查): the reason of an assessor's finding, as text (`按 财务核查 扣分` reads it).
ValueType finding_type(std::span<const ValueType> a) {
    return a.size() == 1 && (a[0] == ValueType::Finding || a[0] == ValueType::Unknown) ? ValueType::Text : ValueType::Unknown;
}

Value finding_reason(std::span<const Value> a, const Loc&) {
    Value v;
    v.kind = Value::Kind::Text;
    v.text = a[0].words();
    return v;
}

const Builtin kBuiltins[] = {
    {"四舍五入", "round_half_up", 2, 2, round_type, round_half_up, "（数值，小数位数）", "(number, places)"},
    {"较小", "min", 2, -1, first_numeric, minimum, "两个或更多数值", "two or more numbers"},
    {"较大", "max", 2, -1, first_numeric, maximum, "两个或更多数值", "two or more numbers"},
    {"绝对值", "abs", 1, 1, first_numeric, absolute, "一个数值", "one number"},
    {"向上取整", "ceil", 1, 1, first_numeric, ceiling, "一个数值", "one number"},
    {"向下取整", "floor", 1, 1, first_numeric, flooring, "一个数值", "one number"},
    {"平均", "mean", 1, -1, mean_type, mean, "一个列表，或一个以上数值", "a list, or one or more numbers"},
    {"合计", "sum", 1, -1, mean_type, total, "一个列表，或一个以上数值", "a list, or one or more numbers"},
    {"封顶平均", "capped_mean", 2, 2, list_and_cap_type, capped_mean, "（列表，封顶值）", "(list, cap)"},
    {"项数", "count_of", 1, 1, count_type, count, "一个列表", "a list"},
    {"天数", "days_between", 2, 2, two_dates_type, days_between, "（起始日期，截止日期）两个日期", "(from, to): two dates"},
    {"逾期天数", "days_late", 2, 2, two_dates_type, days_late, "（报送日期，截止日期）两个日期", "(submitted, deadline): two dates"},
    {"核查理由", "finding_reason", 1, 1, finding_type, finding_reason, "一项核查（声明为 核查 的输入）", "one finding (an input declared 核查)"},
};

}  // namespace

std::span<const Builtin> builtins() { return kBuiltins; }

int find_builtin(std::string_view name) {
    for (std::size_t i = 0; i < std::size(kBuiltins); ++i)
        if (name == kBuiltins[i].name_zh || name == kBuiltins[i].name_en) return static_cast<int>(i);
    return -1;
}

}  // namespace pingfen::stdlib
