// The score sheet as a view (issue 14, item 3): what every department's sheet shows alike (names,
// paths, levels, 指标解释, 评分标准, the tree's shape) is built once per compiled ruleset and
// shared; a sheet and any node copied out of it stay valid on their own after the ruleset, the
// result and the sheet they came from are gone; sheets are built on many threads at once.
#include <catch2/catch.hpp>

#include <memory>
#include <string>
#include <thread>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace {

using pingfen::ScoreNode;

// Two levels, a parent of two leaves, a top-level leaf, texts, a bonus and a penalty item.
const char* kRules = R"(规则集 "视图" 年度 2024 总分 10
舍入 叶指标 四舍五入 保留 2 位
输入 { 甲 是否  次数 计数 }
一级指标 一 6 {
  二级指标 二甲 2 {
    解释 "甲的解释"
    标准 "是则得满分"
    若 甲 则 得满分 否则 不得分
  }
  二级指标 二乙 4 {
    三级指标 三甲 2 { 得满分 }
    三级指标 三乙 2 { 得 1.5 分 }
  }
}
一级指标 独 4 { 若 甲 则 得满分 否则 不得分 }
加分项 表彰 最多 3 分 { 解释 "表彰的解释"  得 次数 × 1 分 }
减分项 问责 最多 2 分 { 得 次数 × 2 分 }
)";

std::shared_ptr<const pingfen::DepartmentData> department(bool yes) {
    auto d = pingfen::parse_data("d.data.pf", std::string("数据 \"某局\" 年度 2024 { 甲 = ") + (yes ? "是" : "否") + "  次数 = 1 }");
    REQUIRE(d.ok());
    return d.data;
}

// Everything a node says, and its children's, as one line each.
void dump(const ScoreNode& n, std::string& out) {
    std::string path;
    for (const auto& p : n.path()) path += (path.empty() ? "" : ".") + p;
    out += std::string(static_cast<std::size_t>(n.level() * 2), ' ') + n.name() + " [" + path + "] " +
           n.weight().to_string() + " " + (n.score() ? n.score()->to_string() : "-") + " " +
           (n.kind() == ScoreNode::Kind::Indicator ? "I" : n.kind() == ScoreNode::Kind::Bonus ? "B" : "P") +
           (n.not_applicable() ? " na" : "") + " «" + n.explanation() + "|" + n.standard() + "» " + n.basis() + "\n";
    for (const auto& c : n.children()) dump(c, out);
}

std::string dump(const pingfen::ScoreSheet& s) {
    std::string out;
    for (const auto& n : s.indicators()) dump(n, out);
    for (const auto& n : s.adjustments()) dump(n, out);
    return out;
}

}  // namespace

TEST_CASE("sheet view: the tree, the texts and the numbers read through accessors", "[sheet]") {
    auto compiled = pingfen::compile_source("view.pf", kRules);
    REQUIRE(compiled.ok());
    auto scored = pingfen::score(*compiled.ruleset, *department(true));
    REQUIRE(scored.ok());
    CHECK(dump(*scored.sheet) ==
          "  一 [一] 6 5.5 I «|» \n"
          "    二甲 [一.二甲] 2 2 I «甲的解释|是则得满分» 甲：是，得满分 2 分\n"
          "    二乙 [一.二乙] 4 3.5 I «|» \n"
          "      三甲 [一.二乙.三甲] 2 2 I «|» 得满分 2 分\n"
          "      三乙 [一.二乙.三乙] 2 1.5 I «|» 得 1.5 分\n"
          "  独 [独] 4 4 I «|» 甲：是，得满分 4 分\n"
          "  表彰 [表彰] 3 1 B «表彰的解释|» 得 1 × 1 = 1 分\n"
          "  问责 [问责] 2 2 P «|» 得 1 × 2 = 2 分\n");
    const ScoreNode& top = scored.sheet->indicators()[0];
    CHECK_FALSE(top.is_leaf());
    CHECK(top.children().size() == 2);
    CHECK(top.children()[1].children()[1].is_leaf());

    // ScoreOptions::texts = false leaves the texts out, and nothing else.
    auto plain = pingfen::score(*compiled.ruleset, *department(true), {.texts = false});
    REQUIRE(plain.sheet);
    CHECK(plain.sheet->indicators()[0].children()[0].explanation().empty());
    CHECK(plain.sheet->indicators()[0].children()[0].standard().empty());
    CHECK(plain.sheet->adjustments()[0].explanation().empty());
    CHECK(pingfen::sheet_as_json(*plain.sheet) == pingfen::sheet_as_json(*scored.sheet));
}

