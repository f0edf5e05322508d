// A goal table's rows with their columns found and their targets read once, when the data is
// bound: the evaluator reads a row's 目标, 实际, 权重 … by position and never parses "≥800" or
// searches a row for a column name while scoring.
#pragma once

#include <string_view>
#include <vector>

#include "ast/ast.hpp"

namespace pingfen::lower {

// A goal's target as written in the goal table: 1, 100%, ≥2, ≤5%, 0, or words (是, 基本持平).
struct Target {
    enum class Kind : unsigned char { AtLeast, AtMost, Words };
    Kind kind = Kind::AtLeast;
    bool percent = false;
    Decimal value;
    std::string_view words;  // into the department's data, which outlives the evaluation
};

// "98", "98%", "98％" (trailing spaces allowed) as an exact number; false when it is none.
bool parse_number_text(std::string_view t, Decimal& out, bool& percent);
Target parse_target(const ast::DataValue& v);
// A target as staff type it, when the plain forms above do not read it: spaces around the
// sign (≥ 800), full-width characters (≥８００), and the words of a standard (不低于800, 不超过5%,
// 800以上, 5%以内). False when it is none of these (`t` then says nothing).
bool as_typed(std::string_view text, Target& t);
// A row's 方向: 越低越好 (also 越小越好, 越少越好, 反向, 逆向, lower) or 越高越好 (越大越好, 越多越好, 正向,
// higher, empty); anything else is Unknown, refused when the data is bound (E0411) rather than
// scored as 越高越好.
enum class Direction { Higher, Lower, Unknown };
Direction direction_of(const ast::DataValue& v);
// An actual value as typed: spaces before it, full-width digits (８１２).
bool typed_number(std::string_view text, Decimal& out, bool& percent);
// Words that hold a digit (≥800家, ＞800, 约800): a number meant as one but not readable as one,
// which compared as words with a numeric 实际 would never be met — refused when bound.
bool unreadable_number(std::string_view words);

// One row, its columns by name (the first of a repeated name, as a lookup would find it);
// null for a column the row does not have. What scoring a row reads comes first, within the
// row's first cache line (a row of numbers is read from that line alone): the rows of the
// departments scored in turn are seldom in the cache still.
struct alignas(64) GoalRow {
    // Copies of the numbers scoring reads from every row: the row's columns lie wherever the
    // data reader put them.
    Decimal weight_number;  // weight->number, when there is a weight
    Decimal actual_number;  // actual->number, or its text read as a number, when actual_is_number
    bool actual_is_number = false;
    bool has_band = false;  // a 档次 column (band is not null)
    bool words_met = false;  // a Words target: actual_text is its words
    enum : unsigned char { kBandText = 1, kReasonText = 2, kActualText = 4 };
    unsigned char texts = 0;  // which of 档次, 说明 and 实际 are texts (band_text … below)
    // Of the whole table, kept in its first row by bind_goal_rows (a 按权重 rule checks and adds
    // the weights of every row before scoring any): the index of the first row without a positive
    // 权重 (-1: none), and the sum of the weights in row order when there is none.
    int table_bad_weight = -1;
    Target goal;  // the target read, 方向 越低越好 applied (its words, read only when explaining, past the line)
    bool actual_percent = false;
    Decimal table_weight_sum;
    Decimal rate_number;  // rate->number, when there is a 得分率
    // The texts of 档次, 说明 and 实际 when they are texts (else empty, and `texts` says which are).
    std::string_view band_text, reason_text, actual_text;
    const ast::DataValue* row = nullptr;
    const ast::DataValue *name = nullptr, *target = nullptr, *actual = nullptr, *weight = nullptr, *direction = nullptr,
                         *band = nullptr, *rate = nullptr, *reason = nullptr;
};

GoalRow bind_goal_row(const ast::DataValue& row);
// Every row of `rows` into `out` (its buffer reused).
void bind_goal_rows(const std::vector<ast::DataValue>& rows, std::vector<GoalRow>& out);

}  // namespace pingfen::lower
