// The front end, table-driven against an AST dump: what each construct parses to, and that
// Chinese and English keywords, full- and half-width punctuation give the same tree.
#include <catch2/catch.hpp>

#include "ast/dump.hpp"
#include "front/parse.hpp"
#include "parse_support.hpp"
#include "support.hpp"

#include <fstream>
#include <sstream>

using namespace pingfen;
using pingfen::test::parse_dump;

namespace {

std::string expr_dump(const std::string& text) {
    DiagnosticSink sink;
    auto src = std::make_shared<const SourceFile>("e", text);
    auto e = front::parse_expression(src, front::ParseLimits{}, sink);
    return e ? ast::dump(*e) : "ERROR";
}

}  // namespace

TEST_CASE("parser: expressions, precedence and literals", "[parser]") {
    struct Case { const char* src; const char* dump; };
    const Case cases[] = {
        {"1 + 2 × 3", "(+ 1 (* 2 3))"},
        {"(1 + 2) * 3", "(* (+ 1 2) 3)"},
        {"（1 ＋ 2）× 3", "(* (+ 1 2) 3)"},
        {"5%", "5%"},
        {"5％", "5%"},
        {"0.535 × 5", "(* 0.535 5)"},
        {"-5%", "-5%"},
        {"a / b - c", "(- (/ a b) c)"},
        {"a ÷ b", "(/ a b)"},
        {"a ≤ b", "(<= a b)"},
        {"a <= b", "(<= a b)"},
        {"a ＜＝ b", "(<= a b)"},
        {"a ≥ b 且 c", "(and (>= a b) c)"},
        {"a >= b and c", "(and (>= a b) c)"},
        {"非 a 或 b", "(or (not a) b)"},
        {"not a or b", "(or (not a) b)"},
        // A chained comparison reads as the standards write it: 10% < x ≤ 20%.
        {"10% < x ≤ 20%", "(and (< 10% x) (<= x 20%))"},
        {"若 a > 3 则 0.5 否则 1", "(cond (> a 3) 0.5 1)"},
        {"if a > 3 then 0.5 else 1", "(cond (> a 3) 0.5 1)"},
        {"四舍五入(x × 分值, 2)", "(call 四舍五入 (* x weight) 2)"},
        {"round_half_up(x * weight, 2)", "(call round_half_up (* x weight) 2)"},
        {"较小(a, 100%)", "(call 较小 a 100%)"},
        {"是", "true"},
        {"否", "false"},
        {"\"基本持平\"", "\"基本持平\""},
        {"“基本持平”", "\"基本持平\""},
    };
    for (const auto& c : cases) {
        INFO(c.src);
        CHECK(expr_dump(c.src) == c.dump);
    }
}

TEST_CASE("parser: names need no spaces around numbers (得2分)", "[parser]") {
    std::string spaced = parse_dump("指标 甲 2 { 得 2 分 }");
    std::string tight = parse_dump("指标 甲 2 { 得2分 }");
    CHECK(spaced == tight);
    CHECK(spaced.find("(score 2)") != std::string::npos);
    // A longer name that starts with a keyword is a name: 得分率 is not 得 + 分率.
    CHECK(expr_dump("得分率 × 2") == "(* 得分率 2)");
}

TEST_CASE("parser: every rule construct", "[parser]") {
    const char* src = R"(
规则集 "测试" 年度 2023 总分 10
舍入 叶指标 四舍五入 保留 2 位
等级 { 优 [90, 100]  差 < 60 }
输入 {
  率 百分比 [0, 100%]
  金额甲 金额(万元) > 0
  次数 计数
  有 是否
}
一级指标 甲 10 {
  二级指标 乙 10 {
    三级指标 满 1 { 得满分 }
    三级指标 零 1 { 不得分 }
    三级指标 判断 1 { 若 有 则 得满分 否则 不得分 }
    三级指标 档 1 {
      按 率 分档 { ≤ 10% 得 1 分  (10%, 20%] 得 0.5 分  其余 不得分 }
    }
    三级指标 步 2 {
      按 率 每增加 5%（含） 扣 0.5 分，不足一档按一档计，扣完为止
    }
    三级指标 步二 1 {
      按 率 超过 10% 每增加 5% 扣 0.5 分，不足一档不计，扣完为止
    }
    三级指标 比例 1 { 按 率 比例计分，封顶 100% }
    三级指标 扣减项 1 {
      扣分 { 次数 每项 扣 0.5 分  若 非 有 扣 0.5 分 }，扣完为止
    }
    三级指标 值 1 {
      x = 率 × 2
      得 x 分
    }
  }
}
)";
    const char* expected = R"((ruleset "测试" year=2023 total=10)
(rounding leaves 2)
(grade 优 [90 100])
(grade 差 (-inf 60))
(input 率 a percentage [0 100%])
(input 金额甲 an amount unit=万元 (0 +inf))
(input 次数 a count)
(input 有 yes/no)
(indicator 甲 10 level=1
  (indicator 乙 10 level=2
    (indicator 满 1 level=3
      (full)
    )
    (indicator 零 1 level=3
      (zero)
    )
    (indicator 判断 1 level=3
      (if 有 (full) (zero))
    )
    (indicator 档 1 level=3
      (tiers 率 ((-inf 10%] (score 1)) ((10% 20%] (score 0.5)) (otherwise (zero)))
    )
    (indicator 步 2 level=3
      (step 率 base 0 per 5% deduct 0.5 round-up)
    )
    (indicator 步二 1 level=3
      (step 率 base 10% per 5% deduct 0.5 round-down)
    )
    (indicator 比例 1 level=3
      (proportion 率 cap 100%)
    )
    (indicator 扣减项 1 level=3
      (deductions (each 次数 0.5) (if (not 有) 0.5) floor-zero)
    )
    (indicator 值 1 level=3
      (let x (* 率 2))
      (score x)
    )
  )
)
)";
    CHECK(parse_dump(src) == expected);
}

