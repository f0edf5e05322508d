// The REPL's commands (:help :load :reload :data :set :score :explain :inputs :check :test :diff
// :undo :save :history :quit) and completion.
#include <algorithm>
#include <cctype>
#include <fstream>
#include <set>
#include <sstream>
#include <unistd.h>

#include "engine_impl.hpp"

namespace pingfen::repl {

namespace fs = std::filesystem;

namespace {

struct CommandInfo {
    const char* name;
    const char* args_zh;
    const char* args_en;
    const char* zh;
    const char* en;
};

const CommandInfo kCommands[] = {
    {"help", "", "", "本帮助", "this help"},
    {"load", "文件", "FILE", "加载规则集，会话从它重新开始", "load a ruleset; the session starts again on it"},
    {"reload", "", "", "重新读取已加载的文件（文件保存后也会自动重新读取）",
     "read the loaded file again (also done by itself when the file is saved)"},
    {"data", "文件", "FILE", "加载部门数据（JSON 或 数据 块）", "load a department's data (JSON or a data block)"},
    {"set", "名称 = 值", "NAME = VALUE", "改一项数据：1222.61、2.73%、是、\"文本\"",
     "change one datum: 1222.61, 2.73%, 是, \"text\""},
    {"score", "", "", "评分表，含每项的评分依据", "the score sheet, with the basis of every score"},
    {"explain", "路径", "PATH", "一个指标的评分依据，如 :explain 管理效率.预算执行.结转结余率",
     "one indicator's basis, e.g. :explain 管理效率.预算执行.结转结余率"},
    {"inputs", "", "", "规则集的输入及其当前值", "the ruleset's inputs and their current values"},
    {"check", "", "", "会话的全部诊断（错误与警告）", "every diagnostic of the session (errors and warnings)"},
    {"test", "", "", "在会话上运行已加载文件中的测试", "run the loaded file's tests on the session"},
    {"diff", "", "", "会话的改动，及各指标得分的变化", "the session's changes, and how each score changed"},
    {"undo", "", "", "撤销最后一条改动（规则或 :set 的数据）", "undo the last change (to the rules, or a :set)"},
    {"in", "[路径]", "[PATH]", "之后的表达式在这个指标之内计算（它的命名值、分值）；不带路径则回到指标之外",
     "evaluate the expressions that follow inside this indicator (its named values, weight); no path: outside again"},
    {"save", "[--flat] [文件]", "[--flat] [FILE]", "把会话保存为规则集文件（引用已加载的文件，只写改动；不给文件名时为 <文件名>.session.pf）；有 :set 时同时写回数据文件；--flat：合为一个独立的文件（引用展开，改动套用）",
     "save the session as a ruleset file (it imports the loaded file and holds only the changes; no name: <stem>.session.pf); after :set, also the data file; --flat: one standalone file (imports inlined, changes applied)"},
    {"restore", "", "", "恢复上次没有保存就结束的会话（打开文件时会提示）", "bring back the last session that ended unsaved (offered when the file is opened)"},
    {"discard", "", "", "丢弃上次没有保存的会话", "drop the last session's unsaved changes"},
    {"history", "", "", "本次输入过的全部内容，包括出错的", "everything typed in this session, failed input too"},
    {"quit", "", "", "退出（有未保存的改动时，须再输入一次）", "leave (asked twice when there are unsaved changes)"},
};

std::string read_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// A datum as shown to people: a list or a goal table by its size, a value as written.
std::string describe(const DataFieldInfo& e, Language lang) {
    if (e.table)
        return tr(lang, "目标表，" + std::to_string(e.items) + " 行", "goal table, " + std::to_string(e.items) + " rows");
    if (e.kind == Datum::Kind::List)
        return tr(lang, "列表，" + std::to_string(e.items) + " 项", "list, " + std::to_string(e.items) + " items");
    return e.text;
}

std::optional<DataFieldInfo> field_named(const DepartmentData* d, const std::string& name) {
    if (!d) return std::nullopt;
    for (auto& f : data_fields(*d))
        if (f.name == name) return f;
    return std::nullopt;
}

}  // namespace

std::string ReplEngine::Impl::help() const {
    const bool en = lang == Language::English;
    std::string out = t("命令（也可用全角冒号 ：）：\n", "Commands:\n");
    for (const auto& c : kCommands) {
        std::string head = std::string("  :") + c.name + (*(en ? c.args_en : c.args_zh) ? std::string(" ") + (en ? c.args_en : c.args_zh) : "");
        out += pad_right(head, 22) + " " + (en ? c.en : c.zh) + "\n";
    }
    if (en) {
        out +=
            "\nInput:\n"
            "  an expression          its exact value: round_half_up(0.535 × 5, 2) → 2.68; names of the data,\n"
            "                         the ruleset's named values (结余结转率) and the session's can be used\n"
            "  NAME = EXPR            a named value of the session, usable later (compare with ==)\n"
            "  level3 NAME 2 { … }    a whole indicator: when one of that name exists it is replaced\n"
            "                         (replace PATH { … }, and modify PATH weight N when the weight differs);\n"
            "                         a named value it uses but does not define is kept from the old one;\n"
            "                         it states standard \"…\"/explain \"…\" or keeps them: keep_standard,\n"
            "                         keep_explanation (沿用标准, 沿用解释), as replace does in a file.\n"
            "                         A new name goes at the top level; to put it under an indicator, write\n"
            "                         add into 管理效率.预算执行 { level3 NEW 1 { … } }\n"
            "  modify/replace/remove/add/order/test …   statements of the language, added to the session as written\n"
            "\n"
            "A change that does not compile is shown and dropped; the session stays as it was. A change\n"
            "whose weights do not add up waits for the statements that fix them (modify PATH weight N …),\n"
            "which are applied with it as one change.\n"
            "Unfinished input (a `{` or `(` not closed, an expression cut short) gets the \"... \" prompt;\n"
            "an empty line twice ends it. Ctrl-C drops the current input, Ctrl-D leaves.\n"
            "Tab completes keywords, indicator paths, input names and commands.\n";
    } else {
        out +=
            "\n输入：\n"
            "  表达式                 计算精确值：四舍五入（0.535 × 5，2） → 2.68；可用数据中的名称、\n"
            "                         规则集里的命名值（如 结余结转率）和会话中定义的名称\n"
            "  名称 = 表达式          会话中的命名值，之后的表达式可用（比较相等请写 ==）\n"
            "  三级指标 名称 2 { … }  整个指标：已有同名指标时替换它（即 替换 路径 { … }，分值不同时\n"
            "                         再加 修改 路径 分值 N）；新写法用到而没有定义的命名值沿用原指标的；\n"
            "                         须写新的 标准 \"…\"、解释 \"…\"，或写 沿用标准、沿用解释（与文件中的替换相同）。\n"
            "                         没有同名指标时加在最顶层；要加在某个指标之下，写\n"
            "                         增加 到 管理效率.预算执行 { 三级指标 新指标 1 { … } }\n"
            "  修改/替换/删除/增加/排序/测试 …   语言本身的语句，原样加入会话\n"
            "\n"
            "不能编译的改动会显示错误并被丢弃，会话保持原样。分值对不上的改动会等着后面的语句\n"
            "（修改 路径 分值 N …），与它们一起作为一次改动生效。\n"
            "没写完的输入（`{` 或 `（` 未闭合，表达式没写完）会出现 \"... \" 提示，接着输入即可；\n"
            "连按两次回车结束输入。Ctrl-C 放弃当前输入，Ctrl-D 退出。\n"
            "Tab 补全关键字、指标路径、输入名称和命令。\n";
    }
    return out;
}

std::string ReplEngine::Impl::no_session() const {
    if (base_path.empty() && chunks.empty()) return t("没有规则集（:load 文件）\n", "no ruleset (:load FILE)\n");
    return t("规则有错误，不能评分（:check 查看；改正文件后会自动重新加载）\n",
             "the rules have errors and cannot be scored (:check shows them; the file reloads when fixed)\n");
}

std::string ReplEngine::Impl::no_data() const {
    const std::string rules = base_path.empty() ? t("规则集.pf", "RULES.pf") : shown_path(base_path);
    return t("没有加载数据：用 :data 文件 加载一个部门的数据（还没有数据文件时，pingfen template " + rules +
                 " -o 数据.json 生成一张待填的数据表）\n",
             "no data loaded: load a department's data with :data FILE (no data file yet? pingfen template " + rules +
                 " -o data.json writes a form to fill in)\n");
}

std::string ReplEngine::Impl::cmd_score() const {
    if (!session) return no_session();
    if (!data) return no_data();
    if (!sheet()) return render_all(data_diags);
    std::string out = sheet_as_table(*sheet(), SheetFormat{true, color, lang});
    int errors = 0;
    for (const auto& d : data_diags) errors += d.severity == Severity::Error ? 1 : 0;
    if (errors) out += t("（评分时有 " + std::to_string(errors) + " 个错误，见 :check）\n",
                         "(" + std::to_string(errors) + " errors while scoring, see :check)\n");
    return out;
}

std::string ReplEngine::Impl::cmd_explain(const std::string& arg) const {
    if (trim(arg).empty()) return t("用法：:explain 路径，如 :explain 管理效率.预算执行.结转结余率\n",
                                    "usage: :explain PATH, e.g. :explain 管理效率.预算执行.结转结余率\n");
    if (!sheet()) return no_session();
    std::vector<std::string> path = split_path(trim(arg));
    std::vector<const ScoreNode*> all;
    flatten(sheet()->indicators(), all, false);
    flatten(sheet()->adjustments(), all, false);
    std::vector<const ScoreNode*> hits;
    for (const auto* n : all) {
        if (n->path().size() < path.size()) continue;
        if (std::equal(path.rbegin(), path.rend(), n->path().rbegin())) hits.push_back(n);
    }
    if (hits.empty()) {
        // Names with quotes in them (“三公”经费控制情况) typed without quoting the whole name.
        std::vector<std::string> plain;
        std::string a = trim(arg);
        for (std::size_t b = 0;;) {
            std::size_t dot = a.find('.', b);
            plain.push_back(a.substr(b, dot == std::string::npos ? std::string::npos : dot - b));
            if (dot == std::string::npos) break;
            b = dot + 1;
        }
        for (const auto* n : all)
            if (n->path().size() >= plain.size() && std::equal(plain.rbegin(), plain.rend(), n->path().rbegin())) hits.push_back(n);
        if (!hits.empty()) path = plain;
    }
    for (const auto* n : hits)
        if (n->path() == path) hits = {n};
    if (hits.empty()) {
        std::vector<std::string> names;
        for (const auto* n : all) names.push_back(n->name());
        std::string near = closest(path.empty() ? "" : path.back(), names);
        return t("没有指标 `" + join_path(path) + "`" + (near.empty() ? "" : "，是不是想写 `" + near + "`？") + "\n",
                 "no indicator `" + join_path(path) + "`" + (near.empty() ? "" : "; did you mean `" + near + "`?") + "\n");
    }
    if (hits.size() > 1) {
        std::string out = t("有多个指标叫这个名字，请写完整路径：\n", "several indicators have that name; give the whole path:\n");
        for (const auto* n : hits) out += "  " + join_path(n->path()) + "\n";
        return out;
    }
    const ScoreNode& n = *hits.front();
    std::string out = join_path(n.path()) + t("  分值 ", "  weight ") + n.weight().to_string() + t("  得分 ", "  score ") +
                      score_text(n.score()) + (n.not_applicable() ? t("（不适用）", " (not applicable)") : "") + "\n";
    if (!data) out += t("  （未加载数据，没有得分）\n", "  (no data loaded, so no score)\n");
    if (!n.explanation().empty()) out += t("  解释：", "  explanation: ") + n.explanation() + "\n";
    if (!n.standard().empty()) out += t("  标准：", "  standard: ") + n.standard() + "\n";
    if (!n.basis().empty()) out += t("  依据：", "  basis: ") + n.basis() + "\n";
    int w = 0;
    for (const auto& c : n.children()) w = std::max(w, display_width(c.name()));
    for (const auto& c : n.children())
        out += "    " + pad_right(c.name(), w) + "  " + pad_left(c.weight().to_string(), 6) + "  " + pad_left(score_text(c.score()), 6) + "\n";
    return out;
}

std::string ReplEngine::Impl::cmd_inputs() const {
    const Ruleset* r = session ? session.get() : nullptr;
    if (!r) return no_session();
    auto inputs = ruleset_inputs(*r);
    if (inputs.empty()) return t("这个规则集没有声明输入\n", "this ruleset declares no inputs\n");
    struct Row {
        std::string name, type, value, users;
    };
    std::vector<Row> rows;
    rows.push_back({t("名称", "name"), t("类型", "type"), t("当前值", "value"), t("用于", "used by")});
    for (const auto& in : inputs) {
        Row row;
        row.name = in.name;
        row.type = in.type + (in.unit.empty() ? "" : "(" + in.unit + ")");
        auto e = field_named(data.get(), in.name);
        if (!e) row.value = !data ? "" : in.conditional ? t("（未给，仅条件需要）", "(not given, conditional)") : t("（缺）", "(missing)");
        else row.value = describe(*e, lang);
        for (const auto& edit : data_edits)
            if (edit.name == in.name) {
                row.value += t("（:set）", " (:set)");
                break;
            }
        if (display_width(row.value) > 24) {
            std::string cut;
            for (std::size_t i = 0; i < row.value.size() && display_width(cut) < 22;) {
                std::size_t len = 1;
                while (i + len < row.value.size() && (static_cast<unsigned char>(row.value[i + len]) & 0xC0) == 0x80) ++len;
                cut += row.value.substr(i, len);
                i += len;
            }
            row.value = cut + "…";
        }
        std::string users;
        for (std::size_t i = 0; i < in.needed_by.size() && i < 2; ++i) {
            const std::string& p = in.needed_by[i];
            std::size_t dot = p.rfind('.');
            users += (i ? t("、", ", ") : "") + (dot == std::string::npos ? p : p.substr(dot + 1));
        }
        if (in.needed_by.size() > 2) users += t(" 等 " + std::to_string(in.needed_by.size()) + " 项", " and " + std::to_string(in.needed_by.size() - 2) + " more");
        if (in.needed_by.empty()) users = t("（无）", "(none)");
        // A datum demanded only where it is read: say when, so an empty value is not taken for a fault.
        if (in.conditional) {
            std::string when;
            for (const auto& c : in.needed_when) when += (when.empty() ? "" : t("；或 ", "; or ")) + t(c.when_zh, c.when_en);
            users += t("，仅当 " + when + " 时需要", ", needed only when " + when);
        }
        row.users = users;
        rows.push_back(row);
    }
    int w[3] = {0, 0, 0};
    for (const auto& row : rows) {
        w[0] = std::max(w[0], display_width(row.name));
        w[1] = std::max(w[1], display_width(row.type));
        w[2] = std::max(w[2], display_width(row.value));
    }
    std::string out;
    for (const auto& row : rows)
        out += "  " + pad_right(row.name, w[0]) + "  " + pad_right(row.type, w[1]) + "  " + pad_right(row.value, w[2]) + "  " + row.users + "\n";
    return out;
}

std::string ReplEngine::Impl::cmd_check() const {
    std::string out;
    int errors = 0, warnings = 0;
    auto count = [&](const std::vector<Diagnostic>& ds) {
        for (const auto& d : ds) {
            if (d.severity == Severity::Error) ++errors;
            else if (d.severity == Severity::Warning) ++warnings;
        }
    };
    if (!session && base_path.empty() && chunks.empty()) return t("没有规则集（:load 文件）\n", "no ruleset (:load FILE)\n");
    if (!session && !base.ok()) {
        out += render_all(base.diagnostics);
        count(base.diagnostics);
    } else {
        out += render_all(session_diags);
        count(session_diags);
    }
    if (data) {
        out += render_all(data_diags);
        count(data_diags);
    }
    out += t(errors + warnings == 0 ? "没有发现问题。\n" : std::to_string(errors) + " 个错误，" + std::to_string(warnings) + " 个警告。\n",
             errors + warnings == 0 ? "no problems found.\n" : std::to_string(errors) + " errors, " + std::to_string(warnings) + " warnings.\n");
    return out;
}

std::string ReplEngine::Impl::cmd_test() const {
    if (base_path.empty() && chunks.empty()) return t("没有规则集（:load 文件）\n", "no ruleset (:load FILE)\n");
    if (!session) return no_session();
    // The loaded file's tests, run on the session (the file's own 测试 blocks, read by the parser).
    TestReport report = base_path.empty() ? TestReport{} : run_tests_of(*session, base_path, lang);
    std::string out;
    for (const auto& o : report.tests) {
        if (o.passed()) continue;
        out += "✗ " + o.name + (o.line ? "（" + shown_path(base_path) + ":" + std::to_string(o.line) + "）" : "") + "\n";
        for (const auto& f : o.failures) {
            out += "    " + (lang == Language::English ? f.message_en : f.message_zh) + "\n";
            if (!f.basis.empty()) out += t("    依据：", "    basis: ") + f.basis + "\n";
        }
    }
    out += render_all(report.diagnostics, false);
    int passed = report.passed(), failed = report.failed();
    if (report.tests.empty()) out += t("没有测试：" + (base_path.empty() ? std::string("会话") : shown_path(base_path)) + " 中没有 测试 块。\n",
                                       "no tests: " + (base_path.empty() ? std::string("the session") : shown_path(base_path)) + " has no test blocks.\n");
    else out += t(std::to_string(passed) + " 个通过，" + std::to_string(failed) + " 个失败\n",
                  std::to_string(passed) + " passed, " + std::to_string(failed) + " failed\n");
    return out;
}

// The semantic diff names its two sides A and B; here they are the loaded file and the session.
static std::string sides(std::string s, Language lang) {
    const std::pair<const char*, const char*> zh[] = {{"只在 A 中", "只在已加载的文件中"}, {"只在 B 中", "只在会话中"}};
    const std::pair<const char*, const char*> en[] = {{"only in A", "only in the loaded file"}, {"only in B", "only in the session"}};
    for (const auto& [from, to] : lang == Language::English ? en : zh)
        for (std::size_t p; (p = s.find(from)) != std::string::npos;) s.replace(p, std::string(from).size(), to);
    return s;
}

// The :set edits: each datum once, from the file's value to the session's.
std::string ReplEngine::Impl::data_diff() const {
    if (data_edits.empty()) return "";
    std::vector<std::string> names;
    for (const auto& e : data_edits)
        if (std::find(names.begin(), names.end(), e.name) == names.end()) names.push_back(e.name);
    std::string out = t("数据的改动（" + shown_path(data_path) + "，" + std::to_string(data_edits.size()) + " 条 :set）：\n",
                        "data changes (" + shown_path(data_path) + ", " + std::to_string(data_edits.size()) + " :set):\n");
    int w = 0;
    for (const auto& n : names) w = std::max(w, display_width(n));
    for (const auto& n : names) {
        std::string first, last;
        for (const auto& e : data_edits)
            if (e.name == n) {
                if (first.empty()) first = e.before;
                last = e.after;
            }
        out += "  " + pad_right(n, w) + "  " + first + " → " + last + "\n";
    }
    if (session && data_file.ok() && data) {
        auto a = score(*session, *data_file.data, ScoreOptions{false, lang});
        auto b = score(*session, *data, ScoreOptions{false, lang});
        auto tot = [](const ScoreResult& x) {
            return x.sheet && x.sheet->total ? x.sheet->total->to_fixed(2) : std::string("—");
        };
        std::string line = tot(a) + " → " + tot(b);
        if (a.sheet && b.sheet && a.sheet->total && b.sheet->total) {
            if (*a.sheet->total == *b.sheet->total) line = tot(b) + t("（不变）", " (unchanged)");
            else line += " (" + delta_text(*b.sheet->total - *a.sheet->total) + ")";
        }
        out += t("  总分（文件中的数据 → 改后的数据）：", "  total (the file's data → the changed data): ") + line + "\n";
    }
    return out;
}

std::string ReplEngine::Impl::cmd_diff() const {
    if (chunks.empty() && data_edits.empty()) return t("会话没有改动。\n", "the session has no changes.\n");
    if (chunks.empty()) return data_diff();
    const bool en = lang == Language::English;
    std::string out = t("会话相对 " + (base_path.empty() ? std::string("（空）") : shown_path(base_path)) + " 的改动（" + std::to_string(chunks.size()) + " 条）：\n",
                        "the session's changes to " + (base_path.empty() ? std::string("(nothing)") : shown_path(base_path)) + " (" + std::to_string(chunks.size()) + "):\n");
    for (std::size_t k = 0; k < chunks.size(); ++k) {
        out += "  [" + std::to_string(k + 1) + "] ";
        auto lines = split_lines(chunks[k].text());
        for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "      " : "") + lines[i] + "\n";
    }
    if (!base.ok() || !session) return out;
    // What that does to the indicator system, by the project's semantic diff.
    RulesetDiff d = diff_rulesets(*base.ruleset, *session);
    std::vector<std::string> rule_lines;
    for (const auto& ch : d.indicators) {
        std::string a = join_path(ch.path_a), b = join_path(ch.path_b);
        switch (ch.kind) {
            case IndicatorChange::Kind::Added:
                rule_lines.push_back("+ " + t("新增 ", "added ") + b + (ch.weight_b ? t("（分值 ", " (weight ") + ch.weight_b->to_string() + t("）", ")") : ""));
                break;
            case IndicatorChange::Kind::Removed:
                rule_lines.push_back("− " + t("删除 ", "removed ") + a);
                break;
            case IndicatorChange::Kind::Renamed:
                rule_lines.push_back("~ " + t("改名 ", "renamed ") + a + " → " + b);
                break;
            case IndicatorChange::Kind::Moved:
                rule_lines.push_back("~ " + t("移动 ", "moved ") + a + " → " + b);
                break;
            case IndicatorChange::Kind::WeightChanged:
                rule_lines.push_back("~ " + t("分值 ", "weight ") + (b.empty() ? a : b) + " " + (ch.weight_a ? ch.weight_a->to_string() : "—") + " → " +
                                     (ch.weight_b ? ch.weight_b->to_string() : "—"));
                break;
            case IndicatorChange::Kind::RuleChanged:
                rule_lines.push_back("~ " + t("规则 ", "rule ") + (b.empty() ? a : b));
                break;
            case IndicatorChange::Kind::Reordered:
                rule_lines.push_back("~ " + t("顺序 ", "order ") + (b.empty() ? t("总分", "the total") : b));
                break;
        }
        const auto& details = en ? ch.details_en : ch.details_zh;
        for (const auto& x : details) rule_lines.push_back("    " + x);
        if (ch.kind == IndicatorChange::Kind::RuleChanged && details.empty()) {
            rule_lines.push_back("    " + ch.rule_a);
            rule_lines.push_back("  → " + ch.rule_b);
        }
    }
    for (const auto& x : en ? d.declarations_en : d.declarations_zh) rule_lines.push_back("~ " + sides(x, lang));
    out += t("规则的变化：\n", "what changed in the rules:\n");
    if (rule_lines.empty()) out += t("  （指标体系没有实质变化）\n", "  (no change in substance)\n");
    for (const auto& l : rule_lines) out += "  " + l + "\n";
    if (!data) return out + t("（未加载数据，没有得分可比）\n", "(no data loaded, no scores to compare)\n");
    if (!data_edits.empty()) out += data_diff();
    DepartmentComparison cmp = compare_department(*base.ruleset, *session, *data, d, lang);
    struct Row {
        std::string path, change, cause;
    };
    std::vector<Row> rows;
    for (const auto& s : cmp.indicators) {
        Row row;
        row.path = join_path(s.path_b.empty() ? s.path_a : s.path_b);
        row.change = score_text(s.score_a) + " → " + score_text(s.score_b);
        if (s.score_a && s.score_b && *s.score_a != *s.score_b) row.change += " (" + delta_text(*s.score_b - *s.score_a) + ")";
        row.cause = sides(en ? s.cause_en : s.cause_zh, lang);
        rows.push_back(row);
    }
    int w = display_width(t("总分", "total")), wc = 0;
    for (const auto& r : rows) {
        w = std::max(w, display_width(r.path));
        wc = std::max(wc, display_width(r.change));
    }
    out += t("得分的变化（" + (cmp.department.empty() ? std::string("当前数据") : cmp.department) + "；已加载的文件 → 会话）：\n",
             "scores (" + (cmp.department.empty() ? std::string("the current data") : cmp.department) + "; the loaded file → the session):\n");
    if (rows.empty()) out += t("  各指标得分没有变化\n", "  no indicator's score changed\n");
    for (const auto& r : rows) out += "  " + pad_right(r.path, w) + "  " + pad_right(r.change, wc) + (r.cause.empty() ? "" : "  " + r.cause) + "\n";
    auto tot = [](const std::optional<Decimal>& x) { return x ? x->to_fixed(2) : std::string("—"); };
    std::string tc = tot(cmp.total_a) + " → " + tot(cmp.total_b);
    if (cmp.total_a && cmp.total_b && *cmp.total_a != *cmp.total_b) tc += " (" + delta_text(*cmp.total_b - *cmp.total_a) + ")";
    if (cmp.total_a && cmp.total_b && *cmp.total_a == *cmp.total_b) tc = tot(cmp.total_b) + t("（不变）", " (unchanged)");
    out += "  " + pad_right(t("总分", "total"), w) + "  " + tc + "\n";
    out += "  " + pad_right(t("等级", "grade"), w) + "  " +
           (cmp.grade_a == cmp.grade_b ? (cmp.grade_b.empty() ? "—" : cmp.grade_b) + t("（不变）", " (unchanged)")
                                       : (cmp.grade_a.empty() ? "—" : cmp.grade_a) + " → " + (cmp.grade_b.empty() ? "—" : cmp.grade_b)) + "\n";
    return out;
}

