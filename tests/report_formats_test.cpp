// The score sheet as CSV, Markdown, HTML and xlsx, for every bundled ruleset: golden files for the
// text formats, the CSV read back with a small reader, the workbook read back with an independent
// reader (python3's openpyxl), and the HTML checked for being self-contained.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <sstream>
#include <sys/wait.h>
#include <unistd.h>

#include "pingfen/pingfen.hpp"

namespace fs = std::filesystem;
using namespace pingfen;

namespace {

struct Bundled {
    const char* golden;  // tests/cli/<golden>.csv, .md
    const char* ruleset;
    const char* data;
    const char* total;
    const char* grade;
};

const Bundled kBundled[] = {
    {"guangzhou_2022", "rulesets/guangzhou/2022.pf", "rulesets/guangzhou/2022.example.json", "94.31", "优"},
    {"huadu_2023", "rulesets/huadu/2023.pf", "rulesets/huadu/2023.example.json", "96.50", "优"},
    {"haizhu_2023", "rulesets/haizhu/2023.pf", "rulesets/haizhu/2023.example.json", "94.00", "优"},
    {"conghua_2024", "rulesets/conghua/2024.pf", "rulesets/conghua/2024.example.json", "80.29", "良"},
};

using pingfen::test::Run;
using pingfen::test::shell;
using pingfen::test::slurp;
using pingfen::test::run_pingfen;

void golden(const std::string& name, const std::string& actual) {
    pingfen::test::check_golden(fs::path(PINGFEN_SOURCE_DIR) / "tests" / "cli" / name, actual);
}

// The sheet as the library computes it, to compare every format against.
ScoreSheet sheet_of(const Bundled& b) {
    auto compiled = compile_file(std::string(PINGFEN_SOURCE_DIR) + "/" + b.ruleset);
    REQUIRE(compiled.ok());
    auto data = load_data_file(std::string(PINGFEN_SOURCE_DIR) + "/" + b.data);
    REQUIRE(data.ok());
    auto scored = score(*compiled.ruleset, *data.data, {.explain = true});
    REQUIRE(scored.ok());
    return *scored.sheet;
}

void collect_leaves(std::span<const ScoreNode> nodes, std::vector<const ScoreNode*>& out) {
    for (const auto& n : nodes) {
        if (n.children().empty()) out.push_back(&n);
        else collect_leaves(n.children(), out);
    }
}
std::vector<const ScoreNode*> leaves_of(const ScoreSheet& s) {
    std::vector<const ScoreNode*> out;
    collect_leaves(s.indicators(), out);
    return out;
}
std::size_t leaf_count(const ScoreNode& n) {
    if (n.children().empty()) return 1;
    std::size_t k = 0;
    for (const auto& c : n.children()) k += leaf_count(c);
    return k;
}
std::string dotted(const std::vector<std::string>& path) {
    std::string o;
    for (const auto& p : path) o += (o.empty() ? "" : ".") + p;
    return o;
}

// A small RFC 4180 reader: quoted fields with doubled quotes, commas and line breaks inside.
std::vector<std::vector<std::string>> read_csv(const std::string& text) {
    std::vector<std::vector<std::string>> rows;
    std::vector<std::string> row;
    std::string field;
    bool quoted = false, any = false;
    for (std::size_t i = 0; i < text.size(); ++i) {
        char c = text[i];
        if (quoted) {
            if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') field += '"', ++i;
            else if (c == '"') quoted = false;
            else field += c;
            continue;
        }
        any = true;
        if (c == '"') quoted = true;
        else if (c == ',') row.push_back(field), field.clear();
        else if (c == '\r' || c == '\n') {
            if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
            row.push_back(field), field.clear();
            rows.push_back(row), row.clear();
            any = false;
        } else field += c;
    }
    if (any) row.push_back(field), rows.push_back(row);
    return rows;
}

const std::string kBom = "\xEF\xBB\xBF";
const std::vector<std::string> kCsvHeader = {"一级指标", "分值", "二级指标", "分值", "三级指标", "分值",
                                             "指标解释", "评分标准", "得分", "评分依据", "路径"};

std::string html_escape(const std::string& s) {
    std::string o;
    for (char c : s) {
        switch (c) {
            case '&': o += "&amp;"; break;
            case '<': o += "&lt;"; break;
            case '>': o += "&gt;"; break;
            case '"': o += "&quot;"; break;
            case '\'': o += "&#39;"; break;
            default: o += c;
        }
    }
    return o;
}

std::size_t count(const std::string& hay, const std::string& needle) {
    std::size_t n = 0;
    for (auto p = hay.find(needle); p != std::string::npos; p = hay.find(needle, p + needle.size())) ++n;
    return n;
}

// A small ruleset with what the bundled ones lack: a leaf directly under a level-1 indicator, a
// level-1 leaf, names with commas, quotes and markup, bonus and penalty items.
ScoreSheet edge_sheet() {
    const char* rules = R"(规则集 "格式<测试>" 年度 2024 总分 10
舍入 叶指标 四舍五入 保留 2 位
等级 { 优 [9, 10]  良 [8, 9)  中 [6, 8)  差 < 6 }
输入 { 甲 是否  次数 计数 }
一级指标 一 6 {
  二级指标 “两级<叶>&"引号",逗号” 2 {
    解释 “说明含 | 竖线与 *星号* 和 "引号"”
    标准 "是则得满分，否则不得分"
    若 甲 则 得满分 否则 不得分
  }
  二级指标 二 4 {
    三级指标 三甲 2 { 得满分 }
    三级指标 三乙 2 { 得 1.5 分 }
  }
}
一级指标 独 4 { 若 甲 则 得满分 否则 不得分 }
加分项 表彰 最多 3 分 { 得 次数 × 1 分 }
减分项 问责 最多 2 分 { 得 次数 × 2 分 }
)";
    auto compiled = compile_source("edge.pf", rules);
    std::string diagnostics;
    for (const auto& d : compiled.diagnostics) diagnostics += render(d);
    INFO(diagnostics);
    REQUIRE(compiled.ok());
    auto data = parse_data("edge.data.pf", "数据 \"测试局 & <部门>\" 年度 2024 { 甲 = 是  次数 = 1 }");
    REQUIRE(data.ok());
    auto scored = score(*compiled.ruleset, *data.data, {.explain = true});
    REQUIRE(scored.ok());
    return *scored.sheet;
}

