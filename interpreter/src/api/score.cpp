// score and score_leaves of the public API: a department's sheet, or its numbers alone.
#include <algorithm>
#include <span>
#include <stdexcept>
#include <fmt/format.h>

#include "api/guard.hpp"
#include "api/not_applicable_sheet.hpp"
#include "api/score_choices.hpp"
#include "api/sheet.hpp"
#include "data/bound_data.hpp"
#include "data/department.hpp"
#include "data/missing_datum.hpp"
#include "data/validate.hpp"
#include "eval/applicability.hpp"
#include "eval/evaluate.hpp"
#include "eval/explain.hpp"
#include "lower/sheet_sums.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen {

namespace {

using LeafState = eval::LeafState;

// Where each step of lower::sheet_sums writes on a sheet: the node of the sheet's shape, and the
// indicator's index.
struct SheetPlace {
    std::uint32_t node = 0, index = 0;
};

// The same walk as lower::sheet_sums (postorder over the indicators) through the shape beside
// it, so that places[k] is the node of steps[k].
void place(const ast::Indicator& ind, const detail::SheetShape& shape, std::uint32_t at, std::vector<SheetPlace>& out) {
    if (!ind.scoring) {
        const detail::SheetShape::Children below = shape.children[at];
        for (std::uint32_t k = 0; k < below.count; ++k) place(*ind.children[k], shape, below.first + k, out);
    }
    out.push_back({at, static_cast<std::uint32_t>(ind.index)});
}

void sheet_places(const Ruleset& r, const detail::SheetShape& shape, std::vector<SheetPlace>& out) {
    out.clear();
    for (std::uint32_t k = 0; k < shape.top_count; ++k) place(*r.module->indicators[k], shape, k, out);
}

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
                 const ScoreOptions& opts, Scratch& scratch, Lean lean, bool recording_choices)
        : r_(r), ev_(ev), input_ok_(bound.slot_ok), all_inputs_ok_(bound.all_ok), sink_(sink), opts_(opts),
          en_(opts.language == Language::English), quiet_(!opts.explain && !recording_choices), lean_(lean), weight_(scratch.sums.declared_weights),
          state_(scratch.leaf_state), applicability_(scratch.applicability) {
        state_.assign(r.indicators.size(), State::Applies);
        // any_not_applicable is known only for a ruleset the resolver finished (paths filled).
        if (r.any_not_applicable || r.paths.empty()) {
            // Points may move: this department's weights are a copy, changed where they do.
            scratch.weight = scratch.sums.declared_weights;
            apply_not_applicable(scratch.weight);
            weight_ = std::span<const Decimal>(scratch.weight);
        }
    }

    // This department's numbers of every indicator's node on the sheet (names, paths and texts
    // are the shape's, shared by every sheet), in the order of sums.steps (postorder: a parent's
    // children before it), at[k] giving step k's node. A loop over these arrays rather than a
    // recursion over the indicators, so that an indicator itself is read only for a leaf that is
    // not plainly scored. Returns whether every top-level node has a score, and then the sum of
    // their scores in `total`.
    bool fill_sheet(const lower::SheetSums& sums, const std::vector<SheetPlace>& at, detail::SheetNodes& sheet, Decimal& total) {
        // Read once: stores into the nodes (Decimals) would otherwise have these reloaded.
        ScoreNode* const nodes = sheet.nodes.data();
        const detail::SheetShape::Children* const children = sheet.shape->children.data();
        const SheetPlace* place = at.data();
        const bool plain = quiet_ && !moved_ && all_inputs_ok_;  // nearly every department
        for (const lower::SheetStep& step : sums.steps) {
            auto& n = detail::SheetAccess::values(nodes[place->node]);
            const std::size_t i = place->index;
            const detail::SheetShape::Children below = children[place->node];
            ++place;
            if (step.kind == lower::SheetStep::Kind::Leaf) {
                n.weight = weight_[i];
                if (plain && state_[i] == State::Applies) [[likely]] {  // leaf()'s way for such a leaf, inline
                    Decimal s;
                    if (score_quietly(*step.indicator, *step.rule, i, s)) [[likely]] n.score = s;
                    else if (report(*step.indicator, result_, &n.basis)) n.score = result_.score;
                    continue;
                }
                leaf(*step.indicator, i, *step.rule, n.score, &n.basis, &n.not_applicable);
                continue;
            }
            // A parent: its children, scored by the steps before, stand together in the sheet.
            Decimal sum;
            bool complete = true;
            for (std::uint32_t c = 0; c < below.count; ++c) {
                const auto& child = detail::SheetAccess::values(nodes[below.first + c]);
                if (child.score) sum = sum + *child.score;
                else complete = false;
            }
            // A parent's weight follows its children's when points moved; when none did, it is
            // the sum the resolver already made.
            if (!moved_ && i < r_.sheet_weights.size()) {
                n.weight = r_.sheet_weights[i];
            } else {
                Decimal weight;
                for (std::uint32_t c = 0; c < below.count; ++c) weight = weight + detail::SheetAccess::values(nodes[below.first + c]).weight;
                n.weight = weight;
            }
            if (complete) n.score = sum;
        }
        bool complete = true;
        for (std::uint32_t k = 0; k < sheet.shape->top_count; ++k) {
            const auto& top = detail::SheetAccess::values(nodes[k]);
            if (top.score) total = total + *top.score;
            else complete = false;
        }
        return complete;
    }

    // score_leaves(): the scores fill_sheet() gives, without a tree, a name or a basis: each listed
    // leaf's score appended to the list in sheet order. Returns whether every leaf has a score,
    // and then `total`, the sum of the top-level indicators' scores, each the sum of its
    // children's (added in the same order, so the same decimal) or, when sums.exact_total allows
    // it and every leaf was scored by its rule, the leaves' scores added in sheet order.
    // When every leaf is listed (`all_listed`: nearly every ruleset), the scores are written
    // once, into the caller's list, and the parents' sums read them there; else into `own`.
    bool lean(const lower::SheetSums& sums, bool all_listed, std::vector<std::optional<Decimal>>& own,
              std::vector<std::optional<Decimal>>& stack, Decimal& total) {
        std::vector<std::optional<Decimal>>& scores = all_listed ? *lean_.leaves : own;
        if (!all_listed) scores.clear();
        const std::size_t first = scores.size();
        Decimal flat;
        bool complete = true, exact = sums.exact_total;
        for (const lower::SheetStep& step : sums.steps) {
            if (step.kind != lower::SheetStep::Kind::Leaf) continue;
            std::optional<Decimal>& score = scores.emplace_back();
            if (!lean_leaf(step, score)) exact = false;
            if (!all_listed && step.listed) lean_.leaves->push_back(score);
            if (score) flat = flat + *score;
            else complete = false;
        }
        if (!complete) return false;
        if (exact) {
            total = flat;
            return true;
        }
        // The parents' sums, from the leaves' scores just found.
        stack.clear();
        std::size_t next = first;
        for (const lower::SheetStep& step : sums.steps) {
            if (step.kind == lower::SheetStep::Kind::Leaf) {
                stack.push_back(scores[next++]);
                continue;
            }
            Decimal sum;
            const std::size_t first = stack.size() - step.count;
            for (std::size_t k = first; k < stack.size(); ++k) sum = sum + *stack[k];
            stack.resize(first + 1);
            stack[first] = sum;
        }
        total = Decimal();
        for (const auto& top : stack) total = total + *top;
        return true;
    }

    // A 加分项's or 减分项's points into `score`; `basis`, when not null (the sheet), receives
    // its 评分依据.
    void adjustment(const ast::Indicator& ind, std::optional<Decimal>& score, std::string* basis) {
        score.reset();
        if (!inputs_usable(ind, basis)) return;
        eval::LeafResult res = ev_.adjustment(ind);
        if (!report(ind, res, basis)) return;
        score = res.score;
        if (basis) *basis = std::move(res.basis);
    }

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
    void apply_not_applicable(std::vector<Decimal>& weights) {
        auto holds = [&](const ast::Indicator& ind, const ast::NotApplicable& na) {
            try {
                Value c = ev_.value(*na.condition);
                return c.kind == Value::Kind::Bool && c.boolean;
            } catch (EvalError& e) {
                const std::string who = r_.path_text(ind);  // a leaf's path, or a part's (its leaf's and its name)
                if (e.out_of_steps) out_of_steps(e);
                else if (absent(e.missing_slot)) {
                    // Whether it applies cannot be decided: its leaf is not scored, and the datum
                    // is demanded by it (E0401).
                    const ast::Indicator& leaf = ind.part_index >= 0 ? *r_.leaf_of_part[static_cast<std::size_t>(ind.part_index)] : ind;
                    needed(e.missing_slot, leaf);
                    if (undecided_slot_.empty()) undecided_slot_.resize(r_.indicators.size(), -1);
                    if (undecided_slot_[idx(leaf)] < 0) undecided_slot_[idx(leaf)] = e.missing_slot;
                } else sink_.error("E0501", e.loc, fmt::format("判断 `{}` 是否适用时出错：{}", who, e.zh),
                                 fmt::format("while deciding whether `{}` applies: {}", who, e.en));
            }
            return false;
        };
        auto reason = [&](const ast::NotApplicable& na) {
            Value why;
            try {
                why = ev_.value(*na.reason);
            } catch (EvalError& e) {
                out_of_steps(e);  // the reason is a text: only the budget can fail it
            }
            return why.kind == Value::Kind::Text ? std::string(why.text) : std::string();
        };
        applicability_.decide(r_, holds, reason, weights, state_);
        for (std::size_t i = 0; i < undecided_slot_.size(); ++i)
            if (undecided_slot_[i] >= 0) state_[i] = State::Undecided;
        moved_ = applicability_.touched();
        ev_.use_applicability(moved_ ? &applicability_ : nullptr);
    }

    // `basis`, when not null, receives why the indicator is not scored. Inline: with every
    // input bound (nearly every department) it is one test.
    bool inputs_usable(const ast::Indicator& ind, std::string* basis) { return all_inputs_ok_ || some_inputs_usable(ind, basis); }
    bool some_inputs_usable(const ast::Indicator& ind, std::string* basis) {
        std::string missing;
        for (int slot : r_.inputs_of[idx(ind)]) {
            const unsigned char ok = input_ok_[static_cast<std::size_t>(slot)];
            if (ok == 1) continue;
            if (ok == data::Bound::kAbsent) {
                if (!reads_always(ind, slot)) continue;
                needed(slot, ind);
            }
            missing += (missing.empty() ? "" : (en_ ? ", " : "、")) + r_.input_of_slot[static_cast<std::size_t>(slot)]->name;
        }
        if (missing.empty()) return true;
        // The data error itself was reported once, with every indicator that needs it.
        if (basis)
            *basis = fmt::format(fmt::runtime(en_ ? "not scored: missing or invalid data {}" : "未评分：缺少或无效的数据 {}"), missing);
        return false;
    }

    bool absent(int slot) const {
        return slot >= 0 && static_cast<std::size_t>(slot) < r_.input_of_slot.size() &&
               input_ok_[static_cast<std::size_t>(slot)] == data::Bound::kAbsent;
    }

    // Whether scoring `ind` reads input `slot` every time (an unresolved ruleset: assume so).
    bool reads_always(const ast::Indicator& ind, int slot) const {
        if (idx(ind) >= r_.always_inputs_of.size()) return true;
        const auto& always = r_.always_inputs_of[idx(ind)];
        return std::find(always.begin(), always.end(), slot) != always.end();
    }

    // Evaluation of `ind` stopped at `slot`, left out of the data: that one, and every other
    // input left out that the rule reads wherever it reads `slot` (实际 and 预算 of one ratio),
    // so that the assessor learns all that is missing at once, as for a datum read always.
    std::vector<int> needed_with(const ast::Indicator& ind, int slot) const {
        std::vector<int> out{slot};
        if (idx(ind) >= r_.reads_of.size()) return out;
        const auto& reads = r_.reads_of[idx(ind)];
        auto paths_of = [&](int s) -> const std::vector<std::string>* {
            for (const auto& rd : reads)
                if (rd.slot == s) return &rd.paths;
            return nullptr;
        };
        const std::vector<std::string>* at = paths_of(slot);
        if (!at) return out;
        for (const auto& rd : reads) {
            if (rd.slot == slot || !absent(rd.slot)) continue;
            const bool along = rd.paths.empty() || std::all_of(at->begin(), at->end(), [&](const std::string& p) {
                                   return std::find(rd.paths.begin(), rd.paths.end(), p) != rd.paths.end();
                               });
            if (along) out.push_back(rd.slot);
        }
        std::sort(out.begin(), out.end());
        return out;
    }

    // The data leaves out input `slot`, which scoring `ind` needs: E0401 at the end, once per
    // input, naming every indicator that needed it.
    void needed(int slot, const ast::Indicator& ind) { needs_.emplace_back(slot, ind.index); }

