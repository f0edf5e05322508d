// Hostile input: 100 000-deep nesting in every form, a 10 MB rule file, a 100 000-term
// expression. Each must end in a clear error with a location, never a crash or a hang.
#include <catch2/catch.hpp>

#include "front/parse.hpp"
#include "pingfen/pingfen.hpp"
#include "support.hpp"

using namespace pingfen;

namespace {

std::string header() { return "规则集 \"极限\" 年度 2024 总分 1\n舍入 叶指标 四舍五入 保留 2 位\n"; }

std::string repeat(const std::string& s, int n) {
    std::string out;
    out.reserve(s.size() * static_cast<std::size_t>(n));
    for (int i = 0; i < n; ++i) out += s;
    return out;
}

const Diagnostic* first_error(const std::vector<Diagnostic>& ds) {
    for (const auto& d : ds)
        if (d.severity == Severity::Error) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("limits: 100 000 nested parentheses", "[limits]") {
    std::string deep = repeat("(", 100000) + "1" + repeat(")", 100000);
    ExpressionResult e = evaluate_expression(deep);
    CHECK_FALSE(e.value);
    const Diagnostic* d = first_error(e.diagnostics);
    REQUIRE(d);
    CHECK(d->code == "E0006");
    CHECK(d->line == 1);
    CompileResult c = compile_source("deep.pf", header() + "指标 甲 1 { 得 " + deep + " 分 }\n");
    REQUIRE_FALSE(c.ok());
    CHECK(first_error(c.diagnostics)->code == "E0006");
}

TEST_CASE("limits: 100 000 nested indicators, conditions and signs", "[limits]") {
    for (const auto& [what, text] : std::vector<std::pair<std::string, std::string>>{
             {"indicators", repeat("指标 甲 1 { ", 100000) + "得满分" + repeat(" }", 100000)},
             {"if chains", "指标 甲 1 { " + repeat("若 是 则 得满分 否则 ", 100000) + "不得分 }"},
             {"minus signs", "指标 甲 1 { 得 " + repeat("- ", 100000) + "1 分 }"},
             {"not", "指标 甲 1 { 若 " + repeat("非 ", 100000) + "是 则 得满分 否则 不得分 }"},
         }) {
        INFO(what);
        CompileResult c = compile_source("deep.pf", header() + text + "\n");
        REQUIRE_FALSE(c.ok());
        const Diagnostic* d = first_error(c.diagnostics);
        REQUIRE(d);
        CHECK(d->code == "E0006");
        CHECK(d->line == 3);
        // The message shows a window of the line, not all 100 000 tokens of it.
        CHECK(render(*d).size() < 1200);
    }
}

TEST_CASE("limits: a 100 000-term expression", "[limits]") {
    CompileResult c = compile_source("long.pf", header() + "指标 甲 1 { 得 " + repeat("1 + ", 100000) + "0 分 }\n");
    REQUIRE_FALSE(c.ok());
    const Diagnostic* d = first_error(c.diagnostics);
    REQUIRE(d);
    CHECK(d->code == "E0006");
    CHECK(d->message_zh.find("表达式过长") != std::string::npos);
}

TEST_CASE("limits: a 10 MB rule file, and a host's own limit", "[limits]") {
    std::string big = header() + repeat("# " + repeat("注释", 40) + "\n", 45000) + "指标 甲 1 { 得满分 }\n";
    REQUIRE(big.size() > 10u * 1000 * 1000);
    CompileResult c = compile_source("big.pf", big);
    REQUIRE_FALSE(c.ok());
    const Diagnostic* d = first_error(c.diagnostics);
    REQUIRE(d);
    CHECK(d->code == "E0004");
    CHECK(d->message_zh.find("文件过大") != std::string::npos);

    CompileOptions tight;
    tight.max_source_bytes = 100;
    CompileResult small = compile_source("small.pf", header() + "指标 甲 1 { 得满分 }\n", tight);
    REQUIRE_FALSE(small.ok());
    CHECK(first_error(small.diagnostics)->code == "E0004");

    CompileOptions shallow;
    shallow.max_nesting = 3;
    CompileResult nested = compile_source("n.pf", header() + "指标 甲 1 { 得 ((((1)))) 分 }\n", shallow);
    REQUIRE_FALSE(nested.ok());
    CHECK(first_error(nested.diagnostics)->code == "E0006");
}

TEST_CASE("limits: a line of a million unclosed quotes", "[limits]") {
    // Each “ looked for its ” to the end of the line: a million of them took hours. And each
    // stray character was a token before the first was checked: the checks now stop lexing at
    // their twenty-first error.
    CompileResult c = compile_source("quotes.pf", header() + repeat("“", 1000000) + "\n");
    REQUIRE_FALSE(c.ok());
    REQUIRE(c.diagnostics.size() == 21);
    for (int i = 0; i < 21; ++i) {
        CHECK(c.diagnostics[static_cast<std::size_t>(i)].code == "E0003");
        CHECK(c.diagnostics[static_cast<std::size_t>(i)].line == 3);
        CHECK(c.diagnostics[static_cast<std::size_t>(i)].column == i + 1);
    }
}

TEST_CASE("limits: a name a million characters long, and a million names", "[limits]") {
    // 若若若…: a name tried as keywords typed together, each of its tails in turn (hours).
    CompileResult run = compile_source("run.pf", header() + "指标 甲 1 { 得满分 }\n" + repeat("若", 1000000) + "\n");
    REQUIRE_FALSE(run.ok());
    REQUIRE(first_error(run.diagnostics));
    CHECK(first_error(run.diagnostics)->code == "E0001");
    CHECK(first_error(run.diagnostics)->message_zh == "此处应为 `=`，却遇到 文件结尾");  // a name, then no value
    // 900 000 names: the first syntax error ends the parse (ANTLR's recovery went on through
    // all of them, a tree node each: 2 GB).
    CompileResult names = compile_source("names.pf", header() + repeat("甲 ", 900000) + "\n");
    REQUIRE_FALSE(names.ok());
    REQUIRE(names.diagnostics.size() == 1);
    CHECK(names.diagnostics[0].code == "E0001");
    CHECK(names.diagnostics[0].line == 3);
    CHECK(names.diagnostics[0].column == 3);
    CHECK(names.diagnostics[0].message_zh == "此处应为 `=`，却遇到 `甲`");
    // More than a million words, numbers and signs: refused before parsing, as too large a file is.
    CompileResult many = compile_source("many.pf", header() + repeat("1 ", 1100000) + "\n");
    REQUIRE_FALSE(many.ok());
    REQUIRE(first_error(many.diagnostics));
    CHECK(first_error(many.diagnostics)->code == "E0004");
    CHECK(first_error(many.diagnostics)->message_zh == "文件过大：词语、数字和符号超过上限 1000000 个");
    CHECK(first_error(many.diagnostics)->message_en == "file too large: more than the limit of 1000000 words, numbers and signs");
}

TEST_CASE("limits: the token limit is exact, and counts no spaces, comments or end of file", "[limits]") {
    // (The end once was counted, and spaces halved the limit that the message states.) A limit of
    // 10, as a host may set, keeps the test small.
    const auto code_of_first_error = [](const std::string& text) {
        front::ParseLimits limits;
        limits.max_tokens = 10;
        DiagnosticSink sink;
        front::parse_module(std::make_shared<const SourceFile>("edge.pf", text), limits, sink);
        for (const auto& d : sink.take_unsorted())
            if (d.severity == Severity::Error) return d.code;
        return std::string();
    };
    CHECK(code_of_first_error(repeat("1 ", 10)) != "E0004");
    CHECK(code_of_first_error(repeat("1 # 注\n", 9) + "1") != "E0004");
    CHECK(code_of_first_error(repeat("1 ", 11)) == "E0004");
}

TEST_CASE("limits: a flat run of over 400 terms is too long, not nested", "[limits]") {
    std::string sum = "1";
    for (int i = 0; i < 450; ++i) sum += " + 1";
    CompileResult c = compile_source("sum.pf", header() + "甲 = " + sum + "\n");
    REQUIRE(first_error(c.diagnostics));
    CHECK(first_error(c.diagnostics)->code == "E0006");
    CHECK(first_error(c.diagnostics)->message_zh == "表达式过长：一串运算超过 400 个（或嵌套过深），请拆成几个命名值");
    pingfen::test::Run eval = pingfen::test::run_pingfen("eval '" + sum + "'");
    CHECK(eval.status == 1);
    CHECK(eval.err.find("错误[E0006]：表达式过长：一串运算超过 400 个") != std::string::npos);
}

TEST_CASE("limits: bytes that are not UTF-8, and NUL bytes", "[limits]") {
    CompileResult c = compile_source("bad.pf", header() + "指标 甲 1 { \xff\xfe 得满分 }\n");
    REQUIRE_FALSE(c.ok());
    CHECK(first_error(c.diagnostics)->code == "E0005");
    CompileResult z = compile_source("nul.pf", header() + std::string("指标 甲 1 { \0 得满分 }\n", 26));
    REQUIRE_FALSE(z.ok());
}

TEST_CASE("limits: overlong UTF-8 and surrogates are reported, not thrown (fuzzer finding)", "[limits]") {
    // E0 88 8D is an overlong form that valid-looking UTF-8 checks let through and ANTLR's
    // decoder throws on; ED A0 80 is a surrogate.
    for (const std::string& bytes : {std::string("\xe0\x88\x8d"), std::string("\xed\xa0\x80"), header() + "\xf4\x90\x80\x80"}) {
        CompileResult c = compile_source("bad.pf", bytes);
        REQUIRE_FALSE(c.ok());
        CHECK(first_error(c.diagnostics)->code == "E0005");
        ExpressionResult e = evaluate_expression(bytes);
        CHECK_FALSE(e.value);
    }
}

// Evaluation has no loops, but a host still bounds its cost: a list of 5 000 months read by
// 封顶平均 costs 5 000 steps, so a budget of 1 000 stops it with one E0502, and the indicator
// before it is still scored.
TEST_CASE("limits: the host's evaluation step budget", "[limits]") {
    CompileResult c = compile_source("steps.pf", header() + R"(输入 { 执行率 百分比 [0, 100%]  月度执行率 列表(百分比) }
指标 甲 0.5 { 按 执行率 比例计分，封顶 100% }
指标 乙 0.5 { 按 封顶平均(月度执行率, 100%) 比例计分，封顶 100% }
)");
    REQUIRE(c.ok());
    std::string months;
    for (int i = 0; i < 5000; ++i) months += (i ? ", " : "") + std::string("\"90%\"");
    DataResult d = parse_data("d.json", R"({"部门": "甲", "年度": 2024, "数据": {"执行率": "80%", "月度执行率": [)" + months + "]}}");
    REQUIRE(d.ok());

    ScoreResult unbounded = score(*c.ruleset, *d.data);
    REQUIRE(unbounded.ok());
    CHECK(unbounded.sheet->total->to_fixed(2) == "0.85");

    ScoreResult bounded = score(*c.ruleset, *d.data, ScoreOptions{.max_steps = 1000});
    REQUIRE(bounded.sheet);
    REQUIRE(bounded.diagnostics.size() == 1);
    CHECK(bounded.diagnostics[0].code == "E0502");
    CHECK(bounded.diagnostics[0].line == 5);
    CHECK(bounded.diagnostics[0].message_zh.find("1000") != std::string::npos);
    CHECK(bounded.sheet->indicators()[0].score()->to_fixed(2) == "0.40");
    CHECK_FALSE(bounded.sheet->indicators()[1].score());
    CHECK(bounded.sheet->indicators()[1].basis() == "未评分：计算步数达到上限");
    CHECK_FALSE(bounded.sheet->total);

    // In English too, with the same one report.
    ScoreResult en = score(*c.ruleset, *d.data, ScoreOptions{.language = Language::English, .max_steps = 1000});
    REQUIRE(en.diagnostics.size() == 1);
    CHECK(en.sheet->indicators()[1].basis() == "not scored: the evaluation step limit was reached");
}

TEST_CASE("limits: the bundled rulesets score well inside the default step budget", "[limits]") {
    for (const char* year : {"guangzhou/2022", "huadu/2023", "haizhu/2023", "conghua/2024"}) {
        INFO(year);
        CompileResult c = compile_file(std::string(PINGFEN_SOURCE_DIR "/rulesets/") + year + ".pf");
        REQUIRE(c.ok());
        DataResult d = load_data_file(std::string(PINGFEN_SOURCE_DIR "/rulesets/") + year + ".example.json");
        REQUIRE(d.ok());
        CHECK(score(*c.ruleset, *d.data, ScoreOptions{.max_steps = 2000}).ok());
    }
}

// The checker's step bound is per leaf: a large, plain ruleset (2,000 leaves, each a sum of
// 40 terms, about 120 steps) must compile, however many steps its leaves take together.
TEST_CASE("limits: the checker's step bound is per leaf, not per ruleset", "[limits]") {
    const int n = 2000;
    std::string sum = "率 × 1";
    for (int k = 2; k <= 40; ++k) sum += " + 率 × " + std::to_string(k);
    std::string text = "规则集 \"大体系\" 年度 2024 总分 " + std::to_string(n) + "\n舍入 叶指标 四舍五入 保留 2 位\n输入 { 率 百分比 [0, 100%] }\n";
    for (int i = 0; i < n; ++i)
        text += "指标 \"项" + std::to_string(i) + "\" 1 { 甲 = (" + sum + ") / 820  按 甲 分档 { ≤ 50% 得 0.5 分  > 50% 得满分 } }\n";
    CompileResult c = compile_source("big.pf", text);
    INFO((c.diagnostics.empty() ? std::string() : render(c.diagnostics.front())));
    CHECK(c.ok());
}
