#include "sema/needs.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

#include "eval/explain.hpp"

namespace pingfen::sema {
namespace {

using ast::Expr;
using ast::Indicator;
using ast::Scoring;

// One condition on the way to a read, in both languages.
struct Cond {
    std::string zh, en;
    bool operator==(const Cond& o) const { return zh == o.zh; }
};
// All the conditions that hold when the read happens (empty: whenever the node is evaluated).
using Path = std::vector<Cond>;
// Per input slot: the paths on which it is read, relative to the node analysed. A slot read
// whenever the node is evaluated has the single empty path.
using Reads = std::map<int, std::vector<Path>>;

bool always(const std::vector<Path>& paths) {
    return std::any_of(paths.begin(), paths.end(), [](const Path& p) { return p.empty(); });
}

void add(Reads& into, int slot, Path p) {
    std::vector<Path>& paths = into[slot];
    if (always(paths)) return;
    if (p.empty()) {
        paths.assign(1, Path{});
        return;
    }
    if (std::find(paths.begin(), paths.end(), p) == paths.end()) paths.push_back(std::move(p));
}

void merge(Reads& into, const Reads& from) {
    for (const auto& [slot, paths] : from)
        for (const auto& p : paths) add(into, slot, p);
}

// `from` read only when `c` holds.
void merge_under(Reads& into, const Reads& from, const Cond& c) {
    for (const auto& [slot, paths] : from)
        for (Path p : paths) {
            p.insert(p.begin(), c);
            add(into, slot, std::move(p));
        }
}

// Two alternatives (then/else, tier rows): what every one of them reads on every path is read
// whenever the choice is made; the rest only under its alternative's condition.
void merge_choice(Reads& into, const std::vector<std::pair<Reads, Cond>>& alternatives) {
    std::set<int> in_all;
    if (!alternatives.empty())
        for (const auto& [slot, paths] : alternatives.front().first)
            if (always(paths)) in_all.insert(slot);
    for (const auto& alt : alternatives)
        for (auto it = in_all.begin(); it != in_all.end();) {
            auto f = alt.first.find(*it);
            it = f != alt.first.end() && always(f->second) ? std::next(it) : in_all.erase(it);
        }
    for (int slot : in_all) add(into, slot, Path{});
    for (const auto& [reads, c] : alternatives) merge_under(into, reads, c);
}

// The condition under which `reads` happen, worked out only when there are any: the words of a
// condition (formulas in two languages) were most of this pass, and most alternatives (a tier
// row's points, 则 0 分) read nothing.
template <class Words>
std::pair<Reads, Cond> under(Reads reads, Words words) {
    Cond c;
    if (!reads.empty()) c = words();
    return {std::move(reads), std::move(c)};
}

class Needs {
public:
    explicit Needs(const Ruleset& r) : r_(r) {}

    Reads expr(const Expr& e) {
        Reads out;
        switch (e.kind) {
            case Expr::Kind::Name: name(e, out); break;
            case Expr::Kind::Cond:
                merge(out, expr(*e.args[0]));
                merge_choice(out, {under(expr(*e.args[1]), [&] { return holds(*e.args[0], true); }),
                                   under(expr(*e.args[2]), [&] { return holds(*e.args[0], false); })});
                break;
            case Expr::Kind::Binary:
                if (e.op == ast::BinaryOp::And || e.op == ast::BinaryOp::Or) {
                    // 且 reads its right side only when the left holds; 或 only when it does not.
                    merge(out, expr(*e.args[0]));
                    if (Reads right = expr(*e.args[1]); !right.empty())
                        merge_under(out, right, holds(*e.args[0], e.op == ast::BinaryOp::And));
                    break;
                }
                [[fallthrough]];
            default:
                for (const auto& a : e.args) merge(out, expr(*a));
        }
        return out;
    }

