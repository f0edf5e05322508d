// A compiled ruleset's rules lowered to a compact program (issue 14, item 1): expressions as
// 16-byte nodes and rules as small records in a few contiguous arrays, constants converted once,
// tier bounds that the tiers before settle dropped. The evaluator runs it for a leaf scored
// without explanation and without recording choices (eval/run_program.cpp): the AST it replaces
// is several cache lines a node, larger than the first-level cache for a ruleset like huadu's.
//
// It counts the steps the AST walk counts (a literal read as a number none, any other node one)
// and caches named values as it does, so a leaf's steps and every later leaf's are the same
// whichever way it was scored. What it does not lower (function calls, texts, goal tables,
// grade tiers, findings) stays an `Ast` node or rule, evaluated by the AST walk in place; where
// the AST walk would report an error, the program gives up on the leaf, the evaluator undoes
// what it cached for it and scores it again by the AST walk, which reports the error itself.
#pragma once

#include <cstdint>
#include <vector>

#include "sema/ruleset.hpp"

namespace pingfen::lower {

constexpr std::uint32_t kNone = UINT32_MAX;

struct Node {
    enum class Op : std::uint8_t {
        Number,     // a: index into constants
        Bool,       // a: 0 or 1
        Weight,     // 分值 where the rule is
        Slot,       // a: slot; b: the named value's definition (a node), or kNone (a datum read whole, 完成率)
        InputNumber, InputBool,  // a datum read as a number, as yes/no: a: index into the InputFrame's; b: slot
        Negate,     // a
        Not,        // a
        Add, Sub, Mul, Div,          // a, b
        Lt, Le, Gt, Ge,              // a, b: numbers
        And, Or,                     // a, b: conditions
        EqNumber, NeNumber,          // a, b
        EqBool, NeBool,              // a, b
        Cond,                        // a: condition; b, c: the branches
        Call,                        // a: index into exprs (the call); b: first of its arguments in call_args; c: their count
        AstNumber, AstCondition, AstValue,  // a: index into exprs, evaluated by the AST walk
    };
    enum class Yields : std::uint8_t { Number, Bool, Value };  // Value: a datum read whole (a list, a text)
    Op op;
    std::uint8_t steps = 1;  // counted when evaluated: 0 for a literal read as a number
    std::uint8_t context = 0;  // Slot: the named value reads 分值, so is computed in each context
    Yields yields = Yields::Number;
    std::uint32_t a = kNone, b = kNone, c = kNone;
};
static_assert(sizeof(Node) == 16);

// A tier's interval with the sides it must compare (an implied side is dropped: kNone).
struct TierRow {
    std::uint32_t low = kNone, high = kNone;  // nodes
    bool low_closed = false, high_closed = false;
    bool otherwise = false;  // 其余: no bound
    std::uint32_t result = kNone;  // rule
};

struct DeductionRow {
    bool conditional = false;  // the subject is a condition; else a count
    std::uint32_t subject = kNone, amount = kNone;  // nodes
};

struct PartRow {
    std::uint32_t share = kNone;  // constant: the part's share (percent) or points
    // constant: the part's points when its 分项 is scored on the points it was lowered for
    // (Rule::d): the share of them computed at compile time (kNone: not known then).
    std::uint32_t points = kNone;
    bool percent = false;
    bool full_or_zero = false;  // its rule gives only 得满分 or 不得分 (Evaluator::within_by_rule)
    std::uint32_t rule = kNone;
    const ast::Indicator* part = nullptr;  // for part_, read by a rule left to the AST walk
};

struct Rule {
    enum class Kind : std::uint8_t { Full, Zero, Score, If, Tiers, Step, Proportion, Deductions, Parts, Discretion, Completion, Ast };
    Kind kind;
    bool flag_a = false;  // Step: partial steps count; Discretion: deducts; Completion: split by row weight
    bool flag_b = false;  // Step: downward (每低于); Completion: a row's weight is its share
    bool full_or_zero = false;  // as PartRow's, for the leaf's own rule
    bool low_closed = false, high_closed = false;  // Discretion: its range
    // Score: a = points. If: a = condition, b, c = rules. Tiers: a = subject, b = first row, c = rows.
    // Step: a = subject, b = base (kNone: 0), c = step, d = amount. Proportion: a = subject, b = cap.
    // Deductions, Parts: b = first row, c = rows; Parts: d = the points (a constant) its rows'
    // points were computed for, or kNone. Discretion: a = value, b, c = the range's low
    // and high (kNone: none), d = the reason (a node). Completion: a = the goal table (a node), b = first tier row,
    // c = rows (the tiers each goal row's rate is scored by), d = index into scorings (the goal
    // table, its bands and its rate's slot are read there). Ast: d = index into scorings.
    // A leaf's rule: its constant results already rounded (Program::rounded, from this index;
    // rounded_count of them). In the padding after the flags: the struct stays 32 bytes.
    std::uint8_t rounded_count = 0;
    std::uint32_t rounded = kNone;
    std::uint32_t a = kNone, b = kNone, c = kNone, d = kNone;
    // A leaf's rule whose points are within [0, the leaf's declared points] whatever the data
    // (its results constants within them, a proportion capped at 100% or less, a deduction per
    // step …): the constant of those points. Scored on them, the rule's points need no check.
    std::uint32_t within = kNone;
};
static_assert(sizeof(Rule) == 32);

// A result a leaf's rule gives whatever the data (its points, 0, a tier's 得 2 分) and its score
// rounded as the ruleset rounds leaves: scoring compares the result's bits with these instead of
// rounding it (about 70 instructions a leaf); the same encoding rounds to the same score.
struct Rounded {
    Decimal raw, rounded;
};

struct Program {
    std::vector<Node> nodes;
    std::vector<Decimal> constants;
    std::vector<Rule> rules;
    std::vector<TierRow> tiers;
    std::vector<DeductionRow> deductions;
    std::vector<PartRow> parts;
    std::vector<std::uint32_t> call_args;       // nodes: the arguments of each Call, in order
    std::vector<const ast::Expr*> exprs;        // for Call and the Ast nodes
    std::vector<const ast::Scoring*> scorings;  // for Rule::Kind::Ast
    std::vector<std::uint32_t> leaf_rule;       // per indicator: its rule, or kNone (not a leaf)
    std::vector<Rounded> rounded;               // see Rule::rounded
    // The slots of the data read as numbers and as yes/no (InputNumber, InputBool), in the
    // order of their packed copies (lower/input_frame.hpp).
    std::vector<std::uint32_t> number_inputs, bool_inputs;
};

// Lowers every leaf's rule of a resolved, checked ruleset (after skip_implied_bounds).
std::shared_ptr<const Program> lower_program(const Ruleset& r);

}  // namespace pingfen::lower
