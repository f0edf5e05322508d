// The AST of inputs, data blocks and 测试 blocks.
#include "front/builder.hpp"

namespace pingfen::front::building {

InputDecl Builder::input(P::InputDeclContext* d) {
    InputDecl in;
    in.name = tok(d, P::IDENT)->getText();
    in.loc = loc(tok(d, P::IDENT)->getSymbol());
    auto* t = sub<P::TypeSpecContext>(d);
    if (exactly<P::NumberTypeContext>(t)) in.type = ValueType::Number;
    else if (exactly<P::PercentTypeContext>(t)) in.type = ValueType::Percent;
    else if (auto* a = exactly<P::AmountTypeContext>(t)) {
        in.type = ValueType::Amount;
        if (tok(a, P::IDENT)) in.unit = tok(a, P::IDENT)->getText();
    } else if (exactly<P::CountTypeContext>(t)) in.type = ValueType::Count;
    else if (exactly<P::BoolTypeContext>(t)) in.type = ValueType::Bool;
    else if (auto* l = exactly<P::ListTypeContext>(t)) {
        in.type = ValueType::List;
        auto* it = sub<P::TypeSpecContext>(l);
        in.element = exactly<P::PercentTypeContext>(it)  ? ValueType::Percent
                     : exactly<P::AmountTypeContext>(it) ? ValueType::Amount
                     : exactly<P::CountTypeContext>(it)  ? ValueType::Count
                     : exactly<P::NumberTypeContext>(it) ? ValueType::Number
                                                               : ValueType::Unknown;
        // 列表(金额(万元)): the items' unit, so that 合计(季度支出) is in 万元.
        if (auto* ia = exactly<P::AmountTypeContext>(it); ia && tok(ia, P::IDENT)) in.unit = tok(ia, P::IDENT)->getText();
        if (in.element == ValueType::Unknown)
            sink_.error("E0108", loc(it), "列表的元素应为数值、百分比、金额或计数",
                        "list items must be numbers, percentages, amounts or counts");
    } else if (exactly<P::GoalsTypeContext>(t)) {
        in.type = ValueType::Goals;
    } else if (exactly<P::DateTypeContext>(t)) {
        in.type = ValueType::Date;
    } else if (exactly<P::FindingTypeContext>(t)) {
        in.type = ValueType::Finding;
    } else {
        in.type = ValueType::Text;
    }
    if (sub<P::BoundContext>(d)) in.range = interval(sub<P::BoundContext>(d));
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
    if (sub<P::DataValueContext>(d)) in.fallback = std::make_shared<DataValue>(data_value(sub<P::DataValueContext>(d)));
    if (tok(d, P::STRING)) in.label = unquote(tok(d, P::STRING)->getSymbol());
    return in;
}

DataValue Builder::data_value(P::DataValueContext* v) {
    DataValue out;
    out.loc = loc(v);
    if (auto* n = exactly<P::NumberValueContext>(v)) {
        out.kind = DataValue::Kind::Number;
        if (tok(n, P::PERCENT_LIT)) {
            out.number = percent(tok(n, P::PERCENT_LIT)->getSymbol());
            out.percent = true;
        } else {
            out.number = number(tok(n, P::NUMBER)->getSymbol());
        }
        if (tok(n, P::MINUS)) out.number = -out.number;
    } else if (exactly<P::TrueValueContext>(v) || exactly<P::FalseValueContext>(v)) {
        out.kind = DataValue::Kind::Bool;
        out.boolean = exactly<P::TrueValueContext>(v) != nullptr;
    } else if (auto* s = exactly<P::StringValueContext>(v)) {
        out.kind = DataValue::Kind::Text;
        out.text = unquote(tok(s, P::STRING)->getSymbol());
    } else if (auto* d = exactly<P::DateValueContext>(v)) {
        // 报送日期 = 2023年4月28日: kept as its text, read as a date where a 日期 input binds it,
        // so a wrong day is reported there with the input's name, as from JSON or a workbook.
        out.kind = DataValue::Kind::Text;
        out.text = tok(d, P::DATE_LIT)->getText();
    } else if (auto* l = exactly<P::ListValueContext>(v)) {
        out.kind = DataValue::Kind::List;
        for (auto* item : subs<P::DataValueContext>(l)) out.list.push_back(data_value(item));
    } else {
        auto* o = exactly<P::ObjectValueContext>(v);
        out.kind = DataValue::Kind::Object;
        for (auto* f : subs<P::DataFieldContext>(o))
            out.fields.emplace_back(tok(f, P::IDENT) ? tok(f, P::IDENT)->getText() : f->key ? std::string(f->key->getType() == PingfenLexer::REASON ? "理由" : "扣分") : unquote(tok(f, P::STRING)->getSymbol()),
                                    data_value(sub<P::DataValueContext>(f)));
    }
    return out;
}

std::vector<DataEntry> Builder::entries(const std::vector<P::DataEntryContext*>& es) {
    std::vector<DataEntry> out;
    for (auto* e : es) {
        DataEntry d;
        d.name = tok(e, P::IDENT)->getText();
        d.loc = loc(tok(e, P::IDENT)->getSymbol());
        d.value = data_value(sub<P::DataValueContext>(e));
        out.push_back(std::move(d));
    }
    return out;
}

DataBlock Builder::data_block(P::DataBlockContext* d) {
    DataBlock b;
    b.loc = loc(tok(d, P::DATA)->getSymbol());
    if (d->dept) b.department = unquote(d->dept);
    if (d->year) b.year = integer(d->year);
    b.entries = entries(subs<P::DataEntryContext>(d));
    return b;
}

TestCase Builder::test(P::TestBlockContext* t) {
    TestCase tc;
    tc.name = unquote(tok(t, P::STRING)->getSymbol());
    tc.loc = loc(tok(t, P::TEST)->getSymbol());
    for (auto* m : subs<P::TestMemberContext>(t)) {
        if (auto* gf = exactly<P::GivenFileContext>(m)) {
            tc.given_files.emplace_back(unquote(tok(gf, P::STRING)->getSymbol()), loc(gf));
        } else if (auto* ee = exactly<P::ExpectErrorContext>(m)) {
            tc.expected_errors.emplace_back(unquote(tok(ee, P::STRING)->getSymbol()), loc(ee));
        } else if (auto* g = exactly<P::GivenMemberContext>(m)) {
            auto more = entries(subs<P::DataEntryContext>(g));
            for (auto& e : more) tc.given.push_back(std::move(e));
        } else if (auto* s = exactly<P::ExpectScoreContext>(m)) {
            Expectation ex{Expectation::Kind::Score, loc(s), {}, number(tok(s, P::NUMBER)->getSymbol()), {}};
            if (tok(s, P::MINUS)) ex.value = -ex.value;
            for (auto* n : subs<P::IndicatorNameContext>(sub<P::PathContext>(s)))
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

}  // namespace pingfen::front::building
