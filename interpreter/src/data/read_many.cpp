// Many departments at once: a folder of data files, a CSV with one department per row, or JSON
// Lines. The CSV reader follows RFC 4180 (quoted fields, doubled quotes, line breaks inside
// quotes) and skips a UTF-8 byte-order mark, as Excel and WPS write one.
#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "api/guard.hpp"
#include "data/csv_record.hpp"
#include "data/encoding.hpp"
#include "data/department.hpp"
#include "data/read_xlsx.hpp"
#include "data/sniff.hpp"
#include "data/spool.hpp"
#include "data/xlsx_book.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen {
namespace {

namespace fs = std::filesystem;

std::string slurp(const fs::path& p, bool& ok) {
    std::ifstream in(p, std::ios::binary);
    ok = static_cast<bool>(in);
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

struct Cell {
    std::string text;
    std::size_t offset;  // where it starts in the file, for locations
};

// A row of cells, with the line it starts on, and the line of a quote it never closed (0: none).
struct CsvRow {
    int line;
    std::vector<Cell> cells;
    int unclosed_quote = 0;
};

std::vector<CsvRow> parse_csv(const std::string& text) {
    std::vector<CsvRow> rows;
    std::size_t i = text.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
    int line = 1, row_line = 1;
    std::vector<Cell> row;
    Cell cell{"", i};
    bool quoted = false, any = false;
    std::size_t quote_at = 0, cell_at_quote = 0;  // the last opening quote, and the cell's length then
    int quote_line = 0, unclosed = 0;
    auto end_cell = [&](std::size_t next) {
        if (!cell.text.empty() || row.size() < data::kKeptEmptyFields) row.push_back(std::move(cell));
        cell = Cell{"", next};
    };
    for (; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') cell.text += '"', ++i;
            else if (c == '"') quoted = false;
            else {
                if (c == '\n') ++line;
                cell.text += c;
            }
            if (quoted && i + 1 == text.size()) {
                // A quote never closed took every later line into one cell: the row ends with
                // the quote's line (reported by the caller), and reading goes on after it.
                quoted = false;
                unclosed = line = quote_line;
                cell.text.resize(cell_at_quote);
                const std::size_t eol = std::min(text.find('\n', quote_at), text.size());
                cell.text += text.substr(quote_at + 1, eol - quote_at - 1);
                if (!cell.text.empty() && cell.text.back() == '\r') cell.text.pop_back();
                i = eol - 1;  // the loop's ++i lands on the line break, which ends the row
            }
            continue;
        }
        if (c == '"') {
            quoted = true;
            any = true;
            quote_at = i;
            cell_at_quote = cell.text.size();
            quote_line = line;
        } else if (c == ',') {
            end_cell(i + 1);
            any = true;
        } else if (c == '\n' || c == '\r') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            if (any || !cell.text.empty()) {
                end_cell(i + 1);
                rows.push_back(CsvRow{row_line, std::move(row), unclosed});
            }
            row.clear();
            cell = Cell{"", i + 1};
            any = false;
            unclosed = 0;
            row_line = ++line;
        } else {
            cell.text += c;
            any = true;
        }
    }
    if (any || !cell.text.empty()) {
        end_cell(text.size());
        rows.push_back(CsvRow{row_line, std::move(row), unclosed});
    }
    return rows;
}

Loc cell_loc(const SourceFile& src, const Cell& c) {
    auto it = std::upper_bound(src.line_starts.begin(), src.line_starts.end(), c.offset);
    int line = static_cast<int>(it - src.line_starts.begin());
    std::size_t start = src.line_starts[static_cast<std::size_t>(line - 1)];
    int col = static_cast<int>(utf8_decode(std::string_view(src.text).substr(start, c.offset - start)).size()) + 1;
    return Loc{&src, line, col, std::max(1, static_cast<int>(utf8_decode(c.text).size()))};
}

// One CSV row as a department: every value stays text, so numbers keep their exact digits and
// the validator reads "2.73%" and 是 by the declared types; locations point into the CSV.
DataResult row_as_department(const std::shared_ptr<const SourceFile>& src, const std::vector<Cell>& header,
                             const std::vector<Cell>& row) {
    auto d = std::make_shared<DepartmentData>();
    d->source = src;
    const std::size_t dept = data::department_key(header, [](const Cell& c) -> std::string_view { return c.text; });
    for (std::size_t i = 0; i < header.size() && i < row.size(); ++i) {
        const std::string& k = header[i].text;
        const std::string& v = row[i].text;
        if (i == dept) d->department = v;
        else if (k == "年度" || k == "year") {
            data::take_year(*d, v, cell_loc(*src, row[i]));
        } else if (!v.empty()) {
            ast::DataValue dv;
            dv.kind = ast::DataValue::Kind::Text;
            dv.text = v;
            dv.loc = cell_loc(*src, row[i]);
            d->fields.push_back({k, dv.loc, std::move(dv)});
        }
    }
    DataResult r;
    r.data = std::move(d);
    return r;
}

}  // namespace

