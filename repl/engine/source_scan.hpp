// What the REPL reads from ruleset text itself, because the public API does not expose it:
// the named values (局部命名值) of each indicator, so that `结余结转率 * 100` can be evaluated
// and a redefinition can keep a formula the author did not retype; the files a ruleset imports,
// to reload when one of them changes; and a file's 测试 blocks, for `:test` on the session.
#pragma once

#include <string>
#include <vector>

namespace pingfen::repl {

struct LocalDef {
    std::string name;
    std::string expr;                    // the expression's text as written
    std::vector<std::string> indicator;  // path of the indicator that defines it
    std::string file;
    int line = 0;
};

struct SourceScan {
    std::vector<LocalDef> locals;     // in order; replaced or removed indicators' locals dropped
    std::vector<std::string> files;   // every file read (imports, recursively)

    // Definitions of `name`, the last one of each indicator.
    std::vector<const LocalDef*> find(const std::string& name) const;
    // The locals defined directly in the indicator at `path`.
    std::vector<const LocalDef*> of_indicator(const std::vector<std::string>& path) const;
};

// Scans `text` (the file `path`, or the session whose imports are relative to `path`'s folder),
// reading the files it imports first, as the compiler does.
void scan_source(const std::string& text, const std::string& path, SourceScan& out, int depth = 0);

struct TestBlock {
    std::string text;  // `测试 "…" { … }`
    int line = 1;      // where it starts in its file
};
std::vector<TestBlock> extract_tests(const std::string& text);

// Identifiers an expression reads (names, not keywords), in order, without repeats.
std::vector<std::string> identifiers_in(const std::string& expr);

// The named values of the indicator at `path` that `替换 path { members }` keeps: those the
// members read (directly or through one another) without defining them again, as the compiler
// does (interpreter/src/sema/changes.cpp). In their old order.
std::vector<LocalDef> kept_by_replacement(const SourceScan& scan, const std::vector<std::string>& path,
                                          const std::string& members);

}  // namespace pingfen::repl
