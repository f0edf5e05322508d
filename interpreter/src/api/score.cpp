// load_data_file / parse_data / score / evaluate_expression of the public API.
#include <fmt/format.h>

#include "data/department.hpp"
#include "data/validate.hpp"
#include "eval/evaluate.hpp"
#include "eval/explain.hpp"
#include "front/parse.hpp"
#include "pingfen/pingfen.hpp"
#include "sema/resolve.hpp"

namespace pingfen {

namespace detail {
bool read_file(const std::string& path, std::string& out, DiagnosticSink& sink);
}

DataResult parse_data(const std::string& name, std::string text) {
    DataResult result;
    DiagnosticSink sink;
    auto src = std::make_shared<const SourceFile>(name, std::move(text));
    std::size_t i = src->text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    while (i < src->text.size() && std::isspace(static_cast<unsigned char>(src->text[i]))) ++i;
    bool json = name.size() >= 5 ? name.compare(name.size() - 5, 5, ".json") == 0 : false;
    json = json || (i < src->text.size() && src->text[i] == '{');
    auto data = json ? data::read_json(src, sink) : data::read_data_block(src, sink);
    if (data && !sink.has_errors()) result.data = std::move(data);
    result.diagnostics = sink.take();
    return result;
}

DataResult load_data_file(const std::string& path) {
    DiagnosticSink sink;
    std::string text;
    if (!detail::read_file(path, text, sink)) {
        DataResult r;
        r.diagnostics = sink.take();
        return r;
    }
    return parse_data(path, std::move(text));
}

namespace {

class SheetBuilder {
public:
    SheetBuilder(const Ruleset& r, eval::Evaluator& ev, const std::vector<bool>& input_ok, DiagnosticSink& sink,
                 const ScoreOptions& opts)
        : r_(r), ev_(ev), input_ok_(input_ok), sink_(sink), opts_(opts) {}

    ScoreNode node(const ast::Indicator& ind) {
        ScoreNode n;
        n.name = ind.name;
        n.path = r_.path_of(ind);
        n.level = ind.depth;
        n.weight = ind.weight;
        n.explanation = ind.explanation;
        n.standard = ind.standard;
        if (ind.scoring) {
            leaf(ind, n);
            return n;
        }
        Decimal sum;
        bool complete = true;
        for (const auto& c : ind.children) {
            n.children.push_back(node(*c));
            if (n.children.back().score) sum = sum + *n.children.back().score;
            else complete = false;
        }
        if (complete) n.score = sum;
        return n;
    }

private:
    const Ruleset& r_;
    eval::Evaluator& ev_;
    const std::vector<bool>& input_ok_;
    DiagnosticSink& sink_;
    const ScoreOptions& opts_;

    void leaf(const ast::Indicator& ind, ScoreNode& n) {
        const bool en = opts_.language == Language::English;
        std::string missing;
        for (int slot : r_.inputs_of[static_cast<std::size_t>(ind.index)]) {
            if (input_ok_[static_cast<std::size_t>(slot)]) continue;
            missing += (missing.empty() ? "" : (en ? ", " : "、")) + r_.input_of_slot[static_cast<std::size_t>(slot)]->name;
        }
        if (!missing.empty()) {
            // The data error itself was reported once, with every indicator that needs it.
            n.basis = fmt::format(fmt::runtime(en ? "not scored: missing or invalid data {}" : "未评分：缺少或无效的数据 {}"), missing);
            return;
        }
        eval::LeafResult res = ev_.leaf(ind);
        if (res.error) {
            std::string path = r_.path_text(ind);
            sink_.error("E0501", res.error->loc, fmt::format("评估 `{}` 时出错：{}", path, res.error->zh),
                        fmt::format("while scoring `{}`: {}", path, res.error->en));
            n.basis = en ? "not scored: " + res.error->en : "未评分：" + res.error->zh;
            return;
        }
        n.score = res.score;
        n.basis = std::move(res.basis);
    }
};

}  // namespace

ScoreResult score(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts) {
    ScoreResult result;
    DiagnosticSink sink;
    std::vector<Value> slots(static_cast<std::size_t>(r.slot_count));
    std::vector<bool> ok = data::bind_inputs(r, d, slots, sink);
    std::vector<bool> slot_ok(slots.size(), true);
    for (std::size_t i = 0; i < r.module->inputs.size(); ++i)
        if (r.module->inputs[i].slot >= 0) slot_ok[static_cast<std::size_t>(r.module->inputs[i].slot)] = ok[i];

    eval::Evaluator ev(r, slots, opts.language, opts.explain);
    SheetBuilder builder(r, ev, slot_ok, sink, opts);
    ScoreSheet sheet;
    sheet.ruleset = r.module->title.value_or("");
    sheet.year = r.module->year ? r.module->year : d.year;
    sheet.department = d.department;
    sheet.max = r.total;
    Decimal total;
    bool complete = true;
    for (const auto& top : r.module->indicators) {
        sheet.indicators.push_back(builder.node(*top));
        if (sheet.indicators.back().score) total = total + *sheet.indicators.back().score;
        else complete = false;
    }
    if (complete) {
        const auto& rounding = r.module->rounding;
        if (rounding && rounding->where == ast::Rounding::Where::Total) total = total.round_half_up(rounding->places);
        sheet.total = total;
        for (const auto& g : r.module->grades) {
            const ast::Interval& iv = g.bound;
            bool in = true;
            if (iv.low) in = in && (iv.low_closed ? iv.low->number <= total : iv.low->number < total);
            if (iv.high) in = in && (iv.high_closed ? total <= iv.high->number : total < iv.high->number);
            if (in) {
                sheet.grade = g.name;
                break;
            }
        }
    }
    result.sheet = std::move(sheet);
    result.diagnostics = sink.take();
    return result;
}

ExpressionResult evaluate_expression(const std::string& text, const DepartmentData* data, const Ruleset*) {
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
        try {
            Value v = ev.value(*expr);
            if (v.kind == Value::Kind::Number)
                result.value = expr->type == ast::ValueType::Percent ? v.number.to_percent_exact() : v.number.to_plain();
            else if (v.kind == Value::Kind::Bool)
                result.value = v.boolean ? "是" : "否";
            else
                result.value = std::string(v.text);
        } catch (EvalError& e) {
            sink.error("E0501", e.loc, e.zh, e.en);
        }
    }
    result.diagnostics = sink.take();
    return result;
}

}  // namespace pingfen
