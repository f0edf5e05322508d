// For tests of the front end: a text parsed as a ruleset file and its AST dumped, or "ERROR "
// followed by the diagnostics, so two spellings can be compared as trees.
#pragma once

#include <memory>
#include <string>

#include "ast/dump.hpp"
#include "front/parse.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::test {

inline std::string parse_dump(const std::string& text) {
    DiagnosticSink sink;
    auto src = std::make_shared<const SourceFile>("t.pf", text);
    auto m = front::parse_module(src, front::ParseLimits{}, sink);
    auto ds = sink.take();
    if (!m || has_errors(ds)) {
        std::string out;
        for (const auto& d : ds) out += render(d);
        return "ERROR " + out;
    }
    return ast::dump(*m);
}

}  // namespace pingfen::test