public:
    void report_missing(const DepartmentData& d) {
        if (needs_.empty()) return;
        std::stable_sort(needs_.begin(), needs_.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        std::vector<int> leaves;
        for (std::size_t i = 0; i < needs_.size();) {
            const int slot = needs_[i].first;
            leaves.clear();
            for (; i < needs_.size() && needs_[i].first == slot; ++i)
                if (std::find(leaves.begin(), leaves.end(), needs_[i].second) == leaves.end()) leaves.push_back(needs_[i].second);
            data::report_missing_datum(r_, d, slot, leaves, sink_);
        }
    }

private:
    // Reported once: every indicator after the one that used up the budget fails the same way.
    void out_of_steps(const EvalError& e) {
        if (out_of_steps_reported_) return;
        out_of_steps_reported_ = true;
        sink_.error("E0502", e.loc,
                    fmt::format("评分的计算步数超过上限 {}（主程序的 ScoreOptions::max_steps，命令行的 --max-steps），其余指标未评分",
                                opts_.max_steps),
                    fmt::format("scoring took more than {} evaluation steps (the host's ScoreOptions::max_steps, or "
                                "--max-steps); the remaining indicators are not scored", opts_.max_steps));
    }

    // Inline: a leaf scored without error or clipping (nearly every one) is one test each.
    bool report(const ast::Indicator& ind, const eval::LeafResult& res, std::string* basis) {
        if (!res.error && res.clipped.empty() && res.score && res.score->is_finite()) return true;
        return report_problem(ind, res, basis);
    }
    bool report_problem(const ast::Indicator& ind, const eval::LeafResult& res, std::string* basis) {
        for (const auto& c : res.clipped) clipped(ind, c);
        if (!res.error && res.score && !res.score->is_finite()) {
            // The evaluator stops at any operation that overflows; this is the last guard that
            // no infinite or NaN score reaches a sheet whatever path produced it.
            std::string path = r_.path_text(ind);
            sink_.error("E0501", ind.loc, fmt::format("评估 `{}` 时出错：得分超出了可表示的范围", path),
                        fmt::format("while scoring `{}`: the score is beyond the range of numbers pingfen can represent", path));
            if (basis) *basis = en_ ? "not scored: the score is out of range" : "未评分：得分超出可表示的范围";
            return false;
        }
        if (!res.error) return true;
        if (absent(res.error->missing_slot)) {
            std::string names;
            for (int slot : needed_with(ind, res.error->missing_slot)) {
                needed(slot, ind);
                names += (names.empty() ? "" : (en_ ? ", " : "、")) + r_.input_of_slot[static_cast<std::size_t>(slot)]->name;
            }
            if (basis) *basis = fmt::format(fmt::runtime(en_ ? "not scored: missing data {}" : "未评分：缺少数据 {}"), names);
            return false;
        }
        if (res.error->out_of_steps) {
            out_of_steps(*res.error);
            if (basis) *basis = en_ ? "not scored: the evaluation step limit was reached" : "未评分：计算步数达到上限";
            return false;
        }
        std::string path = r_.path_text(ind);
        sink_.error("E0501", res.error->loc, fmt::format("评估 `{}` 时出错：{}", path, res.error->zh),
                    fmt::format("while scoring `{}`: {}", path, res.error->en));
        if (basis) *basis = en_ ? "not scored: " + res.error->en : "未评分：" + res.error->zh;
        return false;
    }

    // The assessor's number was more than the points it deducts from: the score is right by
    // the rule (扣完为止) but the number on file is not what was applied.
    void clipped(const ast::Indicator& ind, const eval::ClippedAssessment& c) {
        const std::string who = c.part.empty() ? fmt::format("`{}`", r_.path_text(ind))
                                               : fmt::format("`{}` 的分项 `{}`", r_.path_text(ind), c.part);
        const std::string who_en = c.part.empty() ? fmt::format("`{}`", r_.path_text(ind))
                                                  : fmt::format("part `{}` of `{}`", c.part, r_.path_text(ind));
        const std::string v = c.value.to_string(), w = c.points.to_string();
        sink_.warning("W0502", c.loc,
                      fmt::format("{}：酌情扣 {} 分，超过其分值 {} 分，只扣了 {} 分", who, v, w, w),
                      fmt::format("{}: the discretionary deduction of {} is more than its {} points; only {} deducted",
                                  who_en, v, w, w));
    }

    // One leaf's score for this department into `score`; `basis` and `not_applicable`, when
    // not null (the sheet), receive its 评分依据 and whether its points moved out.
    // `i` and `rule` are ind's index and rule (ind.scoring), passed so that the indicator itself
    // is read only when the leaf is not plainly scored.
    void leaf(const ast::Indicator& ind, std::size_t i, const ast::Scoring& rule, std::optional<Decimal>& score,
              std::string* basis, bool* not_applicable) {
        if (state_[i] == State::MovedOut) {
            if (not_applicable) *not_applicable = true;
            score = Decimal();
            std::string text = api::moved_out(r_, applicability_, ind, en_, ev_);  // also records the choice
            if (basis) *basis = std::move(text);
            return;
        }
        if (state_[i] == State::Granted) {
            score = weight_[i];
            std::string text = api::granted(r_, applicability_, ind, weight_[i], en_, ev_);
            if (basis) *basis = std::move(text);
            return;
        }
        if (state_[i] == State::Undecided) {
            const std::string& name = r_.input_of_slot[static_cast<std::size_t>(undecided_slot_[i])]->name;
            if (basis)
                *basis = fmt::format(fmt::runtime(en_ ? "not scored: whether it applies needs the missing datum {}"
                                                      : "未评分：判断是否适用需要数据 {}，数据中缺少"),
                                     name);
            return;
        }
        if (!inputs_usable(ind, basis)) return;
        eval::LeafResult& res = result_;
        if (quiet_) {
            Decimal s;
            if (score_quietly(ind, rule, i, s)) [[likely]] {
                score = s;
                if (basis && moved_) *basis = api::with_arrivals(r_, applicability_, ind, en_, std::move(*basis));
                return;
            }
        } else {
            ev_.leaf(ind, weight_[i], res);
        }
        if (!report(ind, res, basis)) return;
        score = res.score;
        if (!basis) return;
        if (!res.basis.empty()) *basis = std::move(res.basis);  // empty when not explaining: *basis is already
        if (moved_) *basis = api::with_arrivals(r_, applicability_, ind, en_, std::move(*basis));
    }

    // leaf() for score_leaves(): a leaf that applies, with every input usable (nearly every
    // one), scored by the evaluator's leaf_score() without a result to fill. False when the
    // leaf took leaf()'s way instead (its score, if any, is not its rule's: moved or granted).
    bool lean_leaf(const lower::SheetStep& step, std::optional<Decimal>& score) {
        const ast::Indicator& ind = *step.indicator;
        const std::size_t i = step.index;
        if (state_[i] != State::Applies || !all_inputs_ok_) {
            leaf(ind, i, *step.rule, score, nullptr, nullptr);
            return false;
        }
        Decimal s;
        if (score_quietly(ind, *step.rule, i, s)) [[likely]] {
            score = s;
            return true;
        }
        if (report(ind, result_, nullptr)) score = result_.score;
        return true;
    }

    // Leaf `ind` (index i) on its rule by the evaluator's leaf_score(), without a result to
    // fill: true with `s` set when it scored cleanly (nearly every leaf); false with result_
    // holding what leaf() gives, for report(). Only without explanation or choices recorded
    // (leaf_score() does leaf() then, which leaves no way to tell a stale basis from its own).
    [[gnu::always_inline]] bool score_quietly(const ast::Indicator& ind, const ast::Scoring& rule, std::size_t i, Decimal& s) {
        if (ev_.leaf_score(ind, rule, i, weight_[i], s, result_)) {
            if (s.is_finite()) [[likely]] return true;
            result_.score = s;  // report()'s last guard: no infinite or NaN score on a sheet
            result_.basis.clear();
            result_.error.reset();
            result_.clipped.clear();
        }
        return false;
    }
};

