// The 评分依据 is written from what evaluation recorded, never by evaluating again: scoring with
// and without an explanation takes the same steps and gives the same numbers, and what
// short-circuiting skipped is said as not evaluated, not as a missing datum.
#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace {

namespace fs = std::filesystem;
using pingfen::ScoreNode;
using pingfen::ScoreOptions;
using pingfen::ScoreResult;

// Every node's score (or "-" when unscored), in sheet order, with the total, grade and codes.
void numbers(std::span<const ScoreNode> nodes, std::string& out) {
    for (const auto& n : nodes) {
        out += n.name() + "=" + (n.score() ? n.score()->to_string() : "-") + ";";
        numbers(n.children(), out);
    }
}

std::string numbers(const ScoreResult& r) {
    std::string out;
    if (!r.sheet) return "no sheet";
    numbers(r.sheet->indicators(), out);
    numbers(r.sheet->adjustments(), out);
    out += "total=" + (r.sheet->total ? r.sheet->total->to_string() : "-") + " grade=" + r.sheet->grade + " codes=";
    for (const auto& d : r.diagnostics) out += d.code + ",";
    return out;
}

// A ruleset with one leaf X of 10 points.
ScoreResult score_leaf(const std::string& inputs, const std::string& rule, const std::string& data, bool explain,
                       pingfen::Language lang = pingfen::Language::Chinese) {
    auto c = pingfen::compile_source("t.pf", "规则集 \"t\" 年度 2023 总分 10\n舍入 叶指标 四舍五入 保留 2 位\n输入 {\n" + inputs + "\n}\n指标 X 10 {\n  " + rule + "\n}\n");
    REQUIRE(c.ok());
    auto d = pingfen::parse_data("d.pf", "数据 \"部门\" 年度 2023 {\n" + data + "\n}\n");
    REQUIRE(d.ok());
    return pingfen::score(*c.ruleset, *d.data, ScoreOptions{.explain = explain, .language = lang});
}

std::string basis_of(const ScoreResult& r) {
    REQUIRE(r.sheet);
    REQUIRE(r.sheet->indicators().size() == 1);
    return r.sheet->indicators()[0].basis();
}

// Every bundled ruleset with its example, the language tests' shared data, and every golden
// ruleset with data beside it.
std::vector<std::pair<std::string, std::string>> bundled_pairs() {
    const fs::path root = PINGFEN_SOURCE_DIR;
    std::vector<std::pair<std::string, std::string>> out;
    for (const auto& dir : fs::directory_iterator(root / "rulesets"))
        for (const auto& f : fs::directory_iterator(dir.path()))
            if (f.path().extension() == ".pf" && fs::exists(fs::path(f.path()).replace_extension(".example.json")))
                out.emplace_back(f.path().string(), fs::path(f.path()).replace_extension(".example.json").string());
    out.emplace_back((root / "tests/lang/patterns.pf").string(), (root / "tests/lang/patterns.data.pf").string());
    // The golden rulesets scored with the data beside them (errors in rules and data included).
    for (const auto& f : fs::recursive_directory_iterator(root / "tests/golden")) {
        const std::string name = f.path().filename().string();
        if (f.path().extension() != ".pf" || name.find(".data.pf") != std::string::npos) continue;
        for (const char* ext : {".json", ".data.pf"})
            if (fs::exists(fs::path(f.path()).replace_extension(ext)))
                out.emplace_back(f.path().string(), fs::path(f.path()).replace_extension(ext).string());
    }
    return out;
}

}  // namespace

TEST_CASE("Explaining does not change evaluation: same steps and numbers on all bundled data", "[explain]") {
    auto pairs = bundled_pairs();
    REQUIRE(pairs.size() > 20);
    int scored = 0;
    for (const auto& [ruleset, data] : pairs) {
        INFO(ruleset << " with " << data);
        auto c = pingfen::compile_file(ruleset);
        auto d = pingfen::load_data_file(data);
        if (ruleset.find("/tests/golden/") == std::string::npos) {
            REQUIRE(c.ok());
            REQUIRE(d.data);
        }
        if (!c.ok() || !d.data) continue;
        ++scored;
        for (auto lang : {pingfen::Language::Chinese, pingfen::Language::English}) {
            ScoreResult plain = pingfen::score(*c.ruleset, *d.data, ScoreOptions{.explain = false, .language = lang});
            ScoreResult explained = pingfen::score(*c.ruleset, *d.data, ScoreOptions{.explain = true, .language = lang});
            CHECK(plain.steps == explained.steps);
            CHECK(numbers(plain) == numbers(explained));
        }
    }
    INFO(scored << " rulesets scored");
    CHECK(scored >= 15);
}

