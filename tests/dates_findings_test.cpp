// Issue 16, items 13 and 15: dates and deadlines (日期, 早于/晚于/不晚于, 天数, 逾期天数), and an
// assessor's finding in one datum (核查 扣分 0 至 1 分, 按 财务核查 扣分). Every expected score is
// worked out by hand from the standard quoted in rulesets/patterns/deadline.pf and findings.pf.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <string>

#include "calendar/date.hpp"
#include "parse_support.hpp"
#include "pingfen/pingfen.hpp"
#include "support.hpp"

using namespace pingfen;

namespace {

const std::string kDeadline = R"(规则集 "t" 年度 2023 总分 3
舍入 叶指标 四舍五入 保留 2 位
输入 { 报送日期 日期  通知日期 日期  整改完成日期 日期 }
一级指标 按时报送 1 { 若 报送日期 不晚于 2023年4月28日 则 得满分 否则 不得分 }
一级指标 逾期扣分 1 { 扣分 { 逾期天数(报送日期, 2023-04-28) 每天 扣 0.1 分 } 扣完为止 }
一级指标 整改时限 1 { 若 天数(通知日期, 整改完成日期) ≤ 30 则 得满分 否则 不得分 }
)";

std::string data_json(const std::string& submitted, const std::string& notice = "2023-03-01",
                      const std::string& done = "2023-03-31") {
    return R"({"部门": "甲", "年度": 2023, "数据": {"报送日期": )" + submitted + R"(, "通知日期": ")" + notice +
           R"(", "整改完成日期": ")" + done + R"("}})";
}

struct Scored {
    std::string scores;  // "按时报送=1.00 逾期扣分=0.90 …", or the diagnostics
    std::string basis;   // every basis, joined
    std::string diagnostics;
};

Scored run(const std::string& ruleset, const std::string& json, Language lang = Language::Chinese) {
    Scored out;
    auto c = compile_source("t.pf", ruleset);
    for (const auto& d : c.diagnostics) out.diagnostics += render(d, lang) + "\n";
    if (!c.ok()) {
        out.scores = "COMPILE ERROR";
        return out;
    }
    auto d = parse_data("d.json", json);
    for (const auto& x : d.diagnostics) out.diagnostics += render(x, lang) + "\n";
    if (!d.ok()) {
        out.scores = "DATA ERROR";
        return out;
    }
    ScoreOptions o;
    o.language = lang;
    auto s = score(*c.ruleset, *d.data, o);
    for (const auto& x : s.diagnostics) out.diagnostics += render(x, lang) + "\n";
    for (const auto& n : s.sheet->indicators()) {
        out.scores += (out.scores.empty() ? "" : " ") + n.name() + "=" + (n.score() ? n.score()->to_fixed(2) : "—");
        out.basis += n.basis() + "\n";
    }
    return out;
}

std::string error_codes(const std::string& text) {
    auto c = compile_source("t.pf", text);
    std::string out;
    for (const auto& d : c.diagnostics)
        if (d.severity == Severity::Error) out += (out.empty() ? "" : " ") + d.code;
    return out;
}

bool has(const std::string& hay, const std::string& needle) { return hay.find(needle) != std::string::npos; }

}  // namespace

TEST_CASE("dates: written forms, real days, leap years", "[dates]") {
    using calendar::read_date;
    const auto d0428 = read_date("2023-04-28").days;
    REQUIRE(d0428);
    CHECK(read_date("2023年4月28日").days == d0428);
    CHECK(read_date("2023-4-28").days == d0428);
    CHECK(read_date("2023/04/28").days == d0428);
    CHECK(read_date("２０２３年４月２８日").days == d0428);
    CHECK(read_date(" 2023-04-28T00:00:00 ").days == d0428);
    CHECK(*read_date("2023-05-05").days - *d0428 == 7);
    CHECK(*read_date("2024-03-01").days - *read_date("2024-02-28").days == 2);  // 2024 is a leap year
    CHECK(*read_date("2023-03-01").days - *read_date("2023-02-28").days == 1);
    CHECK(*read_date("1970-01-01").days == 0);
    CHECK(read_date("2024-02-29").days);
    CHECK(read_date("2000-02-29").days);    // divisible by 400
    CHECK_FALSE(read_date("1900-02-29").days);  // by 100, not 400 (Excel's phantom day is not a date)
    CHECK_FALSE(read_date("2100-02-29").days);
    auto feb30 = read_date("2023-02-30");
    CHECK_FALSE(feb30.days);
    CHECK(feb30.why_zh == "2023年2月没有 30 日（该月只有 28 天）");
    auto month13 = read_date("2023年13月1日");
    CHECK_FALSE(month13.days);
    CHECK(month13.why_zh == "没有 13 月：月份应为 1 至 12");
    CHECK_FALSE(read_date("2023-04-00").days);
    CHECK_FALSE(read_date("20230428").days);
    CHECK_FALSE(read_date("2023-04").days);
    CHECK_FALSE(read_date("2023-04/28").days);  // mixed separators
    CHECK(calendar::date_text(*d0428, false) == "2023年4月28日");
    CHECK(calendar::date_text(*d0428, true) == "2023-04-28");
}

