// score and score_leaves of the public API: a department's sheet, or its numbers alone.
#include <algorithm>
#include <span>
#include <stdexcept>
#include <fmt/format.h>

#include "api/guard.hpp"
#include "api/not_applicable_sheet.hpp"
#include "api/score_choices.hpp"
#include "api/sheet.hpp"
#include "api/sheet_builder.hpp"
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

using api::Lean;
using api::Scratch;
using api::SheetBuilder;
using api::sheet_places;

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
                       bound != &scratch.bound ? &pre->given_state : nullptr, &bound->frame);
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
        Decimal final_total = (raised - penalty).floored_at_zero();
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