TEST_CASE("sheet view: every sheet of a ruleset shares its names and texts, not its numbers", "[sheet]") {
    auto compiled = pingfen::compile_source("view.pf", kRules);
    REQUIRE(compiled.ok());
    auto yes = pingfen::score(*compiled.ruleset, *department(true));
    auto no = pingfen::score(*compiled.ruleset, *department(false));
    REQUIRE((yes.sheet && no.sheet));
    const ScoreNode& a = yes.sheet->indicators()[0].children()[0];
    const ScoreNode& b = no.sheet->indicators()[0].children()[0];
    // The same strings, not equal copies: built once when the ruleset was compiled.
    CHECK(&a.name() == &b.name());
    CHECK(&a.path() == &b.path());
    CHECK(&a.explanation() == &b.explanation());
    CHECK(a.score()->to_string() == "2");
    CHECK(b.score()->to_string() == "0");
    CHECK(a.basis() != b.basis());
}

TEST_CASE("sheet view: a sheet and a node copied out outlive the ruleset and the result", "[sheet]") {
    std::optional<ScoreNode> parent, leaf;
    std::optional<pingfen::ScoreSheet> sheet;
    std::string before;
    {
        auto compiled = pingfen::compile_source("view.pf", kRules);
        REQUIRE(compiled.ok());
        auto scored = pingfen::score(*compiled.ruleset, *department(true));
        REQUIRE(scored.sheet);
        before = dump(*scored.sheet);
        parent = scored.sheet->indicators()[0];                  // a copy of a node with children
        leaf = parent->children()[1].children()[0];              // a copy taken from a copy
        sheet = *scored.sheet;                                   // a copy of the whole sheet
        ScoreNode assigned;
        assigned = scored.sheet->adjustments()[0];
        CHECK(assigned.name() == "表彰");
        assigned = assigned;  // itself: unchanged
        CHECK(assigned.name() == "表彰");
    }  // the compile result, the ruleset, the score result and its sheet are gone
    CHECK(dump(*sheet) == before);
    std::string again;
    dump(*parent, again);
    CHECK(before.rfind(again, 0) == 0);  // the first lines of the sheet: 一 and everything below it
    CHECK(leaf->name() == "三甲");
    CHECK(leaf->path() == std::vector<std::string>{"一", "二乙", "三甲"});
    CHECK(leaf->score()->to_string() == "2");
    CHECK(parent->children()[0].explanation() == "甲的解释");
    sheet.reset();
    CHECK(parent->children()[0].standard() == "是则得满分");  // the copy alone keeps them now

    // Moved from, a node and a sheet are empty, not views of what the other now holds.
    ScoreNode moved = std::move(*leaf);
    CHECK(moved.name() == "三甲");
    CHECK(leaf->name().empty());
    CHECK_FALSE(leaf->score());
    auto whole = pingfen::score(*pingfen::compile_source("view.pf", kRules).ruleset, *department(true));
    pingfen::ScoreSheet taken = std::move(*whole.sheet);
    CHECK(taken.indicators().size() == 2);
    CHECK(whole.sheet->indicators().empty());
    CHECK(whole.sheet->adjustments().empty());

    // A default node is empty, not a crash.
    const ScoreNode none;
    CHECK(none.name().empty());
    CHECK(none.path().empty());
    CHECK(none.children().empty());
    CHECK_FALSE(none.score());
    CHECK(pingfen::ScoreSheet{}.indicators().empty());
}

TEST_CASE("sheet view: sheets of one ruleset built on several threads at once are identical", "[sheet]") {
    auto compiled = pingfen::compile_source("view.pf", kRules);
    REQUIRE(compiled.ok());
    const auto data = department(true);
    const std::string reference = pingfen::sheet_as_json(*pingfen::score(*compiled.ruleset, *data).sheet);
    constexpr int kThreads = 4, kRounds = 50;
    std::vector<int> differ(kThreads, 0);
    std::vector<ScoreNode> kept(kThreads);  // one node per thread, read after every sheet is gone
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t)
        threads.emplace_back([&, t] {
            for (int i = 0; i < kRounds; ++i) {
                auto r = pingfen::score(*compiled.ruleset, *data);
                differ[static_cast<std::size_t>(t)] += !r.sheet || pingfen::sheet_as_json(*r.sheet) != reference;
                if (i == kRounds - 1) kept[static_cast<std::size_t>(t)] = r.sheet->indicators()[1];
            }
        });
    for (auto& th : threads) th.join();
    compiled.ruleset.reset();
    for (int t = 0; t < kThreads; ++t) {
        CHECK(differ[static_cast<std::size_t>(t)] == 0);
        CHECK(kept[static_cast<std::size_t>(t)].name() == "独");
        CHECK(kept[static_cast<std::size_t>(t)].score()->to_string() == "4");
    }
}

