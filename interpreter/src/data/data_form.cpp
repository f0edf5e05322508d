// The data form of a ruleset (pingfen template): what a department must fill in, with each
// input's type, unit, range, default, description and the indicators that read it. The .xlsx
// form is read back by the workbook reader (data/read_xlsx.cpp): the 数据 sheet is its
// 名称 | 值 layout, goal tables and lists are sheets named after their input.
#include <fmt/format.h>
#include "report/xlsxwriter_api.hpp"

#include "api/input_info.hpp"
#include "ast/ast.hpp"
#include "calendar/date.hpp"
#include "pingfen/pingfen.hpp"
#include "report/xlsx_scratch.hpp"
#include "sema/ruleset.hpp"

namespace pingfen {
namespace {

using ast::ValueType;

constexpr const char* kGoalColumns[] = {"名称", "目标", "实际", "权重", "方向", "档次", "得分率", "说明"};

std::string bound_text(const ast::ExprPtr& e) {
    if (!e || e->kind != ast::Expr::Kind::Number) return "";
    if (e->date) return calendar::date_text(e->number.to_int64().value_or(0), true);
    return e->percent ? e->number.to_percent_exact() : e->number.to_string();
}

std::string range_text(const ast::InputDecl& in) {
    if (!in.range) return "";
    const ast::Interval& iv = *in.range;
    std::string lo = bound_text(iv.low), hi = bound_text(iv.high);
    if (!iv.low && !iv.high) return "";
    return fmt::format("{}{}, {}{}", iv.low_closed ? "[" : "(", iv.low ? lo : "−∞", iv.high ? hi : "+∞", iv.high_closed ? "]" : ")");
}

std::string value_text(const ast::DataValue& v) {
    switch (v.kind) {
        case ast::DataValue::Kind::Number: return v.percent ? v.number.to_percent_exact() : v.number.to_string();
        case ast::DataValue::Kind::Bool: return v.boolean ? "是" : "否";
        case ast::DataValue::Kind::Text: return v.text;
        case ast::DataValue::Kind::List: {
            std::string out;
            for (const auto& item : v.list) out += (out.empty() ? "" : "; ") + value_text(item);
            return out;
        }
        case ast::DataValue::Kind::Object: return "{…}";
    }
    return "";
}

std::string type_text(const ast::InputDecl& in, bool en) {
    std::string t = en ? ast::type_name_en(in.type) : ast::type_name_zh(in.type);
    if (in.type == ValueType::Finding) t += en ? " (points off, reason)" : "（扣分、理由）";
    if (in.type == ValueType::List && in.element != ValueType::Unknown)
        t += fmt::format("({})", en ? ast::type_name_en(in.element) : ast::type_name_zh(in.element));
    return t;
}

std::string users_text(const Ruleset& r, const ast::InputDecl& in) {
    std::string out;
    if (in.slot < 0) return out;
    for (int u : r.users_of_input[static_cast<std::size_t>(in.slot)])
        out += (out.empty() ? "" : "\n") + r.path_text(*r.indicators[static_cast<std::size_t>(u)], ".");
    return out;
}

// "仅当 … 时需要（用于 …）" for an input no indicator reads on every scoring, else empty: the
// form asks for it only in that case, and a department it does not concern leaves it blank.
std::string condition_text(const Ruleset& r, const ast::InputDecl& in) {
    return input_condition_text(api::input_info(r, in), Language::Chinese);
}

bool own_sheet(const ast::InputDecl& in) { return in.type == ValueType::List || in.type == ValueType::Goals; }

// The inputs a department must give: declared, and read by some indicator (an input of an
// imported indicator that was removed need not be given, and the form leaves it out).
bool on_form(const Ruleset& r, const ast::InputDecl& in) {
    return in.slot >= 0 && !r.users_of_input[static_cast<std::size_t>(in.slot)].empty();
}

// A sheet name Excel accepts: at most 31 characters, none of []:*?/\ .
bool valid_sheet_name(const std::string& name) {
    if (name.empty() || utf8_decode(name).size() > 31) return false;
    return name.find_first_of("[]:*?/\\") == std::string::npos && name != "数据";
}

class FormWriter : public report::CellWriter {
public:
    FormWriter(lxw_workbook* wb, const Ruleset& r) : CellWriter(wb), r_(r) {
        title_ = format();
        report::lxw().format_set_bold(title_);
        report::lxw().format_set_font_size(title_, 14);
        report::lxw().format_set_font_name(title_, "宋体");
        report::lxw().format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);
        note_ = format();
        report::lxw().format_set_font_name(note_, "宋体");
        report::lxw().format_set_font_size(note_, 10);
        report::lxw().format_set_text_wrap(note_);
        report::lxw().format_set_align(note_, LXW_ALIGN_VERTICAL_TOP);
        report::lxw().format_set_font_color(note_, 0x595959);
        head_ = bordered();
        report::lxw().format_set_bold(head_);
        report::lxw().format_set_align(head_, LXW_ALIGN_CENTER);
        report::lxw().format_set_bg_color(head_, 0xDCE6F0);
        fill_ = bordered();
        report::lxw().format_set_bg_color(fill_, 0xFFF9E5);
        fill_percent_ = bordered();
        report::lxw().format_set_bg_color(fill_percent_, 0xFFF9E5);
        report::lxw().format_set_num_format(fill_percent_, "0.00##%");
        // A date typed into this cell is stored by Excel as its serial with this format, which
        // the workbook reader reads back as the date (read_xlsx.cpp, excel_date_text).
        fill_date_ = bordered();
        report::lxw().format_set_bg_color(fill_date_, 0xFFF9E5);
        report::lxw().format_set_num_format(fill_date_, "yyyy-mm-dd");
        info_ = bordered();
        report::lxw().format_set_font_color(info_, 0x595959);
        example_ = bordered();
        report::lxw().format_set_italic(example_);
        report::lxw().format_set_font_color(example_, 0x808080);
    }

