// The AST of a ruleset: our own types, built from the parse tree by the front end. Every node
// carries its source location; results of name resolution (slots, types) live in the nodes'
// `resolved` fields, filled by the resolver, never in parser contexts.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "pingfen/decimal.hpp"
#include "source/source.hpp"

namespace pingfen::ast {

// What kind of quantity a value is: it decides how a value is shown (2.73% or 1222.61) and
// which operations make sense.
// Date: a calendar day held as a whole number of days (calendar/date.hpp), so it compares and
// subtracts exactly; it is not numeric (a date is not added to a rate).
// Finding: an assessor's finding (核查 扣分): the points taken off, within the declared bounds,
// and the reason, in one datum; a rule reads it with `按 名称 扣分`.
enum class ValueType { Unknown, Number, Percent, Amount, Count, Bool, Text, List, Goals, Date, Finding };

const char* type_name_zh(ValueType t);
const char* type_name_en(ValueType t);
inline bool is_numeric(ValueType t) {
    return t == ValueType::Number || t == ValueType::Percent || t == ValueType::Amount ||
           t == ValueType::Count;
}

enum class BinaryOp { Add, Sub, Mul, Div, Lt, Le, Gt, Ge, Eq, Ne, And, Or };
const char* op_text(BinaryOp op);  // as shown in explanations: + − × ÷ < ≤ …

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

// The fields the evaluator reads for every node (kind, operator, slot, builtin, the literal, the
// first operands, the type, the Bool literal) come first, in one 64-byte cache line (the node is
// aligned to one): the AST is larger than the L1 cache, so each line of a node read is likely a
// miss. The location and the texts, read only when explaining or on an error, follow.
struct alignas(64) Expr {
    enum class Kind { Number, Bool, Text, Weight, Name, Call, Negate, Not, Binary, Cond };
    Kind kind;
    BinaryOp op = BinaryOp::Add;
    // Filled by the resolver.
    int slot = -1;        // Name: the value's slot
    int builtin = -1;     // Call: index into the builtin table
    Decimal number;        // Number
    // args[0 … 2] as pointers, set by lower::cache_operands once the ruleset is compiled (null
    // before, and in an expression made later): the evaluator reads them through arg(), not
    // the vector's buffer, a cache line apart.
    static constexpr std::size_t kCachedOperands = 3;
    const Expr* operand[kCachedOperands] = {};
    ValueType type = ValueType::Unknown;  // resolver
    bool percent = false;  // Number written as a percent literal (shown as 5%)
    bool date = false;     // Number written as a date literal (2023年4月28日): `number` is its day number
    bool boolean = false;  // Bool
    std::vector<ExprPtr> args;  // operands, call arguments, or cond/then/else
    ValueType element = ValueType::Unknown;  // resolver: a list's item type
    Loc loc;
    std::string text;      // Name, Call (callee), Text
    std::string unit;                        // resolver: an amount's unit (万元)

    Expr(Kind k, Loc l) : kind(k), loc(l) {}

