// The AST of expressions: operators, names, calls, numbers, percentages and dates, each with
// its location.
#include "front/builder.hpp"

namespace pingfen::front::building {

ExprPtr Builder::expr(P::ExprContext* e) {
    // The token pre-check bounds nesting at 200; what reaches 400 here is most often a flat run
    // such as 1 + 1 + … of over 400 terms, which the tree holds as deep as it is long (it was
    // called nested, which the reader could not find).
    if (++depth_ > 400) {
        sink_.error("E0006", loc(e), "表达式过长：一串运算超过 400 个（或嵌套过深），请拆成几个命名值",
                    "expression too long: a run of more than 400 operations (or nested too deeply); split it into named values");
        --depth_;
        return std::make_unique<Expr>(Expr::Kind::Number, loc(e));
    }
    ExprPtr out = expr_inner(e);
    --depth_;
    return out;
}

Loc Builder::loc(antlr4::Token* t) const {
    Loc l;
    l.file = src_.get();
    l.line = static_cast<int>(t->getLine());
    l.column = static_cast<int>(t->getCharPositionInLine()) + 1;
    l.length = static_cast<int>(t->getStopIndex() - t->getStartIndex() + 1);
    return l;
}

Loc Builder::loc(antlr4::ParserRuleContext* c) const {
    Loc l = loc(c->getStart());
    antlr4::Token* stop = c->getStop();
    if (stop && stop->getLine() == c->getStart()->getLine() &&
        stop->getStopIndex() >= c->getStart()->getStartIndex())
        l.length = static_cast<int>(stop->getStopIndex() - c->getStart()->getStartIndex() + 1);
    return l;
}

std::string Builder::unquote(antlr4::Token* t) const {
    std::string s = t->getText();
    // "…" has one-byte quotes, “…” three-byte ones.
    std::size_t q = s[0] == '"' ? 1 : 3;
    return s.size() >= 2 * q ? s.substr(q, s.size() - 2 * q) : std::string();
}

Decimal Builder::number(antlr4::Token* t) {
    auto d = Decimal::parse(halfwidth(t->getText()));
    if (!d) {
        sink_.error("E0007", loc(t), fmt::format("数字 `{}` 无法表示", t->getText()),
                    fmt::format("number `{}` cannot be represented", t->getText()));
        return Decimal();
    }
    return *d;
}

Decimal Builder::percent(antlr4::Token* t) {
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

int Builder::integer(antlr4::Token* t) {
    Decimal d = number(t);
    auto v = d.to_int64();
    if (!v || *v > 100000) {
        sink_.error("E0008", loc(t), "此处应为整数", "an integer is expected here");
        return 0;
    }
    return static_cast<int>(*v);
}

BinaryOp Builder::binop(size_t tok) {
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

bool Builder::is_comparison(const Expr& e) {
    return e.kind == Expr::Kind::Binary && e.op >= BinaryOp::Lt && e.op <= BinaryOp::Ne;
}

ExprPtr Builder::binary(BinaryOp op, Loc l, ExprPtr a, ExprPtr b) {
    auto e = std::make_unique<Expr>(Expr::Kind::Binary, l);
    e->op = op;
    e->args.push_back(std::move(a));
    e->args.push_back(std::move(b));
    return e;
}

ExprPtr Builder::expr_inner(P::ExprContext* e) {
    if (auto* p = exactly<P::PrimaryExprContext>(e)) return primary(sub<P::PrimaryContext>(p));
    if (auto* n = exactly<P::NegateExprContext>(e)) {
        ExprPtr inner = expr(sub<P::ExprContext>(n));
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
    if (auto* n = exactly<P::NotExprContext>(e)) {
        auto r = std::make_unique<Expr>(Expr::Kind::Not, loc(e));
        r->args.push_back(expr(sub<P::ExprContext>(n)));
        return r;
    }
    if (auto* m = exactly<P::MulExprContext>(e))
        return binary(binop(m->op->getType()), loc(m->op), expr(sub<P::ExprContext>(m, 0)), expr(sub<P::ExprContext>(m, 1)));
    if (auto* a = exactly<P::AddExprContext>(e))
        return binary(binop(a->op->getType()), loc(a->op), expr(sub<P::ExprContext>(a, 0)), expr(sub<P::ExprContext>(a, 1)));
    if (auto* c = exactly<P::CompareExprContext>(e)) {
        ExprPtr left = expr(sub<P::ExprContext>(c, 0));
        ExprPtr right = expr(sub<P::ExprContext>(c, 1));
        BinaryOp op = binop(c->op->getType());
        // 10% < 结余结转率 ≤ 20% means 10% < 结余结转率 且 结余结转率 ≤ 20%, as in the standards.
        if (is_comparison(*left) && !is_comparison(*right)) {
            ExprPtr middle = clone(*left->args[1]);
            Loc l = loc(c->op);
            return binary(BinaryOp::And, l, std::move(left), binary(op, l, std::move(middle), std::move(right)));
        }
        return binary(op, loc(c->op), std::move(left), std::move(right));
    }
    if (auto* a = exactly<P::AndExprContext>(e))
        return binary(BinaryOp::And, loc(tok(a, P::AND)->getSymbol()), expr(sub<P::ExprContext>(a, 0)), expr(sub<P::ExprContext>(a, 1)));
    if (auto* o = exactly<P::OrExprContext>(e))
        return binary(BinaryOp::Or, loc(tok(o, P::OR)->getSymbol()), expr(sub<P::ExprContext>(o, 0)), expr(sub<P::ExprContext>(o, 1)));
    auto* c = exactly<P::CondExprContext>(e);
    auto r = std::make_unique<Expr>(Expr::Kind::Cond, loc(tok(c, P::IF)->getSymbol()));
    r->args.push_back(expr(c->c));
    r->args.push_back(expr(c->t));
    r->args.push_back(expr(c->e));
    return r;
}

ExprPtr Builder::date_literal(antlr4::Token* t) {
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

ExprPtr Builder::primary(P::PrimaryContext* p) {
    if (auto* n = exactly<P::NumberLitContext>(p)) {
        auto e = std::make_unique<Expr>(Expr::Kind::Number, loc(p));
        e->number = number(tok(n, P::NUMBER)->getSymbol());
        return e;
    }
    if (auto* d = exactly<P::DateLitContext>(p)) return date_literal(tok(d, P::DATE_LIT)->getSymbol());
    if (auto* n = exactly<P::PercentLitContext>(p)) {
        auto e = std::make_unique<Expr>(Expr::Kind::Number, loc(p));
        e->number = percent(tok(n, P::PERCENT_LIT)->getSymbol());
        e->percent = true;
        return e;
    }
    if (exactly<P::OnePointLitContext>(p)) {  // 一个百分点
        auto e = std::make_unique<Expr>(Expr::Kind::Number, loc(p));
        e->number = Decimal::hundredth(Decimal::from_int(1));
        e->percent = true;
        return e;
    }
    if (exactly<P::TrueLitContext>(p) || exactly<P::FalseLitContext>(p)) {
        auto e = std::make_unique<Expr>(Expr::Kind::Bool, loc(p));
        e->boolean = exactly<P::TrueLitContext>(p) != nullptr;
        return e;
    }
    if (auto* s = exactly<P::StringLitContext>(p)) {
        auto e = std::make_unique<Expr>(Expr::Kind::Text, loc(p));
        e->text = unquote(tok(s, P::STRING)->getSymbol());
        return e;
    }
    if (exactly<P::WeightRefContext>(p)) return std::make_unique<Expr>(Expr::Kind::Weight, loc(p));
    if (auto* c = exactly<P::CallExprContext>(p)) {
        auto e = std::make_unique<Expr>(Expr::Kind::Call, loc(c->callee));
        e->text = c->callee->getText();
        for (auto* a : subs<P::ExprContext>(c)) e->args.push_back(expr(a));
        return e;
    }
    if (auto* n = exactly<P::NameRefContext>(p)) {
        auto e = std::make_unique<Expr>(Expr::Kind::Name, loc(p));
        e->text = tok(n, P::IDENT)->getText();
        return e;
    }
    auto* par = exactly<P::ParenExprContext>(p);
    return expr(sub<P::ExprContext>(par));
}

}  // namespace pingfen::front::building