// The data file with the :set edits, written in place (atomically, through the API's Output).
std::string ReplEngine::Impl::save_data(bool& failed) {
    failed = false;
    if (!data_dirty() || !data || data_path.empty()) return "";
    std::string original = read_file(data_path);
    // A workbook or a CSV is the user's own sheet: rewriting it as text would destroy it. The
    // edits stay in the session (and its journal), and the message says where to make them.
    const std::string ext = fs::path(data_path).extension().string();
    if (original.compare(0, 4, "PK\x03\x04") == 0 || ext == ".xlsx" || ext == ".csv" || ext == ".CSV") {
        failed = true;
        return t("数据文件 " + shown_path(data_path) + " 是 Excel/WPS 表格或 CSV，pingfen 不改写它：数据改动没有保存"
                 "（请在 Excel 或 WPS 中修改后重新 :data 读入）\n",
                 "the data file " + shown_path(data_path) + " is an Excel/WPS workbook or a CSV, which pingfen does not "
                 "rewrite: the data changes were not saved (make them in Excel or WPS, then :data it again)\n");
    }
    std::string text = data_file_text(data_path, original, *data);
    if (auto problem = write_output(data_path, text)) {
        failed = true;
        return render(*problem, lang, color);
    }
    std::size_t n = data_edits.size();
    DataResult d = load_data_file(data_path);
    if (d.ok()) data_file = d;
    data_edits.clear();
    saved_data_edits.clear();
    forget_data_steps();
    rebuild_data(nullptr);
    rescore();
    watch_files();
    return t("已把 " + std::to_string(n) + " 条数据改动写入 " + shown_path(data_path) + "\n",
             "wrote " + std::to_string(n) + " data changes to " + shown_path(data_path) + "\n");
}