namespace {

std::vector<DataResult> load_all(const std::string& path) {
    std::vector<DataResult> out;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        std::vector<fs::path> files;
        for (const auto& e : fs::directory_iterator(path, ec)) {
            std::string n = e.path().filename().string();
            // An .xlsx is one department's data form; "~$…" is the lock file Excel keeps beside an open one.
            const bool xlsx = e.path().extension() == ".xlsx" && n.rfind("~$", 0) != 0;
            if (e.path().extension() == ".json" || xlsx || (n.size() > 8 && n.compare(n.size() - 8, 8, ".data.pf") == 0))
                files.push_back(e.path());
        }
        std::sort(files.begin(), files.end());
        for (const auto& f : files) out.push_back(load_data_file(f.generic_string()));
        return out;
    }
    std::string ext = fs::path(path).extension().string();
    if (data::is_xlsx_file(path)) return data::read_xlsx_departments(path);
    // A name that tells nothing (`--data -`, `<(…)`, a .txt): CSV, JSON Lines, a workbook or one
    // department, told by its text, read once (a pipe cannot be read again). It was always one
    // department: a CSV of many through a pipe was E0419.
    const auto kind = fs::status(path, ec).type();
    const bool untold = ext != ".csv" && ext != ".jsonl" && ext != ".json" && !path.ends_with(".pf") &&
                        (kind == fs::file_type::fifo || kind == fs::file_type::regular);
    if (ext != ".csv" && ext != ".jsonl" && !untold) {
        out.push_back(load_data_file(path));
        return out;
    }
    bool ok = false;
    std::string text = slurp(path, ok);
    if (!ok) {
        out.push_back(load_data_file(path));  // reports the unreadable file
        return out;
    }
    if (untold) {
        if (text.starts_with("PK\x03\x04")) {
            data::Spool copy;
            if (auto bad = copy.hold(path, text, ".xlsx")) return {DataResult{nullptr, {std::move(*bad)}}};
            return data::read_xlsx_departments(path, nullptr, copy.path());
        }
        const data::TextKind sniffed = data::sniff(text);
        if (sniffed == data::TextKind::Csv) return data::csv_departments(path, std::move(text));
        if (sniffed != data::TextKind::Json || data::json_document(text)) {
            out.push_back(parse_data(path, std::move(text)));
            return out;
        }
    }
    if (ext == ".jsonl" || untold) {
        std::istringstream in(text);
        std::string line;
        int n = 0;
        while (std::getline(in, line)) {
            ++n;
            if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
            out.push_back(parse_data(fmt::format("{}:{}", path, n), line));
        }
        return out;
    }
    return data::csv_departments(path, std::move(text));
}

}  // namespace

// A path that holds no department at all is an error, never an empty comparison: a folder of
// folders, an empty folder or a CSV with only its header would otherwise print no scores.
Diagnostic no_department_data(const std::string& path) {
    Diagnostic d;
    d.code = "E0415";
    d.path = path;
    std::error_code ec;
    if (fs::is_directory(path, ec)) {
        std::vector<std::string> folders;
        for (const auto& e : fs::directory_iterator(path, ec))
            if (e.is_directory(ec)) folders.push_back(e.path().filename().string());
        std::sort(folders.begin(), folders.end());
        std::string list;
        for (std::size_t i = 0; i < folders.size() && i < 3; ++i) list += (i ? "、" : "") + folders[i];
        if (folders.size() > 3) list += "…";
        std::string list_en = list;
        for (std::size_t at; (at = list_en.find("、")) != std::string::npos;) list_en.replace(at, std::string("、").size(), ", ");
        d.message_zh = fmt::format("文件夹 `{}` 中没有部门数据：只读取其中的 *.json、*.xlsx 和 *.data.pf 文件，不进入子文件夹{}", path,
                                   folders.empty() ? "" : fmt::format("（这里有 {} 个子文件夹：{}）", folders.size(), list));
        d.message_en = fmt::format("folder `{}` holds no department data: only its *.json, *.xlsx and *.data.pf files are read, not its subfolders{}",
                                   path, folders.empty() ? "" : fmt::format(" (it has {} subfolder{}: {})", folders.size(),
                                                                            folders.size() == 1 ? "" : "s", list_en));
    } else {
        d.message_zh = fmt::format("`{}` 中没有部门数据：表头之下（CSV）或文件中（JSON Lines）没有一条记录", path);
        d.message_en = fmt::format("`{}` holds no department data: no record below the header (CSV) or in the file (JSON Lines)", path);
    }
    return d;
}

namespace {

DataResult no_departments(const std::string& path) { return DataResult{nullptr, {no_department_data(path)}}; }

}  // namespace

std::vector<DataResult> data::csv_departments(const std::string& path, std::string text) {
    std::vector<DataResult> out;
    std::vector<Diagnostic> problems;
    if (!data::csv_as_utf8(path, text, problems)) {
        out.push_back(DataResult{nullptr, std::move(problems)});
        return out;
    }
    if (auto bad = data::not_utf8(path, 0, text)) {
        out.push_back(DataResult{nullptr, {std::move(*bad)}});
        return out;
    }
    auto src = std::make_shared<const SourceFile>(path, std::move(text));
    auto rows = parse_csv(src->text);
    if (rows.empty()) return {no_departments(path)};
    const auto header = rows.front().cells;
    for (std::size_t r = 1; r < rows.size(); ++r) {
        const CsvRow& row = rows[r];
        std::size_t extra = 0;
        for (std::size_t k = header.size(); k < row.cells.size(); ++k) extra += !row.cells[k].text.empty();
        if (auto bad = data::csv_record_shape(path, row.unclosed_quote ? row.unclosed_quote : row.line, row.unclosed_quote,
                                              row.cells.size(), header.size(), extra))
            out.push_back(DataResult{nullptr, {std::move(*bad)}});
        else
            out.push_back(row_as_department(src, header, row.cells));
    }
    if (out.empty()) out.push_back(no_departments(path));
    return out;
}

std::vector<DataResult> load_departments(const std::string& path) {
    struct All {
        std::vector<DataResult> departments;
        std::vector<Diagnostic> diagnostics;
    };
    All all = api::guarded<All>(path, [&] { return All{load_all(path), {}}; });
    if (!all.diagnostics.empty()) all.departments.push_back(DataResult{nullptr, std::move(all.diagnostics)});
    if (all.departments.empty()) all.departments.push_back(no_departments(path));
    return std::move(all.departments);
}

}  // namespace pingfen
