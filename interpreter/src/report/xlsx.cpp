// The score sheet as an Excel workbook (libxlsxwriter), laid out like the published 自评表:
// a title, the department, the header row, one row per leaf indicator with the level-1 and
// level-2 cells merged over their groups, the bonus and penalty items, the total and the grade.
// Numbers are numbers with the format 0.00. A second sheet, 评分依据, lists the basis of every
// score with the indicator's full path.
#include <cerrno>
#include <clocale>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <unistd.h>
#include "report/xlsxwriter_api.hpp"

#include "report/rows.hpp"
#include "report/xlsx_scratch.hpp"
#include "source/source.hpp"

namespace pingfen {
namespace {

// The number a cell holds. The score is exact up to here (Decimal::to_fixed(2) gives its
// two-decimal text); .xlsx stores every number as a binary double, so this is the one place in
// pingfen where a score becomes a double: std::strtod parses the two-decimal text at the
// file-writing boundary, and the cell's 0.00 format shows it with the same two decimals.
double excel_number(const std::string& fixed_text) {
    char* end = nullptr;
    double v = std::strtod(fixed_text.c_str(), &end);
    if (end != nullptr && *end == '\0') return v;
    // A host program that set LC_NUMERIC to a locale with a decimal comma: use its separator.
    std::string local = fixed_text;
    if (auto dot = local.find('.'); dot != std::string::npos) local.replace(dot, 1, std::localeconv()->decimal_point);
    return std::strtod(local.c_str(), nullptr);
}

class Writer : public report::CellWriter {
public:
    Writer(lxw_workbook* wb) : CellWriter(wb) {
        title_ = format();
        report::lxw().format_set_bold(title_);
        report::lxw().format_set_font_size(title_, 16);
        report::lxw().format_set_font_name(title_, "宋体");
        report::lxw().format_set_align(title_, LXW_ALIGN_CENTER);
        report::lxw().format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);

        label_ = bordered();
        report::lxw().format_set_bold(label_);
        report::lxw().format_set_align(label_, LXW_ALIGN_CENTER);

        info_ = bordered();
        report::lxw().format_set_align(info_, LXW_ALIGN_LEFT);

        head_ = bordered();
        report::lxw().format_set_bold(head_);
        report::lxw().format_set_align(head_, LXW_ALIGN_CENTER);
        report::lxw().format_set_bg_color(head_, 0xDCE6F0);

        level_ = bordered();
        report::lxw().format_set_align(level_, LXW_ALIGN_CENTER);

        text_ = bordered();
        report::lxw().format_set_align(text_, LXW_ALIGN_LEFT);
        report::lxw().format_set_align(text_, LXW_ALIGN_VERTICAL_TOP);

        number_ = bordered();
        report::lxw().format_set_num_format(number_, "0.00");
        report::lxw().format_set_align(number_, LXW_ALIGN_CENTER);

        sum_label_ = bordered();
        report::lxw().format_set_bold(sum_label_);
        report::lxw().format_set_align(sum_label_, LXW_ALIGN_CENTER);
        report::lxw().format_set_bg_color(sum_label_, 0xF2F2F2);

        sum_number_ = bordered();
        report::lxw().format_set_bold(sum_number_);
        report::lxw().format_set_num_format(sum_number_, "0.00");
        report::lxw().format_set_align(sum_number_, LXW_ALIGN_CENTER);
        report::lxw().format_set_bg_color(sum_number_, 0xF2F2F2);

        sum_text_ = bordered();
        report::lxw().format_set_align(sum_text_, LXW_ALIGN_LEFT);
        report::lxw().format_set_bg_color(sum_text_, 0xF2F2F2);

        plain_ = format();
        report::lxw().format_set_font_name(plain_, "宋体");
        report::lxw().format_set_font_size(plain_, 10);
        report::lxw().format_set_align(plain_, LXW_ALIGN_LEFT);
        report::lxw().format_set_align(plain_, LXW_ALIGN_VERTICAL_CENTER);
        report::lxw().format_set_text_wrap(plain_);
        footer_ = format();
        report::lxw().format_set_font_name(footer_, "宋体");
        report::lxw().format_set_font_size(footer_, 9);
        report::lxw().format_set_font_color(footer_, 0x595959);
        report::lxw().format_set_text_wrap(footer_);
    }

    std::string data_file;  // named in the footer

