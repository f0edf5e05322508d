// What the fuzzers do with one input, shared with tests/fuzz_regressions_test.cpp so that every
// input a fuzzer once crashed on goes through exactly the same calls in the normal test suite.
//
// Crashes, hangs, leaks and undefined behaviour are the sanitizers' and libFuzzer's to catch.
// What these functions return are broken promises of the public API that a sanitizer cannot
// see: no ruleset and yet no error, a ruleset despite errors, a score sheet missing for data
// that was read. The fuzzers abort on any; the regression test checks there are none.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen::fuzz {

using Problems = std::vector<std::string>;

inline void render_all(const std::vector<Diagnostic>& ds, Problems& problems, const char* where) {
    for (const Diagnostic& d : ds) {
        if (render(d, Language::Chinese).empty() || render(d, Language::English).empty())
            problems.push_back(std::string(where) + ": a diagnostic renders as nothing");
        if (d.code.empty()) problems.push_back(std::string(where) + ": a diagnostic without a code");
        // The API turns any exception into E0010 rather than letting it reach the host; for a
        // fuzzer that is a crash all the same.
        if (d.code == "E0010") problems.push_back(std::string(where) + ": " + d.message_en);
    }
}

inline void check_compiled(const CompileResult& c, Problems& problems, const char* where) {
    render_all(c.diagnostics, problems, where);
    if (!c.ok() && !has_errors(c.diagnostics)) problems.push_back(std::string(where) + ": no ruleset, yet no error");
    if (c.ok() && has_errors(c.diagnostics)) problems.push_back(std::string(where) + ": a ruleset despite errors");
}

inline void check_scored(const ScoreResult& s, Problems& problems, const char* where) {
    render_all(s.diagnostics, problems, where);
    // The data was read, so there is a sheet; unscored indicators are simply left empty.
    if (!s.sheet) {
        problems.push_back(std::string(where) + ": no score sheet for data that was read");
        return;
    }
    (void)sheet_as_table(*s.sheet, SheetFormat{.explain = true});
    (void)sheet_as_json(*s.sheet);
}

// score_leaves, the batch path, must give score()'s total, grade and number of diagnostics.
inline void check_leaves(const Ruleset& r, const DepartmentData& d, const ScoreResult& s, Problems& problems) {
    if (!s.sheet) return;
    LeafScores lean = score_leaves(r, d);
    render_all(lean.diagnostics, problems, "score_leaves");
    const auto text = [](const std::optional<Decimal>& v) { return v ? v->to_string() : std::string("-"); };
    if (text(lean.total) != text(s.sheet->total) || lean.grade != s.sheet->grade ||
        lean.diagnostics.size() != s.diagnostics.size() || lean.leaves.size() != ruleset_leaves(r).size())
        problems.push_back("score_leaves disagrees with score: total " + text(lean.total) + " vs " + text(s.sheet->total));
}

// A plain score (the lowered program) and an explained one (the AST walk) of the same data must
// agree in every number (as written: 2 and 2.00 differ), every diagnostic and the steps counted.
inline void sheet_numbers(std::span<const ScoreNode> nodes, std::string& out) {
    for (const auto& n : nodes) {
        out += n.name() + "=" + (n.score() ? n.score()->to_plain() : std::string("-")) + ";";
        sheet_numbers(n.children(), out);
    }
}

inline std::string outcome_text(const ScoreResult& s) {
    std::string out = "steps " + std::to_string(s.steps) + ": ";
    if (s.sheet) {
        sheet_numbers(s.sheet->indicators(), out);
        sheet_numbers(s.sheet->adjustments(), out);
        out += " total " + (s.sheet->total ? s.sheet->total->to_plain() : std::string("-")) + " " + s.sheet->grade;
    }
    for (const auto& d : s.diagnostics) out += " | " + render(d);
    return out;
}

inline void check_plain(const Ruleset& r, const DepartmentData& d, const ScoreResult& explained, Problems& problems,
                        std::uint64_t max_steps = ScoreOptions{}.max_steps) {
    ScoreResult plain = score(r, d, ScoreOptions{.explain = false, .max_steps = max_steps});
    if (outcome_text(plain) != outcome_text(explained))
        problems.push_back("plain and explained scores differ:\n  " + outcome_text(plain) + "\n  " + outcome_text(explained));
}

