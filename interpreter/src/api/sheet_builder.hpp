// What score() and score_leaves() build a department's numbers with: the scratch buffers a
// thread keeps between departments, and the SheetBuilder that fills a sheet's nodes (or, for
// score_leaves(), the leaves' list) from the evaluator, reporting what stops an indicator.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

#include "api/sheet.hpp"
#include "data/bound_data.hpp"
#include "data/department.hpp"
#include "eval/applicability.hpp"
#include "eval/evaluate.hpp"
#include "lower/sheet_sums.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::api {

using LeafState = eval::LeafState;

// Where each step of lower::sheet_sums writes on a sheet: the node of the sheet's shape, and the
// indicator's index.
struct SheetPlace {
    std::uint32_t node = 0, index = 0;
};

// Each step of lower::sheet_sums' place on the sheet's shape: places[k] is the node of steps[k].
void sheet_places(const Ruleset& r, const detail::SheetShape& shape, std::vector<SheetPlace>& out);

// What score() needs besides the sheet while it scores one department. One per thread and
// reused, so that scoring a batch allocates these buffers once rather than once per department.
struct Scratch {
    data::Bound bound;
    std::vector<unsigned char> eval_state;
    std::vector<Decimal> weight;
    std::vector<LeafState> leaf_state;
    eval::Applicability applicability;
    ScoreSheet sheet;  // score_leaves(): its total and grade (no nodes)
    std::vector<std::optional<Decimal>> adjustment_scores;
    lower::SheetSums sums;                          // the last ruleset scored, lowered (sheet_sums)
    bool sums_all_listed = false;                   // every Leaf step of sums is listed
    std::vector<SheetPlace> places;                 // score(): sums' steps on the sheet (sheet_places)
    std::uint64_t places_serial = 0;                // the ruleset they are for (0: none yet)
    std::vector<std::optional<Decimal>> leaf_scores, sum_stack;  // score_leaves(): in sheet order; waiting to be added
    // score(): the last sheet's nodes, written over by the next score() once the host let go of
    // them (SheetAccess::start_reusing); kept, with their shape, until the thread ends.
    std::shared_ptr<detail::SheetNodes> sheet_nodes;
    bool busy = false;  // score() in progress on this thread
};

// score_leaves() wants the numbers only: no names, paths or texts in the tree, and each
// leaf's score appended to `leaves` in sheet order.
struct Lean {
    std::vector<std::optional<Decimal>>* leaves = nullptr;
};

class SheetBuilder {
public:
    SheetBuilder(const Ruleset& r, eval::Evaluator& ev, const data::Bound& bound, DiagnosticSink& sink,
                 const ScoreOptions& opts, Scratch& scratch, Lean lean, bool recording_choices);

    // This department's numbers of every indicator's node on the sheet (names, paths and texts
    // are the shape's, shared by every sheet), in the order of sums.steps (postorder: a parent's
    // children before it), at[k] giving step k's node. A loop over these arrays rather than a
    // recursion over the indicators, so that an indicator itself is read only for a leaf that is
    // not plainly scored. Returns whether every top-level node has a score, and then the sum of
    // their scores in `total`.
    bool fill_sheet(const lower::SheetSums& sums, const std::vector<SheetPlace>& at, detail::SheetNodes& sheet, Decimal& total);

    // score_leaves(): the scores fill_sheet() gives, without a tree, a name or a basis: each listed
    // leaf's score appended to the list in sheet order. Returns whether every leaf has a score,
    // and then `total`, the sum of the top-level indicators' scores, each the sum of its
    // children's (added in the same order, so the same decimal) or, when sums.exact_total allows
    // it and every leaf was scored by its rule, the leaves' scores added in sheet order.
    // When every leaf is listed (`all_listed`: nearly every ruleset), the scores are written
    // once, into the caller's list, and the parents' sums read them there; else into `own`.
    bool lean(const lower::SheetSums& sums, bool all_listed, std::vector<std::optional<Decimal>>& own,
              std::vector<std::optional<Decimal>>& stack, Decimal& total);