TEST_CASE("dates: the deadline day itself is in time, the next day is one day late", "[dates]") {
    CHECK(run(kDeadline, data_json("\"2023-04-28\"")).scores == "按时报送=1.00 逾期扣分=1.00 整改时限=1.00");
    CHECK(run(kDeadline, data_json("\"2023年4月28日\"")).scores == "按时报送=1.00 逾期扣分=1.00 整改时限=1.00");
    CHECK(run(kDeadline, data_json("\"2023-04-27\"")).scores == "按时报送=1.00 逾期扣分=1.00 整改时限=1.00");
    CHECK(run(kDeadline, data_json("\"2023-04-29\"")).scores == "按时报送=0.00 逾期扣分=0.90 整改时限=1.00");
    CHECK(run(kDeadline, data_json("\"2023-05-05\"")).scores == "按时报送=0.00 逾期扣分=0.30 整改时限=1.00");
    // 10 days late takes the whole point; 60 days late still leaves 0, never below.
    CHECK(run(kDeadline, data_json("\"2023-05-08\"")).scores == "按时报送=0.00 逾期扣分=0.00 整改时限=1.00");
    CHECK(run(kDeadline, data_json("\"2023-06-27\"")).scores == "按时报送=0.00 逾期扣分=0.00 整改时限=1.00");
}

TEST_CASE("dates: days between two dates across February, leap and common years", "[dates]") {
    // 2024-02-01 → 2024-03-02 is 30 days (February has 29); → 03-03 is 31.
    CHECK(has(run(kDeadline, data_json("\"2023-04-28\"", "2024-02-01", "2024-03-02")).scores, "整改时限=1.00"));
    CHECK(has(run(kDeadline, data_json("\"2023-04-28\"", "2024-02-01", "2024-03-03")).scores, "整改时限=0.00"));
    // 2023-02-01 → 2023-03-03 is 30 days (February has 28).
    CHECK(has(run(kDeadline, data_json("\"2023-04-28\"", "2023-02-01", "2023-03-03")).scores, "整改时限=1.00"));
    CHECK(has(run(kDeadline, data_json("\"2023-04-28\"", "2023-02-01", "2023-03-04")).scores, "整改时限=0.00"));
    // Finished before the notice: a negative number of days, within 30.
    CHECK(has(run(kDeadline, data_json("\"2023-04-28\"", "2023-03-01", "2023-02-01")).scores, "整改时限=1.00"));
}

TEST_CASE("dates: the basis shows dates as 2023年4月28日, and 2023-04-28 in English", "[dates]") {
    auto zh = run(kDeadline, data_json("\"2023-04-29\""));
    // The condition reads as the standard says it, then with the dates.
    CHECK(has(zh.basis, "报送日期 不晚于 2023年4月28日（2023年4月29日 不晚于 2023年4月28日），不成立"));
    CHECK(has(zh.basis, "逾期天数(报送日期, 2023年4月28日) 1 天 × 0.1 = 0.1 分"));
    CHECK(has(zh.basis, "2023年4月29日"));
    CHECK(has(zh.basis, "2023年4月28日"));
    CHECK_FALSE(has(zh.basis, "19476"));  // never the day number
    auto en = run(kDeadline, data_json("\"2023-04-29\""), Language::English);
    CHECK(has(en.basis, "报送日期 not later than 2023-04-28 (2023-04-29 not later than 2023-04-28)"));
    CHECK(has(en.basis, "2023-04-28"));
    CHECK_FALSE(has(en.basis, "2023年"));
}

