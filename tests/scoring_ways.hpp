// Every way the public API scores one department, reduced to what they must all agree on, and
// the comparison that says where two of them differ. For plain_vs_explained_test.cpp: a silent
// wrong score in one way (a fast path, a cached binding, a reused buffer) shows up as a
// difference from the others.
#pragma once

#include <cstdint>
#include <cstring>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <type_traits>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen::test {

// What one way of scoring gave. Leaves, total, grade and diagnostics every way has; the sheet
// (its nodes, their basis) and the step count only the ways that build one.
struct Outcome {
    std::string way;
    bool explain = false;
    Language language = Language::Chinese;
    std::vector<std::optional<Decimal>> leaves;  // in ruleset_leaves() order
    std::optional<Decimal> total;
    std::string grade;
    std::vector<std::string> diagnostics;  // diagnostic_text() of each
    std::optional<ScoreResult> result;     // the sheet ways' result, holding their sheet
    std::vector<const ScoreNode*> nodes;   // the sheet's nodes in sheet order, then the adjustments
    std::vector<const ScoreNode*> leaf_nodes;
    // compare_department(): no leaves, and its diagnostics leave out W0401 and W0403 (expected
    // when comparing two rulesets, so not repeated there).
    bool comparison = false;
    bool sheet() const { return result && result->sheet; }
};

inline std::string joined(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& p : path) out += (out.empty() ? "" : " › ") + p;
    return out;
}

// Every field of a diagnostic, notes included, as one line.
inline std::string diagnostic_text(const Diagnostic& d) {
    std::string out = std::to_string(static_cast<int>(d.severity)) + " " + d.code + " " + d.path + ":" +
                      std::to_string(d.line) + ":" + std::to_string(d.column) + "+" + std::to_string(d.length) + " [" +
                      d.source_line + "] " + d.message_zh + " / " + d.message_en;
    for (const auto& n : d.notes)
        out += " {note " + n.path + ":" + std::to_string(n.line) + ":" + std::to_string(n.column) + "+" +
               std::to_string(n.length) + " [" + n.source_line + "] " + n.message_zh + " / " + n.message_en + "}";
    return out;
}

inline std::vector<std::string> diagnostic_texts(const std::vector<Diagnostic>& ds) {
    std::vector<std::string> out;
    out.reserve(ds.size());
    for (const auto& d : ds) out.push_back(diagnostic_text(d));
    return out;
}

inline void collect(std::span<const ScoreNode> nodes, Outcome& o) {
    for (const ScoreNode& n : nodes) {
        o.nodes.push_back(&n);
        if (n.is_leaf() && n.kind() == ScoreNode::Kind::Indicator) {
            o.leaves.push_back(n.score());
            o.leaf_nodes.push_back(&n);
        }
        collect(n.children(), o);
    }
}

inline Outcome from_result(std::string way, ScoreResult r, const ScoreOptions& opts) {
    Outcome o;
    o.way = std::move(way);
    o.explain = opts.explain;
    o.language = opts.language;
    o.diagnostics = diagnostic_texts(r.diagnostics);
    o.result = std::move(r);  // the sheet's nodes stay where they are: the pointers below hold
    if (!o.result->sheet) return o;
    const ScoreSheet& sheet = *o.result->sheet;
    collect(sheet.indicators(), o);
    collect(sheet.adjustments(), o);
    o.total = sheet.total;
    o.grade = sheet.grade;
    return o;
}

// A department compared under the ruleset and the same ruleset compiled again (`self_diff` is
// their diff, which finds nothing): pingfen diff's scoring, which records what each rule decided.
// Both sides must be what score() gives, and no leaf may differ between them.
inline Outcome from_comparison(std::string way, const DepartmentComparison& c) {
    Outcome o;
    o.way = std::move(way);
    o.comparison = true;
    o.total = c.total_a;
    o.grade = c.grade_a;
    o.diagnostics = diagnostic_texts(c.diagnostics);
    const auto dec = [](const std::optional<Decimal>& d) { return d ? d->to_plain() : std::string("(none)"); };
    if (c.total_b.has_value() != c.total_a.has_value() || (c.total_a && !(*c.total_a == *c.total_b)) || c.grade_a != c.grade_b)
        o.diagnostics.push_back("side B: total " + dec(c.total_b) + " grade " + c.grade_b);
    for (const ScoreDelta& delta : c.indicators)
        o.diagnostics.push_back("a leaf scored differently on side B: " + joined(delta.path_a) + " " + dec(delta.score_a) + " vs " +
                                dec(delta.score_b));
    return o;
}

inline Outcome from_leaves(std::string way, const LeafScores& s) {
    Outcome o;
    o.way = std::move(way);
    o.leaves = s.leaves;
    o.total = s.total;
    o.grade = s.grade;
    o.diagnostics = diagnostic_texts(s.diagnostics);
    return o;
}