    std::string bad_name;  // an input whose name cannot be a sheet's

    void data_sheet() {
        lxw_worksheet* ws = report::lxw().workbook_add_worksheet(wb_, "数据");
        if (!ws) return fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
        const double widths[] = {26, 18, 12, 8, 18, 10, 40, 40};
        for (lxw_col_t c = 0; c < 8; ++c) check(report::lxw().worksheet_set_column(ws, c, c, widths[c], nullptr));
        const std::string title = r_.module->title.value_or("");
        check(report::lxw().worksheet_set_row(ws, 0, 24, nullptr));
        merge(ws, 0, 0, 0, 7, fmt::format("{}{} 数据表", title, r_.module->year ? fmt::format("（{} 年度）", *r_.module->year) : ""),
              title_);
        check(report::lxw().worksheet_set_row(ws, 1, 45, nullptr));
        merge(ws, 1, 0, 1, 7,
              "在黄色的「值」一列填写本部门的数据；其余各列是说明，不必改动。百分比可直接输入 98.06%；是否填 是 或 否。"
              "目标表与列表在以其名称命名的工作表中填写。说明中写有“仅当…时需要”的项，不属于这种情形时留空。"
              "填好后：pingfen score 规则集.pf 本文件.xlsx",
              note_);
        const char* heads[] = {"名称", "值", "类型", "单位", "范围", "默认", "说明", "用于指标"};
        for (lxw_col_t c = 0; c < 8; ++c) text(ws, 2, c, heads[c], head_);
        report::lxw().worksheet_freeze_panes(ws, 3, 0);
        lxw_row_t row = 3;
        text(ws, row, 0, "部门", info_);
        blank(ws, row, 1, fill_);
        text(ws, row, 2, "文本", info_);
        text(ws, row, 6, "部门（单位）全称", info_);
        ++row;
        text(ws, row, 0, "年度", info_);
        if (r_.module->year) check(report::lxw().worksheet_write_number(ws, row, 1, *r_.module->year, fill_));
        else blank(ws, row, 1, fill_);
        text(ws, row, 2, "计数", info_);
        ++row;
        for (const auto& in : r_.module->inputs) {
            if (!on_form(r_, in)) continue;
            text(ws, row, 0, in.name, info_);
            if (own_sheet(in)) {
                blank(ws, row, 1, info_);  // filled in its own sheet (说明 says which)
            } else {
                blank(ws, row, 1, in.type == ValueType::Percent ? fill_percent_ : in.type == ValueType::Date ? fill_date_ : fill_);
                validate(ws, row, in);
            }
            text(ws, row, 2, type_text(in, false), info_);
            text(ws, row, 3, in.unit, info_);
            text(ws, row, 4, range_text(in), info_);
            text(ws, row, 5, in.fallback ? value_text(*in.fallback) : "", info_);
            std::string label = in.label;
            if (own_sheet(in)) label += fmt::format("（在工作表「{}」中填写）", in.name);
            if (std::string when = condition_text(r_, in); !when.empty()) label += (label.empty() ? "" : "；") + when;
            // A finding is one cell: the points, then the reason after a semicolon.
            if (in.type == ValueType::Finding) label += "（扣分与理由写在一格中，如 0.5；凭证附件不全；未扣分写 0）";
            text(ws, row, 6, label, info_);
            std::string users = users_text(r_, in);
            text(ws, row, 7, users, info_);
            // Rows sized to their text: the longest of the wrapped columns.
            std::size_t lines = std::max(wrapped_lines(label, 40), wrapped_lines(users, 40));
            if (lines > 1) check(report::lxw().worksheet_set_row(ws, row, 15.0 * static_cast<double>(lines), nullptr));
            ++row;
        }
    }

