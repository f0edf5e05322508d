// The fast JSON reader (data/json_fast.cpp, simdjson On-Demand) against nlohmann's parser, the path it replaces for
// everyday data: wherever the fast reader accepts a text, nlohmann accepts it too and gives the
// same tree — the same kinds, numbers' text, strings, keys and keys' offsets. It may decline
// (then read_json asks nlohmann, which also gives the error messages), never differ.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "data/department.hpp"
#include "data/json_tree.hpp"
#include "support.hpp"

namespace fs = std::filesystem;
using pingfen::data::json::Node;

namespace {

std::string describe(const Node& n) {
    std::ostringstream o;
    switch (n.kind) {
        case Node::Kind::Null: o << "null"; break;
        case Node::Kind::Bool: o << (n.boolean ? "true" : "false"); break;
        case Node::Kind::Number: o << "#" << n.text; break;
        case Node::Kind::String: o << "\"" << n.text << "\""; break;
        case Node::Kind::Array:
            o << "[";
            for (const auto& i : n.items) o << describe(i) << ",";
            o << "]";
            break;
        case Node::Kind::Object:
            o << "{";
            for (const auto& m : n.members) o << m.first << "@" << m.offset << ":" << describe(m.second) << ",";
            o << "}";
            break;
    }
    return o.str();
}

struct Tally {
    int fast = 0, declined = 0;
    int direct = 0;  // read straight into a department (json::read_department)
};

std::string describe(const pingfen::ast::DataValue& v) {
    using K = pingfen::ast::DataValue::Kind;
    std::ostringstream o;
    o << "@" << v.loc.offset << "/" << v.loc.length << "/" << v.loc.line << ":" << v.loc.column << (v.percent ? "%" : "");
    switch (v.kind) {
        case K::Number: o << "#" << v.number.to_plain() << (v.number.is_negative() ? "-" : ""); break;
        case K::Bool: o << (v.boolean ? "true" : "false"); break;
        case K::Text: o << "\"" << v.text << "\""; break;
        case K::List:
            o << "[";
            for (const auto& i : v.list) o << describe(i) << ",";
            o << "]";
            break;
        case K::Object:
            o << "{";
            for (const auto& f : v.fields) o << f.first << ":" << describe(f.second) << ",";
            o << "}";
            break;
    }
    return o.str();
}

std::string describe(const pingfen::DepartmentData& d) {
    std::ostringstream o;
    o << d.department << "|" << (d.year ? std::to_string(*d.year) : "-") << "|";
    for (const auto& f : d.fields)
        o << f.name << "@" << f.loc.offset << "/" << f.loc.length << "/" << f.loc.line << ":" << f.loc.column << "="
          << describe(f.value) << ";";
    return o.str();
}

// read_json's direct path against its tree path: wherever the direct one reads a document, the
// tree gives the same department, fields, places and values, and no message.
void compare_department(const std::string& text, Tally& t) {
    auto src = std::make_shared<const pingfen::SourceFile>("d.json", text);
    auto direct = pingfen::data::json::read_department(src);
    if (!direct) return;
    ++t.direct;
    pingfen::DiagnosticSink sink;
    auto tree = pingfen::data::read_json_tree(src, sink);
    INFO("text: " << text);
    REQUIRE(tree);
    CHECK(sink.size() == 0);
    CHECK(describe(*direct) == describe(*tree));
}

void compare(const std::string& text, Tally& t) {
    compare_department(text, t);
    Node fast, slow;
    const bool fast_ok = pingfen::data::json::scan(text, fast);
    const bool slow_ok = pingfen::data::json::parse_with_nlohmann(text, slow);
    if (!fast_ok) {
        ++t.declined;
        return;
    }
    ++t.fast;
    INFO("text: " << text);
    REQUIRE(slow_ok);
    CHECK(describe(fast) == describe(slow));
}

}  // namespace

