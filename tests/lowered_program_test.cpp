// The lowered program (lower/program.hpp, issue 14 item 1): a plain score runs it, an explained
// score walks the AST, and the two agree in numbers, errors and steps; where the program gives
// a leaf up (an error the AST walk reports), what it cached and counted is undone first.
#include <catch2/catch.hpp>

#include <string>

#include "lower/input_frame.hpp"
#include "lower/program.hpp"
#include "pingfen/pingfen.hpp"
#include "sema/ruleset.hpp"

namespace {

using pingfen::ScoreOptions;
using pingfen::ScoreResult;

std::shared_ptr<const pingfen::Ruleset> compiled(const std::string& text) {
    auto c = pingfen::compile_source("t.pf", text);
    INFO((c.diagnostics.empty() ? std::string() : c.diagnostics[0].message_zh));
    REQUIRE(c.ok());
    return c.ruleset;
}

std::shared_ptr<const pingfen::DepartmentData> data(const std::string& entries) {
    auto d = pingfen::parse_data("d.pf", "数据 \"部门\" 年度 2023 {\n" + entries + "\n}\n");
    REQUIRE(d.ok());
    return d.data;
}

// Leaf scores ("-" unscored) and every diagnostic's code and message, in sheet order.
std::string outcome(const ScoreResult& r) {
    std::string out;
    REQUIRE(r.sheet);
    for (const auto& top : r.sheet->indicators()) {
        out += top.name() + "=" + (top.score() ? top.score()->to_string() : "-") + ";";
        for (const auto& c : top.children()) out += c.name() + "=" + (c.score() ? c.score()->to_string() : "-") + ";";
    }
    for (const auto& d : r.diagnostics) out += " " + d.code + " " + d.message_zh;
    return out;
}

const char* const kHeader = "规则集 \"t\" 年度 2023 总分 4\n舍入 叶指标 四舍五入 保留 2 位\n";

}  // namespace

TEST_CASE("A leaf the program gives up is scored by the AST walk with the named values it cached undone", "[program]") {
    // 比 is computed by the program for 一, whose assessor's score is out of its range: the
    // program gives 一 up, and the AST walk computes 比 again, as a plain AST walk would have
    // (had the cached 比 been kept, 一 would take 4 steps fewer and 二 would start elsewhere).
    auto r = compiled(std::string(kHeader) + R"(输入 {
  甲 数值
  乙 数值 > 0
  丙 数值
  说明 文本
}
指标 总 4 {
  比 = 甲 / 乙
  指标 一 2 { 若 比 > 1 则 酌情得 丙 分 [0, 1)，理由 说明 否则 得满分 }
  指标 二 2 { 若 比 > 2 则 得满分 否则 不得分 }
}
)");
    auto d = data("甲 = 6\n乙 = 2\n丙 = 5\n说明 = \"材料不全\"");
    const ScoreResult plain = pingfen::score(*r, *d, ScoreOptions{.explain = false});
    const ScoreResult explained = pingfen::score(*r, *d, ScoreOptions{.explain = true});
    CHECK(outcome(plain) == outcome(explained));
    INFO(outcome(plain));
    CHECK(outcome(plain).find("一=-;二=2") != std::string::npos);  // 比 = 3 > 2: 二 scores its 2 points
    CHECK(plain.steps == explained.steps);
    // Every step budget stops both ways at the same place, with the same words.
    for (std::uint64_t max = 1; max <= plain.steps + 1; ++max) {
        INFO("max steps " << max);
        const ScoreResult p = pingfen::score(*r, *d, ScoreOptions{.explain = false, .max_steps = max});
        const ScoreResult e = pingfen::score(*r, *d, ScoreOptions{.explain = true, .max_steps = max});
        CHECK(outcome(p) == outcome(e));
        CHECK(p.steps == e.steps);
    }
}