TEST_CASE("dates: a day that does not exist is a data error naming the field", "[dates]") {
    auto r = run(kDeadline, data_json("\"2023-02-30\""));
    CHECK(has(r.diagnostics, "E0424"));
    CHECK(has(r.diagnostics, "数据 `报送日期` 的值 \"2023-02-30\" 不是有效的日期：2023年2月没有 30 日（该月只有 28 天）"));
    CHECK(has(r.scores, "按时报送=—"));
    CHECK(has(run(kDeadline, data_json("\"2023年13月1日\"")).diagnostics, "没有 13 月"));
    // A number is not a date: 20230428, or a workbook serial in a cell not formatted as a date.
    auto n = run(kDeadline, data_json("20230428"));
    CHECK(has(n.diagnostics, "E0424"));
    CHECK(has(n.diagnostics, "Excel 中请把单元格设为日期格式"));
    CHECK(has(run(kDeadline, data_json("\"明天\"")).diagnostics, "E0424"));
    auto en = run(kDeadline, data_json("\"2023-02-30\""), Language::English);
    CHECK(has(en.diagnostics, "`报送日期` is \"2023-02-30\", which is not a valid date: 2023-02 has no day 30 (it has 28 days)"));
}

TEST_CASE("dates: wrong dates and wrong uses in rules are compile errors", "[dates]") {
    const std::string head = "规则集 \"t\" 年度 2023 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 报送日期 日期  次数 计数 }\n";
    CHECK(error_codes(head + "指标 X 1 { 若 报送日期 不晚于 2023年2月30日 则 得满分 否则 不得分 }") == "E0120");
    CHECK(error_codes(head + "指标 X 1 { 若 报送日期 不晚于 2023-13-01 则 得满分 否则 不得分 }") == "E0120");
    CHECK(error_codes(head + "指标 X 1 { 若 报送日期 ≤ 20230428 则 得满分 否则 不得分 }") == "E0315");
    CHECK(error_codes(head + "指标 X 1 { 若 报送日期 晚于 次数 则 得满分 否则 不得分 }") == "E0315");
    CHECK(error_codes(head + "指标 X 1 { 若 报送日期 + 30 ≤ 2023-05-01 则 得满分 否则 不得分 }") == "E0316");
    CHECK(error_codes(head + "指标 X 1 { 得 报送日期 × 2 分 }") == "E0316");
    CHECK(error_codes(head + "指标 X 1 { 若 天数(报送日期, 次数) ≤ 3 则 得满分 否则 不得分 }") == "E0305");
    CHECK(error_codes(head + "指标 X 1 { 按 报送日期 分档 { 不晚于 2023-04-28 得 1 分  > 100 不得分 } }") == "E0315");
    CHECK(error_codes("规则集 \"t\" 年度 2023 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 报送日期 日期 [0, 100] }\n"
                      "指标 X 1 { 若 报送日期 早于 2023-05-01 则 得满分 否则 不得分 }") == "E0315 E0315");  // each bound
    CHECK(error_codes("规则集 \"t\" 年度 2023 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n"
                      "输入 { 报送日期 日期 ≤ 若 是 则 2023-05-01 否则 2023-06-01 }\n"
                      "指标 X 1 { 若 报送日期 早于 2023-05-01 则 得满分 否则 不得分 }") == "E0206");
    // Subtracting two dates is the days between them; 早于/不早于/= read as < ≥ =.
    CHECK(error_codes(head + "指标 X 1 { 若 2023-05-01 − 报送日期 ≥ 3 则 得满分 否则 不得分 }").empty());
    CHECK(error_codes(head + "指标 X 1 { 若 报送日期 不早于 2023-01-01 且 报送日期 早于 2023-05-01 则 得满分 否则 不得分 }").empty());
}

TEST_CASE("dates: tiers on a date are checked for gaps like any other", "[dates]") {
    const std::string head = "规则集 \"t\" 年度 2023 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 报送日期 日期 }\n";
    auto gap = compile_source("t.pf", head + "指标 X 1 { 按 报送日期 分档 { 不晚于 2023-04-28 得 1 分  晚于 2023-05-05 不得分 } }");
    CHECK_FALSE(gap.ok());
    std::string all;
    for (const auto& d : gap.diagnostics) all += render(d) + "\n";
    CHECK(has(all, "E0703"));
    CHECK(has(all, "档位没有覆盖 [2023年4月29日, 2023年5月5日]"));  // whole days, shown as dates
    // 不晚于 4月28日 and 不早于 4月29日 leave no whole day uncovered.
    CHECK(compile_source("t.pf", head + "指标 X 1 { 按 报送日期 分档 { 不晚于 2023-04-28 得 1 分  不早于 2023-04-29 不得分 } }").ok());
}

