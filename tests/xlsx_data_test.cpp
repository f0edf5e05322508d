// Department data from .xlsx (issue 18): each cell read exactly as Excel stored it, in every
// command that reads data, and the data form of `pingfen template` filled in and scored.
// The workbooks are made by tests/xlsx/make_workbooks.py (python3-openpyxl, patched where
// Excel writes what openpyxl cannot: a formula's cached result, a 17-digit number).
#include <catch2/catch.hpp>

#include "data/department.hpp"
#include "data/read_xlsx.hpp"
#include "source/source.hpp"
#include "support.hpp"

#include <filesystem>
#include <fstream>
#include <map>
#include <sys/stat.h>
#include <sstream>

namespace fs = std::filesystem;
using pingfen::test::run_pingfen;
using pingfen::test::Run;
using pingfen::test::shell;

namespace {

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// The workbooks, made once per test process and removed when it ends.
const fs::path& workbooks() {
    static const pingfen::test::TempFolder dir("xlsx");
    static const bool made = [] {
        Run r = shell("/usr/bin/python3 tests/xlsx/make_workbooks.py '" + dir.path.string() + "'");
        if (r.status != 0) FAIL("tests/xlsx/make_workbooks.py failed (python3-openpyxl missing? run scripts/deps.sh): " + r.err);
        return true;
    }();
    (void)made;
    return dir.path;
}

std::string wb(const std::string& name) { return (workbooks() / name).string(); }

std::map<std::string, std::string> texts(const pingfen::DepartmentData& d) {
    std::map<std::string, std::string> out;
    for (const auto& f : d.fields) out[f.name] = f.value.text;
    return out;
}

}  // namespace

TEST_CASE("xlsx number text: Excel's stored digits, exactly", "[xlsx]") {
    using pingfen::data::excel_number_text;
    CHECK(excel_number_text("1222.61", false) == "1222.61");
    CHECK(excel_number_text("1865.4200000000001", false) == "1865.42");   // Excel's 17 digits
    CHECK(excel_number_text("0.30000000000000004", false) == "0.3");
    CHECK(excel_number_text("9.8060000000000003E-2", false) == "0.09806");
    CHECK(excel_number_text("0.9806", true) == "98.06%");
    CHECK(excel_number_text("1", true) == "100%");
    CHECK(excel_number_text("1.5E3", false) == "1500");
    CHECK(excel_number_text("-0.05", true) == "-5%");
    CHECK(excel_number_text("0", false) == "0");
    CHECK(excel_number_text("0.99999999999999999", false) == "1");
    CHECK(!excel_number_text("12abc", false));
    CHECK(excel_number_text("1.7976931348623157E+308", false) == "179769313486232" + std::string(294, '0'));
    CHECK(!excel_number_text("1E+99999", false));  // no spreadsheet's number: quoted as written
    CHECK(!excel_number_text("1E-99999", true));
    using pingfen::data::excel_date_text;
    CHECK(excel_date_text("45296") == "2024-01-05");
    CHECK(excel_date_text("61") == "1900-03-01");
    CHECK(excel_date_text("45658") == "2025-01-01");
    CHECK(!excel_date_text("45296.5"));  // a time of day stays a number
    CHECK(!excel_number_text("", false));
}

TEST_CASE("xlsx: formula, percentage cell, number stored as text and merged heading read exactly", "[xlsx]") {
    pingfen::DataResult r = pingfen::load_data_file(wb("exact.xlsx"));
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
    CHECK(r.data->department == "广州市花都区科技工业商务和信息化局");
    CHECK(r.data->year == 2023);
    auto t = texts(*r.data);
    CHECK(t["年末结转和结余"] == "1222.61");
    CHECK(t["预算执行率"] == "98.06%");          // a percentage-formatted 0.9806
    CHECK(t["一般公共预算拨款"] == "42,448.19");  // text: read by number_text when scored
    CHECK(t["年初结转和结余"] == "2343.83");      // the formula's cached result
    CHECK(t["在用固定资产总额"] == "1865.42");
    CHECK(t["涉密部门"] == "否");
    CHECK(t["说明"] == "采购公开不全");
    CHECK(t.count("空值") == 0);
    CHECK(t["填报日期"] == "2024-01-05");
    CHECK(t.count("花都区科工商信局 2023 年度数据") == 0);  // the merged heading is no datum
    CHECK(t.count("名称") == 0);
    // Each field's location names its sheet and cell.
    const auto* f = r.data->find("预算执行率");
    REQUIRE(f);
    REQUIRE(f->loc.file);
    CHECK(std::string(f->loc.file->line(f->loc.line)) == "数据!B6  预算执行率 = 98.06%");
}

