#include "data/xlsx_book.hpp"

#include <algorithm>
#include <cstring>
#include <expat.h>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <functional>
#include "data/libzip_api.hpp"

namespace pingfen::data {
namespace {

// E0416: the workbook itself cannot be read.
Diagnostic book_error(const std::string& path, std::string zh, std::string en) {
    Diagnostic d;
    d.code = "E0416";
    d.path = path;
    d.message_zh = std::move(zh);
    d.message_en = std::move(en);
    return d;
}

// Element and attribute names without their namespace prefix ("x:c" → "c"): writers differ in
// the prefixes they use for the same SpreadsheetML namespace.
std::string_view local(const char* name) {
    std::string_view n(name);
    auto colon = n.rfind(':');
    return colon == std::string_view::npos ? n : n.substr(colon + 1);
}

const char* attr(const char** atts, std::string_view name) {
    for (int i = 0; atts[i]; i += 2)
        if (local(atts[i]) == name) return atts[i + 1];
    return nullptr;
}

// One pass of expat over a part, with the three callbacks the readers below need.
struct XmlWalk {
    std::function<void(std::string_view, const char**)> start;
    std::function<void(std::string_view)> end;
    std::function<void(std::string_view)> text;

    // Ends the walk from a handler: run() then returns false.
    void stop() { XML_StopParser(parser_, XML_FALSE); }

    // The document, in pieces; false when it is not well-formed XML or a handler stopped it.
    bool run(const std::string& xml) {
        return run([&](const std::function<bool(std::string_view)>& piece) { return piece(xml); });
    }
    // `source` gives each piece of the document to its argument in turn; false from it, or from
    // the argument, ends the walk.
    template <class Source>
    bool run(Source&& source) {
        XML_Parser p = XML_ParserCreate("UTF-8");
        parser_ = p;
        XML_SetUserData(p, this);
        XML_SetElementHandler(
            p,
            [](void* self, const XML_Char* name, const XML_Char** atts) {
                auto* w = static_cast<XmlWalk*>(self);
                if (w->start) w->start(local(name), atts);
            },
            [](void* self, const XML_Char* name) {
                auto* w = static_cast<XmlWalk*>(self);
                if (w->end) w->end(local(name));
            });
        XML_SetCharacterDataHandler(p, [](void* self, const XML_Char* s, int len) {
            auto* w = static_cast<XmlWalk*>(self);
            if (w->text) w->text(std::string_view(s, static_cast<std::size_t>(len)));
        });
        bool ok = source([&](std::string_view piece) {
            return XML_Parse(p, piece.data(), static_cast<int>(piece.size()), 0) == XML_STATUS_OK;
        });
        ok = ok && XML_Parse(p, "", 0, 1) == XML_STATUS_OK;
        XML_ParserFree(p);
        parser_ = nullptr;
        return ok;
    }

private:
    XML_Parser parser_ = nullptr;
};

// Why a part could not be read.
const char* damage_zh(XlsxBook::PartRead how) { return how == XlsxBook::PartRead::Damaged ? "无法解压" : "XML 无法解析"; }
const char* damage_en(XlsxBook::PartRead how) { return how == XlsxBook::PartRead::Damaged ? "it does not unzip" : "its XML does not parse"; }

// Part `name` of `book` walked with `w`: Read, Absent, Damaged (not unzippable), or Stopped (not
// well-formed XML, or a handler of `w` stopped it).
XlsxBook::PartRead walk_part(const XlsxBook& book, const std::string& name, XmlWalk& w) {
    XlsxBook::PartRead how = XlsxBook::PartRead::Read;
    const bool ok = w.run([&](const std::function<bool(std::string_view)>& piece) {
        how = book.read_part(name, piece);
        return how == XlsxBook::PartRead::Read;
    });
    return ok ? XlsxBook::PartRead::Read : how == XlsxBook::PartRead::Read ? XlsxBook::PartRead::Stopped : how;
}

// "B7" → (7, 2); false when it is not a cell reference.
bool parse_ref(std::string_view ref, int& row, int& col) {
    std::size_t i = 0;
    col = 0;
    while (i < ref.size() && ref[i] >= 'A' && ref[i] <= 'Z') col = col * 26 + (ref[i++] - 'A' + 1);
    row = 0;
    std::size_t digits = i;
    while (i < ref.size() && ref[i] >= '0' && ref[i] <= '9' && row < 10'000'000) row = row * 10 + (ref[i++] - '0');
    return col > 0 && i > digits && i == ref.size();
}

// A number format shows a percentage when it has a % outside quoted text and escapes.
bool percent_format(std::string_view code) {
    bool quoted = false;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') quoted = !quoted;
        else if (!quoted && c == '\\') ++i;
        else if (!quoted && c == '%') return true;
    }
    return false;
}

// A number format shows a date or time when it has y, m, d, h or s outside quoted text,
// escapes and [colour] or [$-804] brackets ("yyyy\"年\"m\"月\"d\"日\"", "yyyy-mm-dd").
bool date_format(std::string_view code) {
    bool quoted = false;
    int bracket = 0;
    for (std::size_t i = 0; i < code.size(); ++i) {
        char c = code[i];
        if (c == '"') quoted = !quoted;
        else if (quoted) continue;
        else if (c == '\\') ++i;
        else if (c == '[') ++bracket;
        else if (c == ']' && bracket > 0) --bracket;
        else if (!bracket && std::strchr("yYmMdDhHsS", c)) return true;
    }
    return false;
}

// The built-in formats that show dates and times, Chinese Excel's among them (27–36, 50–58).
bool builtin_date(int id) { return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) || (id >= 50 && id <= 58); }

