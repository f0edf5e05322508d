#include "data/validate.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>

#include "data/missing_datum.hpp"
#include "calendar/date.hpp"
#include "data/finding_datum.hpp"
#include "data/number_text.hpp"
#include "lower/input_schema.hpp"
#include "sema/resolve.hpp"

namespace pingfen::data {
namespace {


using ast::DataValue;
using ast::ValueType;

std::string shown(const DataValue& v) {
    switch (v.kind) {
        case DataValue::Kind::Number: return v.percent ? v.number.to_percent_exact() : v.number.to_string();
        case DataValue::Kind::Bool: return v.boolean ? "是" : "否";
        case DataValue::Kind::Text: return fmt::format("\"{}\"", clipped(v.text));
        case DataValue::Kind::List: return "[…]";
        case DataValue::Kind::Object: return "{…}";
    }
    return "";
}

// A datum as given: a field of the department's data, or an input's 默认 when the data leaves
// it out (bound in place, never copied).
struct Given {
    const Loc& loc;
    const DataValue& value;
};

class Binder {
public:
    Binder(const Ruleset& r, const DepartmentData& d, Bound& out, DiagnosticSink& sink)
        : r_(r), d_(d), out_(out), sink_(sink) {}

    // One pass over the data: each field to its input (the one after the last found, else by the
    // ruleset's name index), so binding costs O(fields) however many inputs the ruleset declares.
    // Then each input through the ruleset's input schema (lower/input_schema.hpp), the declaration
    // itself read only to convert a value given (its type's rules) or to report.
    void run(std::vector<Value>& slots, std::vector<unsigned char>& slot_ok, std::vector<const DepartmentData::Field*>& given) {
        const auto& inputs = r_.module->inputs;
        const auto& schema = schema_->inputs;
        given.assign(inputs.size(), nullptr);
        std::size_t extras = 0, next = 0;
        for (const auto& f : d_.fields) {
            int i = input_named(f.name, next);
            if (i < 0) {
                ++extras;
                continue;
            }
            auto at = static_cast<std::size_t>(i);
            if (given[at]) repeated(at, *given[at], f);
            else given[at] = &f;
            next = at + 1;
        }
        for (std::size_t i = 0; i < schema.size(); ++i) {
            const lower::InputSchema& in = schema[i];
            if (in.slot < 0) continue;
            const auto slot = static_cast<std::size_t>(in.slot);
            slot_ok[slot] = 0;
            const DepartmentData::Field* f = given[i];
            if (!repeated_.empty() && std::find(repeated_.begin(), repeated_.end(), i) != repeated_.end()) continue;
            // Nothing reads it (an imported indicator was removed): it need not be given.
            if (!f && !in.fallback && !in.read) continue;
            if (!f && !in.fallback) {
                // Text is a reason or a note: absent means empty, and a rule that needs a reason
                // says so when it does. Anything else is demanded only where evaluation reads it:
                // scoring reports E0401 for the indicators that do (data/missing_datum.cpp).
                if (in.type == ValueType::Text) {
                    slots[slot].kind = Value::Kind::Text;
                    slot_ok[slot] = 1;
                } else {
                    slot_ok[slot] = Bound::kAbsent;
                }
                continue;
            }
            const ast::InputDecl& decl = inputs[i];
            const Given g = f ? Given{f->loc, f->value} : Given{decl.loc, *decl.fallback};
            Value v;
            if (!convert(decl, g, v)) continue;
            if (v.kind == Value::Kind::Number && !within(in, v.number) && !in_range(decl, g, v)) continue;
            slots[slot] = v;
            slot_ok[slot] = 1;
        }
        if (extras == 0) return;
        // The first few by name, then how many more: each message shows its line, and a record of
        // ten thousand unknown keys on one line made ten thousand copies of it (2.5 GB, 13 s).
        std::size_t shown = 0;
        for (const auto& f : d_.fields) {
            if (input_named(f.name, inputs.size()) >= 0) continue;
            if (shown == kExtrasShown) {
                sink_.warning("W0401", f.loc,
                              fmt::format("另有 {} 项数据不是规则集声明的输入，已忽略（只列出前 {} 项）", extras - shown, shown),
                              fmt::format("{} more data are not inputs of the ruleset and are ignored (only the first {} are listed)",
                                          extras - shown, shown));
                break;
            }
            extra(f);
            ++shown;
        }
    }
    static constexpr std::size_t kExtrasShown = 20;