// python3 with openpyxl: Debian's /usr/bin/python3 first (scripts/deps.sh installs
// python3-openpyxl there), then whatever python3 is on PATH.
std::string python_with_openpyxl() {
    for (const char* py : {"/usr/bin/python3", "python3"}) {
        Run r = shell(std::string("'") + py + "' -c 'import openpyxl' >/dev/null");
        if (r.status == 0) return py;
    }
    return "";
}

// Reads a workbook back with openpyxl and prints it as tab-separated lines:
//   sheets <name>…            merged <A1:J1>
//   row <n> <cell>… (10)      basis <cell>… (4)
// Numbers as "<value with 2 decimals>|<number format>|<repr>"; text with \t \n \\ escaped.
const char* kReader = R"(import sys, openpyxl
def e(v):
    return str(v).replace('\\', '\\\\').replace('\t', '\\t').replace('\n', '\\n').replace('\r', '\\r')
def cell(c):
    v = c.value
    if v is None:
        return ''
    if isinstance(v, (int, float)) and not isinstance(v, bool):
        return '%.2f|%s|%r' % (v, c.number_format, v)
    return e(v)
wb = openpyxl.load_workbook(sys.argv[1])
print('sheets\t' + '\t'.join(e(n) for n in wb.sheetnames))
ws = wb.worksheets[0]
for m in ws.merged_cells.ranges:
    print('merged\t' + str(m))
for row in ws.iter_rows(min_col=1, max_col=10):
    print('row\t%d\t' % row[0].row + '\t'.join(cell(c) for c in row))