TEST_CASE("parser: English keywords give the same tree as Chinese ones", "[parser]") {
    const char* zh = R"(
规则集 "t" 年度 2023 总分 2
舍入 叶指标 四舍五入 保留 2 位
输入 { 率 百分比  有 是否 }
指标 甲 2 {
  若 有 则 按 率 分档 { ≥ 90% 得满分  其余 得 1 分 } 否则 不得分
}
)";
    const char* en = R"(
ruleset "t" year 2023 total 2
rounding leaves half_up keep 2 places
inputs { 率 percent  有 yesno }
indicator 甲 2 {
  if 有 then by 率 tiers { >= 90% full  otherwise score 1 points } else zero
}
)";
    CHECK(parse_dump(zh) == parse_dump(en));
    CHECK(parse_dump(zh).rfind("ERROR", 0) != 0);
}

TEST_CASE("parser: data blocks", "[parser]") {
    const char* src = R"(
# 手写的部门数据
数据 "花都区某局" 年度 2023 {
  年末结转和结余 = 1222.61   # 万元
  支出率 = 99.99％
  做了资产盘点 = 是
  月度执行率 = [98%, 100%, 101.5%]
  备注 = “无”
  负数 = -3
}
)";
    const char* expected = R"((data "花都区某局" year=2023
  (年末结转和结余 1222.61)
  (支出率 99.99%)
  (做了资产盘点 true)
  (月度执行率 [98% 100% 101.5%])
  (备注 "无")
  (负数 -3)
)
)";
    CHECK(parse_dump(src) == expected);
}

TEST_CASE("parser: the bundled huadu ruleset parses with SLL", "[parser]") {
    CHECK(parse_dump(pingfen::test::slurp(std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.pf")).rfind("ERROR", 0) != 0);
}

TEST_CASE("parser: parts, discretion, completion, not-applicable, bonus items, modules", "[parser]") {
    const char* src = R"(
规则集 "t" 年度 2024 总分 10
引用 "../common/x.pf"
指标 甲 10 {
  不适用 若 无转移支付，分值移至 乙.丙
  不适用 若 涉密，得满分，理由 "涉密"
  分项 {
    及时 50% { 若 按时 则 得满分 否则 不得分 }
    规范 1 分 { 酌情扣 规范扣分 分 [0, 1]，理由 说明 }
  }
}
指标 乙 5 {
  按 目标 完成率计分 {
    分值分配 平均分配
    < 60%  不得分
    其余   按 完成率 比例计分，封顶 100%
    定性 { 达成 [80%, 100%]  未达成 [0, 80%) }
  }
}
加分项 表彰 最多 3 分 { 得 次数 × 1 分 }
减分项 问责 最多 6 分 { 酌情得 问责分 分 [0, 6]，理由 问责说明 }
修改 乙 分值 4
替换 乙 { 得满分 }
修改 乙 分值 3 标准 "计3分" 沿用解释
替换 乙 { 沿用标准 解释："新的解释" 得满分 }
删除 甲
增加 到 乙 { 指标 丁 1 { 不得分 } }
)";
    const char* expected = R"((ruleset "t" year=2024 total=10)
(import "../common/x.pf" at 0)
(indicator 甲 10 level=0
  (not-applicable 无转移支付 move-to 乙.丙)
  (not-applicable 涉密 full reason "涉密")
  (parts (part 及时 50% (if 按时 (full) (zero))) (part 规范 1pts (discretion deduct 规范扣分 [0 1] reason 说明)))
)
(indicator 乙 5 level=0
  (completion 目标 split=equal ((-inf 60%) (zero)) (otherwise (proportion 完成率 cap 100%)) (band 达成 [80% 100%]) (band 未达成 [0 80%)))
)
(bonus 表彰 cap 3
  (score (* 次数 1))
)
(penalty 问责 cap 6
  (discretion score 问责分 [0 6] reason 问责说明)
)
(modify 乙 weight 4)
(replace 乙 (full))
(modify 乙 weight 3 standard "计3分" keep-explain)
(replace 乙 keep-standard explain "新的解释" (full))
(remove 甲)
(add-into 乙 丁)
)";
    CHECK(parse_dump(src) == expected);
}

TEST_CASE("parser: goal-table rows in a data block", "[parser]") {
    const char* src = R"(
数据 "某局" 年度 2024 {
  目标 = [ { 名称: "年充电量提升幅度", 目标: "≥2", 实际: 2.4 }，{ 名称: "满意度", 目标: 80%, 实际: 85% } ]
}
)";
    CHECK(parse_dump(src) == "(data \"某局\" year=2024\n  (目标 [{名称:\"年充电量提升幅度\" 目标:\"≥2\" 实际:2.4} {名称:\"满意度\" 目标:80% 实际:85%}])\n)\n");
}