    void sheet(const ScoreSheet& s, Language lang) {
        const bool en = lang == Language::English;
        const report::Words& w = report::words(lang);
        lxw_worksheet* ws = report::lxw().workbook_add_worksheet(wb_, en ? "Score sheet" : "自评表");
        if (!ws) return fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
        const double widths[] = {12, 8, 14, 8, 24, 8, 30, 50, 9, 50};
        for (lxw_col_t c = 0; c < 10; ++c) check(report::lxw().worksheet_set_column(ws, c, c, widths[c], nullptr));
        report::lxw().worksheet_set_landscape(ws);
        report::lxw().worksheet_set_paper(ws, 9);  // A4
        report::lxw().worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
        report::lxw().worksheet_fit_to_pages(ws, 1, 0);

        lxw_row_t r = 0;
        check(report::lxw().worksheet_set_row(ws, r, 30, nullptr));
        merge(ws, r, 0, r, 9, report::sheet_title(s, lang), title_);
        ++r;
        merge(ws, r, 0, r, 1, en ? "Reporting unit" : "填报单位", label_);
        merge(ws, r, 2, r, 6, s.department, info_);
        text(ws, r, 7, en ? "Year" : "年度", label_);
        merge(ws, r, 8, r, 9, s.year ? std::to_string(*s.year) : "", info_);
        ++r;
        merge(ws, r, 0, r, 1, w.ruleset, label_);
        merge(ws, r, 2, r, 9, s.ruleset, info_);
        ++r;
        const lxw_row_t header = r;
        const char* heads[] = {w.level1, w.weight, w.level2, w.weight, w.level3, w.weight, w.explanation, w.standard, w.score, w.basis};
        for (lxw_col_t c = 0; c < 10; ++c) text(ws, r, c, heads[c], head_);
        check(report::lxw().worksheet_repeat_rows(ws, header, header));
        report::lxw().worksheet_freeze_panes(ws, header + 1, 0);
        ++r;

        auto rows = report::sheet_rows(s, lang);
        for (std::size_t i = 0; i < rows.size(); ++i, ++r) {
            const auto& row = rows[i];
            for (int k = 0; k < 3; ++k) {
                int span = report::row_span(rows, i, k);
                if (span == 0) continue;
                auto nc = static_cast<lxw_col_t>(2 * k), wc = static_cast<lxw_col_t>(2 * k + 1);
                lxw_row_t last = r + static_cast<lxw_row_t>(span) - 1;
                if (span > 1) {
                    merge(ws, r, nc, last, nc, row.name[k], level_);
                    merge(ws, r, wc, last, wc, "", number_);
                } else {
                    text(ws, r, nc, row.name[k], level_);
                }
                if (row.weight[k].empty()) blank(ws, r, wc, number_);
                else check(report::lxw().worksheet_write_number(ws, r, wc, excel_number(row.weight[k]), number_));
            }
            // Sized to its text, so that LibreOffice and WPS (which do not grow rows to fit
            // wrapped text on opening) show it whole.
            fit_row(ws, r, {{row.explanation, 30}, {row.standard, 50}, {row.basis, 50}, {row.name[2], 24}});
            text(ws, r, 6, row.explanation, text_);
            text(ws, r, 7, row.standard, text_);
            if (row.score) check(report::lxw().worksheet_write_number(ws, r, 8, excel_number(report::signed_fixed(row.score)), number_));
            else blank(ws, r, 8, number_);
            text(ws, r, 9, row.basis, text_);
        }

        text(ws, r, 0, w.total, sum_label_);
        check(report::lxw().worksheet_write_number(ws, r, 1, excel_number(s.max.to_fixed(2)), sum_number_));
        merge(ws, r, 2, r, 7, "", sum_text_);
        if (s.total) check(report::lxw().worksheet_write_number(ws, r, 8, excel_number(s.total->to_fixed(2)), sum_number_));
        else blank(ws, r, 8, sum_number_);
        text(ws, r, 9, s.total_basis, sum_text_);
        ++r;
        if (!s.grade.empty()) {
            text(ws, r, 0, w.grade, sum_label_);
            merge(ws, r, 1, r, 7, "", sum_text_);
            text(ws, r, 8, s.grade, sum_label_);
            blank(ws, r, 9, sum_text_);
            ++r;
        }
        // The data's errors and warnings under the total: a heading row, then one row each across
        // the sheet's width, two lines high so that a long message wraps instead of being cut,
        // so that the workbook alone says why a score is missing or what to check.
        const auto lines = report::diagnostic_lines(s, lang);
        if (!lines.empty()) {
            merge(ws, r, 0, r, 9, w.diagnostics, sum_label_);
            ++r;
        }
        for (const auto& line : lines) {
            merge(ws, r, 0, r, 9, line, text_);
            fit_row(ws, r, {{line, 240}}, 2);
            ++r;
        }
        // The sign-off of the published forms, filled in by hand or in Excel.
        ++r;
        check(report::lxw().worksheet_set_row(ws, r, 24, nullptr));
        merge(ws, r, 0, r, 3, en ? "Prepared by:" : "填报人：", plain_);
        merge(ws, r, 4, r, 6, en ? "Telephone:" : "联系电话：", plain_);
        merge(ws, r, 7, r, 9, en ? "Date:" : "填报日期：      年    月    日", plain_);
        r += 2;
        merge(ws, r, 0, r, 9, footer(en), footer_);
        check(report::lxw().worksheet_set_row(ws, r, 26, nullptr));
        report::lxw().worksheet_set_footer(ws, footer_code(en).c_str());
    }

