// run_tests: the 测试 blocks of a ruleset file, each scored on its given data and checked
// against its expectations.
#include <filesystem>
#include <fmt/format.h>

#include "api/guard.hpp"
#include "api/read_file.hpp"
#include "api/run_test.hpp"
#include "api/score_choices.hpp"
#include "data/department.hpp"
#include "eval/explain.hpp"
#include "front/parse.hpp"
#include "pingfen/authoring.hpp"
#include "pingfen/pingfen.hpp"
#include "sema/ruleset.hpp"

namespace pingfen {

int TestReport::passed() const {
    int n = 0;
    for (const auto& t : tests) n += t.passed() ? 1 : 0;
    return n;
}

int TestReport::failed() const {
    return static_cast<int>(tests.size()) - passed() + (has_errors(diagnostics) ? 1 : 0);
}

namespace {

std::string join(const std::vector<std::string>& p) {
    std::string out;
    for (const auto& s : p) out += (out.empty() ? "" : ".") + s;
    return out;
}

TestFailure failure(const Loc& loc, std::string zh, std::string en, std::string basis = "") {
    return TestFailure{loc.line, loc.column, std::move(zh), std::move(en), std::move(basis)};
}

// 期望 产出.产出数量."培训人次" = 2: a goal row of a leaf scored by completion rate, named by the
// row's 名称 (which every row has) after the leaf's path. The rows' scores are not on the
// sheet; they are what the evaluator recorded for the leaf (eval::Choice::Kind::RowScore).
// A name that matches no row, or more than one, fails the expectation: never a guess.
void expect_goal_row(const Ruleset& r, const eval::ChoicesByIndicator& choices, const ast::Expectation& ex,
                     const std::string& leaf_path, bool leaf_scored, TestOutcome& out) {
    const std::vector<std::string> leaf(ex.path.begin(), ex.path.end() - 1);
    const std::string& row = ex.path.back();
    const std::vector<eval::Choice>* own = nullptr;
    for (const ast::Indicator* i : r.indicators)
        if (r.path_of(*i) == leaf && static_cast<std::size_t>(i->index) < choices.size())
            own = &choices[static_cast<std::size_t>(i->index)];
    std::vector<Decimal> found;
    std::string names;
    if (own)
        for (const auto& c : *own) {
            if (c.kind != eval::Choice::Kind::RowScore) continue;
            if (c.scope == row) found.push_back(c.amount);
            names += (names.empty() ? "" : "、") + c.scope;
        }
    if (found.empty() && !leaf_scored) {
        out.failures.push_back(failure(ex.loc, fmt::format("指标 `{}` 未评分，目标行“{}”没有得分", leaf_path, row),
                                       fmt::format("indicator `{}` was not scored, so goal row “{}” has no score", leaf_path, row)));
    } else if (found.empty()) {
        out.failures.push_back(failure(ex.loc,
                                       fmt::format("指标 `{}` 没有名为“{}”的目标行（评分的目标行：{}）", leaf_path, row,
                                                   names.empty() ? "无" : names),
                                       fmt::format("indicator `{}` has no goal row “{}” (rows scored: {})", leaf_path, row,
                                                   names.empty() ? "none" : names)));
    } else if (found.size() > 1) {
        out.failures.push_back(failure(ex.loc,
                                       fmt::format("指标 `{}` 有 {} 个名为“{}”的目标行，无法确定期望指哪一行", leaf_path,
                                                   found.size(), row),
                                       fmt::format("indicator `{}` has {} goal rows named “{}”: the expectation cannot tell which",
                                                   leaf_path, found.size(), row)));
    } else if (found.front() != ex.value) {
        out.failures.push_back(failure(ex.loc,
                                       fmt::format("期望 {} = {}，实际为 {}", join(ex.path), ex.value.to_string(), found.front().to_string()),
                                       fmt::format("expected {} = {}, got {}", join(ex.path), ex.value.to_string(), found.front().to_string())));
    }
}

}  // namespace

const ScoreNode* api::find_node(std::span<const ScoreNode> nodes, const std::vector<std::string>& path, std::size_t depth) {
    for (const auto& n : nodes) {
        if (n.name() != path[depth]) continue;
        if (depth + 1 == path.size()) return &n;
        return find_node(n.children(), path, depth + 1);
    }
    return nullptr;
}

namespace {

// A datum of a later source (a given file after another, the inline 给定 values after the
// files) replaces what the sources before it said; a datum given twice in one source is kept
// twice, so that binding reports it (E0410) instead of the last one silently winning.
// `replaced` marks the earlier fields this source has replaced already.
void overlay(DepartmentData& data, std::vector<bool>& replaced, const DepartmentData::Field& f) {
    for (std::size_t i = 0; i < replaced.size(); ++i)
        if (data.fields[i].name == f.name) {
            if (replaced[i]) break;  // given twice in this source
            data.fields[i] = f;
            replaced[i] = true;
            return;
        }
    data.fields.push_back(f);
}

}  // namespace

std::optional<DepartmentData> api::test_data(const ast::TestCase& tc, const std::string& file, Language lang, TestOutcome& out) {
    namespace fs = std::filesystem;

    // The data: the given files in order, then the inline values over them.
    DepartmentData data;
    data.source = std::make_shared<const SourceFile>(file, "");
    for (const auto& [rel, loc] : tc.given_files) {
        std::string path = (fs::path(file).parent_path() / rel).lexically_normal().generic_string();
        DataResult d = load_data_file(path);
        if (!d.ok()) {
            std::string why;
            for (const auto& diag : d.diagnostics) why += "\n" + render(diag, lang);
            out.failures.push_back(failure(loc, fmt::format("无法读取给定的数据 `{}`{}", rel, why),
                                           fmt::format("cannot read the given data `{}`{}", rel, why)));
            return std::nullopt;
        }
        data.source = d.data->source;
        if (data.department.empty()) data.department = d.data->department;
        if (!data.year) data.year = d.data->year;
        std::vector<bool> replaced(data.fields.size());
        for (const auto& f : d.data->fields) overlay(data, replaced, f);
    }
    std::vector<bool> replaced(data.fields.size());
    for (const auto& e : tc.given) overlay(data, replaced, DepartmentData::Field{e.name, e.loc, e.value});
    return data;
}

TestOutcome api::run_test_case(const Ruleset& r, const ast::TestCase& tc, const std::string& file, Language lang,
                               eval::ChoicesByIndicator* choices, std::optional<ScoreSheet>* sheet_out) {
    TestOutcome out;
    out.file = file;
    out.name = tc.name;
    out.line = tc.loc.line;
    std::optional<DepartmentData> given = test_data(tc, file, lang, out);
    if (!given) return out;
    const DepartmentData& data = *given;

    ScoreResult res = choices ? api::score_recording_choices(r, data, ScoreOptions{true, lang}, *choices)
                              : score(r, data, ScoreOptions{true, lang});
    std::vector<std::string> errors;
    for (const auto& d : res.diagnostics)
        if (d.severity == Severity::Error) errors.push_back(d.message(lang));

    for (const auto& [text, loc] : tc.expected_errors) {
        bool found = false;
        // 期望 错误 "E0403" names the code; any other text is looked for in the message.
        for (const auto& d : res.diagnostics)
            found = found || d.code == text || d.message_zh.find(text) != std::string::npos ||
                    d.message_en.find(text) != std::string::npos;
        if (!found)
            out.failures.push_back(failure(loc, fmt::format("期望出现含“{}”的错误，但没有", text),
                                           fmt::format("expected an error containing “{}”, but there was none", text)));
    }
    if (tc.expected_errors.empty()) {
        for (const auto& e : errors)
            out.failures.push_back(failure(tc.loc, fmt::format("评分出错：{}", e), fmt::format("scoring failed: {}", e)));
    }
    const ScoreSheet& sheet = *res.sheet;
    std::optional<eval::ChoicesByIndicator> row_choices;  // for 期望 on a goal row, see below
    for (const auto& ex : tc.expectations) {
        switch (ex.kind) {
            case ast::Expectation::Kind::Score: {
                const ScoreNode* n = api::find_node(sheet.indicators(), ex.path);
                if (!n) n = api::find_node(sheet.adjustments(), ex.path);
                const ScoreNode* leaf = nullptr;
                if (!n && ex.path.size() > 1) {
                    const std::vector<std::string> head(ex.path.begin(), ex.path.end() - 1);
                    leaf = api::find_node(sheet.indicators(), head);
                    if (leaf && !leaf->children().empty()) leaf = nullptr;
                }
                if (leaf) {
                    // A goal row of the leaf: its score as recorded while scoring, scored again
                    // recording when the caller did not record.
                    if (!choices && !row_choices) {
                        row_choices.emplace();
                        (void)api::score_recording_choices(r, data, ScoreOptions{false, lang}, *row_choices);
                    }
                    expect_goal_row(r, choices ? *choices : *row_choices, ex, join(leaf->path()), leaf->score().has_value(), out);
                } else if (!n) {
                    out.failures.push_back(failure(ex.loc, fmt::format("没有指标 `{}`", join(ex.path)),
                                                   fmt::format("no indicator `{}`", join(ex.path))));
                } else if (!n->score() || *n->score() != ex.value) {
                    std::string actual = n->score() ? n->score()->to_string() : (lang == Language::English ? "not scored" : "未评分");
                    out.failures.push_back(failure(ex.loc,
                                                   fmt::format("期望 {} = {}，实际为 {}", join(ex.path), ex.value.to_string(), actual),
                                                   fmt::format("expected {} = {}, got {}", join(ex.path), ex.value.to_string(), actual),
                                                   n->basis()));
                }
                break;
            }
            case ast::Expectation::Kind::Total:
                if (!sheet.total || *sheet.total != ex.value) {
                    std::string actual = sheet.total ? sheet.total->to_string() : (lang == Language::English ? "unknown" : "无法得出");
                    out.failures.push_back(failure(ex.loc, fmt::format("期望 总分 = {}，实际为 {}", ex.value.to_string(), actual),
                                                   fmt::format("expected total = {}, got {}", ex.value.to_string(), actual)));
                }
                break;
            case ast::Expectation::Kind::Grade:
                if (sheet.grade != ex.grade)
                    out.failures.push_back(failure(ex.loc, fmt::format("期望 等级 = {}，实际为 {}", ex.grade, sheet.grade.empty() ? "无" : sheet.grade),
                                                   fmt::format("expected grade = {}, got {}", ex.grade, sheet.grade.empty() ? "none" : sheet.grade)));
                break;
        }
    }
    if (sheet_out) *sheet_out = std::move(res.sheet);
    return out;
}

namespace {

TestReport run_compiled(const Ruleset& r, const std::string& path, Language lang) {
    TestReport report;
    for (const auto& tc : r.module->tests) report.tests.push_back(api::run_test_case(r, tc, path, lang));
    return report;
}

TestReport run_file(const std::string& path, Language lang) {
    CompileResult c = compile_file(path);
    if (!c.ok()) {
        TestReport report;
        report.diagnostics = c.diagnostics;
        return report;
    }
    TestReport report = run_compiled(*c.ruleset, path, lang);
    report.diagnostics.insert(report.diagnostics.begin(), c.diagnostics.begin(), c.diagnostics.end());
    return report;
}

}  // namespace

TestReport run_tests(const std::string& path, Language lang) {
    return api::guarded<TestReport>(path, [&] { return run_file(path, lang); });
}

TestReport run_tests_of(const Ruleset& r, const std::string& tests_file, Language lang) {
    return api::guarded<TestReport>(tests_file, [&] {
        TestReport report;
        DiagnosticSink sink;
        std::string text;
        if (!detail::read_file(tests_file, text, sink)) {
            report.diagnostics = sink.take();
            return report;
        }
        // The file's own text alone: its tests, not its imports (those the session compiled).
        auto module = front::parse_module(std::make_shared<const SourceFile>(tests_file, std::move(text)), front::ParseLimits{}, sink);
        if (!module) {
            report.diagnostics = sink.take();
            return report;
        }
        for (const auto& tc : module->tests) report.tests.push_back(api::run_test_case(r, tc, tests_file, lang));
        return report;
    });
}

TestReport run_tests(const Ruleset& r, const std::string& path, Language lang) {
    return api::guarded<TestReport>(path, [&] { return run_compiled(r, path, lang); });
}

}  // namespace pingfen
