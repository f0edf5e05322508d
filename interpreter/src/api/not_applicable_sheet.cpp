#include "api/not_applicable_sheet.hpp"

#include <fmt/format.h>

namespace pingfen::api {

namespace {

std::string arrived(const Ruleset& r, const eval::Fate& f, bool en) {
    std::string out;
    for (const auto& a : f.arrived)
        out += fmt::format(fmt::runtime(en ? ", including {} points moved from {}" : "，含自 {} 移入的 {} 分"),
                           en ? a.points.to_string() : r.path_text(*a.from), en ? r.path_text(*a.from) : a.points.to_string());
    return out;
}

// Each part's own clause was reached (pingfen test --coverage counts them).
void record_parts(const eval::Applicability& a, const ast::Indicator& leaf, eval::Evaluator& ev) {
    for (std::size_t k = 0; k < leaf.scoring->parts.size(); ++k) {
        const ast::Indicator& p = *leaf.scoring->parts[k];
        const eval::Fate& pf = a.part(p);
        eval::Choice c;
        c.kind = eval::Choice::Kind::MovedOut;
        c.rule = leaf.scoring.get();
        c.index = k;
        c.scope = p.name;
        c.points = pf.moved;
        c.target = pf.clause->target;
        ev.add_choice(leaf, std::move(c));
    }
}

}  // namespace

std::string moved_out(const Ruleset& r, const eval::Applicability& a, const ast::Indicator& leaf, bool en, eval::Evaluator& ev) {
    const eval::Fate& f = a.leaf(leaf);
    eval::Choice moved;
    moved.kind = eval::Choice::Kind::MovedOut;
    moved.target = f.clause ? f.clause->target : nullptr;
    moved.points = f.moved;
    if (f.by_parts) {  // not the leaf's own clause (no outcome of its own): each part's follows
        moved.rule = leaf.scoring.get();
        moved.index = leaf.scoring->parts.size();
    }
    ev.record_choice(leaf, moved);
    if (!f.by_parts)
        return fmt::format(fmt::runtime(en ? "not applicable: its {} points move to {}{}" : "不适用，分值 {} 分移至 {}{}"),
                           f.moved.to_string(), r.path_text(*f.clause->target), arrived(r, f, en));
    record_parts(a, leaf, ev);
    const ast::Indicator* to = nullptr;
    bool one_target = true;
    std::string each;
    for (const auto& p : leaf.scoring->parts) {
        const eval::Fate& pf = a.part(*p);
        const ast::Indicator* t = pf.clause->target;
        one_target = one_target && (!to || to == t);
        to = t;
        each += fmt::format(fmt::runtime(en ? "{}part “{}”: {} points moved to “{}”" : "{}分项“{}”{}分调整至“{}”"),
                            each.empty() ? "" : (en ? "; " : "，"), p->name, pf.moved.to_string(), r.path_text(*t));
    }
    if (one_target)
        return fmt::format(fmt::runtime(en ? "not applicable (no part applies): its {} points move to {}{}"
                                           : "不适用（各分项均不适用），分值 {} 分移至 {}{}"),
                           f.moved.to_string(), r.path_text(*to), arrived(r, f, en));
    return fmt::format(fmt::runtime(en ? "not applicable (no part applies): {}{}" : "不适用（各分项均不适用）：{}{}"), each,
                       arrived(r, f, en));
}

std::string granted(const Ruleset& r, const eval::Applicability& a, const ast::Indicator& leaf, const Decimal& points,
                    bool en, eval::Evaluator& ev) {
    const eval::Fate& f = a.leaf(leaf);
    eval::Choice c;
    c.kind = eval::Choice::Kind::Granted;
    c.text = f.reason;
    ev.record_choice(leaf, c);
    return fmt::format(fmt::runtime(en ? "not applicable: full points, {} ({})" : "不适用，得满分 {} 分（{}）"), points.to_string(),
                       f.reason) +
           arrived(r, f, en);
}

std::string with_arrivals(const Ruleset& r, const eval::Applicability& a, const ast::Indicator& leaf, bool en,
                          std::string basis) {
    for (const auto& x : a.leaf(leaf).arrived)
        basis = fmt::format(fmt::runtime(en ? "includes {} points moved from {}; {}" : "含自 {} 移入的 {} 分，{}"),
                            en ? x.points.to_string() : r.path_text(*x.from), en ? r.path_text(*x.from) : x.points.to_string(),
                            basis);
    return basis;
}

}  // namespace pingfen::api
