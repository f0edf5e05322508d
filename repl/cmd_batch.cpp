// pingfen batch RULESET DATA [-j N] [--format csv|jsonl] [--tables FILE] [-o FILE]
// Streams departments in, scores them on N threads over one compiled ruleset, writes results
// in input order: one row per record, scored or failed, with the first reason of a failure, so
// that the output file alone tells what happened to every department.
#include <boost/program_options.hpp>
#include <chrono>
#include <fmt/format.h>
#include <fstream>
#include <atomic>
#include <future>
#include <iostream>
#include <iterator>
#include <map>
#include <optional>
#include <set>
#include <thread>
#include <unistd.h>

#include "cli.hpp"
#include "ordered_pool.hpp"

namespace po = boost::program_options;

namespace pingfen::cli {
namespace {

// One record on its way through: split from the input on the main thread, everything else
// (parsing, binding, scoring, the output row, the messages) on a worker.
struct Record {
    DepartmentReader::Record raw;
    int line = 0;
    // Filled by a worker:
    std::string output;
    std::vector<Diagnostic> problems;
    std::vector<std::string> messages;  // problems rendered, in order
    bool ok = false;
    std::string grade;
};

// Appended to `o`, a row being written: no string of its own per cell.
void append_csv_cell(std::string& o, const std::string& s) {
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
        o += s;
        return;
    }
    o += '"';
    for (char c : s) {
        if (c == '"') o += '"';
        o += c;
    }
    o += '"';
}

void append_json_string(std::string& o, const std::string& s) {
    o += '"';
    for (unsigned char c : s) {
        if (c == '"' || c == '\\') o += '\\', o += static_cast<char>(c);
        else if (c < 0x20) fmt::format_to(std::back_inserter(o), "\\u{:04x}", c);
        else o += static_cast<char>(c);
    }
    o += '"';
}

std::string csv_cell(const std::string& s) {
    std::string o;
    append_csv_cell(o, s);
    return o;
}

std::string json_string(const std::string& s) {
    std::string o;
    append_json_string(o, s);
    return o;
}

// What the output says of every record, built once: the leaves' column names and the words.
struct Layout {
    bool jsonl = false;
    Language language = Language::Chinese;
    std::vector<std::string> leaf_keys;  // CSV: quoted as needed; JSON Lines: as JSON strings