    // What scoring `s` reads, relative to its being evaluated.
    Reads scoring(const Scoring& s) {
        Reads out;
        auto read = [&](const ast::ExprPtr& e) {
            if (e) merge(out, expr(*e));
        };
        read(s.value);
        read(s.base);
        read(s.step);
        read(s.amount);
        read(s.cap);
        read(s.reason);
        if (s.range) {
            read(s.range->low);
            read(s.range->high);
        }
        for (const auto& b : s.bands)
            if (b.bound) {
                read(b.bound->low);
                read(b.bound->high);
            }
        if (s.kind == Scoring::Kind::If) {
            merge_choice(out, {under(scoring(*s.then_), [&] { return holds(*s.value, true); }),
                               under(scoring(*s.else_), [&] { return holds(*s.value, false); })});
            return out;
        }
        // Every row's bounds count as read (the rows are tried in order; reading a later row's
        // bound as always-read only ever demands more, as before); a row's result only when the
        // value falls in it.
        std::vector<std::pair<Reads, Cond>> rows;
        for (const auto& t : s.tiers) {
            if (t.bound) {
                read(t.bound->low);
                read(t.bound->high);
            }
            if (t.result) rows.push_back(under(scoring(*t.result), [&] { return row(s, t); }));
        }
        if (!rows.empty()) merge_choice(out, rows);
        for (const auto& d : s.deductions) {
            // A conditional deduction's points are read before its condition is.
            read(d.subject);
            read(d.amount);
        }
        for (const auto& t : s.deduction_tiers)
            if (t) merge(out, scoring(*t));
        for (const auto& p : s.parts) merge(out, indicator(*p));
        return out;
    }

    // A part (or a leaf's body with its own 不适用 clauses): its rule is read only when none of
    // its clauses holds; each clause only when the ones before it did not hold.
    // `body`, when given, is what scoring(*ind.scoring) gave.
    Reads indicator(const Indicator& ind, const Reads* body_read = nullptr) {
        Reads out;
        if (!ind.scoring) return out;
        Reads computed;
        const Reads& body = body_read ? *body_read : (computed = scoring(*ind.scoring));
        Path before;
        for (const auto& na : ind.not_applicable) {
            Reads c = expr(*na.condition);
            for (const auto& [slot, paths] : c)
                for (Path p : paths) {
                    p.insert(p.begin(), before.begin(), before.end());
                    add(out, slot, std::move(p));
                }
            before.push_back(applies(*na.condition));
        }
        for (const auto& [slot, paths] : body)
            for (Path p : paths) {
                p.insert(p.begin(), before.begin(), before.end());
                add(out, slot, std::move(p));
            }
        return out;
    }

    // The indicator applies: its 不适用 condition does not hold ("`有结转结余` 为是" for
    // `不适用 若 非 有结转结余`), said as the condition itself, which is what the data answers.
    static Cond applies(const Expr& condition) { return holds(condition, false); }

private:
    const Ruleset& r_;
    std::map<int, Reads> local_reads_;
    std::set<int> computing_;

    // An input, or a named value: what its definition reads (computed on first use, so read
    // under the same conditions as the use).
    void name(const Expr& e, Reads& out) {
        if (e.slot < 0) return;
        const auto s = static_cast<std::size_t>(e.slot);
        if (s < r_.input_of_slot.size()) {
            add(out, e.slot, Path{});
            return;
        }
        const ast::LocalDef* def = s < r_.local_of_slot.size() ? r_.local_of_slot[s] : nullptr;
        if (!def || !def->value || computing_.count(e.slot)) return;
        auto it = local_reads_.find(e.slot);
        if (it == local_reads_.end()) {
            computing_.insert(e.slot);
            Reads reads = expr(*def->value);
            computing_.erase(e.slot);
            it = local_reads_.emplace(e.slot, std::move(reads)).first;
        }
        merge(out, it->second);
    }

