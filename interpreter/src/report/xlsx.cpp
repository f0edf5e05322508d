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
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <iterator>
#include <unistd.h>
#include <xlsxwriter.h>

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

// Text as a cell may hold it: no control characters other than tab and line feed (XML cannot
// carry them), at most 32767 characters (Excel's limit).
std::string cell_text(const std::string& s) {
    std::string o;
    std::size_t chars = 0;
    for (std::size_t i = 0; i < s.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        if (c < 0x20 && c != '\n' && c != '\t') continue;
        if ((c & 0xC0) != 0x80 && ++chars > 32766) {
            o += "…";
            break;
        }
        o += static_cast<char>(c);
    }
    return o;
}

class Writer {
public:
    Writer(lxw_workbook* wb) : wb_(wb) {
        title_ = format();
        format_set_bold(title_);
        format_set_font_size(title_, 16);
        format_set_align(title_, LXW_ALIGN_CENTER);
        format_set_align(title_, LXW_ALIGN_VERTICAL_CENTER);

        label_ = bordered();
        format_set_bold(label_);
        format_set_align(label_, LXW_ALIGN_CENTER);

        info_ = bordered();
        format_set_align(info_, LXW_ALIGN_LEFT);

        head_ = bordered();
        format_set_bold(head_);
        format_set_align(head_, LXW_ALIGN_CENTER);
        format_set_bg_color(head_, 0xDCE6F0);

        level_ = bordered();
        format_set_align(level_, LXW_ALIGN_CENTER);

        text_ = bordered();
        format_set_align(text_, LXW_ALIGN_LEFT);
        format_set_align(text_, LXW_ALIGN_VERTICAL_TOP);

        number_ = bordered();
        format_set_num_format(number_, "0.00");
        format_set_align(number_, LXW_ALIGN_CENTER);

        sum_label_ = bordered();
        format_set_bold(sum_label_);
        format_set_align(sum_label_, LXW_ALIGN_CENTER);
        format_set_bg_color(sum_label_, 0xF2F2F2);

        sum_number_ = bordered();
        format_set_bold(sum_number_);
        format_set_num_format(sum_number_, "0.00");
        format_set_align(sum_number_, LXW_ALIGN_CENTER);
        format_set_bg_color(sum_number_, 0xF2F2F2);

        sum_text_ = bordered();
        format_set_align(sum_text_, LXW_ALIGN_LEFT);
        format_set_bg_color(sum_text_, 0xF2F2F2);
    }

    lxw_error error() const { return error_; }

