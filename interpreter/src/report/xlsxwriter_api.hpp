// libxlsxwriter's functions that pingfen calls, from the library opened when the first workbook
// is written (system/loaded_library.hpp says why). Call them as lxw().workbook_new(…), only
// after xlsxwriter_api() succeeded: build_xlsx() checks it before it builds any workbook.
#pragma once

#include <string>
#include <xlsxwriter.h>

#define PINGFEN_XLSXWRITER_FUNCTIONS(X)                                                                            \
    X(workbook_new) X(workbook_close) X(workbook_set_properties) X(workbook_add_format) X(workbook_add_worksheet) \
    X(lxw_strerror) X(format_set_align) X(format_set_bg_color) X(format_set_bold) X(format_set_border)           \
    X(format_set_font_color) X(format_set_font_name) X(format_set_font_size) X(format_set_italic)                \
    X(format_set_num_format) X(format_set_text_wrap) X(worksheet_data_validation_cell)                            \
    X(worksheet_data_validation_range) X(worksheet_fit_to_pages) X(worksheet_freeze_panes) X(worksheet_merge_range) \
    X(worksheet_repeat_rows) X(worksheet_set_column) X(worksheet_set_footer) X(worksheet_set_landscape)           \
    X(worksheet_set_margins) X(worksheet_set_paper) X(worksheet_set_row) X(worksheet_write_blank)                 \
    X(worksheet_write_number) X(worksheet_write_string)

namespace pingfen::report {

struct XlsxWriterApi {
#define PINGFEN_MEMBER(name) decltype(&::name) name = nullptr;
    PINGFEN_XLSXWRITER_FUNCTIONS(PINGFEN_MEMBER)
#undef PINGFEN_MEMBER
};

// The functions, loaded on the first call; nullptr when the library or one of its functions
// could not be loaded, and then xlsxwriter_api_error() says why in the loader's words.
const XlsxWriterApi* xlsxwriter_api();
std::string xlsxwriter_api_error();

// The loaded functions, after xlsxwriter_api() returned them.
inline const XlsxWriterApi& lxw() { return *xlsxwriter_api(); }

}  // namespace pingfen::report