    Layout(const std::vector<std::vector<std::string>>& leaves, bool jsonl_, Language lang) : jsonl(jsonl_), language(lang) {
        for (const auto& p : leaves) {
            std::string key;
            for (const auto& part : p) key += (key.empty() ? "" : ".") + part;
            leaf_keys.push_back(jsonl ? json_string(key) : csv_cell(key));
        }
    }
    bool en() const { return language == Language::English; }
    std::string header() const {
        if (jsonl) return {};
        std::string h = "\xEF\xBB\xBF";
        h += en() ? "line,department,status,total,grade" : "行号,部门,状态,总分,等级";
        for (const auto& k : leaf_keys) h += "," + k;
        return h + (en() ? ",reason" : ",原因") + "\r\n";
    }
};

// A score with two decimals, written straight into the row (Decimal::append_fixed).
void append_fixed2(std::string& out, const Decimal& v) { v.append_fixed(out, 2); }

// The first error of a failed record, with its code, in the chosen language.
std::string first_reason(const std::vector<Diagnostic>& problems, Language lang) {
    const bool en = lang == Language::English;
    for (const auto& d : problems)
        if (d.severity == Severity::Error) return d.code + (en ? ": " : "：") + d.message(lang);
    return en ? "the total could not be computed" : "总分无法计算";
}

// `data` and `scores` are the worker's, read and scored into record after record.
void score_one(const Ruleset& r, const Layout& layout, Record& rec, DataResult& data, LeafScores& scores) {
    rec.problems.clear();
    for (auto& d : data.diagnostics) rec.problems.push_back(std::move(d));
    rec.ok = false;
    rec.grade.clear();
    const LeafScores* s = nullptr;
    if (data.ok()) {
        // The numbers alone: no sheet is built, and the leaves come in the order of `leaves`.
        score_leaves(r, *data.data, scores);
        s = &scores;
        for (auto& d : scores.diagnostics) rec.problems.push_back(std::move(d));
        rec.ok = s->ok() && s->total;
    }
    static const std::string unnamed;
    const std::string& department = s ? s->department : unnamed;  // unreadable: no name known
    if (rec.ok) rec.grade = s->grade;
    const std::string reason = rec.ok ? std::string() : first_reason(rec.problems, layout.language);
    auto leaf = [&](std::size_t k) -> const std::optional<Decimal>& {
        static const std::optional<Decimal> none;
        return s && k < s->leaves.size() ? s->leaves[k] : none;
    };
    // Written into the record's own buffer, which it keeps from one record to the next.
    std::string& o = rec.output;
    o.clear();
    if (layout.jsonl) {
        fmt::format_to(std::back_inserter(o), "{{\"line\": {}, \"department\": ", rec.line);
        append_json_string(o, department);
        o += rec.ok ? ", \"status\": \"scored\", \"total\": " : ", \"status\": \"failed\", \"total\": ";
        if (rec.ok) append_fixed2(o, *s->total);
        else o += "null";
        o += ", \"grade\": ";
        if (rec.ok) append_json_string(o, s->grade);
        else o += "null";
        o += ", \"scores\": {";
        for (std::size_t k = 0; k < layout.leaf_keys.size(); ++k) {
            const auto& v = leaf(k);
            if (k) o += ", ";
            o += layout.leaf_keys[k];
            o += ": ";
            if (v) append_fixed2(o, *v);
            else o += "null";
        }
        o += "}, \"reason\": ";
        if (rec.ok) o += "null";
        else append_json_string(o, reason);
        o += "}\n";
    } else {
        const bool en = layout.en();
        fmt::format_to(std::back_inserter(o), "{},", rec.line);
        append_csv_cell(o, department);
        o += ',';
        o += rec.ok ? (en ? "scored" : "评分") : (en ? "failed" : "失败");
        o += ',';
        if (rec.ok) append_fixed2(o, *s->total);
        o += ',';
        if (rec.ok) append_csv_cell(o, s->grade);
        for (std::size_t k = 0; k < layout.leaf_keys.size(); ++k) {
            o += ',';
            if (const auto& v = leaf(k)) append_fixed2(o, *v);
        }
        o += ',';
        append_csv_cell(o, reason);
        o += "\r\n";
    }
}

// A record is read on its own, so its diagnostics count lines from 1 (JSON Lines) or have no
// line (a CSV field): give them the record's place in the file.
void place(std::vector<Diagnostic>& ds, const std::string& data_path, int line) {
    for (auto& d : ds) {
        if (d.path != data_path) continue;
        if (d.line == 0) d.line = line, d.column = 0;
        else d.line += line - 1;
    }
}

class Progress {
public:
    explicit Progress(bool on) : on_(on), start_(std::chrono::steady_clock::now()) {}
    void update(std::uint64_t done, std::uint64_t bytes, std::uint64_t total, bool en) {
        if (!on_) return;
        auto now = std::chrono::steady_clock::now();
        if (now - last_ < std::chrono::milliseconds(200)) return;
        last_ = now;
        auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now - start_).count();
        std::uint64_t rate = ms > 0 ? done * 1000 / static_cast<std::uint64_t>(ms) : 0;
        std::uint64_t pct = total ? bytes * 100 / total : 0;
        std::uint64_t eta = bytes && total > bytes ? static_cast<std::uint64_t>(ms) * (total - bytes) / bytes / 1000 : 0;
        std::string bar(20, ' ');
        for (std::uint64_t i = 0; i < pct / 5 && i < 20; ++i) bar[i] = '=';
        std::cerr << fmt::format(fmt::runtime(en ? "\r  [{}] {:>3}%  {} records  {}/s  ETA {}s   " : "\r  [{}] {:>3}%  已评分 {} 条  {} 条/秒  剩余约 {} 秒   "),
                                 bar, pct, done, rate, eta)
                  << std::flush;
    }
    void finish() {
        if (on_) std::cerr << "\r" << std::string(72, ' ') << "\r" << std::flush;
    }

private:
    bool on_;
    std::chrono::steady_clock::time_point start_, last_{};
};

}  // namespace

