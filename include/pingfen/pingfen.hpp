// pingfen: compile an indicator system written in the pingfen rule language, and score a
// department's data with it, exactly, with the reason for every score.
//
//   auto compiled = pingfen::compile_file("rulesets/huadu/2023.pf");
//   if (!compiled.ok()) { for (auto& d : compiled.diagnostics) std::cerr << pingfen::render(d); }
//   auto data = pingfen::load_data_file("rulesets/huadu/2023.example.json");
//   auto scored = pingfen::score(*compiled.ruleset, *data.data, {.explain = true});
//   std::cout << scored.sheet->total->to_fixed(2);   // "96.50"
//
// A compiled Ruleset is immutable; score() may be called on it from many threads at once.
// Nothing here throws: every problem with the input comes back as a Diagnostic, and a failure of
// pingfen itself (a bug, or memory running out) as error E0010 on the result. Only when memory
// is so short that even that diagnostic cannot be built does std::bad_alloc reach the caller.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "pingfen/decimal.hpp"

namespace pingfen {

enum class Language { Chinese, English };
enum class Severity { Error, Warning, Note };

struct DiagnosticNote {
    std::string path;
    int line = 0, column = 0, length = 1;  // column in characters, 1-based; 0 = no location
    std::string source_line;
    std::string message_zh, message_en;
};

struct Diagnostic {
    Severity severity = Severity::Error;
    std::string code;  // stable: E0001…
    std::string path;
    int line = 0, column = 0, length = 1;
    std::string source_line;  // the line the location points into, for the caret
    std::string message_zh, message_en;
    std::vector<DiagnosticNote> notes;

    const std::string& message(Language lang) const {
        return lang == Language::English ? message_en : message_zh;
    }
};

// "path:line:col: 错误[E0003]：…", the source line, and a caret under the right character
// (CJK characters are two columns wide).
std::string render(const Diagnostic& d, Language lang = Language::Chinese, bool color = false);
bool has_errors(const std::vector<Diagnostic>& ds);

// ---- rulesets ----
class Ruleset;  // compiled and immutable

enum class InputType { Number, Percent, Amount, Count, YesNo, Text, List, GoalTable, Date, Finding };

// An indicator that reads an input only under a condition: a branch (若 … 则), a tier row, or
// the indicator's applying (不适用 not holding). The department gives the datum only then.
struct InputCondition {
    std::string indicator;         // its path, joined with "."
    std::string when_zh, when_en;  // "`有结转结余` 为是", "`有结转结余` is yes"; alternatives joined by 或 / or
};

struct InputInfo {
    std::string name;
    std::string type;  // how people read the kind: 数值 百分比 金额 计数 是否 文本 列表 目标表 日期 核查
    std::string unit;
    std::vector<std::string> needed_by;  // indicator paths that read it
    InputType kind = InputType::Number;  // the kind, for code (rather than comparing `type`)
    // No indicator reads it on every scoring: the datum is needed only when one of `needed_when`
    // holds, and may be left out otherwise (scoring reports E0401 only where it is read).
    bool conditional = false;
    std::vector<InputCondition> needed_when;  // the indicators that read it under a condition
    bool has_default = false;                 // 默认: used whenever the data leaves it out
};
// "仅当 `有结转结余` 为是 时需要（指标 …）" / "needed only when …": what a form or a listing says of
// a conditional input; empty for an input that is always needed.
std::string input_condition_text(const InputInfo& in, Language lang);

struct CompileOptions {
    std::size_t max_source_bytes = 8u << 20;  // per file, imports included (E0004)
    int max_nesting = 200;                    // brackets, blocks, 若 and signs (E0006)
    // How `引用 "…"` gets the files it names. It is given the path joined to the importing
    // file's folder and normalised ("rulesets/guangzhou/2022.pf"), and returns the text, or
    // nullopt for error E0602. Unset: regular files are read from the file system. A host sets
    // it to serve rulesets from its database, to confine imports to one folder, or to allow none.
    std::function<std::optional<std::string>(const std::string& path)> read_import;
};

struct CompileResult {
    std::shared_ptr<const Ruleset> ruleset;  // null when there were errors
    std::vector<Diagnostic> diagnostics;     // errors and warnings
    bool ok() const { return ruleset != nullptr; }
};

CompileResult compile_file(const std::string& path, const CompileOptions& opts = {});
CompileResult compile_source(const std::string& name, std::string text,
                             const CompileOptions& opts = {});

std::string ruleset_title(const Ruleset& r);
std::optional<int> ruleset_year(const Ruleset& r);
std::vector<InputInfo> ruleset_inputs(const Ruleset& r);

// The data form a department fills in for this ruleset (pingfen template): every input with its
// type, unit, range, default, description and the indicators that read it. Xlsx: a 数据 sheet
// (名称 | 值 | 类型 | 单位 | 范围 | 默认 | 说明 | 用于指标) with 是/否 lists and range checks,
// and a sheet per goal table and per list, named after the input; filled in, load_data_file
// reads it. Json: the data object with empty values; Csv: a batch file's header; Block: the
// language's data block with ？ for each value.
enum class FormFormat { Xlsx, Json, Csv, Block };
struct FormResult {
    std::optional<std::string> bytes;     // the file's content; nullopt when it cannot be made
    std::vector<Diagnostic> diagnostics;  // E0012 (the workbook), E0013 (an input that cannot name a sheet)
};
FormResult data_form(const Ruleset& r, FormFormat format);

// ---- department data ----
class DepartmentData;

struct DataResult {
    std::shared_ptr<const DepartmentData> data;  // null when the file could not be read
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return data != nullptr; }
};