TEST_CASE("xlsx: a formula without its result and an error value name sheet, cell and field", "[xlsx]") {
    Run r = run_pingfen("score tests/errors/E0403.pf '" + wb("formula.xlsx") + "'");
    CHECK(r.status == 1);
    CHECK(has(r.err, "错误[E0417]：工作表「数据」单元格 B3（`年末结转和结余`）是公式，但文件中没有保存它的计算结果"));
    CHECK(has(r.err, "错误[E0418]：工作表「数据」单元格 B4（`预算执行率`）是错误值 #DIV/0!，不是数据；请改正该单元格的公式"));
    Run en = run_pingfen("score tests/errors/E0403.pf '" + wb("formula.xlsx") + "' --lang en");
    CHECK(has(en.err, "error[E0417]: sheet “数据”, cell B3 (`年末结转和结余`) is a formula saved without its result"));
}

TEST_CASE("xlsx: not a workbook, a zip without one", "[xlsx]") {
    Run r = run_pingfen("score tests/errors/E0403.pf '" + wb("not_a_workbook.xlsx") + "'");
    CHECK(r.status == 1);
    CHECK(has(r.err, "错误[E0416]：`" + wb("not_a_workbook.xlsx") + "` 不是 .xlsx 工作簿（不是 zip 文件）"));
    Run z = run_pingfen("score tests/errors/E0403.pf '" + wb("no_workbook.xlsx") + "'");
    CHECK(z.status == 1);
    CHECK(has(z.err, "错误[E0416]：`" + wb("no_workbook.xlsx") + "` 是 zip 文件，但其中没有 Excel 工作簿（xl/workbook.xml）"));
    Run b = run_pingfen("batch tests/errors/E0403.pf '" + wb("no_workbook.xlsx") + "'");
    CHECK(b.status == 1);
    CHECK(has(b.err, "错误[E0416]"));
    // From a pipe, read from a temporary copy: the message names the pipe, not the copy.
    pingfen::test::TempFolder dir("xlsx_pipe");
    const std::string fifo = dir.file("p.xlsx");
    REQUIRE(::mkfifo(fifo.c_str(), 0600) == 0);
    const auto piped = pingfen::test::shell("(cat '" + wb("no_workbook.xlsx") + "' > '" + fifo + "' &); PINGFEN_LANG= timeout 10 '" PINGFEN_BINARY
                                            "' batch tests/errors/E0403.pf '" + fifo + "'");
    CHECK(piped.status == 1);
    CHECK(has(piped.err, "错误[E0416]：`" + fifo + "` 是 zip 文件，但其中没有 Excel 工作簿（xl/workbook.xml）"));
    CHECK_FALSE(has(piped.err, "pingfen-pipe-"));
}

TEST_CASE("xlsx: a zip bomb, a cell longer than Excel allows and a lost shared string are E0416", "[xlsx]") {
    // 2,000,100 cells in 67 KB: refused at two million, read a piece at a time (24 million cells
    // in 850 KB took 8 GB and did not end in two minutes).
    const auto bomb = pingfen::test::shell(pingfen::test::memory_limit(400) + "PINGFEN_LANG= timeout 60 '" PINGFEN_BINARY
                                           "' batch tests/errors/data.pf '" + wb("bomb.xlsx") + "'");
    CHECK(bomb.status == 1);
    CHECK(has(bomb.err, "错误[E0416]：工作簿 `" + wb("bomb.xlsx") + "` 的单元格超过 2000000 个（读到工作表「数据」时），过大"));
    Run en = run_pingfen("score tests/errors/data.pf '" + wb("bomb.xlsx") + "' --lang en");
    CHECK(en.status == 1);
    CHECK(has(en.err, "error[E0416]: workbook `" + wb("bomb.xlsx") + "` has over 2000000 cells (at sheet “数据”), too many"));
    // A cell of 200,000 digits: no program writes it; it was a number of 200,000 digits.
    Run longer = run_pingfen("score tests/errors/data.pf '" + wb("long_cell.xlsx") + "'");
    CHECK(longer.status == 1);
    CHECK(has(longer.err, "错误[E0416]：`" + wb("long_cell.xlsx") + "` 中工作表「数据」的单元格 B3 的内容超过 131072 字节"));
    // A text cell whose shared string is not there was read as empty: the datum silently missing.
    Run lost = run_pingfen("score tests/errors/data.pf '" + wb("lost_string.xlsx") + "'");
    CHECK(lost.status == 1);
    CHECK(has(lost.err, "错误[E0416]：`" + wb("lost_string.xlsx") + "` 中工作表「数据」的单元格 B2 指向不存在的共享字符串（编号 99，工作簿只有 0 个）"));
}

