// The workbench (pingfen serve) without HTTP: the folder it is confined to, checking as the author
// types, saving that never overwrites someone else's change, the journal, uploads, downloads
// identical to `pingfen score`, the comparison. The page itself is tested in a real browser by
// tests/workbench/browser_test.py.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "support.hpp"
#include "workbench.hpp"

namespace fs = std::filesystem;
using nlohmann::json;
using pingfen::serve::Edit;
using pingfen::serve::Folder;
using pingfen::serve::Workbench;
using pingfen::test::slurp;

namespace {

// A copy of rulesets/ in a fresh folder, removed at the end.
struct Sandbox {
    fs::path root;
    Sandbox() {
        root = fs::temp_directory_path() / ("pingfen-workbench-" + std::to_string(::getpid()) + "-" +
                                            std::to_string(reinterpret_cast<std::uintptr_t>(this)));
        fs::remove_all(root);
        fs::create_directories(root);
        fs::copy(fs::path(PINGFEN_SOURCE_DIR) / "rulesets", root / "rulesets", fs::copy_options::recursive);
    }
    ~Sandbox() {
        std::error_code ec;
        fs::remove_all(root, ec);
    }
    fs::path folder() const { return root / "rulesets"; }
};

void write(const fs::path& p, const std::string& text) {
    std::ofstream(p, std::ios::binary) << text;
}

const char* kStricter =
    "\n替换 管理效率.预算执行.结转结余率 {\n  沿用解释\n"
    "  标准 \"结余结转率≤2%的，得2分；2%＜结余结转率≤10%的，得1分；其余不得分。\"\n"
    "  按 结余结转率 分档 {\n    ≤ 2% 得 2 分\n    （2%，10%］ 得 1 分\n    > 10% 不得分\n  }\n}\n";

Edit huadu(const Sandbox& s, const std::string& extra = "") {
    Edit e;
    e.path = "huadu/2023.pf";
    e.text = slurp(s.folder() / "huadu" / "2023.pf") + extra;
    e.data = "huadu/2023.example.json";
    return e;
}

}  // namespace

TEST_CASE("the workbench reaches nothing outside its folder", "[workbench]") {
    Sandbox s;
    fs::create_symlink("/etc/passwd", s.folder() / "evil.pf");
    fs::create_directories(s.root / "outside");
    fs::create_directory_symlink(s.root / "outside", s.folder() / "out");
    write(s.folder() / "huadu" / ".hidden.pf", "");
    Folder f(s.folder());
    for (const char* bad : {"../../etc/passwd", "/etc/passwd", "huadu/../../x.pf", "huadu/./2023.pf", "C:/x.pf",
                            "huadu\\2023.pf", "evil.pf", "out/x.pf", ""}) {
        INFO(bad);
        CHECK_FALSE(f.resolve(bad).has_value());
    }
    CHECK_FALSE(f.resolve("evil.pf", true).has_value());    // never written through a symlink
    CHECK_FALSE(f.resolve("out/new.pf", true).has_value());  // nor into a folder that leads out
    REQUIRE(f.resolve("huadu/2023.pf").has_value());
    CHECK(*f.resolve("huadu/2023.pf") == fs::canonical(s.folder() / "huadu" / "2023.pf"));
    CHECK(f.resolve("huadu/new.pf", true).has_value());
    Folder::Listing l = f.list();
    CHECK(l.rulesets == std::vector<std::string>{"common/management.pf", "conghua/2024.boundaries.pf", "conghua/2024.pf",
                                                 "guangzhou/2022.boundaries.pf", "guangzhou/2022.pf", "haizhu/2023.pf",
                                                 "huadu/2023.boundaries.pf", "huadu/2023.pf", "patterns/as_typed.pf",
                                                 "patterns/band_goals.pf", "patterns/compared_tiers.pf", "patterns/conditional_data.pf",
                                                 "patterns/deadline.pf", "patterns/existing_constructs.pf", "patterns/findings.pf",
                                                 "patterns/goal_row_expect.pf", "patterns/grade_coefficients.pf",
                                                 "patterns/nested_and_deduction_tiers.pf", "patterns/part_not_applicable.pf", "patterns/shared_and_deep.pf",
                                                 "patterns/step_down.pf", "patterns/tier_rows.pf"});
    CHECK(l.data.size() == 4);

    Workbench bench(s.folder(), {});
    auto r = bench.open("../../etc/passwd");
    CHECK(r.status == 403);
    CHECK(json::parse(r.body)["error"]["code"] == "E1003");
    CHECK(bench.open("evil.pf").status == 403);
    CHECK(bench.open("huadu/none.pf").status == 404);
    // An import that leaves the folder is not read: the ruleset does not compile (E0602).
    Edit e = huadu(s);
    e.text = "规则集 \"x\" 年度 2023 总分 100\n引用 \"../../../etc/passwd\"\n";
    auto checked = json::parse(bench.check(e).body);
    REQUIRE(checked["diagnostics"].size() >= 1);
    CHECK(checked["diagnostics"][0]["code"] == "E0602");
}