if len(wb.worksheets) > 1:
    for row in wb.worksheets[1].iter_rows(min_col=1, max_col=4):
        print('basis\t' + '\t'.join(cell(c) for c in row))
)";

std::string escaped(const std::string& s) {
    std::string o;
    for (char c : s) {
        if (c == '\\') o += "\\\\";
        else if (c == '\t') o += "\\t";
        else if (c == '\n') o += "\\n";
        else if (c == '\r') o += "\\r";
        else o += c;
    }
    return o;
}

std::vector<std::string> split_tabs(const std::string& line) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        auto p = line.find('\t', start);
        out.push_back(line.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos) return out;
        start = p + 1;
    }
}

struct Workbook {
    std::vector<std::string> sheets;
    std::set<std::string> merged;
    std::map<int, std::vector<std::string>> rows;  // 1-based row → 10 cells
    std::vector<std::vector<std::string>> basis;
};

Workbook read_workbook(const fs::path& file) {
    std::string py = python_with_openpyxl();
    if (py.empty())
        FAIL("python3 with openpyxl is needed to read the .xlsx back: run `bash scripts/deps.sh` "
             "(it installs python3-openpyxl) or `apt-get install python3-openpyxl`");
    fs::path script = fs::temp_directory_path() / ("pingfen_read_xlsx_" + std::to_string(::getpid()) + ".py");
    std::ofstream(script) << kReader;
    Run r = shell("'" + py + "' '" + script.string() + "' '" + file.string() + "'");
    fs::remove(script);
    INFO(r.err);
    REQUIRE(r.status == 0);
    Workbook wb;
    std::istringstream in(r.out);
    std::string line;
    while (std::getline(in, line)) {
        auto f = split_tabs(line);
        if (f[0] == "sheets") wb.sheets.assign(f.begin() + 1, f.end());
        else if (f[0] == "merged") wb.merged.insert(f[1]);
        else if (f[0] == "row") wb.rows[std::stoi(f[1])] = std::vector<std::string>(f.begin() + 2, f.end());
        else if (f[0] == "basis") wb.basis.emplace_back(f.begin() + 1, f.end());
    }
    return wb;
}

// "96.50|0.00|96.5" → {"96.50", "0.00", "96.5"}
std::vector<std::string> number_cell(const std::string& c) {
    std::vector<std::string> out;
    std::size_t start = 0;
    for (;;) {
        auto p = c.find('|', start);
        out.push_back(c.substr(start, p == std::string::npos ? std::string::npos : p - start));
        if (p == std::string::npos) break;
        start = p + 1;
    }
    return out;
}

}  // namespace

TEST_CASE("formats: CSV of every bundled ruleset, with BOM, read back", "[formats]") {
    for (const auto& b : kBundled) {
        INFO(b.ruleset);
        Run r = run_pingfen(std::string("score ") + b.ruleset + " " + b.data + " --format csv");
        CHECK(r.status == 0);
        CHECK(r.err.empty());
        golden(std::string(b.golden) + ".csv", r.out);

        REQUIRE(r.out.rfind(kBom, 0) == 0);
        auto rows = read_csv(r.out.substr(kBom.size()));
        REQUIRE(rows.size() >= 3);
        CHECK(rows[0] == kCsvHeader);
        for (const auto& row : rows) CHECK(row.size() == kCsvHeader.size());

        ScoreSheet s = sheet_of(b);
        auto leaves = leaves_of(s);
        std::map<std::string, std::vector<std::string>> by_path;
        std::size_t leaf_rows = 0;
        for (std::size_t i = 1; i < rows.size(); ++i) {
            const auto& row = rows[i];
            if (row[10].empty() || row[0] == "加分项" || row[0] == "减分项") continue;
            ++leaf_rows;
            by_path[row[10]] = row;
        }
        CHECK(leaf_rows == leaves.size());
        for (const auto* leaf : leaves) {
            std::string path = dotted(leaf->path());
            INFO(path);
            REQUIRE(by_path.count(path));
            const auto& row = by_path[path];
            CHECK(row[4] == leaf->name());  // every bundled ruleset has three levels
            CHECK(row[5] == leaf->weight().to_fixed(2));
            CHECK(row[6] == leaf->explanation());
            CHECK(row[7] == leaf->standard());
            CHECK(row[8] == leaf->score()->to_fixed(2));
            CHECK(row[9] == leaf->basis());
        }
        // The total and the grade close the sheet.
        const auto& total = rows[rows.size() - 2];
        CHECK(total[0] == "总分");
        CHECK(total[1] == "100.00");
        CHECK(total[8] == b.total);
        const auto& grade = rows.back();
        CHECK(grade[0] == "评价等级");
        CHECK(grade[8] == b.grade);
    }
}

