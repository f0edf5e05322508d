// DepartmentReader: departments streamed from a CSV or JSON Lines file, one record at a time.
#include <cctype>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>

#include "api/guard.hpp"
#include "data/csv_record.hpp"
#include "data/spool.hpp"
#include "data/encoding.hpp"
#include "data/json_tree.hpp"
#include "data/department.hpp"
#include "data/read_xlsx.hpp"
#include "data/sniff.hpp"
#include "data/table_index.hpp"
#include "data/xlsx_book.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen {
namespace {

using data::read_csv_record;
using data::skip_bom;

ast::DataValue text_value(const std::string& v, const Loc& loc) {
    ast::DataValue d;
    d.kind = ast::DataValue::Kind::Text;
    d.text = v;
    d.loc = loc;
    return d;
}

// A department's goal tables from the --tables file, added to its data.
void attach_tables(const data::TableIndex& tables, DataResult& r) {
    if (tables.empty()) return;
    if (!r.data) return tables.unread();  // its department, unknown, may be one of the tables'
    data::TableIndex::Tables found = tables.rows_of(r.data->department);
    if (found.empty()) return;
    auto d = std::make_shared<DepartmentData>(*r.data);
    for (auto& [name, rows] : found) {
        ast::DataValue list;
        list.kind = ast::DataValue::Kind::List;
        list.list = std::move(rows);
        d->fields.push_back({name, Loc{}, std::move(list)});
    }
    r.data = std::move(d);
}

// A workbook's departments (one per row of its first sheet, goal tables in the others), read
// whole when opened: a workbook is read at once anyway, its parts being zipped XML.
class XlsxRecords : public DepartmentReader {
public:
    // `readable`: the file to read, `path` itself or a pipe's copy (Spool); messages name `path`.
    bool init(const std::string& path, const std::string& readable, const std::string& tables_path,
              std::vector<Diagnostic>& problems) {
        departments_ = data::read_xlsx_departments(path, &rows_, readable);
        std::error_code ec;
        auto n = std::filesystem::file_size(readable, ec);
        total_ = ec ? 0 : static_cast<std::uint64_t>(n);
        // The workbook itself unreadable: nothing to score.
        if (departments_.size() == 1 && !departments_.front().ok() && has_errors(departments_.front().diagnostics) &&
            !departments_.front().diagnostics.empty() && departments_.front().diagnostics.front().code == "E0416") {
            for (auto& d : departments_.front().diagnostics) problems.push_back(std::move(d));
            return false;
        }
        // About the workbook as a whole (goal rows of a department it does not have): said
        // once before the records, not as the first record's.
        auto& first = departments_.front().diagnostics;
        for (auto it = first.begin(); it != first.end();)
            if (it->code == "W0405") problems.push_back(std::move(*it)), it = first.erase(it);
            else ++it;
        if (!tables_path.empty() && !tables_.build(tables_path, problems)) return false;
        return true;
    }
    bool next_record(Record& r) override {
        if (next_ >= departments_.size()) return false;
        r = Record{};
        r.line = rows_[next_];
        r.text = std::to_string(next_++);
        return true;
    }
    DataResult parse(const Record& r) const override {
        DataResult out = departments_[static_cast<std::size_t>(std::stoul(r.text))];
        attach_tables(tables_, out);
        return out;
    }
    std::uint64_t bytes_read() const override { return departments_.empty() ? total_ : total_ * next_ / departments_.size(); }
    std::uint64_t bytes_total() const override { return total_; }
    std::vector<Diagnostic> unused_tables() const override { return tables_.unused(); }

private:
    std::vector<DataResult> departments_;
    std::vector<int> rows_;
    std::size_t next_ = 0;
    std::uint64_t total_ = 0;
    data::TableIndex tables_;
};

class Reader : public DepartmentReader {
public:
    // `readable`: the file to read, `path` itself or a pipe's copy (Spool); messages name `path`.
    bool init(const std::string& path, const std::string& readable, const std::string& tables_path,
              std::vector<Diagnostic>& problems) {
        path_ = path;
        if (auto why = not_a_file(path)) {
            problems.push_back(error(path, 0, fmt::format("无法打开文件：{}", why->zh), fmt::format("cannot open the file: {}", why->en)));
            return false;
        }
        const auto ext = std::filesystem::path(path).extension();
        jsonl_ = ext == ".jsonl" || ext == ".ndjson" || ext == ".json";
        // A .json file is one department, over as many lines as it likes: one record, read to
        // the end (no NUL is in JSON text). Each of its lines was a failed record.
        if (ext == ".json") line_end_ = '\0';
        if (ext != ".csv" && ext != ".json") {
            std::ifstream probe(readable, std::ios::binary);
            std::string head(4096, '\0');
            probe.read(head.data(), static_cast<std::streamsize>(head.size()));
            head.resize(static_cast<std::size_t>(probe.gcount()));
            // No telling name (/dev/stdin, `<(…)`): JSON Lines when it starts with `{`, which no
            // CSV header does; it was read as CSV, each key a column.
            if (!jsonl_) jsonl_ = data::sniff(head) == data::TextKind::Json;
            // A pretty-printed department through a pipe (or misnamed .jsonl) is one record, as
            // a .json is: each of its lines was a failed record.
            if (jsonl_ && data::json_document(head)) line_end_ = '\0';
        }
        // A GB18030 CSV (Chinese Excel's "CSV") is read from a UTF-8 copy; messages name the file.
        if (!jsonl_ && !utf8_.open(readable, problems, path)) return false;
        in_.open(jsonl_ ? readable : utf8_.path(), std::ios::binary);
        if (!in_) {
            problems.push_back(error(path, 0, fmt::format("无法打开文件 `{}`", path), fmt::format("cannot open file `{}`", path)));
            return false;
        }
        std::error_code ec;
        total_ = fs_size(jsonl_ ? readable : utf8_.path());
        skip_bom(in_, read_);
        if (jsonl_ && line_end_ == '\n') {
            // Lines ended by CR alone (classic Mac): the whole file was one record, failed, and
            // every good department in it lost. Known by its start: a CR and no LF.
            std::string head(64 * 1024, '\0');
            in_.read(head.data(), static_cast<std::streamsize>(head.size()));
            head.resize(static_cast<std::size_t>(in_.gcount()));
            if (head.find('\n') == std::string::npos && head.find('\r') != std::string::npos) line_end_ = '\r';
            in_.clear();
            in_.seekg(static_cast<std::streamoff>(read_));
        }
        if (!jsonl_) {
            // A UTF-16 file (its byte-order mark) is refused before its header is read as CSV.
            char head[2] = {0, 0};
            in_.read(head, 2);
            const std::string_view start(head, static_cast<std::size_t>(in_.gcount()));
            in_.clear();
            in_.seekg(static_cast<std::streamoff>(read_));
            if (data::utf16_bom(start)) {
                problems.push_back(*data::not_utf8(path, 0, std::string_view(head, 2)));
                return false;
            }
            int line = 1;
            if (!read_csv_record(in_, header_, line, read_)) {
                problems.push_back(error(path, 1, "CSV 文件没有表头", "the CSV file has no header row"));
                return false;
            }
            line_ = line;
            for (const auto& column : header_)
                if (auto bad = data::not_utf8(path, 1, column)) {
                    problems.push_back(*bad);
                    return false;
                }
            department_ = data::department_key(header_, [](const std::string& k) -> std::string_view { return k; });
            if (department_ == header_.size()) problems.push_back(no_department_column(path, header_));
        }
        if (!tables_path.empty() && !tables_.build(tables_path, problems)) return false;
        return true;
    }

