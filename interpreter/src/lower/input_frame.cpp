#include "lower/input_frame.hpp"

namespace pingfen::lower {

namespace {

const Decimal kNotANumber = Decimal() / Decimal();  // 0 ÷ 0

}  // namespace

void fill_input_frame(const Program& p, const std::vector<Value>& given, InputFrame& out) {
    out.program = &p;
    out.numbers.resize(p.number_inputs.size());
    out.bools.resize(p.bool_inputs.size());
    for (std::size_t k = 0; k < p.number_inputs.size(); ++k) {
        const std::size_t slot = p.number_inputs[k];
        const Value* v = slot < given.size() ? &given[slot] : nullptr;
        out.numbers[k] = v && v->kind == Value::Kind::Number ? v->number : kNotANumber;
    }
    for (std::size_t k = 0; k < p.bool_inputs.size(); ++k) {
        const std::size_t slot = p.bool_inputs[k];
        const Value* v = slot < given.size() ? &given[slot] : nullptr;
        out.bools[k] = v && v->kind == Value::Kind::Bool ? (v->boolean ? 1 : 0) : 2;
    }
}

}  // namespace pingfen::lower