std::string resolve_target(const std::string& target) {
    // Targets are relative to xl/ ("worksheets/sheet1.xml") or absolute ("/xl/worksheets/…").
    if (!target.empty() && target[0] == '/') return target.substr(1);
    return "xl/" + target;
}

}  // namespace

std::string cell_ref(int row, int col) {
    std::string letters;
    for (int c = col; c > 0; c = (c - 1) / 26) letters.insert(letters.begin(), static_cast<char>('A' + (c - 1) % 26));
    return letters + std::to_string(row);
}

const XlsxCell* XlsxSheet::at(int row, int col) const {
    auto it = rows.find(row);
    if (it == rows.end()) return nullptr;
    for (const auto& c : it->second)
        if (c.col == col) return &c;
    return nullptr;
}

const XlsxRange* XlsxSheet::merge_at(int row, int col) const {
    for (const auto& m : merged)
        if (m.row1 == row && m.col1 == col) return &m;
    return nullptr;
}

bool is_xlsx_file(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (ext == ".xlsx" || ext == ".xlsm") return true;
    // Only a regular file is looked into: the bytes read from a pipe would be gone for the
    // reader, and opening a named pipe twice waited for a second writer that never came.
    std::error_code ec;
    if (!std::filesystem::is_regular_file(path, ec)) return false;
    std::ifstream in(path, std::ios::binary);
    char head[4] = {0, 0, 0, 0};
    in.read(head, 4);
    return in.gcount() == 4 && std::memcmp(head, "PK\x03\x04", 4) == 0;
}

XlsxBook::~XlsxBook() {
    if (zip_) libzip().zip_discard(static_cast<zip_t*>(zip_));
}

XlsxBook::PartRead XlsxBook::read_part(const std::string& name, const std::function<bool(std::string_view)>& piece) const {
    auto* z = static_cast<zip_t*>(zip_);
    zip_file_t* f = libzip().zip_fopen(z, name.c_str(), ZIP_FL_NOCASE);
    if (!f) return PartRead::Absent;
    // libzip checks the part's length and checksum when it reaches the end: a damaged part
    // fails there, not quietly short.
    char buf[1 << 16];
    PartRead out = PartRead::Read;
    for (;;) {
        const zip_int64_t got = libzip().zip_fread(f, buf, sizeof buf);
        if (got < 0) {
            out = PartRead::Damaged;
            break;
        }
        if (got == 0) break;
        if (!piece(std::string_view(buf, static_cast<std::size_t>(got)))) {
            out = PartRead::Stopped;
            break;
        }
    }
    libzip().zip_fclose(f);
    return out;
}