    bool next_record(Record& r) override {
        r.text.clear();
        if (jsonl_) {
            while (read_line(r)) {
                r.line = line_++;
                if (r.too_large || r.text.find_first_not_of(" \t\r") != std::string::npos) return true;
            }
            return false;
        }
        r.line = line_;
        return read_csv_record(in_, r.fields, line_, read_, &r.unclosed_quote, &r.too_large);
    }

    // The next line into `r.text`, as std::getline, but a line past kMaxDepartmentBytes is read
    // to its end without being kept (r.too_large: its length): a line of gigabytes exhausted
    // memory. False at the end of the file.
    bool read_line(Record& r) {
        r.text.clear();
        r.too_large = 0;
        char buf[1 << 16];
        std::uint64_t length = 0;
        bool any = false;
        for (;;) {
            in_.getline(buf, sizeof buf, line_end_);
            const auto n = static_cast<std::size_t>(in_.gcount());
            if (in_.bad()) return false;
            // The buffer filled before the line ended; the line end taken (counted by gcount, not
            // stored); else the file ended (a last line without a line end: every byte stored).
            const bool full = in_.fail() && !in_.eof();
            const bool ended = !in_.fail() && !in_.eof();
            const std::size_t stored = ended ? n - 1 : n;
            any = any || n > 0;
            length += stored;
            read_ += n;
            if (!r.too_large) {
                if (length > data::kMaxDepartmentBytes) {
                    r.too_large = length;
                    std::string().swap(r.text);
                } else {
                    r.text.append(buf, stored);
                }
            }
            if (full) {
                in_.clear();
                continue;
            }
            if (r.too_large) r.too_large = length;
            if (!ended) {  // the end of the file
                in_.clear(std::ios::eofbit);
                return any;
            }
            return true;
        }
    }

