#include "front/token_names.hpp"

#include <fmt/format.h>

#include "PingfenLexer.h"

namespace pingfen::front {

std::string token_display(size_t t, bool en) {
    using L = PingfenLexer;
    struct Name { const char* zh; const char* en; };
    auto kw = [&](const char* zh, const char* e) { return fmt::format("`{}`", en ? e : zh); };
    switch (t) {
        case L::RULESET: return kw("规则集", "ruleset");
        case L::YEAR: return kw("年度", "year");
        case L::TOTAL: return kw("总分", "total");
        case L::INPUTS: return kw("输入", "inputs");
        case L::GRADES: return kw("等级", "grades");
        case L::ROUNDING: return kw("舍入", "rounding");
        case L::LEAVES: return kw("叶指标", "leaves");
        case L::HALF_UP: return kw("四舍五入", "half_up");
        case L::PLACES: return kw("位", "places");
        case L::KEEP: return kw("保留", "keep");
        case L::INDICATOR: return kw("指标", "indicator");
        case L::LEVEL1: return "`一级指标`";
        case L::LEVEL2: return "`二级指标`";
        case L::LEVEL3: return "`三级指标`";
        case L::EXPLAIN: return kw("解释", "explain");
        case L::STANDARD: return kw("标准", "standard");
        case L::KEEP_STANDARD: return kw("沿用标准", "keep_standard");
        case L::KEEP_EXPLAIN: return kw("沿用解释", "keep_explanation");
        case L::DATA: return kw("数据", "data");
        case L::DEPARTMENT: return kw("部门", "department");
        case L::TEST: return kw("测试", "test");
        case L::GIVEN: return kw("给定", "given");
        case L::EXPECT: return kw("期望", "expect");
        case L::T_NUMBER: return kw("数值", "number");
        case L::T_PERCENT: return kw("百分比", "percent");
        case L::T_AMOUNT: return kw("金额", "amount");
        case L::T_COUNT: return kw("计数", "count");
        case L::T_BOOL: return kw("是否", "yesno");
        case L::T_TEXT: return kw("文本", "text");
        case L::IF: return kw("若", "if");
        case L::THEN: return kw("则", "then");
        case L::ELSE: return kw("否则", "else");
        case L::FULL: return kw("得满分", "full");
        case L::ZERO: return kw("不得分", "zero");
        case L::SCORE: return kw("得", "score");
        case L::POINTS: return kw("分", "points");
        case L::BY: return kw("按", "by");
        case L::TIERS: return kw("分档", "tiers");
        case L::OTHERWISE: return kw("其余", "otherwise");
        case L::DEDUCT_BLOCK: return kw("扣分", "deductions");
        case L::DEDUCT: return kw("扣", "deduct");
        case L::EACH: return kw("每项", "each");
        case L::FLOOR_ZERO: return kw("扣完为止", "floor_zero");
        case L::PER_INCREASE: return kw("每增加", "per_increase");
        case L::BEYOND: return kw("超过", "beyond");
        case L::INCLUSIVE: return kw("（含）", "inclusive");
        case L::STEP_UP: return kw("不足一档按一档计", "partial_step_counts");
        case L::STEP_DOWN: return kw("不足一档不计", "partial_step_ignored");
        case L::PROPORTION: return kw("比例计分", "proportional");
        case L::PER_DECREASE: return kw("每低于", "per_decrease");
        case L::NO_DEDUCT: return kw("不扣分", "no_deduction");
        case L::COEFFS: return kw("等级系数", "grade_coefficients");
        case L::BELOW: return kw("低于", "below");
        case L::ABOVE: return kw("高于", "above");
        case L::NOT_BELOW: return kw("不低于", "not_below");
        case L::NOT_ABOVE: return kw("不高于", "not_above");
        case L::TO: return kw("至", "to");
        case L::OR_MORE: return kw("及以上", "or_more");
        case L::OR_LESS: return kw("及以下", "or_less");
        case L::ONE_POINT: return en ? "a percentage" : "百分数";
        case L::T_DATE: return kw("日期", "date");
        case L::T_FINDING: return kw("核查", "finding");
        case L::LATER: return kw("晚于", "later_than");
        case L::EARLIER: return kw("早于", "earlier_than");
        case L::NOT_LATER: return kw("不晚于", "not_later_than");
        case L::NOT_EARLIER: return kw("不早于", "not_earlier_than");
        case L::DATE_LIT: return en ? "a date" : "日期";
        case L::LEVEL4: return "`四级指标`";
        case L::LEVEL5: return "`五级指标`";
        case L::LEVEL6: return "`六级指标`";
        case L::CAP: return kw("封顶", "cap");
        case L::WEIGHT: return kw("分值", "weight");
        case L::AND: return kw("且", "and");
        case L::OR: return kw("或", "or");
        case L::NOT: return kw("非", "not");
        case L::TRUE: return kw("是", "true");
        case L::FALSE: return kw("否", "false");
        case L::LE: return "`≤`";
        case L::GE: return "`≥`";
        case L::NE: return "`≠`";
        case L::EQEQ: return "`==`";
        case L::LT: return "`<`";
        case L::GT: return "`>`";
        case L::EQ: return "`=`";
        case L::PLUS: return "`+`";
        case L::MINUS: return "`-`";
        case L::STAR: return "`×`";
        case L::SLASH: return "`÷`";
        case L::LPAREN: return "`(`";
        case L::RPAREN: return "`)`";
        case L::LBRACK: return "`[`";
        case L::RBRACK: return "`]`";
        case L::LBRACE: return "`{`";
        case L::RBRACE: return "`}`";
        case L::COMMA: return en ? "`,`" : "`，`";
        case L::COLON: return en ? "`:`" : "`：`";
        case L::SEMI: return en ? "`;`" : "`；`";
        case L::DOT: return "`.`";
        case L::PERCENT_LIT: return en ? "a percentage" : "百分数";
        case L::NUMBER: return en ? "a number" : "数字";
        case L::STRING: return en ? "a string" : "字符串";
        case L::IDENT: return en ? "a name" : "名称";
        case static_cast<size_t>(antlr4::Token::EOF): return en ? "end of file" : "文件结尾";
        default: return en ? "a symbol" : "符号";
    }
}

}  // namespace pingfen::front