    void sheet(const ScoreSheet& s, Language lang) {
        const bool en = lang == Language::English;
        const report::Words& w = report::words(lang);
        lxw_worksheet* ws = workbook_add_worksheet(wb_, en ? "Score sheet" : "自评表");
        if (!ws) return fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
        const double widths[] = {12, 8, 14, 8, 24, 8, 30, 50, 9, 50};
        for (lxw_col_t c = 0; c < 10; ++c) check(worksheet_set_column(ws, c, c, widths[c], nullptr));
        worksheet_set_landscape(ws);
        worksheet_set_paper(ws, 9);  // A4
        worksheet_set_margins(ws, 0.4, 0.4, 0.5, 0.5);
        worksheet_fit_to_pages(ws, 1, 0);

        lxw_row_t r = 0;
        check(worksheet_set_row(ws, r, 30, nullptr));
        merge(ws, r, 0, r, 9, report::sheet_title(s, lang), title_);
        ++r;
        merge(ws, r, 0, r, 1, en ? "Department" : "部门名称", label_);
        merge(ws, r, 2, r, 9, s.department, info_);
        ++r;
        merge(ws, r, 0, r, 1, w.ruleset, label_);
        merge(ws, r, 2, r, 9, s.ruleset, info_);
        ++r;
        const lxw_row_t header = r;
        const char* heads[] = {w.level1, w.weight, w.level2, w.weight, w.level3, w.weight, w.explanation, w.standard, w.score, w.basis};
        for (lxw_col_t c = 0; c < 10; ++c) text(ws, r, c, heads[c], head_);
        check(worksheet_repeat_rows(ws, header, header));
        worksheet_freeze_panes(ws, header + 1, 0);
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
                else check(worksheet_write_number(ws, r, wc, excel_number(row.weight[k]), number_));
            }
            text(ws, r, 6, row.explanation, text_);
            text(ws, r, 7, row.standard, text_);
            if (row.score) check(worksheet_write_number(ws, r, 8, excel_number(report::signed_fixed(row.score)), number_));
            else blank(ws, r, 8, number_);
            text(ws, r, 9, row.basis, text_);
        }

        text(ws, r, 0, w.total, sum_label_);
        check(worksheet_write_number(ws, r, 1, excel_number(s.max.to_fixed(2)), sum_number_));
        merge(ws, r, 2, r, 7, "", sum_text_);
        if (s.total) check(worksheet_write_number(ws, r, 8, excel_number(s.total->to_fixed(2)), sum_number_));
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
            check(worksheet_set_row(ws, r, 30, nullptr));
            ++r;
        }
    }

    void basis_sheet(const ScoreSheet& s, Language lang) {
        const bool en = lang == Language::English;
        const report::Words& w = report::words(lang);
        lxw_worksheet* ws = workbook_add_worksheet(wb_, en ? "Basis" : "评分依据");
        if (!ws) return fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
        const double widths[] = {44, 9, 9, 90};
        for (lxw_col_t c = 0; c < 4; ++c) check(worksheet_set_column(ws, c, c, widths[c], nullptr));
        worksheet_set_landscape(ws);
        worksheet_set_paper(ws, 9);
        worksheet_fit_to_pages(ws, 1, 0);
        const char* heads[] = {w.indicator, w.weight, w.score, w.basis};
        for (lxw_col_t c = 0; c < 4; ++c) text(ws, 0, c, heads[c], head_);
        check(worksheet_repeat_rows(ws, 0, 0));
        worksheet_freeze_panes(ws, 1, 0);
        lxw_row_t r = 1;
        for (const auto& row : report::sheet_rows(s, lang)) {
            std::string name = row.kind == report::SheetRow::Kind::Leaf ? row.path : row.name[0] + " " + row.path;
            text(ws, r, 0, name, text_);
            check(worksheet_write_number(ws, r, 1, excel_number(row.node->weight.to_fixed(2)), number_));
            if (row.score) check(worksheet_write_number(ws, r, 2, excel_number(report::signed_fixed(row.score)), number_));
            else blank(ws, r, 2, number_);
            text(ws, r, 3, row.basis, text_);
            ++r;
        }
        text(ws, r, 0, w.total, sum_label_);
        check(worksheet_write_number(ws, r, 1, excel_number(s.max.to_fixed(2)), sum_number_));
        if (s.total) check(worksheet_write_number(ws, r, 2, excel_number(s.total->to_fixed(2)), sum_number_));
        else blank(ws, r, 2, sum_number_);
        text(ws, r, 3, s.total_basis, sum_text_);
    }

private:
    lxw_format* format() {
        lxw_format* f = workbook_add_format(wb_);
        if (!f) fail(LXW_ERROR_MEMORY_MALLOC_FAILED);
        return f;
    }
    lxw_format* bordered() {
        lxw_format* f = format();
        format_set_border(f, LXW_BORDER_THIN);
        format_set_text_wrap(f);
        format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
        format_set_font_name(f, "宋体");
        format_set_font_size(f, 10);
        return f;
    }
    void fail(lxw_error e) {
        if (error_ == LXW_NO_ERROR) error_ = e;
    }
    void check(lxw_error e) {
        if (e != LXW_NO_ERROR) fail(e);
    }
    void text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f) {
        if (s.empty()) return blank(ws, r, c, f);
        check(worksheet_write_string(ws, r, c, cell_text(s).c_str(), f));
    }
    void blank(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, lxw_format* f) { check(worksheet_write_blank(ws, r, c, f)); }
    void merge(lxw_worksheet* ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2, const std::string& s, lxw_format* f) {
        check(worksheet_merge_range(ws, r1, c1, r2, c2, cell_text(s).c_str(), f));
    }

    lxw_workbook* wb_;
    lxw_error error_ = LXW_NO_ERROR;
    lxw_format *title_, *label_, *info_, *head_, *level_, *text_, *number_, *sum_label_, *sum_number_, *sum_text_;
};

}  // namespace

std::optional<std::string> sheet_as_xlsx(const ScoreSheet& s, Language lang, std::string* error) {
    const bool en = lang == Language::English;
    std::string why;
    std::optional<std::string> bytes = report::build_xlsx(
        [&](lxw_workbook* wb) {
            Writer w(wb);
            w.sheet(s, lang);
            w.basis_sheet(s, lang);
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