TEST_CASE("dates: a workbook's date cell and a CSV cell", "[dates]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "pingfen_dates_test";
    fs::create_directories(dir);
    const std::string xlsx = (dir / "d.xlsx").string();
    auto py = pingfen::test::shell("/usr/bin/python3 -c 'import sys, datetime, openpyxl\n"
                                   "wb = openpyxl.Workbook(); ws = wb.active; ws.title = \"数据\"\n"
                                   "ws.append([\"名称\", \"值\"]); ws.append([\"部门\", \"甲\"]); ws.append([\"年度\", 2023])\n"
                                   "ws.append([\"报送日期\", datetime.date(2023, 4, 29)])\n"
                                   "ws.append([\"通知日期\", datetime.date(2024, 2, 1)])\n"
                                   "ws.append([\"整改完成日期\", datetime.date(2024, 3, 2)])\n"
                                   "wb.save(sys.argv[1])' '" + xlsx + "'");
    REQUIRE(py.status == 0);
    auto c = compile_source("t.pf", kDeadline);
    REQUIRE(c.ok());
    auto d = load_data_file(xlsx);
    REQUIRE(d.ok());
    auto s = score(*c.ruleset, *d.data);
    std::string scores;
    for (const auto& n : s.sheet->indicators()) scores += n.name() + "=" + (n.score() ? n.score()->to_fixed(2) : "—") + " ";
    CHECK(scores == "按时报送=0.00 逾期扣分=0.90 整改时限=1.00 ");

    // Excel's phantom 29 February 1900 (serial 60), formatted as a date: refused, not guessed.
    const std::string phantom = (dir / "phantom.xlsx").string();
    auto py2 = pingfen::test::shell("/usr/bin/python3 -c 'import sys, datetime, openpyxl\n"
                                    "wb = openpyxl.Workbook(); ws = wb.active; ws.title = \"数据\"\n"
                                    "ws.append([\"名称\", \"值\"]); ws.append([\"部门\", \"甲\"]); ws.append([\"年度\", 2023])\n"
                                    "ws.append([\"报送日期\", 60]); ws[\"B4\"].number_format = \"yyyy-mm-dd\"\n"
                                    "ws.append([\"通知日期\", datetime.date(2024, 2, 1)])\n"
                                    "ws.append([\"整改完成日期\", datetime.date(2024, 3, 2)])\n"
                                    "wb.save(sys.argv[1])' '" + phantom + "'");
    REQUIRE(py2.status == 0);
    auto p = load_data_file(phantom);
    REQUIRE(p.ok());
    auto ps = score(*c.ruleset, *p.data);
    std::string codes;
    for (const auto& x : ps.diagnostics) codes += x.code + " ";
    CHECK(has(codes, "E0424"));
    CHECK_FALSE(ps.sheet->indicators()[0].score());

    const std::string csv = (dir / "d.csv").string();
    {
        std::ofstream f(csv);
        f << "部门,年度,报送日期,通知日期,整改完成日期\n甲,2023,2023年4月28日,2023-02-01,2023-03-04\n";
    }
    auto many = load_departments(csv);
    REQUIRE(many.size() == 1);
    REQUIRE(many[0].ok());
    auto s2 = score(*c.ruleset, *many[0].data);
    scores.clear();
    for (const auto& n : s2.sheet->indicators()) scores += n.name() + "=" + (n.score() ? n.score()->to_fixed(2) : "—") + " ";
    CHECK(scores == "按时报送=1.00 逾期扣分=1.00 整改时限=0.00 ");
    fs::remove_all(dir);
}

