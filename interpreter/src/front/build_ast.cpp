// The AST of a file from its parse tree: the module, its indicators and their members, and the
// modifications of an imported ruleset. Rules, expressions and data are in build_rules.cpp,
// build_expr.cpp and build_data.cpp (the Builder is declared in builder.hpp).
#include "front/builder.hpp"

namespace pingfen::front::building {

std::unique_ptr<Module> Builder::module(P::FileContext* f) {
    auto m = std::make_unique<Module>();
    std::vector<LocalDef> shared;
    // 等级系数 tables first: an indicator may use one declared further down.
    for (auto* item : subs<P::ItemContext>(f))
        if (auto* t = sub<P::CoefficientTableContext>(item)) {
            const std::string name = tok(t, P::IDENT)->getText();
            if (!tables_.emplace(name, t).second)
                sink_.error("E0116", loc(tok(t, P::IDENT)->getSymbol()), fmt::format("等级系数表 `{}` 已经定义过", name),
                            fmt::format("the grade coefficients `{}` are already defined", name));
        }
    m->source = src_;
    if (auto* h = sub<P::HeaderContext>(f)) {
        m->title = unquote(h->title);
        m->title_loc = loc(h);
        if (h->year) m->year = integer(h->year);
        if (h->total) {
            m->total = number(h->total);
            m->total_loc = loc(h->total);
        }
    }
    for (auto* item : subs<P::ItemContext>(f)) {
        if (auto* im = sub<P::ImportDeclContext>(item)) {
            m->imports.push_back({unquote(tok(im, P::STRING)->getSymbol()), loc(im), m->indicators.size()});
        } else if (auto* mod = sub<P::ModificationContext>(item)) {
            m->modifications.push_back(modification(mod));
        } else if (auto* adj = sub<P::AdjustmentContext>(item)) {
            auto ind = std::make_unique<Indicator>();
            ind->role = adj->kind->getType() == PingfenLexer::BONUS ? Indicator::Role::Bonus : Indicator::Role::Penalty;
            ind->loc = loc(adj->kind);
            name_of(sub<P::IndicatorNameContext>(adj), *ind);
            ind->cap = number(tok(adj, P::NUMBER)->getSymbol());
            ind->weight = ind->cap;
            ind->weight_loc = loc(tok(adj, P::NUMBER)->getSymbol());
            members(*ind, subs<P::MemberContext>(adj));
            leaf_check(*ind);
            m->adjustments.push_back(std::move(ind));
        } else if (auto* in = sub<P::InputsBlockContext>(item)) {
            if (!m->inputs.empty() || m->inputs_loc.valid())
                sink_.error("E0101", loc(in), "`输入` 块只能有一个", "only one `inputs` block is allowed");
            m->inputs_loc = loc(tok(in, P::INPUTS)->getSymbol());
            for (auto* d : subs<P::InputDeclContext>(in)) m->inputs.push_back(input(d));
        } else if (auto* g = sub<P::GradesBlockContext>(item)) {
            for (auto* b : subs<P::GradeBandContext>(g)) {
                GradeBand band;
                band.loc = loc(b);
                band.name = tok(b, P::IDENT) ? tok(b, P::IDENT)->getText() : unquote(tok(b, P::STRING)->getSymbol());
                band.bound = interval(sub<P::BoundContext>(b));
                m->grades.push_back(std::move(band));
            }
        } else if (auto* r = sub<P::RoundingDeclContext>(item)) {
            if (m->rounding)
                sink_.error("E0102", loc(r), "舍入方式只能声明一次", "rounding can be declared only once");
            Rounding ro;
            ro.loc = loc(r);
            ro.where = r->where->getType() == PingfenLexer::TOTAL ? Rounding::Where::Total
                                                                   : Rounding::Where::Leaves;
            ro.places = integer(r->places);
            if (ro.places < 0 || ro.places > 10) {
                sink_.error("E0103", loc(r->places), "保留的小数位数应在 0 到 10 之间",
                            "decimal places must be between 0 and 10");
                ro.places = 2;
            }
            m->rounding = ro;
        } else if (auto* ind = sub<P::IndicatorContext>(item)) {
            m->indicators.push_back(indicator(ind));
        } else if (auto* d = sub<P::DataBlockContext>(item)) {
            m->data.push_back(data_block(d));
        } else if (auto* t = sub<P::TestBlockContext>(item)) {
            m->tests.push_back(test(t));
        } else if (auto* v = sub<P::SharedValueContext>(item)) {
            LocalDef def;
            def.name = tok(v, P::IDENT)->getText();
            def.loc = loc(tok(v, P::IDENT)->getSymbol());
            def.value = expr(sub<P::ExprContext>(v));
            shared.push_back(std::move(def));
        }
    }
    // A value of the whole ruleset is a named value of each top-level indicator that reads
    // it: the resolver and the evaluator need nothing new, and each sheet row explains it.
    for (auto& ind : m->indicators) {
        // Also the shared values those read (完成率 = 执行数 / 预算数, then 差额 = 1 - 完成率).
        std::vector<bool> need(shared.size());
        for (std::size_t k = shared.size(); k-- > 0;) {
            need[k] = reads(*ind, shared[k].name);
            for (std::size_t j = k + 1; j < shared.size() && !need[k]; ++j)
                need[k] = need[j] && reads(*shared[j].value, shared[k].name);
        }
        std::vector<LocalDef> copies;
        for (std::size_t k = 0; k < shared.size(); ++k)
            if (need[k]) copies.push_back(LocalDef{shared[k].name, shared[k].loc, clone(*shared[k].value), -1, true});
        ind->locals.insert(ind->locals.begin(), std::make_move_iterator(copies.begin()), std::make_move_iterator(copies.end()));
    }
    return m;
}

void Builder::name_of(P::IndicatorNameContext* n, Indicator& ind) {
    ind.name = tok(n, P::IDENT) ? tok(n, P::IDENT)->getText() : unquote(tok(n, P::STRING)->getSymbol());
    ind.name_loc = loc(n);
}

std::vector<std::string> Builder::path(P::PathContext* p) {
    std::vector<std::string> out;
    for (auto* n : subs<P::IndicatorNameContext>(p))
        out.push_back(tok(n, P::IDENT) ? tok(n, P::IDENT)->getText() : unquote(tok(n, P::STRING)->getSymbol()));
    return out;
}

std::unique_ptr<Indicator> Builder::indicator(P::IndicatorContext* c) {
    auto ind = std::make_unique<Indicator>();
    ind->loc = loc(c->level);
    name_of(sub<P::IndicatorNameContext>(c), *ind);
    ind->weight = number(c->weight);
    ind->weight_loc = loc(c->weight);
    switch (c->level->getType()) {
        case PingfenLexer::LEVEL1: ind->declared_level = 1; break;
        case PingfenLexer::LEVEL2: ind->declared_level = 2; break;
        case PingfenLexer::LEVEL3: ind->declared_level = 3; break;
        case PingfenLexer::LEVEL4: ind->declared_level = 4; break;
        case PingfenLexer::LEVEL5: ind->declared_level = 5; break;
        case PingfenLexer::LEVEL6: ind->declared_level = 6; break;
        default: ind->declared_level = 0;
    }
    members(*ind, subs<P::MemberContext>(c));
    if (ind->scoring && !ind->children.empty()) {
        sink_.error("E0105", ind->scoring->loc,
                    fmt::format("指标 `{}` 有下级指标，不能再有自己的评分规则（得分是下级得分之和）", ind->name),
                    fmt::format("indicator `{}` has sub-indicators, so it cannot have its own "
                                "scoring rule (its score is the sum of theirs)", ind->name));
    }
    if (!ind->scoring && ind->children.empty()) leaf_check(*ind);
    return ind;
}

void Builder::leaf_check(const Indicator& ind) {
    if (ind.scoring) return;
    sink_.error("E0106", ind.name_loc, fmt::format("指标 `{}` 既没有评分规则，也没有下级指标", ind.name),
                fmt::format("indicator `{}` has neither a scoring rule nor sub-indicators", ind.name));
}

void Builder::members(Indicator& ind, const std::vector<P::MemberContext*>& ms) {
    for (auto* m : ms) {
        if (auto* e = exactly<P::ExplainMemberContext>(m)) {
            ind.explanation = unquote(tok(e, P::STRING)->getSymbol());
        } else if (auto* s = exactly<P::StandardMemberContext>(m)) {
            ind.standard = unquote(tok(s, P::STRING)->getSymbol());
        } else if (auto* l = exactly<P::LocalMemberContext>(m)) {
            if (ind.scoring) after_rule(loc(l));
            LocalDef def;
            def.name = tok(l, P::IDENT)->getText();
            def.loc = loc(tok(l, P::IDENT)->getSymbol());
            def.value = expr(sub<P::ExprContext>(l));
            ind.locals.push_back(std::move(def));
        } else if (auto* ch = exactly<P::ChildMemberContext>(m)) {
            ind.children.push_back(indicator(sub<P::IndicatorContext>(ch)));
        } else if (auto* mv = exactly<P::MoveMemberContext>(m)) {
            NotApplicable na;
            na.loc = loc(tok(mv, P::NOT_APPLIC)->getSymbol());
            na.condition = expr(sub<P::ExprContext>(mv));
            na.move = true;
            na.target_path = path(sub<P::PathContext>(mv));
            na.target_loc = loc(sub<P::PathContext>(mv));
            ind.not_applicable.push_back(std::move(na));
        } else if (auto* gr = exactly<P::GrantMemberContext>(m)) {
            NotApplicable na;
            na.loc = loc(tok(gr, P::NOT_APPLIC)->getSymbol());
            na.condition = expr(sub<P::ExprContext>(gr, 0));
            na.reason = expr(sub<P::ExprContext>(gr, 1));
            ind.not_applicable.push_back(std::move(na));
        } else if (auto* r = exactly<P::RuleMemberContext>(m)) {
            if (ind.scoring) {
                sink_.error("E0104", loc(r), "一个指标只能有一条评分规则",
                            "an indicator can have only one scoring rule");
                sink_.last().notes.push_back(make_note(ind.scoring->loc, "第一条评分规则在这里",
                                                       "the first scoring rule is here"));
            } else {
                ind.scoring = scoring(sub<P::ScoringContext>(r));
            }
        }
    }
    // A leaf's own parts can be not applicable (their points move or are granted); a part
    // deeper down is under a 若 or a tier, or in a bonus item, where nothing would move it.
    if (ind.role != Indicator::Role::Part && ind.scoring)
        nested_parts_not_applicable(*ind.scoring, ind.role == Indicator::Role::Indicator);
}

void Builder::nested_parts_not_applicable(const Scoring& s, bool own) {
    for (const auto& p : s.parts) {
        if (!own)
            for (const auto& na : p->not_applicable)
                sink_.error("E0119", na.loc,
                            fmt::format("分项 `{}` 不在末级指标自身的 `分项` 中（在 `若`、档位、另一分项之下或加减分项中），不能单独写 `不适用`：请把 `分项` 写成该末级指标的评分规则本身", p->name),
                            fmt::format("part `{}` is not in a leaf indicator's own `分项` (it is under an `if`, a tier, another "
                                        "part, or in a bonus or penalty item), so it cannot be not applicable on its own: make "
                                        "the `分项` the leaf's rule itself", p->name));
        if (p->scoring) nested_parts_not_applicable(*p->scoring, false);
    }
    if (s.then_) nested_parts_not_applicable(*s.then_, false);
    if (s.else_) nested_parts_not_applicable(*s.else_, false);
    for (const auto& t : s.tiers)
        if (t.result) nested_parts_not_applicable(*t.result, false);
}

Modification Builder::modification(P::ModificationContext* c) {
    if (auto* w = exactly<P::ModifyWeightContext>(c)) {
        Modification m{Modification::Kind::Weight, loc(tok(w, P::MODIFY)->getSymbol()), path(sub<P::PathContext>(w)), loc(sub<P::PathContext>(w)),
                       number(tok(w, P::NUMBER)->getSymbol()), nullptr, {}};
        for (auto* t : subs<P::SheetTextContext>(w)) {
            if (sub<P::KeepTextContext>(t)) keep_text(m, sub<P::KeepTextContext>(t));
            else if (tok(t, P::STANDARD)) sheet_text(m.standard, SheetText::How::Stated, unquote(tok(t, P::STRING)->getSymbol()), loc(t), true);
            else sheet_text(m.explanation, SheetText::How::Stated, unquote(tok(t, P::STRING)->getSymbol()), loc(t), false);
        }
        return m;
    }
    if (auto* r = exactly<P::ReplaceIndicatorContext>(c)) {
        Modification m{Modification::Kind::Replace, loc(tok(r, P::REPLACE)->getSymbol()), path(sub<P::PathContext>(r)), loc(sub<P::PathContext>(r)),
                       Decimal(), std::make_unique<Indicator>(), {}};
        m.replacement->loc = m.loc;
        members(*m.replacement, subs<P::MemberContext>(r));
        for (auto* mc : subs<P::MemberContext>(r)) {
            if (auto* e = exactly<P::ExplainMemberContext>(mc))
                sheet_text(m.explanation, SheetText::How::Stated, unquote(tok(e, P::STRING)->getSymbol()), loc(mc), false);
            else if (auto* s = exactly<P::StandardMemberContext>(mc))
                sheet_text(m.standard, SheetText::How::Stated, unquote(tok(s, P::STRING)->getSymbol()), loc(mc), true);
        }
        for (auto* k : subs<P::KeepTextContext>(r)) keep_text(m, k);
        return m;
    }
    if (auto* d = exactly<P::RemoveIndicatorContext>(c)) {
        return Modification{Modification::Kind::Remove, loc(tok(d, P::REMOVE)->getSymbol()), path(sub<P::PathContext>(d)), loc(sub<P::PathContext>(d)),
                            Decimal(), nullptr, {}};
    }
    if (auto* o = exactly<P::OrderIndicatorsContext>(c)) {
        Modification m{Modification::Kind::Order, loc(tok(o, P::ORDER)->getSymbol()),
                       sub<P::PathContext>(o) ? path(sub<P::PathContext>(o)) : std::vector<std::string>{},
                       sub<P::PathContext>(o) ? loc(sub<P::PathContext>(o)) : loc(tok(o, P::ORDER)->getSymbol()), Decimal(), nullptr, {}};
        for (auto* n : subs<P::IndicatorNameContext>(o)) {
            m.order.push_back(tok(n, P::IDENT) ? tok(n, P::IDENT)->getText() : unquote(tok(n, P::STRING)->getSymbol()));
            m.order_locs.push_back(loc(n));
        }
        return m;
    }
    auto* a = exactly<P::AddIndicatorsContext>(c);
    Modification m{Modification::Kind::Add, loc(tok(a, P::ADD)->getSymbol()), path(sub<P::PathContext>(a)), loc(sub<P::PathContext>(a)), Decimal(),
                   nullptr, {}};
    for (auto* i : subs<P::IndicatorContext>(a)) m.added.push_back(indicator(i));
    return m;
}

void Builder::keep_text(Modification& m, P::KeepTextContext* k) {
    const bool standard = tok(k, P::KEEP_STANDARD) != nullptr;
    sheet_text(standard ? m.standard : m.explanation, SheetText::How::Kept, "", loc(k), standard);
}

void Builder::sheet_text(SheetText& t, SheetText::How how, std::string text, const Loc& at, bool standard) {
    if (t.how != SheetText::How::Unstated && t.how != how) {
        const char* kw = standard ? "标准" : "解释";
        const char* keep = standard ? "沿用标准" : "沿用解释";
        sink_.error("E0605", at, fmt::format("既写了新的 `{}`，又写了 `{}`：只能二选一", kw, keep),
                    fmt::format("both a new `{}` and `{}`: say one or the other", standard ? "standard" : "explain",
                                standard ? "keep_standard" : "keep_explanation"));
        sink_.last().notes.push_back(make_note(t.loc, "另一个写在这里", "the other one is here"));
    }
    t.how = how;
    t.text = std::move(text);
    t.loc = at;
}

void Builder::after_rule(const Loc& l) {
    sink_.error("E0107", l, "命名值应写在评分规则之前", "named values must come before the scoring rule");
}

}  // namespace pingfen::front::building

namespace pingfen::front {

using building::Builder;

std::unique_ptr<ast::Module> build_module(SourcePtr source, PingfenParser::FileContext* tree,
                                          DiagnosticSink& sink) {
    Builder b(std::move(source), sink);
    return b.module(tree);
}

ast::ExprPtr build_expression(SourcePtr source, PingfenParser::ExprOnlyContext* tree,
                              DiagnosticSink& sink) {
    Builder b(std::move(source), sink);
    return b.expr(tree->expr());
}

}  // namespace pingfen::front
