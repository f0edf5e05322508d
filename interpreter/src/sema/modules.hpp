// Modules: a ruleset that imports (引用) others gets their inputs, grades, rounding and
// indicators, then changes what differs (修改 分值, 替换, 删除, 增加 到) without copying the rest.
#pragma once

#include <functional>
#include <memory>
#include <optional>
#include <string>

#include "ast/ast.hpp"
#include "diag/diag.hpp"
#include "front/parse.hpp"

namespace pingfen::sema {

// Reads an imported file; nullopt when it cannot be read.
using FileReader = std::function<std::optional<std::string>(const std::string& path)>;
FileReader filesystem_reader();

// Parses `root` and everything it imports; returns one merged module with the modifications
// applied, or null after syntax errors. Other problems are reported and the merge goes on.
std::unique_ptr<ast::Module> load_modules(SourcePtr root, const front::ParseLimits& limits,
                                          const FileReader& read, DiagnosticSink& sink);

}  // namespace pingfen::sema
