#include "lower/input_schema.hpp"

namespace pingfen::lower {

std::shared_ptr<const InputSchemas> input_schemas(const Ruleset& r) {
    auto out = std::make_shared<InputSchemas>();
    const auto& inputs = r.module->inputs;
    std::size_t bytes = 0;
    for (const auto& in : inputs) bytes += in.name.size();
    out->names.reserve(bytes);  // the views below point into it: it must not move
    for (const auto& in : inputs) out->names += in.name;
    std::size_t at = 0;
    out->inputs.reserve(inputs.size());
    for (const auto& in : inputs) {
        InputSchema s;
        s.name = std::string_view(out->names).substr(at, in.name.size());
        at += in.name.size();
        s.slot = in.slot;
        s.type = in.type;
        s.fallback = in.fallback != nullptr;
        s.read = in.slot >= 0 && static_cast<std::size_t>(in.slot) < r.users_of_input.size() &&
                 !r.users_of_input[static_cast<std::size_t>(in.slot)].empty();
        if (in.range) {
            const ast::Interval& iv = *in.range;
            s.low = iv.low && iv.low->kind == ast::Expr::Kind::Number;
            s.high = iv.high && iv.high->kind == ast::Expr::Kind::Number;
            if (s.low) s.low_value = iv.low->number;
            if (s.high) s.high_value = iv.high->number;
            s.low_closed = iv.low_closed;
            s.high_closed = iv.high_closed;
        }
        out->inputs.push_back(s);
    }
    return out;
}

}  // namespace pingfen::lower
