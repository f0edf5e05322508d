// The public API's promises to a host: imports resolved the host's way, and no exception
// crossing the boundary.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>

#include "api/guard.hpp"
#include "pingfen/pingfen.hpp"

using namespace pingfen;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

const Diagnostic* find_code(const std::vector<Diagnostic>& ds, const std::string& code) {
    for (const auto& d : ds)
        if (d.code == code) return &d;
    return nullptr;
}

}  // namespace

TEST_CASE("api: a host serves imports from its own store", "[api]") {
    // The city, the shared module and the district as a database would hold them, under names
    // that exist nowhere on disk.
    const fs::path root = PINGFEN_SOURCE_DIR "/rulesets";
    std::map<std::string, std::string> store = {
        {"db/guangzhou/2022.pf", slurp(root / "guangzhou/2022.pf")},
        {"db/common/management.pf", slurp(root / "common/management.pf")},
    };
    std::vector<std::string> asked;
    CompileOptions opts;
    opts.read_import = [&](const std::string& path) -> std::optional<std::string> {
        asked.push_back(path);
        auto it = store.find(path);
        if (it == store.end()) return std::nullopt;
        return it->second;
    };
    CompileResult c = compile_source("db/huadu/2023.pf", slurp(root / "huadu/2023.pf"), opts);
    REQUIRE(c.ok());
    CHECK(asked == std::vector<std::string>{"db/guangzhou/2022.pf", "db/common/management.pf"});
    DataResult d = load_data_file((root / "huadu/2023.example.json").string());
    REQUIRE(d.ok());
    ScoreResult s = score(*c.ruleset, *d.data);
    REQUIRE(s.sheet->total);
    CHECK(s.sheet->total->to_fixed(2) == "96.50");
}

TEST_CASE("api: a host that allows no imports gets E0602, not a file read", "[api]") {
    const fs::path root = PINGFEN_SOURCE_DIR "/rulesets";
    CompileOptions opts;
    opts.read_import = [](const std::string&) -> std::optional<std::string> { return std::nullopt; };
    // The real path: the file system would find the city's ruleset, the host's reader does not.
    CompileResult c = compile_file((root / "huadu/2023.pf").string(), opts);
    CHECK_FALSE(c.ok());
    const Diagnostic* d = find_code(c.diagnostics, "E0602");
    REQUIRE(d);
    CHECK(d->line == 9);
    // The default still reads the file system.
    CHECK(compile_file((root / "huadu/2023.pf").string()).ok());
}

TEST_CASE("api: an exception inside pingfen comes back as E0010, not through the host", "[api]") {
    auto thrown = api::guarded<ScoreResult>("某部门", []() -> ScoreResult { throw std::logic_error("bad state"); });
    CHECK_FALSE(thrown.sheet);
    CHECK_FALSE(thrown.ok());
    REQUIRE(thrown.diagnostics.size() == 1);
    CHECK(thrown.diagnostics[0].code == "E0010");
    CHECK(thrown.diagnostics[0].path == "某部门");
    CHECK(thrown.diagnostics[0].message_en == "pingfen internal error (please report it): bad state");
    CHECK(render(thrown.diagnostics[0]).find("E0010") != std::string::npos);

    auto oom = api::guarded<CompileResult>("a.pf", []() -> CompileResult { throw std::bad_alloc(); });
    CHECK_FALSE(oom.ok());
    REQUIRE(oom.diagnostics.size() == 1);
    CHECK(oom.diagnostics[0].message_zh == "内存不足，无法完成");

    auto odd = api::guarded<DataResult>("d.json", []() -> DataResult { throw 42; });
    CHECK_FALSE(odd.ok());
    CHECK(odd.diagnostics.at(0).code == "E0010");

    auto fine = api::guarded<DataResult>("d.json", [] { return parse_data("d.json", R"({"数据": {}})"); });
    CHECK(fine.ok());
}