TEST_CASE("formats: CSV carries the published scores", "[formats]") {
    Run g = run_pingfen("score rulesets/guangzhou/2022.pf rulesets/guangzhou/2022.example.json -f csv");
    auto rows = read_csv(g.out.substr(kBom.size()));
    bool found = false;
    for (const auto& row : rows)
        if (row.size() == 11 && row[4] == "专项资金支出率") {
            found = true;
            CHECK(row[0] == "履职效能");
            CHECK(row[2] == "专项效能");
            CHECK(row[5] == "5.00");
            CHECK(row[8] == "4.62");
            CHECK(row[10] == "履职效能.专项效能.专项资金支出率");
        }
    CHECK(found);
    CHECK(rows[rows.size() - 2][8] == "94.31");

    Run h = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json -f csv");
    auto hr = read_csv(h.out.substr(kBom.size()));
    CHECK(hr[hr.size() - 2][8] == "96.50");
}

TEST_CASE("formats: CSV quoting, two-level trees, bonus and penalty rows, English headers", "[formats]") {
    ScoreSheet s = edge_sheet();
    std::string csv = sheet_as_csv(s, Language::Chinese);
    REQUIRE(csv.rfind(kBom, 0) == 0);
    // Quotes doubled, the field quoted because of the comma and the quotes.
    CHECK(csv.find(R"(,"两级<叶>&""引号"",逗号",2.00,,,)") != std::string::npos);
    CHECK(csv.find("\r\n") != std::string::npos);
    auto rows = read_csv(csv.substr(kBom.size()));
    REQUIRE(rows.size() == 1 + 4 + 2 + 2);
    // A leaf directly under a level-1 indicator: the 三级指标 cells stay empty.
    CHECK(rows[1] == std::vector<std::string>{"一", "6.00", R"(两级<叶>&"引号",逗号)", "2.00", "", "",
                                              R"(说明含 | 竖线与 *星号* 和 "引号")", "是则得满分，否则不得分", "2.00",
                                              "甲：是，得满分 2 分", R"(一.两级<叶>&"引号",逗号)"});
    CHECK(rows[2][4] == "三甲");
    CHECK(rows[3][8] == "1.50");
    // A level-1 leaf.
    CHECK(rows[4][0] == "独");
    CHECK(rows[4][2].empty());
    CHECK(rows[4][4].empty());
    // Bonus and penalty items, signed.
    CHECK(rows[5][0] == "加分项");
    CHECK(rows[5][2] == "表彰");
    CHECK(rows[5][3] == "3.00");
    CHECK(rows[5][8] == "1.00");
    CHECK(rows[6][0] == "减分项");
    CHECK(rows[6][8] == "-2.00");
    CHECK(rows[7][0] == "总分");
    CHECK(rows[7][1] == "10.00");
    CHECK(rows[7][8] == "8.00");
    CHECK(rows[7][9] == s.total_basis);
    CHECK(rows[8][0] == "评价等级");
    CHECK(rows[8][8] == "良");

    auto en = read_csv(sheet_as_csv(s, Language::English).substr(kBom.size()));
    CHECK(en[0][0] == "Level-1 indicator");
    CHECK(en[0][8] == "Score");
    CHECK(en[0][10] == "Path");
    CHECK(en[5][0] == "Bonus");
    CHECK(en[7][0] == "Total");
}