    static Cond holds(const Expr& c, bool yes) {
        if (c.kind == Expr::Kind::Not && !c.args.empty()) return holds(*c.args[0], !yes);
        // 甲 且 乙 not holding is 甲 not holding or 乙 not holding (and 或 the mirror), said so
        // when the sides are simple: "`涉密部门` 为是 或 `已公开预决算` 为是", not "`非 … 且 非 …` 不成立".
        if (c.kind == Expr::Kind::Binary && (c.op == ast::BinaryOp::And || c.op == ast::BinaryOp::Or) && !compound(*c.args[0]) &&
            !compound(*c.args[1])) {
            const bool both = (c.op == ast::BinaryOp::And) == yes;  // 且 holding, or 或 not holding
            Cond a = holds(*c.args[0], yes), b = holds(*c.args[1], yes);
            return {fmt::format("{} {} {}", a.zh, both ? "且" : "或", b.zh), fmt::format("{} {} {}", a.en, both ? "and" : "or", b.en)};
        }
        const std::string zh = explain::formula(c, Language::Chinese), en = explain::formula(c, Language::English);
        if (c.kind == Expr::Kind::Name && c.type == ast::ValueType::Bool)
            return {fmt::format("`{}` 为{}", zh, yes ? "是" : "否"), fmt::format("`{}` is {}", en, yes ? "yes" : "no")};
        if (yes) return {fmt::format("`{}`", zh), fmt::format("`{}`", en)};
        return {fmt::format("`{}` 不成立", zh), fmt::format("not `{}`", en)};
    }

    // 且/或 inside, possibly under 非: its negation would need brackets.
    static bool compound(const Expr& e) {
        if (e.kind == Expr::Kind::Not && !e.args.empty()) return compound(*e.args[0]);
        return e.kind == Expr::Kind::Binary && (e.op == ast::BinaryOp::And || e.op == ast::BinaryOp::Or);
    }

    // What the rows before 其余 leave when they join into one half-line of constant bounds
    // ([L, +∞) or (−∞, H]): the other half; none when they leave anything else (a gap, both sides).
    static std::optional<ast::Interval> complement(const Scoring& s, const ast::Tier& t) {
        struct End {
            const Expr* at;  // null: unbounded
            bool closed;
        };
        std::vector<std::pair<End, End>> rows;
        for (const auto& before : s.tiers) {
            if (&before == &t) break;
            if (!before.bound) return std::nullopt;
            const ast::Interval& iv = *before.bound;
            if ((iv.low && iv.low->kind != Expr::Kind::Number) || (iv.high && iv.high->kind != Expr::Kind::Number)) return std::nullopt;
            rows.push_back({{iv.low.get(), iv.low_closed}, {iv.high.get(), iv.high_closed}});
        }
        if (rows.empty()) return std::nullopt;
        // Join from the unbounded end inward; each next row must meet the part joined so far.
        const bool upward = std::any_of(rows.begin(), rows.end(), [](const auto& r) { return !r.second.at; });
        const bool downward = std::any_of(rows.begin(), rows.end(), [](const auto& r) { return !r.first.at; });
        if (upward == downward) return std::nullopt;
        std::vector<bool> used(rows.size(), false);
        End edge{nullptr, false};  // the inner end of what is joined
        for (std::size_t joined = 0; joined < rows.size(); ++joined) {
            bool found = false;
            for (std::size_t k = 0; k < rows.size() && !found; ++k) {
                if (used[k]) continue;
                const End outer = upward ? rows[k].second : rows[k].first, inner = upward ? rows[k].first : rows[k].second;
                const bool meets = !edge.at ? !outer.at
                                            : outer.at && outer.at->number == edge.at->number && (outer.closed || edge.closed);
                if (!meets || !inner.at) continue;
                used[k] = found = true;
                edge = inner;
            }
            if (!found) return std::nullopt;
        }
        ast::Interval rest;
        auto copy = std::make_unique<Expr>(Expr::Kind::Number, edge.at->loc);
        copy->number = edge.at->number;
        copy->percent = edge.at->percent;
        copy->date = edge.at->date;
        copy->text = edge.at->text;
        if (upward) rest.high = std::move(copy), rest.high_closed = !edge.closed;
        else rest.low = std::move(copy), rest.low_closed = !edge.closed;
        return rest;
    }