TEST_CASE("dates: the data form lists a date input and how to write it", "[dates]") {
    auto c = compile_source("t.pf", kDeadline);
    REQUIRE(c.ok());
    auto json = data_form(*c.ruleset, FormFormat::Json);
    CHECK(has(*json.bytes, "日期；写成 \\\"2023-04-28\\\" 或 \\\"2023年4月28日\\\""));
    auto kinds = ruleset_inputs(*c.ruleset);
    REQUIRE(!kinds.empty());
    CHECK(kinds[0].kind == InputType::Date);
    CHECK(kinds[0].type == "日期");
}

namespace {

const std::string kFindings = R"(规则集 "t" 年度 2023 总分 3
舍入 叶指标 四舍五入 保留 2 位
输入 { 财务核查 核查 扣分 0 至 1 分  采购核查 核查 扣分 [0, 2] }
一级指标 财务管理 1 { 按 财务核查 扣分 }
一级指标 政府采购 2 { 按 采购核查 扣分 }
)";

std::string findings_json(const std::string& finance, const std::string& purchase = R"({"扣分": 0})") {
    return R"({"部门": "甲", "年度": 2023, "数据": {"财务核查": )" + finance + R"(, "采购核查": )" + purchase + "}}";
}

}  // namespace

TEST_CASE("findings: points within the declared bounds, the reason in the basis", "[findings]") {
    auto none = run(kFindings, findings_json(R"({"扣分": 0})"));
    CHECK(none.scores == "财务管理=1.00 政府采购=2.00");
    CHECK(has(none.basis, "财务核查：未扣分，得满分 1 分"));
    auto half = run(kFindings, findings_json(R"({"扣分": 0.5, "理由": "3月凭证附件不全"})"));
    CHECK(half.scores == "财务管理=0.50 政府采购=2.00");
    CHECK(has(half.basis, "财务核查：扣 0.5 分（理由：3月凭证附件不全），得 0.5 分"));
    auto en = run(kFindings, findings_json(R"({"扣分": 0.5, "理由": "vouchers incomplete"})"), Language::English);
    CHECK(has(en.basis, "财务核查: 0.5 points taken off (reason: vouchers incomplete): 0.5 points"));
    CHECK(run(kFindings, findings_json(R"({"扣分": 1, "理由": "无内控制度"})", R"({"扣分": 2, "理由": "两个项目未采购"})")).scores ==
          "财务管理=0.00 政府采购=0.00");
    // One cell, as CSV and workbooks carry it: points；reason.
    CHECK(run(kFindings, findings_json(R"("0.5；凭证不全")", R"("1.5;化整为零")")).scores == "财务管理=0.50 政府采购=0.50");
    CHECK(run(kFindings, findings_json("0", "0")).scores == "财务管理=1.00 政府采购=2.00");
}

TEST_CASE("findings: outside the bounds, without a reason, or malformed is a data error", "[findings]") {
    auto over = run(kFindings, findings_json(R"({"扣分": 1.5, "理由": "凭证不全"})"));
    CHECK(has(over.diagnostics, "E0404"));
    CHECK(has(over.diagnostics, "数据 `财务核查` 的值 1.5 超出声明的范围 [0, 1]"));
    CHECK(over.scores == "财务管理=— 政府采购=2.00");
    CHECK(has(run(kFindings, findings_json(R"({"扣分": -0.5, "理由": "x"})")).diagnostics, "E0404"));
    // Outside the bounds and without a reason: the figure is wrong first, and said so.
    auto wrong = run(kFindings, findings_json("-0.5"));
    CHECK(has(wrong.diagnostics, "数据 `财务核查` 的值 -0.5 超出声明的范围 [0, 1]"));
    CHECK_FALSE(has(wrong.diagnostics, "E0425"));
    CHECK_FALSE(has(run(kFindings, findings_json(R"({"扣分": 1.5})")).diagnostics, "E0425"));
    auto silent = run(kFindings, findings_json(R"({"扣分": 0.5})"));
    CHECK(has(silent.diagnostics, "E0425"));
    CHECK(has(silent.diagnostics, "核查 `财务核查` 扣 0.5 分，但没有写理由"));
    CHECK(silent.scores == "财务管理=— 政府采购=2.00");
    CHECK(has(run(kFindings, findings_json(R"({"扣分": 0.5, "理由": "  "})")).diagnostics, "E0425"));
    CHECK(has(run(kFindings, findings_json("0.5")).diagnostics, "E0425"));
    CHECK(has(run(kFindings, findings_json(R"({"扣": 0.5, "理由": "x"})")).diagnostics, "`扣` 不是核查的一项，核查只有 扣分 与 理由"));
    CHECK(has(run(kFindings, findings_json(R"({"理由": "x"})")).diagnostics, "缺少 扣分"));
    CHECK(has(run(kFindings, findings_json(R"("")")).diagnostics, "E0402"));  // an empty form cell is never a silent 0
    CHECK(has(run(kFindings, findings_json(R"({"扣分": "50%", "理由": "x"})")).diagnostics, "扣分应为分数"));
}