    // A JSON Lines record into the department and source `out` holds, when nothing else holds
    // them; anything read_department declines, and the first record, take parse().
    void parse_into(const Record& r, DataResult& out) const override {
        if (r.too_large || !jsonl_ || !out.data || out.data.use_count() != 1 || data::sniff(r.text) != data::TextKind::Json) {
            out = parse(r);
            return;
        }
        // Made non-const by make_shared (read_department, read_json_tree, attach_tables).
        std::shared_ptr<DepartmentData> d = std::const_pointer_cast<DepartmentData>(out.data);
        std::shared_ptr<SourceFile> src;
        if (d->source.use_count() == 1) src = std::const_pointer_cast<SourceFile>(d->source);  // made non-const by parse_data
        else src = std::make_shared<SourceFile>(path_, std::string());
        d->source.reset();
        src->path = path_;
        src->assign(r.text);
        out.diagnostics.clear();
        if (!data::json::read_department(src, *d)) {
            out = parse(r);  // the long way, with its messages
            return;
        }
        if (data::trimmed_cell(d->department).empty()) out.diagnostics.push_back(no_department(path_));
        attach_tables(tables_, out);
    }

    DataResult parse(const Record& r) const override {
        DataResult out = read(r);
        attach_tables(tables_, out);  // also for a record not read: it counts as unread there
        return out;
    }

    std::uint64_t bytes_read() const override { return read_; }
    std::uint64_t bytes_total() const override { return total_; }
    std::vector<Diagnostic> unused_tables() const override { return tables_.unused(); }

private:
    // A record's department, without its --tables rows.
    DataResult read(const Record& r) const {
        DataResult out;
        if (r.too_large) {
            // JSON Lines: its first line, placed by the caller; CSV: the record's own (0).
            out.diagnostics.push_back(data::department_too_large(path_, jsonl_ ? 1 : 0, r.too_large));
            return out;
        }
        if (jsonl_) {
            out = parse_data(path_, r.text);
            if (out.data && data::trimmed_cell(out.data->department).empty()) out.diagnostics.push_back(no_department(path_));
            return out;
        }
        for (const auto& field : r.fields)
            if (auto bad = data::not_utf8(path_, 0, field)) {  // 0: the record's own line
                out.diagnostics.push_back(*bad);
                return out;
            }
        std::size_t extra = 0;
        for (std::size_t i = header_.size(); i < r.fields.size(); ++i) extra += !r.fields[i].empty();
        // Lines counted from the record's (batch places them in the file).
        const int at = r.unclosed_quote ? r.unclosed_quote - r.line + 1 : 0;
        if (auto bad = data::csv_record_shape(path_, at, r.unclosed_quote, r.fields.size(), header_.size(), extra)) {
            out.diagnostics.push_back(std::move(*bad));
            return out;
        }
        auto src = std::make_shared<const SourceFile>(path_, "");
        auto d = std::make_shared<DepartmentData>();
        d->source = src;
        for (std::size_t i = 0; i < header_.size() && i < r.fields.size(); ++i) {
            const std::string& k = header_[i];
            const std::string& v = r.fields[i];
            if (i == department_) d->department = v;
            else if (k == "年度" || k == "year") {
                data::take_year(*d, v, Loc{src.get(), 0, 0, 1});
            } else if (!v.empty()) {
                // The field's location: the record's line, the column's position in the header.
                Loc loc{src.get(), 0, 0, 1};
                d->fields.push_back({k, loc, text_value(v, loc)});
            }
        }
        // A department column with this record's cell empty: scored without a name, as a JSON
        // Lines record without one is, and said as that is (once for the run).
        if (department_ < header_.size() && data::trimmed_cell(d->department).empty()) out.diagnostics.push_back(empty_department(path_));
        out.data = std::move(d);
        return out;
    }