// Data of another year is most often the wrong file: the sheet would publish last year's figures
// under this year's rules. Scored all the same (comparing a department under two years' rules is
// what `pingfen diff --data` is for), with a warning that every format of the sheet shows.
void other_year(const Ruleset& r, const DepartmentData& d, DiagnosticSink& sink) {
    sink.warning("W0403", Loc{d.source.get(), 0, 0, 1},
                 fmt::format("数据是 {} 年度的，规则集是 {} 年度的；请确认没有用错数据文件或规则集", *d.year, *r.module->year),
                 fmt::format("the data is for {} and the ruleset for {}; check that neither file is the wrong one", *d.year,
                             *r.module->year));
    if (r.module->title_loc.valid())
        sink.last().notes.push_back(make_note(r.module->title_loc, "规则集的年度在这里声明", "the ruleset's year is declared here"));
}

// Scores `d` into `sheet` (a fresh one, or the scratch sheet of score_leaves) and returns the
// diagnostics.
std::vector<Diagnostic> score_into(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts, Scratch& scratch,
                                   ScoreSheet& sheet, Lean lean, eval::ChoicesByIndicator* choices = nullptr,
                                   std::uint64_t* steps = nullptr, const BoundData* pre = nullptr) {
    DiagnosticSink sink;
    // Data bound once (bind_data): its slots copied (the evaluator adds named values to them),
    // what binding reported given again.
    const data::Bound* bound = &scratch.bound;
    if (pre && pre->ruleset_serial == r.serial) {
        for (const auto& diag : pre->diagnostics) sink.add(diag);
        scratch.bound.slots.resize(pre->bound.slots.size());  // for named values only: inputs are read from pre
        bound = &pre->bound;
    } else {
        data::bind_inputs(r, d, scratch.bound, sink);
    }
    if (r.module->year && d.year && *r.module->year != *d.year)
        other_year(r, d, sink);

    eval::Evaluator ev(r, bound->slots, scratch.bound.slots, scratch.eval_state, opts.language, opts.explain,
                       bound != &scratch.bound ? &pre->given_state : nullptr);
    if (opts.max_steps) ev.limit_steps(opts.max_steps);
    if (choices) {
        choices->assign(r.indicators.size(), {});
        ev.record_choices(choices);
    }
    if (scratch.sums.ruleset_serial != r.serial) {  // the ruleset lowered for this thread
        lower::sheet_sums(r, scratch.sums);
        scratch.sums_all_listed = std::all_of(scratch.sums.steps.begin(), scratch.sums.steps.end(), [](const lower::SheetStep& s) {
            return s.kind != lower::SheetStep::Kind::Leaf || s.listed;
        });
    }
    SheetBuilder builder(r, ev, *bound, sink, opts, scratch, lean, choices != nullptr);
    // The sheet's nodes, laid out as the ruleset's sheet shape (score_leaves() builds none).
    std::shared_ptr<detail::SheetNodes> nodes;
    if (!lean.leaves) {
        if (r.sheet_shape) nodes = detail::SheetAccess::start_reusing(scratch.sheet_nodes, r.sheet_shape, opts.texts);
        else nodes = detail::SheetAccess::start(detail::build_sheet_shape(r), opts.texts);
    }
    sheet.total.reset();
    sheet.grade.clear();
    sheet.total_basis.clear();
    if (!lean.leaves) {  // score_leaves() reads the total and grade alone
        if (r.module->title) sheet.ruleset = *r.module->title;
        sheet.year = r.module->year ? r.module->year : d.year;
        sheet.department = d.department;
        sheet.max = r.total;
    }
    Decimal total;
    bool complete = true;
    if (lean.leaves) {  // score_leaves(): no tree
        complete = builder.lean(scratch.sums, scratch.sums_all_listed, scratch.leaf_scores, scratch.sum_stack, total);
    } else {
        if (scratch.places_serial != r.serial) {
            sheet_places(r, *nodes->shape, scratch.places);
            if (scratch.places.size() != scratch.sums.steps.size())  // never: the same walk of the same tree
                throw std::logic_error("the sheet's shape and the ruleset's sums differ");
            scratch.places_serial = r.serial;
        }
        complete = builder.fill_sheet(scratch.sums, scratch.places, *nodes, total);
    }
    // Each 加分项's and 减分项's points: on the sheet with its basis, and (for the total) here.
    std::vector<std::optional<Decimal>>& adjustments = scratch.adjustment_scores;
    adjustments.resize(r.module->adjustments.size());
    for (std::size_t k = 0; k < adjustments.size(); ++k) {
        const ast::Indicator& item = *r.module->adjustments[k];
        if (!nodes) {
            builder.adjustment(item, adjustments[k], nullptr);
            continue;
        }
        auto& a = detail::SheetAccess::values(*nodes, nodes->shape->adjustments_from + static_cast<std::uint32_t>(k));
        a.weight = item.cap;
        builder.adjustment(item, a.score, &a.basis);
        adjustments[k] = a.score;
    }
    builder.report_missing(d);
    const bool en = opts.language == Language::English;
    if (complete && !adjustments.empty()) {
        // P15: bonus items raise the total but never above the system's total; penalty items
        // lower it, never below 0.
        Decimal bonus, penalty;
        for (std::size_t k = 0; k < adjustments.size(); ++k) {
            if (!adjustments[k]) complete = false;
            else if (r.module->adjustments[k]->role == ast::Indicator::Role::Bonus) bonus = bonus + *adjustments[k];
            else penalty = penalty + *adjustments[k];
        }
        Decimal raised = Decimal::min(r.total, total + bonus);
        Decimal final_total = Decimal::max(Decimal(), raised - penalty);
        sheet.total_basis = fmt::format(fmt::runtime(en ? "indicators {} + bonus {}{} − penalty {} = {}" : "指标得分 {} + 加分 {}{} − 减分 {} = {}"),
                                        total.to_string(), bonus.to_string(),
                                        r.total < total + bonus ? fmt::format(fmt::runtime(en ? " (capped at {})" : "（以 {} 分为限）"), r.total.to_string()) : "",
                                        penalty.to_string(), final_total.to_string());
        total = final_total;
    }
    if (complete) {
        const auto& rounding = r.module->rounding;
        if (rounding && rounding->where == ast::Rounding::Where::Total) total = total.round_half_up(rounding->places);
        sheet.total = total;
        for (const auto& g : r.module->grades) {
            const ast::Interval& iv = g.bound;
            bool in = true;
            if (iv.low) in = in && (iv.low_closed ? iv.low->number <= total : iv.low->number < total);
            if (iv.high) in = in && (iv.high_closed ? total <= iv.high->number : total < iv.high->number);
            if (in) {
                sheet.grade = g.name;
                break;
            }
        }
    }
    if (nodes) detail::SheetAccess::attach(sheet, std::move(nodes));
    if (steps) *steps = ev.steps();
    return sink.take();
}

}  // namespace