// :save --flat [FILE]: the session as one standalone file (imports inlined, changes applied).
Reply ReplEngine::Impl::save_flat(const std::string& arg) {
    Reply r;
    if (!session) {
        r.error = true;
        r.text = no_session();
        return r;
    }
    std::string path = trim(arg);
    if (path.empty() && !base_path.empty()) {
        fs::path b(base_path);
        path = (b.parent_path() / (b.stem().string() + ".flat.pf")).generic_string();
    }
    if (path.empty()) {
        r.error = true;
        r.text = t("用法：:save --flat 文件\n", "usage: :save --flat FILE\n");
        return r;
    }
    fs::path abs = fs::absolute(path).lexically_normal();
    const std::string canonical = ":save --flat " + trim(arg);
    std::error_code ec;
    if (abs.generic_string() == base_path || (fs::is_regular_file(abs, ec) && armed != canonical)) {
        if (abs.generic_string() == base_path) {
            r.error = true;
            r.text = t("不能覆盖已加载的文件；请换一个文件名\n", "cannot overwrite the loaded file; choose another name\n");
            return r;
        }
        armed = canonical;
        r.text = t("文件 " + shown_path(abs.generic_string()) + " 已存在。再输入一次 " + canonical + " 以覆盖它。\n",
                   "the file " + shown_path(abs.generic_string()) + " exists. Type " + canonical + " again to overwrite it.\n");
        return r;
    }
    FlattenResult flat = flatten_ruleset(*session, abs.generic_string());
    if (!flat.text) {
        r.error = true;
        r.text = render_all(flat.diagnostics);
        return r;
    }
    if (auto problem = write_output(abs.generic_string(), *flat.text)) {
        r.error = true;
        r.text = render(*problem, lang, color);
        return r;
    }
    armed.clear();
    r.text = t("已把会话合为一个独立的文件 " + shown_path(abs.generic_string()) + "（引用已展开，改动已套用；会话的改动仍未保存到 :save 的文件）\n",
               "wrote the session as one standalone file " + shown_path(abs.generic_string()) + " (imports inlined, changes applied)\n");
    return r;
}