TEST_CASE("xlsx: a cell written twice is E0416, not its first value silently", "[xlsx]") {
    Run r = run_pingfen("score tests/errors/data.pf '" + wb("repeated_cell.xlsx") + "'");
    CHECK(r.status == 1);
    CHECK(has(r.err, "错误[E0416]：`" + wb("repeated_cell.xlsx") + "` 中工作表「数据」的单元格 B6 出现了两次，无法确定用哪一个值"));
    CHECK(r.out.empty());
    Run b = run_pingfen("batch tests/errors/data.pf '" + wb("repeated_cell.xlsx") + "' --lang en");
    CHECK(b.status == 1);
    CHECK(has(b.err, "error[E0416]: cell B6 of sheet “数据” in `" + wb("repeated_cell.xlsx") + "` is written twice"));
}

TEST_CASE("xlsx: a datum given twice, as a row or a column, is E0410 and not one value silently", "[xlsx]") {
    Run one = run_pingfen("score tests/errors/data.pf '" + wb("repeated.xlsx") + "'");
    CHECK(one.status == 1);
    CHECK(has(one.err, "repeated.xlsx:5:14: 错误[E0410]"));  // line 5 of the workbook's listing: 数据!B7
    CHECK(has(one.err, "错误[E0410]：数据 `支出率` 重复给出，无法确定用哪一个；需要它的指标：支出率指标"));
    CHECK(has(one.err, "数据!B7  支出率 = 50%"));
    CHECK(has(one.out, "支出率指标     1.00        —"));
    Run many = run_pingfen("batch tests/errors/data.pf '" + wb("repeated_columns.xlsx") + "'");
    CHECK(many.status == 1);
    CHECK(has(many.out, "2,甲局,失败,,,2.00,,1.00,E0410：数据 `支出率` 重复给出"));
}

TEST_CASE("xlsx: 年度 that is no year is E0427 at its cell, as a value or a column", "[xlsx]") {
    Run one = run_pingfen("score tests/errors/data.pf '" + wb("bad_year.xlsx") + "'");
    CHECK(one.status == 1);
    CHECK(has(one.err, "bad_year.xlsx:1:13: 错误[E0427]：年度 \"2O23\" 不是年份，应写四位数的年份，如 2023"));
    CHECK(has(one.err, "数据!B3  年度 = 2O23"));
    Run many = run_pingfen("batch tests/errors/data.pf '" + wb("bad_year_rows.xlsx") + "'");
    CHECK(many.status == 1);
    CHECK(has(many.out, "2,甲局,失败,,,2.00,0.98,1.00,\"E0427：年度 \"\"2024.5\"\" 不是年份"));
    CHECK(has(many.out, "3,乙局,评分,3.98,"));
}

TEST_CASE("xlsx: one department per row, goal tables keyed by department", "[xlsx]") {
    std::vector<int> rows;
    auto all = pingfen::data::read_xlsx_departments(wb("many.xlsx"), &rows);
    REQUIRE(all.size() == 2);
    CHECK(rows == std::vector<int>{2, 3});
    REQUIRE(all[0].ok());
    REQUIRE(all[1].ok());
    CHECK(all[0].data->department == "甲局");
    CHECK(all[1].data->department == "乙局");
    CHECK(texts(*all[0].data)["预算执行率"] == "98%");
    CHECK(texts(*all[1].data)["预算执行率"] == "95.5%");
    CHECK(texts(*all[1].data)["涉密部门"] == "是");
    const auto* goals = all[1].data->find("产出目标");
    REQUIRE(goals);
    REQUIRE(goals->value.list.size() == 1);
    CHECK(goals->value.list[0].field("实际")->text == "900");
    CHECK(goals->value.list[0].field("部门") == nullptr);
    // 丙局 has goal rows but no row of its own: said, not dropped quietly.
    bool warned = false;
    for (const auto& d : all[0].diagnostics)
        warned = warned || (d.code == "W0405" && has(d.message_zh, "工作表「产出目标」第 4 行的部门“丙局”不在工作表「部门」的部门之中"));
    CHECK(warned);
    // A workbook of many departments given to score: refused, not its first row scored.
    Run s = run_pingfen("score tests/errors/E0403.pf '" + wb("many.xlsx") + "'");
    CHECK(s.status == 1);
    CHECK(has(s.err, "错误[E0419]：工作簿 `" + wb("many.xlsx") + "` 的工作表「部门」每行一个部门，共 2 行"));
}

