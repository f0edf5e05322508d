// A worker of batch reads record after record into one DataResult (DepartmentReader::parse_into)
// and scores into one LeafScores (score_leaves into a buffer): what is left of an earlier
// record must never show in a later one. Each record read and scored that way must give exactly
// what it gives read and scored alone.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>
#include <unistd.h>

#include "data/department.hpp"
#include "pingfen/pingfen.hpp"

namespace fs = std::filesystem;

namespace {

// Everything a department holds, its places included, as text.
void describe(const pingfen::ast::DataValue& v, std::string& out) {
    const pingfen::Loc l = v.loc.resolved();
    out += fmt::format("<{} @{}:{}+{} n={} p={} b={} t='{}'", static_cast<int>(v.kind), l.line, l.column, l.length,
                       v.number.to_string(), v.percent, v.boolean, v.text);
    for (const auto& item : v.list) describe(item, out);
    for (const auto& f : v.fields) {
        out += " " + f.first + "=";
        describe(f.second, out);
    }
    out += ">";
}

std::string describe(const pingfen::DataResult& r) {
    std::string out;
    for (const auto& d : r.diagnostics) out += pingfen::render(d) + "\n";
    if (!r.data) return out + "(no data)";
    const pingfen::DepartmentData& d = *r.data;
    out += fmt::format("{} {} {}\n", d.department, d.year ? *d.year : 0, d.source ? d.source->text : "");
    for (const auto& f : d.fields) {
        const pingfen::Loc l = f.loc.resolved();
        out += fmt::format("{} @{}:{}+{} ", f.name, l.line, l.column, l.length);
        describe(f.value, out);
        out += "\n";
    }
    return out;
}

std::string describe(const pingfen::LeafScores& s) {
    std::string out = s.department + " " + (s.total ? s.total->to_string() : "-") + " " + s.grade + "\n";
    for (const auto& l : s.leaves) out += (l ? l->to_string() : "-") + ",";
    out += "\n";
    for (const auto& d : s.diagnostics) out += pingfen::render(d) + "\n";
    return out;
}

// Records chosen so that each leaves something behind that the next must not see.
const char* const kRecords[] = {
    // Two goal rows, a rate as text.
    R"({"部门": "甲局", "年度": 2024, "数据": {"支出率": "99.99%", "问题数": 0, "做了盘点": true, "产出目标": [{"名称": "产出一", "目标": 10, "实际": 8}, {"名称": "产出二", "目标": "≥5", "实际": 5, "权重": 2}]}})",
    // Numbers where the goal rows were (E0411): the rows' fields must not stay behind.
    R"({"部门": "辛局", "数据": {"支出率": 0.9, "问题数": 0, "做了盘点": true, "产出目标": [5, "6"]}})",
    // Lacks 做了盘点 and the goal table, has a field the first lacks (an extra, W0401), keys in
    // another order, and a comment.
    R"({"数据": {"问题数": 3, "支出率": 0.5, "_说明": "备注", "多余": "x"}, "部门": "乙局的一个很长很长的名字"})",
    // A key set of its own: a flat object, no 数据, and three goal rows with text numbers.
    R"({"department": "丙局", "支出率": "80%", "问题数": 1, "做了盘点": false, "产出目标": [{"名称": "一", "目标": 1, "实际": 1, "权重": "50%"}, {"名称": "二", "目标": 2, "实际": 1}, {"名称": "三", "目标": 4, "实际": 4}]})",
    // Broken JSON between good records.
    R"({"部门": "坏局", "数据": {"支出率": 0.8, "问题数": 1, "做了盘点": false)",
    // Bad values: a percentage out of range, a count that is not whole, a null.
    R"({"部门": "丁局", "数据": {"支出率": "180%", "问题数": 2.5, "做了盘点": null, "产出目标": [{"名称": "产出一", "目标": 10}]}})",
    // A key written with an escape (the long way), then a good record again.
    R"({"部门": "戊局", "数据": {"\u652F出率": 0.9, "问题数": 0, "做了盘点": true}})",
    R"({"部门": "己局", "数据": {"支出率": 0.9, "问题数": 0, "做了盘点": true, "产出目标": []}})",
    // A key beside 数据 that is not read (W0408, the long way), and no department.
    R"({"年度": 2023, "问题数": 9, "数据": {"支出率": 0.7, "问题数": 1, "做了盘点": true}})",
    // Not an object at all.
    R"([1, 2, 3])",
    R"({"部门": "庚局", "数据": {"支出率": 1, "问题数": 0, "做了盘点": true, "产出目标": [{"名称": "产出一", "目标": 10, "实际": 12}]}})",
};

fs::path write_jsonl(const std::string& tag, const std::vector<std::string>& records) {
    fs::path p = fs::temp_directory_path() / ("pingfen_reuse_" + tag + "_" + std::to_string(::getpid()) + ".jsonl");
    std::ofstream out(p, std::ios::binary);
    for (const auto& r : records) out << r << "\n";
    return p;
}

}  // namespace

