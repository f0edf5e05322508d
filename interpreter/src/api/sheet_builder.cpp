// SheetBuilder (sheet_builder.hpp): a department's numbers onto its sheet, or into the list of
// score_leaves(), leaf by leaf from the evaluator, with what stops an indicator reported.
#include "api/sheet_builder.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "api/not_applicable_sheet.hpp"
#include "data/missing_datum.hpp"
#include "data/validate.hpp"
#include "eval/explain.hpp"

namespace pingfen::api {

namespace {

// The same walk as lower::sheet_sums (postorder over the indicators) through the shape beside
// it, so that places[k] is the node of steps[k].
void place(const ast::Indicator& ind, const detail::SheetShape& shape, std::uint32_t at, std::vector<SheetPlace>& out) {
    if (!ind.scoring) {
        const detail::SheetShape::Children below = shape.children[at];
        for (std::uint32_t k = 0; k < below.count; ++k) place(*ind.children[k], shape, below.first + k, out);
    }
    out.push_back({at, static_cast<std::uint32_t>(ind.index)});
}

}  // namespace

void sheet_places(const Ruleset& r, const detail::SheetShape& shape, std::vector<SheetPlace>& out) {
    out.clear();
    for (std::uint32_t k = 0; k < shape.top_count; ++k) place(*r.module->indicators[k], shape, k, out);
}

SheetBuilder::SheetBuilder(const Ruleset& r, eval::Evaluator& ev, const data::Bound& bound, DiagnosticSink& sink,
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

bool SheetBuilder::fill_sheet(const lower::SheetSums& sums, const std::vector<SheetPlace>& at, detail::SheetNodes& sheet, Decimal& total) {
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
        Decimal::Sum sum;
        bool complete = true;
        for (std::uint32_t c = 0; c < below.count; ++c) {
            const auto& child = detail::SheetAccess::values(nodes[below.first + c]);
            if (child.score) sum.add(*child.score);
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
        if (complete) n.score = sum.value();
    }
    bool complete = true;
    Decimal::Sum sum;
    for (std::uint32_t k = 0; k < sheet.shape->top_count; ++k) {
        const auto& top = detail::SheetAccess::values(nodes[k]);
        if (top.score) sum.add(*top.score);
        else complete = false;
    }
    total = sum.value();
    return complete;
}

bool SheetBuilder::lean(const lower::SheetSums& sums, bool all_listed, std::vector<std::optional<Decimal>>& own,
                        std::vector<std::optional<Decimal>>& stack, Decimal& total) {
    std::vector<std::optional<Decimal>>& scores = all_listed ? *lean_.leaves : own;
    if (!all_listed) scores.clear();
    const std::size_t first = scores.size();
    Decimal::Sum flat;
    bool complete = true, exact = sums.exact_total;
    for (const lower::SheetStep& step : sums.steps) {
        if (step.kind != lower::SheetStep::Kind::Leaf) continue;
        std::optional<Decimal>& score = scores.emplace_back();
        if (!lean_leaf(step, score)) exact = false;
        if (!all_listed && step.listed) lean_.leaves->push_back(score);
        if (score) flat.add(*score);
        else complete = false;
    }
    if (!complete) return false;
    if (exact) {
        total = flat.value();
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
        Decimal::Sum sum;
        const std::size_t first = stack.size() - step.count;
        for (std::size_t k = first; k < stack.size(); ++k) sum.add(*stack[k]);
        stack.resize(first + 1);
        stack[first] = sum.value();
    }
    Decimal::Sum sum;
    for (const auto& top : stack) sum.add(*top);
    total = sum.value();
    return true;
}

void SheetBuilder::adjustment(const ast::Indicator& ind, std::optional<Decimal>& score, std::string* basis) {
    score.reset();
    if (!inputs_usable(ind, basis)) return;
    eval::LeafResult res = ev_.adjustment(ind);
    if (!report(ind, res, basis)) return;
    score = res.score;
    if (basis) *basis = std::move(res.basis);
}

void SheetBuilder::apply_not_applicable(std::vector<Decimal>& weights) {
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

bool SheetBuilder::some_inputs_usable(const ast::Indicator& ind, std::string* basis) {
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

bool SheetBuilder::absent(int slot) const {
    return slot >= 0 && static_cast<std::size_t>(slot) < r_.input_of_slot.size() &&
           input_ok_[static_cast<std::size_t>(slot)] == data::Bound::kAbsent;
}

bool SheetBuilder::reads_always(const ast::Indicator& ind, int slot) const {
    if (idx(ind) >= r_.always_inputs_of.size()) return true;
    const auto& always = r_.always_inputs_of[idx(ind)];
    return std::find(always.begin(), always.end(), slot) != always.end();
}

std::vector<int> SheetBuilder::needed_with(const ast::Indicator& ind, int slot) const {
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

void SheetBuilder::report_missing(const DepartmentData& d) {
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

void SheetBuilder::out_of_steps(const EvalError& e) {
    if (out_of_steps_reported_) return;
    out_of_steps_reported_ = true;
    sink_.error("E0502", e.loc,
                fmt::format("评分的计算步数超过上限 {}（主程序的 ScoreOptions::max_steps，命令行的 --max-steps），其余指标未评分",
                            opts_.max_steps),
                fmt::format("scoring took more than {} evaluation steps (the host's ScoreOptions::max_steps, or "
                            "--max-steps); the remaining indicators are not scored", opts_.max_steps));
}

inline bool SheetBuilder::report(const ast::Indicator& ind, const eval::LeafResult& res, std::string* basis) {
    if (!res.error && res.clipped.empty() && res.score && res.score->is_finite()) return true;
    return report_problem(ind, res, basis);
}

bool SheetBuilder::report_problem(const ast::Indicator& ind, const eval::LeafResult& res, std::string* basis) {
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

void SheetBuilder::clipped(const ast::Indicator& ind, const eval::ClippedAssessment& c) {
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

void SheetBuilder::leaf(const ast::Indicator& ind, std::size_t i, const ast::Scoring& rule, std::optional<Decimal>& score,
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

inline bool SheetBuilder::lean_leaf(const lower::SheetStep& step, std::optional<Decimal>& score) {
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

[[gnu::always_inline]] inline bool SheetBuilder::score_quietly(const ast::Indicator& ind, const ast::Scoring& rule, std::size_t i, Decimal& s) {
    if (ev_.leaf_score(ind, rule, i, weight_[i], s, result_)) {
        if (s.is_finite()) [[likely]] return true;
        result_.score = s;  // report()'s last guard: no infinite or NaN score on a sheet
        result_.basis.clear();
        result_.error.reset();
        result_.clipped.clear();
    }
    return false;
}

}  // namespace pingfen::api