TEST_CASE("formats: Markdown of every bundled ruleset", "[formats]") {
    for (const auto& b : kBundled) {
        INFO(b.ruleset);
        Run r = run_pingfen(std::string("score ") + b.ruleset + " " + b.data + " --format md");
        CHECK(r.status == 0);
        CHECK(r.err.empty());
        golden(std::string(b.golden) + ".md", r.out);

        ScoreSheet s = sheet_of(b);
        auto leaves = leaves_of(s);
        CHECK(r.out.rfind("# " + s.ruleset, 0) == 0);
        CHECK(r.out.find("| 一级指标 | 分值 | 二级指标 | 分值 | 三级指标 | 分值 | 指标解释 | 评分标准 | 得分 | 评分依据 |") !=
              std::string::npos);
        CHECK(r.out.find(std::string("**总分：") + b.total + "**（满分 100.00）") != std::string::npos);
        CHECK(r.out.find(std::string("**评价等级：") + b.grade + "**") != std::string::npos);
        // One table row per leaf (after the header and the separator), each with ten cells.
        std::size_t table_rows = 0;
        std::istringstream in(r.out);
        std::string line;
        while (std::getline(in, line)) {
            if (line.rfind("| ", 0) != 0) continue;
            ++table_rows;
            CHECK(count(line, " |") == 10);
        }
        CHECK(table_rows == 1 + leaves.size());
        // Merged levels shown once: each level-1 name begins exactly one row.
        for (const auto& top : s.indicators()) CHECK(count(r.out, "\n| " + top.name() + " | ") == 1);
        for (const auto* leaf : leaves) CHECK(r.out.find("| " + leaf->name() + " | ") != std::string::npos);
    }
}

TEST_CASE("formats: Markdown escapes pipes and markup, shows bonus and penalty rows", "[formats]") {
    std::string md = sheet_as_markdown(edge_sheet(), Language::Chinese);
    CHECK(md.find("# 格式&lt;测试&gt;（2024 年度）") != std::string::npos);
    CHECK(md.find("部门：测试局 &amp; &lt;部门&gt;") != std::string::npos);
    CHECK(md.find(R"(| 一 | 6.00 | 两级&lt;叶&gt;&amp;"引号",逗号 | 2.00 |  |  | 说明含 \| 竖线与 \*星号\* 和 "引号" |)") !=
          std::string::npos);
    CHECK(md.find("|  |  | 二 | 4.00 | 三甲 | 2.00 |") != std::string::npos);
    CHECK(md.find("|  |  |  |  | 三乙 | 2.00 |") != std::string::npos);
    CHECK(md.find("| 加分项 |  | 表彰 | 3.00 |") != std::string::npos);
    CHECK(md.find("| +1.00 |") != std::string::npos);
    CHECK(md.find("| −2.00 |") != std::string::npos);
    CHECK(md.find("**总分：8.00**（满分 10.00）") != std::string::npos);
    CHECK(md.find("**评价等级：良**") != std::string::npos);
    std::string en = sheet_as_markdown(edge_sheet(), Language::English);
    CHECK(en.find("| Level-1 indicator | Weight |") != std::string::npos);
    CHECK(en.find("**Total: 8.00** (out of 10.00)") != std::string::npos);
}