// The same number written the same way: equal, and with the same scale (2 and 2.00 print
// differently on a sheet). The same bytes are both at once; equal numbers in other bytes are
// compared by their text (Decimal::to_plain keeps the scale), which is slow and rare.
inline bool same_exactly(const Decimal& x, const Decimal& y) {
    static_assert(std::is_trivially_copyable_v<Decimal>);
    if (std::memcmp(&x, &y, sizeof(Decimal)) == 0) return true;
    return x == y && x.to_plain() == y.to_plain();
}

// The first few differences between two ways' outcomes, one per line; empty when they agree.
// Everything both have is compared: the basis and the total's basis only between ways that
// explain alike in the same language, the steps only between ways that report them.
//
inline std::string differences(const Outcome& a, const Outcome& b) {
    std::string out;
    int found = 0;
    auto differ = [&](const std::string& what) {
        if (++found <= 6) out += "  " + what + "\n";
    };
    auto dec = [](const std::optional<Decimal>& d) { return d ? d->to_plain() : std::string("(none)"); };
    auto same_decimal = [](const std::optional<Decimal>& x, const std::optional<Decimal>& y) {
        if (x.has_value() != y.has_value()) return false;
        return !x || same_exactly(*x, *y);
    };
    auto leaf_name = [&](std::size_t i) {
        const Outcome& s = a.sheet() ? a : b;
        return i < s.leaf_nodes.size() ? " (" + joined(s.leaf_nodes[i]->path()) + ")" : std::string();
    };
    const bool comparison = a.comparison || b.comparison;
    if (!comparison && a.leaves.size() != b.leaves.size())
        differ("leaf count " + std::to_string(a.leaves.size()) + " vs " + std::to_string(b.leaves.size()));
    for (std::size_t i = 0; !comparison && i < std::min(a.leaves.size(), b.leaves.size()); ++i)
        if (!same_decimal(a.leaves[i], b.leaves[i]))
            differ("leaf #" + std::to_string(i) + leaf_name(i) + ": " + dec(a.leaves[i]) + " vs " + dec(b.leaves[i]));
    if (!same_decimal(a.total, b.total)) differ("total " + dec(a.total) + " vs " + dec(b.total));
    if (a.grade != b.grade) differ("grade '" + a.grade + "' vs '" + b.grade + "'");
    auto listed = [&](const Outcome& o) {  // a comparison lists no W0401 or W0403
        std::vector<const std::string*> out;
        for (const auto& d : o.diagnostics)
            if (!comparison || (d.find(" W0401 ") == std::string::npos && d.find(" W0403 ") == std::string::npos)) out.push_back(&d);
        return out;
    };
    const auto da = listed(a), db = listed(b);
    if (da.size() != db.size()) differ("diagnostic count " + std::to_string(da.size()) + " vs " + std::to_string(db.size()));
    for (std::size_t i = 0; i < std::min(da.size(), db.size()); ++i)
        if (*da[i] != *db[i]) differ("diagnostic #" + std::to_string(i) + ":\n    " + *da[i] + "\n    " + *db[i]);
    for (const Outcome* o : {&a, &b})
        if (o->sheet()) {
            // ScoreSheet::diagnostics are ScoreResult::diagnostics, kept on the sheet.
            const auto& kept = o->result->sheet->diagnostics;
            bool same = kept.size() == o->diagnostics.size();
            for (std::size_t i = 0; same && i < kept.size(); ++i) same = diagnostic_text(kept[i]) == o->diagnostics[i];
            if (!same) differ(o->way + ": the sheet's diagnostics are not the result's");
        }
    if (a.sheet() && b.sheet()) {
        const ScoreResult &ra = *a.result, &rb = *b.result;
        if (ra.steps != rb.steps) differ("steps " + std::to_string(ra.steps) + " vs " + std::to_string(rb.steps));
        const ScoreSheet &sa = *ra.sheet, &sb = *rb.sheet;
        if (sa.department != sb.department || sa.ruleset != sb.ruleset || sa.year != sb.year || !(sa.max == sb.max))
            differ("the sheet's department, ruleset, year or maximum");
        const bool same_words = a.explain == b.explain && a.language == b.language;
        if (same_words && sa.total_basis != sb.total_basis) differ("total basis '" + sa.total_basis + "' vs '" + sb.total_basis + "'");
        if (a.nodes.size() != b.nodes.size())
            differ("node count " + std::to_string(a.nodes.size()) + " vs " + std::to_string(b.nodes.size()));
        for (std::size_t i = 0; i < std::min(a.nodes.size(), b.nodes.size()); ++i) {
            const ScoreNode &x = *a.nodes[i], &y = *b.nodes[i];
            if (x.path() != y.path() || x.kind() != y.kind() || x.children().size() != y.children().size()) {
                differ("node #" + std::to_string(i) + " " + joined(x.path()) + " vs " + joined(y.path()));
                continue;
            }
            if (!same_decimal(x.score(), y.score())) differ(joined(x.path()) + ": score " + dec(x.score()) + " vs " + dec(y.score()));
            if (!same_decimal(x.weight(), y.weight()))
                differ(joined(x.path()) + ": weight " + x.weight().to_plain() + " vs " + y.weight().to_plain());
            if (x.not_applicable() != y.not_applicable()) differ(joined(x.path()) + ": not applicable differs");
            if (same_words && x.basis() != y.basis()) differ(joined(x.path()) + ": basis\n    " + x.basis() + "\n    " + y.basis());
        }
    }
    if (found > 6) out += "  … " + std::to_string(found - 6) + " more\n";
    return out;
}