Diagnostic XlsxBook::too_many_cells(const std::string& where_zh, const std::string& where_en) const {
    return book_error(path_,
                      fmt::format("工作簿 `{}` 的单元格超过 {} 个（读到{}时），过大：工作簿要整个读入内存；数据很多时请另存为 "
                                  "CSV（UTF-8），pingfen batch 逐条读取",
                                  path_, kMaxWorkbookCells, where_zh),
                      fmt::format("workbook `{}` has over {} cells (at {}), too many: a workbook is read into memory whole; for "
                                  "much data save it as CSV (UTF-8), which pingfen batch reads record by record",
                                  path_, kMaxWorkbookCells, where_en));
}

std::unique_ptr<XlsxBook> XlsxBook::open(const std::string& path, std::vector<Diagnostic>& problems,
                                         const std::string& readable) {
    const std::string& file = readable.empty() ? path : readable;
    std::unique_ptr<XlsxBook> book(new XlsxBook());
    book->path_ = path;
    if (!libzip_api()) {
        problems.push_back(book_error(path, fmt::format("无法读取工作簿 `{}`：{}", path, libzip_api_error()),
                                      fmt::format("cannot read workbook `{}`: {}", path, libzip_api_error())));
        return nullptr;
    }
    int err = 0;
    zip_t* z = libzip().zip_open(file.c_str(), ZIP_RDONLY, &err);
    if (!z) {
        std::ifstream probe(file, std::ios::binary);
        if (!probe)
            problems.push_back(book_error(path, fmt::format("无法打开文件 `{}`", path), fmt::format("cannot open file `{}`", path)));
        else
            problems.push_back(book_error(path,
                                          fmt::format("`{}` 不是 .xlsx 工作簿（不是 zip 文件）；请在 Excel 或 WPS 中“另存为”Excel 工作簿 (*.xlsx)", path),
                                          fmt::format("`{}` is not an .xlsx workbook (not a zip file); save it from Excel or WPS as an Excel Workbook (*.xlsx)", path)));
        return nullptr;
    }
    book->zip_ = z;

    // Each sheet and relationship is kept, and counted as a cell would be.
    bool too_many = false;
    std::map<std::string, std::string> target_of;  // relationship id → part
    XmlWalk r;
    r.start = [&](std::string_view name, const char** atts) {
        if (name != "Relationship") return;
        const char* id = attr(atts, "Id");
        const char* target = attr(atts, "Target");
        if (id && target) target_of[id] = resolve_target(target);
        if (++book->cells_ > kMaxWorkbookCells) too_many = true, r.stop();
    };
    std::vector<std::pair<std::string, std::string>> sheets;  // name, relationship id
    XmlWalk w;
    w.start = [&](std::string_view name, const char** atts) {
        if (name != "sheet") return;
        const char* n = attr(atts, "name");
        const char* id = attr(atts, "id");
        if (n && id) sheets.emplace_back(n, id);
        if (++book->cells_ > kMaxWorkbookCells) too_many = true, w.stop();
    };
    const PartRead workbook = walk_part(*book, "xl/workbook.xml", w);
    const PartRead rels = workbook == PartRead::Read ? walk_part(*book, "xl/_rels/workbook.xml.rels", r) : PartRead::Read;
    if (too_many) {
        problems.push_back(book->too_many_cells("工作簿结构（xl/workbook.xml）", "the workbook structure (xl/workbook.xml)"));
        return nullptr;
    }
    if (workbook == PartRead::Absent || rels == PartRead::Absent) {
        problems.push_back(book_error(path, fmt::format("`{}` 是 zip 文件，但其中没有 Excel 工作簿（xl/workbook.xml）", path),
                                      fmt::format("`{}` is a zip file but holds no Excel workbook (xl/workbook.xml)", path)));
        return nullptr;
    }
    if (workbook != PartRead::Read || rels != PartRead::Read) {
        problems.push_back(book_error(path, fmt::format("`{}` 的工作簿结构（xl/workbook.xml）已损坏", path),
                                      fmt::format("the workbook structure of `{}` (xl/workbook.xml) is damaged", path)));
        return nullptr;
    }
    for (auto& [name, id] : sheets) {
        book->names_.push_back(name);
        book->parts_.push_back(target_of.count(id) ? target_of[id] : "");
    }

    // Shared strings: each <si> is a plain <t> or rich-text runs <r><t>; phonetic runs (<rPh>)
    // are readings, not text.
    {
        XmlWalk s;
        bool too_long = false;
        bool in_t = false;
        int phonetic = 0;
        std::string current;
        s.start = [&](std::string_view name, const char**) {
            if (name == "si") current.clear();
            else if (name == "rPh") ++phonetic;
            else if (name == "t" && !phonetic) in_t = true;
        };
        s.end = [&](std::string_view name) {
            if (name == "si") {
                book->shared_.push_back(current);
                if (++book->cells_ > kMaxWorkbookCells) too_many = true, s.stop();
            } else if (name == "rPh") {
                --phonetic;
            } else if (name == "t") {
                in_t = false;
            }
        };
        s.text = [&](std::string_view t) {
            if (!in_t) return;
            current += t;
            if (current.size() > kMaxCellBytes) too_long = true, s.stop();
        };
        const PartRead read = walk_part(*book, "xl/sharedStrings.xml", s);
        if (read != PartRead::Read && read != PartRead::Absent) {
            if (too_many) {
                problems.push_back(book->too_many_cells("共享字符串（xl/sharedStrings.xml）", "the shared strings (xl/sharedStrings.xml)"));
            } else if (too_long) {
                problems.push_back(book_error(
                    path, fmt::format("`{}` 的共享字符串（xl/sharedStrings.xml）中有一段文字超过 {} 字节，单元格容不下（Excel 至多 32767 个字符）：工作簿已损坏", path, kMaxCellBytes),
                    fmt::format("a text in the shared strings (xl/sharedStrings.xml) of `{}` is over {} bytes, more than a cell holds (Excel's limit is 32,767 characters): the workbook is damaged", path, kMaxCellBytes)));
            } else {
                problems.push_back(book_error(path, fmt::format("`{}` 的共享字符串（xl/sharedStrings.xml）已损坏（{}）", path, damage_zh(read)),
                                              fmt::format("the shared strings (xl/sharedStrings.xml) of `{}` are damaged ({})", path, damage_en(read))));
            }
            return nullptr;
        }
    }

    // Styles: which cell formats show a percentage. Built-in formats 9 (0%) and 10 (0.00%), and
    // any custom format with a % in it.
    {
        std::map<int, bool> format_percent{{9, true}, {10, true}};
        std::map<int, bool> format_date;
        bool in_xfs = false;
        XmlWalk st;
        st.start = [&](std::string_view name, const char** atts) {
            if (name == "numFmt") {
                const char* id = attr(atts, "numFmtId");
                const char* code = attr(atts, "formatCode");
                if (id && code) {
                    format_percent[std::atoi(id)] = percent_format(code);
                    format_date[std::atoi(id)] = date_format(code);
                }
            } else if (name == "cellXfs") {
                in_xfs = true;
            } else if (name == "xf" && in_xfs) {
                const char* id = attr(atts, "numFmtId");
                int n = id ? std::atoi(id) : 0;
                book->percent_style_.push_back(format_percent.count(n) && format_percent[n]);
                book->date_style_.push_back(format_date.count(n) ? format_date[n] : builtin_date(n));
            } else {
                return;
            }
            if (++book->cells_ > kMaxWorkbookCells) too_many = true, st.stop();
        };
        st.end = [&](std::string_view name) {
            if (name == "cellXfs") in_xfs = false;
        };
        const PartRead read = walk_part(*book, "xl/styles.xml", st);
        if (too_many) {
            problems.push_back(book->too_many_cells("样式（xl/styles.xml）", "the styles (xl/styles.xml)"));
            return nullptr;
        }
        if (read != PartRead::Read && read != PartRead::Absent) {
            problems.push_back(book_error(path, fmt::format("`{}` 的样式（xl/styles.xml）已损坏（{}），无法得知哪些单元格是百分比或日期", path, damage_zh(read)),
                                          fmt::format("the styles (xl/styles.xml) of `{}` are damaged ({}): which cells are percentages or dates cannot be known", path, damage_en(read))));
            return nullptr;
        }
    }
    return book;
}

