// Output that never reached the disk is an error (E0011, exit status 1), in every command and
// format, and `-o FILE` is replaced only by a complete file: a failed write leaves the old file
// and no temporary file behind.
#include <catch2/catch.hpp>

#include "support.hpp"

#include <chrono>
#include <filesystem>
#include <fstream>
#include <sys/stat.h>
#include <unistd.h>

#include "pingfen/pingfen.hpp"
#include "repl_engine.hpp"

namespace fs = std::filesystem;

namespace {

using pingfen::test::run_pingfen;
using pingfen::test::Run;
using pingfen::test::shell;
using pingfen::test::slurp;

const std::string kHuadu = "rulesets/huadu/2023.pf rulesets/huadu/2023.example.json";
const std::string kFullZh = "错误[E0011]：无法写入标准输出：磁盘空间不足\n";
const std::string kFullEn = "error[E0011]: cannot write to standard output: No space left on device\n";

bool has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct TempDir {
    fs::path path;
    TempDir() {
        path = fs::temp_directory_path() / ("pingfen_output_test_" + std::to_string(::getpid()) + "_" +
                                            std::to_string(std::chrono::steady_clock::now().time_since_epoch().count()));
        fs::create_directories(path);
    }
    ~TempDir() {
        std::error_code ec;
        fs::permissions(path, fs::perms::owner_all, fs::perm_options::add, ec);
        fs::remove_all(path, ec);
    }
    std::vector<std::string> names() const {
        std::vector<std::string> out;
        for (const auto& e : fs::directory_iterator(path)) out.push_back(e.path().filename().string());
        std::sort(out.begin(), out.end());
        return out;
    }
};

void write_file(const fs::path& p, const std::string& text) {
    std::ofstream f(p, std::ios::binary);
    f << text;
}

}  // namespace

TEST_CASE("output: score to a full disk is E0011 with exit status 1, in every format", "[output]") {
    for (const char* format : {"table", "json", "csv", "md", "html"}) {
        INFO(format);
        Run zh = run_pingfen("score " + kHuadu + " --format " + format + " > /dev/full");
        CHECK(zh.status == 1);
        CHECK(zh.err == kFullZh);
        Run en = run_pingfen("score " + kHuadu + " --format " + format + " --lang en > /dev/full");
        CHECK(en.status == 1);
        CHECK(en.err == kFullEn);
    }
    // --explain too: a longer table, written in more than one piece.
    Run explained = run_pingfen("score " + kHuadu + " --explain > /dev/full");
    CHECK(explained.status == 1);
    CHECK(explained.err == kFullZh);
    // xlsx goes to a file only: -o /dev/full is written in place, never renamed over.
    for (const char* format : {"xlsx", "csv"}) {
        INFO(format);
        Run file = run_pingfen("score " + kHuadu + " --format " + format + " -o /dev/full");
        CHECK(file.status == 1);
        CHECK(file.err == "错误[E0011]：无法写入文件 `/dev/full`：磁盘空间不足\n");
    }
    struct stat st {};
    REQUIRE(::stat("/dev/full", &st) == 0);
    CHECK(S_ISCHR(st.st_mode));
}

TEST_CASE("output: batch to a full disk is E0011, and no summary claims the records were written", "[output]") {
    for (const char* format : {"csv", "jsonl"}) {
        INFO(format);
        Run r = run_pingfen(std::string("batch tests/batch/simple.pf tests/batch/depts.csv --format ") + format + " > /dev/full");
        CHECK(r.status == 1);
        CHECK(has(r.err, kFullZh));
        CHECK(!has(r.err, "共 5 条"));
        Run en = run_pingfen(std::string("batch tests/batch/simple.pf tests/batch/depts.jsonl --lang en --format ") + format + " > /dev/full");
        CHECK(en.status == 1);
        CHECK(has(en.err, kFullEn));
        CHECK(!has(en.err, "4 records"));
    }
}

