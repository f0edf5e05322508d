#include "front/build_ast.hpp"

#include "PingfenLexer.h"
#include "calendar/date.hpp"

#include <fmt/format.h>
#include <map>
#include <typeinfo>

namespace pingfen::front {
namespace {

// ctx->NAME() for a token NAME that its rule has once: the first child that is that token, as
// ParserRuleContext::getToken finds it, but a terminal told by its type rather than by two
// dynamic_casts of every child (a tenth of building the tree of a file of tests). Children are
// rule contexts or terminals (TerminalNodeImpl, ErrorNodeImpl in error recovery), and a terminal
// is a TerminalNode through its one ParseTree base.
antlr4::tree::TerminalNode* tok(antlr4::ParserRuleContext* ctx, size_t type) {
    for (antlr4::tree::ParseTree* child : ctx->children) {
        const std::type_info& kind = typeid(*child);
        if (kind != typeid(antlr4::tree::TerminalNodeImpl) && kind != typeid(antlr4::tree::ErrorNodeImpl)) continue;
        auto* node = static_cast<antlr4::tree::TerminalNode*>(child);
        if (node->getSymbol()->getType() == type) return node;
    }
    return nullptr;
}

// `c` as the labelled alternative T when it is one (generated alternatives have no subclasses):
// its type compared, where a dynamic_cast to each alternative in turn walked the class tree (a
// file of boundary tests has thousands of members).
template <class T>
T* exactly(antlr4::ParserRuleContext* c) {
    return typeid(*c) == typeid(T) ? static_cast<T*>(c) : nullptr;
}

using P = PingfenParser;
using namespace ast;

class Builder {
public:
    Builder(SourcePtr src, DiagnosticSink& sink) : src_(std::move(src)), sink_(sink) {}