TEST_CASE("findings: declarations and uses that cannot work are compile errors", "[findings]") {
    const std::string head = "规则集 \"t\" 年度 2023 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n";
    CHECK(error_codes(head + "输入 { 财务核查 核查 扣分 }\n指标 X 1 { 按 财务核查 扣分 }") == "E0121");
    CHECK(error_codes(head + "输入 { 财务核查 核查 扣分 ≥ 0 }\n指标 X 1 { 按 财务核查 扣分 }") == "E0121");
    CHECK(error_codes(head + "输入 { 财务扣分 数值 [0, 1] }\n指标 X 1 { 按 财务扣分 扣分 }") == "E0224");
    CHECK(error_codes(head + "输入 { 财务核查 核查 扣分 0 至 1 分 }\n指标 X 1 { 得 财务核查 分 }") == "E0301");
    CHECK(error_codes(head + "输入 { 财务核查 核查 扣分 0 至 1 分 }\n指标 X 1 { 按 财务核查 扣分 }").empty());
    // A bound above the leaf's points is refused by check, as for 酌情扣 (E0707).
    auto c = compile_source("t.pf", head + "输入 { 财务核查 核查 扣分 0 至 2 分 }\n指标 X 1 { 按 财务核查 扣分 }");
    std::string all;
    for (const auto& d : c.diagnostics) all += d.code + " ";
    CHECK(has(all, "E0707"));
}

TEST_CASE("findings: the data form and the data block write a finding", "[findings]") {
    auto c = compile_source("t.pf", kFindings);
    REQUIRE(c.ok());
    auto json = data_form(*c.ruleset, FormFormat::Json);
    CHECK(has(*json.bytes, "核查（扣分、理由），范围 [0, 1]"));
    CHECK(has(*json.bytes, "写成 {\\\"扣分\\\": 0.5, \\\"理由\\\": \\\"…\\\"}"));
    auto block = data_form(*c.ruleset, FormFormat::Block);
    CHECK(has(*block.bytes, "财务核查 = { 扣分: ？, 理由: \"\" }"));
    CHECK(ruleset_inputs(*c.ruleset)[0].kind == InputType::Finding);
    auto d = parse_data("d.data.pf", "数据 \"甲\" 年度 2023 {\n  财务核查 = { 扣分: 0.5, 理由: \"凭证不全\" }\n  采购核查 = { \"扣分\": 0 }\n}\n");
    REQUIRE(d.ok());
    auto s = score(*c.ruleset, *d.data);
    REQUIRE(s.sheet->indicators().size() == 2);
    CHECK(s.sheet->indicators()[0].score()->to_fixed(2) == "0.50");
    CHECK(has(s.sheet->indicators()[0].basis(), "理由：凭证不全"));
}

TEST_CASE("findings: the reason reaches every report format", "[findings]") {
    auto c = compile_source("t.pf", kFindings);
    REQUIRE(c.ok());
    auto d = parse_data("d.json", findings_json(R"({"扣分": 0.5, "理由": "凭证附件不全"})"));
    REQUIRE(d.ok());
    auto s = score(*c.ruleset, *d.data);
    REQUIRE(s.sheet);
    SheetFormat explained;
    explained.explain = true;
    CHECK(has(sheet_as_table(*s.sheet, explained), "凭证附件不全"));
    CHECK(has(sheet_as_json(*s.sheet), "凭证附件不全"));
    CHECK(has(sheet_as_csv(*s.sheet), "凭证附件不全"));
    CHECK(has(sheet_as_markdown(*s.sheet), "凭证附件不全"));
    CHECK(has(sheet_as_html(*s.sheet), "凭证附件不全"));
}

