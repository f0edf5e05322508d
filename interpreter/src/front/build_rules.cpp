// The AST of scoring rules: tier tables and their rows (bounds written as intervals, as
// comparisons or as ranges), deductions, goal tables and grade coefficients.
#include "front/builder.hpp"

namespace pingfen::front::building {

Interval Builder::interval(P::BoundContext* b) {
    Interval iv;
    iv.loc = loc(b);
    if (auto* i = exactly<P::IntervalBoundContext>(b)) {
        iv.low = expr(i->lo);
        iv.high = expr(i->hi);
        iv.low_closed = i->open->getType() == PingfenLexer::LBRACK;
        iv.high_closed = i->close->getType() == PingfenLexer::RBRACK;
    } else if (auto* d = exactly<P::DashBoundContext>(b)) {
        // [90%-95%) as a table prints it: the brackets say which ends are included.
        ExprPtr range = expr(d->range);
        if (!dash_range(*range, iv)) {
            bad_row(loc(b), b->getText());
            iv.low = std::move(range);
        }
        iv.low_closed = d->open->getType() == PingfenLexer::LBRACK;
        iv.high_closed = d->close->getType() == PingfenLexer::RBRACK;
    } else {
        auto* c = exactly<P::CompareBoundContext>(b);
        ExprPtr v = expr(sub<P::ExprContext>(c));
        switch (c->op->getType()) {
            case PingfenLexer::LT: iv.high = std::move(v); break;
            case PingfenLexer::LE: iv.high = std::move(v); iv.high_closed = true; break;
            case PingfenLexer::GT: iv.low = std::move(v); break;
            case PingfenLexer::GE: iv.low = std::move(v); iv.low_closed = true; break;
            default: {  // = x is [x, x]
                iv.high = clone(*v);
                iv.low = std::move(v);
                iv.low_closed = iv.high_closed = true;
            }
        }
    }
    return iv;
}

ExprPtr Builder::clone(const Expr& e) {
    auto c = std::make_unique<Expr>(e.kind, e.loc);
    c->number = e.number;
    c->percent = e.percent;
    c->date = e.date;
    c->boolean = e.boolean;
    c->text = e.text;
    c->op = e.op;
    for (const auto& a : e.args) c->args.push_back(clone(*a));
    return c;
}

bool Builder::reads(const Expr& e, const std::string& name) {
    if (e.kind == Expr::Kind::Name && e.text == name) return true;
    for (const auto& a : e.args)
        if (reads(*a, name)) return true;
    return false;
}

bool Builder::reads(const Interval& iv, const std::string& name) {
    return (iv.low && reads(*iv.low, name)) || (iv.high && reads(*iv.high, name));
}

bool Builder::reads(const Scoring& s, const std::string& name) {
    for (const Expr* e : {s.value.get(), s.base.get(), s.step.get(), s.amount.get(), s.cap.get(), s.reason.get()})
        if (e && reads(*e, name)) return true;
    if (s.then_ && reads(*s.then_, name)) return true;
    if (s.else_ && reads(*s.else_, name)) return true;
    for (const auto& t : s.tiers)
        if ((t.bound && reads(*t.bound, name)) || (t.result && reads(*t.result, name))) return true;
    for (const auto& d : s.deductions)
        if (reads(*d.subject, name) || reads(*d.amount, name)) return true;
    for (const auto& p : s.parts)
        if (reads(*p, name)) return true;
    if (s.range && reads(*s.range, name)) return true;
    return false;
}

bool Builder::reads(const Indicator& ind, const std::string& name) {
    for (const auto& l : ind.locals)
        if (reads(*l.value, name)) return true;
    for (const auto& na : ind.not_applicable)
        if ((na.condition && reads(*na.condition, name)) || (na.reason && reads(*na.reason, name))) return true;
    if (ind.scoring && reads(*ind.scoring, name)) return true;
    for (const auto& c : ind.children)
        if (reads(*c, name)) return true;
    return false;
}

bool Builder::dash_range(Expr& e, Interval& iv) {
    if (e.kind != Expr::Kind::Binary || e.op != BinaryOp::Sub || e.args[0]->kind != Expr::Kind::Number ||
        e.args[1]->kind != Expr::Kind::Number)
        return false;
    iv.low = std::move(e.args[0]);
    iv.high = std::move(e.args[1]);
    return true;
}

void Builder::bad_row(Loc at, const std::string& text) {
    sink_.error("E0111", at, fmt::format("看不懂档位条件 `{}`：请写成区间 `[90%, 95%)`，或 `低于 80%`、`80%（含）至90%`、`90% ≤ 执行率 < 95%`", text),
                fmt::format("cannot read the tier condition `{}`: write an interval `[90%, 95%)`, or `低于 80%`, "
                            "`80%（含）至90%`, `90% ≤ rate < 95%`", text));
}

bool Builder::same(const Expr& a, const Expr& b) {
    if (a.kind != b.kind || a.text != b.text || a.op != b.op || a.args.size() != b.args.size()) return false;
    if (a.kind == Expr::Kind::Number && (a.number != b.number)) return false;
    if (a.kind == Expr::Kind::Bool && a.boolean != b.boolean) return false;
    for (std::size_t i = 0; i < a.args.size(); ++i)
        if (!same(*a.args[i], *b.args[i])) return false;
    return true;
}

std::optional<Interval> Builder::tier_bound(P::TierBoundContext* c, const Expr& subject) {
    if (auto* p = exactly<P::PlainTierContext>(c)) return interval(sub<P::BoundContext>(p));
    if (exactly<P::OtherwiseTierContext>(c)) return std::nullopt;
    Interval iv;
    iv.loc = loc(c);
    if (auto* w = exactly<P::WordTierContext>(c)) {
        ExprPtr v = expr(sub<P::ExprContext>(w));
        switch (w->word->getType()) {
            case PingfenLexer::BELOW:
            case PingfenLexer::EARLIER: iv.high = std::move(v); break;
            case PingfenLexer::NOT_ABOVE:
            case PingfenLexer::NOT_LATER: iv.high = std::move(v); iv.high_closed = true; break;
            case PingfenLexer::NOT_BELOW:
            case PingfenLexer::NOT_EARLIER: iv.low = std::move(v); iv.low_closed = true; break;
            default: iv.low = std::move(v);  // 高于, 超过, 晚于
        }
        return iv;
    }
    auto* w = exactly<P::WrittenTierContext>(c);
    ExprPtr lo = expr(w->lo);
    const bool ranged = w->hi != nullptr;
    if (!ranged && !w->side && !w->loin && is_comparison(*lo) || (lo->kind == Expr::Kind::Binary && lo->op == BinaryOp::And && !ranged && !w->side && !w->loin))
        return compared_row(std::move(lo), subject, iv, c->getText()) ? std::optional<Interval>(std::move(iv))
                                                                       : std::optional<Interval>(Interval{});
    if (ranged) {
        // 80%（含）至90%: the end marked （含） is included, the other is not.
        iv.low = std::move(lo);
        iv.high = expr(w->hi);
        iv.low_closed = w->loin != nullptr;
        iv.high_closed = w->hiin != nullptr;
        if (w->side) bad_row(loc(c), c->getText());
        else if (!iv.low_closed && !iv.high_closed) unstated_ends(loc(c), c->getText());
        return iv;
    }
    if (dash_range(*lo, iv)) {
        // 0-10%（含）: the （含） follows the upper end.
        iv.high_closed = w->loin != nullptr;
        if (w->side) bad_row(loc(c), c->getText());
        else if (!iv.high_closed) unstated_ends(loc(c), c->getText());
        return iv;
    }
    if (w->side) {
        // 5（含）以上, 5项及以上: 及 and （含） say the end is included; a bare 以上 does not.
        const bool stated = w->loin != nullptr || w->side->getText().rfind("及", 0) == 0;
        if (!stated) unstated_ends(loc(c), c->getText());
        if (w->side->getType() == PingfenLexer::OR_MORE) iv.low = std::move(lo), iv.low_closed = true;
        else iv.high = std::move(lo), iv.high_closed = true;
        return iv;
    }
    bad_row(loc(c), c->getText());
    iv.low = std::move(lo);
    return iv;
}

void Builder::unstated_ends(Loc at, const std::string& text) {
    sink_.error("E0112", at,
                fmt::format("档位 `{}` 没有说明端点是否包含在内：请用 （含） 标出包含的一端，如 `80%（含）至90%`、`0-10%（含）`、`5（含）以上`，或写成区间 `[80%, 90%)`", text),
                fmt::format("the tier `{}` does not say which ends are included: mark the included end with （含） "
                            "(`80%（含）至90%`, `0-10%（含）`, `5（含）以上`) or write an interval `[80%, 90%)`", text));
}

bool Builder::compared_row(ExprPtr e, const Expr& subject, Interval& iv, const std::string& text) {
    std::vector<ExprPtr> cmps;
    if (e->kind == Expr::Kind::Binary && e->op == BinaryOp::And) {
        cmps.push_back(std::move(e->args[0]));
        cmps.push_back(std::move(e->args[1]));
    } else {
        cmps.push_back(std::move(e));
    }
    for (auto& c : cmps) {
        if (!is_comparison(*c) || c->op == BinaryOp::Ne) {
            bad_row(iv.loc, text);
            return false;
        }
        const bool left = same(*c->args[0], subject);
        const bool right = same(*c->args[1], subject);
        if (left == right) {
            std::string zh_subject = subject.kind == Expr::Kind::Name ? subject.text : "分档的值";
            sink_.error("E0113", span(*c),
                        fmt::format("档位条件应比较分档的 `{}` 与一个界限，如 `90% ≤ {} < 95%`", zh_subject, zh_subject),
                        fmt::format("a tier condition must compare the tiered `{}` with a bound, as in `90% ≤ {} < 95%`",
                                    zh_subject, zh_subject));
            return false;
        }
        ExprPtr bound = std::move(c->args[left ? 1 : 0]);
        BinaryOp op = c->op;
        if (!left) {  // 90% ≤ 执行率 is 执行率 ≥ 90%
            op = op == BinaryOp::Lt ? BinaryOp::Gt : op == BinaryOp::Le ? BinaryOp::Ge
               : op == BinaryOp::Gt ? BinaryOp::Lt : op == BinaryOp::Ge ? BinaryOp::Le : op;
        }
        const bool sets_low = op == BinaryOp::Gt || op == BinaryOp::Ge || op == BinaryOp::Eq;
        const bool sets_high = op == BinaryOp::Lt || op == BinaryOp::Le || op == BinaryOp::Eq;
        if ((sets_low && iv.low) || (sets_high && iv.high)) {
            bad_row(iv.loc, text);
            return false;
        }
        if (op == BinaryOp::Eq) {
            iv.high = clone(*bound);
            iv.low = std::move(bound);
            iv.low_closed = iv.high_closed = true;
        } else if (sets_low) {
            iv.low = std::move(bound);
            iv.low_closed = op == BinaryOp::Ge;
        } else {
            iv.high = std::move(bound);
            iv.high_closed = op == BinaryOp::Le;
        }
    }
    return true;
}

ExprPtr Builder::in_row(const Interval& iv, const Expr& subject, Loc at) {
    ExprPtr low, high;
    if (iv.low) low = binary(iv.low_closed ? BinaryOp::Ge : BinaryOp::Gt, at, clone(subject), clone(*iv.low));
    if (iv.high) high = binary(iv.high_closed ? BinaryOp::Le : BinaryOp::Lt, at, clone(subject), clone(*iv.high));
    if (low && high) return binary(BinaryOp::And, at, std::move(low), std::move(high));
    if (low) return low;
    if (high) return high;
    auto yes = std::make_unique<Expr>(Expr::Kind::Bool, at);
    yes->boolean = true;
    return yes;
}

void Builder::row_weight_meaning(P::CompletionRuleContext& g, Scoring& r) {
    const Loc at = loc(g.split);
    if (!r.split_by_row_weight) {
        if (g.meaning)
            sink_.error("E0110", loc(g.meaning), "平均分配时各行不需要权重，这里不应写括号中的含义",
                        "equal shares need no row weights: leave out the bracket");
        return;
    }
    if (!g.meaning) {
        sink_.error("E0110", at, "`按权重` 须写明权重的含义：`按权重（分值）`（各行权重即其分值，合计等于指标分值）或 `按权重（占比）`（各行权重是占比，合计 100%）",
                    "`按权重` must say what the weights are: `按权重（分值）` (each row's weight is its points, adding up to the "
                    "indicator's) or `按权重（占比）` (each row's weight is its share, adding up to 100%)");
        return;
    }
    if (g.meaning->getType() == PingfenLexer::WEIGHT) return;
    if (g.meaning->getText() == "占比" || g.meaning->getText() == "share") {
        r.row_weight_is_share = true;
        return;
    }
    sink_.error("E0110", loc(g.meaning), fmt::format("权重的含义应为 `分值` 或 `占比`，却是 `{}`", g.meaning->getText()),
                fmt::format("the weights' meaning must be `分值` (points) or `占比` (shares), not `{}`", g.meaning->getText()));
}

ScoringPtr Builder::scoring(P::ScoringContext* c) {
    if (exactly<P::FullRuleContext>(c)) return std::make_unique<Scoring>(Scoring::Kind::Full, loc(c));
    if (exactly<P::ZeroRuleContext>(c)) return std::make_unique<Scoring>(Scoring::Kind::Zero, loc(c));
    if (auto* s = exactly<P::ScoreRuleContext>(c)) {
        auto r = std::make_unique<Scoring>(Scoring::Kind::Score, loc(c));
        r->value = expr(sub<P::ExprContext>(s));
        return r;
    }
    if (auto* s = exactly<P::IfRuleContext>(c)) {
        auto r = std::make_unique<Scoring>(Scoring::Kind::If, loc(tok(s, P::IF)->getSymbol()));
        r->value = expr(sub<P::ExprContext>(s));
        r->then_ = scoring(s->t);
        r->else_ = scoring(s->e);
        return r;
    }
    if (auto* s = exactly<P::TiersRuleContext>(c)) {
        auto r = std::make_unique<Scoring>(Scoring::Kind::Tiers, loc(tok(s, P::BY)->getSymbol()));
        r->value = expr(sub<P::ExprContext>(s));
        for (auto* t : subs<P::TierContext>(s)) {
            Tier tier;
            tier.loc = loc(t);
            tier.bound = tier_bound(sub<P::TierBoundContext>(t), *r->value);
            tier.result = scoring(sub<P::ScoringContext>(t));
            r->tiers.push_back(std::move(tier));
        }
        return r;
    }
    if (auto* p = exactly<P::ParenRuleContext>(c)) return scoring(sub<P::ScoringContext>(p));
    if (auto* g = exactly<P::GradeRuleContext>(c)) return grade_rule(*g);
    if (auto* s = exactly<P::StepDownRuleContext>(c)) {
        auto r = std::make_unique<Scoring>(Scoring::Kind::Step, loc(tok(s, P::BY)->getSymbol()));
        r->downward = true;
        r->value = expr(s->v);
        if (s->b) r->base = expr(s->b);
        else
            sink_.error("E0114", loc(tok(s, P::PER_DECREASE)->getSymbol()),
                        "`每低于` 需要写明从哪个值起算，如 `按 完成率 低于 100% 每低于 5% 扣 2 分，不足一档不计，扣完为止`",
                        "`per_decrease` needs the value the steps count down from, as in "
                        "`by rate below 100% per_decrease 5% deduct 2 points, partial_step_ignored, floor_zero`");
        r->step = expr(s->s);
        r->amount = expr(s->a);
        r->partial_step_counts = sub<P::StepRoundingContext>(s)->STEP_UP() != nullptr;
        return r;
    }
    if (auto* s = exactly<P::StepRuleContext>(c)) {
        auto r = std::make_unique<Scoring>(Scoring::Kind::Step, loc(tok(s, P::BY)->getSymbol()));
        r->value = expr(s->v);
        if (s->b) r->base = expr(s->b);
        r->step = expr(s->s);
        r->amount = expr(s->a);
        r->partial_step_counts = sub<P::StepRoundingContext>(s)->STEP_UP() != nullptr;
        return r;
    }
    if (auto* s = exactly<P::ProportionRuleContext>(c)) {
        auto r = std::make_unique<Scoring>(Scoring::Kind::Proportion, loc(tok(s, P::BY)->getSymbol()));
        r->value = expr(s->v);
        r->cap = expr(s->c);
        return r;
    }
    if (auto* p = exactly<P::PartsRuleContext>(c)) {
        auto r = std::make_unique<Scoring>(Scoring::Kind::Parts, loc(tok(p, P::PARTS)->getSymbol()));
        for (auto* pc : subs<P::PartContext>(p)) {
            auto part = std::make_unique<Indicator>();
            part->role = Indicator::Role::Part;
            part->loc = loc(pc);
            name_of(sub<P::IndicatorNameContext>(pc), *part);
            part->weight_loc = loc(pc->share);
            if (pc->share->getType() == PingfenLexer::PERCENT_LIT) {
                part->share = percent(pc->share);
                part->share_is_percent = true;
            } else {
                part->share = number(pc->share);
            }
            members(*part, subs<P::MemberContext>(pc));
            if (!part->children.empty())
                sink_.error("E0109", part->name_loc, "分项不能再有下级指标", "a part cannot have sub-indicators");
            leaf_check(*part);
            r->parts.push_back(std::move(part));
        }
        return r;
    }
    if (auto* f = exactly<P::FindingRuleContext>(c)) {
        // 按 财务核查 扣分: 酌情扣 with the number, its bounds and the reason all in one 核查
        // datum; the resolver checks it is one and copies its declared bounds into `range`.
        auto r = std::make_unique<Scoring>(Scoring::Kind::Discretion, loc(tok(f, P::BY)->getSymbol()));
        r->discretion_deducts = true;
        r->finding = true;
        r->value = expr(f->v);
        r->reason = std::make_unique<Expr>(Expr::Kind::Call, r->value->loc);
        r->reason->text = "核查理由";
        r->reason->args.push_back(clone(*r->value));
        return r;
    }
    if (auto* d = exactly<P::DiscretionRuleContext>(c)) {
        auto r = std::make_unique<Scoring>(Scoring::Kind::Discretion, loc(d->kind));
        r->discretion_deducts = d->kind->getType() == PingfenLexer::DISC_DEDUCT;
        r->value = expr(d->v);
        r->range = std::make_unique<Interval>(interval(sub<P::BoundContext>(d)));
        r->reason = expr(d->r);
        return r;
    }
    if (auto* g = exactly<P::CompletionRuleContext>(c)) {
        auto r = std::make_unique<Scoring>(Scoring::Kind::Completion, loc(tok(g, P::BY)->getSymbol()));
        r->value = expr(g->v);
        r->split_by_row_weight = g->split->getType() == PingfenLexer::BY_WEIGHT;
        row_weight_meaning(*g, *r);
        Expr rate(Expr::Kind::Name, loc(g));  // a row written 90% ≤ 完成率 < 100% names it
        rate.text = "完成率";
        for (auto* t : subs<P::TierContext>(g)) {
            Tier tier;
            tier.loc = loc(t);
            tier.bound = tier_bound(sub<P::TierBoundContext>(t), rate);
            tier.result = scoring(sub<P::ScoringContext>(t));
            r->tiers.push_back(std::move(tier));
        }
        if (auto* q = sub<P::QualitativeBandsContext>(g)) {
            for (auto* b : subs<P::BandContext>(q)) {
                QualitativeBand band;
                band.name = tok(b, P::IDENT) ? tok(b, P::IDENT)->getText() : unquote(tok(b, P::STRING)->getSymbol());
                band.loc = loc(b);
                band.bound = std::make_unique<Interval>(interval(sub<P::BoundContext>(b)));
                r->bands.push_back(std::move(band));
            }
        }
        return r;
    }
    auto* s = exactly<P::DeductionRuleContext>(c);
    auto r = std::make_unique<Scoring>(Scoring::Kind::Deductions, loc(tok(s, P::DEDUCT_BLOCK)->getSymbol()));
    for (auto* d : subs<P::DeductionContext>(s)) {
        Deduction ded;
        ded.loc = loc(d);
        if (auto* cd = exactly<P::ConditionalDeductionContext>(d)) {
            ded.kind = Deduction::Kind::Conditional;
            ded.subject = expr(cd->c);
            ded.amount = expr(cd->a);
        } else if (auto* pd = exactly<P::PerItemDeductionContext>(d)) {
            ded.kind = Deduction::Kind::PerItem;
            ded.subject = expr(pd->n);
            ded.amount = expr(pd->a);
        } else {
            tiered_deduction(*exactly<P::TieredDeductionContext>(d), *r);
            continue;
        }
        r->deductions.push_back(std::move(ded));
    }
    return r;
}

void Builder::tiered_deduction(P::TieredDeductionContext& d, Scoring& block) {
    auto table = std::make_unique<Scoring>(Scoring::Kind::Tiers, loc(d.BY()->getSymbol()));
    table->value = expr(d.v);
    for (auto* t : subs<P::DeductionTierContext>(&d)) {
        Tier tier;
        tier.loc = loc(t);
        tier.bound = tier_bound(sub<P::TierBoundContext>(t), *table->value);
        for (const ExprPtr* end : {tier.bound ? &tier.bound->low : nullptr, tier.bound ? &tier.bound->high : nullptr})
            if (end && *end && (*end)->kind != Expr::Kind::Number) {
                // With a bound known only from the data, no check can tell that two rows never
                // both deduct; 若 … 扣 … 分 says that each condition deducts on its own.
                sink_.error("E0118", span(**end), "扣分块中档位的界限应为常数，才能确定一个值只落在一档中；与另一个值比较请写成 `若 条件 扣 … 分`",
                            "the bounds of tiers in a deduction block must be constants, so that a value is known to fall in "
                            "one tier only; to compare with another value write `若 condition 扣 … 分`");
                break;
            }
        if (!tier.bound) {
            sink_.error("E0115", loc(t), "扣分档位中不能写 `其余`：不在任何一档的值不扣分",
                        "`otherwise` is not allowed among deduction tiers: a value in no tier deducts nothing");
            continue;
        }
        if (t->a) {
            tier.result = std::make_unique<Scoring>(Scoring::Kind::Score, loc(t));
            tier.result->value = expr(t->a);
            Deduction ded;
            ded.kind = Deduction::Kind::Conditional;
            ded.loc = loc(t);
            ded.subject = in_row(*tier.bound, *table->value, tier.loc);
            ded.amount = clone(*tier.result->value);
            ded.from_tiers = true;
            ded.row_text = sub<P::TierBoundContext>(t)->getText();
            block.deductions.push_back(std::move(ded));
        } else {
            tier.result = std::make_unique<Scoring>(Scoring::Kind::Zero, loc(t));
        }
        table->tiers.push_back(std::move(tier));
    }
    block.deduction_tiers.push_back(std::move(table));
}

ScoringPtr Builder::grade_rule(P::GradeRuleContext& g) {
    auto r = std::make_unique<Scoring>(Scoring::Kind::Tiers, loc(g.BY()->getSymbol()));
    r->by_grade = true;
    r->value = expr(g.v);
    std::vector<P::CoefficientRowContext*> rows = subs<P::CoefficientRowContext>(&g);
    if (g.table) {
        auto it = tables_.find(g.table->getText());
        if (it == tables_.end()) {
            sink_.error("E0117", loc(g.table), fmt::format("没有名为 `{}` 的等级系数表", g.table->getText()),
                        fmt::format("there are no grade coefficients named `{}`", g.table->getText()));
            sink_.last().notes.push_back(make_note(Loc{}, "在规则集中写 `等级系数 名称 { 优 100%  良 80%  中 60%  差 0% }`",
                                                   "declare them in the ruleset: `等级系数 name { 优 100%  良 80%  中 60%  差 0% }`"));
            return r;
        }
        rows = subs<P::CoefficientRowContext>(it->second);
    }
    for (auto* row : rows) {
        Tier tier;
        tier.loc = loc(row);
        tier.grade = tok(row, P::STRING) ? unquote(tok(row, P::STRING)->getSymbol()) : row->getStart()->getText();
        for (const auto& t : r->tiers)
            if (t.grade == tier.grade)
                sink_.error("E0116", loc(row), fmt::format("等级 `{}` 在等级系数中出现了两次", tier.grade),
                            fmt::format("grade `{}` appears twice in the coefficients", tier.grade));
        auto share = std::make_unique<Expr>(Expr::Kind::Number, loc(row->share));
        if (row->share->getType() == PingfenLexer::PERCENT_LIT) share->number = percent(row->share), share->percent = true;
        else share->number = number(row->share);
        tier.result = std::make_unique<Scoring>(Scoring::Kind::Score, loc(row));
        tier.result->value = binary(BinaryOp::Mul, loc(row->share), std::make_unique<Expr>(Expr::Kind::Weight, loc(row)), std::move(share));
        r->tiers.push_back(std::move(tier));
    }
    return r;
}

}  // namespace pingfen::front::building