namespace {

// Runs `body` with this thread's scratch buffers (or fresh ones, should score() ever be entered
// again on the same thread).
template <class Body>
auto with_scratch(Body&& body) {
    thread_local Scratch scratch;
    if (scratch.busy) {  // not expected (nothing in score() calls back), but never share buffers
        Scratch own;
        return body(own);
    }
    struct Release {
        Scratch& s;
        ~Release() { s.busy = false; }
    } release{scratch};
    scratch.busy = true;
    return body(scratch);
}

ScoreResult score_in_scratch(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts,
                             eval::ChoicesByIndicator* choices = nullptr, const BoundData* pre = nullptr) {
    return with_scratch([&](Scratch& scratch) {
        ScoreResult result;
        result.sheet.emplace();
        result.diagnostics = score_into(r, d, opts, scratch, *result.sheet, Lean{}, choices, &result.steps, pre);
        result.sheet->diagnostics = result.diagnostics;
        return result;
    });
}

// Into `result`, whatever it held: its buffers are written over (score_leaves into a LeafScores).
void leaves_into(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts, LeafScores& result,
                 const BoundData* pre = nullptr) {
    with_scratch([&](Scratch& scratch) {
        result.leaves.clear();
        result.leaves.reserve(r.indicators.size());
        ScoreOptions lean = opts;
        lean.explain = false;
        lean.texts = false;
        result.diagnostics = score_into(r, d, lean, scratch, scratch.sheet, Lean{&result.leaves}, nullptr, nullptr, pre);
        result.department = d.department;
        result.total = scratch.sheet.total;
        result.grade = scratch.sheet.grade;
    });
}

LeafScores leaves_in_scratch(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts,
                             const BoundData* pre = nullptr) {
    LeafScores result;
    leaves_into(r, d, opts, result, pre);
    return result;
}

}  // namespace

