#include "sema/moves.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <functional>

namespace pingfen::sema {

using ast::Indicator;
using ast::NotApplicable;
using ast::Scoring;

namespace {

bool is_leaf(const Indicator& i) { return i.role == Indicator::Role::Indicator && i.scoring && i.children.empty(); }

// Parts scored by points (2 分) anywhere in a rule: points moved to the leaf as a whole would
// have no part to land in (percentage parts grow with the leaf instead).
bool has_point_parts(const Scoring& s) {
    if (s.kind == Scoring::Kind::Parts)
        for (const auto& p : s.parts)
            if (!p->share_is_percent || (p->scoring && has_point_parts(*p->scoring))) return true;
    if (s.then_ && has_point_parts(*s.then_)) return true;
    if (s.else_ && has_point_parts(*s.else_)) return true;
    for (const auto& t : s.tiers)
        if (t.result && has_point_parts(*t.result)) return true;
    return false;
}

class Moves {
public:
    Moves(ast::Module& m, Ruleset& out, DiagnosticSink& sink) : m_(m), out_(out), sink_(sink) {}

    void run() {
        number_parts();
        const std::size_t n = out_.indicators.size();
        for (std::size_t i = 0; i < n; ++i) {
            auto& ind = const_cast<Indicator&>(*out_.indicators[i]);
            for (auto& na : ind.not_applicable) target(ind, na);
        }
        for (std::size_t j = 0; j < out_.parts.size(); ++j) {
            auto& part = const_cast<Indicator&>(*out_.parts[j]);
            for (auto& na : part.not_applicable) target(part, na);
        }
        if (out_.any_not_applicable) order();
    }

private:
    ast::Module& m_;
    Ruleset& out_;
    DiagnosticSink& sink_;

    void number_parts() {
        for (const Indicator* ind : out_.indicators) {
            if (!is_leaf(*ind)) continue;
            if (!ind->not_applicable.empty()) out_.any_not_applicable = true;
            if (ind->scoring->kind != Scoring::Kind::Parts) continue;
            for (const auto& p : ind->scoring->parts) {
                p->part_index = static_cast<int>(out_.parts.size());
                out_.parts.push_back(p.get());
                out_.leaf_of_part.push_back(ind);
                if (!p->not_applicable.empty()) out_.any_not_applicable = true;
            }
        }
    }

    const Indicator* find_path(const std::vector<std::string>& path) const {
        const std::vector<std::unique_ptr<Indicator>>* list = &m_.indicators;
        const Indicator* found = nullptr;
        for (const auto& name : path) {
            // Past a leaf, the name of a part of its own 分项.
            if (found && found->children.empty() && found->scoring && found->scoring->kind == Scoring::Kind::Parts)
                list = &found->scoring->parts;
            found = nullptr;
            for (const auto& i : *list)
                if (i->name == name) found = i.get();
            if (!found) return nullptr;
            list = &found->children;
        }
        return found;
    }

    const Indicator* leaf_of(const Indicator& i) const {
        return i.part_index >= 0 ? out_.leaf_of_part[static_cast<std::size_t>(i.part_index)] : &i;
    }

    void target(Indicator& from, NotApplicable& na) {
        if (!na.move) return;
        const Indicator* t = find_path(na.target_path);
        std::string path;
        for (const auto& p : na.target_path) path += (path.empty() ? "" : ".") + p;
        if (!t) {
            sink_.error("E0219", na.target_loc, fmt::format("找不到分值移入的指标 `{}`（请写从一级指标起的完整路径）", path),
                        fmt::format("no indicator `{}` to move the points to (write the full path from the top)", path));
            return;
        }
        const bool part = t->part_index >= 0;
        if ((!part && !is_leaf(*t)) || t == &from || (!part && t == leaf_of(from))) {
            sink_.error("E0219", na.target_loc, fmt::format("分值只能移至另一个末级指标或其分项，`{}` 不是", path),
                        fmt::format("points can only move to another leaf indicator or one of its parts; `{}` is not one", path));
            return;
        }
        if (!part && has_point_parts(*t->scoring)) {
            sink_.error("E0230", na.target_loc,
                        fmt::format("`{}` 由分项按分值评分，移入的分值没有分项承接：请写明移至哪一分项，如 `{}.{}`", path, path,
                                    t->scoring->kind == Scoring::Kind::Parts ? t->scoring->parts.front()->name : "分项名"),
                        fmt::format("`{}` is scored by parts with points, so no part would take the points moved in: name the "
                                    "part, as in `{}.{}`",
                                    path, path, t->scoring->kind == Scoring::Kind::Parts ? t->scoring->parts.front()->name : "part"));
            sink_.last().notes.push_back(make_note(t->scoring->loc, "分项在这里", "the parts are here"));
            return;
        }
        na.target = t;
    }

