// A goal table's 目标 as staff type it: spaces around the sign, full-width digits and the words
// of a standard (不低于800, 800以上, 不超过5%) read as the number they mean; a target with a
// number that still does not read (≥800家, ＞800, 约800) is E0411. It used to be compared as words
// with the actual 812, never met, and the row's 2 points were lost without a word.
#include <catch2/catch.hpp>

#include <string>

#include "pingfen/pingfen.hpp"
#include "support.hpp"

namespace {

const std::string kHuadu = std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.pf";

// huadu's example with the second output goal's target (≥800, actual 812, 2 points) written as `target`.
pingfen::ScoreResult with_target(const pingfen::Ruleset& r, const std::string& target, const std::string& actual = "812") {
    std::string json = pingfen::test::slurp(std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.example.json");
    const std::string was = "\"目标\": \"≥800\"";
    REQUIRE(json.find(was) != std::string::npos);
    json.replace(json.find(was), was.size(), "\"目标\": \"" + target + "\"");
    const std::string actual_was = "\"实际\": 812,";
    REQUIRE(json.find(actual_was) != std::string::npos);
    json.replace(json.find(actual_was), actual_was.size(), "\"实际\": \"" + actual + "\",");
    auto data = pingfen::parse_data("d.json", json);
    REQUIRE(data.data);
    return pingfen::score(r, *data.data);
}

std::string output_goals(const pingfen::ScoreResult& s) {
    const auto& top = s.sheet->indicators()[0].children()[0].children()[0];  // 履职效能 › 整体效能 › 产出
    return top.score() ? top.score()->to_string() : "-";
}

}  // namespace

TEST_CASE("goal targets typed with spaces, full-width digits or a standard's words read as numbers") {
    auto compiled = pingfen::compile_file(kHuadu);
    REQUIRE(compiled.ruleset);
    for (const char* t : {"≥800", "≥ 800", " ≥800 ", "≥８００", "＞＝800", "不低于800", "不少于 800", "800以上", "800 以上"}) {
        INFO(t);
        auto s = with_target(*compiled.ruleset, t);
        CHECK(s.diagnostics.empty());
        CHECK(output_goals(s) == "19.5");  // as published: 812 ≥ 800 meets the row's 2 points
    }
    // ≤ forms: 812 against at most 900 is met too (900 / 812 > 100%).
    for (const char* t : {"不超过900", "≤ 900", "900以内", "900以下"}) {
        INFO(t);
        auto s = with_target(*compiled.ruleset, t);
        CHECK(s.diagnostics.empty());
        CHECK(output_goals(s) == "19.5");
    }
}

TEST_CASE("a goal target with a number that does not read as one is E0411, not a row silently unmet") {
    auto compiled = pingfen::compile_file(kHuadu);
    REQUIRE(compiled.ruleset);
    for (const char* t : {"≥800家", "＞800", "约800", "800-900"}) {
        INFO(t);
        auto s = with_target(*compiled.ruleset, t);
        REQUIRE_FALSE(s.diagnostics.empty());
        CHECK(s.diagnostics.front().code == "E0411");
        CHECK(s.diagnostics.front().message_zh.find(std::string("第 2 行：目标“") + t + "”含数字，却读不成数值目标") !=
              std::string::npos);
        CHECK(output_goals(s) == "-");
    }
}

TEST_CASE("a goal's actual value typed with a space before it or full-width digits reads as the number") {
    auto compiled = pingfen::compile_file(kHuadu);
    REQUIRE(compiled.ruleset);
    for (const char* a : {"812", " 812", "８１２", "812 "}) {
        INFO(a);
        auto s = with_target(*compiled.ruleset, "≥800", a);
        CHECK(s.diagnostics.empty());
        CHECK(output_goals(s) == "19.5");
    }
    auto s = with_target(*compiled.ruleset, "≥800", "812家");  // a unit word: not a number, said so
    REQUIRE_FALSE(s.diagnostics.empty());
    CHECK(s.diagnostics.front().message_zh.find("实际值“812家”却不是") != std::string::npos);
}

TEST_CASE("a goal's 方向 reads the words staff use, and any other is E0411, not scored as 越高越好") {
    auto compiled = pingfen::compile_file(kHuadu);
    REQUIRE(compiled.ruleset);
    // The first output goal: target 785, actual 588.75, 2 points; 75% of it when higher is better,
    // full marks (at most 785, and 588.75 is under it) when lower is.
    auto with_direction = [&](const std::string& direction) {
        std::string json = pingfen::test::slurp(std::string(PINGFEN_SOURCE_DIR) + "/rulesets/huadu/2023.example.json");
        const std::string row = "\"目标\": 785,";
        REQUIRE(json.find(row) != std::string::npos);
        json.replace(json.find(row), row.size(), row + " \"方向\": " + direction + ",");
        auto data = pingfen::parse_data("d.json", json);
        REQUIRE(data.data);
        return pingfen::score(*compiled.ruleset, *data.data);
    };
    for (const char* lower : {"\"越低越好\"", "\"越小越好\"", "\"反向\"", "\"逆向指标\"", "\" 越低越好 \"", "\"lower\""}) {
        INFO(lower);
        auto s = with_direction(lower);
        CHECK(s.diagnostics.empty());
        CHECK(output_goals(s) == "20");
    }
    for (const char* higher : {"\"越高越好\"", "\"正向\"", "\"\""}) {
        INFO(higher);
        auto s = with_direction(higher);
        CHECK(s.diagnostics.empty());
        CHECK(output_goals(s) == "19.5");
    }
    for (const char* other : {"\"xyz\"", "\"低\"", "true", "1"}) {
        INFO(other);
        auto s = with_direction(other);
        REQUIRE_FALSE(s.diagnostics.empty());
        CHECK(s.diagnostics.front().code == "E0411");
        CHECK(s.diagnostics.front().message_zh.find("应为 越高越好 或 越低越好（也可写 正向、反向）") != std::string::npos);
        CHECK(output_goals(s) == "-");
    }
}