// JSON (numbers read exactly from their text; percentages as 0.0273 or "2.73%"), or the
// language's own data block (数据 "部门" 年度 2023 { 名称 = 值 … }) with comments.
DataResult load_data_file(const std::string& path);
DataResult parse_data(const std::string& name, std::string text);

// Data built in code, for a host that holds the figures in its own structures:
//   make_data("花都区财政局", 2023, {{"年末结转和结余", Datum::number("1222.61")},
//                                   {"预算执行率", Datum::percent("98.06%")},
//                                   {"涉密部门", Datum::yes_no(false)}});
// Values are checked against the ruleset's declared inputs when scored, as a file's are.
struct DatumField;
class Datum {
public:
    enum class Kind { Number, Percent, YesNo, Text, List, Row };
    static Datum number(const Decimal& v);
    static Datum number(std::string_view exact);   // "1222.61": read exactly; bad text is E0407
    static Datum percent(const Decimal& rate);     // 0.0273 is 2.73%
    static Datum percent(std::string_view exact);  // "2.73%" or "0.0273"
    static Datum yes_no(bool v);
    static Datum text(std::string v);
    static Datum list(std::vector<Datum> items);        // 列表: monthly rates, scores
    static Datum row(std::vector<DatumField> fields);    // a 目标表 row: 名称, 目标, 实际, 权重, …

    Kind kind = Kind::Number;
    Decimal value;
    bool yes = false;
    std::string words;  // Text
    std::string exact;  // a number or percentage given as text, read by make_data
    std::vector<Datum> items;
    std::vector<DatumField> fields;
};
struct DatumField {
    std::string name;
    Datum value;
};
DataResult make_data(std::string department, std::optional<int> year, std::vector<DatumField> fields);

// ---- scoring ----
namespace detail {
struct SheetNodes;   // one sheet's nodes (api/sheet.hpp)
struct SheetAccess;  // how score() fills them
}  // namespace detail

// One indicator of a score sheet, or one 加分项 / 减分项. Read through accessors: what is the
// same for every department (name, path, level, the texts, the tree's shape) is built once per
// compiled ruleset and shared by all its sheets; what this department got (weight after points
// moved, score, basis) is the node's own.
//
//   for (const pingfen::ScoreNode& n : sheet.indicators())
//       std::cout << n.name() << " " << (n.score() ? n.score()->to_fixed(2) : "—") << "\n";
//
// A node is a value: one copied out of a sheet (`ScoreNode n = sheet.indicators()[0];`) keeps
// what it refers to alive, so it and its children stay valid after the sheet, the ScoreResult
// and the Ruleset are gone. References to the nodes of a sheet (`const ScoreNode&`, the spans
// children() returns) are valid as long as that sheet, a copy of it, or a node copied from it
// lives.
// Reading nodes from many threads at once is safe.
class ScoreNode {
public:
    enum class Kind { Indicator, Bonus, Penalty };