    std::size_t node(const Indicator& i) const {
        return i.part_index >= 0 ? out_.indicators.size() + static_cast<std::size_t>(i.part_index) : static_cast<std::size_t>(i.index);
    }
    const Indicator& indicator_of(std::size_t node) const {
        const std::size_t n = out_.indicators.size();
        return node < n ? *out_.indicators[node] : *out_.parts[node - n];
    }

    // A leaf before its parts (a part's points are a share of its leaf's), a source before its
    // target, and a part before where its leaf's points go (a part carries what moved into it
    // along with its leaf). Whatever is left once nothing more can be ordered lies on a circle.
    void order() {
        const std::size_t n = out_.indicators.size(), total = n + out_.parts.size();
        std::vector<std::vector<std::size_t>> next(total);
        std::vector<std::vector<const NotApplicable*>> via(total);  // the clause behind each edge; null for a leaf's own part
        auto edge = [&](std::size_t a, std::size_t b, const NotApplicable* na) {
            next[a].push_back(b);
            via[a].push_back(na);
        };
        for (std::size_t j = 0; j < out_.parts.size(); ++j) {
            const Indicator& leaf = *out_.leaf_of_part[j];
            edge(node(leaf), n + j, nullptr);
            for (const auto& na : leaf.not_applicable)
                if (na.target) edge(n + j, node(*na.target), &na);
        }
        for (std::size_t k = 0; k < total; ++k)
            for (const auto& na : indicator_of(k).not_applicable)
                if (na.target) edge(k, node(*na.target), &na);
        std::vector<int> in(total, 0);
        for (const auto& list : next)
            for (std::size_t b : list) ++in[b];
        std::vector<std::size_t> ready;
        for (std::size_t k = 0; k < total; ++k)
            if (in[k] == 0) ready.push_back(k);
        out_.move_order.clear();
        while (!ready.empty()) {
            std::size_t k = ready.back();
            ready.pop_back();
            out_.move_order.push_back(static_cast<int>(k));
            for (std::size_t b : next[k])
                if (--in[b] == 0) ready.push_back(b);
        }
        if (out_.move_order.size() == total) return;
        // A circle: every node left over has a predecessor left over (its count of incoming
        // edges never reached 0), so walking back through them must repeat a node; the clauses
        // on that loop are what the author has to change.
        std::vector<char> left(total, 0);
        for (std::size_t k = 0; k < total; ++k) left[k] = in[k] > 0;
        std::vector<std::vector<std::pair<std::size_t, const NotApplicable*>>> prev(total);
        for (std::size_t k = 0; k < total; ++k)
            for (std::size_t e = 0; e < next[k].size(); ++e) prev[next[k][e]].push_back({k, via[k][e]});
        std::size_t at = 0;
        while (!left[at]) ++at;
        std::vector<int> seen(total, -1);
        std::vector<std::size_t> nodes;
        std::vector<const NotApplicable*> into;  // into[i]: the clause of the edge into nodes[i]
        while (seen[at] < 0) {
            seen[at] = static_cast<int>(nodes.size());
            nodes.push_back(at);
            std::size_t e = 0;
            while (!left[prev[at][e].first]) ++e;
            into.push_back(prev[at][e].second);
            at = prev[at][e].first;
        }
        const auto from = static_cast<std::size_t>(seen[at]);
        std::vector<const NotApplicable*> clauses;
        for (std::size_t i = from; i < into.size(); ++i)
            if (into[i] && std::find(clauses.begin(), clauses.end(), into[i]) == clauses.end()) clauses.push_back(into[i]);
        // The loop forwards: the walk went against the flow.
        std::string names = label(indicator_of(nodes[from]));
        for (std::size_t i = nodes.size(); i-- > from;) names += " → " + label(indicator_of(nodes[i]));
        const std::string& names_en = names;
        // Reported where the first of them is written, the others as notes.
        std::sort(clauses.begin(), clauses.end(), [](const NotApplicable* a, const NotApplicable* b) {
            return std::pair(a->loc.line, a->loc.column) < std::pair(b->loc.line, b->loc.column);
        });
        sink_.error("E0229", clauses.front()->loc,
                    fmt::format("分值移动形成循环：{}；若这些指标同时不适用，分值无处可去", names),
                    fmt::format("points would move in a circle: {}; were all of these not applicable at once, the points "
                                "would have nowhere to go",
                                names_en));
        for (std::size_t c = 1; c < clauses.size(); ++c)
            sink_.last().notes.push_back(make_note(clauses[c]->loc, "循环中的另一处移动在这里", "another move of the circle is here"));
        out_.move_order.clear();
    }

    std::string label(const Indicator& i) const {
        if (i.part_index < 0) return out_.path_text(i, ".");
        return out_.path_text(*out_.leaf_of_part[static_cast<std::size_t>(i.part_index)], ".") + "." + i.name;
    }
};

}  // namespace

void resolve_moves(ast::Module& m, Ruleset& out, DiagnosticSink& sink) { Moves(m, out, sink).run(); }

}  // namespace pingfen::sema
