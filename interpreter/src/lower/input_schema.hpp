// The declared inputs as binding reads them for every department, side by side in one array:
// a declaration is four cache lines and its range's bounds two more expression nodes, which for
// a ruleset of thousands of inputs no longer fit the caches binding runs through (the log-log
// slope of one department's score() over ruleset size was that).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "sema/ruleset.hpp"

namespace pingfen::lower {

struct InputSchema {
    std::string_view name;  // into InputSchemas::names
    int slot = -1;          // -1: a repeated declaration (a compile error), never bound
    ast::ValueType type = ast::ValueType::Number;
    bool fallback = false;  // it has a 默认
    bool read = false;      // some indicator reads it
    // The range's bounds written as numbers (Binder::within checks those alone).
    bool low = false, high = false, low_closed = false, high_closed = false;
    Decimal low_value, high_value;
};

struct InputSchemas {
    std::string names;  // every input's name, one after another
    std::vector<InputSchema> inputs;  // as Module::inputs, position for position
};

std::shared_ptr<const InputSchemas> input_schemas(const Ruleset& r);

}  // namespace pingfen::lower