TEST_CASE("template round trip: the form filled in Excel's way scores each bundled department's published total", "[xlsx][template]") {
    const std::vector<std::pair<std::string, std::string>> published = {
        {"huadu/2023", "96.50"}, {"guangzhou/2022", "94.31"}, {"haizhu/2023", "94.00"}, {"conghua/2024", "80.29"}};
    for (const auto& [ruleset, total] : published) {
        SECTION(ruleset) {
            const std::string stem = (workbooks() / ("form_" + ruleset.substr(0, ruleset.find('/')))).string();
            Run t = run_pingfen("template rulesets/" + ruleset + ".pf -o '" + stem + ".xlsx'");
            REQUIRE(t.status == 0);
            CHECK(t.err.empty());
            Run fill = shell("/usr/bin/python3 tests/xlsx/fill_form.py '" + stem + ".xlsx' rulesets/" + ruleset + ".example.json '" +
                             stem + "_filled.xlsx'");
            REQUIRE(fill.status == 0);
            Run s = run_pingfen("score rulesets/" + ruleset + ".pf '" + stem + "_filled.xlsx' --format json");
            CHECK(s.err.empty());
            CHECK(s.status == 0);
            CHECK(has(s.out, "\"total\": " + total + ","));
            // Every leaf as the JSON data scores it.
            Run j = run_pingfen("score rulesets/" + ruleset + ".pf rulesets/" + ruleset + ".example.json --format csv");
            Run x = run_pingfen("score rulesets/" + ruleset + ".pf '" + stem + "_filled.xlsx' --format csv");
            auto scores = [](const std::string& csv) {
                std::vector<std::string> out;  // the score column of each row
                std::size_t at = 0;
                while (at < csv.size()) {
                    std::size_t end = csv.find('\n', at);
                    std::string line = csv.substr(at, end == std::string::npos ? std::string::npos : end - at);
                    std::vector<std::string> cells;
                    std::size_t k = 0;
                    for (int i = 0; i < 8 && k != std::string::npos; ++i) {
                        std::size_t n = line.find(',', k);
                        cells.push_back(line.substr(k, n == std::string::npos ? std::string::npos : n - k));
                        k = n == std::string::npos ? n : n + 1;
                    }
                    if (cells.size() >= 6) out.push_back(cells[0] + cells[2] + cells[4] + cells[5]);
                    if (end == std::string::npos) break;
                    at = end + 1;
                }
                return out;
            };
            CHECK(scores(j.out) == scores(x.out));
        }
    }
}

TEST_CASE("template: the form's sheets, types, ranges and users, and wrong use refused", "[xlsx][template]") {
    const std::string form = (workbooks() / "huadu_form.xlsx").string();
    REQUIRE(run_pingfen("template rulesets/huadu/2023.pf -o '" + form + "'").status == 0);
    Run read = shell("/usr/bin/python3 -c 'import sys, openpyxl\n"
                     "wb = openpyxl.load_workbook(sys.argv[1])\n"
                     "print(\"|\".join(wb.sheetnames))\n"
                     "ws = wb[\"数据\"]\n"
                     "print(\"|\".join(str(c.value) for c in ws[3]))\n"
                     "for row in ws.iter_rows(min_row=4):\n"
                     "    if row[0].value in (\"预算执行率\", \"涉密部门\", \"产出目标\", \"年末结转和结余\"):\n"
                     "        print(\"|\".join(\"\" if c.value is None else str(c.value) for c in row))\n"
                     "print(len(ws.data_validations.dataValidation) > 0)\n"
                     "g = wb[\"产出目标\"]\n"
                     "print(\"|\".join(str(c.value) for c in g[2]))\n"
                     "print(g.cell(3, 1).value)' '" + form + "'");
    REQUIRE(read.status == 0);
    CHECK(has(read.out, "数据|专项资金目标|效益目标|产出目标|月度执行率") == false);  // 专项资金 was removed by huadu
    CHECK(has(read.out, "数据|效益目标|产出目标|月度执行率\n"));
    CHECK(has(read.out, "名称|值|类型|单位|范围|默认|说明|用于指标\n"));
    CHECK(has(read.out, "涉密部门||是否|||||管理效率.信息公开.预决算公开合规性\n"));
    CHECK(has(read.out, "年末结转和结余||金额|万元|[0, +∞)||年末财政拨款结转和结余决算数|管理效率.预算执行.结转结余率\n"));
    CHECK(has(read.out, "产出目标||目标表||||部门整体绩效目标中的产出指标（在工作表「产出目标」中填写）|履职效能.整体效能.部门整体绩效目标产出指标完成情况\n"));
    CHECK(has(read.out, "True\n"));
    CHECK(has(read.out, "名称|目标|实际|权重|方向|档次|得分率|说明\n"));
    CHECK(has(read.out, "示例：入库科技型中小企业数\n"));

    Run no_o = run_pingfen("template rulesets/huadu/2023.pf");
    CHECK(no_o.status == 2);
    CHECK(has(no_o.err, "xlsx 数据表须用 -o 指定文件"));
    Run bad = run_pingfen("template rulesets/huadu/2023.pf --format pdf -o x.pdf");
    CHECK(bad.status == 2);
    Run missing = run_pingfen("template rulesets/nowhere.pf -o '" + form + "'");
    CHECK(missing.status == 1);

    // The text forms: JSON with empty values (scored unfilled it is an error, never a zero).
    Run json = run_pingfen("template rulesets/huadu/2023.pf --format json");
    CHECK(json.status == 0);
    CHECK(has(json.out, "\"年末结转和结余\": \"金额（万元），范围 [0, +∞)"));
    const std::string unfilled = (workbooks() / "unfilled.json").string();
    REQUIRE(run_pingfen("template rulesets/huadu/2023.pf -o '" + unfilled + "'").status == 0);
    Run s = run_pingfen("score rulesets/huadu/2023.pf '" + unfilled + "'");
    CHECK(s.status == 1);
    CHECK(has(s.err, "错误[E0402]"));
    Run csv = run_pingfen("template rulesets/huadu/2023.pf --format csv");
    CHECK(has(csv.out, "\xEF\xBB\xBF部门,年度,"));
    CHECK(!has(csv.out, "产出目标"));
    Run block = run_pingfen("template rulesets/huadu/2023.pf --format block");
    CHECK(has(block.out, "  年末结转和结余 = ？\n"));
}