TEST_CASE("formats: xlsx of every bundled ruleset, read back with openpyxl", "[formats]") {
    for (const auto& b : kBundled) {
        INFO(b.ruleset);
        fs::path file = fs::temp_directory_path() / (std::string("pingfen_") + b.golden + "_" + std::to_string(::getpid()) + ".xlsx");
        fs::remove(file);
        Run r = run_pingfen(std::string("score ") + b.ruleset + " " + b.data + " --format xlsx -o '" + file.string() + "'");
        CHECK(r.status == 0);
        CHECK(r.out.empty());
        CHECK(r.err.empty());
        REQUIRE(fs::exists(file));
        CHECK(!fs::exists(file.string() + ".tmp"));
        Workbook wb = read_workbook(file);
        fs::remove(file);

        ScoreSheet s = sheet_of(b);
        auto leaves = leaves_of(s);
        // The goal tables' rows, one a line, in an attachment sheet after the two when the
        // ruleset scores goal tables (issue 18).
        REQUIRE(wb.sheets.size() >= 2);
        CHECK(std::vector<std::string>(wb.sheets.begin(), wb.sheets.begin() + 2) == std::vector<std::string>{"自评表", "评分依据"});
        if (wb.sheets.size() > 2) CHECK(wb.sheets[2] == "附表 目标完成情况");
        if (std::string(b.golden) == "huadu_2023") CHECK(wb.sheets.size() == 3);
        // The layout: title, department, ruleset, header, then a row per leaf from row 5.
        REQUIRE(wb.rows.count(4));
        CHECK(wb.rows[1][0] == s.ruleset + "（" + std::to_string(*s.year) + " 年度）");
        CHECK(wb.rows[2][2] == s.department);
        CHECK(wb.rows[4] == std::vector<std::string>{"一级指标", "分值", "二级指标", "分值", "三级指标", "分值", "指标解释",
                                                     "评分标准", "得分", "评分依据"});
        CHECK(wb.merged.count("A1:J1"));
        const int first = 5;
        for (std::size_t i = 0; i < leaves.size(); ++i) {
            const auto& row = wb.rows[first + static_cast<int>(i)];
            INFO(dotted(leaves[i]->path()));
            CHECK(row[4] == escaped(leaves[i]->name()));
            auto weight = number_cell(row[5]);
            REQUIRE(weight.size() == 3);
            CHECK(weight[0] == leaves[i]->weight().to_fixed(2));
            CHECK(weight[1] == "0.00");
            auto score = number_cell(row[8]);
            REQUIRE(score.size() == 3);
            CHECK(score[0] == leaves[i]->score()->to_fixed(2));
            CHECK(score[1] == "0.00");
            CHECK(row[6] == escaped(leaves[i]->explanation()));
            CHECK(row[7] == escaped(leaves[i]->standard()));
            CHECK(row[9] == escaped(leaves[i]->basis()));
        }
        // Merged cells as published: each level-1 and level-2 indicator over its rows.
        int row = first;
        for (const auto& top : s.indicators()) {
            int last = row + static_cast<int>(leaf_count(top)) - 1;
            if (last > row) {
                CHECK(wb.merged.count("A" + std::to_string(row) + ":A" + std::to_string(last)));
                CHECK(wb.merged.count("B" + std::to_string(row) + ":B" + std::to_string(last)));
            }
            CHECK(wb.rows[row][0] == top.name());
            CHECK(number_cell(wb.rows[row][1])[0] == top.weight().to_fixed(2));
            int mid = row;
            for (const auto& second : top.children()) {
                int end = mid + static_cast<int>(leaf_count(second)) - 1;
                if (end > mid) CHECK(wb.merged.count("C" + std::to_string(mid) + ":C" + std::to_string(end)));
                CHECK(wb.rows[mid][2] == second.name());
                mid = end + 1;
            }
            row = last + 1;
        }
        // The total: a number with two decimals, then the grade.
        const auto& total_row = wb.rows[row];
        CHECK(total_row[0] == "总分");
        auto total = number_cell(total_row[8]);
        REQUIRE(total.size() == 3);
        CHECK(total[0] == b.total);
        CHECK(total[1] == "0.00");
        CHECK(wb.rows[row + 1][0] == "评价等级");
        CHECK(wb.rows[row + 1][8] == b.grade);
        if (std::string(b.golden) == "huadu_2023") CHECK(total[2] == "96.5");
        if (std::string(b.golden) == "guangzhou_2022") CHECK(total[2] == "94.31");

        // The second sheet: the basis of every score, by path.
        REQUIRE(wb.basis.size() == 1 + leaves.size() + 1);
        CHECK(wb.basis[0] == std::vector<std::string>{"指标", "分值", "得分", "评分依据"});
        for (std::size_t i = 0; i < leaves.size(); ++i) {
            CHECK(wb.basis[i + 1][0] == escaped(dotted(leaves[i]->path())));
            CHECK(number_cell(wb.basis[i + 1][2])[0] == leaves[i]->score()->to_fixed(2));
            CHECK(wb.basis[i + 1][3] == escaped(leaves[i]->basis()));
        }
        CHECK(wb.basis.back()[0] == "总分");
        CHECK(number_cell(wb.basis.back()[2])[0] == b.total);
    }
}