    Kind kind() const;
    const std::string& name() const;
    const std::vector<std::string>& path() const;  // names from the top level down, its own last
    int level() const;                             // 1 for a top-level indicator
    // Its points on this department's sheet: the declared weight, or what remains after points
    // moved (不适用); a 加分项's or 减分项's cap.
    const Decimal& weight() const { return values_.weight; }
    const std::optional<Decimal>& score() const { return values_.score; }  // none: could not be scored
    const std::string& basis() const { return values_.basis; }              // 评分依据, with the numbers used
    const std::string& explanation() const;  // 指标解释 (empty when ScoreOptions::texts was false)
    const std::string& standard() const;     // 评分标准 (likewise)
    bool not_applicable() const { return values_.not_applicable; }  // its points moved elsewhere (weight 0)
    std::span<const ScoreNode> children() const { return {first_child_, child_count_}; }
    bool is_leaf() const { return child_count_ == 0; }

    ScoreNode() = default;
    ScoreNode(const ScoreNode& other);
    ScoreNode& operator=(const ScoreNode& other);
    ScoreNode(ScoreNode&& other) noexcept;             // leaves `other` a default (empty) node
    ScoreNode& operator=(ScoreNode&& other) noexcept;  // likewise
    ~ScoreNode() = default;

private:
    friend struct detail::SheetAccess;
    struct Values {
        std::optional<Decimal> score;
        Decimal weight;
        std::string basis;
        bool not_applicable = false;
    };
    const detail::SheetNodes* sheet_ = nullptr;  // the nodes this one is among (null: a default node)
    std::uint32_t index_ = 0;                    // its position there
    std::uint32_t child_count_ = 0;
    const ScoreNode* first_child_ = nullptr;
    Values values_;
    // Set only on a node copied out of its sheet: the sheet's nodes, kept alive for it. A sheet's
    // own nodes hold none, so that building a sheet takes one reference, not one per node.
    std::shared_ptr<const detail::SheetNodes> keep_;
};

class ScoreSheet {
public:
    std::string ruleset;
    std::optional<int> year;
    std::string department;
    std::optional<Decimal> total;
    Decimal max;
    std::string grade;  // empty when the ruleset has no grade bands or the total is unknown
    std::span<const ScoreNode> indicators() const;   // the top level; children() below
    std::span<const ScoreNode> adjustments() const;  // 加分项 and 减分项, outside the indicators' total
    std::string total_basis;                         // how bonus and penalty items changed the total
    // The errors and warnings of this scoring (ScoreResult::diagnostics), kept on the sheet so
    // that a sheet passed on alone still says what was wrong with the data: every format shows
    // them under the total.
    std::vector<Diagnostic> diagnostics;

private:
    friend struct detail::SheetAccess;
    // Shared by the copies of this sheet and the nodes copied from it; never changed once built.
    std::shared_ptr<const detail::SheetNodes> nodes_;
};

struct ScoreOptions {
    bool explain = true;
    Language language = Language::Chinese;
    // Show each node's 指标解释 and 评分标准 (ScoreNode::explanation(), ::standard()). They are
    // the same for every department and shared by every sheet of the ruleset, so they cost
    // nothing per department; false leaves them empty on the sheet.
    bool texts = true;
    // A bound on the work of one score() call: each expression evaluated is one step, each
    // list element a function reads is one. The bundled rulesets take a few hundred steps; a
    // department past the bound gets error E0502 and the indicators not yet scored are left
    // unscored. 0 means no bound (evaluation has no loops, so it always ends anyway).
    std::uint64_t max_steps = 1'000'000;
};

struct ScoreResult {
    std::optional<ScoreSheet> sheet;      // present unless the data could not be read; indicators
                                          // whose data is missing or bad are left unscored
    std::vector<Diagnostic> diagnostics;  // data errors, evaluation errors, warnings
    // The evaluation steps this scoring took (as ScoreOptions::max_steps counts them); the same
    // with and without explain, since the explanation is written from what evaluation recorded.
    std::uint64_t steps = 0;
    bool ok() const { return sheet.has_value() && !has_errors(diagnostics); }
};

ScoreResult score(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts = {});