TEST_CASE("xlsx in every command that reads data: batch, and diff --data, and test 给定, and repl :data", "[xlsx]") {
    const std::string stem = (workbooks() / "every").string();
    REQUIRE(run_pingfen("template rulesets/huadu/2023.pf -o '" + stem + ".xlsx'").status == 0);
    REQUIRE(shell("/usr/bin/python3 tests/xlsx/fill_form.py '" + stem + ".xlsx' rulesets/huadu/2023.example.json '" + stem +
                  "_filled.xlsx'").status == 0);
    const std::string filled = stem + "_filled.xlsx";
    Run b = run_pingfen("batch rulesets/huadu/2023.pf '" + filled + "'");
    CHECK(b.status == 0);
    CHECK(has(b.out, "\n1,广州市花都区科技工业商务和信息化局,评分,96.50,优,"));
    // Through standard input: `score -` read the workbook's bytes as text (E0005, not UTF-8).
    Run piped = shell("PINGFEN_LANG= '" PINGFEN_BINARY "' score rulesets/huadu/2023.pf - < '" + filled + "'");
    CHECK(piped.status == 0);
    CHECK(has(piped.out, "96.50"));
    CHECK(piped.out == run_pingfen("score rulesets/huadu/2023.pf '" + filled + "'").out);
    Run piped_batch = shell("cat '" + filled + "' | PINGFEN_LANG= '" PINGFEN_BINARY "' batch rulesets/huadu/2023.pf -");
    CHECK(piped_batch.out == b.out);
    Run piped_diff = shell("cat '" + filled + "' | PINGFEN_LANG= '" PINGFEN_BINARY "' diff rulesets/huadu/2023.pf rulesets/huadu/2023.pf --data -");
    CHECK(piped_diff.status == 0);
    CHECK(has(piped_diff.out, "总分    96.50    96.50     0.00"));
    Run d = run_pingfen("diff rulesets/huadu/2023.pf rulesets/huadu/2023.pf --data '" + filled + "'");
    CHECK(d.status == 0);
    CHECK(has(d.out, "96.50"));
    const fs::path pf = workbooks() / "given.pf";
    std::ofstream(pf) << "规则集 \"花都区部门整体支出绩效自评\" 年度 2023 总分 100\n引用 \"" PINGFEN_SOURCE_DIR
                         "/rulesets/huadu/2023.pf\"\n测试 \"xlsx\" {\n  给定 \""
                      << filled << "\"\n  期望 总分 = 96.5\n}\n";
    Run t = run_pingfen("test '" + pf.string() + "'");
    CHECK(t.status == 0);
    CHECK(has(t.out, "1 个通过，0 个失败"));
    // The REPL reads the workbook and :set works in the session, but :save never rewrites the
    // user's workbook as text: it says so, keeps the edit, and the file is unchanged.
    const std::string before = pingfen::test::slurp(filled);
    Run r = shell("printf ':data " + filled + "\\n:set 年末结转和结余 = 5000\\n:save\\n:quit\\n:quit\\n' | NO_COLOR=1 '" PINGFEN_BINARY
                  "' repl rulesets/huadu/2023.pf");
    CHECK(has(r.out, "总分 96.50（不变），等级 优"));
    CHECK(has(r.out, "总分 96.50 → 95.50 (−1)"));
    CHECK(has(r.out, "是 Excel/WPS 表格或 CSV，pingfen 不改写它：数据改动没有保存"));
    CHECK(pingfen::test::slurp(filled) == before);
}