ScoreResult score(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts) {
    return api::guarded<ScoreResult>(d.department, [&] { return score_in_scratch(r, d, opts); });
}

ScoreResult api::score_recording_choices(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts,
                                         eval::ChoicesByIndicator& choices) {
    return api::guarded<ScoreResult>(d.department, [&] { return score_in_scratch(r, d, opts, &choices); });
}

LeafScores score_leaves(const Ruleset& r, const DepartmentData& d, const ScoreOptions& opts) {
    return api::guarded<LeafScores>(d.department, [&] { return leaves_in_scratch(r, d, opts); });
}

namespace {

// leaves_into() behind the API's guard: on a failure inside pingfen, `out` is what the by-value
// score_leaves() gives then (E0010 alone), not a half-written record.
void leaves_guarded(const Ruleset& r, const DepartmentData& d, LeafScores& out, const ScoreOptions& opts,
                    const BoundData* pre = nullptr) {
    struct Failure {  // what guarded() returns: no LeafScores made and dropped on every call
        std::vector<Diagnostic> diagnostics;
    };
    Failure failure = api::guarded<Failure>(d.department, [&] {
        leaves_into(r, d, opts, out, pre);
        return Failure{};
    });
    if (!failure.diagnostics.empty()) {
        out = LeafScores{};
        out.diagnostics = std::move(failure.diagnostics);
    }
}

}  // namespace