    // Operand i (i < args.size()), from the cached pointer when there is one.
    const Expr& arg(std::size_t i) const {
        const Expr* p = i < kCachedOperands ? operand[i] : nullptr;
        return p ? *p : *args[i];
    }
};

// The source range of a whole expression on its first line (a binary node's own location is
// its operator): a caret under all of `结余 / 预算`, not only under `/`.
Loc span(const Expr& e);

// A tier bound, a grade band or an input's range, always as an interval: `≤ 10%` is
// (−∞, 10%], `= 100%` is [100%, 100%].
// The bounds and their closedness, read per tier tried, before the location (read on errors).
struct Interval {
    ExprPtr low, high;  // null = unbounded
    bool low_closed = false, high_closed = false;
    Loc loc;
};

struct Scoring;
using ScoringPtr = std::unique_ptr<Scoring>;

// What trying a tier reads (its bound, result and implied sides) first; tiers are tried in a
// row, so a smaller Tier is fewer cache lines per table.
struct Tier {
    std::optional<Interval> bound;  // none = 其余 (otherwise)
    ScoringPtr result;
    // Set by lower::skip_implied_bounds: a side of `bound` that always holds once the tiers
    // before it did not match (after `≤ 10%`, the 10% of `(10%, 20%]`), so it is not compared.
    bool low_implied = false, high_implied = false;
    std::string grade;  // a row of 等级系数: the grade (优, A) this tier is for; then `bound` is empty
    Loc loc;
};

struct Deduction {
    enum class Kind { PerItem, Conditional };
    Kind kind;
    Loc loc;
    ExprPtr subject;  // the count (per item) or the condition
    ExprPtr amount;
    // One row of a tier table inside 扣分 (按 n 分档 { 3（含）至5 扣 0.5 分 … }), lowered to the
    // condition `n in row`: the rows are checked as tiers (no overlap), not as separate conditions.
    bool from_tiers = false;
    std::string row_text;  // from_tiers: the row as written (3（含）至5), for the explanation
};

struct Indicator;
struct GradeBand;

// P1/P2: a band of a qualitative goal row (达成 [80%, 100%]) that the assessor's rate must fall in.
struct QualitativeBand {
    std::string name;
    Loc loc;
    std::unique_ptr<Interval> bound;
};

// Laid out for the evaluator as Expr is: what every rule reads (its kind, value, branches,
// tiers and flags) in the first 64-byte line, what parts, deductions and discretion read in the
// second, what steps and reasons read in the third; the location and what only the checker or
// an explanation reads last.
struct alignas(64) Scoring {
    enum class Kind { Full, Zero, Score, If, Tiers, Step, Proportion, Deductions, Parts, Discretion, Completion };
    Kind kind;
    int rate_slot = -1;                // Completion: the slot of 完成率 for the row being scored
    ExprPtr value;             // Score: the points; If: condition; Tiers/Step/Proportion: value
    ScoringPtr then_, else_;   // If
    std::vector<Tier> tiers;   // Tiers
    bool partial_step_counts = false;  // Step: 不足一档按一档计 (true) or 不足一档不计 (false)
    bool downward = false;             // Step: 每低于 — steps counted below `base`, not above it
    bool by_grade = false;             // Tiers: 按 评价 等级系数 … — one tier per grade, matched by text
    bool discretion_deducts = false;   // Discretion: 酌情扣 (true) or 酌情得 (false)
    // Discretion written `按 财务核查 扣分`: the number, its bounds and the reason all come from
    // one 核查 input (the resolver copies the input's declared bounds into `range`).
    bool finding = false;
    bool split_by_row_weight = false;  // Completion: 分值分配 按权重 (true) or 平均 (false)
    // Completion, 按权重: what a row's 权重 is. 按权重（分值）: its points, adding up to the
    // indicator's; 按权重（占比）: its share, adding up to 100%. Never a bare proportion, which
    // rescaled a lone row of weight 2 to all 70 points without a word.
    bool row_weight_is_share = false;
    std::vector<std::unique_ptr<Indicator>> parts;  // Parts: each with its share and its own rule
    std::vector<Deduction> deductions;
    ExprPtr cap;               // Proportion: the rate cap
    std::unique_ptr<Interval> range;   // Discretion: the bounds of the assessor's number
    ExprPtr base;              // Step: the value above which steps count (0 when absent)
    ExprPtr step, amount;      // Step: the step width and the deduction per step
    ExprPtr reason;                    // Discretion: the reason (a text input)
    Loc loc;
    // Deductions: each tier table written in the block, as written (its rows are also lowered
    // into `deductions`); the checker sweeps them for overlaps.
    std::vector<ScoringPtr> deduction_tiers;
    std::vector<QualitativeBand> bands;  // Completion: 定性 { 达成 [80%, 100%] … }

    Scoring(Kind k, Loc l) : kind(k), loc(l) {}
};

struct LocalDef {
    std::string name;
    Loc loc;
    ExprPtr value;
    int slot = -1;  // resolver
    // A value of the whole ruleset (written outside every indicator), copied into each top-level
    // indicator that reads it: one value to a reader, however many copies.
    bool shared = false;
};

// P14: when the indicator (or one part of its 分项) does not apply, its points move to another
// leaf or part, or are granted full points with a reason.
struct NotApplicable {
    Loc loc;
    ExprPtr condition;
    bool move = false;
    std::vector<std::string> target_path;  // move
    Loc target_loc;
    ExprPtr reason;                        // grant
    const Indicator* target = nullptr;     // resolver: a leaf, or a part of a leaf's 分项
};

// What scoring and the sheet read for every leaf and part (its rule, index, share, children)
// first, in one 64-byte line, as Expr's; the names and texts after.
struct alignas(64) Indicator {
    enum class Role { Indicator, Part, Bonus, Penalty };
    Role role = Role::Indicator;
    bool share_is_percent = false;
    int index = -1;  // resolver: position in the ruleset's preorder list
    // resolver: a part of a leaf's own 分项 (not one nested under 若 or a tier): its position in
    // Ruleset::parts. Such a part can be not applicable and can take points moved to it.
    int part_index = -1;
    int depth = 0;   // resolver: 1 for top level
    ScoringPtr scoring;  // leaves only
    Decimal share;                 // Part: a share of the parent's points (percent) or points
    std::vector<std::unique_ptr<Indicator>> children;
    Decimal weight;
    Decimal cap;                   // Bonus/Penalty: the most it can add or take
    std::vector<LocalDef> locals;
    std::vector<NotApplicable> not_applicable;
    int declared_level = 0;  // 1 … 6 for 一级 … 六级指标; 0 for plain 指标
    std::string name;
    Loc loc, name_loc, weight_loc;
    std::string explanation, standard;
};

struct InputDecl {
    std::string name;
    Loc loc;
    ValueType type = ValueType::Number;
    ValueType element = ValueType::Unknown;  // 列表(百分比): the type of each item
    std::string unit;  // 万元 for 金额(万元)
    std::optional<Interval> range;
    std::string label;
    std::shared_ptr<struct DataValue> fallback;  // 默认: used when the data leaves it out
    int slot = -1;
};

struct GradeBand {
    std::string name;
    Loc loc;
    Interval bound;
};

struct Rounding {
    enum class Where { Leaves, Total };
    Where where = Where::Leaves;
    int places = 2;
    Loc loc;
};

struct DataEntry;
struct DataField;
struct DataValue {
    enum class Kind { Number, Bool, Text, List, Object };
    Kind kind = Kind::Number;
    Loc loc;
    Decimal number;
    bool percent = false;
    bool boolean = false;
    std::string text;
    std::vector<DataValue> list;
    std::vector<DataField> fields;  // Object (a goal-table row)