    void goal_sheet(const ast::InputDecl& in) {
        lxw_worksheet* ws = sheet_for(in);
        if (!ws) return;
        const double widths[] = {34, 14, 14, 8, 10, 10, 10, 40};
        for (lxw_col_t c = 0; c < 8; ++c) check(report::lxw().worksheet_set_column(ws, c, c, widths[c], nullptr));
        check(report::lxw().worksheet_set_row(ws, 0, 48, nullptr));
        merge(ws, 0, 0, 0, 7,
              fmt::format("目标表「{}」{}。每行一个目标：名称、目标、实际必填；权重是该行的分值（规则要求时）；方向填 越低越好 "
                          "表示目标是上限；按定性档次评定的行填 档次、得分率 和 说明。以「示例」开头的行不计入，可删除。用于指标：{}",
                          in.name, in.label.empty() ? "" : "：" + in.label, users_text(r_, in)),
              note_);
        for (lxw_col_t c = 0; c < 8; ++c) text(ws, 1, c, kGoalColumns[c], head_);
        report::lxw().worksheet_freeze_panes(ws, 2, 0);
        text(ws, 2, 0, "示例：入库科技型中小企业数", example_);
        text(ws, 2, 1, "≥800", example_);
        check(report::lxw().worksheet_write_number(ws, 2, 2, 812, example_));
        check(report::lxw().worksheet_write_number(ws, 2, 3, 2, example_));
        for (lxw_col_t c = 4; c < 8; ++c) blank(ws, 2, c, example_);
        for (lxw_row_t row = 3; row < 23; ++row)
            for (lxw_col_t c = 0; c < 8; ++c) blank(ws, row, c, fill_);
        lxw_data_validation v{};
        v.validate = LXW_VALIDATION_TYPE_LIST;
        const char* directions[] = {"越高越好", "越低越好", nullptr};
        v.value_list = const_cast<char**>(directions);
        check(report::lxw().worksheet_data_validation_range(ws, 2, 4, 200, 4, &v));
    }

