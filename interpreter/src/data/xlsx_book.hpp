// An .xlsx workbook as Excel, WPS or LibreOffice save it, read cell by cell with each cell's
// stored text: the digits in <v> exactly as written, never through a double, so 1222.61 stays
// 1222.61. The zip is opened with libzip and its XML parts read with expat.
#pragma once

#include <functional>
#include <map>
#include <memory>
#include <string>
#include <string_view>
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

// What a workbook may hold. Its cells are read into memory whole (its parts are zipped XML,
// unzipped and parsed a piece at a time), so a small file that unzips to gigabytes (a zip bomb:
// 850 KB held 24 million cells) took 8 GB and minutes; past these it is refused with E0416. Two
// million cells are 20,000 departments of 100 columns; a larger batch is read record by record
// from CSV or JSON Lines.
inline constexpr std::size_t kMaxWorkbookCells = 2'000'000;  // non-empty cells, shared strings and sheets, all parts
inline constexpr std::size_t kMaxCellBytes = 128 * 1024;     // one cell's text (Excel's limit: 32,767 characters)

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

    enum class PartRead { Read, Absent, Damaged, Stopped };
    // Part `name` unzipped in pieces of 64 KB, each given to `piece` in turn (false from it stops
    // the reading: Stopped): a sheet of hundreds of MB is never held whole. Damaged: it cannot
    // be unzipped, or its length or checksum is wrong.
    PartRead read_part(const std::string& name, const std::function<bool(std::string_view)>& piece) const;

private:
    XlsxBook() = default;
    // E0416 when a sheet or the shared strings pass kMaxWorkbookCells.
    Diagnostic too_many_cells(const std::string& where_zh, const std::string& where_en) const;

    std::string path_;
    void* zip_ = nullptr;  // zip_t*
    std::vector<std::string> names_, parts_;  // sheet names and their parts ("xl/worksheets/sheet1.xml")
    std::vector<std::string> shared_;          // the shared strings
    std::vector<bool> percent_style_;          // per cell style (s="…"): a percentage format
    std::vector<bool> date_style_;             // per cell style: a date or time format
    mutable std::size_t cells_ = 0;            // read so far, shared strings included
};

// Whether `path` is an .xlsx by its name or its first bytes (a zip's "PK\3\4").
bool is_xlsx_file(const std::string& path);

}  // namespace pingfen::data