// The numbers alone, for scoring many departments: the total, the grade and each leaf's score
// in the order of ruleset_leaves(), with no sheet, names or explanations built. Scores and
// diagnostics are those score() gives (explain and texts are ignored).
struct LeafScores {
    std::string department;
    std::optional<Decimal> total;
    std::string grade;
    std::vector<std::optional<Decimal>> leaves;  // none: that leaf could not be scored
    std::vector<Diagnostic> diagnostics;
    bool ok() const { return !has_errors(diagnostics); }
};
LeafScores score_leaves(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts = {});
// The same into `out`, whatever it held before, its buffers (the leaves, the names) written over
// rather than made anew: for a host scoring department after department on one thread (batch).
void score_leaves(const Ruleset& r, const DepartmentData& d, LeafScores& out, const ScoreOptions& opts = {});

// A department's data bound to one ruleset: checked against its inputs and placed in its slots
// once, for a host that scores the same data more than once (what-if runs, comparisons,
// benchmarks). score() and score_leaves() of a BoundData give exactly what they give for its
// data, binding diagnostics included, without binding again. The ruleset must outlive it; with
// another ruleset than the one it was bound to, the data is bound again on each call.
class BoundData;
std::shared_ptr<const BoundData> bind_data(const Ruleset& r, std::shared_ptr<const DepartmentData> d);
ScoreResult score(const Ruleset& r, const BoundData& b, const ScoreOptions& opts = {});
LeafScores score_leaves(const Ruleset& r, const BoundData& b, const ScoreOptions& opts = {});
// The same into `out`, its buffers reused as by score_leaves(r, d, out): for a host scoring many
// bound departments on one thread, the leaves, department and grade are not allocated anew each time.
void score_leaves(const Ruleset& r, const BoundData& b, LeafScores& out, const ScoreOptions& opts = {});

// ---- tests written in the language (测试 "…" { 给定 … 期望 … }) ----
struct TestFailure {
    int line = 0, column = 0;
    std::string message_zh, message_en;
    std::string basis;  // the explanation of the score that did not match
};

struct TestOutcome {
    std::string file, name;
    int line = 0;
    std::vector<TestFailure> failures;
    bool passed() const { return failures.empty(); }
};

struct TestReport {
    std::vector<TestOutcome> tests;
    std::vector<Diagnostic> diagnostics;  // the file did not compile, or a given file is unreadable
    int passed() const;
    int failed() const;
};

// Runs every test block of one ruleset file (not those of the files it imports).
TestReport run_tests(const std::string& path, Language lang = Language::Chinese);
// The same for a ruleset already compiled (the REPL's session); `path` is the file its tests'
// `给定 "…"` names are relative to.
TestReport run_tests(const Ruleset& r, const std::string& path, Language lang = Language::Chinese);

// ---- comparing rulesets: city and district, this year and last ----
struct IndicatorChange {
    // Reordered: the sub-indicators of path_a/path_b (the top level when empty) stand in another
    // order (排序); details_zh/_en give A's and B's order of the ones both have.
    enum class Kind { Added, Removed, Renamed, Moved, WeightChanged, RuleChanged, Reordered };
    Kind kind;
    std::vector<std::string> path_a, path_b;  // empty on the side where it does not exist
    std::optional<Decimal> weight_a, weight_b;
    std::string rule_a, rule_b;               // the rule in canonical form (layout and width ignored)
    std::vector<std::string> details_zh, details_en;  // changed tiers as intervals
};

struct DiffTreeRow {
    std::vector<std::string> path;
    Decimal weight;
    std::string status;  // same, changed, removed, added, renamed, moved
};

struct RulesetDiff {
    std::string title_a, title_b;
    std::vector<DiffTreeRow> tree_a, tree_b;  // both trees, each node marked
    std::vector<IndicatorChange> indicators;
    std::vector<std::string> declarations_zh, declarations_en;  // inputs, grade bands, rounding, total
    std::vector<std::vector<std::string>> unchanged;            // indicators identical in both
};

RulesetDiff diff_rulesets(const Ruleset& a, const Ruleset& b);

struct ScoreDelta {
    std::vector<std::string> path_a, path_b;
    std::optional<Decimal> score_a, score_b;  // none: not in that ruleset, or not scored there
    // Why: what the department met on each side (the tier, branch, deduction item or goal row
    // it landed in, with its value: "结余结转率 2.73%：≤ 10% 得 2 分 → (2%, 5%] 得 1 分"), and
    // the indicator's points when they changed ("分值 2 → 3"); both when both changed.
    std::string cause_zh, cause_en;
};