TEST_CASE("huadu 2023's leaves are lowered, goal tables included: no rule is left to the AST walk", "[program]") {
    auto c = pingfen::compile_file(std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.pf");
    REQUIRE(c.ok());
    const pingfen::Ruleset& r = *c.ruleset;
    REQUIRE(r.program);
    const pingfen::lower::Program& p = *r.program;
    int leaves = 0, by_ast = 0, goal_tables = 0;
    for (std::size_t i = 0; i < r.indicators.size(); ++i) {
        const pingfen::ast::Indicator* ind = r.indicators[i];
        if (!ind->scoring || ind->role != pingfen::ast::Indicator::Role::Indicator) continue;
        ++leaves;
        REQUIRE(p.leaf_rule[i] != pingfen::lower::kNone);
        goal_tables += p.rules[p.leaf_rule[i]].kind == pingfen::lower::Rule::Kind::Completion;
    }
    for (const auto& rule : p.rules) by_ast += rule.kind == pingfen::lower::Rule::Kind::Ast;
    CHECK(leaves == 26);
    CHECK(goal_tables == 2);
    CHECK(by_ast == 0);
    // Nor any expression: 封顶平均(月度执行率, 100%) is a Call of the program, the reasons and the goal tables Slots.
    int expressions_by_ast = 0, calls = 0;
    for (const auto& n : p.nodes) {
        using Op = pingfen::lower::Node::Op;
        expressions_by_ast += n.op == Op::AstNumber || n.op == Op::AstCondition || n.op == Op::AstValue;
        calls += n.op == Op::Call;
    }
    CHECK(expressions_by_ast == 0);
    CHECK(calls == 1);
}

TEST_CASE("The program reads numbers and yes/no from the packed copy of the data, and hands what it cannot read to the AST walk", "[program]") {
    auto r = compiled(std::string(kHeader) + R"(输入 {
  甲 数值
  乙 是否
  丙 数值
}
指标 总 4 {
  指标 一 2 { 若 乙 且 甲 > 1 则 得满分 否则 不得分 }
  指标 二 2 { 若 丙 > 1 则 得满分 否则 不得分 }
}
)");
    const auto& program = *r->program;
    REQUIRE(program.number_inputs.size() == 2);  // 甲 and 丙, each packed once
    REQUIRE(program.bool_inputs.size() == 1);

    // The packed copy: a number, yes/no as 0 or 1, and what cannot be read as NaN or 2.
    std::vector<pingfen::Value> given(static_cast<std::size_t>(r->slot_count));
    given[program.number_inputs[0]] = pingfen::Value::of(*pingfen::Decimal::parse("1.5"));
    given[program.bool_inputs[0]] = pingfen::Value::of_bool(true);
    pingfen::lower::InputFrame frame;
    pingfen::lower::fill_input_frame(program, given, frame);
    CHECK(frame.numbers[0].identical(*pingfen::Decimal::parse("1.5")));
    CHECK_FALSE(frame.numbers[1].is_finite());  // 丙 not given
    CHECK(frame.bools[0] == 1);
    given[program.bool_inputs[0]] = pingfen::Value::of(*pingfen::Decimal::parse("1"));  // a number where yes/no is read
    pingfen::lower::fill_input_frame(program, given, frame);
    CHECK(frame.bools[0] == 2);

    // Scored plain (the program, from the packed copy), explained (the AST walk) and bound once:
    // the same scores, diagnostics and steps, whether a datum is there, missing or ill-typed.
    const char* const cases[][2] = {
        {"甲 = 1.5\n乙 = 是\n丙 = 2", "一=2;二=2;"},
        {"甲 = 1.5\n乙 = 否\n丙 = 2", "一=0;二=2;"},
        {"乙 = 是\n丙 = 2", "一=-;二=2; E0401"},        // 甲 missing: 一 is not scored
        {"甲 = 1.5\n乙 = 是", "一=2;二=-; E0401"},      // 丙 missing
        {"甲 = 1.5\n乙 = 1\n丙 = 2", "一=-;二=2; E0402"},  // 乙 a number: not yes/no
        {"甲 = \"多\"\n乙 = 是\n丙 = 2", "一=-;二=2; E0402"},  // 甲 a text
    };
    for (const auto& [entries, expected] : cases) {
        INFO(entries);
        auto d = data(entries);
        const ScoreResult plain = pingfen::score(*r, *d, ScoreOptions{.explain = false});
        const ScoreResult explained = pingfen::score(*r, *d, ScoreOptions{.explain = true});
        const ScoreResult bound = pingfen::score(*r, *pingfen::bind_data(*r, d), ScoreOptions{.explain = false});
        INFO(outcome(plain));
        CHECK(outcome(plain).find(expected) != std::string::npos);
        CHECK(outcome(plain) == outcome(explained));
        CHECK(outcome(plain) == outcome(bound));
        CHECK(plain.steps == explained.steps);
        CHECK(plain.steps == bound.steps);
    }
}

TEST_CASE("A leaf's constant results are rounded when lowered, as scoring rounds them, scale and all", "[program]") {
    // 得 1.255 分 rounds to 1.26 (the value changes), 得满分 to 2.00 and 不得分 to 0.00 (the scale
    // changes): the program takes them from the table made when lowering; the AST walk rounds
    // each time. Both must give the same decimal, encoding included.
    auto r = compiled(std::string(kHeader) + R"(输入 {
  甲 数值
}
指标 总 4 {
  指标 一 2 {
    按 甲 分档 {
      ≤ 1      得 1.255 分
      (1, 2]   得满分
      > 2      不得分
    }
  }
  指标 二 2 {
    按 甲 分档 {
      ≤ 1      得 0.5 分
      > 1      得 1.2349 分
    }
  }
}
)");
    const auto& table = r->program->rounded;
    auto rounded = [&](const char* raw) {
        for (const auto& x : table)
            if (x.raw.identical(*pingfen::Decimal::parse(raw))) return x.rounded.to_plain();
        return std::string("(none)");
    };
    CHECK(rounded("1.255") == "1.26");
    CHECK(rounded("2") == "2.00");
    CHECK(rounded("1.2349") == "1.23");
    CHECK(rounded("0.5") == "0.50");
    for (const char* a : {"0.5", "1", "1.5", "2", "3"}) {
        INFO("甲 = " << a);
        auto d = data(std::string("甲 = ") + a);
        const ScoreResult plain = pingfen::score(*r, *d, ScoreOptions{.explain = false});
        const ScoreResult explained = pingfen::score(*r, *d, ScoreOptions{.explain = true});
        const pingfen::LeafScores leaves = pingfen::score_leaves(*r, *d);
        REQUIRE(leaves.leaves.size() == 2);
        REQUIRE(plain.sheet);
        REQUIRE(explained.sheet);
        const auto& p = plain.sheet->indicators()[0].children();
        const auto& e = explained.sheet->indicators()[0].children();
        for (std::size_t k = 0; k < 2; ++k) {
            REQUIRE(p[k].score());
            REQUIRE(e[k].score());
            REQUIRE(leaves.leaves[k]);
            CHECK(p[k].score()->to_plain() == e[k].score()->to_plain());
            CHECK(leaves.leaves[k]->to_plain() == e[k].score()->to_plain());
        }
        const std::string first = p[0].score()->to_plain(), second = p[1].score()->to_plain();
        const std::string expected = std::string(a) == "0.5" || std::string(a) == "1" ? "1.26 0.50"
                                     : std::string(a) == "3"                          ? "0.00 1.23"
                                                                                      : "2.00 1.23";
        CHECK(first + " " + second == expected);
    }
}