TEST_CASE("output: diff, check, test, eval and the help to a full disk are E0011", "[output]") {
    for (const std::string args : std::initializer_list<std::string>{"diff rulesets/guangzhou/2022.pf rulesets/huadu/2023.pf", "check rulesets", "test rulesets",
                                   "eval \"1 + 1\"", "--help", "diff rulesets/guangzhou/2022.pf rulesets/huadu/2023.pf --format html"}) {
        INFO(args);
        Run r = run_pingfen(args + " > /dev/full");
        CHECK(r.status == 1);
        CHECK(has(r.err, kFullZh));
    }
    // And the same commands succeed when the output has room.
    CHECK(run_pingfen("eval \"1 + 1\"").out == "2\n");
}

TEST_CASE("output: -o into a missing folder or a read-only place fails cleanly, with no temporary file", "[output]") {
    TempDir dir;
    const std::string missing = (dir.path / "没有的文件夹" / "结果.csv").string();
    Run r = run_pingfen("score " + kHuadu + " --format csv -o '" + missing + "'");
    CHECK(r.status == 1);
    CHECK(r.err == "错误[E0011]：无法写入文件 `" + missing + "`：文件夹不存在\n");
    Run b = run_pingfen("batch tests/batch/simple.pf tests/batch/depts.csv --lang en -o '" + missing + "'");
    CHECK(b.status == 1);
    CHECK(b.err.find("error[E0011]: cannot write the file `" + missing + "`: No such file or directory\n") != std::string::npos);
    CHECK(dir.names().empty());

    // A folder without write permission; root may write anyway, so then a read-only file system.
    fs::path locked = dir.path / "只读";
    fs::create_directories(locked);
    fs::permissions(locked, fs::perms::owner_read | fs::perms::owner_exec);
    std::string target = (locked / "结果.csv").string();
    if (::access(locked.c_str(), W_OK) == 0) target = "/sys/pingfen_output_test.csv";
    for (const char* format : {"csv", "xlsx", "html"}) {
        INFO(format);
        Run ro = run_pingfen("score " + kHuadu + " --format " + format + " -o '" + target + "'");
        CHECK(ro.status == 1);
        CHECK(has(ro.err, "错误[E0011]：无法写入文件 `" + target + "`："));
    }
    Run rob = run_pingfen("batch tests/batch/simple.pf tests/batch/depts.csv -o '" + target + "'");
    CHECK(rob.status == 1);
    CHECK(has(rob.err, "错误[E0011]：无法写入文件 `" + target + "`："));
    CHECK(fs::directory_iterator(locked) == fs::directory_iterator());
    CHECK(!fs::exists(target));
}

TEST_CASE("output: an existing -o file survives a write that fails half way", "[output]") {
    TempDir dir;
    const fs::path existing = dir.path / "去年.csv";
    write_file(existing, "旧的结果\n");
    fs::permissions(existing, fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read);
    // A file-size limit makes the write fail after the first 512 bytes (EFBIG; the signal is
    // ignored so that the write returns the error, as a full disk does).
    for (const std::string cmd : {"score " + kHuadu + " --format csv", "score " + kHuadu + " --format xlsx",
                                  std::string(
                                  "batch tests/batch/simple.pf tests/batch/depts.csv --format jsonl")}) {
        INFO(cmd);
        // The limit is for pingfen alone; its messages go through a pipe, which has no such limit.
        Run r = shell("(trap '' XFSZ; ulimit -f 1; NO_COLOR=1 PINGFEN_LANG= '" PINGFEN_BINARY "' " + cmd + " -o '" +
                      existing.string() + "'; echo \"exit status $?\" >&2) 2>&1 | { cat >&2; }");
        CHECK(has(r.err, "\nexit status 1\n"));
        // xlsx fails earlier, while the workbook is built in the temporary folder (same limit).
        if (!has(cmd, "xlsx")) CHECK(has(r.err, "错误[E0011]：无法写入文件 `" + existing.string() + "`：文件超出允许的大小\n"));
        CHECK(slurp(existing) == "旧的结果\n");
        CHECK(dir.names() == std::vector<std::string>{"去年.csv"});
    }
    // Written in full, the file is replaced and keeps its permissions.
    Run ok = run_pingfen("score " + kHuadu + " --format csv -o '" + existing.string() + "'");
    CHECK(ok.status == 0);
    CHECK(slurp(existing).rfind("\xEF\xBB\xBF", 0) == 0);
    CHECK(fs::status(existing).permissions() == (fs::perms::owner_read | fs::perms::owner_write | fs::perms::group_read));
    CHECK(dir.names() == std::vector<std::string>{"去年.csv"});
}