TEST_CASE("the workbench scores the text as typed against the last save", "[workbench]") {
    Sandbox s;
    Workbench bench(s.folder(), {});
    auto same = json::parse(bench.check(huadu(s)).body);
    CHECK(same["diagnostics"].empty());
    CHECK(same["sheet"]["total"] == "96.50");
    CHECK(same["sheet"]["grade"] == "优");
    CHECK(same["sheet"]["total_change"] == "0.00");

    auto changed = json::parse(bench.check(huadu(s, kStricter)).body);
    CHECK(changed["sheet"]["total"] == "95.50");
    CHECK(changed["sheet"]["total_before"] == "96.50");
    CHECK(changed["sheet"]["total_change"] == "-1.00");
    int marked = 0;
    for (const auto& row : changed["sheet"]["rows"])
        if (row.value("changed", false) && row["leaf"] == true) {
            ++marked;
            CHECK(row["path"] == "管理效率.预算执行.结转结余率");
            CHECK(row["before"] == "2.00");
            CHECK(row["score"] == "1.00");
            CHECK(row["basis"].get<std::string>().find("2.73%") != std::string::npos);
        }
    CHECK(marked == 1);

    // A syntax error: its exact place, and no sheet.
    auto broken = json::parse(bench.check(huadu(s, "三级指标 坏 2 { 按 结余结转率 分档 { ≤ 2% 得 2 }\n")).body);
    CHECK(broken["sheet"].is_null());
    REQUIRE(!broken["diagnostics"].empty());
    CHECK(broken["diagnostics"][0]["code"] == "E0001");
    CHECK(broken["diagnostics"][0]["path"] == "huadu/2023.pf");
    CHECK(broken["diagnostics"][0]["line"] == 192);  // the line appended to the 191 of the file

    // A misspelt path: the message, its exact span and the "did you mean".
    Edit typo = huadu(s);
    const std::string from = "修改 履职效能.整体效能 分值 50";
    typo.text.replace(typo.text.find(from), from.size(), "修改 履职效能.整体效 分值 50");
    auto misspelt = json::parse(bench.check(typo).body);
    bool noted = false;
    for (const auto& d : misspelt["diagnostics"])
        if (d["code"] == "E0603") {
            CHECK(d["path"] == "huadu/2023.pf");
            CHECK(d["line"] == 11);
            CHECK(d["column"] == 4);
            CHECK(d["length"] == 8);
            REQUIRE(d["notes"].size() == 1);
            noted = d["notes"][0]["message_zh"] == "是不是想写 `整体效能`？";
        }
    CHECK(noted);

    // A datum changed in place, as :set does; a bad value is the data's own error.
    Edit e = huadu(s);
    e.overrides = {{"年末结转和结余", "5000"}};
    auto set = json::parse(bench.check(e).body);
    CHECK(set["sheet"]["total"] == "95.50");
    CHECK(set["sheet"]["total_before"] == "96.50");
    bool shown = false;
    for (const auto& f : set["fields"])
        if (f["name"] == "年末结转和结余") shown = f["changed"] == true && f["value"] == "5000";
    CHECK(shown);
    e.overrides = {{"年末结转和结余", "很多"}};
    auto bad = json::parse(bench.check(e).body);
    CHECK(bad["sheet"].is_null());
    CHECK(!bad["data_diagnostics"].empty());

    // Names to complete with, from the real lexer.
    auto names = json::parse(bench.names(huadu(s)).body)["names"];
    CHECK(std::find(names.begin(), names.end(), "结余结转率") == names.end());  // in guangzhou's file, not this one
    CHECK(std::find(names.begin(), names.end(), "履职效能") != names.end());
    CHECK(std::find(names.begin(), names.end(), "年末结转和结余") != names.end());  // an input
}

