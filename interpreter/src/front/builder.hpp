// The builder of the AST from ANTLR's parse tree, shared by the files that build each part of
// it (build_ast.cpp, build_rules.cpp, build_expr.cpp, build_data.cpp). Internal to the front
// end: no ANTLR type goes further.
#pragma once

#include "front/build_ast.hpp"

#include "PingfenLexer.h"
#include "calendar/date.hpp"

#include <fmt/format.h>
#include <map>
#include <typeinfo>

namespace pingfen::front::building {

// ctx->NAME() for a token NAME that its rule has once: the first child that is that token, as
// ParserRuleContext::getToken finds it, but a terminal told by its type rather than by two
// dynamic_casts of every child (a tenth of building the tree of a file of tests). Children are
// rule contexts or terminals (TerminalNodeImpl, ErrorNodeImpl in error recovery), and a terminal
// is a TerminalNode through its one ParseTree base.
inline antlr4::tree::TerminalNode* tok(antlr4::ParserRuleContext* ctx, size_t type) {
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
inline T* exactly(antlr4::ParserRuleContext* c) {
    return c && typeid(*c) == typeid(T) ? static_cast<T*>(c) : nullptr;
}

// The rule index of T, the context of a rule of the grammar (a rule's own context: its labelled
// alternatives, subclasses of it, answer the same), asked of a context made once.
template <class T>
inline size_t rule_index() {
    static const size_t index = T(nullptr, 0).getRuleIndex();
    return index;
}

// ctx->NAME(i) for a rule NAME: its i-th child of that rule, as ParserRuleContext::getRuleContext
// finds it, but told by its rule index rather than by two dynamic_casts of every child (walks of
// the class tree comparing type names: a fifth of building the tree of a file of tests, where each
// 测试 item asked for each of the ten other kinds of item first).
template <class T>
inline T* sub(antlr4::ParserRuleContext* ctx, size_t i = 0) {
    const size_t index = rule_index<T>();
    for (antlr4::tree::ParseTree* child : ctx->children) {
        const std::type_info& kind = typeid(*child);
        if (kind == typeid(antlr4::tree::TerminalNodeImpl) || kind == typeid(antlr4::tree::ErrorNodeImpl)) continue;
        auto* rule = static_cast<antlr4::RuleContext*>(child);  // every other child is a rule's context
        if (rule->getRuleIndex() == index && i-- == 0) return static_cast<T*>(rule);
    }
    return nullptr;
}

// ctx->NAME() for a rule NAME that its rule can have more than once: every such child, in order.
template <class T>
inline std::vector<T*> subs(antlr4::ParserRuleContext* ctx) {
    const size_t index = rule_index<T>();
    std::vector<T*> out;
    for (antlr4::tree::ParseTree* child : ctx->children) {
        const std::type_info& kind = typeid(*child);
        if (kind == typeid(antlr4::tree::TerminalNodeImpl) || kind == typeid(antlr4::tree::ErrorNodeImpl)) continue;
        auto* rule = static_cast<antlr4::RuleContext*>(child);
        if (rule->getRuleIndex() == index) out.push_back(static_cast<T*>(rule));
    }
    return out;
}

using P = PingfenParser;
using namespace ast;

class Builder {
public:
    Builder(SourcePtr src, DiagnosticSink& sink) : src_(std::move(src)), sink_(sink) {}

    std::unique_ptr<Module> module(P::FileContext* f);

    ExprPtr expr(P::ExprContext* e);

private:
    SourcePtr src_;
    DiagnosticSink& sink_;
    int depth_ = 0;
    std::map<std::string, P::CoefficientTableContext*> tables_;

    Loc loc(antlr4::Token* t) const;
    Loc loc(antlr4::ParserRuleContext* c) const;

    std::string unquote(antlr4::Token* t) const;

    Decimal number(antlr4::Token* t);
    Decimal percent(antlr4::Token* t);
    int integer(antlr4::Token* t);

    InputDecl input(P::InputDeclContext* d);

    Interval interval(P::BoundContext* b);

    static ExprPtr clone(const Expr& e);

    // Whether anything in the indicator (its named values, rules, sub-indicators) names `name`.
    static bool reads(const Expr& e, const std::string& name);
    static bool reads(const Interval& iv, const std::string& name);
    static bool reads(const Scoring& s, const std::string& name);
    static bool reads(const Indicator& ind, const std::string& name);

    // `a-b` written between two numbers (90%-95%, 0-10%): the two ends of a range.
    static bool dash_range(Expr& e, Interval& iv);

    void bad_row(Loc at, const std::string& text);

    // Whether two expressions are written the same (the tiered value named again in a row).
    static bool same(const Expr& a, const Expr& b);

    // A tier row as the standard writes it, as an interval over `subject`; none for 其余.
    // Writing whose ends are not stated (90%-95%, 60%以上) is an error that shows the forms accepted.
    std::optional<Interval> tier_bound(P::TierBoundContext* c, const Expr& subject);

    void unstated_ends(Loc at, const std::string& text);

    // 90% ≤ 执行率 < 95%, 执行率 = 0: comparisons of the tiered value with bounds.
    bool compared_row(ExprPtr e, const Expr& subject, Interval& iv, const std::string& text);

    // The row's interval as a condition on `subject`, for a tier table lowered into 扣分.
    ExprPtr in_row(const Interval& iv, const Expr& subject, Loc at);

    void name_of(P::IndicatorNameContext* n, Indicator& ind);

    std::vector<std::string> path(P::PathContext* p);

    std::unique_ptr<Indicator> indicator(P::IndicatorContext* c);

    void leaf_check(const Indicator& ind);

    void members(Indicator& ind, const std::vector<P::MemberContext*>& ms);

    // E0119: written there, the condition would be ignored and the part scored as if it applied.
    void nested_parts_not_applicable(const Scoring& s, bool own);

    Modification modification(P::ModificationContext* c);

    void keep_text(Modification& m, P::KeepTextContext* k);

    // 标准 "…" beside 沿用标准 says two things at once; the sheet would show one of them.
    void sheet_text(SheetText& t, SheetText::How how, std::string text, const Loc& at, bool standard);

    void after_rule(const Loc& l);

    // 分值分配 按权重（分值） or 按权重（占比）: the standard must say what a row's 权重 is.
    void row_weight_meaning(P::CompletionRuleContext& g, Scoring& r);

    ScoringPtr scoring(P::ScoringContext* c);

    // 按 调整事项数 分档 { 3（含）至5 扣 0.5 分  5（含）以上 扣 1 分 } inside 扣分: each row becomes
    // `若 n in row 扣 …`; the table is kept as written so that the checker refuses overlapping
    // rows (5 in both would deduct 1.5). A value in no row deducts nothing.
    void tiered_deduction(P::TieredDeductionContext& d, Scoring& block);

    // 按 评价结果 等级系数 定性评价 (or the table inline): one tier per grade, scoring 分值 × its share.
    ScoringPtr grade_rule(P::GradeRuleContext& g);

    static BinaryOp binop(size_t tok);

    static bool is_comparison(const Expr& e);

    ExprPtr binary(BinaryOp op, Loc l, ExprPtr a, ExprPtr b);

    ExprPtr expr_inner(P::ExprContext* e);

    // 2023年4月28日 or 2023-04-28 in a rule: the day number, typed 日期; a day that does not exist
    // (2023年2月30日, 2023年13月1日) is E0120 here rather than a date quietly moved.
    ExprPtr date_literal(antlr4::Token* t);

    ExprPtr primary(P::PrimaryContext* p);

    DataValue data_value(P::DataValueContext* v);

    std::vector<DataEntry> entries(const std::vector<P::DataEntryContext*>& es);

    DataBlock data_block(P::DataBlockContext* d);

    TestCase test(P::TestBlockContext* t);
};

}  // namespace pingfen::front::building