    void list_sheet(const ast::InputDecl& in) {
        lxw_worksheet* ws = sheet_for(in);
        if (!ws) return;
        check(report::lxw().worksheet_set_column(ws, 0, 0, 8, nullptr));
        check(report::lxw().worksheet_set_column(ws, 1, 1, 16, nullptr));
        check(report::lxw().worksheet_set_column(ws, 2, 2, 60, nullptr));
        check(report::lxw().worksheet_set_row(ws, 0, 48, nullptr));
        merge(ws, 0, 0, 0, 2,
              fmt::format("列表「{}」（{}{}）{}。每行一个值，按顺序填写；空行不计。用于指标：{}", in.name, type_text(in, false),
                          range_text(in).empty() ? "" : "，范围 " + range_text(in), in.label.empty() ? "" : "：" + in.label,
                          users_text(r_, in)),
              note_);
        text(ws, 1, 0, "序号", head_);
        text(ws, 1, 1, "值", head_);
        report::lxw().worksheet_freeze_panes(ws, 2, 0);
        lxw_format* f = in.element == ValueType::Percent ? fill_percent_ : fill_;
        for (lxw_row_t row = 2; row < 14; ++row) {
            check(report::lxw().worksheet_write_number(ws, row, 0, row - 1, info_));
            blank(ws, row, 1, f);
        }
    }

private:
    lxw_worksheet* sheet_for(const ast::InputDecl& in) {
        if (!valid_sheet_name(in.name)) {
            if (bad_name.empty()) bad_name = in.name;
            return nullptr;
        }
        lxw_worksheet* ws = report::lxw().workbook_add_worksheet(wb_, in.name.c_str());
        if (!ws) fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
        return ws;
    }

    // Data validation as a help to whoever types: 是/否 from a list, numbers within the range.
    // The bounds are doubles here only for the spreadsheet's own check; pingfen checks the
    // value exactly when it scores.
    void validate(lxw_worksheet* ws, lxw_row_t row, const ast::InputDecl& in) {
        lxw_data_validation v{};
        if (in.type == ValueType::Bool) {
            static const char* yes_no[] = {"是", "否", nullptr};
            v.validate = LXW_VALIDATION_TYPE_LIST;
            v.value_list = const_cast<char**>(yes_no);
            check(report::lxw().worksheet_data_validation_cell(ws, row, 1, &v));
            return;
        }
        if (!ast::is_numeric(in.type) || !in.range) return;
        const ast::Interval& iv = *in.range;
        auto number = [](const ast::ExprPtr& e) -> std::optional<double> {
            if (!e || e->kind != ast::Expr::Kind::Number) return std::nullopt;
            return std::strtod(e->number.to_string().c_str(), nullptr);
        };
        auto lo = number(iv.low), hi = number(iv.high);
        v.validate = in.type == ValueType::Count ? LXW_VALIDATION_TYPE_INTEGER : LXW_VALIDATION_TYPE_DECIMAL;
        if (lo && hi) {
            v.criteria = LXW_VALIDATION_CRITERIA_BETWEEN;
            v.minimum_number = *lo;
            v.maximum_number = *hi;
        } else if (lo) {
            v.criteria = iv.low_closed ? LXW_VALIDATION_CRITERIA_GREATER_THAN_OR_EQUAL_TO : LXW_VALIDATION_CRITERIA_GREATER_THAN;
            v.value_number = *lo;
        } else if (hi) {
            v.criteria = iv.high_closed ? LXW_VALIDATION_CRITERIA_LESS_THAN_OR_EQUAL_TO : LXW_VALIDATION_CRITERIA_LESS_THAN;
            v.value_number = *hi;
        } else {
            return;
        }
        std::string message = fmt::format("{} 的范围是 {}", in.name, range_text(in));
        v.error_title = const_cast<char*>("超出范围");
        v.error_message = message.data();
        check(report::lxw().worksheet_data_validation_cell(ws, row, 1, &v));
    }

