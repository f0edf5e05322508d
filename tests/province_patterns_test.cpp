// Issue 16: scoring patterns from other provinces' systems, and the language as staff type it.
// Spellings of one tier row must give the same tree; ambiguous writing must be an error that says
// how to write it; every expected score is worked out from the quoted standard by hand.
#include <catch2/catch.hpp>

#include <string>

#include "ast/dump.hpp"
#include "front/parse.hpp"
#include "parse_support.hpp"
#include "pingfen/pingfen.hpp"

using namespace pingfen;
using pingfen::test::parse_dump;

namespace {

std::string one_leaf(const std::string& inputs, const std::string& weight, const std::string& rule) {
    return "规则集 \"t\" 年度 2024 总分 " + weight + "\n舍入 叶指标 四舍五入 保留 2 位\n输入 {\n" + inputs + "\n}\n指标 X " +
           weight + " {\n  " + rule + "\n}\n";
}

std::string codes(const std::vector<Diagnostic>& ds, bool errors_only = true) {
    std::string out;
    for (const auto& d : ds)
        if (!errors_only || d.severity == Severity::Error) out += (out.empty() ? "" : " ") + d.code;
    return out;
}

const Diagnostic* find_code(const std::vector<Diagnostic>& ds, const std::string& code) {
    for (const auto& d : ds)
        if (d.code == code) return &d;
    return nullptr;
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

// X's score as text with two decimals, or every diagnostic.
std::string score_of(const std::string& ruleset, const std::string& json) {
    auto c = compile_source("t.pf", ruleset);
    std::string all;
    for (const auto& d : c.diagnostics) all += render(d);
    if (!c.ok()) return "ERROR " + all;
    auto d = parse_data("d.json", json);
    if (!d.ok()) return "DATA ERROR";
    auto s = score(*c.ruleset, *d.data, {});
    for (const auto& n : s.sheet->indicators())
        if (n.name() == "X") return n.score() ? n.score()->to_fixed(2) : "未评分";
    return "no X";
}

// The tiers of a one-leaf ruleset, as the AST dump shows them.
std::string tiers_dump(const std::string& rows) {
    std::string d = parse_dump(one_leaf("率 百分比", "4", "按 率 分档 {\n" + rows + "\n}"));
    auto at = d.find("(tiers");
    return at == std::string::npos ? d : d.substr(at);
}

}  // namespace

TEST_CASE("province patterns: a tier row written as the standard writes it is the same interval", "[patterns16]") {
    CHECK(tiers_dump("90% ≤ 率 < 95% 得 3 分") == tiers_dump("[90%, 95%) 得 3 分"));
    CHECK(tiers_dump("率 ≥ 90% 且 率 < 95% 得 3 分").rfind("ERROR", 0) != 0);
    CHECK(tiers_dump("[90%-95%) 得 3 分") == tiers_dump("[90%, 95%) 得 3 分"));
    CHECK(tiers_dump("低于 80% 不得分") == tiers_dump("< 80% 不得分"));
    CHECK(tiers_dump("不低于 95% 得 4 分") == tiers_dump("≥ 95% 得 4 分"));
    CHECK(tiers_dump("高于 20% 不得分") == tiers_dump("> 20% 不得分"));
    CHECK(tiers_dump("超过 20% 不得分") == tiers_dump("> 20% 不得分"));
    CHECK(tiers_dump("不超过 20% 得 1 分") == tiers_dump("≤ 20% 得 1 分"));
    CHECK(tiers_dump("80%（含）至90% 得 2 分") == tiers_dump("[80%, 90%) 得 2 分"));
    CHECK(tiers_dump("80%至90%（含） 得 2 分") == tiers_dump("(80%, 90%] 得 2 分"));
    CHECK(tiers_dump("80%（含）-90%（含） 得 2 分") == tiers_dump("[80%, 90%] 得 2 分"));
    CHECK(tiers_dump("0-10%（含） 得 1 分") == tiers_dump("(0, 10%] 得 1 分"));
    CHECK(tiers_dump("=0 得 1 分") == tiers_dump("率 = 0 得 1 分"));
    CHECK(tiers_dump("5（含）以上 得 1 分") == tiers_dump("≥ 5 得 1 分"));
    CHECK(tiers_dump("5 及以上 得 1 分") == tiers_dump("≥ 5 得 1 分"));
    CHECK(tiers_dump("5 及以下 得 1 分") == tiers_dump("≤ 5 得 1 分"));
}

TEST_CASE("province patterns: tier rows whose ends are not stated are errors that show the accepted forms", "[patterns16]") {
    for (const char* row : {"90%-95% 得 3 分", "90%至95% 得 3 分", "60%以上 得 3 分", "60%以下 得 3 分"}) {
        INFO(row);
        auto c = compile_source("t.pf", one_leaf("率 百分比 [0, 100%]", "4", std::string("按 率 分档 {\n") + row + "\n其余 不得分\n}"));
        REQUIRE(find_code(c.diagnostics, "E0112"));
        CHECK(has(find_code(c.diagnostics, "E0112")->message_zh, "（含）"));
    }
    auto lone = compile_source("t.pf", one_leaf("率 百分比 [0, 100%]", "4", "按 率 分档 {\n80% 得 2 分\n其余 不得分\n}"));
    CHECK(codes(lone.diagnostics) == "E0111");
    auto other = compile_source("t.pf", one_leaf("率 百分比 [0, 100%]\n乙 百分比", "4", "按 率 分档 {\n80% ≤ 乙 < 90% 得 2 分\n其余 不得分\n}"));
    CHECK(has(codes(other.diagnostics), "E0113"));
    auto ne = compile_source("t.pf", one_leaf("率 百分比 [0, 100%]", "4", "按 率 分档 {\n率 ≠ 5% 得 2 分\n其余 不得分\n}"));
    REQUIRE(find_code(ne.diagnostics, "E0111"));
    CHECK(has(find_code(ne.diagnostics, "E0111")->message_zh, "`率≠5%`"));
}

TEST_CASE("province patterns: the gap and overlap check is the same on every spelling", "[patterns16]") {
    // 80%（含）至90% and 0-80%（含） share 80%; [0, 0] is left out by 0-80%（含）.
    auto c = compile_source("t.pf", one_leaf("率 百分比 [0, 100%]", "4",
                                             "按 率 分档 {\n90% ≤ 率 ≤ 100% 得 4 分\n80%（含）至90% 得 3 分\n0-80%（含） 得 1 分\n}"));
    CHECK(codes(c.diagnostics) == "E0704 E0703");
    auto ok = compile_source("t.pf", one_leaf("率 百分比 [0, 100%]", "4",
                                              "按 率 分档 {\n90% ≤ 率 ≤ 100% 得 4 分\n80%（含）至90% 得 3 分\n低于 80% 得 1 分\n}"));
    CHECK(codes(ok.diagnostics, false) == "");
}

TEST_CASE("province patterns: 每低于 counts steps down from the base, 99.27% scores full marks", "[patterns16]") {
    const std::string r = one_leaf("率 百分比", "5", "按 率 低于 100% 每低于 5% 扣 2 分，不足一档不计，扣完为止");
    CHECK(score_of(r, R"({"率": "99.27%"})") == "5.00");  // the published case: 0.146 of a step, not counted
    CHECK(score_of(r, R"({"率": "100%"})") == "5.00");
    CHECK(score_of(r, R"({"率": "95.01%"})") == "5.00");
    CHECK(score_of(r, R"({"率": "95%"})") == "3.00");
    CHECK(score_of(r, R"({"率": "90.5%"})") == "3.00");
    CHECK(score_of(r, R"({"率": "90%"})") == "1.00");
    CHECK(score_of(r, R"({"率": "80%"})") == "0.00");
    const std::string up = one_leaf("率 百分比", "5", "按 率 低于 100% 每低于 5% 扣 2 分，不足一档按一档计，扣完为止");
    CHECK(score_of(up, R"({"率": "99.27%"})") == "3.00");
    auto no_base = compile_source("t.pf", one_leaf("率 百分比", "5", "按 率 每低于 5% 扣 2 分，不足一档不计，扣完为止"));
    CHECK(codes(no_base.diagnostics) == "E0114");
    // 每超过一个百分点扣0.5分, per whole percentage point.
    const std::string pp = one_leaf("率 百分比", "2", "按 率 超过 10% 每超过 一个百分点 扣 0.5 分，不足一档不计，扣完为止");
    CHECK(score_of(pp, R"({"率": "10.99%"})") == "2.00");
    CHECK(score_of(pp, R"({"率": "12.5%"})") == "1.00");
    CHECK(parse_dump(one_leaf("率 百分比", "2", "按 率 超过 10% 每超过 2个百分点 扣 0.5 分，不足一档不计，扣完为止")) ==
          parse_dump(one_leaf("率 百分比", "2", "按 率 超过 10% 每增加 2% 扣 0.5 分，不足一档不计，扣完为止")));
}

TEST_CASE("province patterns: a rule nested in brackets", "[patterns16]") {
    const std::string r = one_leaf("甲 是否\n乙 是否", "1", "若 甲 则 （若 乙 则 得满分 否则 得 0.5 分） 否则 不得分");
    CHECK(score_of(r, R"({"甲": true, "乙": true})") == "1.00");
    CHECK(score_of(r, R"({"甲": true, "乙": false})") == "0.50");
    CHECK(score_of(r, R"({"甲": false, "乙": true})") == "0.00");
}

TEST_CASE("province patterns: tiers inside a deduction, overlapping tiers are an error, not 1.5 deducted", "[patterns16]") {
    const std::string in = "n 计数 ≥ 0\nm 计数 ≥ 0";
    const std::string ok = one_leaf(in, "2", "扣分 {\n按 n 分档 {\n3（含）至5 扣 0.5 分\n5 及以上 扣 1 分\n}\nm 每个 扣 0.5 分\n} 扣完为止");
    CHECK(score_of(ok, R"({"n": 2, "m": 0})") == "2.00");
    CHECK(score_of(ok, R"({"n": 3, "m": 0})") == "1.50");
    CHECK(score_of(ok, R"({"n": 5, "m": 0})") == "1.00");
    CHECK(score_of(ok, R"({"n": 5, "m": 1})") == "0.50");
    CHECK(score_of(ok, R"({"n": 9, "m": 3})") == "0.00");
    auto clean = compile_source("t.pf", ok);
    CHECK(codes(clean.diagnostics, false) == "");
    // Written literally, 5 is in both tiers.
    auto both = compile_source("t.pf", one_leaf(in, "2", "扣分 {\n按 n 分档 {\n3（含）至5（含） 扣 0.5 分\n5 及以上 扣 1 分\n}\nm 每个 扣 0.5 分\n} 扣完为止"));
    REQUIRE(codes(both.diagnostics) == "E0708");
    CHECK(has(find_code(both.diagnostics, "E0708")->message_zh, "为 5 时两档都扣分"));
    CHECK_FALSE(both.ok());
    auto other = compile_source("t.pf", one_leaf(in, "2", "扣分 {\n按 n 分档 {\n3（含）至5 扣 0.5 分\n其余 不扣分\n}\n} 扣完为止"));
    CHECK(has(codes(other.diagnostics), "E0115"));
    // A bound known only from the data could let both tiers deduct unseen: refused.
    auto moving = compile_source("t.pf", one_leaf(in, "2", "扣分 {\n按 n 分档 {\n不高于 m 扣 0.5 分\n不低于 m 扣 1 分\n}\n} 扣完为止"));
    CHECK(codes(moving.diagnostics) == "E0118 E0118");
}

TEST_CASE("province patterns: tiers compared with another value", "[patterns16]") {
    const std::string r = one_leaf("结余 金额(万元) ≥ 0\n结转 金额(万元) ≥ 0", "3", "按 结余 分档 {\n≤ 结转 得 3 分\n其余 不得分\n}");
    CHECK(score_of(r, R"({"结余": 100, "结转": 100})") == "3.00");
    CHECK(score_of(r, R"({"结余": 100.01, "结转": 100})") == "0.00");
    const std::string written = one_leaf("结余 金额(万元) ≥ 0\n结转 金额(万元) ≥ 0", "3", "按 结余 分档 {\n结余 ≤ 结转 得 3 分\n其余 不得分\n}");
    CHECK(score_of(written, R"({"结余": 99, "结转": 100})") == "3.00");
}

TEST_CASE("province patterns: a value shared by the whole ruleset, and four levels", "[patterns16]") {
    const std::string r =
        "规则集 \"t\" 年度 2024 总分 4\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 执行数 金额(万元) ≥ 0  预算数 金额(万元) > 0 }\n"
        "执行率 = 执行数 / 预算数\n差距 = 100% - 执行率\n"
        "一级指标 X 2 { 二级指标 乙 2 { 按 执行率 比例计分，封顶 100% } }\n"
        "一级指标 丙 2 { 二级指标 丁 2 { 三级指标 戊 2 { 四级指标 己 2 { 若 差距 ≤ 10% 则 得满分 否则 不得分 } } } }\n";
    auto c = compile_source("t.pf", r);
    CHECK(codes(c.diagnostics, false) == "");
    CHECK(score_of(r, R"({"执行数": 95, "预算数": 100})") == "1.90");
    auto d = parse_data("d.json", R"({"执行数": 95, "预算数": 100})");
    auto s = score(*c.ruleset, *d.data, {});
    REQUIRE(s.sheet->total);
    CHECK(s.sheet->total->to_fixed(2) == "3.90");
    auto wrong = compile_source("t.pf", "规则集 \"t\" 年度 2024 总分 2\n舍入 叶指标 四舍五入 保留 2 位\n"
                                        "一级指标 甲 2 { 二级指标 乙 2 { 四级指标 丙 2 { 得满分 } } }\n");
    REQUIRE(find_code(wrong.diagnostics, "E0210"));
    CHECK(has(find_code(wrong.diagnostics, "E0210")->message_zh, "四级指标"));
}

TEST_CASE("province patterns: keywords typed without spaces read as with them", "[patterns16]") {
    const std::string in = "执行率 百分比 [0, 100%]\n问题数 计数 ≥ 0\n有制度 是否\n有内控规则 是否";
    CHECK(parse_dump(one_leaf(in, "2", "按执行率分档 {\n≥ 90% 得 2 分\n其余 不得分\n}")) ==
          parse_dump(one_leaf(in, "2", "按 执行率 分档 {\n≥ 90% 得 2 分\n其余 不得分\n}")));
    CHECK(parse_dump(one_leaf(in, "2", "按 执行率分档 {\n≥ 90% 得 2 分\n其余 不得分\n}")) ==
          parse_dump(one_leaf(in, "2", "按 执行率 分档 {\n≥ 90% 得 2 分\n其余 不得分\n}")));
    CHECK(parse_dump(one_leaf(in, "2", "扣分 { 问题数每项扣0.5分 } 扣完为止")) ==
          parse_dump(one_leaf(in, "2", "扣分 { 问题数 每项 扣 0.5 分 } 扣完为止")));
    CHECK(parse_dump(one_leaf(in, "2", "若有制度则得满分否则不得分")) == parse_dump(one_leaf(in, "2", "若 有制度 则 得满分 否则 不得分")));
    // 规则 ends in 则: the longest reading keeps the name whole.
    CHECK(parse_dump(one_leaf(in, "2", "若有内控规则则得满分否则不得分")) ==
          parse_dump(one_leaf(in, "2", "若 有内控规则 则 得满分 否则 不得分")));
    CHECK(parse_dump(one_leaf(in, "2", "若有内控规则 则 得满分 否则 不得分")) ==
          parse_dump(one_leaf(in, "2", "若 有内控规则 则 得满分 否则 不得分")));
    // Names that only look like runs stay names: 得分 (得 + 分), 按时完成率.
    const std::string names = "得分 数值\n按时完成率 百分比";
    CHECK(parse_dump(one_leaf(names, "2", "得 得分 + 按时完成率 分")).rfind("ERROR", 0) != 0);
}

TEST_CASE("province patterns: near-miss keywords, a missing 分, an undeclared input", "[patterns16]") {
    const std::string in = "执行率 百分比 [0, 100%]\n问题数 计数 ≥ 0\n有制度 是否";
    for (auto [rule, right] : {std::pair{"按 执行率 分段 {\n≥ 90% 得 2 分\n其余 不得分\n}", "分档"},
                              std::pair{"按 执行率 分挡 {\n≥ 90% 得 2 分\n其余 不得分\n}", "分档"},
                              std::pair{"扣分法 { 问题数 每项 扣 1 分 } 扣完为止", "扣分"},
                              std::pair{"扣分 { 问题数 每件 扣 1 分 } 扣完为止", "每项"}}) {
        INFO(rule);
        auto c = compile_source("t.pf", one_leaf(in, "2", rule));
        REQUIRE(find_code(c.diagnostics, "E0001"));
        CHECK(has(find_code(c.diagnostics, "E0001")->message_zh, std::string("是否想写 `") + right + "`"));
        CHECK(has(find_code(c.diagnostics, "E0001")->message_en, std::string("did you mean `") + right + "`"));
    }
    // 得 3 with 分 left out: reported at the end of its own line (line 9), not at the next line's `否则`.
    auto c = compile_source("t.pf", one_leaf(in, "2", "若 有制度 则 得 3\n  否则 不得分"));
    REQUIRE(find_code(c.diagnostics, "E0001"));
    CHECK(find_code(c.diagnostics, "E0001")->line == 9);
    CHECK(find_code(c.diagnostics, "E0001")->column == 14);
    CHECK(has(find_code(c.diagnostics, "E0001")->message_zh, "缺少 `分`"));
    auto u = compile_source("t.pf", one_leaf(in, "2", "若 预算执行率 ≥ 90% 则 得满分 否则 不得分"));
    REQUIRE(find_code(u.diagnostics, "E0201"));
    REQUIRE(!find_code(u.diagnostics, "E0201")->notes.empty());
    CHECK(has(find_code(u.diagnostics, "E0201")->notes.back().message_zh, "输入 { 预算执行率 百分比 }"));
}

TEST_CASE("province patterns: grade coefficients, written once and reused, an unlisted grade is an error", "[patterns16]") {
    const std::string r = "规则集 \"t\" 年度 2024 总分 5\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 甲 文本  乙 文本 }\n"
                          "等级系数 四等次 { A 100%  B 80%  C 60%  D 0% }\n"
                          "指标 X 3 { 按 甲 等级系数 四等次 }\n指标 Y 2 { 按 乙 等级系数 { 优 100%  良 80%  中 60%  差 0% } }\n";
    CHECK(score_of(r, R"({"甲": "A", "乙": "优"})") == "3.00");
    CHECK(score_of(r, R"({"甲": "B", "乙": "优"})") == "2.40");
    CHECK(score_of(r, R"({"甲": "C", "乙": "优"})") == "1.80");
    CHECK(score_of(r, R"({"甲": "D", "乙": "优"})") == "0.00");
    CHECK(score_of(r, R"({"甲": "E", "乙": "优"})") == "未评分");
    auto missing = compile_source("t.pf", "规则集 \"t\" 年度 2024 总分 3\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 甲 文本 }\n"
                                          "指标 X 3 { 按 甲 等级系数 五等次 }\n");
    CHECK(codes(missing.diagnostics) == "E0117");
    auto twice = compile_source("t.pf", "规则集 \"t\" 年度 2024 总分 3\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 甲 文本 }\n"
                                        "指标 X 3 { 按 甲 等级系数 { A 100%  A 80% } }\n");
    CHECK(codes(twice.diagnostics) == "E0116");
    auto number = compile_source("t.pf", "规则集 \"t\" 年度 2024 总分 3\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 甲 数值 }\n"
                                         "指标 X 3 { 按 甲 等级系数 { A 100%  B 80% } }\n");
    CHECK(codes(number.diagnostics) == "E0314");
    // A share above 100% would give more than the points: the score-range check says so.
    auto above = compile_source("t.pf", "规则集 \"t\" 年度 2024 总分 3\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 甲 文本 }\n"
                                        "指标 X 3 { 按 甲 等级系数 { A 120%  B 80% } }\n");
    CHECK(codes(above.diagnostics) == "E0701");
}

TEST_CASE("province patterns: a part of a leaf's own 分项 can be not applicable, a part under 若 cannot (E0119)", "[patterns16]") {
    // Once E0119: now the part is granted its point (tests/part_not_applicable_test.cpp has the rest).
    auto c = compile_source("t.pf", one_leaf("甲 是否\n乙 是否", "3",
                                             "分项 {\n本级 2 分 { 若 甲 则 得满分 否则 不得分 }\n"
                                             "转移支付 1 分 {\n不适用 若 非 乙，得满分，理由 \"无转移支付\"\n若 乙 则 得满分 否则 不得分\n}\n}"));
    CHECK(codes(c.diagnostics).empty());
    CHECK(score_of(one_leaf("甲 是否\n乙 是否", "3",
                            "分项 {\n本级 2 分 { 若 甲 则 得满分 否则 不得分 }\n"
                            "转移支付 1 分 {\n不适用 若 非 乙，得满分，理由 \"无转移支付\"\n若 乙 则 得满分 否则 不得分\n}\n}"),
                   "{\"甲\": false, \"乙\": false}") == "1.00");
    auto nested = compile_source("t.pf", one_leaf("甲 是否\n乙 是否", "3",
                                                  "若 甲 则 （分项 {\n本级 2 分 { 得满分 }\n"
                                                  "转移支付 1 分 {\n不适用 若 非 乙，得满分，理由 \"无转移支付\"\n不得分\n}\n}） 否则 不得分"));
    CHECK(codes(nested.diagnostics) == "E0119");
}