void score_leaves(const Ruleset& r, const DepartmentData& d, LeafScores& out, const ScoreOptions& opts) {
    leaves_guarded(r, d, out, opts);
}

std::shared_ptr<const BoundData> bind_data(const Ruleset& r, std::shared_ptr<const DepartmentData> d) {
    if (!d) return nullptr;
    try {
        auto b = std::make_shared<BoundData>();
        DiagnosticSink sink;
        data::bind_inputs(r, *d, b->bound, sink);
        b->diagnostics = sink.take_unsorted();
        b->bound.given.clear();  // scratch of binding, pointing into the data
        eval::Evaluator::given_state_of(b->bound.slots, b->given_state);
        b->ruleset_serial = r.serial;
        b->data = std::move(d);
        return b;
    } catch (...) {
        return nullptr;  // out of memory: the host scores the data unbound
    }
}

ScoreResult score(const Ruleset& r, const BoundData& b, const ScoreOptions& opts) {
    return api::guarded<ScoreResult>(b.data->department, [&] { return score_in_scratch(r, *b.data, opts, nullptr, &b); });
}

LeafScores score_leaves(const Ruleset& r, const BoundData& b, const ScoreOptions& opts) {
    return api::guarded<LeafScores>(b.data->department, [&] { return leaves_in_scratch(r, *b.data, opts, &b); });
}

void score_leaves(const Ruleset& r, const BoundData& b, LeafScores& out, const ScoreOptions& opts) {
    leaves_guarded(r, *b.data, out, opts, &b);
}

}  // namespace pingfen