    const Ruleset& r_;
    lxw_format *title_, *note_, *head_, *fill_, *fill_percent_, *fill_date_, *info_, *example_;
};

Diagnostic form_error(const std::string& code, std::string zh, std::string en) {
    Diagnostic d;
    d.code = code;
    d.message_zh = std::move(zh);
    d.message_en = std::move(en);
    return d;
}

FormResult xlsx_form(const Ruleset& r) {
    FormResult out;
    std::string bad_name;
    std::string why;
    out.bytes = report::build_xlsx(
        [&](lxw_workbook* wb) {
            FormWriter w(wb, r);
            w.data_sheet();
            for (const auto& in : r.module->inputs) {
                if (!on_form(r, in)) continue;
                if (in.type == ValueType::Goals) w.goal_sheet(in);
                else if (in.type == ValueType::List) w.list_sheet(in);
            }
            bad_name = w.bad_name;
            return w.error();
        },
        why);
    if (!bad_name.empty()) {
        out.bytes.reset();
        out.diagnostics.push_back(form_error(
            "E0013",
            fmt::format("输入 `{}` 的名称不能用作工作表名（最多 31 个字符，不含 []:*?/\\，也不能是「数据」），无法生成 .xlsx 数据表；"
                        "请改短它的名称，或用 --format json",
                        bad_name),
            fmt::format("input `{}` cannot name a sheet (at most 31 characters, none of []:*?/\\, not 数据), so the .xlsx form "
                        "cannot be made; shorten its name, or use --format json",
                        bad_name)));
    } else if (!out.bytes) {
        out.diagnostics.push_back(form_error("E0012", fmt::format("无法生成数据表工作簿：{}", why),
                                             fmt::format("cannot build the data form workbook: {}", why)));
    }
    return out;
}

// A JSON string literal.
std::string quoted(const std::string& s) {
    std::string o = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') o += '\\', o += c;
        else if (c == '\n') o += "\\n";
        else if (static_cast<unsigned char>(c) < 0x20) o += fmt::format("\\u{:04x}", c);
        else o += c;
    }
    return o + "\"";
}

// What an input's line in a text form says of it: type, unit, range, default, description, users.
std::string about(const Ruleset& r, const ast::InputDecl& in) {
    std::string s = type_text(in, false);
    if (!in.unit.empty()) s += fmt::format("（{}）", in.unit);
    if (!range_text(in).empty()) s += "，范围 " + range_text(in);
    if (in.fallback) s += "，默认 " + value_text(*in.fallback);
    if (!in.label.empty()) s += "，" + in.label;
    if (in.type == ValueType::Goals) s += "；每行写成 {\"名称\": …, \"目标\": …, \"实际\": …, \"权重\": …}";
    if (in.type == ValueType::List) s += "；写成 [值, 值, …]";
    if (in.type == ValueType::Date) s += "；写成 \"2023-04-28\" 或 \"2023年4月28日\"";
    if (in.type == ValueType::Finding)
        s += "；评价人的核查结论：写成 {\"扣分\": 0.5, \"理由\": \"…\"}（表格的一格中写 0.5；理由），未扣分写 0；扣分必须写理由";
    std::string users = users_text(r, in);
    for (auto& c : users)
        if (c == '\n') c = ';';
    // A conditional input says when, and for which indicators, in one phrase.
    if (std::string when = condition_text(r, in); !when.empty()) s += "；" + when + "，否则不填";
    else if (!users.empty()) s += "；用于 " + users;
    return s;
}