bool XlsxBook::read_sheet(std::size_t index, XlsxSheet& out, std::vector<Diagnostic>& problems) const {
    out = XlsxSheet{};
    out.name = names_.at(index);
    auto missing = [&] {
        problems.push_back(book_error(path_, fmt::format("`{}` 中工作表「{}」的内容缺失", path_, out.name),
                                      fmt::format("the content of sheet “{}” is missing from `{}`", out.name, path_)));
        return false;
    };
    if (parts_[index].empty()) return missing();
    XlsxCell cell;
    enum class In { None, V, F, IsT } in = In::None;
    std::string type;
    bool in_cell = false, has_v = false;
    int row = 0, next_col = 1;
    XmlWalk w;
    w.start = [&](std::string_view name, const char** atts) {
        if (name == "row") {
            const char* r = attr(atts, "r");
            row = r ? std::atoi(r) : row + 1;
            next_col = 1;
        } else if (name == "c") {
            cell = XlsxCell{};
            in_cell = true;
            has_v = false;
            const char* r = attr(atts, "r");
            int rr = row, cc = next_col;
            if (r && !parse_ref(r, rr, cc)) rr = row, cc = next_col;
            cell.row = rr;
            cell.col = cc;
            next_col = cc + 1;
            const char* t = attr(atts, "t");
            type = t ? t : "n";
            const char* s = attr(atts, "s");
            std::size_t style = s ? static_cast<std::size_t>(std::atoi(s)) : 0;
            cell.percent = style < percent_style_.size() && percent_style_[style];
            cell.date = style < date_style_.size() && date_style_[style];
        } else if (in_cell && name == "v") {
            in = In::V;
            has_v = true;
        } else if (in_cell && name == "f") {
            in = In::F;
            cell.formula = true;
        } else if (in_cell && name == "t") {
            in = In::IsT;  // an inline string: <is><t>…</t></is>
            has_v = true;
        } else if (name == "mergeCell") {
            const char* ref = attr(atts, "ref");
            if (!ref) return;
            std::string_view rv(ref);
            auto colon = rv.find(':');
            XlsxRange m;
            if (colon != std::string_view::npos && parse_ref(rv.substr(0, colon), m.row1, m.col1) &&
                parse_ref(rv.substr(colon + 1), m.row2, m.col2))
                out.merged.push_back(m);
        }
    };
    bool too_many = false, too_long = false, bad_shared = false;
    w.text = [&](std::string_view t) {
        if (in != In::V && in != In::IsT) return;
        cell.text += t;
        if (cell.text.size() > kMaxCellBytes) too_long = true, w.stop();
    };
    w.end = [&](std::string_view name) {
        if (name == "v" || name == "f" || name == "t") {
            in = In::None;
            return;
        }
        if (name != "c" || !in_cell) return;
        in_cell = false;
        if (type == "s") {
            std::size_t k = static_cast<std::size_t>(std::atol(cell.text.c_str()));
            if (has_v && k >= shared_.size()) {
                bad_shared = true;  // its text would be lost: the cell read as empty
                w.stop();
                return;
            }
            cell.text = has_v ? shared_[k] : "";
            cell.kind = XlsxCell::Kind::Text;
            cell.percent = false;
        } else if (type == "str" || type == "inlineStr") {
            cell.kind = XlsxCell::Kind::Text;
            cell.percent = false;
        } else if (type == "b") {
            cell.kind = XlsxCell::Kind::Bool;
        } else if (type == "e") {
            cell.kind = XlsxCell::Kind::Error;
        } else {
            cell.kind = XlsxCell::Kind::Number;  // "n", and "d" (an ISO date, kept as its text)
            if (type == "d") cell.kind = XlsxCell::Kind::Text;
        }
        if (cell.formula && (!has_v || cell.text.empty())) cell.cached = false;
        if (!has_v && !cell.formula) return;  // a formatted but empty cell
        if (cell.kind == XlsxCell::Kind::Text && cell.text.empty() && !cell.formula) return;
        out.rows[cell.row].push_back(std::move(cell));
        if (++cells_ > kMaxWorkbookCells) too_many = true, w.stop();
    };
    const PartRead read = walk_part(*this, parts_[index], w);
    if (read == PartRead::Absent) return missing();
    if (read != PartRead::Read) {
        if (too_many) {
            problems.push_back(too_many_cells(fmt::format("工作表「{}」", out.name), fmt::format("sheet “{}”", out.name)));
            return false;
        }
        if (bad_shared) {
            const std::string ref = cell_ref(cell.row, cell.col);
            problems.push_back(book_error(
                path_, fmt::format("`{}` 中工作表「{}」的单元格 {} 指向不存在的共享字符串（编号 {}，工作簿只有 {} 个）：工作簿已损坏，请在 Excel 或 WPS 中打开后另存", path_, out.name, ref, cell.text, shared_.size()),
                fmt::format("cell {} of sheet “{}” in `{}` points to a shared string that does not exist (index {}; the workbook has {}): the workbook is damaged; open it in Excel or WPS and save it again", ref, out.name, path_, cell.text, shared_.size())));
            return false;
        }
        if (too_long) {
            const std::string ref = cell_ref(cell.row, cell.col);
            problems.push_back(book_error(
                path_, fmt::format("`{}` 中工作表「{}」的单元格 {} 的内容超过 {} 字节，单元格容不下（Excel 至多 32767 个字符）：工作簿已损坏", path_, out.name, ref, kMaxCellBytes),
                fmt::format("cell {} of sheet “{}” in `{}` holds over {} bytes, more than a cell can (Excel's limit is 32,767 characters): the workbook is damaged", ref, out.name, path_, kMaxCellBytes)));
            return false;
        }
        problems.push_back(book_error(path_, fmt::format("`{}` 中工作表「{}」已损坏（{}）", path_, out.name, damage_zh(read)),
                                      fmt::format("sheet “{}” of `{}` is damaged ({})", out.name, path_, damage_en(read))));
        return false;
    }
    for (auto& [r, cells] : out.rows) {
        std::stable_sort(cells.begin(), cells.end(), [](const XlsxCell& a, const XlsxCell& b) { return a.col < b.col; });
        // A cell written twice (or its row twice): which value Excel would show cannot be known,
        // and the first one used to win silently. No program we know writes this; a damaged file.
        for (std::size_t i = 1; i < cells.size(); ++i)
            if (cells[i].col == cells[i - 1].col) {
                const std::string ref = cell_ref(r, cells[i].col);
                problems.push_back(book_error(path_, fmt::format("`{}` 中工作表「{}」的单元格 {} 出现了两次，无法确定用哪一个值（工作簿已损坏，请在 Excel 或 WPS 中打开后另存）", path_, out.name, ref),
                                              fmt::format("cell {} of sheet “{}” in `{}` is written twice and which value holds is unclear (the workbook is damaged; open it in Excel or WPS and save it again)", ref, out.name, path_)));
                return false;
            }
    }
    return true;
}

}  // namespace pingfen::data
