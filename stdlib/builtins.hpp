// The built-in functions of the language, each with its Chinese and English name. The
// resolver binds a call to an index in this table; the evaluator calls through it.
#pragma once

#include <span>
#include <string_view>

#include "ast/ast.hpp"
#include "eval/value.hpp"

namespace pingfen::stdlib {

struct Builtin {
    const char* name_zh;
    const char* name_en;
    int min_args, max_args;  // max_args < 0: any number
    // The result type from the argument types; Unknown when they do not fit (the resolver
    // then reports `expects`).
    ast::ValueType (*result_type)(std::span<const ast::ValueType> args);
    Value (*call)(std::span<const Value> args, const Loc& loc);
    const char* expects_zh;
    const char* expects_en;
};

std::span<const Builtin> builtins();
int find_builtin(std::string_view name);  // -1 when unknown

}  // namespace pingfen::stdlib