TEST_CASE("parse_into and score_leaves into a buffer give each record what it gives alone, in any order", "[batch]") {
    auto compiled = pingfen::compile_file(std::string(PINGFEN_SOURCE_DIR) + "/tests/batch/simple.pf");
    REQUIRE(compiled.ok());
    const pingfen::Ruleset& r = *compiled.ruleset;
    std::vector<std::string> records(std::begin(kRecords), std::end(kRecords));
    // Forwards, backwards, and each record twice running.
    std::vector<std::vector<std::string>> orders{records, {records.rbegin(), records.rend()}, {}};
    for (const auto& rec : records) orders[2].push_back(rec), orders[2].push_back(rec);
    int tag = 0;
    for (const auto& order : orders) {
        fs::path file = write_jsonl(std::to_string(tag++), order);
        std::vector<pingfen::Diagnostic> problems;
        auto reused = pingfen::DepartmentReader::open(file.string(), "", problems);
        auto alone = pingfen::DepartmentReader::open(file.string(), "", problems);
        REQUIRE(reused);
        REQUIRE(alone);
        pingfen::DataResult data;
        pingfen::LeafScores scores;
        pingfen::DepartmentReader::Record raw;
        int n = 0;
        while (reused->next_record(raw)) {
            INFO("record " << n << ": " << raw.text);
            reused->parse_into(raw, data);
            const pingfen::DataResult fresh = alone->parse(raw);
            CHECK(describe(data) == describe(fresh));
            CHECK(data.ok() == fresh.ok());
            if (data.ok() && fresh.ok()) {
                pingfen::score_leaves(r, *data.data, scores);
                CHECK(describe(scores) == describe(pingfen::score_leaves(r, *fresh.data)));
            }
            ++n;
        }
        CHECK(n == static_cast<int>(order.size()));
        fs::remove(file);
    }
}

TEST_CASE("parse_into reads into data nothing else holds, and leaves data held elsewhere alone", "[batch]") {
    fs::path file = write_jsonl("held", {kRecords[0], kRecords[7]});
    std::vector<pingfen::Diagnostic> problems;
    auto reader = pingfen::DepartmentReader::open(file.string(), "", problems);
    REQUIRE(reader);
    pingfen::DepartmentReader::Record raw;
    pingfen::DataResult data;
    REQUIRE(reader->next_record(raw));
    reader->parse_into(raw, data);
    REQUIRE(data.ok());
    const std::shared_ptr<const pingfen::DepartmentData> kept = data.data;  // held by the caller too
    const std::string before = describe(data);
    REQUIRE(reader->next_record(raw));
    reader->parse_into(raw, data);
    REQUIRE(data.ok());
    CHECK(data.data != kept);  // a new department, not the one still held
    CHECK(kept->department == "甲局");
    pingfen::DataResult again{kept, {}};
    CHECK(describe(again) == before);
    CHECK(data.data->department == "己局");
    fs::remove(file);
}

TEST_CASE("batch of records with differing keys, a bad record between good ones: each row as scored alone", "[batch]") {
    std::vector<std::string> records(std::begin(kRecords), std::end(kRecords));
    fs::path all = write_jsonl("all", records);
    for (const char* format : {"csv", "jsonl"}) {
        INFO(format);
        auto whole = pingfen::test::run_pingfen(fmt::format("batch tests/batch/simple.pf {} -j 1 --format {}", all.string(), format));
        std::vector<std::string> rows;
        std::istringstream in(whole.out);
        for (std::string l; std::getline(in, l);) rows.push_back(l);
        const std::size_t header = std::string(format) == "csv" ? 1 : 0;
        REQUIRE(rows.size() == records.size() + header);
        for (std::size_t i = 0; i < records.size(); ++i) {
            INFO("record " << i);
            fs::path one = write_jsonl("one", {records[i]});
            auto single = pingfen::test::run_pingfen(fmt::format("batch tests/batch/simple.pf {} -j 1 --format {}", one.string(), format));
            std::vector<std::string> alone;
            std::istringstream in1(single.out);
            for (std::string l; std::getline(in1, l);) alone.push_back(l);
            REQUIRE(alone.size() == 1 + header);
            // The same row but for its line number, which counts from the record's place.
            std::string expected = alone[header];
            const std::string line1 = std::string(format) == "csv" ? "1," : "{\"line\": 1,";
            const std::string lineN = std::string(format) == "csv" ? std::to_string(i + 1) + "," : fmt::format("{{\"line\": {},", i + 1);
            REQUIRE(expected.compare(0, line1.size(), line1) == 0);
            expected.replace(0, line1.size(), lineN);
            CHECK(rows[i + header] == expected);
            fs::remove(one);
        }
    }
    fs::remove(all);
}