TEST_CASE("formats: xlsx of a two-level tree with bonus and penalty items", "[formats]") {
    ScoreSheet s = edge_sheet();
    fs::path file = fs::temp_directory_path() / ("pingfen_edge_" + std::to_string(::getpid()) + ".xlsx");
    std::string error;
    REQUIRE(write_sheet_xlsx(s, file.string(), Language::Chinese, &error));
    CHECK(error.empty());
    Workbook wb = read_workbook(file);
    fs::remove(file);
    CHECK(wb.rows[5][2] == R"(两级<叶>&"引号",逗号)");
    CHECK(wb.rows[5][4].empty());  // the missing level stays empty
    CHECK(wb.merged.count("A5:A7"));
    CHECK(wb.merged.count("C6:C7"));
    CHECK(wb.rows[8][0] == "独");
    CHECK(wb.rows[9][0] == "加分项");
    CHECK(number_cell(wb.rows[9][8])[0] == "1.00");
    CHECK(wb.rows[10][0] == "减分项");
    CHECK(number_cell(wb.rows[10][8])[0] == "-2.00");
    CHECK(number_cell(wb.rows[11][8])[0] == "8.00");
    CHECK(wb.rows[12][8] == "良");

    // English headers and sheet names.
    REQUIRE(write_sheet_xlsx(s, file.string(), Language::English, &error));
    Workbook en = read_workbook(file);
    fs::remove(file);
    CHECK(en.sheets == std::vector<std::string>{"Score sheet", "Basis"});
    CHECK(en.rows[4][0] == "Level-1 indicator");
}

TEST_CASE("formats: xlsx needs -o, and a file it cannot write is an error", "[formats]") {
    Run r = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --format xlsx");
    CHECK(r.status == 2);
    CHECK(r.out.empty());
    CHECK(r.err.find("-o") != std::string::npos);
    Run bad = run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --format xlsx -o /no/such/dir/x.xlsx");
    CHECK(bad.status == 1);
    CHECK(bad.err.find("/no/such/dir/x.xlsx") != std::string::npos);
    std::string error;
    CHECK_FALSE(write_sheet_xlsx(edge_sheet(), "/no/such/dir/x.xlsx", Language::English, &error));
    CHECK(error.find("cannot write the file `/no/such/dir/x.xlsx`: No such file or directory") != std::string::npos);
}