// score() writes a department's sheet over the nodes of the sheet it built before on the same
// thread once nothing holds them (api/sheet.cpp, start_reusing): every sheet must read as if
// built fresh (no score, basis, 不适用 or texts left from the one before), and a sheet, a copy
// of it or a node copied out of it that is still held must never change.
TEST_CASE("sheet view: a sheet let go is built over for the next department and one held never", "[sheet]") {
    auto compiled = pingfen::compile_source("na.pf", R"(规则集 "不适用" 年度 2024 总分 5
舍入 叶指标 四舍五入 保留 2 位
输入 { 无转移支付 是否  涉密单位 是否  已公开 是否  按时下达 是否  按时批复 是否 }
指标 转移支付 3 {
  指标 转移支付下达 1 {
    不适用 若 无转移支付，分值移至 转移支付.预算批复
    若 按时下达 则 得满分 否则 不得分
  }
  指标 预算批复 2 { 若 按时批复 则 得满分 否则 不得分 }
}
指标 信息公开 2 {
  不适用 若 涉密单位，得满分，理由 "涉密单位免于公开"
  若 已公开 则 得满分 否则 不得分
}
)");
    REQUIRE(compiled.ok());
    const pingfen::Ruleset& r = *compiled.ruleset;
    auto data = [](const char* body) {
        auto d = pingfen::parse_data("d.data.pf", std::string("数据 \"某局\" 年度 2024 { ") + body + " }");
        REQUIRE(d.ok());
        return d.data;
    };
    // Both not applicable; both applying; 按时批复 left out (E0401: unscored, no total).
    const std::vector<std::shared_ptr<const pingfen::DepartmentData>> departments{
        data("无转移支付 = 是  涉密单位 = 是  已公开 = 否  按时下达 = 否  按时批复 = 是"),
        data("无转移支付 = 否  涉密单位 = 否  已公开 = 是  按时下达 = 是  按时批复 = 否"),
        data("无转移支付 = 否  涉密单位 = 否  已公开 = 是  按时下达 = 是")};
    const std::vector<pingfen::ScoreOptions> options{
        {}, {.explain = false}, {.explain = false, .texts = false}, {.language = pingfen::Language::English}};
    auto full = [](const pingfen::ScoreResult& s) {
        std::string out = dump(*s.sheet) + "total " + (s.sheet->total ? s.sheet->total->to_string() : "-") + "\n";
        for (const auto& d : s.diagnostics) out += d.code + "\n";
        return out;
    };
    // Each sheet built fresh: every result held, so no node is written over.
    std::vector<pingfen::ScoreResult> held;
    std::vector<std::string> fresh;
    for (const auto& d : departments)
        for (const auto& o : options) {
            held.push_back(pingfen::score(r, *d, o));
            REQUIRE(held.back().sheet);
            fresh.push_back(full(held.back()));
        }
    CHECK(fresh[0].find(" na ") != std::string::npos);  // what could be left over is there to leave
    CHECK(fresh[0].find("涉密单位免于公开") != std::string::npos);
    CHECK(fresh[4].find(" na ") == std::string::npos);
    CHECK(fresh[8].find("E0401") != std::string::npos);
    CHECK(fresh[8].find("total -") != std::string::npos);
    const std::vector<std::string> before = [&] {
        std::vector<std::string> out;
        for (const auto& h : held) out.push_back(full(h));
        return out;
    }();
    // Now each result dropped before the next is scored, in an order where every department and
    // every option follows every other.
    const std::size_t n = fresh.size();
    const pingfen::ScoreNode* first = nullptr;
    for (std::size_t step = 0; step < n * n; ++step) {
        const std::size_t k = (step / n + step * 5) % n;
        auto s = pingfen::score(r, *departments[k / options.size()], options[k % options.size()]);
        REQUIRE(s.sheet);
        INFO("step " << step << ", sheet " << k);
        CHECK(full(s) == fresh[k]);
        if (step == 1) first = &s.sheet->indicators()[0];
#if !defined(__SANITIZE_THREAD__)  // not reused under ThreadSanitizer (api/sheet.cpp says why)
        if (step == 2) CHECK(&s.sheet->indicators()[0] == first);  // the same nodes, written over
#endif
    }
    // A node copied out, and a sheet copied, keep what they said while the next are scored.
    pingfen::ScoreNode kept = pingfen::score(r, *departments[0]).sheet->indicators()[1];
    pingfen::ScoreSheet copy = *pingfen::score(r, *departments[0]).sheet;
    for (int i = 0; i < 3; ++i) (void)pingfen::score(r, *departments[1]);
    CHECK(kept.not_applicable() == false);
    CHECK(kept.score()->to_string() == "2");
    CHECK(kept.basis().find("涉密单位免于公开") != std::string::npos);
    CHECK(dump(copy) == dump(*held[0].sheet));
    for (std::size_t i = 0; i < held.size(); ++i) CHECK(full(held[i]) == before[i]);
}