    std::string path_;
    data::Utf8CsvFile utf8_;  // declared before in_, which reads it
    std::ifstream in_;
    bool jsonl_ = false;
    char line_end_ = '\n';  // '\r' in a file whose lines end with CR alone
    std::vector<std::string> header_;
    std::size_t department_ = 0;  // the department column of header_ (header_.size(): none)
    int line_ = 1;
    std::uint64_t read_ = 0, total_ = 0;
    data::TableIndex tables_;

    static std::uint64_t fs_size(const std::string& p) {
        std::error_code ec;
        auto n = std::filesystem::file_size(p, ec);
        return ec ? 0 : static_cast<std::uint64_t>(n);
    }

    static Diagnostic error(const std::string& path, int line, std::string zh, std::string en) {
        Diagnostic d;
        d.code = "E0412";
        d.path = path;
        d.line = line;
        d.column = 0;  // the whole record: no excerpt to show
        d.message_zh = std::move(zh);
        d.message_en = std::move(en);
        return d;
    }

    // W0404: without a department column, every output row would have an empty department, and
    // the reader of the results could not tell whose score is whose.
    static Diagnostic no_department_column(const std::string& path, const std::vector<std::string>& header) {
        std::string columns;
        for (std::size_t i = 0; i < header.size() && i < 8; ++i) columns += (i ? "," : "") + header[i];
        if (header.size() > 8) columns += ",…";
        Diagnostic d = error(path, 1,
                             fmt::format("表头 {} 中没有部门名称一列（应为 {}），结果中的部门将为空", columns, data::kDepartmentKeysZh),
                             fmt::format("the header {} has no department column ({}); the results will have no department names",
                                         columns, data::kDepartmentKeysEn));
        d.code = "W0404";
        d.severity = Severity::Warning;
        return d;
    }
    static Diagnostic empty_department(const std::string& path) {
        Diagnostic d = no_department(path);
        d.message_zh = "这一条的部门名称一栏为空，结果中的部门将为空（同样的警告只报一次）";
        d.message_en = "this record's department column is empty; its result will have no department (said once)";
        return d;
    }
    static Diagnostic no_department(const std::string& path) {
        Diagnostic d;
        d.code = "W0404";
        d.severity = Severity::Warning;
        d.path = path;
        d.message_zh = fmt::format("记录中没有部门名称（键应为 {}），结果中的部门将为空", data::kDepartmentKeysZh);
        d.message_en = fmt::format("the record has no department name (the key is {}); its result will have no department", data::kDepartmentKeysEn);
        return d;
    }
};

}  // namespace

