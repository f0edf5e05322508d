#include "check/rounding.hpp"

#include <fmt/format.h>

#include "builtins.hpp"

namespace pingfen::check {

using namespace ast;

void RoundingCheck::score(const Expr& e, const Expr* used_at, int depth) {
    if (depth > 64) return;
    if (e.kind == Expr::Kind::Name && e.slot >= 0 && static_cast<std::size_t>(e.slot) < r_.local_of_slot.size()) {
        const LocalDef* def = r_.local_of_slot[static_cast<std::size_t>(e.slot)];
        if (def && def->value) score(*def->value, used_at ? used_at : &e, depth + 1);
        return;
    }
    if (e.kind == Expr::Kind::Cond) {
        score(*e.args[1], used_at, depth + 1);
        score(*e.args[2], used_at, depth + 1);
        return;
    }
    if (e.kind != Expr::Kind::Call || e.builtin < 0) return;
    if (used_at && !reported_.insert({e.loc.file, {e.loc.line, e.loc.column}}).second) return;
    if (std::string(stdlib::builtins()[static_cast<std::size_t>(e.builtin)].name_en) != "round_half_up") return;
    const auto& ro = r_.module->rounding;
    if (!ro) return;
    if (ro->where == Rounding::Where::Leaves) {
        // To as many places or fewer, the leaf's own rounding changes nothing: only redundant.
        // To more places, rounding twice can differ from rounding once.
        const Expr* places = e.args.size() == 2 ? e.args[1].get() : nullptr;
        const bool literal = places && places->kind == Expr::Kind::Number;
        if (literal && !(Decimal::from_int(ro->places) < places->number)) {
            const std::string n = places->number.to_string();
            sink_.warning("W0601", span(e),
                          fmt::format("规则集已规定各指标得分四舍五入保留 {} 位，这里再舍入到 {} 位是多余的", ro->places, n),
                          fmt::format("the ruleset already rounds each leaf to {} places; rounding here to {} is redundant",
                                      ro->places, n));
        } else {
            const std::string n = literal ? places->number.to_string() + " 位" : "更多位";
            const std::string n_en = literal ? places->number.to_string() + " places" : "more places";
            sink_.warning("W0601", span(e),
                          fmt::format("这里先舍入到 {}，规则集再把得分舍入到 {} 位，结果可能与直接舍入不同"
                                      "（2.6749 先到 2.675 再到 2.68，直接舍入为 2.67）", n, ro->places),
                          fmt::format("this rounds to {} and the ruleset then rounds the score to {} places, which can "
                                      "differ from rounding once (2.6749 → 2.675 → 2.68, but 2.67 directly)", n_en, ro->places));
        }
    } else {
        sink_.warning("W0602", span(e), "规则集规定只舍入总分，这里却舍入了指标得分",
                      "the ruleset rounds only the total, but this rounds a leaf score");
    }
    sink_.last().notes.push_back(make_note(ro->loc, "舍入方式在这里声明", "rounding is declared here"));
    if (used_at)
        sink_.last().notes.push_back(make_note(span(*used_at), fmt::format("`{}` 在这里作为得分", used_at->text),
                                               fmt::format("`{}` is the score here", used_at->text)));
}

}  // namespace pingfen::check