Reply ReplEngine::Impl::cmd_save(const std::string& arg) {
    Reply r;
    if (starts_with(trim(arg), "--flat")) return save_flat(trim(arg).substr(6));
    const std::string canonical = ":save" + (trim(arg).empty() ? std::string() : " " + trim(arg));
    // Only the data changed and no file named: the data file is what there is to save.
    if (trim(arg).empty() && !rules_dirty() && data_dirty()) {
        bool failed = false;
        r.text = save_data(failed);
        r.error = failed;
        return r;
    }
    std::string path = trim(arg).empty() ? save_path : trim(arg);
    if (path.empty() && !base_path.empty()) {
        // As :help says, the name may be left out: beside the loaded file, named after it.
        fs::path b(base_path);
        path = (b.parent_path() / (b.stem().string() + ".session.pf")).generic_string();
    }
    if (path.empty()) {
        r.error = true;
        r.text = t("用法：:save 文件\n", "usage: :save FILE\n");
        return r;
    }
    if (base_path.empty() && chunks.empty()) {
        r.error = true;
        r.text = t("会话是空的，没有可保存的内容\n", "the session is empty; nothing to save\n");
        return r;
    }
    fs::path abs = fs::absolute(path).lexically_normal();
    if (abs.generic_string() == base_path) {
        r.error = true;
        r.text = t("不能覆盖已加载的文件（会话引用它）；请换一个文件名\n",
                   "cannot overwrite the loaded file (the session imports it); choose another name\n");
        return r;
    }
    {
        // A file that is there and is not this session's own save: ask first.
        std::error_code ec;
        const bool ours = !save_path.empty() && fs::absolute(save_path).lexically_normal() == abs;
        if (fs::is_regular_file(abs, ec) && !ours && armed != canonical) {
            armed = canonical;
            r.text = t("文件 " + shown_path(abs.generic_string()) + " 已存在。再输入一次 " + canonical + " 以覆盖它。\n",
                       "the file " + shown_path(abs.generic_string()) + " exists. Type " + canonical + " again to overwrite it.\n");
            return r;
        }
    }
    std::error_code ec;
    if (!fs::is_directory(abs.parent_path(), ec)) {
        r.error = true;
        r.text = t("文件夹不存在：" + abs.parent_path().generic_string() + "\n", "no such folder: " + abs.parent_path().generic_string() + "\n");
        return r;
    }
    std::string text;
    if (!base_path.empty()) {
        std::string rel = fs::path(base_path).lexically_relative(abs.parent_path()).generic_string();
        if (rel.empty()) rel = base_path;
        text += t("# 用 pingfen repl 保存：在 " + rel + " 之上的改动\n", "# saved by pingfen repl: changes on top of " + rel + "\n");
        if (!header.empty()) text += header + "\n";
        text += "\n引用 " + quote(rel) + "\n";
    }
    for (const auto& c : chunks) text += "\n" + c.text() + "\n";
    // Through the API's Output: checked, and the file replaced only when complete.
    if (auto problem = write_output(abs.generic_string(), text)) {
        r.error = true;
        r.text = render(*problem, lang, color);
        return r;
    }
    save_path = abs.generic_string();
    saved_snapshot.clear();
    for (const auto& c : chunks) saved_snapshot.push_back(c.text());
    armed.clear();
    bool data_failed = false;
    std::string data_note = save_data(data_failed);
    if (data_failed) r.error = true;
    r.text = data_note + t("已保存到 ", "saved to ") + shown_path(abs.generic_string()) + t("（" + std::to_string(chunks.size()) + " 条改动）", " (" + std::to_string(chunks.size()) + " changes)");
    // The saved file must stand on its own and score as the session does.
    CompileResult c = compile_file(abs.generic_string());
    if (!c.ok()) {
        r.error = true;
        r.text += t("\n但它不能单独编译：\n", "\nbut it does not compile on its own:\n") + render_all(c.diagnostics, false);
        return r;
    }
    if (data && sheet()) {
        auto s = score(*c.ruleset, *data, ScoreOptions{false, lang});
        bool same = s.sheet && s.sheet->total == sheet()->total;
        r.text += same ? t("，单独编译通过，总分 " + (sheet()->total ? sheet()->total->to_fixed(2) : std::string("—")) + " 与会话一致",
                           "; it compiles on its own and scores the same total")
                       : t("；注意：单独评分的总分与会话不同", "; note: on its own it scores a different total");
    } else {
        r.text += t("，单独编译通过", "; it compiles on its own");
    }
    r.text += "\n";
    return r;
}