TEST_CASE("batch --format xlsx: a scores sheet and a sheet of the failed departments with their reasons", "[xlsx][batch]") {
    const std::string out = (workbooks() / "results.xlsx").string();
    Run b = run_pingfen("batch tests/errors/E0420.pf tests/errors/E0420.csv --format xlsx -o '" + out + "'");
    CHECK(b.status == 1);  // one department failed
    CHECK(has(b.err, "共 2 条：评分 1 条，失败 1 条"));
    CHECK(!fs::exists(out + ".results.csv"));
    Run read = shell("/usr/bin/python3 -c 'import sys, openpyxl\n"
                     "wb = openpyxl.load_workbook(sys.argv[1])\n"
                     "for ws in wb:\n"
                     "    print(ws.title)\n"
                     "    for row in ws.iter_rows(values_only=True): print(row)' '" + out + "'");
    REQUIRE(read.status == 0);
    CHECK(has(read.out, "评分结果\n('行号', '部门', '状态', '总分', '等级', '执行率均值', '原因')\n(2, '甲局', '评分', 0.99, None, 0.99, None)\n"));
    CHECK(has(read.out, "未评分部门\n('行号', '部门', '原因')\n(3, '乙局', 'E0420：列表 `月度执行率` 写在一个单元格中"));
    Run no_o = run_pingfen("batch tests/errors/E0420.pf tests/errors/E0420.csv --format xlsx");
    CHECK(no_o.status == 2);
}

TEST_CASE("the 自评表 xlsx as handed in: 填报单位 and 年度, rows sized to their text, sign-off, goal rows attached, footer", "[xlsx][formats]") {
    const std::string out = (workbooks() / "sheet.xlsx").string();
    Run s = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --format xlsx -o '" + out + "'");
    REQUIRE(s.status == 0);
    Run read = shell("/usr/bin/python3 -c 'import sys, openpyxl\n"
                     "wb = openpyxl.load_workbook(sys.argv[1])\n"
                     "ws = wb.worksheets[0]\n"
                     "print(ws[\"A2\"].value, ws[\"H2\"].value, ws[\"I2\"].value, ws[\"A1\"].font.name)\n"
                     "print(max(ws.row_dimensions[r].height or 0 for r in range(5, 10)))\n"
                     "for row in ws.iter_rows(values_only=True):\n"
                     "    if row[0] and (str(row[0]).startswith(\"填报人\") or \"pingfen\" in str(row[0])): print(row[0], row[4], row[7])\n"
                     "print(ws.oddFooter.left.text)\n"
                     "g = wb[\"附表 目标完成情况\"]\n"
                     "for row in g.iter_rows(min_row=3, max_row=4, values_only=True): print(row)' '" + out + "'");
    REQUIRE(read.status == 0);
    CHECK(has(read.out, "填报单位 年度 2023 宋体\n"));
    CHECK(has(read.out, "填报人： 联系电话： 填报日期：      年    月    日\n"));
    CHECK(has(read.out, " 由 pingfen 0.1.0 生成，数据文件：rulesets/huadu/2023.example.json None None\n"));
    CHECK(has(read.out, "('履职效能.整体效能.部门整体绩效目标产出指标完成情况', '全区外贸进出口总额（亿元）', '588.75 / 785 = 75%，[60%, 100%]，完成率 75% × 2 = 1.5 分')\n"));
    CHECK(has(read.out, "(None, '入库科技型中小企业数', '812 / 800 = 101.5%，(100%, 150%]，得满分 2 分')\n"));
    // The goal leaf's basis runs to many lines: its row is far taller than one line (15 points).
    std::istringstream lines(read.out);
    std::string first, second;
    std::getline(lines, first);
    std::getline(lines, second);
    CHECK(std::stod(second) > 150);
}

