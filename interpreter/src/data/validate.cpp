#include "data/validate.hpp"

#include <fmt/format.h>

#include "sema/resolve.hpp"

namespace pingfen::data {
namespace {

using ast::DataValue;
using ast::ValueType;

std::string shown(const DataValue& v) {
    switch (v.kind) {
        case DataValue::Kind::Number: return v.percent ? v.number.to_percent_exact() : v.number.to_string();
        case DataValue::Kind::Bool: return v.boolean ? "是" : "否";
        case DataValue::Kind::Text: return fmt::format("\"{}\"", v.text);
        case DataValue::Kind::List: return "[…]";
        case DataValue::Kind::Object: return "{…}";
    }
    return "";
}

// "2.73%", "2.73％", "1222.61" in a text field, as exported spreadsheets write them.
bool number_from_text(const std::string& text, Decimal& out, bool& percent) {
    std::string t = text;
    while (!t.empty() && t.back() == ' ') t.pop_back();
    while (!t.empty() && t.front() == ' ') t.erase(0, 1);
    percent = false;
    if (t.size() >= 1 && t.back() == '%') {
        t.pop_back();
        percent = true;
    } else if (t.size() >= 3 && t.compare(t.size() - 3, 3, "％") == 0) {
        t.erase(t.size() - 3);
        percent = true;
    }
    auto d = Decimal::parse(t);
    if (!d) return false;
    out = percent ? Decimal::hundredth(*d) : *d;
    return true;
}

class Binder {
public:
    Binder(const Ruleset& r, const DepartmentData& d, std::deque<DataValue>& storage, DiagnosticSink& sink)
        : r_(r), d_(d), storage_(storage), sink_(sink) {}

    std::vector<bool> run(std::vector<Value>& slots) {
        const auto& inputs = r_.module->inputs;
        std::vector<bool> ok(inputs.size(), false);
        for (std::size_t i = 0; i < inputs.size(); ++i) {
            const ast::InputDecl& in = inputs[i];
            if (in.slot < 0) continue;
            const DepartmentData::Field* f = d_.find(in.name);
            DepartmentData::Field fallback;
            if (!f && in.fallback) {
                fallback = DepartmentData::Field{in.name, in.loc, *in.fallback};
                f = &fallback;
            }
            // Nothing reads it (an imported indicator was removed): it need not be given.
            if (!f && r_.users_of_input[static_cast<std::size_t>(in.slot)].empty()) continue;
            if (!f) {
                // Text is a reason or a note: absent means empty, and a rule that needs a reason
                // says so when it does.
                if (in.type == ValueType::Text) {
                    slots[static_cast<std::size_t>(in.slot)].kind = Value::Kind::Text;
                    ok[i] = true;
                } else {
                    missing(in);
                }
                continue;
            }
            Value v;
            if (!convert(in, *f, v)) continue;
            if (!in_range(in, *f, v)) continue;
            slots[static_cast<std::size_t>(in.slot)] = v;
            ok[i] = true;
        }
        for (const auto& f : d_.fields) {
            bool declared = false;
            for (const auto& in : inputs) declared = declared || in.name == f.name;
            if (!declared) extra(f);
        }
        return ok;
    }

private:
    const Ruleset& r_;
    const DepartmentData& d_;
    std::deque<DataValue>& storage_;
    DiagnosticSink& sink_;

    std::string users(const ast::InputDecl& in, bool english) {
        const auto& users = r_.users_of_input[static_cast<std::size_t>(in.slot)];
        if (users.empty()) return english ? "no indicator" : "无";
        std::string out;
        for (int u : users) {
            if (!out.empty()) out += english ? "; " : "；";
            out += r_.path_text(*r_.indicators[static_cast<std::size_t>(u)]);
        }
        return out;
    }

    std::string declared_type(const ast::InputDecl& in, bool english) {
        std::string t = english ? ast::type_name_en(in.type) : ast::type_name_zh(in.type);
        if (!in.unit.empty()) t += english ? fmt::format(" ({})", in.unit) : fmt::format("（{}）", in.unit);
        return t;
    }

    void missing(const ast::InputDecl& in) {
        sink_.error("E0401", Loc{d_.source.get(), 0, 0, 1},
                    fmt::format("缺少数据 `{}`（{}），需要它的指标：{}", in.name, declared_type(in, false), users(in, false)),
                    fmt::format("missing datum `{}` ({}), needed by: {}", in.name, declared_type(in, true), users(in, true)));
        sink_.last().notes.push_back(make_note(in.loc, "输入在这里声明", "the input is declared here"));
    }