Reply ReplEngine::Impl::cmd_set(const std::string& line, std::size_t arg_offset) {
    Reply r;
    std::string arg = line.substr(arg_offset);
    std::size_t eq = arg.find('=');
    std::size_t eq_len = 1;
    std::size_t eq2 = arg.find("＝");
    if (eq2 != std::string::npos && (eq == std::string::npos || eq2 < eq)) {
        eq = eq2;
        eq_len = std::string("＝").size();
    }
    std::string name = eq == std::string::npos ? "" : trim(arg.substr(0, eq));
    std::string value = eq == std::string::npos ? "" : trim(arg.substr(eq + eq_len));
    if (name.empty() || value.empty()) {
        r.error = true;
        r.text = t("用法：:set 名称 = 值，如 :set 年末结转和结余 = 5000（值可写 1222.61、2.73%、是、\"文本\"）\n",
                   "usage: :set NAME = VALUE, e.g. :set 年末结转和结余 = 5000 (values: 1222.61, 2.73%, 是, \"text\")\n");
        return r;
    }
    if (!data_file.ok() || !data) {
        r.error = true;
        r.text = no_data();
        return r;
    }
    if (session) {
        std::vector<std::string> names;
        for (const auto& in : ruleset_inputs(*session)) names.push_back(in.name);
        if (std::find(names.begin(), names.end(), name) == names.end()) {
            std::string near = closest(name, names);
            r.error = true;
            r.text = t("规则集没有名为 `" + name + "` 的输入" + (near.empty() ? "" : "，是不是想写 `" + near + "`？") + "（:inputs 列出全部输入）\n",
                       "the ruleset has no input `" + name + "`" + (near.empty() ? "" : "; did you mean `" + near + "`?") + " (:inputs lists them)\n");
            return r;
        }
    }
    // The value alone, read by the data reader where the user typed it: the line with `:set`
    // blanked out keeps every column, so a caret points into what was typed.
    std::string probe = "数据 {\n";
    for (std::size_t i = 0; i < arg_offset; ++i)
        if ((static_cast<unsigned char>(line[i]) & 0xC0) != 0x80) probe += ' ';
    probe += arg + "\n}\n";
    DataResult check = parse_data(t("输入", "input"), probe);
    if (!check.ok() || has_errors(check.diagnostics)) {
        for (auto& d : check.diagnostics) {
            if (d.line == 2) {
                d.line = 1;
                d.source_line = line;
            }
        }
        r.error = true;
        r.text = render_all(check.diagnostics) + t("（数据没有改动）\n", "(the data was not changed)\n");
        return r;
    }
    DataResult merged = merge_data(*data, *check.data);
    if (!merged.ok()) {
        r.error = true;
        r.text = render_all(merged.diagnostics) + t("（数据没有改动）\n", "(the data was not changed)\n");
        return r;
    }
    auto old = field_named(data.get(), name);
    std::string old_value = old ? describe(*old, lang) : t("（缺）", "(missing)");
    std::string new_value = describe(*field_named(merged.data.get(), name), lang);
    auto before = scored;
    auto saved_data = data;
    data = merged.data;
    rescore();
    // A value of the wrong type or out of its range is refused, like a change that does not compile.
    std::vector<Diagnostic> about;
    for (const auto& x : data_diags)
        if (x.severity == Severity::Error && x.message_zh.find("`" + name + "`") != std::string::npos) about.push_back(x);
    // They point at the one-line data block: point at what was typed instead.
    for (auto& x : about) {
        if (x.path != t("输入", "input")) continue;
        std::size_t at = line.find(name, arg_offset);
        x.line = 1;
        x.column = static_cast<int>(char_count(line.substr(0, at))) + 1;
        x.source_line = line;
    }
    if (!about.empty()) {
        data = saved_data;
        rescore();
        r.error = true;
        r.text = render_all(about) + t("（数据没有改动）\n", "(the data was not changed)\n");
        return r;
    }
    DataEdit edit;
    edit.typed = line;
    edit.name = name;
    edit.before = old_value;
    edit.after = new_value;
    edit.field = check.data;
    data_edits.push_back(edit);
    steps.push_back(true);
    r.text = name + " " + old_value + " → " + new_value + "\n" + feedback(before, scored, {});
    return r;
}