    static Cond row(const Scoring& s, const ast::Tier& t) {
        // A goal table's rows are tiered by each row's completion rate, not by the table.
        const bool by_rate = !s.value || s.kind == Scoring::Kind::Completion;
        const std::string what_zh = by_rate ? "完成率" : explain::formula(*s.value, Language::Chinese);
        const std::string what_en = by_rate ? "完成率" : explain::formula(*s.value, Language::English);
        if (!t.grade.empty()) return {fmt::format("`{}` 为 {}", what_zh, t.grade), fmt::format("`{}` is {}", what_en, t.grade)};
        if (!t.bound) {
            // 其余 after rows that together cover a half-line: the other side, as a standard
            // says it ("< 90%" after "≥ 90%"; "< 60%" after ≥ 90%, [80%, 90%), [60%, 80%)).
            if (auto rest = complement(s, t))
                return {fmt::format("`{}` {}", what_zh, explain::interval(*rest, Language::Chinese)),
                        fmt::format("`{}` {}", what_en, explain::interval(*rest, Language::English))};
            // Otherwise the rows before it, as written ("不在 [80%, 90%)、≥ 95%").
            std::string zh, en;
            for (const auto& before : s.tiers) {
                if (&before == &t) break;
                if (!before.bound) continue;
                zh += (zh.empty() ? "" : "、") + explain::interval(*before.bound, Language::Chinese);
                en += (en.empty() ? "" : ", ") + explain::interval(*before.bound, Language::English);
            }
            if (zh.empty()) return {fmt::format("`{}` 不在前列各档", what_zh), fmt::format("`{}` in none of the rows above", what_en)};
            return {fmt::format("`{}` 不在 {}", what_zh, zh), fmt::format("`{}` not in {}", what_en, en)};
        }
        return {fmt::format("`{}` {}", what_zh, explain::interval(*t.bound, Language::Chinese)),
                fmt::format("`{}` {}", what_en, explain::interval(*t.bound, Language::English))};
    }
};

}  // namespace

void find_needs(Ruleset& r) {
    const std::size_t n = r.indicators.size();
    r.always_inputs_of.assign(n, {});
    r.reads_of.assign(n, {});
    r.uses_of_input.assign(r.input_of_slot.size(), {});
    Needs needs(r);
    for (const Indicator* ind : r.indicators) {
        if (!ind || !ind->scoring || ind->index < 0) continue;
        const auto i = static_cast<std::size_t>(ind->index);
        // The body on its own: what scoring the indicator reads once it is known to apply.
        Reads body = needs.scoring(*ind->scoring);
        for (const auto& [slot, paths] : body) {
            if (static_cast<std::size_t>(slot) >= r.input_of_slot.size()) continue;
            Ruleset::BodyRead read;
            read.slot = slot;
            if (always(paths)) r.always_inputs_of[i].push_back(slot);
            else
                for (const Path& p : paths) {
                    std::string key;
                    for (const Cond& c : p) key += c.zh + "\n";
                    read.paths.push_back(std::move(key));
                }
            r.reads_of[i].push_back(std::move(read));
        }
        // With its 不适用 clauses: when the department must give each input for it.
        Reads all = needs.indicator(*ind, &body);
        for (const auto& [slot, paths] : all) {
            if (static_cast<std::size_t>(slot) >= r.uses_of_input.size()) continue;
            Ruleset::InputUse use;
            use.indicator = ind->index;
            for (const Path& p : paths) {
                if (p.empty()) {
                    use.when.clear();
                    break;
                }
                Ruleset::InputUse::When w;
                for (const Cond& c : p) {
                    w.zh += (w.zh.empty() ? "" : " 且 ") + c.zh;
                    w.en += (w.en.empty() ? "" : " and ") + c.en;
                }
                use.when.push_back(std::move(w));
            }
            r.uses_of_input[static_cast<std::size_t>(slot)].push_back(std::move(use));
        }
    }
}

}  // namespace pingfen::sema
