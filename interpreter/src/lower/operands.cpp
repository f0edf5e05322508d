#include "lower/operands.hpp"

namespace pingfen::lower {

namespace {

using namespace ast;

void expr(Expr* e) {
    if (!e) return;
    for (std::size_t i = 0; i < Expr::kCachedOperands; ++i) e->operand[i] = i < e->args.size() ? e->args[i].get() : nullptr;
    for (auto& a : e->args) expr(a.get());
}

void interval(const Interval* iv) {
    if (!iv) return;
    expr(iv->low.get());
    expr(iv->high.get());
}

void indicator(Indicator& ind);

void scoring(Scoring* s) {
    if (!s) return;
    expr(s->value.get());
    scoring(s->then_.get());
    scoring(s->else_.get());
    for (auto& t : s->tiers) {
        if (t.bound) interval(&*t.bound);
        scoring(t.result.get());
    }
    expr(s->base.get());
    expr(s->step.get());
    expr(s->amount.get());
    expr(s->cap.get());
    for (auto& d : s->deductions) {
        expr(d.subject.get());
        expr(d.amount.get());
    }
    for (auto& t : s->deduction_tiers) scoring(t.get());
    for (auto& p : s->parts) indicator(*p);
    interval(s->range.get());
    expr(s->reason.get());
    for (auto& b : s->bands) interval(b.bound.get());
}

void indicator(Indicator& ind) {
    for (auto& l : ind.locals) expr(l.value.get());
    for (auto& na : ind.not_applicable) {
        expr(na.condition.get());
        expr(na.reason.get());
    }
    scoring(ind.scoring.get());
    for (auto& c : ind.children) indicator(*c);
}

}  // namespace

void cache_operands(Ruleset& r) {
    if (!r.module) return;
    for (auto& ind : r.module->indicators) indicator(*ind);
    for (auto& ind : r.module->adjustments) indicator(*ind);
    for (auto& in : r.module->inputs)
        if (in.range) interval(&*in.range);
    for (auto& g : r.module->grades) interval(&g.bound);
}

}  // namespace pingfen::lower