TEST_CASE("json scan: edge cases agree with nlohmann or are declined", "[json]") {
    Tally t;
    const std::vector<std::string> cases = {
        R"({"a": 1, "b": -0, "c": 0.50, "d": -12.25, "e": 123456789012345678901234567890, "f": -99999999999999999999})",
        R"({"大": "中文", "空": "", "是": true, "否": false, "无": null, "列": [1, "2", [3], {}], "对": {"x": {"y": []}}})",
        "\xEF\xBB\xBF{\"bom\": 1}",
        " \t\r\n{ \"a\" :\n 1 , \"a\" : 2 }\n ",
        R"({"e": 1e5})", R"({"e": 1E-2})", R"({"e": 2.5e+3})", R"({"esc": "a\"b"})", R"({"u": "\u00e9"})",
        R"({"k\u00e9": 1})", R"({"s": "a/b"})", "{\"c\": 1 /* comment */}", "{\"c\": 1} // comment",
        R"({"a": 1,})", R"([1, 2,])", R"({"a" 1})", R"({"a": 01})", R"({"a": 1.})", R"({"a": .5})", R"({"a": -})",
        R"({"a": +1})", R"({"a": tru})", R"({"a": nul})", R"({"a": "x)", "{\"a\": \"\x01\"}", "{\"a\": \"\xC0\x80\"}",
        "{\"a\": \"\xED\xA0\x80\"}", "{\"a\": \"\xF4\x90\x80\x80\"}", "{\"a\": \"\xE4\xB8\"}", "{\"a\": \"\xFF\"}",
        "", "   ", "[]", "1", "\"s\"", "{} {}", "{}x", R"({"a": 1}})", R"({"a": [1 2]})", R"({"a": NaN})",
        R"({"a": Infinity})", "{\"a\":\v1}", "{\"a\": 1e400}", R"({"a": 0.0000000000000000000000000000000000000001})",
        // What simdjson reads differently from nlohmann unless the fast path declines or checks it.
        R"({"hi": "\ud83d\ude00", "lo": "x"})", R"({"lone": "\ud83d"})", R"({"lone": "\ude00"})",
        R"({"half": "\ud83d\u0041"})", R"({"hex": "\u00E9\u00e9"})", R"({"bad": "\u12G4"})", R"({"bad": "\x41"})",
        R"({"nul": "a\u0000b"})", R"({"all": "\"\\\/\b\f\n\r\t"})", R"({"k\"q": 1, "k\\": 2, "\u0041": 3})",
        "{\"tab\": \"a\tb\"}", "{\"k\tk\": 1}", "{\"nl\": \"a\nb\"}", "{\"del\": \"\x7F\"}",
        R"({"n": -0.0, "m": 18446744073709551615, "o": 18446744073709551616, "p": -9223372036854775808})",
        R"({"q": -9223372036854775809, "r": 1.5e3, "s": 1x, "t": truex, "u": nullx, "v": -, "w": 00})",
        R"({"dup": 1, "dup": 2, "dup": {"dup": 3}})", "{\"a\": 1}\n", "{\"a\": 1}\r\n\t ", "{\"a\":1}\n{\"b\":2}",
        R"({"a": [1,2,3], "b": [[], [[]], {}]})", R"({"a": [1,,2]})", R"({"a": [,]})", R"({,})", R"({"a":})",
        R"({"a": 1 "b": 2})", R"({"a": "1" "b"})", R"({"a": [1}]})", R"({"a": {]})", "{\"a\": 1", "{\"a\": [1, 2",
        "{\"a\": \"x", "{\"a", "{", "\xEF\xBB\xBF", "\xEF\xBB{}", "\xEF\xBB\xBF\xEF\xBB\xBF{}", "{\"\xEF\xBB\xBF\": 1}",
        "{\"a\": \"\xE4\xB8\xAD\xF0\x9F\x98\x80\"}", "{\"\xE4\xB8\xAD\": 1}", "{\"a\": 1}\xE4\xB8\xAD", "{\"a\": 1, \"b\": \xE4\xB8\xAD}",
    };
    for (const auto& c : cases) compare(c, t);
    std::string deep;
    for (int i = 0; i < 70; ++i) deep += "[";
    for (int i = 0; i < 70; ++i) deep += "]";
    compare("{\"d\": " + deep + "}", t);
    // Around the fast path's own depth limit (60, below the SAX builder's 64).
    for (int depth : {58, 59, 60, 61, 62, 63, 64, 65}) {
        std::string nested = "{\"d\": 0}";
        for (int i = 1; i < depth; ++i) nested = (i % 2 ? "[" : "{\"e\": ") + nested + (i % 2 ? "]" : "}");
        compare("{\"top\": " + nested + "}", t);
    }
    CHECK(t.fast >= 20);
    CHECK(t.direct >= 10);
}

TEST_CASE("json scan: every JSON file and JSON Lines record in the repository, and their truncations", "[json]") {
    Tally t;
    int files = 0;
    for (const char* dir : {"tests", "rulesets", "examples", "docs"}) {
        const fs::path base = fs::path(PINGFEN_SOURCE_DIR) / dir;
        if (!fs::exists(base)) continue;
        for (const auto& e : fs::recursive_directory_iterator(base)) {
            const std::string ext = e.path().extension().string();
            if (!e.is_regular_file() || (ext != ".json" && ext != ".jsonl")) continue;
            ++files;
            const std::string text = pingfen::test::slurp(e.path());
            std::vector<std::string> docs;
            if (ext == ".json") docs.push_back(text);
            else {
                std::istringstream in(text);
                for (std::string line; std::getline(in, line);) docs.push_back(line);
            }
            for (const auto& d : docs) {
                compare(d, t);
                // Cut short, and with a byte changed: the fast reader must decline or agree.
                for (std::size_t cut = 1; cut < d.size(); cut += 1 + d.size() / 40) compare(d.substr(0, cut), t);
                for (std::size_t at = 0; at < d.size(); at += 1 + d.size() / 40)
                    for (char c : {'"', ',', '}', '0', '-', '\\', ' '}) {
                        std::string m = d;
                        m[at] = c;
                        compare(m, t);
                    }
            }
        }
    }
    CHECK(files >= 10);
    CHECK(t.fast >= files);  // the everyday files take the fast path
    CHECK(t.direct >= files);
}