    const DataValue* field(const std::string& name) const;
};

// One field of an object: its name and value, named like the std::pair it replaces. A
// std::pair holding the type that holds the vector does not compile with clang and
// libstdc++ 12 in C++20 (pair's explicit(bool) default constructor asks whether DataValue is
// destructible while DataValue's destructor is being defined); the fuzzers are built with clang.
struct DataField {
    std::string first;
    DataValue second;
    DataField() = default;
    DataField(std::string name, DataValue value) : first(std::move(name)), second(std::move(value)) {}
};

inline const DataValue* DataValue::field(const std::string& name) const {
    for (const auto& f : fields)
        if (f.first == name) return &f.second;
    return nullptr;
}

struct DataEntry {
    std::string name;
    Loc loc;
    DataValue value;
};

struct DataBlock {
    Loc loc;
    std::string department;
    std::optional<int> year;
    std::vector<DataEntry> entries;
};

struct Expectation {
    enum class Kind { Score, Total, Grade };
    Kind kind;
    Loc loc;
    std::vector<std::string> path;
    Decimal value;
    std::string grade;
};

struct TestCase {
    std::string name;
    Loc loc;
    std::vector<std::pair<std::string, Loc>> given_files;  // relative to the test's file
    std::vector<std::pair<std::string, Loc>> expected_errors;
    std::vector<DataEntry> given;
    std::vector<Expectation> expectations;
};

// What a 替换 or a 修改 … 分值 says about the changed indicator's published 标准 or 解释: nothing
// (the old text would stay silently), a new text, or 沿用标准/沿用解释 (the old text, on purpose).
struct SheetText {
    enum class How { Unstated, Stated, Kept };
    How how = How::Unstated;
    std::string text;  // Stated
    Loc loc;
};

// A change to an imported ruleset: 修改 路径 分值 N, 替换 路径 {…}, 删除 路径, 增加 到 路径 {…}.
struct Modification {
    enum class Kind { Weight, Replace, Remove, Add, Order };
    Kind kind;
    Loc loc;
    std::vector<std::string> path;
    Loc path_loc;
    Decimal weight;
    std::unique_ptr<Indicator> replacement;  // Replace: the new members (name and weight unused)
    std::vector<std::unique_ptr<Indicator>> added;
    // Order: these sub-indicators of `path` (the top level when empty) come first, in this
    // order; the others follow as they were.
    std::vector<std::string> order;
    std::vector<Loc> order_locs;
    // Replace and Weight: what becomes of the indicator's 标准 and 解释.
    SheetText standard, explanation;
};

struct Import {
    std::string path;
    Loc loc;
    std::size_t position = 0;  // imported indicators go where the 引用 line stands
};

struct Module {
    SourcePtr source;
    std::vector<SourcePtr> imported_sources;  // kept alive: imported nodes point into them
    std::vector<Import> imports;
    std::vector<Modification> modifications;
    std::vector<std::unique_ptr<Indicator>> adjustments;  // 加分项 / 减分项
    std::optional<std::string> title;
    Loc title_loc;
    std::optional<int> year;
    std::optional<Decimal> total;
    Loc total_loc;
    std::vector<InputDecl> inputs;
    Loc inputs_loc;
    std::vector<GradeBand> grades;
    std::optional<Rounding> rounding;
    std::vector<std::unique_ptr<Indicator>> indicators;
    std::vector<DataBlock> data;
    std::vector<TestCase> tests;
};

}  // namespace pingfen::ast