TEST_CASE("dates: pingfen eval and the REPL show a date as a date, and count days exactly", "[dates]") {
    CHECK(evaluate_expression("2023-04-28").value == std::optional<std::string>("2023年4月28日"));
    CHECK(evaluate_expression("天数(2023年2月1日, 2023年3月1日)").value == std::optional<std::string>("28"));
    CHECK(evaluate_expression("天数(2024年2月1日, 2024年3月1日)").value == std::optional<std::string>("29"));
    CHECK(evaluate_expression("天数(2023-12-31, 2023-01-01)").value == std::optional<std::string>("-364"));
    CHECK(evaluate_expression("逾期天数(2023-04-27, 2023-04-28)").value == std::optional<std::string>("0"));
    CHECK(evaluate_expression("逾期天数(2023-04-28, 2023-04-28)").value == std::optional<std::string>("0"));
    CHECK(evaluate_expression("逾期天数(2023-04-29, 2023-04-28)").value == std::optional<std::string>("1"));
    CHECK(evaluate_expression("2023-05-01 晚于 2023年4月28日").value == std::optional<std::string>("是"));
    CHECK(evaluate_expression("2023-04-28 早于 2023年4月28日").value == std::optional<std::string>("否"));
    CHECK(evaluate_expression("2023-04-28 不晚于 2023年4月28日").value == std::optional<std::string>("是"));
    CHECK(evaluate_expression("2023-04-28 不早于 2023年4月29日").value == std::optional<std::string>("否"));
    CHECK(evaluate_expression("2023-04-28 − 2023-04-01").value == std::optional<std::string>("27"));
    CHECK_FALSE(evaluate_expression("2023-02-29").value);
}

TEST_CASE("dates: 每逾期1天扣0.1分 with the existing 每增加 construct", "[dates]") {
    const std::string ruleset = R"(规则集 "t" 年度 2023 总分 1
舍入 叶指标 四舍五入 保留 2 位
输入 { 报送日期 日期 }
一级指标 逾期扣分 1 {
  逾期 = 逾期天数(报送日期, 2023年4月28日)
  按 逾期 每增加 1 扣 0.1 分，不足一档按一档计，扣完为止
}
)";
    auto at = [&](const std::string& day) {
        return run(ruleset, R"({"部门": "甲", "年度": 2023, "数据": {"报送日期": ")" + day + R"("}})").scores;
    };
    CHECK(at("2023-04-28") == "逾期扣分=1.00");
    CHECK(at("2023-04-29") == "逾期扣分=0.90");
    CHECK(at("2023-05-01") == "逾期扣分=0.70");
    CHECK(at("2023-05-08") == "逾期扣分=0.00");
    CHECK(at("2023-12-31") == "逾期扣分=0.00");
}

TEST_CASE("findings: one CSV cell per finding, points then reason", "[findings]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "pingfen_findings_test";
    fs::create_directories(dir);
    const std::string csv = (dir / "d.csv").string();
    {
        std::ofstream f(csv);
        f << "部门,年度,财务核查,采购核查\n甲,2023,0.5；凭证附件不全,0\n乙,2023,0.5,0\n";
    }
    auto c = compile_source("t.pf", kFindings);
    REQUIRE(c.ok());
    auto many = load_departments(csv);
    REQUIRE(many.size() == 2);
    REQUIRE(many[0].ok());
    auto s = score(*c.ruleset, *many[0].data);
    CHECK(s.sheet->indicators()[0].score()->to_fixed(2) == "0.50");
    CHECK(has(s.sheet->indicators()[0].basis(), "理由：凭证附件不全"));
    REQUIRE(many[1].ok());
    auto no_reason = score(*c.ruleset, *many[1].data);
    CHECK_FALSE(no_reason.sheet->indicators()[0].score());
    std::string codes;
    for (const auto& d : no_reason.diagnostics) codes += d.code + " ";
    CHECK(has(codes, "E0425"));
    fs::remove_all(dir);
}

