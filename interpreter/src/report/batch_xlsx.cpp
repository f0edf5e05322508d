// pingfen batch --format xlsx: the results CSV that batch streams out, as a workbook of two
// sheets, the scores and the departments that failed, for whoever collects a district's forms.
#include <fmt/format.h>
#include <sstream>
#include "report/xlsxwriter_api.hpp"

#include "data/csv_record.hpp"
#include "pingfen/pingfen.hpp"
#include "source/source.hpp"
#include "report/xlsx_scratch.hpp"

namespace pingfen {
namespace {

// The one place a batch score becomes a double: the cell's number, parsed from the exact
// two-decimal text at the file-writing boundary and shown with the format 0.00.
std::optional<double> cell_number(const std::string& text) {
    if (text.empty()) return std::nullopt;
    char* end = nullptr;
    double v = std::strtod(text.c_str(), &end);
    if (end == nullptr || *end != '\0') return std::nullopt;
    return v;
}

}  // namespace

std::optional<std::string> batch_csv_as_xlsx(const std::string& results_csv, Language lang, std::string* error) {
    const bool en = lang == Language::English;
    std::istringstream in(results_csv);
    std::uint64_t bytes = 0;
    data::skip_bom(in, bytes);
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> fields;
    int line = 1;
    while (data::read_csv_record(in, fields, line, bytes)) rows.push_back(fields);
    std::string why;
    auto built = report::build_xlsx(
        [&](lxw_workbook* wb) -> lxw_error {
            lxw_error err = LXW_NO_ERROR;
            auto check = [&](lxw_error e) {
                if (err == LXW_NO_ERROR && e != LXW_NO_ERROR) err = e;
            };
            lxw_format* head = report::lxw().workbook_add_format(wb);
            lxw_format* text = report::lxw().workbook_add_format(wb);
            lxw_format* number = report::lxw().workbook_add_format(wb);
            for (lxw_format* f : {head, text, number}) {
                report::lxw().format_set_font_name(f, "宋体");
                report::lxw().format_set_font_size(f, 10);
                report::lxw().format_set_border(f, LXW_BORDER_THIN);
                report::lxw().format_set_align(f, LXW_ALIGN_VERTICAL_CENTER);
            }
            report::lxw().format_set_bold(head);
            report::lxw().format_set_text_wrap(head);
            report::lxw().format_set_bg_color(head, 0xDCE6F0);
            report::lxw().format_set_text_wrap(text);
            report::lxw().format_set_num_format(number, "0.00");
            lxw_worksheet* scores = report::lxw().workbook_add_worksheet(wb, en ? "Scores" : "评分结果");
            lxw_worksheet* failed = report::lxw().workbook_add_worksheet(wb, en ? "Failed" : "未评分部门");
            if (!scores || !failed) return LXW_ERROR_MEMORY_MALLOC_FAILED;
            if (rows.empty()) return LXW_NO_ERROR;
            const auto& header = rows.front();
            const std::size_t reason = header.size() - 1, status = 2;
            check(report::lxw().worksheet_set_column(scores, 0, 0, 6, nullptr));
            check(report::lxw().worksheet_set_column(scores, 1, 1, 30, nullptr));
            check(report::lxw().worksheet_set_column(scores, 2, static_cast<lxw_col_t>(reason - 1), 10, nullptr));
            check(report::lxw().worksheet_set_column(scores, static_cast<lxw_col_t>(reason), static_cast<lxw_col_t>(reason), 60, nullptr));
            for (std::size_t c = 0; c < header.size(); ++c)
                check(report::lxw().worksheet_write_string(scores, 0, static_cast<lxw_col_t>(c), header[c].c_str(), head));
            check(report::lxw().worksheet_set_row(scores, 0, 45, nullptr));
            report::lxw().worksheet_freeze_panes(scores, 1, 2);
            const char* failed_heads[] = {en ? "line" : "行号", en ? "department" : "部门", en ? "reason" : "原因"};
            const double failed_widths[] = {6, 30, 100};
            for (lxw_col_t c = 0; c < 3; ++c) {
                check(report::lxw().worksheet_write_string(failed, 0, c, failed_heads[c], head));
                check(report::lxw().worksheet_set_column(failed, c, c, failed_widths[c], nullptr));
            }
            lxw_row_t failures = 1;
            for (std::size_t r = 1; r < rows.size(); ++r) {
                const auto& row = rows[r];
                const auto at = static_cast<lxw_row_t>(r);
                for (std::size_t c = 0; c < row.size() && c < header.size(); ++c) {
                    // 行号, the total and the leaves are numbers; the rest stays text.
                    const bool numeric = c == 0 || (c >= 3 && c != 4 && c != reason);
                    if (auto v = numeric ? cell_number(row[c]) : std::nullopt)
                        check(report::lxw().worksheet_write_number(scores, at, static_cast<lxw_col_t>(c), *v, c == 0 ? text : number));
                    else if (!row[c].empty())
                        check(report::lxw().worksheet_write_string(scores, at, static_cast<lxw_col_t>(c), row[c].c_str(), text));
                }
                const bool ok = status < row.size() && (row[status] == "评分" || row[status] == "scored");
                if (ok) continue;
                if (auto v = cell_number(row[0])) check(report::lxw().worksheet_write_number(failed, failures, 0, *v, text));
                if (row.size() > 1) check(report::lxw().worksheet_write_string(failed, failures, 1, row[1].c_str(), text));
                if (reason < row.size()) check(report::lxw().worksheet_write_string(failed, failures, 2, row[reason].c_str(), text));
                // Two lines for a long reason, so it wraps instead of being cut off.
                if (reason < row.size() && display_width(row[reason]) > 100) check(report::lxw().worksheet_set_row(failed, failures, 30, nullptr));
                ++failures;
            }
            return err;
        },
        why);
    if (!built && error) *error = en ? fmt::format("cannot build the workbook: {}", why) : fmt::format("无法生成工作簿：{}", why);
    return built;
}

}  // namespace pingfen
