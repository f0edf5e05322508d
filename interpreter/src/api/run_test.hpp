// One 测试 block, for callers inside the library that need more than pass or fail: coverage
// keeps what each rule decided, the generator scores data it built, mutation testing reruns.
#pragma once

#include <optional>
#include <string>

#include "ast/ast.hpp"
#include "data/department.hpp"
#include "eval/choice.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::api {

// The data a test is scored on: its given files in order, then its inline values over them;
// nullopt, with the failure added to `out`, when a given file cannot be read.
std::optional<DepartmentData> test_data(const ast::TestCase& tc, const std::string& file, Language lang, TestOutcome& out);

// The node at `path` (names from the top) among `nodes`; null when there is none.
const ScoreNode* find_node(std::span<const ScoreNode> nodes, const std::vector<std::string>& path, std::size_t depth = 0);

// Runs one test. With `choices`, what each rule decided is kept by indicator (coverage); with
// `sheet`, the sheet it was scored to.
TestOutcome run_test_case(const Ruleset& r, const ast::TestCase& tc, const std::string& file, Language lang,
                          eval::ChoicesByIndicator* choices = nullptr, std::optional<ScoreSheet>* sheet = nullptr);

}  // namespace pingfen::api