// How the ways are chosen for one department.
struct WayOptions {
    std::uint64_t max_steps = 1'000'000;
    // Which of the further ways to add to the six every department gets: -1 all of them; 0, 1 or
    // 2 a third of them each (a large corpus rotates through them, department by department).
    int rotation = -1;
    bool fresh_thread = false;  // also score on a thread of its own (fresh thread-local buffers)
    const RulesetDiff* self_diff = nullptr;  // diff_rulesets(r, again): add compare_department(r, again)
};

// The department scored the ways the public API offers. `again` is the same ruleset compiled a
// second time: data bound to `r` and scored with `again` is bound anew (another ruleset), which
// must change nothing. `reused` is a LeafScores kept across calls, as batch keeps one per thread.
// The first outcome is score(explain=false), the second score(explain=true).
inline std::vector<Outcome> score_every_way(const Ruleset& r, const Ruleset* again,
                                            const std::shared_ptr<const DepartmentData>& d, LeafScores& reused,
                                            const WayOptions& w = {}) {
    std::vector<Outcome> out;
    const ScoreOptions plain{.explain = false, .max_steps = w.max_steps};
    const ScoreOptions explained{.explain = true, .max_steps = w.max_steps};
    const ScoreOptions english{.explain = true, .language = Language::English, .max_steps = w.max_steps};
    const ScoreOptions bare{.explain = false, .texts = false, .max_steps = w.max_steps};
    auto extra = [&](int group) { return w.rotation < 0 || w.rotation % 3 == group; };

    // Every department: the two ways of score(), score_leaves() from the data into a fresh and a
    // reused LeafScores, and both from the data bound once.
    out.push_back(from_result("score(explain=false)", score(r, *d, plain), plain));
    out.push_back(from_result("score(explain=true)", score(r, *d, explained), explained));
    out.push_back(from_leaves("score_leaves(data)", score_leaves(r, *d, plain)));
    score_leaves(r, *d, reused, plain);
    out.push_back(from_leaves("score_leaves(data, reused LeafScores)", reused));
    const std::shared_ptr<const BoundData> bound = bind_data(r, d);
    out.push_back(from_leaves("score_leaves(bound)", score_leaves(r, *bound, plain)));
    out.push_back(from_result("score(bound, explain=false)", score(r, *bound, plain), plain));

    if (extra(0) || extra(2)) out.push_back(from_result("score(bound, explain=true)", score(r, *bound, explained), explained));
    if (extra(0)) out.push_back(from_result("score(explain=false, texts=false)", score(r, *d, bare), bare));
    if (extra(1) || extra(2)) out.push_back(from_result("score(explain=true, English)", score(r, *d, english), english));
    if (extra(1)) out.push_back(from_result("score(bound, explain=true, English)", score(r, *bound, english), english));
    // Scored a second time, the bound data must give the same: nothing of the first stays in it.
    if (extra(1)) out.push_back(from_leaves("score_leaves(bound, second time)", score_leaves(r, *bound, plain)));
    if (again && extra(0))
        out.push_back(from_leaves("score_leaves(bound to another compile)", score_leaves(*again, *bound, plain)));
    if (again && extra(2))
        out.push_back(from_result("score(bound to another compile, explain=false)", score(*again, *bound, plain), plain));
    // (compare_department() takes no step limit: it is compared only under the default one)
    if (again && w.self_diff && extra(2) && w.max_steps == ScoreOptions{}.max_steps)
        out.push_back(from_comparison("compare_department(ruleset, same ruleset compiled again)",
                                      compare_department(r, *again, *d, *w.self_diff)));
    if (w.fresh_thread) {
        std::optional<ScoreResult> fresh;
        std::thread([&] { fresh = score(r, *d, plain); }).join();
        out.push_back(from_result("score(explain=false) on a new thread", *fresh, plain));
    }
    return out;
}

}  // namespace pingfen::test