// parse_fuzzer: the bytes as a ruleset file, and as a lone expression (pingfen eval).
// `name` is where the ruleset is said to live: its imports are read relative to it.
inline Problems parse_input(std::string_view bytes, const std::string& name) {
    Problems problems;
    CompileResult c = compile_source(name, std::string(bytes));
    check_compiled(c, problems, "compile_source");
    if (c.ok()) {
        (void)ruleset_title(*c.ruleset);
        (void)ruleset_inputs(*c.ruleset);
        (void)ruleset_leaves(*c.ruleset);
    }
    ExpressionResult e = evaluate_expression(std::string(bytes));
    render_all(e.diagnostics, problems, "evaluate_expression");
    if (!e.value && !has_errors(e.diagnostics))
        problems.push_back("evaluate_expression: no value, yet no error");
    return problems;
}

// data_fuzzer: the bytes as department data, read as JSON and as a data block, each scored by
// `ruleset` (huadu 2023) and used by an expression.
inline Problems data_input(std::string_view bytes, const Ruleset& ruleset) {
    Problems problems;
    // parse_data takes JSON for a .json name or text that starts with `{`, else a data block.
    for (const char* name : {"fuzz.json", "fuzz.data.pf"}) {
        DataResult d = parse_data(name, std::string(bytes));
        render_all(d.diagnostics, problems, "parse_data");
        if (!d.ok()) {
            if (!has_errors(d.diagnostics)) problems.push_back("parse_data: no data, yet no error");
            continue;
        }
        ScoreResult scored = score(ruleset, *d.data, ScoreOptions{.explain = true});
        check_scored(scored, problems, "score");
        check_leaves(ruleset, *d.data, scored, problems);
        ExpressionResult e = evaluate_expression("四舍五入(年末结转和结余 / 一般公共预算拨款 × 100, 2)", d.data.get());
        render_all(e.diagnostics, problems, "evaluate_expression");
    }
    return problems;
}

namespace detail {

// Department data for a fuzzed ruleset: a value of the right type for every input it declares,
// so that its rules are evaluated rather than all left unscored for missing data.
inline std::string synthetic_data(const Ruleset& r, bool typical) {
    std::string json = "{\"部门\": \"模糊测试\", \"年度\": 2023, \"数据\": {";
    bool first = true;
    for (const InputInfo& in : ruleset_inputs(r)) {
        std::string v;
        if (in.type == "百分比") v = typical ? "\"85%\"" : "0";
        else if (in.type == "是否") v = typical ? "true" : "false";
        else if (in.type == "文本") v = typical ? "\"是\"" : "\"\"";
        else if (in.type == "列表") v = typical ? "[\"90%\", 1, 1.5]" : "[]";
        else if (in.type == "目标表")
            v = typical ? "[{\"名称\": \"甲\", \"目标\": \"100%\", \"实际\": \"90%\", \"权重\": 2},"
                          " {\"名称\": \"乙\", \"目标\": \"≥2\", \"实际\": 3, \"权重\": 1},"
                          " {\"名称\": \"丙\", \"目标\": \"基本持平\", \"实际\": \"基本持平\"}]"
                        : "[]";
        else v = typical ? "12.5" : "0";  // 数值 金额 计数
        json += (first ? "\"" : ", \"") + in.name + "\": " + v;
        first = false;
    }
    return json + "}}";
}

}  // namespace detail

// ruleset_eval_fuzzer: the bytes as a ruleset; when it compiles, it is scored on made-up data
// (typical values, then zeros and empty lists) and its own 测试 blocks are run.
inline Problems ruleset_eval_input(std::string_view bytes, const std::string& name) {
    Problems problems;
    CompileResult c = compile_source(name, std::string(bytes));
    check_compiled(c, problems, "compile_source");
    if (!c.ok()) return problems;
    for (bool typical : {true, false}) {
        DataResult d = parse_data("synthetic.json", detail::synthetic_data(*c.ruleset, typical));
        if (!d.ok()) continue;  // an input name JSON cannot carry; nothing to score
        ScoreResult scored = score(*c.ruleset, *d.data, ScoreOptions{.explain = true});
        check_scored(scored, problems, "score");
        check_leaves(*c.ruleset, *d.data, scored, problems);
        check_plain(*c.ruleset, *d.data, scored, problems);
        // A step budget that runs out part way: both stop at the same expression.
        if (scored.steps > 1) {
            const std::uint64_t half = scored.steps / 2;
            check_plain(*c.ruleset, *d.data, score(*c.ruleset, *d.data, ScoreOptions{.explain = true, .max_steps = half}), problems,
                        half);
        }
    }
    TestReport t = run_tests(*c.ruleset, name);
    render_all(t.diagnostics, problems, "run_tests");
    return problems;
}

}  // namespace pingfen::fuzz
