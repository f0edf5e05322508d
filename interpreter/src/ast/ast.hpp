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
enum class ValueType { Unknown, Number, Percent, Amount, Count, Bool, Text, List };

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

struct Expr {
    enum class Kind { Number, Bool, Text, Weight, Name, Call, Negate, Not, Binary, Cond };
    Kind kind;
    Loc loc;
    Decimal number;        // Number
    bool percent = false;  // Number written as a percent literal (shown as 5%)
    bool boolean = false;  // Bool
    std::string text;      // Name, Call (callee), Text
    BinaryOp op = BinaryOp::Add;
    std::vector<ExprPtr> args;  // operands, call arguments, or cond/then/else

    // Filled by the resolver.
    int slot = -1;        // Name: the value's slot
    int builtin = -1;     // Call: index into the builtin table
    ValueType type = ValueType::Unknown;

    Expr(Kind k, Loc l) : kind(k), loc(l) {}
};

// A tier bound, a grade band or an input's range, always as an interval: `≤ 10%` is
// (−∞, 10%], `= 100%` is [100%, 100%].
struct Interval {
    Loc loc;
    ExprPtr low, high;  // null = unbounded
    bool low_closed = false, high_closed = false;
};

struct Scoring;
using ScoringPtr = std::unique_ptr<Scoring>;

struct Tier {
    Loc loc;
    std::optional<Interval> bound;  // none = 其余 (otherwise)
    ScoringPtr result;
};

struct Deduction {
    enum class Kind { PerItem, Conditional };
    Kind kind;
    Loc loc;
    ExprPtr subject;  // the count (per item) or the condition
    ExprPtr amount;
};

struct Scoring {
    enum class Kind { Full, Zero, Score, If, Tiers, Step, Proportion, Deductions };
    Kind kind;
    Loc loc;
    ExprPtr value;             // Score: the points; If: condition; Tiers/Step/Proportion: value
    ScoringPtr then_, else_;   // If
    std::vector<Tier> tiers;   // Tiers
    ExprPtr base;              // Step: the value above which steps count (0 when absent)
    ExprPtr step, amount;      // Step: the step width and the deduction per step
    bool partial_step_counts = false;  // Step: 不足一档按一档计 (true) or 不足一档不计 (false)
    ExprPtr cap;               // Proportion: the rate cap
    std::vector<Deduction> deductions;

    Scoring(Kind k, Loc l) : kind(k), loc(l) {}
};

struct LocalDef {
    std::string name;
    Loc loc;
    ExprPtr value;
    int slot = -1;  // resolver
};

struct Indicator {
    std::string name;
    Loc loc, name_loc, weight_loc;
    int declared_level = 0;  // 1, 2, 3 for 一级/二级/三级指标; 0 for plain 指标
    Decimal weight;
    std::string explanation, standard;
    std::vector<LocalDef> locals;
    std::vector<std::unique_ptr<Indicator>> children;
    ScoringPtr scoring;  // leaves only

    int index = -1;  // resolver: position in the ruleset's preorder list
    int depth = 0;   // resolver: 1 for top level
};

struct InputDecl {
    std::string name;
    Loc loc;
    ValueType type = ValueType::Number;
    std::string unit;  // 万元 for 金额(万元)
    std::optional<Interval> range;
    std::string label;
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
struct DataValue {
    enum class Kind { Number, Bool, Text, List };
    Kind kind = Kind::Number;
    Loc loc;
    Decimal number;
    bool percent = false;
    bool boolean = false;
    std::string text;
    std::vector<DataValue> list;
};

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
    std::vector<DataEntry> given;
    std::vector<Expectation> expectations;
};

struct Module {
    SourcePtr source;
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