TEST_CASE("output: a run ended by a signal leaves the old file and no temporary file", "[output]") {
    // `timeout`, Ctrl-C or a host ending the job left `FILE.tmp-PID-0` beside the file.
    TempDir dir;
    {
        std::ofstream big(dir.path / "big.jsonl", std::ios::binary);
        for (int i = 0; i < 300000; ++i)
            big << R"({"部门":"d)" << i << R"(","数据":{"支出率":0.5,"问题数":1,"做了盘点":true}})" << "\n";
    }
    write_file(dir.path / "out.csv", "旧的结果\n");
    // (Not INT: a background job of a shell script ignores it, and so does pingfen there.)
    for (const char* sig : {"TERM", "HUP"}) {
        INFO(sig);
        // Killed once its temporary file is there: the output is opened at the first record.
        Run r = shell("cd '" + dir.path.string() + "' && { NO_COLOR=1 '" PINGFEN_BINARY "' batch '" PINGFEN_SOURCE_DIR
                      "/tests/batch/simple.pf' big.jsonl -j1 -o out.csv 2>/dev/null & P=$!; "
                      "for i in $(seq 1000); do ls out.csv.tmp-* >/dev/null 2>&1 && break; sleep 0.01; done; "
                      "ls | tr '\\n' ' '; kill -" + std::string(sig) + " $P; wait $P; echo \"status $?\"; ls | tr '\\n' ' '; }");
        CHECK(has(r.out, "out.csv.tmp-"));  // seen while it ran
        CHECK(has(r.out, "status " + std::to_string(128 + (std::string(sig) == "TERM" ? 15 : 1))));
        CHECK(dir.names() == std::vector<std::string>{"big.jsonl", "out.csv"});
        CHECK(slurp(dir.path / "out.csv") == "旧的结果\n");
    }
}

TEST_CASE("output: Output writes whole or not at all through the API", "[output]") {
    TempDir dir;
    const fs::path file = dir.path / "表.csv";
    write_file(file, "old\n");
    {
        pingfen::Output out(file.string());
        REQUIRE(out.ok());
        out.write("half of a new file");
        // Left without finish(): the run failed elsewhere.
    }
    CHECK(slurp(file) == "old\n");
    CHECK(dir.names() == std::vector<std::string>{"表.csv"});

    CHECK_FALSE(pingfen::write_output(file.string(), std::string(200000, 'x')).has_value());
    CHECK(slurp(file) == std::string(200000, 'x'));

    auto problem = pingfen::write_output((dir.path / "no" / "x").string(), "x");
    REQUIRE(problem);
    CHECK(problem->code == "E0011");
    CHECK(problem->severity == pingfen::Severity::Error);
    CHECK(has(problem->message_en, "No such file or directory"));
    auto folder = pingfen::write_output(dir.path.string(), "x");
    REQUIRE(folder);
    CHECK(has(folder->message_zh, "这是一个文件夹"));
    CHECK(dir.names() == std::vector<std::string>{"表.csv"});
}

TEST_CASE("output: the REPL's :save reports a write that failed", "[output]") {
    pingfen::repl::ReplEngine e;
    e.start(PINGFEN_SOURCE_DIR "/rulesets/huadu/2023.pf", "");
    e.submit("修改 管理效率.预算执行.结转结余率 分值 2");
    pingfen::repl::Reply r = e.submit(":save /dev/full");
    CHECK(r.error);
    CHECK(has(r.text, "错误[E0011]：无法写入文件 `/dev/full`：磁盘空间不足"));
    CHECK(e.unsaved_changes());
}