struct DepartmentComparison {
    std::string department;
    std::optional<Decimal> total_a, total_b;
    std::string grade_a, grade_b;
    std::vector<ScoreDelta> indicators;  // the leaves whose score differs
    std::vector<Diagnostic> diagnostics;  // under A and B, a problem both find given once
};

DepartmentComparison compare_department(const Ruleset& a, const Ruleset& b, const DepartmentData& d,
                                        const RulesetDiff& diff, Language lang = Language::Chinese);

enum class DiffFormat { Table, Json, Markdown, Html };
std::string diff_as_text(const RulesetDiff& diff, const std::vector<DepartmentComparison>& departments,
                         DiffFormat format, Language lang = Language::Chinese);

// Many departments from one path: a folder of data files, a CSV (one department per row, the
// columns are input names, 部门/年度 columns optional), JSON Lines, or a single data file. A
// folder is read one level deep (*.json, *.xlsx and *.data.pf). A path with no department in it (an
// empty folder, a folder of folders, a CSV with only its header) gives one result with error
// E0415 and no data, never an empty list.
std::vector<DataResult> load_departments(const std::string& path);
// That E0415 for `path`: what a batch says of an input in which it found no record.
Diagnostic no_department_data(const std::string& path);

// ---- many departments, one at a time (pingfen batch) ----
// Reads departments from a CSV (one per row, columns are input names; 部门/年度 optional) or JSON
// Lines (one data object per line), one record at a time, so memory stays constant. Table inputs
// (goal tables) can come from a second CSV with columns 部门, 表 and the rows' fields (名称, 目标,
// 实际, 权重, …), keyed by department.
class DepartmentReader {
public:
    static std::unique_ptr<DepartmentReader> open(const std::string& path, const std::string& tables_path,
                                                  std::vector<Diagnostic>& problems);
    virtual ~DepartmentReader() = default;
    // The next record; false at the end. `line` is where it starts in the file; a record whose
    // text cannot be read comes back with diagnostics and no data. The same as next_record()
    // followed by parse().
    bool next(DataResult& out, int& line);

    // For reading on one thread and parsing on many: next_record() only splits the input into
    // records (a JSON Lines line, a CSV record's fields), and parse() turns one into data; parse()
    // may be called from many threads at once, on records in any order.
    struct Record {
        int line = 0;                     // where it starts in the file
        std::string text;                 // JSON Lines
        std::vector<std::string> fields;  // CSV
        int unclosed_quote = 0;           // CSV: the line of a quote the file never closes (0: none)
        std::uint64_t too_large = 0;      // a record's bytes past the limit (its text or fields then not kept)
    };
    virtual bool next_record(Record& out) = 0;
    virtual DataResult parse(const Record& r) const = 0;
    // The same as `out = parse(r)`, but the data `out` holds from an earlier record, when nothing
    // else holds it, is read into in place (its fields, strings and lists written over), so that
    // a thread parsing record after record allocates little. Keep one `out` per thread.
    virtual void parse_into(const Record& r, DataResult& out) const { out = parse(r); }
    virtual std::uint64_t bytes_read() const = 0;
    virtual std::uint64_t bytes_total() const = 0;
    // Once every record has been parsed: the departments of the --tables file whose rows no
    // record took (W0405), each named with the line of its first row.
    virtual std::vector<Diagnostic> unused_tables() const { return {}; }
};

// The leaves of a ruleset, in sheet order, as paths.
std::vector<std::vector<std::string>> ruleset_leaves(const Ruleset& r);

// ---- expressions (pingfen eval, the REPL) ----
struct ExpressionResult {
    std::optional<std::string> value;  // exact text: "2.675", "2.73%", "是"
    std::vector<Diagnostic> diagnostics;
    // The names the expression uses that mean nothing where it was evaluated (each an E0201),
    // in the order written: what a tool looks up elsewhere (the REPL, a named value of another
    // indicator) without reading the messages.
    std::vector<std::string> unknown_names;
};
// A lone expression on `data` (its fields by name). Inside an indicator of a ruleset, with its
// named values and 分值: evaluate_in_indicator() in pingfen/authoring.hpp.
ExpressionResult evaluate_expression(const std::string& text, const DepartmentData* data = nullptr);

