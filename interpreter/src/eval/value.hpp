// A value during evaluation. Text and lists point into the ruleset or the department data,
// both of which outlive an evaluation, so a Value never allocates.
#pragma once

#include <string_view>
#include <vector>

#include "ast/ast.hpp"

namespace pingfen {

namespace lower {
struct GoalRow;
}

// 40 bytes: a department's bound inputs are an array of these, read once per scoring, so its
// size is cache lines (it was 56). A list never has a text, and nothing else has a list, so
// the two share their bytes; read `text` through words() where the kind is not known.
struct Value {
    enum class Kind : unsigned char { Missing, Number, Bool, Text, List };
    Kind kind = Kind::Missing;
    bool boolean = false;
    Decimal number;
    union {
        // Text; also a finding's reason (an assessor's finding is a Number with its reason).
        std::string_view text{};
        struct {  // List, only
            const std::vector<ast::DataValue>* list;
            // A goal table bound by bind_inputs: its rows' columns found and targets read, one
            // per element of `list`. Null for any other list.
            const lower::GoalRow* goal_rows;
        };
    };

    // The text of any value but a list, which has none (its bytes are the list's).
    std::string_view words() const { return kind == Kind::List ? std::string_view() : text; }

    static Value of(Decimal d) {
        Value v;
        v.kind = Kind::Number;
        v.number = d;
        return v;
    }
    static Value of_bool(bool b) {
        Value v;
        v.kind = Kind::Bool;
        v.boolean = b;
        return v;
    }
};

// An error in a rule found while evaluating it (division by zero, a value in no tier). It
// carries the rule's location; it is caught per indicator and becomes a Diagnostic.
struct EvalError {
    Loc loc;
    std::string zh, en;
    // The host's step budget ran out (ScoreOptions::max_steps): not a fault of this indicator,
    // reported once for the department rather than once per indicator.
    bool out_of_steps = false;
    // The input slot whose datum was not given, when that is what stopped the evaluation: the
    // host says so as E0401 for the indicators that read it (a datum is demanded only where it
    // is read, so the data may leave out what a branch not taken would have read).
    int missing_slot = -1;
};

}  // namespace pingfen