namespace {

// The API boundary for streaming: an exception inside the reader becomes E0010 on the record
// it was reading, and the stream ends there (its position is no longer known), so the host
// keeps every record scored before it.
class GuardedReader : public DepartmentReader {
public:
    GuardedReader(std::unique_ptr<data::Spool> spool, std::unique_ptr<DepartmentReader> r, std::string path)
        : spool_(std::move(spool)), r_(std::move(r)), path_(std::move(path)) {}
    bool next_record(Record& r) override {
        if (failed_) return false;
        DataResult failure = api::guarded<DataResult>(path_, [&] {
            more_ = r_->next_record(r);
            return DataResult{};
        });
        if (failure.diagnostics.empty()) return more_;
        // The record it was reading comes back as line 0 (no real record has it), and parse()
        // reports the failure; failure_ is written before that record is handed anywhere.
        failed_ = true;
        failure_ = std::move(failure.diagnostics);
        // The batch ends with this row: say that the records after it were not read, rather
        // than leave a count of rows that looks like the whole file.
        for (Diagnostic& d : failure_) {
            const std::uint64_t read = r_->bytes_read(), total = r_->bytes_total();
            d.message_zh += total ? fmt::format("；读取在此停止（已读 {} 字节，共 {} 字节），其后的记录没有评分", read, total)
                                  : fmt::format("；读取在此停止（已读 {} 字节），其后的记录没有评分", read);
            d.message_en += total ? fmt::format("; reading stopped here ({} of {} bytes read), the records after it are not scored", read, total)
                                  : fmt::format("; reading stopped here ({} bytes read), the records after it are not scored", read);
        }
        r = Record{};
        return true;
    }
    DataResult parse(const Record& r) const override {
        if (r.line == 0) return DataResult{nullptr, failure_};
        return api::guarded<DataResult>(path_, [&] { return r_->parse(r); });
    }
    void parse_into(const Record& r, DataResult& out) const override {
        if (r.line == 0) {
            out = DataResult{nullptr, failure_};
            return;
        }
        bool done = false;
        DataResult failure = api::guarded<DataResult>(path_, [&] {
            r_->parse_into(r, out);
            done = true;
            return DataResult{};
        });
        if (!done) out = std::move(failure);
    }
    std::uint64_t bytes_read() const override { return r_->bytes_read(); }
    std::uint64_t bytes_total() const override { return r_->bytes_total(); }
    // Not when reading stopped short: the records never read would take their rows.
    std::vector<Diagnostic> unused_tables() const override { return failed_ ? std::vector<Diagnostic>{} : r_->unused_tables(); }

private:
    std::unique_ptr<data::Spool> spool_;  // before r_: the copy outlives the reader of it
    std::unique_ptr<DepartmentReader> r_;
    std::string path_;
    bool more_ = false, failed_ = false;
    std::vector<Diagnostic> failure_;  // what stopped the stream
};

}  // namespace

bool DepartmentReader::next(DataResult& out, int& line) {
    Record r;
    if (!next_record(r)) return false;
    out = parse(r);
    line = r.line;
    return true;
}

std::unique_ptr<DepartmentReader> DepartmentReader::open(const std::string& path, const std::string& tables_path,
                                                         std::vector<Diagnostic>& problems) {
    struct Opened {
        std::unique_ptr<DepartmentReader> reader;
        std::vector<Diagnostic> diagnostics;
    };
    auto spool = std::make_unique<data::Spool>();
    Opened opened = api::guarded<Opened>(path, [&] {
        if (auto bad = spool->open(path)) {
            problems.push_back(std::move(*bad));
            return Opened{};
        }
        const std::string& readable = spool->path();
        if (data::is_xlsx_file(readable)) {
            auto x = std::make_unique<XlsxRecords>();
            if (!x->init(path, readable, tables_path, problems)) x.reset();
            return Opened{std::move(x), {}};
        }
        auto r = std::make_unique<Reader>();
        if (!r->init(path, readable, tables_path, problems)) r.reset();
        return Opened{std::move(r), {}};
    });
    for (auto& d : opened.diagnostics) problems.push_back(std::move(d));
    if (!opened.reader) return nullptr;
    return std::make_unique<GuardedReader>(std::move(spool), std::move(opened.reader), path);
}

}  // namespace pingfen