// ---- score sheets as text ----
struct SheetFormat {
    bool explain = false;
    bool color = false;
    Language language = Language::Chinese;
};
std::string sheet_as_table(const ScoreSheet& s, const SheetFormat& f = {});
std::string sheet_as_json(const ScoreSheet& s);
// The sheet with the columns of the published 自评表 (一级指标 分值 二级指标 分值 三级指标 分值
// 指标解释 评分标准 得分 评分依据), headers in Chinese or, with Language::English, in English.
// CSV: UTF-8 with a BOM, one row per leaf plus a path column, bonus/penalty rows, total and grade.
std::string sheet_as_csv(const ScoreSheet& s, Language lang = Language::Chinese);
// Markdown: one table, a level's name and weight shown once per group; then total and grade.
std::string sheet_as_markdown(const ScoreSheet& s, Language lang = Language::Chinese);
// HTML: one self-contained page (no network), merged cells, the basis of every score, a chart of
// score against weight per leaf; prints on A4.
std::string sheet_as_html(const ScoreSheet& s, Language lang = Language::Chinese);
// An .xlsx workbook laid out like the 自评表, and a second sheet 评分依据: the bytes of the file,
// for write_output(); nullopt, with the reason in *error, when it cannot be built.
std::optional<std::string> sheet_as_xlsx(const ScoreSheet& s, Language lang = Language::Chinese,
                                         std::string* error = nullptr);
// The same, with the data file it was scored from named in the footer (with the date and
// pingfen's version).
std::optional<std::string> sheet_as_xlsx(const ScoreSheet& s, Language lang, std::string* error, const std::string& data_file);
// pingfen batch's results (its CSV: 行号, 部门, 状态, 总分, 等级, the leaves, 原因) as a workbook:
// a sheet of every department's scores, and a sheet of the departments that failed with their
// reasons. Scores become numbers shown with two decimals.
std::optional<std::string> batch_csv_as_xlsx(const std::string& results_csv, Language lang = Language::Chinese,
                                             std::string* error = nullptr);
// sheet_as_xlsx() written to `path` through Output. False, with the reason in *error, when the
// file cannot be written (the old file, if any, is then left as it was).
bool write_sheet_xlsx(const ScoreSheet& s, const std::string& path, Language lang = Language::Chinese,
                      std::string* error = nullptr);

// ---- writing results ----
// Output that reaches its destination whole, or is reported: every write, the final flush, the
// fsync and the close are checked. A regular file is written as a temporary file in the same
// folder, flushed to disk and renamed over the target only when complete, so it is never left
// truncated, and a failed run leaves the old file as it was. An empty path or "-" is standard
// output (written straight to file descriptor 1, after anything stdio holds is flushed); a path
// that is not a regular file (a device, a pipe) is written in place. Not thread-safe: one writer.
class Output {
public:
    explicit Output(std::string path);
    ~Output();  // without a successful finish(): the temporary file is removed, the target untouched
    Output(const Output&) = delete;
    Output& operator=(const Output&) = delete;

    // Buffered; after the first failure it does nothing, and finish() returns false.
    void write(std::string_view bytes);
    // Hands what is buffered to the system now (before a message on standard error, say).
    bool flush();
    // Flushes, syncs and closes, and puts the file in place. False when any step failed.
    bool finish();
    // Error E0011 naming the file (or standard output) and the system's reason; none while all is well.
    const std::optional<Diagnostic>& problem() const { return problem_; }
    bool ok() const { return !problem_; }

private:
    void fail(int err);
    bool drain();
    std::string path_, target_, temp_;
    int fd_ = -1;
    int unfinished_ = -1;  // the temporary file's place among those a signal removes (system/temp_files.hpp)
    bool in_place_ = false, done_ = false;
    std::string buffer_;
    std::optional<Diagnostic> problem_;
};

// Removes the temporary files pingfen has made and not yet removed: those of every Output not
// yet finished, and the copies of pipes and of GB18030 CSV files being read. Async-signal-safe:
// for a host's handler of SIGINT or SIGTERM, so that an interrupted run leaves no
// `FILE.tmp-…` beside the file it did not replace. What used them is unusable afterwards; the
// process is meant to end.
void remove_temporary_files() noexcept;

// `bytes` written whole to `path` (or standard output): nullopt, or error E0011.
std::optional<Diagnostic> write_output(const std::string& path, std::string_view bytes);

}  // namespace pingfen