    // The goal tables' rows, each on a line of its own (目标 / 实际 / 完成率 / 得分), taken from
    // the basis of the leaves scored by a goal table ("名称：…；名称：…；合计 N 分").
    void goals_sheet(const ScoreSheet& s, Language lang) {
        const bool en = lang == Language::English;
        std::vector<std::pair<const report::SheetRow*, std::vector<std::string>>> leaves;
        const auto rows = report::sheet_rows(s, lang);
        for (const auto& row : rows)
            if (auto parts = goal_parts(row.basis); parts.size() > 1) leaves.emplace_back(&row, std::move(parts));
        if (leaves.empty()) return;
        lxw_worksheet* ws = report::lxw().workbook_add_worksheet(wb_, en ? "Goal tables" : "附表 目标完成情况");
        if (!ws) return fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
        const double widths[] = {30, 34, 70};
        for (lxw_col_t c = 0; c < 3; ++c) check(report::lxw().worksheet_set_column(ws, c, c, widths[c], nullptr));
        report::lxw().worksheet_set_landscape(ws);
        report::lxw().worksheet_set_paper(ws, 9);
        report::lxw().worksheet_fit_to_pages(ws, 1, 0);
        check(report::lxw().worksheet_set_row(ws, 0, 30, nullptr));
        merge(ws, 0, 0, 0, 2, en ? "Attachment: goal tables, row by row" : "附表：绩效目标完成情况（逐行）", title_);
        const char* heads[] = {en ? "Indicator" : "指标", en ? "Goal" : "目标名称", en ? "Target / actual / rate / score" : "目标 / 实际 / 完成率 / 得分"};
        for (lxw_col_t c = 0; c < 3; ++c) text(ws, 1, c, heads[c], head_);
        check(report::lxw().worksheet_repeat_rows(ws, 1, 1));
        lxw_row_t r = 2;
        for (const auto& [row, parts] : leaves) {
            const lxw_row_t first = r;
            for (const auto& part : parts) {
                // "名称：明细"; the last part, 合计, has no name.
                const std::size_t colon = part.find("：");
                const bool named = colon != std::string::npos && part.rfind(en ? "total" : "合计", 0) != 0;
                text(ws, r, 1, named ? part.substr(0, colon) : "", text_);
                text(ws, r, 2, named ? part.substr(colon + std::string("：").size()) : part, text_);
                fit_row(ws, r, {{named ? part.substr(0, colon) : "", 34}, {part, 70}});
                ++r;
            }
            if (r - 1 > first) merge(ws, first, 0, r - 1, 0, row->path, level_);
            else text(ws, first, 0, row->path, level_);
        }
    }

    void basis_sheet(const ScoreSheet& s, Language lang) {
        const bool en = lang == Language::English;
        const report::Words& w = report::words(lang);
        lxw_worksheet* ws = report::lxw().workbook_add_worksheet(wb_, en ? "Basis" : "评分依据");
        if (!ws) return fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
        const double widths[] = {44, 9, 9, 90};
        for (lxw_col_t c = 0; c < 4; ++c) check(report::lxw().worksheet_set_column(ws, c, c, widths[c], nullptr));
        report::lxw().worksheet_set_landscape(ws);
        report::lxw().worksheet_set_paper(ws, 9);
        report::lxw().worksheet_fit_to_pages(ws, 1, 0);
        const char* heads[] = {w.indicator, w.weight, w.score, w.basis};
        for (lxw_col_t c = 0; c < 4; ++c) text(ws, 0, c, heads[c], head_);
        check(report::lxw().worksheet_repeat_rows(ws, 0, 0));
        report::lxw().worksheet_freeze_panes(ws, 1, 0);
        lxw_row_t r = 1;
        for (const auto& row : report::sheet_rows(s, lang)) {
            std::string name = row.kind == report::SheetRow::Kind::Leaf ? row.path : row.name[0] + " " + row.path;
            text(ws, r, 0, name, text_);
            check(report::lxw().worksheet_write_number(ws, r, 1, excel_number(row.node->weight().to_fixed(2)), number_));
            if (row.score) check(report::lxw().worksheet_write_number(ws, r, 2, excel_number(report::signed_fixed(row.score)), number_));
            else blank(ws, r, 2, number_);
            text(ws, r, 3, row.basis, text_);
            ++r;
        }
        text(ws, r, 0, w.total, sum_label_);
        check(report::lxw().worksheet_write_number(ws, r, 1, excel_number(s.max.to_fixed(2)), sum_number_));
        if (s.total) check(report::lxw().worksheet_write_number(ws, r, 2, excel_number(s.total->to_fixed(2)), sum_number_));
        else blank(ws, r, 2, sum_number_);
        text(ws, r, 3, s.total_basis, sum_text_);
    }

private:
    // A row tall enough for the longest of its wrapped texts: each (text, column width in
    // characters) gives its lines (wrapped_lines), at 14 points a line of 10-point 宋体.
    void fit_row(lxw_worksheet* ws, lxw_row_t r, std::initializer_list<std::pair<std::string, double>> cells, std::size_t least = 1) {
        std::size_t lines = least;
        for (const auto& [t, width] : cells) lines = std::max(lines, wrapped_lines(t, width));
        if (lines > 1) check(report::lxw().worksheet_set_row(ws, r, 14.0 * static_cast<double>(lines) + 4, nullptr));
    }