    std::unique_ptr<Module> module(P::FileContext* f) {
        auto m = std::make_unique<Module>();
        std::vector<LocalDef> shared;
        // 等级系数 tables first: an indicator may use one declared further down.
        for (auto* item : f->item())
            if (auto* t = item->coefficientTable()) {
                const std::string name = tok(t, P::IDENT)->getText();
                if (!tables_.emplace(name, t).second)
                    sink_.error("E0116", loc(tok(t, P::IDENT)->getSymbol()), fmt::format("等级系数表 `{}` 已经定义过", name),
                                fmt::format("the grade coefficients `{}` are already defined", name));
            }
        m->source = src_;
        if (auto* h = f->header()) {
            m->title = unquote(h->title);
            m->title_loc = loc(h);
            if (h->year) m->year = integer(h->year);
            if (h->total) {
                m->total = number(h->total);
                m->total_loc = loc(h->total);
            }
        }
        for (auto* item : f->item()) {
            if (auto* im = item->importDecl()) {
                m->imports.push_back({unquote(tok(im, P::STRING)->getSymbol()), loc(im), m->indicators.size()});
            } else if (auto* mod = item->modification()) {
                m->modifications.push_back(modification(mod));
            } else if (auto* adj = item->adjustment()) {
                auto ind = std::make_unique<Indicator>();
                ind->role = adj->kind->getType() == PingfenLexer::BONUS ? Indicator::Role::Bonus : Indicator::Role::Penalty;
                ind->loc = loc(adj->kind);
                name_of(adj->indicatorName(), *ind);
                ind->cap = number(tok(adj, P::NUMBER)->getSymbol());
                ind->weight = ind->cap;
                ind->weight_loc = loc(tok(adj, P::NUMBER)->getSymbol());
                members(*ind, adj->member());
                leaf_check(*ind);
                m->adjustments.push_back(std::move(ind));
            } else if (auto* in = item->inputsBlock()) {
                if (!m->inputs.empty() || m->inputs_loc.valid())
                    sink_.error("E0101", loc(in), "`输入` 块只能有一个", "only one `inputs` block is allowed");
                m->inputs_loc = loc(tok(in, P::INPUTS)->getSymbol());
                for (auto* d : in->inputDecl()) m->inputs.push_back(input(d));
            } else if (auto* g = item->gradesBlock()) {
                for (auto* b : g->gradeBand()) {
                    GradeBand band;
                    band.loc = loc(b);
                    band.name = tok(b, P::IDENT) ? tok(b, P::IDENT)->getText() : unquote(tok(b, P::STRING)->getSymbol());
                    band.bound = interval(b->bound());
                    m->grades.push_back(std::move(band));
                }
            } else if (auto* r = item->roundingDecl()) {
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
            } else if (auto* ind = item->indicator()) {
                m->indicators.push_back(indicator(ind));
            } else if (auto* d = item->dataBlock()) {
                m->data.push_back(data_block(d));
            } else if (auto* t = item->testBlock()) {
                m->tests.push_back(test(t));
            } else if (auto* v = item->sharedValue()) {
                LocalDef def;
                def.name = tok(v, P::IDENT)->getText();
                def.loc = loc(tok(v, P::IDENT)->getSymbol());
                def.value = expr(v->expr());
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

    ExprPtr expr(P::ExprContext* e) {
        if (++depth_ > 400) {  // belt and braces: the token pre-check bounds this already
            sink_.error("E0006", loc(e), "表达式嵌套过深", "expression nested too deeply");
            --depth_;
            return std::make_unique<Expr>(Expr::Kind::Number, loc(e));
        }
        ExprPtr out = expr_inner(e);
        --depth_;
        return out;
    }

private:
    SourcePtr src_;
    DiagnosticSink& sink_;
    int depth_ = 0;
    std::map<std::string, P::CoefficientTableContext*> tables_;

    Loc loc(antlr4::Token* t) const {
        Loc l;
        l.file = src_.get();
        l.line = static_cast<int>(t->getLine());
        l.column = static_cast<int>(t->getCharPositionInLine()) + 1;
        l.length = static_cast<int>(t->getStopIndex() - t->getStartIndex() + 1);
        return l;
    }
    Loc loc(antlr4::ParserRuleContext* c) const {
        Loc l = loc(c->getStart());
        antlr4::Token* stop = c->getStop();
        if (stop && stop->getLine() == c->getStart()->getLine() &&
            stop->getStopIndex() >= c->getStart()->getStartIndex())
            l.length = static_cast<int>(stop->getStopIndex() - c->getStart()->getStartIndex() + 1);
        return l;
    }

    std::string unquote(antlr4::Token* t) const {
        std::string s = t->getText();
        // "…" has one-byte quotes, “…” three-byte ones.
        std::size_t q = s[0] == '"' ? 1 : 3;
        return s.size() >= 2 * q ? s.substr(q, s.size() - 2 * q) : std::string();
    }

    Decimal number(antlr4::Token* t) {
        auto d = Decimal::parse(halfwidth(t->getText()));
        if (!d) {
            sink_.error("E0007", loc(t), fmt::format("数字 `{}` 无法表示", t->getText()),
                        fmt::format("number `{}` cannot be represented", t->getText()));
            return Decimal();
        }
        return *d;
    }
    Decimal percent(antlr4::Token* t) {
        std::string s = halfwidth(t->getText());
        static const std::string kPoints = "个百分点";
        if (s.size() > kPoints.size() && s.compare(s.size() - kPoints.size(), kPoints.size(), kPoints) == 0)
            s.resize(s.size() - kPoints.size());
        else
            s.pop_back();  // %
        auto d = Decimal::parse(s);
        if (!d) {
            sink_.error("E0007", loc(t), fmt::format("数字 `{}` 无法表示", t->getText()),
                        fmt::format("number `{}` cannot be represented", t->getText()));
            return Decimal();
        }
        return Decimal::hundredth(*d);
    }
    int integer(antlr4::Token* t) {
        Decimal d = number(t);
        auto v = d.to_int64();
        if (!v || *v > 100000) {
            sink_.error("E0008", loc(t), "此处应为整数", "an integer is expected here");
            return 0;
        }
        return static_cast<int>(*v);
    }

    InputDecl input(P::InputDeclContext* d) {
        InputDecl in;
        in.name = tok(d, P::IDENT)->getText();
        in.loc = loc(tok(d, P::IDENT)->getSymbol());
        auto* t = d->typeSpec();
        if (dynamic_cast<P::NumberTypeContext*>(t)) in.type = ValueType::Number;
        else if (dynamic_cast<P::PercentTypeContext*>(t)) in.type = ValueType::Percent;
        else if (auto* a = dynamic_cast<P::AmountTypeContext*>(t)) {
            in.type = ValueType::Amount;
            if (tok(a, P::IDENT)) in.unit = tok(a, P::IDENT)->getText();
        } else if (dynamic_cast<P::CountTypeContext*>(t)) in.type = ValueType::Count;
        else if (dynamic_cast<P::BoolTypeContext*>(t)) in.type = ValueType::Bool;
        else if (auto* l = dynamic_cast<P::ListTypeContext*>(t)) {
            in.type = ValueType::List;
            auto* it = l->typeSpec();
            in.element = dynamic_cast<P::PercentTypeContext*>(it)  ? ValueType::Percent
                         : dynamic_cast<P::AmountTypeContext*>(it) ? ValueType::Amount
                         : dynamic_cast<P::CountTypeContext*>(it)  ? ValueType::Count
                         : dynamic_cast<P::NumberTypeContext*>(it) ? ValueType::Number
                                                                   : ValueType::Unknown;
            // 列表(金额(万元)): the items' unit, so that 合计(季度支出) is in 万元.
            if (auto* ia = dynamic_cast<P::AmountTypeContext*>(it); ia && tok(ia, P::IDENT)) in.unit = tok(ia, P::IDENT)->getText();
            if (in.element == ValueType::Unknown)
                sink_.error("E0108", loc(it), "列表的元素应为数值、百分比、金额或计数",
                            "list items must be numbers, percentages, amounts or counts");
        } else if (dynamic_cast<P::GoalsTypeContext*>(t)) {
            in.type = ValueType::Goals;
        } else if (dynamic_cast<P::DateTypeContext*>(t)) {
            in.type = ValueType::Date;
        } else if (dynamic_cast<P::FindingTypeContext*>(t)) {
            in.type = ValueType::Finding;
        } else {
            in.type = ValueType::Text;
        }
        if (d->bound()) in.range = interval(d->bound());
        if (d->lo) {  // 核查 扣分 0 至 1 分: both ends included, as an assessor reads it
            Interval iv;
            iv.loc = loc(d->lo);
            if (antlr4::Token* end = tok(d, P::POINTS)->getSymbol(); end->getLine() == d->lo->getLine())  // the caret under all of 0 至 1 分
                iv.loc.length = static_cast<int>(end->getStopIndex() - d->lo->getStartIndex() + 1);
            iv.low = std::make_unique<Expr>(Expr::Kind::Number, loc(d->lo));
            iv.low->number = number(d->lo);
            iv.high = std::make_unique<Expr>(Expr::Kind::Number, loc(d->hi));
            iv.high->number = number(d->hi);
            iv.low_closed = iv.high_closed = true;
            in.range = std::move(iv);
        }
        if (d->dataValue()) in.fallback = std::make_shared<DataValue>(data_value(d->dataValue()));
        if (tok(d, P::STRING)) in.label = unquote(tok(d, P::STRING)->getSymbol());
        return in;
    }

    Interval interval(P::BoundContext* b) {
        Interval iv;
        iv.loc = loc(b);
        if (auto* i = dynamic_cast<P::IntervalBoundContext*>(b)) {
            iv.low = expr(i->lo);
            iv.high = expr(i->hi);
            iv.low_closed = i->open->getType() == PingfenLexer::LBRACK;
            iv.high_closed = i->close->getType() == PingfenLexer::RBRACK;
        } else if (auto* d = dynamic_cast<P::DashBoundContext*>(b)) {
            // [90%-95%) as a table prints it: the brackets say which ends are included.
            ExprPtr range = expr(d->range);
            if (!dash_range(*range, iv)) {
                bad_row(loc(b), b->getText());
                iv.low = std::move(range);
            }
            iv.low_closed = d->open->getType() == PingfenLexer::LBRACK;
            iv.high_closed = d->close->getType() == PingfenLexer::RBRACK;
        } else {
            auto* c = dynamic_cast<P::CompareBoundContext*>(b);
            ExprPtr v = expr(c->expr());
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

    static ExprPtr clone(const Expr& e) {
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

    // Whether anything in the indicator (its named values, rules, sub-indicators) names `name`.
    static bool reads(const Expr& e, const std::string& name) {
        if (e.kind == Expr::Kind::Name && e.text == name) return true;
        for (const auto& a : e.args)
            if (reads(*a, name)) return true;
        return false;
    }
    static bool reads(const Interval& iv, const std::string& name) {
        return (iv.low && reads(*iv.low, name)) || (iv.high && reads(*iv.high, name));
    }
    static bool reads(const Scoring& s, const std::string& name) {
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
    static bool reads(const Indicator& ind, const std::string& name) {
        for (const auto& l : ind.locals)
            if (reads(*l.value, name)) return true;
        for (const auto& na : ind.not_applicable)
            if ((na.condition && reads(*na.condition, name)) || (na.reason && reads(*na.reason, name))) return true;
        if (ind.scoring && reads(*ind.scoring, name)) return true;
        for (const auto& c : ind.children)
            if (reads(*c, name)) return true;
        return false;
    }

    // `a-b` written between two numbers (90%-95%, 0-10%): the two ends of a range.
    static bool dash_range(Expr& e, Interval& iv) {
        if (e.kind != Expr::Kind::Binary || e.op != BinaryOp::Sub || e.args[0]->kind != Expr::Kind::Number ||
            e.args[1]->kind != Expr::Kind::Number)
            return false;
        iv.low = std::move(e.args[0]);
        iv.high = std::move(e.args[1]);
        return true;
    }

    void bad_row(Loc at, const std::string& text) {
        sink_.error("E0111", at, fmt::format("看不懂档位条件 `{}`：请写成区间 `[90%, 95%)`，或 `低于 80%`、`80%（含）至90%`、`90% ≤ 执行率 < 95%`", text),
                    fmt::format("cannot read the tier condition `{}`: write an interval `[90%, 95%)`, or `低于 80%`, "
                                "`80%（含）至90%`, `90% ≤ rate < 95%`", text));
    }

    // Whether two expressions are written the same (the tiered value named again in a row).
    static bool same(const Expr& a, const Expr& b) {
        if (a.kind != b.kind || a.text != b.text || a.op != b.op || a.args.size() != b.args.size()) return false;
        if (a.kind == Expr::Kind::Number && (a.number != b.number)) return false;
        if (a.kind == Expr::Kind::Bool && a.boolean != b.boolean) return false;
        for (std::size_t i = 0; i < a.args.size(); ++i)
            if (!same(*a.args[i], *b.args[i])) return false;
        return true;
    }

    // A tier row as the standard writes it, as an interval over `subject`; none for 其余.
    // Writing whose ends are not stated (90%-95%, 60%以上) is an error that shows the forms accepted.
    std::optional<Interval> tier_bound(P::TierBoundContext* c, const Expr& subject) {
        if (auto* p = dynamic_cast<P::PlainTierContext*>(c)) return interval(p->bound());
        if (dynamic_cast<P::OtherwiseTierContext*>(c)) return std::nullopt;
        Interval iv;
        iv.loc = loc(c);
        if (auto* w = dynamic_cast<P::WordTierContext*>(c)) {
            ExprPtr v = expr(w->expr());
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
        auto* w = dynamic_cast<P::WrittenTierContext*>(c);
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

    void unstated_ends(Loc at, const std::string& text) {
        sink_.error("E0112", at,
                    fmt::format("档位 `{}` 没有说明端点是否包含在内：请用 （含） 标出包含的一端，如 `80%（含）至90%`、`0-10%（含）`、`5（含）以上`，或写成区间 `[80%, 90%)`", text),
                    fmt::format("the tier `{}` does not say which ends are included: mark the included end with （含） "
                                "(`80%（含）至90%`, `0-10%（含）`, `5（含）以上`) or write an interval `[80%, 90%)`", text));
    }

    // 90% ≤ 执行率 < 95%, 执行率 = 0: comparisons of the tiered value with bounds.
    bool compared_row(ExprPtr e, const Expr& subject, Interval& iv, const std::string& text) {
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

    // The row's interval as a condition on `subject`, for a tier table lowered into 扣分.
    ExprPtr in_row(const Interval& iv, const Expr& subject, Loc at) {
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

    void name_of(P::IndicatorNameContext* n, Indicator& ind) {
        ind.name = tok(n, P::IDENT) ? tok(n, P::IDENT)->getText() : unquote(tok(n, P::STRING)->getSymbol());
        ind.name_loc = loc(n);
    }

    std::vector<std::string> path(P::PathContext* p) {
        std::vector<std::string> out;
        for (auto* n : p->indicatorName())
            out.push_back(tok(n, P::IDENT) ? tok(n, P::IDENT)->getText() : unquote(tok(n, P::STRING)->getSymbol()));
        return out;
    }

    std::unique_ptr<Indicator> indicator(P::IndicatorContext* c) {
        auto ind = std::make_unique<Indicator>();
        ind->loc = loc(c->level);
        name_of(c->indicatorName(), *ind);
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
        members(*ind, c->member());
        if (ind->scoring && !ind->children.empty()) {
            sink_.error("E0105", ind->scoring->loc,
                        fmt::format("指标 `{}` 有下级指标，不能再有自己的评分规则（得分是下级得分之和）", ind->name),
                        fmt::format("indicator `{}` has sub-indicators, so it cannot have its own "
                                    "scoring rule (its score is the sum of theirs)", ind->name));
        }
        if (!ind->scoring && ind->children.empty()) leaf_check(*ind);
        return ind;
    }

    void leaf_check(const Indicator& ind) {
        if (ind.scoring) return;
        sink_.error("E0106", ind.name_loc, fmt::format("指标 `{}` 既没有评分规则，也没有下级指标", ind.name),
                    fmt::format("indicator `{}` has neither a scoring rule nor sub-indicators", ind.name));
    }

    void members(Indicator& ind, const std::vector<P::MemberContext*>& ms) {
        for (auto* m : ms) {
            if (auto* e = dynamic_cast<P::ExplainMemberContext*>(m)) {
                ind.explanation = unquote(tok(e, P::STRING)->getSymbol());
            } else if (auto* s = dynamic_cast<P::StandardMemberContext*>(m)) {
                ind.standard = unquote(tok(s, P::STRING)->getSymbol());
            } else if (auto* l = dynamic_cast<P::LocalMemberContext*>(m)) {
                if (ind.scoring) after_rule(loc(l));
                LocalDef def;
                def.name = tok(l, P::IDENT)->getText();
                def.loc = loc(tok(l, P::IDENT)->getSymbol());
                def.value = expr(l->expr());
                ind.locals.push_back(std::move(def));
            } else if (auto* ch = dynamic_cast<P::ChildMemberContext*>(m)) {
                ind.children.push_back(indicator(ch->indicator()));
            } else if (auto* mv = dynamic_cast<P::MoveMemberContext*>(m)) {
                NotApplicable na;
                na.loc = loc(tok(mv, P::NOT_APPLIC)->getSymbol());
                na.condition = expr(mv->expr());
                na.move = true;
                na.target_path = path(mv->path());
                na.target_loc = loc(mv->path());
                ind.not_applicable.push_back(std::move(na));
            } else if (auto* gr = dynamic_cast<P::GrantMemberContext*>(m)) {
                NotApplicable na;
                na.loc = loc(tok(gr, P::NOT_APPLIC)->getSymbol());
                na.condition = expr(gr->expr(0));
                na.reason = expr(gr->expr(1));
                ind.not_applicable.push_back(std::move(na));
            } else if (auto* r = dynamic_cast<P::RuleMemberContext*>(m)) {
                if (ind.scoring) {
                    sink_.error("E0104", loc(r), "一个指标只能有一条评分规则",
                                "an indicator can have only one scoring rule");
                    sink_.last().notes.push_back(make_note(ind.scoring->loc, "第一条评分规则在这里",
                                                           "the first scoring rule is here"));
                } else {
                    ind.scoring = scoring(r->scoring());
                }
            }
        }
        // A leaf's own parts can be not applicable (their points move or are granted); a part
        // deeper down is under a 若 or a tier, or in a bonus item, where nothing would move it.
        if (ind.role != Indicator::Role::Part && ind.scoring)
            nested_parts_not_applicable(*ind.scoring, ind.role == Indicator::Role::Indicator);
    }

    // E0119: written there, the condition would be ignored and the part scored as if it applied.
    void nested_parts_not_applicable(const Scoring& s, bool own) {
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

    Modification modification(P::ModificationContext* c) {
        if (auto* w = dynamic_cast<P::ModifyWeightContext*>(c)) {
            Modification m{Modification::Kind::Weight, loc(tok(w, P::MODIFY)->getSymbol()), path(w->path()), loc(w->path()),
                           number(tok(w, P::NUMBER)->getSymbol()), nullptr, {}};
            for (auto* t : w->sheetText()) {
                if (t->keepText()) keep_text(m, t->keepText());
                else if (tok(t, P::STANDARD)) sheet_text(m.standard, SheetText::How::Stated, unquote(tok(t, P::STRING)->getSymbol()), loc(t), true);
                else sheet_text(m.explanation, SheetText::How::Stated, unquote(tok(t, P::STRING)->getSymbol()), loc(t), false);
            }
            return m;
        }
        if (auto* r = dynamic_cast<P::ReplaceIndicatorContext*>(c)) {
            Modification m{Modification::Kind::Replace, loc(tok(r, P::REPLACE)->getSymbol()), path(r->path()), loc(r->path()),
                           Decimal(), std::make_unique<Indicator>(), {}};
            m.replacement->loc = m.loc;
            members(*m.replacement, r->member());
            for (auto* mc : r->member()) {
                if (auto* e = dynamic_cast<P::ExplainMemberContext*>(mc))
                    sheet_text(m.explanation, SheetText::How::Stated, unquote(tok(e, P::STRING)->getSymbol()), loc(mc), false);
                else if (auto* s = dynamic_cast<P::StandardMemberContext*>(mc))
                    sheet_text(m.standard, SheetText::How::Stated, unquote(tok(s, P::STRING)->getSymbol()), loc(mc), true);
            }
            for (auto* k : r->keepText()) keep_text(m, k);
            return m;
        }
        if (auto* d = dynamic_cast<P::RemoveIndicatorContext*>(c)) {
            return Modification{Modification::Kind::Remove, loc(tok(d, P::REMOVE)->getSymbol()), path(d->path()), loc(d->path()),
                                Decimal(), nullptr, {}};
        }
        if (auto* o = dynamic_cast<P::OrderIndicatorsContext*>(c)) {
            Modification m{Modification::Kind::Order, loc(tok(o, P::ORDER)->getSymbol()),
                           o->path() ? path(o->path()) : std::vector<std::string>{},
                           o->path() ? loc(o->path()) : loc(tok(o, P::ORDER)->getSymbol()), Decimal(), nullptr, {}};
            for (auto* n : o->indicatorName()) {
                m.order.push_back(tok(n, P::IDENT) ? tok(n, P::IDENT)->getText() : unquote(tok(n, P::STRING)->getSymbol()));
                m.order_locs.push_back(loc(n));
            }
            return m;
        }
        auto* a = dynamic_cast<P::AddIndicatorsContext*>(c);
        Modification m{Modification::Kind::Add, loc(tok(a, P::ADD)->getSymbol()), path(a->path()), loc(a->path()), Decimal(),
                       nullptr, {}};
        for (auto* i : a->indicator()) m.added.push_back(indicator(i));
        return m;
    }

    void keep_text(Modification& m, P::KeepTextContext* k) {
        const bool standard = tok(k, P::KEEP_STANDARD) != nullptr;
        sheet_text(standard ? m.standard : m.explanation, SheetText::How::Kept, "", loc(k), standard);
    }

    // 标准 "…" beside 沿用标准 says two things at once; the sheet would show one of them.
    void sheet_text(SheetText& t, SheetText::How how, std::string text, const Loc& at, bool standard) {
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

    void after_rule(const Loc& l) {
        sink_.error("E0107", l, "命名值应写在评分规则之前", "named values must come before the scoring rule");
    }

    // 分值分配 按权重（分值） or 按权重（占比）: the standard must say what a row's 权重 is.
    void row_weight_meaning(P::CompletionRuleContext& g, Scoring& r) {
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

    ScoringPtr scoring(P::ScoringContext* c) {
        if (dynamic_cast<P::FullRuleContext*>(c)) return std::make_unique<Scoring>(Scoring::Kind::Full, loc(c));
        if (dynamic_cast<P::ZeroRuleContext*>(c)) return std::make_unique<Scoring>(Scoring::Kind::Zero, loc(c));
        if (auto* s = dynamic_cast<P::ScoreRuleContext*>(c)) {
            auto r = std::make_unique<Scoring>(Scoring::Kind::Score, loc(c));
            r->value = expr(s->expr());
            return r;
        }
        if (auto* s = dynamic_cast<P::IfRuleContext*>(c)) {
            auto r = std::make_unique<Scoring>(Scoring::Kind::If, loc(tok(s, P::IF)->getSymbol()));
            r->value = expr(s->expr());
            r->then_ = scoring(s->t);
            r->else_ = scoring(s->e);
            return r;
        }
        if (auto* s = dynamic_cast<P::TiersRuleContext*>(c)) {
            auto r = std::make_unique<Scoring>(Scoring::Kind::Tiers, loc(tok(s, P::BY)->getSymbol()));
            r->value = expr(s->expr());
            for (auto* t : s->tier()) {
                Tier tier;
                tier.loc = loc(t);
                tier.bound = tier_bound(t->tierBound(), *r->value);
                tier.result = scoring(t->scoring());
                r->tiers.push_back(std::move(tier));
            }
            return r;
        }
        if (auto* p = dynamic_cast<P::ParenRuleContext*>(c)) return scoring(p->scoring());
        if (auto* g = dynamic_cast<P::GradeRuleContext*>(c)) return grade_rule(*g);
        if (auto* s = dynamic_cast<P::StepDownRuleContext*>(c)) {
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
            r->partial_step_counts = s->stepRounding()->STEP_UP() != nullptr;
            return r;
        }
        if (auto* s = dynamic_cast<P::StepRuleContext*>(c)) {
            auto r = std::make_unique<Scoring>(Scoring::Kind::Step, loc(tok(s, P::BY)->getSymbol()));
            r->value = expr(s->v);
            if (s->b) r->base = expr(s->b);
            r->step = expr(s->s);
            r->amount = expr(s->a);
            r->partial_step_counts = s->stepRounding()->STEP_UP() != nullptr;
            return r;
        }
        if (auto* s = dynamic_cast<P::ProportionRuleContext*>(c)) {
            auto r = std::make_unique<Scoring>(Scoring::Kind::Proportion, loc(tok(s, P::BY)->getSymbol()));
            r->value = expr(s->v);
            r->cap = expr(s->c);
            return r;
        }
        if (auto* p = dynamic_cast<P::PartsRuleContext*>(c)) {
            auto r = std::make_unique<Scoring>(Scoring::Kind::Parts, loc(tok(p, P::PARTS)->getSymbol()));
            for (auto* pc : p->part()) {
                auto part = std::make_unique<Indicator>();
                part->role = Indicator::Role::Part;
                part->loc = loc(pc);
                name_of(pc->indicatorName(), *part);
                part->weight_loc = loc(pc->share);
                if (pc->share->getType() == PingfenLexer::PERCENT_LIT) {
                    part->share = percent(pc->share);
                    part->share_is_percent = true;
                } else {
                    part->share = number(pc->share);
                }
                members(*part, pc->member());
                if (!part->children.empty())
                    sink_.error("E0109", part->name_loc, "分项不能再有下级指标", "a part cannot have sub-indicators");
                leaf_check(*part);
                r->parts.push_back(std::move(part));
            }
            return r;
        }
        if (auto* f = dynamic_cast<P::FindingRuleContext*>(c)) {
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
        if (auto* d = dynamic_cast<P::DiscretionRuleContext*>(c)) {
            auto r = std::make_unique<Scoring>(Scoring::Kind::Discretion, loc(d->kind));
            r->discretion_deducts = d->kind->getType() == PingfenLexer::DISC_DEDUCT;
            r->value = expr(d->v);
            r->range = std::make_unique<Interval>(interval(d->bound()));
            r->reason = expr(d->r);
            return r;
        }
        if (auto* g = dynamic_cast<P::CompletionRuleContext*>(c)) {
            auto r = std::make_unique<Scoring>(Scoring::Kind::Completion, loc(tok(g, P::BY)->getSymbol()));
            r->value = expr(g->v);
            r->split_by_row_weight = g->split->getType() == PingfenLexer::BY_WEIGHT;
            row_weight_meaning(*g, *r);
            Expr rate(Expr::Kind::Name, loc(g));  // a row written 90% ≤ 完成率 < 100% names it
            rate.text = "完成率";
            for (auto* t : g->tier()) {
                Tier tier;
                tier.loc = loc(t);
                tier.bound = tier_bound(t->tierBound(), rate);
                tier.result = scoring(t->scoring());
                r->tiers.push_back(std::move(tier));
            }
            if (auto* q = g->qualitativeBands()) {
                for (auto* b : q->band()) {
                    QualitativeBand band;
                    band.name = tok(b, P::IDENT) ? tok(b, P::IDENT)->getText() : unquote(tok(b, P::STRING)->getSymbol());
                    band.loc = loc(b);
                    band.bound = std::make_unique<Interval>(interval(b->bound()));
                    r->bands.push_back(std::move(band));
                }
            }
            return r;
        }
        auto* s = dynamic_cast<P::DeductionRuleContext*>(c);
        auto r = std::make_unique<Scoring>(Scoring::Kind::Deductions, loc(tok(s, P::DEDUCT_BLOCK)->getSymbol()));
        for (auto* d : s->deduction()) {
            Deduction ded;
            ded.loc = loc(d);
            if (auto* cd = dynamic_cast<P::ConditionalDeductionContext*>(d)) {
                ded.kind = Deduction::Kind::Conditional;
                ded.subject = expr(cd->c);
                ded.amount = expr(cd->a);
            } else if (auto* pd = dynamic_cast<P::PerItemDeductionContext*>(d)) {
                ded.kind = Deduction::Kind::PerItem;
                ded.subject = expr(pd->n);
                ded.amount = expr(pd->a);
            } else {
                tiered_deduction(*dynamic_cast<P::TieredDeductionContext*>(d), *r);
                continue;
            }
            r->deductions.push_back(std::move(ded));
        }
        return r;
    }

    // 按 调整事项数 分档 { 3（含）至5 扣 0.5 分  5（含）以上 扣 1 分 } inside 扣分: each row becomes
    // `若 n in row 扣 …`; the table is kept as written so that the checker refuses overlapping
    // rows (5 in both would deduct 1.5). A value in no row deducts nothing.
    void tiered_deduction(P::TieredDeductionContext& d, Scoring& block) {
        auto table = std::make_unique<Scoring>(Scoring::Kind::Tiers, loc(d.BY()->getSymbol()));
        table->value = expr(d.v);
        for (auto* t : d.deductionTier()) {
            Tier tier;
            tier.loc = loc(t);
            tier.bound = tier_bound(t->tierBound(), *table->value);
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
                ded.row_text = t->tierBound()->getText();
                block.deductions.push_back(std::move(ded));
            } else {
                tier.result = std::make_unique<Scoring>(Scoring::Kind::Zero, loc(t));
            }
            table->tiers.push_back(std::move(tier));
        }
        block.deduction_tiers.push_back(std::move(table));
    }

    // 按 评价结果 等级系数 定性评价 (or the table inline): one tier per grade, scoring 分值 × its share.
    ScoringPtr grade_rule(P::GradeRuleContext& g) {
        auto r = std::make_unique<Scoring>(Scoring::Kind::Tiers, loc(g.BY()->getSymbol()));
        r->by_grade = true;
        r->value = expr(g.v);
        std::vector<P::CoefficientRowContext*> rows = g.coefficientRow();
        if (g.table) {
            auto it = tables_.find(g.table->getText());
            if (it == tables_.end()) {
                sink_.error("E0117", loc(g.table), fmt::format("没有名为 `{}` 的等级系数表", g.table->getText()),
                            fmt::format("there are no grade coefficients named `{}`", g.table->getText()));
                sink_.last().notes.push_back(make_note(Loc{}, "在规则集中写 `等级系数 名称 { 优 100%  良 80%  中 60%  差 0% }`",
                                                       "declare them in the ruleset: `等级系数 name { 优 100%  良 80%  中 60%  差 0% }`"));
                return r;
            }
            rows = it->second->coefficientRow();
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

    static BinaryOp binop(size_t tok) {
        switch (tok) {
            case PingfenLexer::STAR: return BinaryOp::Mul;
            case PingfenLexer::SLASH: return BinaryOp::Div;
            case PingfenLexer::PLUS: return BinaryOp::Add;
            case PingfenLexer::MINUS: return BinaryOp::Sub;
            case PingfenLexer::LT: return BinaryOp::Lt;
            case PingfenLexer::LE: return BinaryOp::Le;
            case PingfenLexer::GT: return BinaryOp::Gt;
            case PingfenLexer::GE: return BinaryOp::Ge;
            case PingfenLexer::NE: return BinaryOp::Ne;
            // Dates: 早于 is <, 晚于 is >, 不晚于 is ≤ (on the day itself is in time), 不早于 is ≥.
            case PingfenLexer::EARLIER: return BinaryOp::Lt;
            case PingfenLexer::NOT_LATER: return BinaryOp::Le;
            case PingfenLexer::LATER: return BinaryOp::Gt;
            case PingfenLexer::NOT_EARLIER: return BinaryOp::Ge;
            default: return BinaryOp::Eq;
        }
    }

    static bool is_comparison(const Expr& e) {
        return e.kind == Expr::Kind::Binary && e.op >= BinaryOp::Lt && e.op <= BinaryOp::Ne;
    }

    ExprPtr binary(BinaryOp op, Loc l, ExprPtr a, ExprPtr b) {
        auto e = std::make_unique<Expr>(Expr::Kind::Binary, l);
        e->op = op;
        e->args.push_back(std::move(a));
        e->args.push_back(std::move(b));
        return e;
    }

    ExprPtr expr_inner(P::ExprContext* e) {
        if (auto* p = dynamic_cast<P::PrimaryExprContext*>(e)) return primary(p->primary());
        if (auto* n = dynamic_cast<P::NegateExprContext*>(e)) {
            ExprPtr inner = expr(n->expr());
            // -5 and -5% are literals, not operations, so they show as written.
            if (inner->kind == Expr::Kind::Number) {
                inner->number = -inner->number;
                inner->loc = loc(e);
                return inner;
            }
            auto r = std::make_unique<Expr>(Expr::Kind::Negate, loc(e));
            r->args.push_back(std::move(inner));
            return r;
        }
        if (auto* n = dynamic_cast<P::NotExprContext*>(e)) {
            auto r = std::make_unique<Expr>(Expr::Kind::Not, loc(e));
            r->args.push_back(expr(n->expr()));
            return r;
        }
        if (auto* m = dynamic_cast<P::MulExprContext*>(e))
            return binary(binop(m->op->getType()), loc(m->op), expr(m->expr(0)), expr(m->expr(1)));
        if (auto* a = dynamic_cast<P::AddExprContext*>(e))
            return binary(binop(a->op->getType()), loc(a->op), expr(a->expr(0)), expr(a->expr(1)));
        if (auto* c = dynamic_cast<P::CompareExprContext*>(e)) {
            ExprPtr left = expr(c->expr(0));
            ExprPtr right = expr(c->expr(1));
            BinaryOp op = binop(c->op->getType());
            // 10% < 结余结转率 ≤ 20% means 10% < 结余结转率 且 结余结转率 ≤ 20%, as in the standards.
            if (is_comparison(*left) && !is_comparison(*right)) {
                ExprPtr middle = clone(*left->args[1]);
                Loc l = loc(c->op);
                return binary(BinaryOp::And, l, std::move(left), binary(op, l, std::move(middle), std::move(right)));
            }
            return binary(op, loc(c->op), std::move(left), std::move(right));
        }
        if (auto* a = dynamic_cast<P::AndExprContext*>(e))
            return binary(BinaryOp::And, loc(tok(a, P::AND)->getSymbol()), expr(a->expr(0)), expr(a->expr(1)));
        if (auto* o = dynamic_cast<P::OrExprContext*>(e))
            return binary(BinaryOp::Or, loc(tok(o, P::OR)->getSymbol()), expr(o->expr(0)), expr(o->expr(1)));
        auto* c = dynamic_cast<P::CondExprContext*>(e);
        auto r = std::make_unique<Expr>(Expr::Kind::Cond, loc(tok(c, P::IF)->getSymbol()));
        r->args.push_back(expr(c->c));
        r->args.push_back(expr(c->t));
        r->args.push_back(expr(c->e));
        return r;
    }

    // 2023年4月28日 or 2023-04-28 in a rule: the day number, typed 日期; a day that does not exist
    // (2023年2月30日, 2023年13月1日) is E0120 here rather than a date quietly moved.
    ExprPtr date_literal(antlr4::Token* t) {
        auto e = std::make_unique<Expr>(Expr::Kind::Number, loc(t));
        e->date = true;
        auto d = calendar::read_date(t->getText());
        if (!d.days) {
            sink_.error("E0120", loc(t), fmt::format("`{}` 不是有效的日期：{}", t->getText(), d.why_zh),
                        fmt::format("`{}` is not a valid date: {}", t->getText(), d.why_en));
            return e;
        }
        e->number = Decimal::from_int(*d.days);
        return e;
    }

    ExprPtr primary(P::PrimaryContext* p) {
        if (auto* n = dynamic_cast<P::NumberLitContext*>(p)) {
            auto e = std::make_unique<Expr>(Expr::Kind::Number, loc(p));
            e->number = number(tok(n, P::NUMBER)->getSymbol());
            return e;
        }
        if (auto* d = dynamic_cast<P::DateLitContext*>(p)) return date_literal(tok(d, P::DATE_LIT)->getSymbol());
        if (auto* n = dynamic_cast<P::PercentLitContext*>(p)) {
            auto e = std::make_unique<Expr>(Expr::Kind::Number, loc(p));
            e->number = percent(tok(n, P::PERCENT_LIT)->getSymbol());
            e->percent = true;
            return e;
        }
        if (dynamic_cast<P::OnePointLitContext*>(p)) {  // 一个百分点
            auto e = std::make_unique<Expr>(Expr::Kind::Number, loc(p));
            e->number = Decimal::hundredth(Decimal::from_int(1));
            e->percent = true;
            return e;
        }
        if (dynamic_cast<P::TrueLitContext*>(p) || dynamic_cast<P::FalseLitContext*>(p)) {
            auto e = std::make_unique<Expr>(Expr::Kind::Bool, loc(p));
            e->boolean = dynamic_cast<P::TrueLitContext*>(p) != nullptr;
            return e;
        }
        if (auto* s = dynamic_cast<P::StringLitContext*>(p)) {
            auto e = std::make_unique<Expr>(Expr::Kind::Text, loc(p));
            e->text = unquote(tok(s, P::STRING)->getSymbol());
            return e;
        }
        if (dynamic_cast<P::WeightRefContext*>(p)) return std::make_unique<Expr>(Expr::Kind::Weight, loc(p));
        if (auto* c = dynamic_cast<P::CallExprContext*>(p)) {
            auto e = std::make_unique<Expr>(Expr::Kind::Call, loc(c->callee));
            e->text = c->callee->getText();
            for (auto* a : c->expr()) e->args.push_back(expr(a));
            return e;
        }
        if (auto* n = dynamic_cast<P::NameRefContext*>(p)) {
            auto e = std::make_unique<Expr>(Expr::Kind::Name, loc(p));
            e->text = tok(n, P::IDENT)->getText();
            return e;
        }
        auto* par = dynamic_cast<P::ParenExprContext*>(p);
        return expr(par->expr());
    }

    DataValue data_value(P::DataValueContext* v) {
        DataValue out;
        out.loc = loc(v);
        if (auto* n = dynamic_cast<P::NumberValueContext*>(v)) {
            out.kind = DataValue::Kind::Number;
            if (tok(n, P::PERCENT_LIT)) {
                out.number = percent(tok(n, P::PERCENT_LIT)->getSymbol());
                out.percent = true;
            } else {
                out.number = number(tok(n, P::NUMBER)->getSymbol());
            }
            if (tok(n, P::MINUS)) out.number = -out.number;
        } else if (dynamic_cast<P::TrueValueContext*>(v) || dynamic_cast<P::FalseValueContext*>(v)) {
            out.kind = DataValue::Kind::Bool;
            out.boolean = dynamic_cast<P::TrueValueContext*>(v) != nullptr;
        } else if (auto* s = dynamic_cast<P::StringValueContext*>(v)) {
            out.kind = DataValue::Kind::Text;
            out.text = unquote(tok(s, P::STRING)->getSymbol());
        } else if (auto* d = dynamic_cast<P::DateValueContext*>(v)) {
            // 报送日期 = 2023年4月28日: kept as its text, read as a date where a 日期 input binds it,
            // so a wrong day is reported there with the input's name, as from JSON or a workbook.
            out.kind = DataValue::Kind::Text;
            out.text = tok(d, P::DATE_LIT)->getText();
        } else if (auto* l = dynamic_cast<P::ListValueContext*>(v)) {
            out.kind = DataValue::Kind::List;
            for (auto* item : l->dataValue()) out.list.push_back(data_value(item));
        } else {
            auto* o = dynamic_cast<P::ObjectValueContext*>(v);
            out.kind = DataValue::Kind::Object;
            for (auto* f : o->dataField())
                out.fields.emplace_back(tok(f, P::IDENT) ? tok(f, P::IDENT)->getText() : f->key ? std::string(f->key->getType() == PingfenLexer::REASON ? "理由" : "扣分") : unquote(tok(f, P::STRING)->getSymbol()),
                                        data_value(f->dataValue()));
        }
        return out;
    }

    std::vector<DataEntry> entries(const std::vector<P::DataEntryContext*>& es) {
        std::vector<DataEntry> out;
        for (auto* e : es) {
            DataEntry d;
            d.name = tok(e, P::IDENT)->getText();
            d.loc = loc(tok(e, P::IDENT)->getSymbol());
            d.value = data_value(e->dataValue());
            out.push_back(std::move(d));
        }
        return out;
    }

    DataBlock data_block(P::DataBlockContext* d) {
        DataBlock b;
        b.loc = loc(tok(d, P::DATA)->getSymbol());
        if (d->dept) b.department = unquote(d->dept);
        if (d->year) b.year = integer(d->year);
        b.entries = entries(d->dataEntry());
        return b;
    }

    TestCase test(P::TestBlockContext* t) {
        TestCase tc;
        tc.name = unquote(tok(t, P::STRING)->getSymbol());
        tc.loc = loc(tok(t, P::TEST)->getSymbol());
        for (auto* m : t->testMember()) {
            if (auto* gf = exactly<P::GivenFileContext>(m)) {
                tc.given_files.emplace_back(unquote(tok(gf, P::STRING)->getSymbol()), loc(gf));
            } else if (auto* ee = exactly<P::ExpectErrorContext>(m)) {
                tc.expected_errors.emplace_back(unquote(tok(ee, P::STRING)->getSymbol()), loc(ee));
            } else if (auto* g = exactly<P::GivenMemberContext>(m)) {
                auto more = entries(g->dataEntry());
                for (auto& e : more) tc.given.push_back(std::move(e));
            } else if (auto* s = exactly<P::ExpectScoreContext>(m)) {
                Expectation ex{Expectation::Kind::Score, loc(s), {}, number(tok(s, P::NUMBER)->getSymbol()), {}};
                if (tok(s, P::MINUS)) ex.value = -ex.value;
                for (auto* n : s->path()->indicatorName())
                    ex.path.push_back(tok(n, P::IDENT) ? tok(n, P::IDENT)->getText() : unquote(tok(n, P::STRING)->getSymbol()));
                tc.expectations.push_back(std::move(ex));
            } else if (auto* tt = exactly<P::ExpectTotalContext>(m)) {
                tc.expectations.push_back({Expectation::Kind::Total, loc(tt), {}, number(tok(tt, P::NUMBER)->getSymbol()), {}});
            } else if (auto* g2 = exactly<P::ExpectGradeContext>(m)) {
                std::string grade = tok(g2, P::IDENT) ? tok(g2, P::IDENT)->getText() : unquote(tok(g2, P::STRING)->getSymbol());
                tc.expectations.push_back({Expectation::Kind::Grade, loc(g2), {}, Decimal(), grade});
            }
        }
        return tc;
    }
};

}  // namespace

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
