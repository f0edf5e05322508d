// An .xlsx workbook as Excel, WPS or LibreOffice save it, read cell by cell with each cell's
// stored text: the digits in <v> exactly as written, never through a double, so 1222.61 stays
// 1222.61. The zip is opened with libzip and its XML parts read with expat.
#pragma once

#include <map>
#include <memory>
#include <string>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen::data {

struct XlsxCell {
    enum class Kind { Number, Text, Bool, Error };
    int row = 0, col = 0;  // 1-based
    Kind kind = Kind::Text;
    std::string text;      // a number's stored digits, a string's text, "1"/"0" for a boolean
    bool percent = false;  // its number format shows a percentage (0.9806 shown as 98.06%)
    bool date = false;     // its number format shows a date: the number counts days from 1899-12-30
    bool formula = false;  // computed by a formula: `text` is the cached result
    bool cached = true;    // false: a formula saved without its result (nothing to read)
};

struct XlsxRange {
    int row1 = 0, col1 = 0, row2 = 0, col2 = 0;
    bool contains(int r, int c) const { return r >= row1 && r <= row2 && c >= col1 && c <= col2; }
};

struct XlsxSheet {
    std::string name;
    std::map<int, std::vector<XlsxCell>> rows;  // row number → its non-empty cells, by column
    std::vector<XlsxRange> merged;

    const XlsxCell* at(int row, int col) const;
    // The merged range whose top-left cell is (row, col), or null.
    const XlsxRange* merge_at(int row, int col) const;
};

// "B7" for row 7, column 2; "AA1" for column 27.
std::string cell_ref(int row, int col);

class XlsxBook {
public:
    ~XlsxBook();
    XlsxBook(const XlsxBook&) = delete;
    XlsxBook& operator=(const XlsxBook&) = delete;

    // The workbook, or null with E0416 in `problems` when the file cannot be opened, is not a
    // zip, or is a zip without a workbook (a .docx, an .xls renamed). `readable`, when given, is
    // the file to read: a pipe's copy, while messages name the pipe, `path`.
    static std::unique_ptr<XlsxBook> open(const std::string& path, std::vector<Diagnostic>& problems,
                                          const std::string& readable = "");

    const std::string& path() const { return path_; }
    const std::vector<std::string>& sheet_names() const { return names_; }
    // Sheet `index` (in the workbook's order); false with E0416 when its part is missing or broken.
    bool read_sheet(std::size_t index, XlsxSheet& out, std::vector<Diagnostic>& problems) const;

private:
    XlsxBook() = default;
    bool part(const std::string& name, std::string& out) const;

    std::string path_;
    void* zip_ = nullptr;  // zip_t*
    std::vector<std::string> names_, parts_;  // sheet names and their parts ("xl/worksheets/sheet1.xml")
    std::vector<std::string> shared_;          // the shared strings
    std::vector<bool> percent_style_;          // per cell style (s="…"): a percentage format
    std::vector<bool> date_style_;             // per cell style: a date or time format
};

// Whether `path` is an .xlsx by its name or its first bytes (a zip's "PK\3\4").
bool is_xlsx_file(const std::string& path);

}  // namespace pingfen::data