TEST_CASE("Three nested conditional values take the same steps with and without explain", "[explain]") {
    const std::string rule = "得 (若 a > 3 则 (若 a > 2 则 (若 a > 1 则 3 否则 2) 否则 1) 否则 0) 分";
    ScoreResult plain = score_leaf("a 数值", rule, "a = 5", false);
    ScoreResult explained = score_leaf("a 数值", rule, "a = 5", true);
    // Each 若 is one step, its condition two (the comparison and `a`; 3 is a literal), the
    // innermost 3 one: 3 × 3 + 1.
    CHECK(plain.steps == 10);
    CHECK(explained.steps == 10);
    REQUIRE(explained.sheet);
    CHECK(explained.sheet->indicators()[0].score()->to_string() == "3");
    CHECK(basis_of(explained) == "得 3 分");
}

TEST_CASE("Max steps fail alike with and without explain", "[explain]") {
    const std::string rule = "得 (若 a > 3 则 (若 a > 2 则 (若 a > 1 则 3 否则 2) 否则 1) 否则 0) 分";
    auto c = pingfen::compile_source("t.pf", "规则集 \"t\" 年度 2023 总分 10\n舍入 叶指标 四舍五入 保留 2 位\n输入 {\na 数值\n}\n指标 X 10 {\n  " + rule + "\n}\n");
    REQUIRE(c.ok());
    auto d = pingfen::parse_data("d.pf", "数据 \"部门\" 年度 2023 {\na = 5\n}\n");
    for (bool explain : {false, true}) {
        INFO("explain " << explain);
        CHECK(pingfen::score(*c.ruleset, *d.data, ScoreOptions{.explain = explain, .max_steps = 10}).ok());
        CHECK_FALSE(pingfen::score(*c.ruleset, *d.data, ScoreOptions{.explain = explain, .max_steps = 9}).ok());
    }
}

TEST_CASE("A condition short-circuited by 且 says what was not evaluated, not that it is missing", "[explain]") {
    const std::string inputs = "甲 是否\n大 数值";
    const std::string rule = "若 甲 且 大 > 5 则 得满分 否则 不得分";
    ScoreResult r = score_leaf(inputs, rule, "甲 = 否\n大 = 9", true);
    CHECK(basis_of(r) == "甲 且 大 > 5（甲：否；大：未判断），不成立，不得分");
    CHECK(basis_of(score_leaf(inputs, rule, "甲 = 否\n大 = 9", true, pingfen::Language::English)) ==
          "甲 and 大 > 5 (甲: no; 大: not evaluated), does not hold, no points");
    CHECK(basis_of(score_leaf(inputs, rule, "甲 = 是\n大 = 9", true)) == "甲 且 大 > 5（甲：是；大 9），成立，得满分 10 分");
    CHECK(score_leaf(inputs, rule, "甲 = 否\n大 = 9", false).steps == r.steps);
}

TEST_CASE("A condition with 非 names the datum and its value", "[explain]") {
    const std::string inputs = "已公开预决算 是否\n涉密部门 是否";
    CHECK(basis_of(score_leaf(inputs, "若 非 已公开预决算 则 不得分 否则 得满分", "已公开预决算 = 是\n涉密部门 = 否", true)) ==
          "非 已公开预决算（已公开预决算：是），不成立，得满分 10 分");
    CHECK(basis_of(score_leaf(inputs, "若 非 涉密部门 且 非 已公开预决算 则 不得分 否则 得满分",
                              "已公开预决算 = 是\n涉密部门 = 否", true)) ==
          "非 涉密部门 且 非 已公开预决算（涉密部门：否；已公开预决算：是），不成立，得满分 10 分");
}

TEST_CASE("A compound condition of comparisons names each value, not 0 = 0 且 0 = 0", "[explain]") {
    CHECK(basis_of(score_leaf("问题数 数值\n整改数 数值", "若 问题数 = 0 且 整改数 = 0 则 得满分 否则 不得分",
                              "问题数 = 0\n整改数 = 0", true)) ==
          "问题数 = 0 且 整改数 = 0（问题数 0；整改数 0），成立，得满分 10 分");
}

TEST_CASE("A conditional deduction names what it compared", "[explain]") {
    CHECK(basis_of(score_leaf("支出 数值\n预算 数值", "扣分 {\n    若 支出 > 预算 扣 2 分\n  }，扣完为止", "支出 = 12\n预算 = 10", true)) ==
          "支出 > 预算（12 > 10），扣 2 分；共扣 2 分，得 8 分");
}

