// evaluate_expression of the public API: a lone expression (`pingfen eval`, the REPL) typed and
// evaluated exactly, its names read from a department's data when one is given.
#include "api/expression_value.hpp"
#include "api/guard.hpp"
#include "data/department.hpp"
#include "eval/evaluate.hpp"
#include "front/parse.hpp"
#include "pingfen/pingfen.hpp"
#include "sema/resolve.hpp"

namespace pingfen {
namespace {

ExpressionResult evaluate(const std::string& text, const DepartmentData* data) {
    ExpressionResult result;
    DiagnosticSink sink;
    auto src = std::make_shared<const SourceFile>("<表达式>", text);
    auto expr = front::parse_expression(src, front::ParseLimits{}, sink);
    if (!expr) {
        result.diagnostics = sink.take();
        return result;
    }
    Ruleset empty;
    empty.module = std::make_unique<ast::Module>();
    std::vector<Value> slots;
    std::vector<std::string> names;
    if (data) {
        for (const auto& f : data->fields) {
            names.push_back(f.name);
            Value v;
            const ast::DataValue& dv = f.value;
            if (dv.kind == ast::DataValue::Kind::Number) v = Value::of(dv.number);
            else if (dv.kind == ast::DataValue::Kind::Bool) v = Value::of_bool(dv.boolean);
            else if (dv.kind == ast::DataValue::Kind::Text) {
                v.kind = Value::Kind::Text;
                v.text = dv.text;
            }
            slots.push_back(v);
        }
    }
    sema::resolve_expression(
        *expr,
        [&](const std::string& n) {
            sema::NameInfo info;
            if (!data) return info;
            for (std::size_t i = 0; i < data->fields.size(); ++i) {
                if (data->fields[i].name != n) continue;
                const ast::DataValue& dv = data->fields[i].value;
                info.slot = static_cast<int>(i);
                info.type = dv.kind == ast::DataValue::Kind::Bool   ? ast::ValueType::Bool
                            : dv.kind == ast::DataValue::Kind::Text ? ast::ValueType::Text
                            : dv.percent                            ? ast::ValueType::Percent
                                                                    : ast::ValueType::Number;
            }
            return info;
        },
        names, sink);
    if (!sink.has_errors()) {
        empty.local_of_slot.assign(slots.size(), nullptr);
        eval::Evaluator ev(empty, slots, Language::Chinese, false);
        ev.limit_steps(ScoreOptions{}.max_steps);
        result.value = api::expression_value(ev, *expr, sink);
    }
    result.diagnostics = sink.take();
    return result;
}

}  // namespace

ExpressionResult evaluate_expression(const std::string& text, const DepartmentData* data) {
    return api::guarded<ExpressionResult>("<表达式>", [&] { return evaluate(text, data); });
}

}  // namespace pingfen
