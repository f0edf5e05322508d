#include "ast/ast.hpp"

#include <algorithm>

namespace pingfen::ast {

const char* type_name_zh(ValueType t) {
    switch (t) {
        case ValueType::Number: return "数值";
        case ValueType::Percent: return "百分比";
        case ValueType::Amount: return "金额";
        case ValueType::Count: return "计数";
        case ValueType::Bool: return "是否";
        case ValueType::Text: return "文本";
        case ValueType::List: return "列表";
        case ValueType::Goals: return "目标表";
        case ValueType::Date: return "日期";
        case ValueType::Finding: return "核查";
        default: return "未知类型";
    }
}

const char* type_name_en(ValueType t) {
    switch (t) {
        case ValueType::Number: return "a number";
        case ValueType::Percent: return "a percentage";
        case ValueType::Amount: return "an amount";
        case ValueType::Count: return "a count";
        case ValueType::Bool: return "yes/no";
        case ValueType::Text: return "text";
        case ValueType::List: return "a list";
        case ValueType::Goals: return "a goal table";
        case ValueType::Date: return "a date";
        case ValueType::Finding: return "a finding";
        default: return "of unknown type";
    }
}

const char* op_text(BinaryOp op) {
    switch (op) {
        case BinaryOp::Add: return "+";
        case BinaryOp::Sub: return "−";
        case BinaryOp::Mul: return "×";
        case BinaryOp::Div: return "/";
        case BinaryOp::Lt: return "<";
        case BinaryOp::Le: return "≤";
        case BinaryOp::Gt: return ">";
        case BinaryOp::Ge: return "≥";
        case BinaryOp::Eq: return "=";
        case BinaryOp::Ne: return "≠";
        case BinaryOp::And: return "且";
        case BinaryOp::Or: return "或";
    }
    return "?";
}

namespace {

void widen(const Expr& e, Loc& lo, int& end) {
    if (e.loc.file == lo.file && e.loc.line == lo.line) {
        if (e.loc.column < lo.column) lo.column = e.loc.column;
        end = std::max(end, e.loc.column + e.loc.length);
    }
    const int before = end;
    for (const auto& a : e.args) widen(*a, lo, end);
    if (e.kind == Expr::Kind::Call && end > before) ++end;  // the closing parenthesis
}

}  // namespace

Loc span(const Expr& e) {
    Loc lo = e.loc;
    int end = e.loc.column + e.loc.length;
    widen(e, lo, end);
    lo.length = std::max(1, end - lo.column);
    return lo;
}

}  // namespace pingfen::ast