    static bool within(const lower::InputSchema& in, const Decimal& n) {
        if (in.low && !(in.low_closed ? in.low_value <= n : in.low_value < n)) return false;
        if (in.high && !(in.high_closed ? n <= in.high_value : n < in.high_value)) return false;
        return true;
    }

    const Ruleset& r_;
    // The compiled ruleset's; made here for one compiled with errors (never scored by a host).
    const std::shared_ptr<const lower::InputSchemas> schema_ =
        r_.input_schema && r_.input_schema->inputs.size() == r_.module->inputs.size() ? r_.input_schema : lower::input_schemas(r_);
    const DepartmentData& d_;
    Bound& out_;
    DiagnosticSink& sink_;
    std::vector<std::size_t> repeated_;  // inputs given more than once (rare: searched linearly)

    // The position of the input called `name`, or −1. Data usually lists its fields in the
    // order the inputs are declared, so the input after the last one found is tried first.
    int input_named(const std::string& name, std::size_t guess) const {
        const auto& inputs = r_.module->inputs;
        // A repeated declaration has no slot (a compile error): the first one is the input.
        if (guess < inputs.size() && schema_->inputs[guess].slot >= 0 && schema_->inputs[guess].name == name)
            return static_cast<int>(guess);
        if (r_.input_index.empty()) {  // a ruleset the resolver did not index
            for (std::size_t i = 0; i < inputs.size(); ++i)
                if (inputs[i].name == name) return static_cast<int>(i);
            return -1;
        }
        auto it = r_.input_index.find(std::string_view(name));
        return it == r_.input_index.end() ? -1 : it->second;
    }

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

    static std::string declared_type(const ast::InputDecl& in, bool english) { return declared_type_text(in, english); }

    // A datum given twice (a JSON key or CSV column repeated, a row of an xlsx sheet twice):
    // which value was meant cannot be known, and JSON readers disagree (most keep the last), so
    // neither is used. Its slot stays unbound as after a wrong type: the indicators that need it
    // are not scored.
    void repeated(std::size_t input, const DepartmentData::Field& first, const DepartmentData::Field& again) {
        // Said once for each datum: a third time adds nothing to the second.
        if (std::find(repeated_.begin(), repeated_.end(), input) != repeated_.end()) return;
        repeated_.push_back(input);
        const ast::InputDecl& in = r_.module->inputs[input];
        sink_.error("E0410", again.loc,
                    fmt::format("数据 `{}` 重复给出，无法确定用哪一个；需要它的指标：{}", in.name, users(in, false)),
                    fmt::format("`{}` is given twice and which value holds is unclear; needed by: {}", in.name,
                                users(in, true)));
        sink_.last().notes.push_back(make_note(first.loc, "第一次在这里", "first here"));
    }

    void extra(const DepartmentData::Field& f) {
        std::vector<std::string> names;
        for (const auto& in : r_.module->inputs) names.push_back(in.name);
        // A name far longer than any input's is no slip of the keys (and comparing it took seconds).
        const std::string name = clipped(f.name);
        std::string near = name.size() == f.name.size() ? sema::closest_name(f.name, names) : "";
        sink_.warning("W0401", f.loc,
                      fmt::format("数据 `{}` 不是规则集声明的输入，已忽略{}", name,
                                  near.empty() ? "" : fmt::format("（是不是想写 `{}`？）", near)),
                      fmt::format("`{}` is not an input of the ruleset and is ignored{}", name,
                                  near.empty() ? "" : fmt::format(" (did you mean `{}`?)", near)));
    }

