// The inputs the lowered program reads as numbers and as yes/no, packed when the data is bound:
// 16 bytes a number and one a yes/no, where each datum's Value is 40 and lies among the
// others. A department's inputs are read once per scoring, often from memory that no longer
// holds them (a host scoring a pool of bound departments in turn): packed, they are a few cache
// lines (huadu: a third fewer first-level data misses a department, README's speed section).
#pragma once

#include <vector>

#include "eval/value.hpp"
#include "lower/program.hpp"

namespace pingfen::lower {

struct InputFrame {
    const Program* program = nullptr;  // the program it was packed for
    // Per Program::number_inputs: the datum, or NaN (not finite) when the slot holds no number
    // (not given, or ill-typed): the program then gives the leaf up to the AST walk, which
    // reports it, as it does reading the slot's Value.
    std::vector<Decimal> numbers;
    // Per Program::bool_inputs: 0 no, 1 yes, 2 no yes/no (given up on in the same way).
    std::vector<unsigned char> bools;
};

// `out` from the data bound to `given` (its buffers reused).
void fill_input_frame(const Program& p, const std::vector<Value>& given, InputFrame& out);

}  // namespace pingfen::lower
