// What 替换 and 修改 … 分值 do to an imported indicator, beyond its rule and its weight.
//
// The published sheet prints each indicator's 标准 and 解释 beside its score, so a changed rule
// or weight under the old text is a sheet that contradicts itself ("≤10% 得2分" beside a score
// computed from tiers at 2%). Here a change must say what becomes of that text: a new one, or
// 沿用标准/沿用解释 to keep the old one on purpose; text kept without being asked for is an
// error (E0605 after 替换, E0606 after 修改 … 分值 when the text names the old points).
//
// 替换 keeps the old indicator's named values that the new text uses without defining them, in
// a file as in the REPL (whose session is a file importing the loaded one).
#pragma once

#include <map>
#include <optional>
#include <string>

#include "ast/ast.hpp"
#include "diag/diag.hpp"

namespace pingfen::sema {

// One per file whose modifications are applied: it remembers what earlier changes in that file
// already said about an indicator's text and weight.
class IndicatorChanges {
public:
    explicit IndicatorChanges(DiagnosticSink& sink) : sink_(sink) {}

    // 替换 路径 { … }: `mod.replacement`'s members go into `target`.
    void replace(ast::Indicator& target, ast::Modification& mod, const std::string& path);
    // 修改 路径 分值 N [标准 "…" | 沿用标准 …].
    void change_weight(ast::Indicator& target, const ast::Modification& mod, const std::string& path);

private:
    struct Settled {
        ast::SheetText::How standard = ast::SheetText::How::Unstated;
        ast::SheetText::How explanation = ast::SheetText::How::Unstated;
        std::optional<Decimal> imported_weight;  // before this file changed it
    };
    DiagnosticSink& sink_;
    std::map<const ast::Indicator*, Settled> settled_;

    void keep_used_named_values(ast::Indicator& target, ast::Indicator& replacement);
    void weight_and_text(ast::Indicator& target, const ast::Modification& mod, const std::string& path,
                         const Decimal& imported, bool standard);
};

// Where `text` names `points` as points ("得8分", "计 8 分", "８分"), the number as written;
// empty when it does not. "8分之1" is a fraction, not points.
std::string names_points(const std::string& text, const Decimal& points);

}  // namespace pingfen::sema