Reply ReplEngine::Impl::cmd_undo() {
    Reply r;
    if (steps.empty()) {
        r.text = t("没有可撤销的改动\n", "nothing to undo\n");
        return r;
    }
    if (steps.back()) {
        // A :set: the data as it was before it.
        DataEdit last = data_edits.back();
        auto before = scored;
        data_edits.pop_back();
        steps.pop_back();
        rebuild_data(nullptr);
        rescore();
        const std::string what = last.name + " " + last.after + " → " + last.before;
        r.text = t("已撤销：", "undone: ") + last.typed + t("（" + what + "）", " (" + what + ")") + "\n" +
                 feedback(before, scored, {});
        return r;
    }
    std::vector<Chunk> trial = chunks;
    Chunk last = trial.back();
    trial.pop_back();
    SessionText st = compose(trial);
    CompileResult cr = compile(st);
    if (!cr.ok()) {
        r.error = true;
        r.text = render_all(remap(cr.diagnostics, st, -1, nullptr), false);
        return r;
    }
    auto before = scored;
    accept(std::move(trial), cr.ruleset, remap(cr.diagnostics, st, -1, nullptr));
    steps.pop_back();
    std::string first = split_lines(last.typed).front();
    r.text = t("已撤销：", "undone: ") + first + (last.typed.find('\n') != std::string::npos ? " …" : "") + "\n" +
             feedback(before, scored, last.redefined);
    return r;
}