TEST_CASE("A named value read only in the branch not taken is not explained", "[explain]") {
    const std::string src =
        "规则集 \"t\" 年度 2023 总分 10\n舍入 叶指标 四舍五入 保留 2 位\n输入 {\n甲 是否\n乙 数值\n}\n指标 X 10 {\n  大 = 乙 > 5\n  若 甲 且 大 则 得满分 否则 不得分\n}\n";
    auto c = pingfen::compile_source("t.pf", src);
    REQUIRE(c.ok());
    auto d = pingfen::parse_data("d.pf", "数据 \"部门\" 年度 2023 {\n甲 = 否\n乙 = 9\n}\n");
    REQUIRE(d.ok());
    ScoreResult r = pingfen::score(*c.ruleset, *d.data);
    CHECK(basis_of(r) == "甲 且 大（甲：否；大：未判断），不成立，不得分");
}

// score_leaves() scores through its own paths (a leaf's score alone, a named value defined by
// arithmetic computed by number(), the subject of tiers, proportions and steps read as a number):
// each must count the steps score() counts with and without explain, so that a step limit stops
// all three at the same place.
TEST_CASE("Named values and tiers and parts and steps count alike in score and explained score and score_leaves", "[explain]") {
    auto c = pingfen::compile_source("t.pf", R"(规则集 "t" 年度 2023 总分 50
舍入 叶指标 四舍五入 保留 2 位
输入 {
  a 数值 ≥ 0
  b 数值 > 0
  ok 是否
  n 计数
}
指标 A 10 {
  比率 = a / (b + 1)
  按 比率 分档 {
    ≤ 10%        得满分
    (10%, 50%]   得 分值 × 50% 分
    > 50%        不得分
  }
}
指标 B 10 {
  半 = 分值 × 50%
  分项 {
    甲 40% { 若 ok 且 a > 1 则 得 半 分 否则 不得分 }
    乙 60% { 若 非 ok 则 不得分 否则 得 半 分 }
  }
}
指标 C 10 {
  比率 = a / (b + 1)
  按 比率 比例计分，封顶 100%
}
指标 D 10 {
  控制率 = (a - b) / b
  若 控制率 ≤ 0 则 得满分
  否则 按 控制率 每增加 5%（含） 扣 0.5 分，不足一档按一档计，扣完为止
}
指标 E 10 {
  扣分 {
    n 每项 扣 1 分
    若 非 ok 扣 2 分
  }，扣完为止
}
)");
    REQUIRE(c.ok());
    for (const char* data : {"a = 2\nb = 9\nok = 是\nn = 1", "a = 30\nb = 9\nok = 否\nn = 0", "a = 12\nb = 10\nok = 是\nn = 2"}) {
        INFO(data);
        auto d = pingfen::parse_data("d.pf", std::string("数据 \"部门\" 年度 2023 {\n") + data + "\n}\n");
        REQUIRE(d.ok());
        const ScoreResult plain = pingfen::score(*c.ruleset, *d.data, ScoreOptions{.explain = false});
        const ScoreResult explained = pingfen::score(*c.ruleset, *d.data, ScoreOptions{.explain = true});
        REQUIRE(plain.ok());
        CHECK(plain.steps == explained.steps);
        CHECK(numbers(plain) == numbers(explained));
        auto leaves_of = [](const pingfen::LeafScores& l) {
            std::string out;
            for (const auto& v : l.leaves) out += (v ? v->to_string() : "-") + ";";
            return out + "total=" + (l.total ? l.total->to_string() : "-") + " ok=" + (l.ok() ? "1" : "0");
        };
        auto sheet_leaves = [](const ScoreResult& r) {
            std::string out;
            for (const auto& top : r.sheet->indicators()) out += (top.score() ? top.score()->to_string() : "-") + ";";
            return out + "total=" + (r.sheet->total ? r.sheet->total->to_string() : "-") + " ok=" + (r.ok() ? "1" : "0");
        };
        CHECK(leaves_of(pingfen::score_leaves(*c.ruleset, *d.data)) == sheet_leaves(plain));
        // Every step limit up to the steps needed fails at the same leaf each way.
        for (std::uint64_t max = 1; max <= plain.steps + 1; ++max) {
            INFO("max steps " << max);
            const ScoreResult p = pingfen::score(*c.ruleset, *d.data, ScoreOptions{.explain = false, .max_steps = max});
            const ScoreResult e = pingfen::score(*c.ruleset, *d.data, ScoreOptions{.explain = true, .max_steps = max});
            CHECK(numbers(p) == numbers(e));
            CHECK(leaves_of(pingfen::score_leaves(*c.ruleset, *d.data, ScoreOptions{.max_steps = max})) == sheet_leaves(p));
            CHECK(p.ok() == (max >= plain.steps));
        }
    }
}
