// A lone expression's value as the API gives it back (evaluate_expression, evaluate_in_indicator):
// exact text, a percentage with its sign, yes/no in Chinese. Evaluated by `ev`; an evaluation
// error goes to `sink`.
#pragma once

#include <optional>
#include <string>

#include "diag/diag.hpp"
#include "eval/evaluate.hpp"
#include "eval/explain.hpp"

namespace pingfen::api {

inline std::optional<std::string> expression_value(eval::Evaluator& ev, const ast::Expr& expr, DiagnosticSink& sink) {
    try {
        Value v = ev.value(expr);
        switch (v.kind) {
            case Value::Kind::Number:
                if (expr.type == ast::ValueType::Date) return explain::show_date(v.number, false);  // 2023年4月28日
                return expr.type == ast::ValueType::Percent ? v.number.to_percent_exact() : v.number.to_plain();
            case Value::Kind::Bool: return std::string(v.boolean ? "是" : "否");
            case Value::Kind::Text: return std::string(v.text);
            default:
                sink.error("E0301", expr.loc, "这是一个列表或目标表，表达式只能把它交给函数，如 平均(…)",
                           "this is a list or a goal table; an expression can only pass it to a function, e.g. mean(…)");
                return std::nullopt;
        }
    } catch (EvalError& e) {
        sink.error(e.out_of_steps ? "E0502" : "E0501", e.loc, e.zh, e.en);
        return std::nullopt;
    }
}

}  // namespace pingfen::api
