#include "data/read_xlsx.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>

#include "api/guard.hpp"
#include "data/department.hpp"
#include "data/xlsx_book.hpp"

namespace pingfen::data {
namespace {

using Kind = XlsxCell::Kind;

std::string trimmed(std::string_view s) {
    auto space = [](std::string_view t, std::size_t at) -> std::size_t {
        if (at < t.size() && (t[at] == ' ' || t[at] == '\t' || t[at] == '\n' || t[at] == '\r')) return 1;
        if (t.substr(at, 3) == "\xE3\x80\x80") return 3;  // the ideographic space
        return 0;
    };
    std::size_t b = 0;
    while (std::size_t n = space(s, b)) b += n;
    std::size_t e = s.size();
    while (e > b) {
        if (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r') --e;
        else if (e - b >= 3 && s.substr(e - 3, 3) == "\xE3\x80\x80") e -= 3;
        else break;
    }
    return std::string(s.substr(b, e - b));
}

Diagnostic problem(const std::string& code, const std::string& path, std::string zh, std::string en) {
    Diagnostic d;
    d.code = code;
    d.path = path;
    d.message_zh = std::move(zh);
    d.message_en = std::move(en);
    return d;
}

// The cells read for one department, one line each, which the fields' locations point into:
// the file itself is a zip, and a message is clearest naming the sheet, cell and field.
class Listing {
public:
    Loc add(const std::string& sheet, int row, int col, const std::string& field, const std::string& text) {
        std::string head = fmt::format("{}!{}  {} = ", sheet, cell_ref(row, col), field);
        ++lines_;
        Loc loc{nullptr, lines_, static_cast<int>(utf8_decode(head).size()) + 1,
                std::max(1, static_cast<int>(utf8_decode(text).size()))};
        text_ += head + text + "\n";
        return loc;
    }
    std::string take() { return std::move(text_); }

private:
    std::string text_;
    int lines_ = 0;
};

void point_into(ast::DataValue& v, const SourceFile* src) {
    if (v.loc.line > 0) v.loc.file = src;
    for (auto& item : v.list) point_into(item, src);
    for (auto& f : v.fields) point_into(f.second, src);
}

ast::DataValue text_value(std::string text, Loc loc) {
    ast::DataValue v;
    v.kind = ast::DataValue::Kind::Text;
    v.text = std::move(text);
    v.loc = loc;
    return v;
}

// A department being read: its fields, with locations into its listing, and what went wrong.
struct Building {
    std::string department;
    std::string year;  // 年度 as the cell gives it
    Loc year_loc;
    std::vector<DepartmentData::Field> fields;
    Listing listing;

    // A cell of the main sheet. A name given there twice is kept twice, so that binding reports
    // it (E0410) rather than one value silently winning.
    void add(const std::string& name, ast::DataValue v) {
        Loc loc = v.loc;
        fields.push_back({name, loc, std::move(v)});
    }

    // A list or goal table from its own sheet: it replaces what the main sheet said of it (the
    // template's main sheet points to the table's sheet).
    void add_table(const std::string& name, ast::DataValue v) {
        for (auto& f : fields)
            if (f.name == name) {
                f.loc = v.loc;
                f.value = std::move(v);
                return;
            }
        Loc loc = v.loc;
        fields.push_back({name, loc, std::move(v)});
    }

    DataResult finish(const std::string& source_name) {
        auto d = std::make_shared<DepartmentData>();
        auto src = std::make_shared<const SourceFile>(source_name, listing.take());
        for (auto& f : fields) {
            if (f.loc.line > 0) f.loc.file = src.get();
            point_into(f.value, src.get());
        }
        d->source = src;
        d->department = department;
        if (year_loc.line > 0) year_loc.file = src.get();
        take_year(*d, year, year_loc);
        d->fields = std::move(fields);
        DataResult r;
        r.data = std::move(d);
        return r;
    }
};

class WorkbookReader {
public:
    explicit WorkbookReader(const std::string& path, const std::string& readable = "") : path_(path), readable_(readable) {}

    bool open() {
        book_ = XlsxBook::open(path_, problems_, readable_);
        if (!book_) return false;
        sheets_.resize(book_->sheet_names().size());
        for (std::size_t i = 0; i < sheets_.size(); ++i)
            if (!book_->read_sheet(i, sheets_[i], problems_)) return false;
        if (sheets_.empty()) {
            problems_.push_back(problem("E0416", path_, fmt::format("工作簿 `{}` 中没有工作表", path_),
                                        fmt::format("workbook `{}` has no sheet", path_)));
            return false;
        }
        return true;
    }

    std::vector<Diagnostic>& problems() { return problems_; }

    // The text of a cell as data, or nullopt with E0417/E0418 when it holds none.
    std::optional<std::string> cell_text(const XlsxSheet& s, const XlsxCell& c, const std::string& field,
                                         std::vector<Diagnostic>& problems) {
        const std::string where = fmt::format("工作表「{}」单元格 {}", s.name, cell_ref(c.row, c.col));
        const std::string where_en = fmt::format("sheet “{}”, cell {}", s.name, cell_ref(c.row, c.col));
        if (c.formula && !c.cached) {
            problems.push_back(problem(
                "E0417", path_,
                fmt::format("{}（`{}`）是公式，但文件中没有保存它的计算结果；请在 Excel 或 WPS 中打开此文件并保存一次，或直接填写数值", where, field),
                fmt::format("{} (`{}`) is a formula saved without its result; open the file in Excel or WPS and save it once, or type the value in", where_en, field)));
            return std::nullopt;
        }
        switch (c.kind) {
            case Kind::Error:
                problems.push_back(problem("E0418", path_,
                                            fmt::format("{}（`{}`）是错误值 {}，不是数据；请改正该单元格{}", where, field, c.text,
                                                        c.formula ? "的公式" : ""),
                                            fmt::format("{} (`{}`) holds the error {}, not a value; correct the cell{}", where_en, field,
                                                        c.text, c.formula ? "'s formula" : "")));
                return std::nullopt;
            case Kind::Bool: return std::string(c.text == "1" ? "是" : "否");
            case Kind::Number:
                if (c.date)
                    if (auto d = excel_date_text(c.text)) return *d;
                if (auto n = excel_number_text(c.text, c.percent)) return *n;
                return c.text;
            case Kind::Text: break;
        }
        return trimmed(c.text);
    }

    static std::string name_of(const XlsxCell* c) {
        return c && c->kind == Kind::Text ? trimmed(c->text) : (c ? trimmed(c->text) : std::string());
    }

    // A heading: the row's only cell, merged across columns (a title over the table).
    static bool heading(const XlsxSheet& s, int row, const std::vector<XlsxCell>& cells) {
        if (cells.size() != 1) return false;
        const XlsxRange* m = s.merge_at(row, cells[0].col);
        return m && m->col2 > m->col1;
    }

    // The header row among the first rows: the first that has every name in `need`; 0 if none.
    static int header_row(const XlsxSheet& s, std::initializer_list<const char*> need) {
        int seen = 0;
        for (const auto& [row, cells] : s.rows) {
            if (++seen > 30) break;
            bool all = true;
            for (const char* n : need) {
                bool found = std::any_of(cells.begin(), cells.end(), [&](const XlsxCell& c) { return name_of(&c) == n; });
                all = all && found;
            }
            if (all) return row;
        }
        return 0;
    }

    static std::map<int, std::string> columns_of(const XlsxSheet& s, int row) {
        std::map<int, std::string> out;
        auto it = s.rows.find(row);
        if (it == s.rows.end()) return out;
        for (const auto& c : it->second) {
            std::string n = name_of(&c);
            if (!n.empty()) out[c.col] = n;
        }
        return out;
    }

    static int column_named(const std::map<int, std::string>& cols, std::string_view name) {
        for (const auto& [c, n] : cols)
            if (n == name) return c;
        return 0;
    }

    enum class Layout { Pairs, PerRow };
    // How the main sheet is laid out: 名称 | 值 pairs, or one department per row.
    static Layout layout(const XlsxSheet& s, int& header) {
        header = header_row(s, {"值"});
        if (header) return Layout::Pairs;
        for (const auto& [row, cells] : s.rows) {
            if (heading(s, row, cells) || cells.size() < 2) continue;
            std::size_t dept = department_key(cells, [](const XlsxCell& c) { return name_of(&c); });
            // Two cells are a header when the department is not the first or 年度 follows it
            // (as pairs they would be 部门 | its name).
            const bool year_next = cells.size() == 2 && (name_of(&cells[1]) == "年度" || name_of(&cells[1]) == "year");
            if (cells.size() >= 3 || (dept < cells.size() && (cells[dept].col != 1 || year_next))) {
                header = row;
                return Layout::PerRow;
            }
            break;
        }
        return Layout::Pairs;
    }

    const XlsxSheet& main_sheet() const {
        for (const auto& s : sheets_)
            if (s.name == "数据") return s;
        return sheets_.front();
    }

    // 名称 | 值 rows into one department.
    bool read_pairs(const XlsxSheet& s, int header, Building& b) {
        int name_col = 1, value_col = 2;
        if (header) {
            auto cols = columns_of(s, header);
            value_col = column_named(cols, "值");
            name_col = column_named(cols, "名称");
            if (!name_col) name_col = value_col > 1 ? value_col - 1 : 1;
        }
        bool ok = true;
        for (const auto& [row, cells] : s.rows) {
            if (row <= header || heading(s, row, cells)) continue;
            std::string name = name_of(s.at(row, name_col));
            const XlsxCell* value = s.at(row, value_col);
            if (name.empty() || !value) continue;
            std::optional<std::string> text = cell_text(s, *value, name, problems_);
            if (!text) {
                ok = false;
                continue;
            }
            if (text->empty()) continue;
            const int rank = department_key_rank(name);
            if (rank == 1 || (rank == 2 && b.department.empty())) {
                b.department = *text;
            } else if (name == "年度" || name == "year") {
                b.year = *text;
                b.year_loc = b.listing.add(s.name, row, value_col, name, *text);
            } else {
                b.add(name, text_value(*text, b.listing.add(s.name, row, value_col, name, *text)));
            }
        }
        return ok;
    }

    // A goal-table or list sheet of one department: its rows below the header as one field
    // named after the sheet. `dept_col`/`table_col`: in a workbook of many departments, the
    // columns that say whose rows they are (0: none). Rows whose 名称 starts with 示例 are the
    // template's example and are skipped.
    struct SheetRows {
        std::string table;       // the field's name
        std::string department;  // whose (batch)
        int row = 0;             // the sheet row, for messages
        ast::DataValue value;    // an Object (goal row) or a single value (list item)
        std::vector<Diagnostic> problems;  // a cell that holds no value: its department fails
    };

    enum class SideKind { None, Goals, List };
    static SideKind side_kind(const XlsxSheet& s, int& header) {
        if ((header = header_row(s, {"名称", "目标"}))) return SideKind::Goals;
        if ((header = header_row(s, {"值"}))) return SideKind::List;
        return SideKind::None;
    }

    void side_rows(const XlsxSheet& s, SideKind kind, int header, std::vector<SheetRows>& out) {
        auto cols = columns_of(s, header);
        const int dept_col = [&] {
            for (const auto& [c, n] : cols)
                if (department_key_rank(n) > 0) return c;
            return 0;
        }();
        const int table_col = column_named(cols, "表");
        const int value_col = column_named(cols, "值");
        for (const auto& [row, cells] : s.rows) {
            if (row <= header || heading(s, row, cells)) continue;
            SheetRows r;
            r.row = row;
            r.table = table_col ? name_of(s.at(row, table_col)) : s.name;
            r.department = dept_col ? name_of(s.at(row, dept_col)) : "";
            if (kind == SideKind::List) {
                const XlsxCell* c = s.at(row, value_col);
                if (!c) continue;
                auto text = cell_text(s, *c, r.table, r.problems);
                if (text && text->empty()) continue;
                r.value = text_value(text ? *text : "", Loc{nullptr, row, value_col, 1});
                out.push_back(std::move(r));
                continue;
            }
            r.value.kind = ast::DataValue::Kind::Object;
            r.value.loc = Loc{nullptr, row, 1, 1};
            bool example = false;
            for (const auto& c : cells) {
                auto col = cols.find(c.col);
                if (col == cols.end() || c.col == dept_col || c.col == table_col) continue;
                auto text = cell_text(s, c, fmt::format("{} 第 {} 行的 {}", r.table, row, col->second), r.problems);
                if (!text || text->empty()) continue;
                if (col->second == "名称" && text->rfind("示例", 0) == 0) example = true;
                r.value.fields.emplace_back(col->second, text_value(*text, Loc{nullptr, row, c.col, 1}));
            }
            if (!example && (!r.value.fields.empty() || !r.problems.empty())) out.push_back(std::move(r));
        }
    }

    // The rows of every goal-table and list sheet but `main`, and the sheet each table is in.
    void side_sheets(const XlsxSheet& main, std::vector<SheetRows>& rows, std::map<std::string, std::string>& sheet_of) {
        for (const auto& s : sheets_) {
            if (&s == &main) continue;
            int h = 0;
            SideKind kind = side_kind(s, h);
            if (kind == SideKind::None) continue;
            std::size_t before = rows.size();
            side_rows(s, kind, h, rows);
            for (std::size_t i = before; i < rows.size(); ++i) sheet_of[rows[i].table] = s.name;
        }
    }

    // Rows of the side sheets into a department's fields, each table listed where it starts.
    // False when a cell of them holds no value (its diagnostics are added to `problems`).
    bool attach(Building& b, const std::vector<const SheetRows*>& rows, const std::map<std::string, std::string>& sheet_of,
                std::vector<Diagnostic>& problems) {
        std::map<std::string, ast::DataValue> tables;
        std::vector<std::string> order;
        bool ok = true;
        for (const SheetRows* r : rows) {
            if (!r->problems.empty()) {
                problems.insert(problems.end(), r->problems.begin(), r->problems.end());
                ok = false;
            }
            auto [it, fresh] = tables.try_emplace(r->table);
            if (fresh) {
                order.push_back(r->table);
                it->second.kind = ast::DataValue::Kind::List;
            }
            ast::DataValue v = r->value;
            // Each cell of the row gets its own listing line, so a message points at it.
            const std::string& sheet = sheet_of.at(r->table);
            if (v.kind == ast::DataValue::Kind::Object) {
                v.loc = b.listing.add(sheet, r->row, 1, r->table, fmt::format("第 {} 行", it->second.list.size() + 1));
                for (auto& f : v.fields) f.second.loc = b.listing.add(sheet, r->row, f.second.loc.column, f.first, f.second.text);
            } else {
                v.loc = b.listing.add(sheet, r->row, v.loc.column, r->table, v.text);
            }
            it->second.list.push_back(std::move(v));
        }
        for (const auto& name : order) {
            ast::DataValue& t = tables[name];
            t.loc = t.list.front().loc;
            b.add_table(name, std::move(t));
        }
        return ok;
    }

    DataResult one() {
        int header = 0;
        const XlsxSheet& main = main_sheet();
        if (layout(main, header) == Layout::PerRow) {
            std::vector<DataResult> all = many();
            if (all.size() == 1) return std::move(all.front());
            DataResult r;
            r.diagnostics.push_back(problem(
                "E0419", path_,
                fmt::format("工作簿 `{}` 的工作表「{}」每行一个部门，共 {} 行；评一个部门请给出它自己的数据，多个部门请用 pingfen batch", path_,
                            main.name, all.size()),
                fmt::format("sheet “{}” of workbook `{}` holds one department per row, {} rows; give one department's own data, "
                            "or score them all with pingfen batch",
                            main.name, path_, all.size())));
            return r;
        }
        Building b;
        bool ok = read_pairs(main, header, b);
        // A goal sheet left empty (only the template's example row) gives no datum: the
        // ruleset then says it is missing (E0401), where an empty table would score 0 unsaid.
        std::vector<SheetRows> rows;
        std::map<std::string, std::string> sheet_of;
        side_sheets(main, rows, sheet_of);
        // Rows that name a department (a 部门 column) are this department's only when it is named.
        std::vector<const SheetRows*> mine;
        for (const auto& r : rows) {
            if (r.department.empty() || r.department == b.department) {
                mine.push_back(&r);
                continue;
            }
            Diagnostic w = problem("W0405", path_,
                                   fmt::format("工作表「{}」第 {} 行的部门“{}”不是本工作簿的部门“{}”，该行未使用", sheet_of.at(r.table), r.row,
                                               r.department, b.department),
                                   fmt::format("sheet “{}”, row {}: department “{}” is not this workbook's department “{}”; the row is not used",
                                               sheet_of.at(r.table), r.row, r.department, b.department));
            w.severity = Severity::Warning;
            problems_.push_back(std::move(w));
        }
        ok = attach(b, mine, sheet_of, problems_) && ok;
        if (!ok) return DataResult{nullptr, std::move(problems_)};
        DataResult r = b.finish(path_);
        r.diagnostics = std::move(problems_);
        return r;
    }

    // `rows`: each result's row in the main sheet (1 for a workbook of one department).
    std::vector<DataResult> many(std::vector<int>* rows_read = nullptr) {
        std::vector<DataResult> out;
        int header = 0;
        const XlsxSheet& main = main_sheet();
        if (layout(main, header) == Layout::Pairs) {
            out.push_back(one());
            if (rows_read) rows_read->push_back(1);
            return out;
        }
        // Side sheets first: their rows are handed to the departments by name.
        std::vector<SheetRows> rows;
        std::map<std::string, std::string> sheet_of;
        side_sheets(main, rows, sheet_of);
        std::map<std::string, std::vector<const SheetRows*>> rows_of;
        for (const auto& r : rows) rows_of[r.department].push_back(&r);

        auto cols = columns_of(main, header);
        const int dept_col = [&] {
            std::vector<std::pair<int, std::string>> v(cols.begin(), cols.end());
            std::size_t i = department_key(v, [](const auto& p) { return std::string_view(p.second); });
            return i < v.size() ? v[i].first : 0;
        }();
        std::map<std::string, bool> seen;
        for (const auto& [row, cells] : main.rows) {
            if (row <= header || heading(main, row, cells)) continue;
            Building b;
            std::vector<Diagnostic> mine;
            bool ok = true;
            for (const auto& c : cells) {
                auto col = cols.find(c.col);
                if (col == cols.end()) continue;
                auto text = cell_text(main, c, col->second, mine);
                if (!text) {
                    ok = false;
                    continue;
                }
                if (text->empty()) continue;
                if (c.col == dept_col) b.department = *text;
                else if (col->second == "年度" || col->second == "year") {
                    b.year = *text;
                    b.year_loc = b.listing.add(main.name, row, c.col, col->second, *text);
                } else {
                    b.add(col->second, text_value(*text, b.listing.add(main.name, row, c.col, col->second, *text)));
                }
            }
            if (auto it = rows_of.find(b.department); it != rows_of.end() && !b.department.empty()) {
                ok = attach(b, it->second, sheet_of, mine) && ok;
                seen[b.department] = true;
            }
            if (rows_read) rows_read->push_back(row);
            if (!ok) {
                out.push_back(DataResult{nullptr, std::move(mine)});
                continue;
            }
            // Named after the sheet, not the file: pingfen batch numbers a record's own lines
            // from the file's row, and these lines are the listing's.
            DataResult r = b.finish(fmt::format("{}!{}", path_, main.name));
            r.diagnostics = std::move(mine);
            out.push_back(std::move(r));
        }
        // Rows of a goal or list sheet for a department the main sheet does not have: a name
        // typed differently would otherwise leave that department's table missing unexplained.
        for (const auto& [dept, list] : rows_of) {
            if (seen.count(dept)) continue;
            const SheetRows& first = *list.front();
            Diagnostic w = problem("W0405", path_,
                                   fmt::format("工作表「{}」第 {} 行的部门“{}”不在工作表「{}」的部门之中，这些行未使用", sheet_of.at(first.table),
                                               first.row, dept, main.name),
                                   fmt::format("sheet “{}”, row {}: department “{}” is not among the departments of sheet “{}”; its rows are not used",
                                               sheet_of.at(first.table), first.row, dept, main.name));
            w.severity = Severity::Warning;
            problems_.push_back(std::move(w));
        }
        if (!problems_.empty()) {
            if (out.empty()) {
                out.push_back(DataResult{nullptr, {}});
                if (rows_read) rows_read->push_back(header);
            }
            auto& first = out.front().diagnostics;
            first.insert(first.begin(), problems_.begin(), problems_.end());
            problems_.clear();
        }
        return out;
    }

private:
    std::string path_, readable_;
    std::unique_ptr<XlsxBook> book_;
    std::vector<XlsxSheet> sheets_;
    std::vector<Diagnostic> problems_;
};

}  // namespace

std::optional<std::string> excel_number_text(std::string_view stored, bool percent) {
    std::size_t i = 0;
    bool negative = false;
    if (i < stored.size() && (stored[i] == '-' || stored[i] == '+')) negative = stored[i++] == '-';
    std::string digits;
    int point = 0;  // the value is 0.<digits> × 10^point once leading zeros are gone
    bool seen_point = false, any = false;
    for (; i < stored.size(); ++i) {
        char c = stored[i];
        if (c >= '0' && c <= '9') {
            any = true;
            if (digits.empty() && c == '0') {
                if (seen_point) --point;
                continue;
            }
            digits += c;
            if (!seen_point) ++point;
        } else if (c == '.' && !seen_point) {
            seen_point = true;
        } else {
            break;
        }
    }
    if (!any) return std::nullopt;
    if (i < stored.size()) {
        if (stored[i] != 'E' && stored[i] != 'e') return std::nullopt;
        ++i;
        bool neg_exp = false;
        if (i < stored.size() && (stored[i] == '-' || stored[i] == '+')) neg_exp = stored[i++] == '-';
        int exp = 0;
        std::size_t start = i;
        for (; i < stored.size() && stored[i] >= '0' && stored[i] <= '9'; ++i)
            if (exp < 10000) exp = exp * 10 + (stored[i] - '0');
        if (i == start || i != stored.size()) return std::nullopt;
        // Beyond what Excel stores (1E+308, 2.2E-308): no number of a spreadsheet. The text as
        // written goes on to the type check, whose message quotes it (a clamped exponent of
        // ten thousand digits was quoted instead).
        if (exp > 330) return std::nullopt;
        point += neg_exp ? -exp : exp;
    }
    if (digits.empty()) return std::string(percent ? "0%" : "0");
    // Excel keeps 15 significant digits; a 17-digit stored text is the double's rendering.
    constexpr std::size_t kExcelDigits = 15;
    if (digits.size() > kExcelDigits) {
        bool up = digits[kExcelDigits] >= '5';
        digits.resize(kExcelDigits);
        if (up) {
            std::size_t k = digits.size();
            while (k > 0 && digits[k - 1] == '9') digits[--k] = '0';
            if (k == 0) digits.insert(digits.begin(), '1'), ++point;
            else ++digits[k - 1];
        }
    }
    while (!digits.empty() && digits.back() == '0') digits.pop_back();
    if (digits.empty()) return std::string(percent ? "0%" : "0");
    if (percent) point += 2;
    std::string out = negative ? "-" : "";
    if (point <= 0) {
        out += "0." + std::string(static_cast<std::size_t>(-point), '0') + digits;
    } else if (static_cast<std::size_t>(point) >= digits.size()) {
        out += digits + std::string(static_cast<std::size_t>(point) - digits.size(), '0');
    } else {
        out += digits.substr(0, static_cast<std::size_t>(point)) + "." + digits.substr(static_cast<std::size_t>(point));
    }
    if (percent) out += "%";
    return out;
}

std::optional<std::string> excel_date_text(std::string_view stored) {
    auto n = Decimal::parse(stored);
    if (!n) return std::nullopt;
    auto days = n->round_half_up(0).to_int64();
    // Only a whole day is shown as a date; a time of day is left as the number it is.
    if (!days || !(Decimal::from_int(*days) == *n) || *days < 61 || *days > 2958465) return std::nullopt;
    // Days from 1899-12-30 (Excel's 1900 date system; from serial 61, 1 March 1900, past its
    // phantom 29 February 1900) to a civil date (Howard Hinnant's civil_from_days).
    long z = static_cast<long>(*days) - 25569 + 719468;  // 25569: 1970-01-01
    const long era = (z >= 0 ? z : z - 146096) / 146097;
    const long doe = z - era * 146097;
    const long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long mp = (5 * doy + 2) / 153;
    const long d = doy - (153 * mp + 2) / 5 + 1;
    const long m = mp < 10 ? mp + 3 : mp - 9;
    const long y = yoe + era * 400 + (m <= 2);
    return fmt::format("{:04}-{:02}-{:02}", y, m, d);
}

DataResult read_xlsx_department(const std::string& path, const std::string& readable) {
    WorkbookReader r(path, readable);
    if (!r.open()) return DataResult{nullptr, std::move(r.problems())};
    return r.one();
}

std::vector<DataResult> read_xlsx_departments(const std::string& path, std::vector<int>* rows, const std::string& readable) {
    WorkbookReader r(path, readable);
    if (!r.open()) {
        if (rows) rows->push_back(1);
        return {DataResult{nullptr, std::move(r.problems())}};
    }
    return r.many(rows);
}

}  // namespace pingfen::data