int cmd_batch(const std::vector<std::string>& args, Common c) {
    std::string ruleset_path, data_path, format, output, tables;
    unsigned jobs = std::max(1u, std::thread::hardware_concurrency());
    po::options_description opts(c.language == Language::English ? "pingfen batch RULESET DATA [options]" : "pingfen batch 规则集 数据 [选项]", kHelpWidth, kHelpWidth / 2);
    opts.add_options()
        ("jobs,j", po::value(&jobs), say(c, "线程数（默认：全部核心）", "threads (default: all cores)"))
        ("format,f", po::value(&format), say(c, "csv | jsonl | xlsx（xlsx 须 -o；默认按 -o 的扩展名，否则 csv）", "csv | jsonl | xlsx (xlsx needs -o; from -o's extension, else csv)"))
        ("tables,t", po::value(&tables), say(c, "目标表等表格输入：CSV，列为 部门、表 及各行字段", "table inputs, keyed by department"))
        ("output,o", po::value(&output), say(c, "写入文件", "write to FILE"));
    po::options_description hidden;
    hidden.add_options()("ruleset", po::value(&ruleset_path))("data", po::value(&data_path));
    if (auto done = read_args(args, opts, hidden, {"ruleset", "data"}, c)) return *done;
    const bool en = c.language == Language::English;
    if (format.empty())
        format = format_of_output(output, {{".csv", "csv"}, {".jsonl", "jsonl"}, {".ndjson", "jsonl"}, {".json", "jsonl"}, {".xlsx", "xlsx"}}, "csv", c);
    if (format.empty()) return kUsage;
    data_path = data_file(data_path);
    tables = data_file(tables);
    if (!tables.empty() && tables == data_path && data_path == "/dev/stdin") {
        // The second would read what the first left of standard input: nothing, and no tables.
        usage_error("数据和 --tables 不能都从标准输入（-）读取", "the data and --tables cannot both be read from standard input (-)", c);
        return kUsage;
    }
    if (ruleset_path.empty() || data_path.empty() || (format != "csv" && format != "jsonl" && format != "xlsx") || jobs == 0 ||
        jobs > 256 || (format == "xlsx" && (output.empty() || output == "-"))) {
        usage_error("用法：pingfen batch 规则集.pf 数据.xlsx|数据.csv|数据.jsonl [-j 线程数] [--format csv|jsonl|xlsx] [--tables 表.csv] [-o 文件]（xlsx 须 -o）",
                    "usage: pingfen batch RULESET.pf DATA.xlsx|DATA.csv|DATA.jsonl [-j N] [--format csv|jsonl|xlsx] [--tables TABLES.csv] [-o FILE] (xlsx needs -o)", c);
        return kUsage;
    }
    if (!is_ruleset_path(ruleset_path, c)) return kUsage;
    // xlsx: the CSV results are streamed to a scratch file as ever, then made a workbook with a
    // sheet of the failed departments (batch_csv_as_xlsx) once every record is in.
    const std::string workbook = format == "xlsx" ? output : std::string();
    struct Scratch {
        std::string path;
        ~Scratch() {
            if (!path.empty()) std::remove(path.c_str());
        }
    } scratch;
    if (!workbook.empty()) {
        scratch.path = workbook + ".results.csv";
        output = scratch.path;
        format = "csv";
    }
    // The ruleset and what the output says of it. With more than one thread, it compiles while
    // the data file is opened and the first records are read and parsed (parsing needs no
    // ruleset): the compile was the serial part left. Nothing is printed before it is done, so
    // the messages come in the same order either way.
    struct Compiled {
        CompileResult result;
        std::optional<Layout> layout;
    };
    const bool jsonl = format == "jsonl";
    std::shared_future<Compiled> compiling =
        std::async(jobs > 1 ? std::launch::async : std::launch::deferred, [&] {
            if (jobs > 1) thread_heap_on_huge_pages();  // a thread of its own: its own heap
            Compiled cr{compile_file(ruleset_path), std::nullopt};
            if (cr.result.ok()) cr.layout.emplace(ruleset_leaves(*cr.result.ruleset), jsonl, c.language);
            return cr;
        }).share();
    if (jobs == 1) compiling.wait();  // one thread: compile first, as a single core would
    std::atomic<const Compiled*> compiled{nullptr};
    std::vector<Diagnostic> problems;
    auto reader = DepartmentReader::open(data_path, tables, problems);
    std::optional<Output> out;
    int early_status = -1;  // set when the run stops before any record is taken
    // Before the first row: the ruleset's messages, the data file's, the output opened.
    auto begin = [&]() -> bool {
        const Compiled& cr = compiling.get();
        print_diagnostics(cr.result.diagnostics, c);
        if (!cr.result.ok()) return early_status = kRuleOrDataError, false;
        print_diagnostics(problems, c);  // errors, or warnings about the file as a whole (W0404)
        if (!reader) return early_status = kRuleOrDataError, false;
        out.emplace(output);
        if (!out->ok()) return early_status = finish_output(*out, kRuleOrDataError, c), false;
        out->write(cr.layout->header());
        return true;
    };
    if (!reader) {
        begin();
        return kRuleOrDataError;
    }

    std::uint64_t scored = 0, failed = 0;
    std::map<std::string, std::uint64_t> grades;
    std::set<std::string> warned;
    Progress progress(isatty(STDERR_FILENO) != 0);
    bool begun = false;
    // The main thread only splits the input into records and writes the rows in order; parsing,
    // binding, scoring and formatting happen on the workers (and on the main thread between).
    // Chunks of 64: the pool keeps 4 chunks in flight, and a record's line of JSON (2.3 kB in
    // the bench) is read in long before it is parsed. 4 × 64 lines stay within a core's L2
    // cache (1 MB here) until their turn; 4 × 256 (2.4 MB) did not. Measured: -j1 CPU a record
    // 2–5% lower in most A/B runs, near this machine's noise; peak memory 21 → 18 MB.
    OrderedPool<Record> pool(jobs, 64, [&](Record& rec) {
        // This thread's department and scores, read and scored into record after record: their
        // buffers are written over, not allocated and freed for every record.
        thread_local DataResult data;
        thread_local LeafScores scores;
        rec.line = rec.raw.line;
        reader->parse_into(rec.raw, data);
        // The compiled ruleset once it is there: a copy of the shared_future per record
        // (as shared_future asks of threads) counted its owners up and down on one cache line
        // that both cores wrote, for every record.
        const Compiled* ready = compiled.load(std::memory_order_acquire);
        if (!ready) {
            std::shared_future<Compiled> copy = compiling;
            ready = &copy.get();  // lives in the shared state, which `compiling` keeps
            compiled.store(ready, std::memory_order_release);
        }
        const Compiled& cr = *ready;
        if (!cr.result.ok()) return;  // the run stops at the first row; nothing is scored
        score_one(*cr.result.ruleset, *cr.layout, rec, data, scores);
        place(rec.problems, data_path, rec.line);
        rec.messages.clear();
        for (const auto& d : rec.problems) rec.messages.push_back(render(d, c.language, c.color_err));
    });
    pool.run([&](Record& rec) { return reader->next_record(rec.raw); },
             [&](Record& rec) {
                 if (!begun && !(begun = true, begin())) return false;
                 for (std::size_t k = 0; k < rec.problems.size(); ++k) {
                     const Diagnostic& d = rec.problems[k];
                     // A warning about a column (an extra field) is the same on every row: say it once.
                     if (d.severity == Severity::Warning && !warned.insert(d.code + d.message_zh).second) continue;
                     std::cerr << rec.messages[k];
                 }
                 out->write(rec.output);
                 if (!rec.ok) ++failed;
                 else ++scored, ++grades[rec.grade];
                 return out->ok();  // the output failed: stop, E0011 follows
             },
             [&] { progress.update(scored + failed, reader->bytes_read(), reader->bytes_total(), en); });
    if (!begun) begin();  // no records at all
    if (early_status >= 0) {
        progress.finish();
        return early_status;
    }
    progress.finish();
    // Rows of --tables that no record took: most often a department named differently in the
    // two files, whose goal tables were then missing (or on their 默认) without a word. Only
    // when every record was taken: an output that failed stopped the run (E0011 follows).
    if (out->ok()) print_diagnostics(reader->unused_tables(), c);
    // Nothing counts as done until the output is complete and in place.
    if (finish_output(*out, kOk, c) != kOk) return kRuleOrDataError;
    if (!workbook.empty()) {
        std::ifstream in(scratch.path, std::ios::binary);
        std::string results((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        std::string error;
        std::optional<std::string> bytes = batch_csv_as_xlsx(results, c.language, &error);
        if (!bytes) {
            usage_error(error, error, c);  // already in the chosen language
            return kRuleOrDataError;
        }
        if (!write_output(workbook, *bytes, c)) return kRuleOrDataError;
    }
    const bool none = scored + failed == 0;
    if (none) {
        // An input without a record (an empty JSON Lines file, a CSV of its header alone): the
        // output accounts for every record, but a run that scored nothing is not a success
        // (the wrong file, a pipe that carried nothing), as diff --data says of the same file.
        print_diagnostics({no_department_data(data_path)}, c);
    }
    std::string grade_text;
    for (const auto& [g, n] : grades) grade_text += fmt::format("{}{} {}", grade_text.empty() ? "" : (en ? ", " : "，"), g.empty() ? "—" : g, n);
    std::cerr << fmt::format(fmt::runtime(en ? "{} records: {} scored, {} failed{}{}\n" : "共 {} 条：评分 {} 条，失败 {} 条{}{}\n"),
                             scored + failed, scored, failed, grade_text.empty() ? "" : (en ? "; grades: " : "；等级："), grade_text);
    return failed == 0 && !none ? kOk : kRuleOrDataError;
}

}  // namespace pingfen::cli