TEST_CASE("formats: HTML of every bundled ruleset is complete and self-contained", "[formats]") {
    for (const auto& b : kBundled) {
        INFO(b.ruleset);
        Run r = run_pingfen(std::string("score ") + b.ruleset + " " + b.data + " --format html");
        CHECK(r.status == 0);
        CHECK(r.err.empty());
        const std::string& html = r.out;
        ScoreSheet s = sheet_of(b);
        CHECK(html.rfind("<!DOCTYPE html>", 0) == 0);
        CHECK(html.find("<meta charset=\"utf-8\">") != std::string::npos);
        CHECK(html.find(html_escape(s.department)) != std::string::npos);
        CHECK(html.find(html_escape(s.ruleset)) != std::string::npos);
        CHECK(html.find(std::to_string(*s.year)) != std::string::npos);
        CHECK(html.find(std::string(">") + b.total + "<") != std::string::npos);
        CHECK(html.find(std::string(">") + b.grade + "<") != std::string::npos);
        for (const auto* leaf : leaves_of(s)) {
            INFO(dotted(leaf->path()));
            CHECK(html.find(">" + html_escape(leaf->name()) + "<") != std::string::npos);
            CHECK(html.find(">" + leaf->score()->to_fixed(2)) != std::string::npos);
            CHECK(html.find(html_escape(leaf->basis())) != std::string::npos);
            CHECK(html.find(html_escape(leaf->standard())) != std::string::npos);
        }
        // Self-contained: nothing fetched from anywhere.
        CHECK(html.find("http://") == std::string::npos);
        CHECK(html.find("https://") == std::string::npos);
        CHECK(html.find("<script") == std::string::npos);
        CHECK(html.find("@import") == std::string::npos);
        CHECK(html.find("url(") == std::string::npos);
        CHECK(html.find("<link") == std::string::npos);
        // Well-formed enough: every table, row, cell and section closed.
        CHECK(count(html, "<table") == 1);
        CHECK(count(html, "<table") == count(html, "</table>"));
        CHECK(count(html, "<tr") == count(html, "</tr>"));
        CHECK(count(html, "<td") == count(html, "</td>"));
        CHECK(count(html, "<svg") == 1);
        CHECK(count(html, "</svg>") == 1);
        CHECK(count(html, "<section") == count(html, "</section>"));
        CHECK(html.find("</html>") != std::string::npos);
        // Merged cells as published, and A4 printing.
        CHECK(html.find("rowspan=\"") != std::string::npos);
        CHECK(html.find("@page{size:A4") != std::string::npos);
        CHECK(html.find("@media print") != std::string::npos);
    }
}

TEST_CASE("formats: HTML escapes every text and marks lost points", "[formats]") {
    ScoreSheet s = edge_sheet();
    std::string html = sheet_as_html(s, Language::Chinese);
    CHECK(html.find("<title>格式&lt;测试&gt;（2024 年度）</title>") != std::string::npos);
    CHECK(html.find("测试局 &amp; &lt;部门&gt;") != std::string::npos);
    CHECK(html.find("两级&lt;叶&gt;&amp;&quot;引号&quot;,逗号") != std::string::npos);
    CHECK(html.find("两级<叶>") == std::string::npos);
    CHECK(html.find("<部门>") == std::string::npos);
    CHECK(html.find("失 0.50") != std::string::npos);       // 三乙: 1.50 of 2.00
    CHECK(html.find(">+1.00<") != std::string::npos);      // bonus
    CHECK(html.find(">−2.00<") != std::string::npos);      // penalty
    CHECK(html.find("rowspan=\"3\"") != std::string::npos);  // 一 over its three leaves
    CHECK(html.find("−0.50</tspan>") != std::string::npos);  // the chart shows the lost half point
    std::string en = sheet_as_html(s, Language::English);
    CHECK(en.find("<html lang=\"en\">") != std::string::npos);
    CHECK(en.find("<th>Level-1 indicator</th>") != std::string::npos);
}

TEST_CASE("formats: html, csv and md go to -o, and table and json stay byte for byte", "[formats]") {
    for (const char* f : {"html", "csv", "md"}) {
        INFO(f);
        fs::path out = fs::temp_directory_path() / ("pingfen_formats_out_" + std::to_string(::getpid()) + "." + f);
        fs::remove(out);
        Run r = run_pingfen(std::string("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json -f ") + f + " -o '" +
                        out.string() + "'");
        CHECK(r.status == 0);
        CHECK(r.out.empty());
        CHECK(slurp(out) == run_pingfen(std::string("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json -f ") + f).out);
        fs::remove(out);
    }
    CHECK(run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json").out ==
          slurp(fs::path(PINGFEN_SOURCE_DIR) / "tests/cli/huadu_2023.table.txt"));
    CHECK(run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json -f json").out ==
          slurp(fs::path(PINGFEN_SOURCE_DIR) / "tests/cli/huadu_2023.json"));
    CHECK(run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json -f pdf").status == 2);
}
