// A leaf's score rounded by the rule when the ruleset already rounds (W0601) or rounds only the
// total (W0602): where the score is written, or inside the named values and branches it is made
// of (支出率得分 = 四舍五入(…, 3), then 得 支出率得分 分).
#pragma once

#include <set>
#include <utility>

#include "diag/diag.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::check {

class RoundingCheck {
public:
    RoundingCheck(const Ruleset& r, DiagnosticSink& sink) : r_(r), sink_(sink) {}
    // `e` is a score; `used_at` the name through which it was reached, for the note.
    void score(const ast::Expr& e, const ast::Expr* used_at = nullptr, int depth = 0);

private:
    const Ruleset& r_;
    DiagnosticSink& sink_;
    // A named value shared by the parts of one indicator is reported once.
    std::set<std::pair<const SourceFile*, std::pair<int, int>>> reported_;
};

}  // namespace pingfen::check