    // The parts of a goal table's basis: split at the top-level "；" (a 说明 in （…） keeps its own).
    static std::vector<std::string> goal_parts(const std::string& basis) {
        std::vector<std::string> parts;
        if (basis.find("；合计 ") == std::string::npos) return parts;
        // A goal table's basis opens with how its rows share the points: "各行分值按权重：" or
        // "15 行平均分配：".
        const std::size_t colon = basis.find("：");
        if (colon == std::string::npos) return parts;
        const std::string opening = basis.substr(0, colon);
        if (opening != "各行分值按权重" && opening.find("行平均分配") == std::string::npos) return parts;
        std::string start = basis.substr(colon + std::string("：").size());
        int depth = 0;
        std::string cur;
        for (std::size_t i = 0; i < start.size();) {
            if (start.compare(i, 3, "（") == 0) ++depth;
            if (start.compare(i, 3, "）") == 0 && depth > 0) --depth;
            if (depth == 0 && start.compare(i, 3, "；") == 0) {
                parts.push_back(cur);
                cur.clear();
                i += 3;
                continue;
            }
            cur += start[i++];
        }
        if (!cur.empty()) parts.push_back(cur);
        return parts;
    }

    std::string footer(bool en) const {
        std::time_t now = std::time(nullptr);
        std::tm tm{};
        localtime_r(&now, &tm);
        char date[16];
        std::strftime(date, sizeof date, "%Y-%m-%d", &tm);
        return en ? fmt::format("Generated {} by pingfen {}{}", date, PINGFEN_VERSION,
                                data_file.empty() ? "" : fmt::format(" from the data file {}", data_file))
                  : fmt::format("{} 由 pingfen {} 生成{}", date, PINGFEN_VERSION,
                                data_file.empty() ? "" : fmt::format("，数据文件：{}", data_file));
    }
    // The printed page's footer: the same words, and the page number ("&" is a code there).
    std::string footer_code(bool en) const {
        std::string f = footer(en);
        std::string escaped;
        for (char ch : f) escaped += ch == '&' ? std::string("&&") : std::string(1, ch);
        return "&L&8 " + escaped + "&R&8 &P / &N";
    }

    lxw_format *title_, *label_, *info_, *head_, *level_, *text_, *number_, *sum_label_, *sum_number_, *sum_text_, *plain_, *footer_;
};

}  // namespace

std::optional<std::string> sheet_as_xlsx(const ScoreSheet& s, Language lang, std::string* error) {
    return sheet_as_xlsx(s, lang, error, "");
}

std::optional<std::string> sheet_as_xlsx(const ScoreSheet& s, Language lang, std::string* error, const std::string& data_file) {
    const bool en = lang == Language::English;
    std::string why;
    std::optional<std::string> bytes = report::build_xlsx(
        [&](lxw_workbook* wb) {
            Writer w(wb);
            w.data_file = data_file;
            w.sheet(s, lang);
            w.basis_sheet(s, lang);
            w.goals_sheet(s, lang);
            return w.error();
        },
        why, report::sheet_title(s, lang));
    if (!bytes && error) *error = en ? fmt::format("cannot build the workbook: {}", why) : fmt::format("无法生成工作簿：{}", why);
    return bytes;
}

bool write_sheet_xlsx(const ScoreSheet& s, const std::string& path, Language lang, std::string* error) {
    const bool en = lang == Language::English;
    if (path.empty()) {
        if (error) *error = en ? "cannot write the workbook: no file name" : "无法写入工作簿：没有文件名";
        return false;
    }
    std::optional<std::string> bytes = sheet_as_xlsx(s, lang, error);
    if (!bytes) return false;
    if (auto problem = write_output(path, *bytes)) {
        if (error) *error = problem->message(lang);  // E0011's text: the file and the system's reason
        return false;
    }
    return true;
}

}  // namespace pingfen