    void extra(const DepartmentData::Field& f) {
        std::vector<std::string> names;
        for (const auto& in : r_.module->inputs) names.push_back(in.name);
        std::string near = sema::closest_name(f.name, names);
        sink_.warning("W0401", f.loc,
                      fmt::format("数据 `{}` 不是规则集声明的输入，已忽略{}", f.name,
                                  near.empty() ? "" : fmt::format("（是不是想写 `{}`？）", near)),
                      fmt::format("`{}` is not an input of the ruleset and is ignored{}", f.name,
                                  near.empty() ? "" : fmt::format(" (did you mean `{}`?)", near)));
    }

    void bad_type(const ast::InputDecl& in, const DepartmentData::Field& f, const char* why_zh = "",
                  const char* why_en = "") {
        sink_.error("E0402", f.loc,
                    fmt::format("数据 `{}` 应为{}，却是 {}{}；需要它的指标：{}", in.name, declared_type(in, false),
                                shown(f.value), why_zh, users(in, false)),
                    fmt::format("`{}` must be {}, but it is {}{}; needed by: {}", in.name, declared_type(in, true),
                                shown(f.value), why_en, users(in, true)));
        sink_.last().notes.push_back(make_note(in.loc, "输入在这里声明", "the input is declared here"));
    }

    bool convert(const ast::InputDecl& in, const DepartmentData::Field& f, Value& v) {
        const DataValue& dv = f.value;
        switch (in.type) {
            case ValueType::Bool:
                if (dv.kind == DataValue::Kind::Bool) {
                    v = Value::of_bool(dv.boolean);
                    return true;
                }
                if (dv.kind == DataValue::Kind::Text && (dv.text == "是" || dv.text == "否")) {
                    v = Value::of_bool(dv.text == "是");
                    return true;
                }
                bad_type(in, f);
                return false;
            case ValueType::Text:
                if (dv.kind != DataValue::Kind::Text) {
                    bad_type(in, f);
                    return false;
                }
                v.kind = Value::Kind::Text;
                v.text = dv.text;
                return true;
            case ValueType::List:
                return list(in, f, v);
            case ValueType::Goals:
                return goals(in, f, v);
            default:
                break;
        }
        Decimal n;
        bool percent = dv.percent;
        if (dv.kind == DataValue::Kind::Number) {
            n = dv.number;
        } else if (dv.kind != DataValue::Kind::Text || !number_from_text(dv.text, n, percent)) {
            bad_type(in, f);
            return false;
        }
        // 5 vs 5% vs 0.05 is the commonest slip: a percentage where an amount or a count is meant.
        if (percent && (in.type == ValueType::Amount || in.type == ValueType::Count)) {
            bad_type(in, f, "（百分数）", " (a percentage)");
            return false;
        }
        if (in.type == ValueType::Count && (!n.is_integer() || n.is_negative())) {
            bad_type(in, f, "（计数应为非负整数）", " (a count is a whole number, not negative)");
            return false;
        }
        // 92.31 for a percentage is 9231%: almost always meant as 92.31%.
        if (in.type == ValueType::Percent && !percent && Decimal::from_int(1) < (n.is_negative() ? -n : n))
            sink_.warning("W0402", f.loc,
                          fmt::format("百分比 `{}` 的值 {} 按 {} 计；若是指 {}%，请写 \"{}%\" 或 {}", in.name, n.to_string(),
                                      n.to_percent_exact(), n.to_string(), n.to_string(), Decimal::hundredth(n).to_string()),
                          fmt::format("percentage `{}` is {}, read as {}; if {}% is meant, write \"{}%\" or {}", in.name,
                                      n.to_string(), n.to_percent_exact(), n.to_string(), n.to_string(),
                                      Decimal::hundredth(n).to_string()));
        v = Value::of(n);
        return true;
    }

    // A number of a list or a goal row: numbers, or text like "98%" exported from a sheet.
    static bool item_number(const DataValue& item, DataValue& out) {
        out = item;
        if (item.kind == DataValue::Kind::Number) return true;
        if (item.kind != DataValue::Kind::Text) return false;
        bool percent = false;
        if (!number_from_text(item.text, out.number, percent)) return false;
        out.kind = DataValue::Kind::Number;
        out.percent = percent;
        return true;
    }