Reply ReplEngine::Impl::request_quit(const std::string& how) {
    Reply r;
    if (dirty() && armed != ":quit") {
        armed = ":quit";
        std::string what;
        if (rules_dirty())
            what += t("规则有 " + std::to_string(chunks.size()) + " 条改动", std::to_string(chunks.size()) + " changes to the rules");
        if (data_dirty())
            what += (what.empty() ? "" : t("，数据有 ", ", and ")) +
                    t(what.empty() ? "数据有 " + std::to_string(data_edits.size()) + " 条改动（" + shown_path(data_path) + "）"
                                   : std::to_string(data_edits.size()) + " 条改动（" + shown_path(data_path) + "）",
                      std::to_string(data_edits.size()) + " changes to the data (" + shown_path(data_path) + ")");
        r.text = t("会话中" + what + "还没有保存（:diff 查看，:save 保存）。\n再输入一次 :quit（或按 Ctrl-D）将放弃这些改动并退出。\n",
                   "the session has " + what + " not saved (:diff shows them, :save saves them).\n:quit (or Ctrl-D) once more discards them and leaves.\n");
        return r;
    }
    // Leaving with :quit with unsaved changes is dropping them on purpose: so is their journal.
    // Not so the end of input: a terminal that was killed reads as one before its hangup arrives.
    if (how == ":quit" && dirty() && !journal_path().empty()) {
        std::error_code ec;
        fs::remove(journal_path(), ec);
    }
    r.quit = true;
    return r;
}

// :in PATH: expressions are evaluated inside that indicator (its named values, 分值); :in alone
// goes back outside every indicator.
Reply ReplEngine::Impl::cmd_in(const std::string& arg) {
    Reply r;
    if (trim(arg).empty()) {
        scope.clear();
        r.text = t("表达式在所有指标之外计算\n", "expressions are evaluated outside every indicator\n");
        return r;
    }
    std::vector<std::string> path = split_path(trim(arg));
    auto all = all_paths(false);
    std::vector<std::vector<std::string>> hits;
    for (const auto& p : all)
        if (p.size() >= path.size() && std::equal(path.rbegin(), path.rend(), p.rbegin())) hits.push_back(p);
    for (const auto& p : hits)
        if (p == path) hits = {p};
    if (hits.size() != 1) {
        r.error = true;
        if (hits.empty()) {
            std::vector<std::string> names;
            for (const auto& p : all) names.push_back(p.back());
            std::string near = closest(path.empty() ? "" : path.back(), names);
            r.text = t("没有指标 `" + join_path(path) + "`" + (near.empty() ? "" : "，是不是想写 `" + near + "`？") + "\n",
                       "no indicator `" + join_path(path) + "`" + (near.empty() ? "" : "; did you mean `" + near + "`?") + "\n");
        } else {
            r.text = t("有多个指标叫这个名字，请写完整路径：\n", "several indicators have that name; give the whole path:\n");
            for (const auto& p : hits) r.text += "  " + join_path(p) + "\n";
        }
        return r;
    }
    scope = hits.front();
    std::string names;
    for (const auto& nv : named_values)
        if (nv.indicator.size() <= scope.size() && std::equal(nv.indicator.begin(), nv.indicator.end(), scope.begin()))
            names += (names.empty() ? "" : t("、", ", ")) + nv.name;
    r.text = t("表达式在 " + join_path(scope) + " 之内计算", "expressions are evaluated in " + join_path(scope)) +
             (names.empty() ? "" : t("（命名值：" + names + "）", " (named values: " + names + ")")) + "\n";
    return r;
}