TEST_CASE("dates: a comparison typed without spaces reads as written with them", "[dates]") {
    const std::string head = "规则集 \"t\" 年度 2023 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 报送日期 日期 }\n";
    const std::string typed = head + "指标 X 1 { 若报送日期不晚于2023年4月28日则得满分否则不得分 }";
    const std::string spaced = head + "指标 X 1 { 若 报送日期 不晚于 2023年4月28日 则 得满分 否则 不得分 }";
    for (const std::string day : {"2023-04-28", "2023-04-29"}) {
        const std::string json = R"({"部门": "甲", "年度": 2023, "数据": {"报送日期": ")" + day + R"("}})";
        CHECK(run(typed, json).scores == run(spaced, json).scores);
    }
    CHECK(run(typed, R"({"部门": "甲", "年度": 2023, "数据": {"报送日期": "2023-04-28"}})").scores == "X=1.00");
    CHECK(run(typed, R"({"部门": "甲", "年度": 2023, "数据": {"报送日期": "2023-04-29"}})").scores == "X=0.00");
    // 晚于 typed on: the name keeps no stray 不.
    CHECK(run(head + "指标 X 1 { 若报送日期晚于2023年4月28日则不得分否则得满分 }",
              R"({"部门": "甲", "年度": 2023, "数据": {"报送日期": "2023-04-28"}})").scores == "X=1.00");
}

TEST_CASE("dates and findings: generated boundary tests give whole days and a finding with its reason", "[dates]") {
    auto dates = pingfen::test::run_pingfen("test --generate all rulesets/patterns/deadline.pf");
    CHECK(dates.status == 0);
    CHECK(has(dates.out, "测试 \"按时报送：报送日期 比 2023年4月28日 晚一天\""));
    CHECK(has(dates.out, "报送日期 = 2023-04-29"));
    CHECK(has(dates.out, "报送日期 = 2023-04-27"));
    CHECK_FALSE(has(dates.out, "报送日期 = 1970"));
    auto findings = pingfen::test::run_pingfen("test --generate all rulesets/patterns/findings.pf");
    CHECK(findings.status == 0);
    CHECK(has(findings.out, "财务核查 = { 扣分: 1, 理由: \"生成的测试：评价人的理由\" }"));
}

TEST_CASE("dates and findings: the AST dump of the new constructs", "[dates]") {
    const std::string d = pingfen::test::parse_dump(
        "规则集 \"t\" 年度 2023 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 报送日期 日期  财务核查 核查 扣分 0 至 1 分 }\n"
        "指标 X 1 { 若 报送日期 不晚于 2023年4月28日 则 按 财务核查 扣分 否则 不得分 }\n");
    CHECK(has(d, "(finding 财务核查)"));
    CHECK(has(d, "date:19475"));  // 2023-04-28 is day 19475 after 1970-01-01
    CHECK(pingfen::test::parse_dump("规则集 \"t\" 年度 2023 总分 1\n指标 X 1 { 若 a 不晚于 2023-04-28 则 得满分 否则 不得分 }\n") ==
          pingfen::test::parse_dump("规则集 \"t\" 年度 2023 总分 1\n指标 X 1 { 若 a ≤ 2023年4月28日 则 得满分 否则 不得分 }\n"));
}

TEST_CASE("dates and findings: pingfen diff shows them as written", "[dates]") {
    namespace fs = std::filesystem;
    const fs::path dir = fs::temp_directory_path() / "pingfen_dates_diff_test";
    fs::create_directories(dir);
    auto write = [&](const std::string& name, const std::string& text) {
        std::ofstream(dir / name) << text;
        return (dir / name).string();
    };
    const std::string head = "规则集 \"t\" 年度 2023 总分 2\n舍入 叶指标 四舍五入 保留 2 位\n";
    const std::string a = write("a.pf", head + "输入 { 报送日期 日期  财务核查 核查 扣分 0 至 1 分 }\n"
                                               "指标 X 1 { 若 报送日期 不晚于 2023年4月28日 则 得满分 否则 不得分 }\n指标 Y 1 { 按 财务核查 扣分 }\n");
    const std::string b = write("b.pf", head + "输入 { 报送日期 日期  财务核查 核查 扣分 0 至 0.5 分 }\n"
                                               "指标 X 1 { 若 报送日期 早于 2023-04-28 则 得满分 否则 不得分 }\n指标 Y 1 { 按 财务核查 扣分 }\n");
    auto r = pingfen::test::run_pingfen("diff '" + a + "' '" + b + "'");
    CHECK(has(r.out, "A：若 报送日期 不晚于 2023年4月28日 则 得满分 否则 不得分"));
    CHECK(has(r.out, "B：若 报送日期 早于 2023年4月28日 则 得满分 否则 不得分"));
    CHECK(has(r.out, "B：按 财务核查 扣分 [0, 0.5]"));
    fs::remove_all(dir);
}