TEST_CASE("xlsx: a goal sheet left with only the example row is a missing datum, never a table of no rows", "[xlsx][template]") {
    const std::string stem = (workbooks() / "empty_goals").string();
    REQUIRE(run_pingfen("template rulesets/huadu/2023.pf -o '" + stem + ".xlsx'").status == 0);
    REQUIRE(shell("/usr/bin/python3 tests/xlsx/fill_form.py '" + stem + ".xlsx' rulesets/huadu/2023.example.json '" + stem +
                  "_filled.xlsx'").status == 0);
    REQUIRE(shell("/usr/bin/python3 -c 'import sys, openpyxl\n"
                  "wb = openpyxl.load_workbook(sys.argv[1])\n"
                  "ws = wb[\"产出目标\"]\n"
                  "for r in range(4, 30):\n"
                  "    for c in range(1, 9): ws.cell(r, c).value = None\n"
                  "wb.save(sys.argv[1])' '" + stem + "_filled.xlsx'").status == 0);
    Run s = run_pingfen("score rulesets/huadu/2023.pf '" + stem + "_filled.xlsx'");
    CHECK(s.status == 1);
    CHECK(has(s.err, "错误[E0401]：缺少数据 `产出目标`（目标表），需要它的指标：履职效能 › 整体效能 › 部门整体绩效目标产出指标完成情况"));
    CHECK(!has(s.out, "总分                                   100.00    77.00"));
}

// LibreOffice (Debian libreoffice-calc) is an optional test tool here: without it these checks
// are skipped with a warning.
bool have_soffice() { return shell("command -v soffice >/dev/null && command -v pdftotext >/dev/null").status == 0; }

TEST_CASE("xlsx saved by LibreOffice: shared strings, and formulas with their computed results", "[xlsx][libreoffice]") {
    if (!have_soffice()) {
        WARN("soffice or pdftotext missing: install libreoffice-calc and poppler-utils to run this test");
        return;
    }
    const fs::path dir = workbooks() / "lo";
    fs::create_directories(dir);
    const std::string profile = "-env:UserInstallation=file://" + (workbooks() / "lo_profile").string();
    Run c = shell("timeout 180 soffice --headless '" + profile + "' --convert-to 'xlsx:Calc MS Excel 2007 XML' --outdir '" +
                  dir.string() + "' '" + wb("formula.xlsx") + "' '" + wb("exact.xlsx") + "' >/dev/null 2>&1");
    REQUIRE(c.status == 0);
    // LibreOffice computed =1+1 and stored it; =1/0 stays an error.
    Run f = run_pingfen("score tests/errors/E0403.pf '" + (dir / "formula.xlsx").string() + "'");
    CHECK(!has(f.err, "E0417"));
    CHECK(has(f.err, "错误[E0418]：工作表「数据」单元格 B4（`预算执行率`）是错误值 #DIV/0!"));
    pingfen::DataResult r = pingfen::load_data_file((dir / "exact.xlsx").string());
    REQUIRE(r.ok());
    auto t = texts(*r.data);
    CHECK(t["年末结转和结余"] == "1222.61");
    CHECK(t["预算执行率"] == "98.06%");
    CHECK(t["一般公共预算拨款"] == "42,448.19");
    CHECK(t["年初结转和结余"] == "2343.83");
}

TEST_CASE("the 自评表 rendered by LibreOffice shows every text whole: no row clips its last line", "[xlsx][libreoffice]") {
    if (!have_soffice()) {
        WARN("soffice or pdftotext missing: install libreoffice-calc and poppler-utils to run this test");
        return;
    }
    const fs::path dir = workbooks() / "render";
    fs::create_directories(dir);
    const std::string sheet = (dir / "自评表.xlsx").string();
    REQUIRE(run_pingfen("score rulesets/guangzhou/2022.pf rulesets/guangzhou/2022.example.json --format xlsx -o '" + sheet + "'").status == 0);
    const std::string profile = "-env:UserInstallation=file://" + (workbooks() / "lo_profile").string();
    REQUIRE(shell("timeout 180 soffice --headless '" + profile + "' --convert-to pdf --outdir '" + dir.string() + "' '" + sheet +
                  "' >/dev/null 2>&1").status == 0);
    Run text = shell("pdftotext '" + (dir / "自评表.pdf").string() + "' -");
    REQUIRE(text.status == 0);
    auto squeeze = [](const std::string& s) {
        std::string o;
        for (char ch : s)
            if (ch != ' ' && ch != '\n' && ch != '\r' && ch != '\f') o += ch;
        return o;
    };
    const std::string page = squeeze(text.out);
    // The end of each leaf's 评分标准 and 评分依据: a clipped cell loses its last line first.
    Run json = run_pingfen("score rulesets/guangzhou/2022.pf rulesets/guangzhou/2022.example.json --format json");
    int checked = 0;
    for (const char* key : {"\"standard\": \"", "\"basis\": \""}) {
        for (std::size_t at = json.out.find(key); at != std::string::npos; at = json.out.find(key, at + 1)) {
            std::size_t start = at + std::string(key).size(), end = json.out.find('"', start);
            std::u32string whole = pingfen::utf8_decode(squeeze(json.out.substr(start, end - start)));
            if (whole.size() < 12) continue;
            std::string tail;
            for (char32_t ch : whole.substr(whole.size() - 6)) tail += pingfen::utf8_encode(ch);
            INFO(tail);
            CHECK(has(page, tail));
            ++checked;
        }
    }
    CHECK(checked > 20);
}