Reply ReplEngine::Impl::command(const std::string& line) {
    Reply r;
    std::size_t start = starts_with(line, "：") ? std::string("：").size() : 1;
    std::size_t end = start;
    while (end < line.size() && std::isalpha(static_cast<unsigned char>(line[end]))) ++end;
    std::string name = line.substr(start, end - start);
    std::size_t arg_offset = end;
    while (arg_offset < line.size() && (line[arg_offset] == ' ' || line[arg_offset] == '\t')) ++arg_offset;
    std::string arg = trim(line.substr(end));
    if (name == "q" || name == "exit") name = "quit";
    if (name == "h" || name == "?") name = "help";
    std::string canonical = ":" + name + (arg.empty() ? "" : " " + arg);
    if (name != "quit" && armed != canonical) armed.clear();
    std::string pre = name == "reload" || name == "quit" ? "" : check_reload();
    if (name == "help") {
        r.text = help();
    } else if (name == "quit") {
        r = request_quit(":quit");
    } else if (name == "load") {
        if (arg.empty()) {
            r.error = true;
            r.text = t("用法：:load 文件\n", "usage: :load FILE\n");
        } else if (dirty() && armed != canonical) {
            armed = canonical;
            r.text = t("会话有 " + std::to_string(chunks.size()) + " 条改动还没有保存；加载新文件会放弃它们。再输入一次同样的 :load 以确认。\n",
                       "the session has " + std::to_string(chunks.size()) + " unsaved changes; loading discards them. Type the same :load again to confirm.\n");
        } else {
            armed.clear();
            r.text = load_ruleset(arg, false);
            if (data && sheet()) r.text += feedback(std::nullopt, scored, {});
        }
    } else if (name == "reload") {
        if (base_path.empty()) {
            r.text = t("没有已加载的文件\n", "no file is loaded\n");
        } else {
            auto before = scored;
            r.text = load_ruleset(base_path, true);
            if (!data_path.empty()) {
                DataResult d = load_data_file(data_path);
                if (d.ok()) {
                    data_file = d;
                    rebuild_data(&r.text);
                    rescore();
                }
            }
            watch_files();
            r.text += feedback(before, scored, {});
        }
    } else if (name == "data") {
        if (arg.empty()) {
            r.error = true;
            r.text = t("用法：:data 文件\n", "usage: :data FILE\n");
        } else {
            auto before = scored;
            r.text = load_data(arg);
            r.text += feedback(before, scored, {});
        }
    } else if (name == "set") {
        r = cmd_set(line, arg_offset);
    } else if (name == "score") {
        r.text = cmd_score();
    } else if (name == "explain") {
        r.text = cmd_explain(arg);
    } else if (name == "inputs") {
        r.text = cmd_inputs();
    } else if (name == "check") {
        r.text = cmd_check();
    } else if (name == "test") {
        r.text = cmd_test();
    } else if (name == "diff") {
        r.text = cmd_diff();
    } else if (name == "undo") {
        r = cmd_undo();
    } else if (name == "in") {
        r = cmd_in(arg);
    } else if (name == "restore" || name == "discard") {
        r = cmd_restore(name == "restore");
    } else if (name == "save") {
        r = cmd_save(arg);
    } else if (name == "history") {
        for (std::size_t i = 0; i < history.size(); ++i) r.text += pad_left(std::to_string(i + 1), 4) + "  " + history[i] + "\n";
    } else {
        std::vector<std::string> names;
        for (const auto& c : kCommands) names.push_back(c.name);
        std::string near = closest(name, names);
        r.error = true;
        r.text = t("没有命令 :" + name + (near.empty() ? "" : "，是不是想写 :" + near + "？") + "（:help 列出全部命令）\n",
                   "no command :" + name + (near.empty() ? "" : "; did you mean :" + near + "?") + " (:help lists them)\n");
    }
    r.text = pre + r.text;
    return r;
}

Completion ReplEngine::complete(const std::string& line, const std::string& word) const {
    const Impl& m = *impl_;
    Completion c;
    std::string l = trim(line);
    std::set<std::string> pool;
    bool command_line = starts_with(l, ":") || starts_with(l, "：");
    std::string cmd;
    if (command_line) {
        std::size_t start = starts_with(l, "：") ? std::string("：").size() : 1;
        std::size_t end = start;
        while (end < l.size() && std::isalpha(static_cast<unsigned char>(l[end]))) ++end;
        cmd = l.substr(start, end - start);
        bool in_name = end >= l.size() && (line.empty() || (line.back() != ' '));
        if (in_name || starts_with(word, ":") || starts_with(word, "：")) {
            for (const auto& k : kCommands) pool.insert(std::string(":") + k.name);
            std::string w = word;
            if (starts_with(w, "：")) w = ":" + w.substr(std::string("：").size());
            for (const auto& p : pool)
                if (starts_with(p, w)) c.candidates.push_back(p);
            return c;
        }
        if (cmd == "in") {
            for (const auto& p : m.all_paths(false)) {
                pool.insert(join_path(p));
                pool.insert(p.back());
            }
            for (const auto& p : pool)
                if (starts_with(p, word) && p != word) c.candidates.push_back(p);
            return c;
        }
        if (cmd == "load" || cmd == "data" || cmd == "save") {
            c.filenames = true;
            return c;
        }
    }
    auto add_paths = [&] {
        for (const auto& p : m.all_paths(false)) {
            pool.insert(join_path(p));
            pool.insert(p.back());
        }
    };
    auto add_inputs = [&] {
        if (m.session)
            for (const auto& in : ruleset_inputs(*m.session)) pool.insert(in.name);
    };
    if (command_line && cmd == "explain") {
        add_paths();
    } else if (command_line && cmd == "set") {
        add_inputs();
    } else if (!command_line) {
        for (const auto& kw : keyword_spellings()) {
            if (kw.is_operator) continue;
            for (const auto& k : kw.spellings) {
                // Keywords in the script being typed: Chinese for a Chinese word, English otherwise.
                bool ascii = !k.empty() && static_cast<unsigned char>(k[0]) < 0x80;
                bool word_ascii = !word.empty() && static_cast<unsigned char>(word[0]) < 0x80;
                if (word.empty() || ascii == word_ascii) pool.insert(k);
            }
        }
        add_inputs();
        add_paths();
        for (const auto& [n, e] : m.named) pool.insert(n);
        for (const auto& d : m.named_values) pool.insert(d.name);
        for (const char* f : {"四舍五入", "较小", "较大", "绝对值", "向上取整", "向下取整", "平均", "合计", "封顶平均", "项数",
                              "round_half_up", "min", "max", "abs", "ceil", "floor", "mean", "sum", "capped_mean", "count_of"})
            pool.insert(f);
    }
    for (const auto& p : pool) {
        if (!starts_with(p, word) || p == word) continue;
        // A dotted path is offered only once the word has a dot, or when it is the only way.
        if (p.find('.') != std::string::npos && word.find('.') == std::string::npos && !(command_line && cmd == "explain"))
            continue;
        c.candidates.push_back(p);
    }
    if (c.candidates.empty()) {
        for (const auto& p : pool)
            if (starts_with(p, word) && p != word) c.candidates.push_back(p);
    }
    return c;
}

}  // namespace pingfen::repl