TEST_CASE("the workbench shows and sets a text datum as people write it, without quotes", "[workbench]") {
    Sandbox s;
    std::string file = slurp(s.folder() / "huadu" / "2023.example.json");
    file.insert(file.find("\"产出目标\""), "\"制度缺漏说明\": \"缺“内控”手册 \\\"附件\\\"\",\n    ");
    write(s.folder() / "huadu" / "text.json", file);
    Edit e = huadu(s);
    e.data = "huadu/text.json";
    auto value_of = [](const json& r, const std::string& name) {
        for (const auto& f : r["fields"])
            if (f["name"] == name) return f["value"].get<std::string>() + (f["changed"] == true ? " (changed)" : "");
        return std::string("(none)");
    };
    auto read = json::parse(Workbench(s.folder(), {}).check(e).body);
    CHECK(value_of(read, "制度缺漏说明") == "缺“内控”手册 \"附件\"");
    CHECK(value_of(read, "年末结转和结余") == "1222.61");
    // Typed without quotes (and with a quote inside): set as typed, never read as syntax.
    e.overrides = {{"制度缺漏说明", "财务科 \"补\" 了"}};
    auto set = json::parse(Workbench(s.folder(), {}).check(e).body);
    CHECK(set["data_diagnostics"].empty());
    CHECK(set["sheet"]["total"] == "96.50");
    CHECK(value_of(set, "制度缺漏说明") == "财务科 \"补\" 了 (changed)");
}

TEST_CASE("the workbench never silently overwrites a file changed on disk", "[workbench]") {
    Sandbox s;
    Workbench bench(s.folder(), {});
    const fs::path file = s.folder() / "huadu" / "2023.pf";
    auto opened = json::parse(bench.open("huadu/2023.pf").body);
    const std::string tag = opened["tag"];
    const std::string mine = opened["text"].get<std::string>() + kStricter;

    // Unsaved text is kept beside the file, and offered when the file is opened again.
    CHECK(bench.journal("huadu/2023.pf", mine).status == 200);
    CHECK(fs::exists(s.folder() / "huadu" / ".2023.pf.unsaved"));
    CHECK(json::parse(bench.open("huadu/2023.pf").body)["journal"] == mine);
    CHECK(bench.journal("../x.pf", mine).status == 403);

    const std::string theirs = slurp(file) + "# 别人改的\n";
    write(file, theirs);
    Edit e = huadu(s);
    e.text = mine;
    auto refused = bench.save(e, tag, false);
    CHECK(refused.status == 409);
    auto body = json::parse(refused.body);
    CHECK(body["error"]["code"] == "E1004");
    CHECK(body["disk_text"] == theirs);
    CHECK(slurp(file) == theirs);

    auto saved = bench.save(e, body["disk_tag"], false);  // the author has seen their change
    REQUIRE(saved.status == 200);
    auto answer = json::parse(saved.body);
    CHECK(answer["total"] == "95.50");  // recompiled from the disk and scored, as :save confirms
    CHECK(answer["grade"] == "优");
    CHECK(slurp(file) == mine);
    CHECK_FALSE(fs::exists(s.folder() / "huadu" / ".2023.pf.unsaved"));
    // The saved text is the new baseline: nothing changed since the last save.
    auto after = json::parse(bench.check(e).body);
    CHECK(after["sheet"]["total_before"] == "95.50");
}

