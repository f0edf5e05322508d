#include "data/table_index.hpp"

#include "data/spool.hpp"

#include "data/encoding.hpp"

#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <memory>
#include <queue>
#include <sstream>
#include <stdexcept>
#include <unistd.h>

#include "data/csv_record.hpp"
#include "data/encoding.hpp"
#include "data/department.hpp"

namespace pingfen::data {
namespace {

constexpr std::size_t kRunEntries = 1 << 16;  // pairs sorted in memory at a time
constexpr std::uint64_t kSampleEvery = 256;   // index entries per sample kept in memory

struct Entry {
    std::string department;
    std::uint64_t offset;
    std::uint32_t line = 0;  // where the row starts in the file, for a message
    bool operator<(const Entry& o) const { return department != o.department ? department < o.department : offset < o.offset; }
};

void put(std::FILE* f, const Entry& e) {
    const std::uint32_t n = static_cast<std::uint32_t>(e.department.size());
    std::fwrite(&n, sizeof n, 1, f);
    std::fwrite(e.department.data(), 1, n, f);
    std::fwrite(&e.offset, sizeof e.offset, 1, f);
    std::fwrite(&e.line, sizeof e.line, 1, f);
}

bool get(std::FILE* f, Entry& e) {
    std::uint32_t n = 0;
    if (std::fread(&n, sizeof n, 1, f) != 1) return false;
    e.department.resize(n);
    if (n && std::fread(e.department.data(), 1, n, f) != n) return false;
    return std::fread(&e.offset, sizeof e.offset, 1, f) == 1 && std::fread(&e.line, sizeof e.line, 1, f) == 1;
}

// Reading the index file from a place, for many threads at once (pread, no shared position).
class IndexCursor {
public:
    IndexCursor(std::FILE* f, std::uint64_t at, std::uint64_t end) : fd_(fileno(f)), at_(at), end_(end) {}
    bool next(Entry& e) {
        std::uint32_t n = 0;
        if (!read(&n, sizeof n)) return false;
        e.department.resize(n);
        return read(e.department.data(), n) && read(&e.offset, sizeof e.offset) && read(&e.line, sizeof e.line);
    }

private:
    bool read(void* out, std::size_t n) {
        char* dst = static_cast<char*>(out);
        while (n > 0) {
            if (pos_ == buf_.size()) {
                if (at_ >= end_) return false;
                buf_.resize(static_cast<std::size_t>(std::min<std::uint64_t>(1 << 14, end_ - at_)));
                ssize_t got = ::pread(fd_, buf_.data(), buf_.size(), static_cast<off_t>(at_));
                if (got <= 0) return false;
                buf_.resize(static_cast<std::size_t>(got));
                at_ += static_cast<std::uint64_t>(got);
                pos_ = 0;
            }
            std::size_t k = std::min(n, buf_.size() - pos_);
            std::memcpy(dst, buf_.data() + pos_, k);
            pos_ += k, dst += k, n -= k;
        }
        return true;
    }
    int fd_;
    std::uint64_t at_, end_;
    std::string buf_;
    std::size_t pos_ = 0;
};

Diagnostic e0412(const std::string& path, int line, std::string zh, std::string en) {
    Diagnostic d;
    d.code = "E0412";
    d.path = path;
    d.line = line;
    d.message_zh = std::move(zh);
    d.message_en = std::move(en);
    return d;
}

}  // namespace

TableIndex::~TableIndex() {
    if (file_) std::fclose(file_);
    if (index_) std::fclose(index_);
}

bool TableIndex::build(const std::string& path, std::vector<Diagnostic>& problems) {
    path_ = path;
    if (auto why = not_a_file(path)) {
        problems.push_back(e0412(path, 0, fmt::format("无法打开表文件：{}", why->zh), fmt::format("cannot open the table file: {}", why->en)));
        return false;
    }
    // A pipe is read from a copy (Spool), and a GB18030 table file from a UTF-8 copy: each kept
    // open (and so readable) after its name is removed with spool or utf8. From a pipe read in
    // place, the tables were silently empty and the goal indicators scored 0.
    data::Spool spool;
    if (auto bad = spool.open(path)) {
        problems.push_back(std::move(*bad));
        return false;
    }
    data::Utf8CsvFile utf8;
    if (!utf8.open(spool.path(), problems, path)) return false;
    std::ifstream in(utf8.path(), std::ios::binary);
    file_ = std::fopen(utf8.path().c_str(), "rb");
    if (!in || !file_) {
        problems.push_back(e0412(path, 0, fmt::format("无法打开表文件 `{}`", path), fmt::format("cannot open table file `{}`", path)));
        return false;
    }
    std::uint64_t at = 0;
    skip_bom(in, at);
    int line = 1;
    if (!read_csv_record(in, header_, line, at)) return true;
    department_ = department_key(header_, [](const std::string& k) -> std::string_view { return k; });
    table_ = header_.size();
    for (std::size_t i = 0; i < header_.size(); ++i)
        if (header_[i] == "表" || header_[i] == "table") table_ = i;
    if (department_ == header_.size() || table_ == header_.size()) {
        problems.push_back(e0412(path, 1, "表文件须有 `部门` 和 `表` 两列", "the table file needs the columns `部门` and `表`"));
        return false;
    }

    // Runs of (department, offset) sorted in memory and written to temporary files (tmpfile():
    // removed by the system however the run ends), then merged into the index.
    std::vector<std::unique_ptr<std::FILE, int (*)(std::FILE*)>> runs;
    std::vector<Entry> run;
    auto spill = [&] {
        std::sort(run.begin(), run.end());
        std::FILE* f = std::tmpfile();
        if (!f) throw std::runtime_error("cannot create a temporary file for the table index");
        for (const auto& e : run) put(f, e);
        if (std::fflush(f) != 0 || std::ferror(f)) throw std::runtime_error("cannot write the table index");
        std::rewind(f);
        runs.emplace_back(f, &std::fclose);
        run.clear();
    };
    std::vector<std::string> row;
    for (;;) {
        const std::uint64_t start = at;
        const int row_line = line;
        int unclosed = 0;
        std::uint64_t too_large = 0;
        if (!read_csv_record(in, row, line, at, &unclosed, &too_large)) break;
        if (too_large) {
            problems.push_back(table_row_too_large(path, row_line));
            return false;
        }
        // Every department's rows after it would be lost into one field: the tables are not used.
        if (unclosed) {
            Diagnostic d = e0412(path, unclosed,
                                 fmt::format("表文件第 {} 行的引号没有闭合，其后各行都会被读成这一个字段，各部门的表因而不全："
                                             "批量评分不开始（请检查这一行的引号；字段中的引号应写成两个：\"\"）",
                                             unclosed),
                                 fmt::format("the quote opened on line {} of the table file is never closed and would take every "
                                             "later line into one field, leaving departments' tables incomplete: batch scoring "
                                             "does not start (check this line's quotes; a quote inside a field is written twice: \"\")",
                                             unclosed));
            d.code = "E0426";
            problems.push_back(std::move(d));
            return false;
        }
        // Values beyond the header's columns belong to none, and the row's others are most likely
        // in the wrong ones (a comma inside a value without quotes): the department's table
        // would be read wrong, so the tables are not used, as a department's data row is not.
        std::size_t extra = 0;
        for (std::size_t k = header_.size(); k < row.size(); ++k) extra += row[k].empty() ? 0 : 1;
        if (extra > 0) {
            Diagnostic d = e0412(path, row_line,
                                 fmt::format("表文件第 {} 行有{}个字段，表头只有 {} 列：多出的值不属于任何一列，其余的值多半也错了列"
                                             "（常见于值中的逗号没有加引号，如 1,222.61 应写成 \"1,222.61\"）：批量评分不开始",
                                             row_line, fields_said_zh(row.size()), header_.size()),
                                 fmt::format("line {} of the table file has {} fields and the header only {} columns: the extra values "
                                             "belong to no column, and the others are most likely in the wrong ones (usually a comma "
                                             "inside a value without quotes: write \"1,222.61\", not 1,222.61): batch scoring does "
                                             "not start",
                                             row_line, fields_said_en(row.size()), header_.size()));
            d.code = "E0426";
            problems.push_back(std::move(d));
            return false;
        }
        if (department_ >= row.size() || table_ >= row.size()) continue;  // no department or table: not a row
        // Matched without the spaces around the name, on both sides: "乙局 " here and "乙局" in
        // the data missed each other, and the department was scored on its tables' defaults.
        run.push_back({std::string(trimmed_cell(row[department_])), start, static_cast<std::uint32_t>(row_line)});
        if (run.size() == kRunEntries) spill();
    }
    if (!run.empty()) spill();
    if (runs.empty()) return true;

    index_ = std::tmpfile();
    if (!index_) throw std::runtime_error("cannot create a temporary file for the table index");
    using Head = std::pair<Entry, std::size_t>;  // an entry and the run it came from
    auto later = [](const Head& a, const Head& b) { return b.first < a.first; };
    std::priority_queue<Head, std::vector<Head>, decltype(later)> heads(later);
    for (std::size_t k = 0; k < runs.size(); ++k) {
        Entry e;
        if (get(runs[k].get(), e)) heads.push({std::move(e), k});
    }
    std::string previous;
    while (!heads.empty()) {
        Head h = heads.top();
        heads.pop();
        if (entries_ == 0 || h.first.department != previous) {
            ++departments_;
            previous = h.first.department;
        }
        if (entries_ % kSampleEvery == 0) samples_.push_back({h.first.department, index_bytes_, departments_ - 1});
        put(index_, h.first);
        index_bytes_ += sizeof(std::uint32_t) + h.first.department.size() + sizeof(std::uint64_t) + sizeof(std::uint32_t);
        ++entries_;
        Entry e;
        if (get(runs[h.second].get(), e)) heads.push({std::move(e), h.second});
    }
    if (std::fflush(index_) != 0 || std::ferror(index_)) throw std::runtime_error("cannot write the table index");
    taken_ = std::make_unique<std::atomic<bool>[]>(departments_);  // each false
    return true;
}

bool TableIndex::read_row(std::uint64_t offset, std::vector<std::string>& fields) const {
    // A row is read from its offset; a chunk too short for it (a long quoted field) is doubled.
    for (std::size_t size = 4096;; size *= 2) {
        std::string buf(size, '\0');
        ssize_t got = ::pread(fileno(file_), buf.data(), size, static_cast<off_t>(offset));
        if (got <= 0) return false;
        buf.resize(static_cast<std::size_t>(got));
        std::istringstream in(buf);
        int line = 0;
        std::uint64_t used = 0;
        if (!read_csv_record(in, fields, line, used)) return false;
        // Complete if it ended before the chunk did, or the chunk reached the end of the file.
        if (used < buf.size() || static_cast<std::size_t>(got) < size) return true;
    }
}

TableIndex::Tables TableIndex::rows_of(const std::string& name) const {
    const std::string department(trimmed_cell(name));
    Tables out;
    // A row without a department belongs to none: a record without one took those rows.
    if (entries_ == 0 || department.empty()) return out;
    // The last block that starts before the department: its entries may continue into it.
    auto it = std::lower_bound(samples_.begin(), samples_.end(), department,
                               [](const Sample& s, const std::string& d) { return s.department < d; });
    // (The first sample is the index's first entry, so there is always one to start from.)
    const Sample& block = it == samples_.begin() ? samples_.front() : *std::prev(it);
    // The department's place among the distinct ones, counted from the block's first.
    std::uint64_t ordinal = block.ordinal;
    std::string previous = block.department;
    IndexCursor cursor(index_, block.at, index_bytes_);
    Entry e;
    std::vector<std::string> row;
    while (cursor.next(e)) {
        if (e.department != previous) {
            ++ordinal;
            previous = e.department;
        }
        if (e.department < department) continue;
        if (e.department != department) break;
        if (ordinal < departments_) taken_[ordinal].store(true, std::memory_order_relaxed);
        if (!read_row(e.offset, row) || department_ >= row.size() || table_ >= row.size()) continue;
        ast::DataValue obj;
        obj.kind = ast::DataValue::Kind::Object;
        for (std::size_t i = 0; i < header_.size() && i < row.size(); ++i) {
            if (i == department_ || i == table_ || row[i].empty()) continue;
            ast::DataValue v;
            v.kind = ast::DataValue::Kind::Text;
            v.text = row[i];
            obj.fields.emplace_back(header_[i], std::move(v));
        }
        out[row[table_]].push_back(std::move(obj));
    }
    return out;
}

std::vector<Diagnostic> TableIndex::unused(std::size_t shown) const {
    std::vector<Diagnostic> out;
    if (entries_ == 0 || !taken_ || shown == 0) return out;
    struct Unused {
        std::uint32_t line;  // of the department's first row
        std::string department;
        std::uint64_t rows;
    };
    // The `shown` that come first in the file (the index is in name order), and a count of the rest.
    std::vector<Unused> first;
    std::uint64_t more = 0;
    auto keep = [&](Unused u) {
        if (first.size() < shown) return first.push_back(std::move(u));
        ++more;
        auto last = std::max_element(first.begin(), first.end(), [](const Unused& a, const Unused& b) { return a.line < b.line; });
        if (u.line < last->line) *last = std::move(u);
    };
    IndexCursor cursor(index_, 0, index_bytes_);
    Entry e;
    Unused current{0, {}, 0};
    std::uint64_t ordinal = 0;
    auto close = [&] {
        if (ordinal > 0 && !taken_[ordinal - 1].load(std::memory_order_relaxed)) keep(std::move(current));
    };
    while (cursor.next(e)) {
        if (ordinal == 0 || e.department != current.department) {
            close();
            current = Unused{e.line, e.department, 0};
            ++ordinal;
        }
        ++current.rows;
    }
    close();
    std::sort(first.begin(), first.end(), [](const Unused& a, const Unused& b) { return a.line < b.line; });
    auto warning = [&](int line, std::string zh, std::string en) {
        Diagnostic d;
        d.code = "W0405";
        d.severity = Severity::Warning;
        d.path = path_;
        d.line = line;
        d.message_zh = std::move(zh);
        d.message_en = std::move(en);
        out.push_back(std::move(d));
    };
    // Records that could not be read may have been these departments': said, rather than
    // blaming the names.
    const std::uint64_t unread = unread_.load(std::memory_order_relaxed);
    const std::string why_zh = unread ? fmt::format("（有 {} 条记录没能读出，这些行也可能是{}的）", unread, unread == 1 ? "它" : "它们")
                                      : std::string("（多半是两个文件中部门名称的写法不一致）");
    const std::string why_en = unread ? fmt::format(" ({} {} could not be read; the rows may belong to {})", unread,
                                                    unread == 1 ? "record" : "records", unread == 1 ? "it" : "them")
                                      : std::string(" (most often the name is written differently in the two files)");
    for (const Unused& u : first) {
        const std::string rows_en = fmt::format("{} {}", u.rows, u.rows == 1 ? "row is" : "rows are");
        if (u.department.empty())
            warning(static_cast<int>(u.line), fmt::format("表文件第 {} 行没有填部门，这样的 {} 行未使用", u.line, u.rows),
                    fmt::format("line {} of the table file has no department; {} such {} not used", u.line, u.rows,
                                u.rows == 1 ? "row is" : "rows are"));
        else
            warning(static_cast<int>(u.line),
                    fmt::format("表文件第 {} 行的部门“{}”不在数据的部门之中，它的 {} 行未使用{}", u.line, u.department, u.rows, why_zh),
                    fmt::format("line {} of the table file: department “{}” is not among the departments of the data; its {} not used{}",
                                u.line, u.department, rows_en, why_en));
    }
    if (more > 0)
        warning(0, fmt::format("表文件中另有 {} 个部门不在数据的部门之中，它们的行也未使用", more),
                fmt::format("{} more {} of the table file {} not among the departments of the data, and {} rows are not used either",
                            more, more == 1 ? "department" : "departments", more == 1 ? "is" : "are", more == 1 ? "its" : "their"));
    return out;
}

}  // namespace pingfen::data