    // A 加分项's or 减分项's points into `score`; `basis`, when not null (the sheet), receives
    // its 评分依据.
    void adjustment(const ast::Indicator& ind, std::optional<Decimal>& score, std::string* basis);

private:
    using State = LeafState;
    const Ruleset& r_;
    eval::Evaluator& ev_;
    const std::vector<unsigned char>& input_ok_;
    const bool all_inputs_ok_;
    DiagnosticSink& sink_;
    const ScoreOptions& opts_;
    bool en_;
    // Neither explaining nor recording choices: a leaf's score alone is wanted of the evaluator
    // (score_quietly), as score_leaves() wants it.
    bool quiet_;
    Lean lean_;
    // Effective, after moves: the declared weights themselves, not a copy, when no leaf or part
    // of the ruleset can be not applicable (a copy per department was ten cache misses).
    std::span<const Decimal> weight_;
    std::vector<State>& state_;
    eval::Applicability& applicability_;
    bool moved_ = false;  // some leaf or part does not apply for this department
    std::vector<int> undecided_slot_;  // per indicator, sized only when one is Undecided
    // (input slot, indicator) for each datum left out that an indicator needed: E0401.
    std::vector<std::pair<int, int>> needs_;
    bool out_of_steps_reported_ = false;
    eval::LeafResult result_;  // each leaf's, one buffer for all

    static std::size_t idx(const ast::Indicator& i) { return static_cast<std::size_t>(i.index); }

    // P14: decide, for this department, which leaves and parts do not apply, and move or grant
    // their points (eval/applicability.cpp).
    void apply_not_applicable(std::vector<Decimal>& weights);

    // `basis`, when not null, receives why the indicator is not scored. Inline: with every
    // input bound (nearly every department) it is one test.
    bool inputs_usable(const ast::Indicator& ind, std::string* basis) { return all_inputs_ok_ || some_inputs_usable(ind, basis); }
    bool some_inputs_usable(const ast::Indicator& ind, std::string* basis);

    bool absent(int slot) const;

    // Whether scoring `ind` reads input `slot` every time (an unresolved ruleset: assume so).
    bool reads_always(const ast::Indicator& ind, int slot) const;

    // Evaluation of `ind` stopped at `slot`, left out of the data: that one, and every other
    // input left out that the rule reads wherever it reads `slot` (实际 and 预算 of one ratio),
    // so that the assessor learns all that is missing at once, as for a datum read always.
    std::vector<int> needed_with(const ast::Indicator& ind, int slot) const;

    // The data leaves out input `slot`, which scoring `ind` needs: E0401 at the end, once per
    // input, naming every indicator that needed it.
    void needed(int slot, const ast::Indicator& ind) { needs_.emplace_back(slot, ind.index); }

public:
    void report_missing(const DepartmentData& d);

private:
    // Reported once: every indicator after the one that used up the budget fails the same way.
    void out_of_steps(const EvalError& e);

    // Inline: a leaf scored without error or clipping (nearly every one) is one test each.
    bool report(const ast::Indicator& ind, const eval::LeafResult& res, std::string* basis);
    bool report_problem(const ast::Indicator& ind, const eval::LeafResult& res, std::string* basis);

    // The assessor's number was more than the points it deducts from: the score is right by
    // the rule (扣完为止) but the number on file is not what was applied.
    void clipped(const ast::Indicator& ind, const eval::ClippedAssessment& c);

    // One leaf's score for this department into `score`; `basis` and `not_applicable`, when
    // not null (the sheet), receive its 评分依据 and whether its points moved out.
    // `i` and `rule` are ind's index and rule (ind.scoring), passed so that the indicator itself
    // is read only when the leaf is not plainly scored.
    void leaf(const ast::Indicator& ind, std::size_t i, const ast::Scoring& rule, std::optional<Decimal>& score,
              std::string* basis, bool* not_applicable);

    // leaf() for score_leaves(): a leaf that applies, with every input usable (nearly every
    // one), scored by the evaluator's leaf_score() without a result to fill. False when the
    // leaf took leaf()'s way instead (its score, if any, is not its rule's: moved or granted).
    bool lean_leaf(const lower::SheetStep& step, std::optional<Decimal>& score);

    // Leaf `ind` (index i) on its rule by the evaluator's leaf_score(), without a result to
    // fill: true with `s` set when it scored cleanly (nearly every leaf); false with result_
    // holding what leaf() gives, for report(). Only without explanation or choices recorded
    // (leaf_score() does leaf() then, which leaves no way to tell a stale basis from its own).
    [[gnu::always_inline]] bool score_quietly(const ast::Indicator& ind, const ast::Scoring& rule, std::size_t i, Decimal& s);
};

}  // namespace pingfen::api