TEST_CASE("the workbench's downloads are what pingfen score writes", "[workbench]") {
    Sandbox s;
    Workbench bench(s.folder(), {});
    auto csv = bench.download(huadu(s), "csv");
    REQUIRE(csv.status == 200);
    CHECK(csv.filename == "huadu-2023.csv");
    auto cli = pingfen::test::run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --format csv");
    CHECK(cli.status == 0);
    CHECK(csv.body == cli.out);
    auto html = bench.download(huadu(s), "html");
    CHECK(html.body == pingfen::test::run_pingfen("score rulesets/huadu/2023.pf rulesets/huadu/2023.example.json --format html").out);
    auto xlsx = bench.download(huadu(s), "xlsx");
    REQUIRE(xlsx.status == 200);
    CHECK(xlsx.body.rfind("PK", 0) == 0);
    CHECK(bench.download(huadu(s), "exe").status == 400);
}

TEST_CASE("the workbench takes uploads into its folder without overwriting", "[workbench]") {
    Sandbox s;
    Workbench bench(s.folder(), {});
    const std::string data = slurp(s.folder() / "huadu" / "2023.example.json");
    CHECK(bench.upload("新部门.json", data).status == 200);
    CHECK(slurp(s.folder() / "新部门.json") == data);
    auto again = bench.upload("新部门.json", "{}");
    CHECK(again.status == 409);
    CHECK(json::parse(again.body)["error"]["code"] == "E1008");
    CHECK(slurp(s.folder() / "新部门.json") == data);
    CHECK(bench.upload("../x.json", data).status == 400);
    CHECK(bench.upload(".hidden.json", data).status == 400);
    CHECK(bench.upload("x.exe", data).status == 400);
    CHECK(bench.upload("bad.json", "{ 不是 JSON").status == 422);
    CHECK_FALSE(fs::exists(s.folder() / "bad.json"));
}

TEST_CASE("the workbench reads an uploaded Excel workbook and scores it", "[workbench]") {
    Sandbox s;
    Workbench bench(s.folder(), {});
    // The data form of huadu 2023, filled in from its example department as a user would.
    const std::string form = (s.folder() / "form.xlsx").string(), filled = (s.folder() / "filled.xlsx").string();
    REQUIRE(pingfen::test::run_pingfen("template rulesets/huadu/2023.pf -o '" + form + "'").status == 0);
    REQUIRE(pingfen::test::shell("/usr/bin/python3 tests/xlsx/fill_form.py '" + form + "' rulesets/huadu/2023.example.json '" +
                                 filled + "'").status == 0);
    const std::string bytes = slurp(filled);
    fs::remove(form);
    fs::remove(filled);
    CHECK(bench.upload("花都.xlsx", bytes).status == 200);
    CHECK(slurp(s.folder() / "花都.xlsx") == bytes);
    Edit e = huadu(s);
    e.data = "花都.xlsx";
    auto checked = json::parse(bench.check(e).body);
    CHECK(checked["sheet"]["total"] == "96.50");
    CHECK(checked["fields"].size() == 50);
    // A datum changed in place over the workbook's data, as over a JSON file's.
    e.overrides = {{"年末结转和结余", "5000"}};
    CHECK(json::parse(bench.check(e).body)["sheet"]["total"] == "95.50");
    // Bytes that are not a workbook are refused and leave nothing behind, not even the trial copy.
    auto bad = bench.upload("坏.xlsx", "PK not a zip");
    CHECK(bad.status == 422);
    CHECK_FALSE(fs::exists(s.folder() / "坏.xlsx"));
    CHECK_FALSE(fs::exists(s.folder() / ".upload-坏.xlsx"));
    CHECK(json::parse(bad.body)["diagnostics"][0]["code"] == "E0416");
}

TEST_CASE("the workbench compares two rulesets over every department in the folder", "[workbench]") {
    Sandbox s;
    Workbench bench(s.folder(), {});
    auto r = bench.compare("huadu/2023.pf", "guangzhou/2022.pf", pingfen::Language::Chinese);
    REQUIRE(r.status == 200);
    CHECK(r.type.rfind("text/html", 0) == 0);
    CHECK(r.body.find("专项效能") != std::string::npos);
    CHECK(r.body.find("广州市花都区科技工业商务和信息化局") != std::string::npos);
    CHECK(bench.compare("../../etc/passwd", "huadu/2023.pf", pingfen::Language::Chinese).status == 403);
}
