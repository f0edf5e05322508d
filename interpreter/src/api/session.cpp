// The session API of pingfen/authoring.hpp: a ruleset's named values and files, and an
// expression evaluated in an indicator's scope, with the resolver's scopes and the evaluator
// scoring uses (not a second reading of the text).
#include <algorithm>
#include <functional>
#include <fmt/format.h>

#include "api/expression_value.hpp"
#include "api/guard.hpp"
#include "data/department.hpp"
#include "data/validate.hpp"
#include "eval/evaluate.hpp"
#include "eval/explain.hpp"
#include "front/parse.hpp"
#include "pingfen/authoring.hpp"
#include "sema/resolve.hpp"

namespace pingfen {

std::string closest_name(const std::string& name, const std::vector<std::string>& candidates) {
    return sema::closest_name(name, candidates);
}

namespace {

// Byte offset of the 1-based character column `column` in `line`.
std::size_t byte_at(std::string_view line, int column) {
    std::size_t i = 0;
    for (int c = 1; c < column && i < line.size();) {
        ++i;
        if (i >= line.size() || (static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) ++c;
    }
    return std::min(i, line.size());
}

// An expression as its author wrote it, when it stands on one line: from its first node to its
// last, with the closing brackets it opened. Otherwise as explanations write it.
std::string as_written(const ast::Expr& e) {
    const Loc start = ast::span(e);
    if (!start.file || start.line <= 0) return explain::formula(e, Language::Chinese);
    int end_column = start.column + start.length;
    bool one_line = true;
    std::function<void(const ast::Expr&)> walk = [&](const ast::Expr& x) {
        if (x.loc.line != start.line) one_line = false;
        end_column = std::max(end_column, x.loc.column + x.loc.length);
        for (const auto& a : x.args) walk(*a);
    };
    walk(e);
    if (!one_line) return explain::formula(e, Language::Chinese);
    const std::string_view line = start.file->line(start.line);
    const std::size_t b = byte_at(line, start.column);
    std::size_t end = byte_at(line, end_column);
    int depth = 0;
    for (const auto& t : tokenize(line.substr(b, end - b))) {
        if (t.token == "LPAREN") ++depth;
        if (t.token == "RPAREN") --depth;
    }
    while (depth > 0) {
        auto ts = tokenize(line.substr(end));
        if (ts.empty() || ts[0].token != "RPAREN") break;
        end += ts[0].end;
        --depth;
    }
    if (depth != 0) return explain::formula(e, Language::Chinese);
    return std::string(line.substr(b, end - b));
}

}  // namespace

std::vector<NamedValueInfo> ruleset_named_values(const Ruleset& r) {
    std::vector<NamedValueInfo> out;
    for (const ast::Indicator* ind : r.indicators) {
        for (const auto& def : ind->locals) {
            if (!def.value) continue;
            NamedValueInfo n;
            n.name = def.name;
            n.indicator = r.path_of(*ind);
            n.shared = def.shared;
            n.formula = as_written(*def.value);
            n.file = def.loc.file ? def.loc.file->path : "";
            n.line = def.loc.line;
            n.column = def.loc.column;
            out.push_back(std::move(n));
        }
    }
    return out;
}

std::vector<std::string> ruleset_files(const Ruleset& r) {
    std::vector<std::string> out;
    if (r.module->source) out.push_back(r.module->source->path);
    for (const auto& s : r.module->imported_sources)
        if (s && std::find(out.begin(), out.end(), s->path) == out.end()) out.push_back(s->path);
    return out;
}

namespace {

ast::ValueType type_of(const ast::DataValue& dv) {
    switch (dv.kind) {
        case ast::DataValue::Kind::Bool: return ast::ValueType::Bool;
        case ast::DataValue::Kind::Text: return ast::ValueType::Text;
        case ast::DataValue::Kind::List: return ast::ValueType::List;
        case ast::DataValue::Kind::Object: return ast::ValueType::Unknown;
        case ast::DataValue::Kind::Number: return dv.percent ? ast::ValueType::Percent : ast::ValueType::Number;
    }
    return ast::ValueType::Unknown;
}

Value value_of(const ast::DataValue& dv) {
    Value v;
    switch (dv.kind) {
        case ast::DataValue::Kind::Number: return Value::of(dv.number);
        case ast::DataValue::Kind::Bool: return Value::of_bool(dv.boolean);
        case ast::DataValue::Kind::Text:
            v.kind = Value::Kind::Text;
            v.text = dv.text;
            return v;
        case ast::DataValue::Kind::List:
            v.kind = Value::Kind::List;
            v.list = &dv.list;
            return v;
        case ast::DataValue::Kind::Object: return v;
    }
    return v;
}

ExpressionResult evaluate_in(const Ruleset& r, const std::vector<std::string>& path, const std::string& text,
                             const DepartmentData* data) {
    ExpressionResult result;
    DiagnosticSink sink;
    auto src = std::make_shared<const SourceFile>("<表达式>", text);

    const ast::Indicator* at = nullptr;
    if (!path.empty()) {
        for (std::size_t i = 0; i < r.paths.size(); ++i)
            if (r.paths[i] == path) at = r.indicators[i];
        if (!at) {
            std::string shown;
            for (const auto& p : path) shown += (shown.empty() ? "" : ".") + p;
            sink.error("E0016", Loc{}, fmt::format("没有指标 `{}`，无法在它之内计算表达式", shown),
                       fmt::format("no indicator `{}` to evaluate the expression in", shown));
            result.diagnostics = sink.take();
            return result;
        }
    }
    auto expr = front::parse_expression(src, front::ParseLimits{}, sink);
    if (!expr) {
        result.diagnostics = sink.take();
        return result;
    }

    // The slots scoring would bind, then the data's own fields the ruleset does not declare.
    std::vector<Value> slots(static_cast<std::size_t>(r.slot_count));
    std::vector<const DepartmentData::Field*> extra;
    data::Bound bound;  // bound lists may point into it: it outlives the evaluation
    if (data) {
        DiagnosticSink ignored;  // what is wrong with the data is score()'s to say
        data::bind_inputs(r, *data, bound, ignored);
        slots = bound.slots;
        for (const auto& f : data->fields)
            if (!r.input_index.count(f.name)) extra.push_back(&f);
        for (const auto* f : extra) slots.push_back(value_of(f->value));
    }

    // The scope: named values of the indicator and its ancestors (innermost first), inputs.
    std::vector<const ast::LocalDef*> locals;
    for (const ast::Indicator* i = at; i; i = r.parents[static_cast<std::size_t>(i->index)])
        for (const auto& def : i->locals)
            if (def.slot >= 0 && def.value) locals.push_back(&def);
    std::vector<std::string> known;
    for (const auto* d : locals) known.push_back(d->name);
    for (const auto& in : r.module->inputs) known.push_back(in.name);
    for (const auto* f : extra) known.push_back(f->name);

    sema::resolve_expression(
        *expr,
        [&](const std::string& n) {
            sema::NameInfo info;
            for (const auto* d : locals)
                if (d->name == n) {
                    info.slot = d->slot;
                    info.type = d->value->type;
                    info.element = d->value->element;
                    info.unit = d->value->unit;
                    return info;
                }
            for (const auto& in : r.module->inputs)
                if (in.name == n && in.slot >= 0) {
                    info.slot = in.slot;
                    info.type = in.type;
                    info.element = in.element;
                    info.unit = in.unit;
                    return info;
                }
            for (std::size_t k = 0; k < extra.size(); ++k)
                if (extra[k]->name == n) {
                    info.slot = r.slot_count + static_cast<int>(k);
                    info.type = type_of(extra[k]->value);
                    return info;
                }
            if (std::find(result.unknown_names.begin(), result.unknown_names.end(), n) == result.unknown_names.end())
                result.unknown_names.push_back(n);
            return info;
        },
        known, sink, at != nullptr);
    if (!sink.has_errors()) {
        eval::Evaluator ev(r, slots, Language::Chinese, false);
        ev.limit_steps(ScoreOptions{}.max_steps);
        if (at) ev.set_points(at->scoring ? at->weight : r.sheet_weights[static_cast<std::size_t>(at->index)]);
        result.value = api::expression_value(ev, *expr, sink);
    }
    result.diagnostics = sink.take();
    return result;
}

}  // namespace

ExpressionResult evaluate_in_indicator(const Ruleset& r, const std::vector<std::string>& indicator,
                                       const std::string& text, const DepartmentData* data) {
    return api::guarded<ExpressionResult>("<表达式>", [&] { return evaluate_in(r, indicator, text, data); });
}

}  // namespace pingfen