    bool list(const ast::InputDecl& in, const DepartmentData::Field& f, Value& v) {
        if (f.value.kind != DataValue::Kind::List) {
            bad_type(in, f);
            return false;
        }
        DataValue norm;
        norm.kind = DataValue::Kind::List;
        for (std::size_t i = 0; i < f.value.list.size(); ++i) {
            DataValue item;
            if (!item_number(f.value.list[i], item)) {
                sink_.error("E0402", f.loc,
                            fmt::format("数据 `{}` 的第 {} 项 {} 不是数值；需要它的指标：{}", in.name, i + 1,
                                        shown(f.value.list[i]), users(in, false)),
                            fmt::format("item {} of `{}`, {}, is not a number; needed by: {}", i + 1, in.name,
                                        shown(f.value.list[i]), users(in, true)));
                return false;
            }
            norm.list.push_back(item);
        }
        storage_.push_back(std::move(norm));
        v.kind = Value::Kind::List;
        v.list = &storage_.back().list;
        return true;
    }

    // A goal table: rows of {名称, 目标, 实际} with optional 权重, 方向, 档次, 得分率, 说明.
    bool goals(const ast::InputDecl& in, const DepartmentData::Field& f, Value& v) {
        if (f.value.kind != DataValue::Kind::List) {
            bad_type(in, f);
            return false;
        }
        DataValue norm;
        norm.kind = DataValue::Kind::List;
        bool ok = true;
        for (std::size_t i = 0; i < f.value.list.size(); ++i) {
            const DataValue& row = f.value.list[i];
            auto row_error = [&](const std::string& zh, const std::string& en) {
                sink_.error("E0411", f.loc, fmt::format("目标表 `{}` 第 {} 行：{}；需要它的指标：{}", in.name, i + 1, zh, users(in, false)),
                            fmt::format("goal table `{}`, row {}: {}; needed by: {}", in.name, i + 1, en, users(in, true)));
                ok = false;
            };
            if (row.kind != DataValue::Kind::Object) {
                row_error("每行应为 {名称, 目标, 实际, …}", "each row must be {名称, 目标, 实际, …}");
                continue;
            }
            DataValue r = row;
            for (const char* need : {"名称", "目标", "实际"})
                if (!row.field(need)) row_error(fmt::format("缺少 `{}`", need), fmt::format("`{}` is missing", need));
            for (auto& [k, val] : r.fields) {
                if (k == "权重" || k == "得分率") {
                    DataValue n;
                    if (!item_number(val, n)) row_error(fmt::format("`{}` 应为数值", k), fmt::format("`{}` must be a number", k));
                    else val = n;
                }
            }
            norm.list.push_back(std::move(r));
        }
        if (!ok) return false;
        storage_.push_back(std::move(norm));
        v.kind = Value::Kind::List;
        v.list = &storage_.back().list;
        return true;
    }

    bool in_range(const ast::InputDecl& in, const DepartmentData::Field& f, const Value& v) {
        if (!in.range || v.kind != Value::Kind::Number) return true;
        const ast::Interval& iv = *in.range;
        bool ok = true;
        if (iv.low && iv.low->kind == ast::Expr::Kind::Number)
            ok = ok && (iv.low_closed ? iv.low->number <= v.number : iv.low->number < v.number);
        if (iv.high && iv.high->kind == ast::Expr::Kind::Number)
            ok = ok && (iv.high_closed ? v.number <= iv.high->number : v.number < iv.high->number);
        if (ok) return true;
        auto bound = [](const ast::Expr& e) { return e.percent ? e.number.to_percent_exact() : e.number.to_string(); };
        std::string range = fmt::format("{}{}, {}{}", iv.low_closed ? "[" : "(", iv.low ? bound(*iv.low) : "−∞",
                                        iv.high ? bound(*iv.high) : "+∞", iv.high_closed ? "]" : ")");
        std::string value = in.type == ValueType::Percent ? v.number.to_percent_exact() : v.number.to_string();
        sink_.error("E0404", f.loc,
                    fmt::format("数据 `{}` 的值 {} 超出声明的范围 {}；需要它的指标：{}", in.name, value, range, users(in, false)),
                    fmt::format("`{}` is {}, outside its declared range {}; needed by: {}", in.name, value, range,
                                users(in, true)));
        sink_.last().notes.push_back(make_note(in.range->loc, "范围在这里声明", "the range is declared here"));
        return false;
    }
};

}  // namespace

std::vector<bool> bind_inputs(const Ruleset& r, const DepartmentData& d, std::vector<Value>& slots,
                              std::deque<DataValue>& storage, DiagnosticSink& sink) {
    Binder b(r, d, storage, sink);
    return b.run(slots);
}

}  // namespace pingfen::data
