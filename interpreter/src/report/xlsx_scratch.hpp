// Building an .xlsx in memory with libxlsxwriter, which can only write a named file: a scratch
// file in the temporary folder, read back and removed, so that a workbook reaches its
// destination through Output like every other format.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include "report/xlsxwriter_api.hpp"

namespace pingfen::report {

// `build` fills the workbook and returns the first error it met. The bytes, or nullopt with
// the reason (in English words from libxlsxwriter or the system) in `why`.
std::optional<std::string> build_xlsx(const std::function<lxw_error(lxw_workbook*)>& build, std::string& why,
                                      const std::string& title = "");

// Text as a cell may hold it: no control characters other than tab and line feed (XML cannot
// carry them), at most 32767 characters (Excel's limit).
std::string cell_text(const std::string& s);

// What the workbooks pingfen writes (the 自评表, the data form) do to cells: each call checked,
// the first error kept for build_xlsx to report.
class CellWriter {
public:
    explicit CellWriter(lxw_workbook* wb) : wb_(wb) {}
    lxw_error error() const { return error_; }

protected:
    lxw_format* format();
    // A table cell: thin border, wrapped, centred vertically, 宋体 10 (a font for Chinese).
    lxw_format* bordered();
    void fail(lxw_error e) {
        if (error_ == LXW_NO_ERROR) error_ = e;
    }
    void check(lxw_error e) {
        if (e != LXW_NO_ERROR) fail(e);
    }
    void text(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, const std::string& s, lxw_format* f);
    void blank(lxw_worksheet* ws, lxw_row_t r, lxw_col_t c, lxw_format* f) { check(lxw().worksheet_write_blank(ws, r, c, f)); }
    void merge(lxw_worksheet* ws, lxw_row_t r1, lxw_col_t c1, lxw_row_t r2, lxw_col_t c2, const std::string& s, lxw_format* f);
    // The lines `text` takes wrapped in a column `width` characters wide. A column of width w
    // holds about w half-width characters (a CJK one takes two); 0.85 of it leaves room for
    // fonts wider than 宋体 that LibreOffice or WPS may put in its place.
    static std::size_t wrapped_lines(const std::string& text, double width);

    lxw_workbook* wb_;

private:
    lxw_error error_ = LXW_NO_ERROR;
};

}  // namespace pingfen::report