TEST_CASE("xlsx: one department's workbook uses only its own rows of a goal sheet with a 部门 column", "[xlsx]") {
    const fs::path file = workbooks() / "own_rows.xlsx";
    REQUIRE(shell("/usr/bin/python3 -c 'import sys, openpyxl\n"
                  "wb = openpyxl.Workbook()\n"
                  "ws = wb.active\n"
                  "ws.title = \"数据\"\n"
                  "ws.append([\"名称\", \"值\"])\n"
                  "ws.append([\"部门\", \"甲局\"])\n"
                  "g = wb.create_sheet(\"产出目标\")\n"
                  "g.append([\"部门\", \"名称\", \"目标\", \"实际\"])\n"
                  "g.append([\"甲局\", \"培训人次\", 500, 520])\n"
                  "g.append([\"乙局\", \"培训人次\", 300, 100])\n"
                  "wb.save(sys.argv[1])' '" + file.string() + "'").status == 0);
    pingfen::DataResult r = pingfen::load_data_file(file.string());
    REQUIRE(r.ok());
    const auto* goals = r.data->find("产出目标");
    REQUIRE(goals);
    REQUIRE(goals->value.list.size() == 1);
    CHECK(goals->value.list[0].field("实际")->text == "520");
    REQUIRE(r.diagnostics.size() == 1);
    CHECK(r.diagnostics[0].code == "W0405");
    CHECK(has(r.diagnostics[0].message_zh, "工作表「产出目标」第 3 行的部门“乙局”不是本工作簿的部门“甲局”，该行未使用"));
}

TEST_CASE("xlsx: goal rows keyed by 部门 meet their department whatever the spaces around its name", "[xlsx]") {
    // Cells are read without the spaces around them (read_xlsx.cpp's trimmed), so "甲局 " in a goal
    // sheet and " 乙局" in the departments' sheet meet, as they do through --tables (batch_test).
    const fs::path many = workbooks() / "spaced_names.xlsx";
    REQUIRE(shell("/usr/bin/python3 -c 'import sys, openpyxl\n"
                  "wb = openpyxl.Workbook()\n"
                  "ws = wb.active\n"
                  "ws.title = \"部门\"\n"
                  "ws.append([\"部门\", \"年度\", \"预算执行率\"])\n"
                  "ws.append([\"甲局\", 2023, \"98%\"])\n"
                  "ws.append([\" 乙局\", 2023, \"95%\"])\n"
                  "g = wb.create_sheet(\"产出目标\")\n"
                  "g.append([\"部门\", \"名称\", \"目标\", \"实际\"])\n"
                  "g.append([\"甲局 \", \"培训人次\", 500, 520])\n"
                  "g.append([\"乙局\\u3000\", \"培训人次\", 300, 100])\n"
                  "wb.save(sys.argv[1])' '" + many.string() + "'").status == 0);
    auto all = pingfen::data::read_xlsx_departments(many.string());
    REQUIRE(all.size() == 2);
    for (const auto& d : all) {
        REQUIRE(d.ok());
        for (const auto& diag : d.diagnostics) CHECK(diag.code != "W0405");
    }
    const auto* a = all[0].data->find("产出目标");
    const auto* b = all[1].data->find("产出目标");
    REQUIRE(a);
    REQUIRE(b);
    REQUIRE(a->value.list.size() == 1);
    REQUIRE(b->value.list.size() == 1);
    CHECK(a->value.list[0].field("实际")->text == "520");
    CHECK(b->value.list[0].field("实际")->text == "100");

    const fs::path own = workbooks() / "spaced_own.xlsx";
    REQUIRE(shell("/usr/bin/python3 -c 'import sys, openpyxl\n"
                  "wb = openpyxl.Workbook()\n"
                  "ws = wb.active\n"
                  "ws.title = \"数据\"\n"
                  "ws.append([\"名称\", \"值\"])\n"
                  "ws.append([\"部门\", \"甲局\"])\n"
                  "g = wb.create_sheet(\"产出目标\")\n"
                  "g.append([\"部门\", \"名称\", \"目标\", \"实际\"])\n"
                  "g.append([\" 甲局\", \"培训人次\", 500, 520])\n"
                  "wb.save(sys.argv[1])' '" + own.string() + "'").status == 0);
    pingfen::DataResult r = pingfen::load_data_file(own.string());
    REQUIRE(r.ok());
    CHECK(r.diagnostics.empty());
    const auto* goals = r.data->find("产出目标");
    REQUIRE(goals);
    REQUIRE(goals->value.list.size() == 1);
}