    void bad_type(const ast::InputDecl& in, const Given& f, std::string_view why_zh = "", std::string_view why_en = "") {
        sink_.error("E0402", f.loc,
                    fmt::format("数据 `{}` 应为{}，却是 {}{}；需要它的指标：{}", in.name, declared_type(in, false),
                                shown(f.value), why_zh, users(in, false)),
                    fmt::format("`{}` must be {}, but it is {}{}; needed by: {}", in.name, declared_type(in, true),
                                shown(f.value), why_en, users(in, true)));
        sink_.last().notes.push_back(make_note(in.loc, "输入在这里声明", "the input is declared here"));
    }

    bool convert(const ast::InputDecl& in, const Given& f, Value& v) {
        const DataValue& dv = f.value;
        switch (in.type) {
            case ValueType::Bool:
                if (dv.kind == DataValue::Kind::Bool) {
                    v = Value::of_bool(dv.boolean);
                    return true;
                }
                if (dv.kind == DataValue::Kind::Text) {
                    // The spaces that trail a pasted cell, as a number's are: "否 " was refused
                    // where " 2 " was read.
                    const std::string_view t = trimmed_cell(dv.text);
                    if (t == "是" || t == "否") {
                        v = Value::of_bool(t == "是");
                        return true;
                    }
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
            case ValueType::Date:
                return date(in, f, v);
            case ValueType::Finding:
                return finding(in, f, v);
            default:
                break;
        }
        Decimal n;
        bool percent = dv.percent;
        if (dv.kind == DataValue::Kind::Number) {
            n = dv.number;
        } else if (dv.kind == DataValue::Kind::Text) {
            // 1222.61万元 for 金额(万元): the declared unit, written out, is read; another is refused.
            const std::string_view unit = unit_suffix(dv.text);
            const bool declared = !unit.empty() && in.type == ValueType::Amount && unit == in.unit;
            NumberText t = read_number_text(declared ? without_unit(dv.text, unit) : std::string_view(dv.text));
            if (!t.ok && !unit.empty() && !declared && read_number_text(without_unit(dv.text, unit)).ok) {
                bad_type(in, f,
                         in.type == ValueType::Amount && !in.unit.empty()
                             ? fmt::format("（写的单位是“{}”，输入声明的单位是“{}”：请换算为{}后只写数值）", unit, in.unit, in.unit)
                             : fmt::format("（请去掉单位“{}”，只写数值）", unit),
                         in.type == ValueType::Amount && !in.unit.empty()
                             ? fmt::format(" (written in {}, but the input is declared in {}: convert it to {} and write the number alone)",
                                           unit, in.unit, in.unit)
                             : fmt::format(" (leave out the unit {} and write the number alone)", unit));
                return false;
            }
            if (!t.ok && t.why_zh.empty() && calendar::read_date(dv.text).days) {
                // A spreadsheet turns 1-2 or 1/2 typed into a number cell into a date.
                bad_type(in, f, "（这是一个日期：Excel 和 WPS 常把输入的 1-2、1/2 自动改成日期，请把单元格设为数值格式后重新输入）",
                         " (this is a date: Excel and WPS turn 1-2 or 1/2 typed into a cell into a date; format the cell as a "
                         "number and type it again)");
                return false;
            }
            if (!t.ok) {
                bad_type(in, f, t.why_zh, t.why_en);
                return false;
            }
            n = t.value;
            percent = t.percent;
        } else {
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
        if (in.type == ValueType::Percent && !percent && !plain_percentage(in, f.loc, n, 0)) return false;
        v = Value::of(n);
        return true;
    }

    // A 日期 input: text written as a date (2023-04-28, 2023年4月28日, a workbook's date cell), read
    // as its day number. A day that does not exist, or a number (20230428, or a workbook's serial
    // 45044 in a cell not formatted as a date), is E0424 with the input's name and the reason.
    bool date(const ast::InputDecl& in, const Given& f, Value& v) {
        const DataValue& dv = f.value;
        calendar::DateText d;
        if (dv.kind == DataValue::Kind::Text) d = calendar::read_date(dv.text);
        if (!d.days) {
            std::string why_zh = d.why_zh, why_en = d.why_en;
            if (dv.kind != DataValue::Kind::Text) {
                why_zh = "日期应写作 2023-04-28 或 2023年4月28日（Excel 中请把单元格设为日期格式）";
                why_en = "a date is written 2023-04-28 or 2023年4月28日 (in Excel, format the cell as a date)";
            }
            sink_.error("E0424", f.loc,
                        fmt::format("数据 `{}` 的值 {} 不是有效的日期：{}；需要它的指标：{}", in.name, shown(dv), why_zh, users(in, false)),
                        fmt::format("`{}` is {}, which is not a valid date: {}; needed by: {}", in.name, shown(dv), why_en, users(in, true)));
            sink_.last().notes.push_back(make_note(in.loc, "输入在这里声明", "the input is declared here"));
            return false;
        }
        v = Value::of(Decimal::from_int(*d.days));
        return true;
    }

    // A 核查 input (data/finding_datum.cpp reads its shape). The points are checked against the
    // declared bounds after (E0404); points without a reason are E0425: the sheet must say why
    // every point was lost, as 酌情扣 requires.
    bool finding(const ast::InputDecl& in, const Given& f, Value& v) {
        const FindingDatum d = read_finding(f.value);
        if (!d.ok) return finding_shape(in, f, d.why_zh, d.why_en);
        // Points outside the bounds (−0.5, or 1.5 of [0, 1]) are that error first (E0404): the
        // reason a wrong figure lacks is not the point.
        if (!in_range(in, f, Value::of(d.points))) return false;
        if (!d.points.is_zero() && d.reason.find_first_not_of(" \t") == std::string_view::npos) {
            sink_.error("E0425", f.loc,
                        fmt::format("核查 `{}` 扣 {} 分，但没有写理由：评分依据须说明每一分扣在哪里；需要它的指标：{}", in.name,
                                    d.points.to_string(), users(in, false)),
                        fmt::format("the finding `{}` takes off {} points without a reason: the basis must say why every point was lost; needed by: {}",
                                    in.name, d.points.to_string(), users(in, true)));
            sink_.last().notes.push_back(make_note(in.loc, "写成 {\"扣分\": 0.5, \"理由\": \"…\"}，或在一格中写 0.5；理由",
                                                   "write {\"扣分\": 0.5, \"理由\": \"…\"}, or 0.5；reason in one cell"));
            return false;
        }
        v = Value::of(d.points);
        v.text = d.reason;
        return true;
    }

    bool finding_shape(const ast::InputDecl& in, const Given& f, std::string_view why_zh, std::string_view why_en) {
        bad_type(in, f, fmt::format("（{}写成 {{\"扣分\": 0.5, \"理由\": \"…\"}}，或在一格中写 0.5；理由）", why_zh.empty() ? "" : std::string(why_zh) + "；"),
                 fmt::format(" ({}write {{\"扣分\": 0.5, \"理由\": \"…\"}}, or 0.5；reason in one cell)", why_en.empty() ? "" : std::string(why_en) + "; "));
        return false;
    }

    // "`名称` " or "`名称` 的第 3 项": which datum a message is about, ready for the verb (a
    // space after the name, none after 项).
    static std::string datum_zh(const ast::InputDecl& in, std::size_t item) {
        return item ? fmt::format("`{}` 的第 {} 项", in.name, item) : fmt::format("`{}` ", in.name);
    }
    static std::string datum_en(const ast::InputDecl& in, std::size_t item) {
        return item ? fmt::format("item {} of `{}`", item, in.name) : fmt::format("`{}`", in.name);
    }

    // Whether the declared range itself says rates this large are possible: an explicit bound
    // on the value's side at or beyond it (an open-ended `≥ 0` says nothing about 8500%).
    static bool range_allows(const ast::InputDecl& in, const Decimal& n) {
        if (!in.range) return false;
        const ast::Interval& iv = *in.range;
        const ast::ExprPtr& bound = n.is_negative() ? iv.low : iv.high;
        if (!bound || bound->kind != ast::Expr::Kind::Number) return false;
        return n.is_negative() ? bound->number <= n : n <= bound->number;
    }

    // A percentage given as a plain number: 0.85 is 85%, but staff copy "85" out of a sheet
    // every day. Up to 100% it is taken as written; above, up to 1000%, it is taken with a
    // warning (a growth rate of 150% is real); from 1000% on it cannot be what was meant unless
    // the input's declared range reaches that far, and the indicators that read it are not
    // scored. `item` is the 1-based position in a list, 0 for a single value.
    bool plain_percentage(const ast::InputDecl& in, const Loc& loc, const Decimal& n, std::size_t item) {
        const Decimal magnitude = n.is_negative() ? -n : n;
        // Outside the declared range it is E0404, which asks the same question.
        if (!(kOne < magnitude) || !within(in, n)) return true;
        const std::string written = n.to_string(), read = n.to_percent_exact(), meant = Decimal::hundredth(n).to_string();
        if (magnitude < kTen || range_allows(in, n)) {
            sink_.warning("W0402", loc,
                          fmt::format("百分比 {}的值 {} 按 {} 计；若是指 {}%，请写 \"{}%\" 或 {}", datum_zh(in, item),
                                      written, read, written, written, meant),
                          fmt::format("percentage {} is {}, read as {}; if {}% is meant, write \"{}%\" or {}", datum_en(in, item),
                                      written, read, written, written, meant));
            return true;
        }
        sink_.error("E0403", loc,
                    fmt::format("百分比 {}写成了普通数 {}，会按 {} 计；是否应写 {}%？需要它的指标：{}", datum_zh(in, item),
                                written, read, written, users(in, false)),
                    fmt::format("percentage {} is the plain number {}, which reads as {}; did you mean {}%? needed by: {}",
                                datum_en(in, item), written, read, written, users(in, true)));
        sink_.last().notes.push_back(make_note(
            in.range ? in.range->loc : in.loc,
            fmt::format("若确为 {}，请写 \"{}\"，或在输入声明中写明能达到它的{}", read, read, n.is_negative() ? "下限" : "上限"),
            fmt::format("if {} is really meant, write \"{}\", or declare {} bound that reaches it", read, read,
                        n.is_negative() ? "a lower" : "an upper")));
        return false;
    }

    inline static const Decimal kOne = Decimal::from_int(1);
    inline static const Decimal kTen = Decimal::from_int(10);

    // A number of a list or a goal row: numbers, or text like "98%" exported from a sheet.
    static bool item_number(const DataValue& item, DataValue& out) {
        out = item;
        if (item.kind == DataValue::Kind::Number) return true;
        if (item.kind != DataValue::Kind::Text) return false;
        NumberText t = read_number_text(item.text);
        if (!t.ok) return false;
        out.kind = DataValue::Kind::Number;
        out.number = t.value;
        out.percent = t.percent;
        return true;
    }

    // A copy of `items` that lives until the evaluation ends, made in a buffer a previous
    // department left (assigning reuses its memory).
    std::vector<DataValue>& copy_of(const std::vector<DataValue>& items) {
        if (out_.lists_used == out_.lists.size()) out_.lists.emplace_back();
        std::vector<DataValue>& copy = out_.lists[out_.lists_used++];
        copy.assign(items.begin(), items.end());
        return copy;
    }

    // A list written in one cell (a CSV field, a spreadsheet cell): its items separated by
    // semicolons, `100%; 98.5%; 99%` (a comma would split the CSV and is a thousands separator).
    std::vector<DataValue>& split_cell(const DataValue& cell) {
        std::vector<DataValue>& items = copy_of({});
        const std::string& t = cell.text;
        std::size_t start = 0;
        while (start <= t.size()) {
            std::size_t semi = t.find(';', start), wide = t.find("；", start);
            std::size_t end = std::min(semi, wide);
            std::string part = t.substr(start, end == std::string::npos ? std::string::npos : end - start);
            std::size_t b = part.find_first_not_of(" \t"), e = part.find_last_not_of(" \t");
            DataValue item;
            item.kind = DataValue::Kind::Text;
            item.text = b == std::string::npos ? "" : part.substr(b, e - b + 1);
            item.loc = cell.loc;
            items.push_back(std::move(item));
            if (end == std::string::npos) break;
            start = end + (end == semi ? 1 : std::string("；").size());
        }
        // A trailing separator ("98%; 99%;") ends the list rather than adding an empty item.
        if (items.size() > 1 && items.back().text.empty()) items.pop_back();
        return items;
    }

    bool list(const ast::InputDecl& in, const Given& f, Value& v) {
        const bool in_cell = f.value.kind == DataValue::Kind::Text;
        if (f.value.kind != DataValue::Kind::List && !in_cell) {
            bad_type(in, f);
            return false;
        }
        std::vector<DataValue>* split = in_cell ? &split_cell(f.value) : nullptr;
        const std::vector<DataValue>& given = split ? *split : f.value.list;
        const std::vector<DataValue>* items = &given;
        if (!std::all_of(items->begin(), items->end(), [](const DataValue& x) { return x.kind == DataValue::Kind::Number; })) {
            // One copy of the list, its text items then made numbers in place.
            std::vector<DataValue>& norm = split ? *split : copy_of(given);
            for (std::size_t i = 0; i < norm.size(); ++i) {
                DataValue& item = norm[i];
                if (item.kind == DataValue::Kind::Number) continue;
                NumberText t;
                if (item.kind == DataValue::Kind::Text) t = read_number_text(item.text);
                if (!t.ok && in_cell) {
                    // E0420: the form a list takes in one cell, shown with the item that broke it.
                    sink_.error("E0420", f.loc,
                                fmt::format("列表 `{}` 写在一个单元格中，其第 {} 项 {} 不是数值{}；一个单元格中的列表用分号分隔各项，如 "
                                            "\"100%; 98.5%; 99%\"；需要它的指标：{}",
                                            in.name, i + 1, shown(item), t.why_zh, users(in, false)),
                                fmt::format("list `{}` is written in one cell, and its item {}, {}, is not a number{}; in one cell, "
                                            "separate a list's items with semicolons: \"100%; 98.5%; 99%\"; needed by: {}",
                                            in.name, i + 1, shown(item), t.why_en, users(in, true)));
                    v.kind = Value::Kind::Missing;
                    return false;
                }
                if (!t.ok) {
                    sink_.error("E0402", f.loc,
                                fmt::format("数据 `{}` 的第 {} 项 {} 不是数值{}；需要它的指标：{}", in.name, i + 1,
                                            shown(given[i]), t.why_zh, users(in, false)),
                                fmt::format("item {} of `{}`, {}, is not a number{}; needed by: {}", i + 1, in.name,
                                            shown(given[i]), t.why_en, users(in, true)));
                    v.kind = Value::Kind::Missing;
                    return false;
                }
                item.kind = DataValue::Kind::Number;
                item.number = t.value;
                item.percent = t.percent;
            }
            items = &norm;
        }
        // Every declared bound and the element type apply to every element: a monthly rate of
        // −30% is as impossible as a yearly one.
        bool ok = true;
        for (std::size_t i = 0; i < items->size(); ++i) {
            const DataValue& item = (*items)[i];
            const Loc& loc = item.loc.valid() ? item.loc : f.loc;
            if (item.percent && (in.element == ValueType::Amount || in.element == ValueType::Count)) {
                bad_type(in, f, fmt::format("（第 {} 项是百分数）", i + 1), fmt::format(" (item {} is a percentage)", i + 1));
                ok = false;
            } else if (!within(in, item.number)) {
                out_of_range(in, loc, item.number, in.element == ValueType::Percent, item.percent, i + 1);
                ok = false;
            } else if (in.element == ValueType::Percent && !item.percent && !plain_percentage(in, loc, item.number, i + 1)) {
                ok = false;
            }
        }
        if (!ok) {
            v.kind = Value::Kind::Missing;
            return false;
        }
        v.kind = Value::Kind::List;
        v.list = items;
        return true;
    }

    // Comparisons of known length, which the compiler inlines: a goal table is checked row by
    // row for every department.
    template <std::size_t N>
    static bool named(const std::string& k, const char (&name)[N]) {
        return k.size() == N - 1 && std::memcmp(k.data(), name, N - 1) == 0;
    }
    static bool is_numeric_column(const std::string& k) { return named(k, "权重") || named(k, "得分率"); }
    // A bit for each column scoring reads (lower/goal_rows.cpp), 0 for any other.
    static unsigned column_bit(const std::string& k) {
        if (named(k, "名称")) return 1;
        if (named(k, "目标")) return 2;
        if (named(k, "实际")) return 4;
        if (named(k, "权重")) return 8;
        if (named(k, "方向")) return 16;
        if (named(k, "档次")) return 32;
        if (named(k, "得分率")) return 64;
        if (named(k, "说明")) return 128;
        return 0;
    }

    // A goal table: rows of {名称, 目标, 实际} with optional 权重, 方向, 档次, 得分率, 说明.
    bool goals(const ast::InputDecl& in, const Given& f, Value& v) {
        if (f.value.kind != DataValue::Kind::List) {
            bad_type(in, f);
            return false;
        }
        bool ok = true, text_numbers = false;
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
            unsigned seen = 0;
            const DataValue* target = nullptr;
            for (const auto& column : row.fields) {
                const unsigned bit = column_bit(column.first);
                if (bit == 2 && !target) target = &column.second;
                if (bit == 16 && lower::direction_of(column.second) == lower::Direction::Unknown) {
                    // Scored as 越高越好, a lower-is-better goal would be turned upside down.
                    const DataValue& d = column.second;
                    const std::string said = d.kind == DataValue::Kind::Text ? d.text : shown(d);
                    row_error(fmt::format("方向“{}”应为 越高越好 或 越低越好（也可写 正向、反向）", said),
                              fmt::format("方向 “{}” must be 越高越好 or 越低越好 (or 正向, 反向)", said));
                }
                // Which of two values was meant cannot be known (scoring would read the first).
                if (seen & bit)
                    row_error(fmt::format("`{}` 重复给出，无法确定用哪一个", column.first),
                              fmt::format("`{}` is given twice and which value holds is unclear", column.first));
                seen |= bit;
            }
            for (auto [need, bit] : {std::pair{"名称", 1u}, std::pair{"目标", 2u}, std::pair{"实际", 4u}})
                if (!(seen & bit)) row_error(fmt::format("缺少 `{}`", need), fmt::format("`{}` is missing", need));
            // A target with a digit that is not a number (≥800家, ＞800, 约800) would be compared as
            // words and never met: the row would lose its points without a word. Unless an
            // assessor's 档次 decides the row.
            if (target && target->kind == DataValue::Kind::Text && !(seen & 32)) {
                const lower::Target goal = lower::parse_target(*target);
                if (goal.kind == lower::Target::Kind::Words && lower::unreadable_number(goal.words))
                    row_error(fmt::format("目标“{}”含数字，却读不成数值目标（数值目标写作 800、≥800、≤5%、不低于800、800以上，单位写在名称中；"
                                          "按文字评定的目标请同时写 档次 与 得分率）",
                                          target->text),
                              fmt::format("the target “{}” holds a number but does not read as a numeric target (write 800, "
                                          "≥800, ≤5%, 不低于800 or 800以上, with the unit in the name; a target judged in "
                                          "words needs 档次 and 得分率)",
                                          target->text));
            }
            for (const auto& [k, val] : row.fields) {
                if (!is_numeric_column(k) || val.kind == DataValue::Kind::Number) continue;
                DataValue n;
                if (!item_number(val, n))
                    row_error(fmt::format("`{}` 应为数值", k), fmt::format("`{}` must be a number", k));
                else text_numbers = true;
            }
        }
        if (!ok) return false;
        v.kind = Value::Kind::List;
        if (!text_numbers) {
            v.list = &f.value.list;  // every 权重 and 得分率 already a number: bound as given
            v.goal_rows = rows_of(*v.list);
            return true;
        }
        std::vector<DataValue>& norm = copy_of(f.value.list);
        for (auto& row : norm)
            for (auto& [k, val] : row.fields) {
                if (!is_numeric_column(k) || val.kind == DataValue::Kind::Number) continue;
                DataValue n;
                item_number(val, n);
                val = std::move(n);
            }
        v.list = &norm;
        v.goal_rows = rows_of(norm);
        return true;
    }

    const lower::GoalRow* rows_of(const std::vector<DataValue>& table) {
        if (out_.goal_rows_used == out_.goal_rows.size()) out_.goal_rows.emplace_back();
        std::vector<lower::GoalRow>& rows = out_.goal_rows[out_.goal_rows_used++];
        lower::bind_goal_rows(table, rows);
        return rows.data();
    }

    // The declaration's range, tested through its schema entry (the one test of literal bounds).
    bool within(const ast::InputDecl& in, const Decimal& n) const {
        return within(schema_->inputs.at(static_cast<std::size_t>(&in - r_.module->inputs.data())), n);
    }

    bool in_range(const ast::InputDecl& in, const Given& f, const Value& v) {
        if (v.kind != Value::Kind::Number || within(in, v.number)) return true;
        bool marked = f.value.kind == DataValue::Kind::Number ? f.value.percent : true;
        if (f.value.kind == DataValue::Kind::Text) marked = read_number_text(f.value.text).percent;
        out_of_range(in, f.loc, v.number, in.type == ValueType::Percent, marked, 0);
        return false;
    }

    // E0404. A percentage written as a plain number that would fit as a percentage ("85" for
    // [0, 100%]) gets the question of what was meant.
    void out_of_range(const ast::InputDecl& in, const Loc& loc, const Decimal& n, bool percentage, bool marked,
                      std::size_t item) {
        const ast::Interval& iv = *in.range;
        auto day = [](const Decimal& d) { return calendar::date_text(d.to_int64().value_or(0), false); };
        auto bound = [&](const ast::Expr& e) { return e.date ? day(e.number) : e.percent ? e.number.to_percent_exact() : e.number.to_string(); };
        std::string range = fmt::format("{}{}, {}{}", iv.low_closed ? "[" : "(", iv.low ? bound(*iv.low) : "−∞",
                                        iv.high ? bound(*iv.high) : "+∞", iv.high_closed ? "]" : ")");
        std::string value = in.type == ValueType::Date ? day(n) : percentage ? n.to_percent_exact() : n.to_string();
        std::string hint_zh, hint_en;
        if (percentage && !marked && within(in, Decimal::hundredth(n))) {
            hint_zh = fmt::format("（是否应写 {}%？）", n.to_string());
            hint_en = fmt::format(" (did you mean {}%?)", n.to_string());
        }
        sink_.error("E0404", loc,
                    fmt::format("数据 {}的值 {} 超出声明的范围 {}{}；需要它的指标：{}", datum_zh(in, item), value, range, hint_zh,
                                users(in, false)),
                    fmt::format("{} is {}, outside its declared range {}{}; needed by: {}", datum_en(in, item), value, range,
                                hint_en, users(in, true)));
        sink_.last().notes.push_back(make_note(in.range->loc, "范围在这里声明", "the range is declared here"));
    }
};

}  // namespace

void bind_inputs(const Ruleset& r, const DepartmentData& d, Bound& out, DiagnosticSink& sink) {
    const auto n = static_cast<std::size_t>(r.slot_count);
    out.slots.assign(n, Value());
    out.slot_ok.assign(n, 1);
    out.lists_used = 0;
    out.goal_rows_used = 0;
    Binder b(r, d, out, sink);
    b.run(out.slots, out.slot_ok, out.given);
    if (!d.bad_year.empty())
        sink.error("E0427", d.bad_year_loc,
                   fmt::format("年度 \"{}\" 不是年份，应写四位数的年份，如 2023", clipped(d.bad_year)),
                   fmt::format("year \"{}\" is not a year; write one of four digits, such as 2023", clipped(d.bad_year)));
    // Inputs nothing reads (an imported indicator was removed) do not count.
    out.all_ok = true;
    for (const ast::InputDecl* in : r.input_of_slot) {
        const auto slot = static_cast<std::size_t>(in->slot);
        if (out.slot_ok[slot] != 1 && !r.users_of_input[slot].empty()) out.all_ok = false;
    }
    if (r.program) lower::fill_input_frame(*r.program, out.slots, out.frame);
}

}  // namespace pingfen::data