TEST_CASE("json scan: seeded random edits of a department file agree with nlohmann or are declined", "[json]") {
    // Escapes, digits, exponents, structure, control bytes and pieces of UTF-8: the places where
    // simdjson and nlohmann could part ways. A fixed seed, so a failure can be repeated.
    const std::string base = pingfen::test::slurp(fs::path(PINGFEN_SOURCE_DIR) / "rulesets" / "huadu" / "2023.example.json");
    const std::string alphabet = std::string("\"\\/u0123456789abcdefABCDEF.eE+-,:{}[] \t\r\ntfnl") + '\0' + "\x01\x1F\x7F\x80\xBF\xC0\xE4\xED\xF0\xFF";
    std::mt19937 rng(20231201);
    Tally t;
    for (int round = 0; round < 3000; ++round) {
        std::string m = base;
        const int edits = 1 + static_cast<int>(rng() % 3);
        for (int k = 0; k < edits; ++k) {
            const std::size_t at = rng() % m.size();
            const char c = alphabet[rng() % alphabet.size()];
            switch (rng() % 3) {
                case 0: m[at] = c; break;
                case 1: m.insert(m.begin() + static_cast<std::ptrdiff_t>(at), c); break;
                default: m.erase(at, 1 + rng() % 4); break;
            }
        }
        compare(m, t);
    }
    CHECK(t.fast >= 100);  // many edits (inside a string, a digit for a digit) keep the text valid
    CHECK(t.direct >= 100);
}

TEST_CASE("json scan: department shapes read straight into fields agree with the tree", "[json]") {
    Tally t;
    const std::vector<std::string> cases = {
        R"({"部门": "甲", "年度": 2023, "数据": {"a": 1, "_说明": "x", "b": null, "c": [1, null], "d": [1, 2], "e": -0, "f": -0.0}})",
        R"({"部门名称": "乙", "单位名称": "丙", "年度": "2024", "a": {"x": 1, "_y": 2, "z": null}, "b": "是", "_c": 3})",
        R"({"department": "D", "year": 2023.0, "data": {"k": true}, "inputs": {"k": false}, "数据": 5})",
        R"({"部门": "甲", "部门": "乙", "年度": 1e3, "数据": {"a": 1}})",
        R"({"部门": 5, "年度": null, "数据": {"a": {"b": {"c": [{"d": "e"}]}}}})",
        R"({"单位名称": "丙", "部门": "甲", "x": 1})",
        R"({"数据": {"k\u00e9": 1}})", R"({"k\u00e9": 1})", R"({"a": 1, "数据": {}, "b": 2})",
        R"({"数据": {"a": 1234567890123456789012345678901234567}})", R"({"_x": 12345678901234567890123456789012345678})",
        R"({"数据": {"产出目标": [{"名称": "产出指标 1", "目标": "≥800", "实际": 812, "权重": 4.5}], "月度执行率": ["96.15%"]}})",
        "\xEF\xBB\xBF{\"部门\": \"甲\", \"数据\": {\"中\": 1}}", "{\"a\":\n 1,\n \"b\": \"x\\ny\"}",
    };
    for (const auto& c : cases) compare(c, t);
    // Declined: the two escaped keys, the two numbers of 37 and 38 digits, 部门 given twice (with
    // 1e3), which the tree path refuses (E0410), the values given as data, inputs and 数据, and
    // the keys beside 数据 that are not read (a and b), which the tree path warns of (W0408).
    CHECK(t.direct == 6);
}

// A key's length in code points is counted a word at a time, its last bytes in an overlapping
// word (json_fast.cpp, field_loc): keys of every byte length from 1 to 25, ASCII, Chinese and
// mixed, so that every split of a character across the words is met, as the tree counts them.
TEST_CASE("json scan: key lengths in code points agree with the tree at every byte length", "[json]") {
    Tally t;
    const std::vector<std::string> pieces = {"a", "中", "éa", "ab中", "𝄞"};
    for (std::size_t len = 1; len <= 25; ++len)
        for (const auto& piece : pieces) {
            std::string key;
            while (key.size() < len) key += piece;
            key.resize(len);
            // Cut inside a character: end on whole ones (the text must stay UTF-8).
            while (!key.empty() && (static_cast<unsigned char>(key.back()) & 0xC0) == 0x80) key.pop_back();
            if (!key.empty() && static_cast<unsigned char>(key.back()) >= 0xC0) key.pop_back();
            if (key.empty()) continue;
            compare("{\"部门\": \"甲\", \"数据\": {\"" + key + "\": 1, \"x" + key + "\": 2}}", t);
            compare("{\"部门\": \"甲\", \"" + key + "\": 1}", t);
        }
    CHECK(t.direct > 200);
}