// JSON: the data object with an empty value for each input to fill in, and `_说明` saying what
// each is. An empty value is left for the person to fill: scored as it is, it is an error
// (E0402), never a silent zero.
FormResult json_form(const Ruleset& r) {
    std::string o = "{\n";
    o += fmt::format("  \"_说明\": {},\n", quoted(fmt::format("{} 数据表：在“数据”中填写每一项的值（值为 null 的项仅在某些情形下需要，见其说明；不需要时保留 null）；“_各项说明”列出类型、单位、范围与用到它的指标，可保留。",
                                                               r.module->title.value_or(""))));
    o += "  \"部门\": \"\",\n";
    o += r.module->year ? fmt::format("  \"年度\": {},\n", *r.module->year) : "";
    o += "  \"_各项说明\": {\n";
    std::vector<const ast::InputDecl*> inputs;
    for (const auto& in : r.module->inputs)
        if (on_form(r, in)) inputs.push_back(&in);
    for (std::size_t i = 0; i < inputs.size(); ++i)
        o += fmt::format("    {}: {}{}\n", quoted(inputs[i]->name), quoted(about(r, *inputs[i])), i + 1 < inputs.size() ? "," : "");
    o += "  },\n  \"数据\": {\n";
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const ast::InputDecl& in = *inputs[i];
        // Every value empty, a goal table and a list too: an empty table or list would score
        // (0, or full marks for rows of empty words) where an empty text is an error. A
        // conditional input is null, read as not given: needed only in its case (E0401 then).
        o += fmt::format("    {}: {}{}\n", quoted(in.name), condition_text(r, in).empty() ? "\"\"" : "null",
                         i + 1 < inputs.size() ? "," : "");
    }
    o += "  }\n}\n";
    FormResult out;
    out.bytes = std::move(o);
    return out;
}

std::string csv_cell(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string o = "\"";
    for (char c : s) o += c == '"' ? std::string("\"\"") : std::string(1, c);
    return o + "\"";
}

// CSV: the header of a batch file (部门, 年度 and one column per input other than goal tables,
// which go in the --tables file), with UTF-8's byte-order mark so that Excel opens it as UTF-8.
FormResult csv_form(const Ruleset& r) {
    std::string o = "\xEF\xBB\xBF部门,年度";
    for (const auto& in : r.module->inputs)
        if (on_form(r, in) && in.type != ValueType::Goals) o += "," + csv_cell(in.name);
    o += "\r\n";
    FormResult out;
    out.bytes = std::move(o);
    return out;
}

// The language's own data block, each input on its line with what it is in a comment; a value
// left as ？ does not parse, so a form scored before it is filled in says where.
FormResult block_form(const Ruleset& r) {
    std::string o = fmt::format("# {} 数据表（pingfen template 生成）：把每个 ？ 换成本部门的值。\n",
                                r.module->title.value_or(""));
    o += fmt::format("数据 \"部门名称\"{} {{\n", r.module->year ? fmt::format(" 年度 {}", *r.module->year) : "");
    for (const auto& in : r.module->inputs) {
        if (!on_form(r, in)) continue;
        o += fmt::format("  # {}\n", about(r, in));
        std::string entry;
        if (in.type == ValueType::Goals)
            entry = fmt::format("  {} = [\n    {{名称 = \"？\", 目标 = ？, 实际 = ？}}\n  ]\n", in.name);
        else if (in.type == ValueType::List)
            entry = fmt::format("  {} = [？]\n", in.name);
        else if (in.type == ValueType::Finding)
            entry = fmt::format("  {} = {{ 扣分: ？, 理由: \"\" }}\n", in.name);
        else
            entry = fmt::format("  {} = ？\n", in.name);
        // A conditional input's lines are a comment: uncommented and filled only in its case.
        if (!condition_text(r, in).empty())
            for (std::size_t at = 0; at < entry.size(); at = entry.find('\n', at) + 1) entry.insert(at, "  #");
        o += entry;
    }
    o += "}\n";
    FormResult out;
    out.bytes = std::move(o);
    return out;
}

}  // namespace

FormResult data_form(const Ruleset& r, FormFormat format) {
    switch (format) {
        case FormFormat::Xlsx: return xlsx_form(r);
        case FormFormat::Json: return json_form(r);
        case FormFormat::Csv: return csv_form(r);
        case FormFormat::Block: return block_form(r);
    }
    return {};
}

}  // namespace pingfen
