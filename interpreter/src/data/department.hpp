// A department's data as read from a file: named values with where they were written.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "ast/ast.hpp"
#include "diag/diag.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen {

class DepartmentData {
public:
    struct Field {
        std::string name;
        Loc loc;
        ast::DataValue value;
    };

    SourcePtr source;
    std::string department;
    std::optional<int> year;
    // 年度 as written when it is no year ("abc", 2024.5, 1e20): an error when bound (E0427), where
    // before it was dropped, and with it the check that the data is of the ruleset's year.
    std::string bad_year;
    Loc bad_year_loc;
    std::vector<Field> fields;
    // Sources that fields merged in from other data point into (merge_data), kept alive.
    std::vector<SourcePtr> kept_sources;

    const Field* find(const std::string& name) const {
        for (const auto& f : fields)
            if (f.name == name) return &f;
        return nullptr;
    }
};

namespace data {

// One department's data, as a file for `score` or a record of JSON Lines for `batch`, holds at
// most this much text: a department of 100,000 goal rows takes 10 MB. Read, a record takes
// about 18 times its text in memory; a record of gigabytes exhausted it. Past this: E0428.
inline constexpr std::size_t kMaxDepartmentBytes = 32u << 20;
// E0428 for data of `bytes` (at least) in `path`; `line` 0 for a whole file, 1 for a record (whose
// lines the caller places).
Diagnostic department_too_large(const std::string& path, int line, std::uint64_t bytes);
// A cell's text without the spaces around it (ASCII and the full-width U+3000 that a Chinese
// input method types), as a number's text is read.
inline std::string_view trimmed_cell(std::string_view t) {
    for (;;) {
        if (!t.empty() && (t.front() == ' ' || t.front() == '\t' || t.front() == '\r' || t.front() == '\n')) t.remove_prefix(1);
        else if (t.starts_with("\u3000")) t.remove_prefix(3);
        else if (!t.empty() && (t.back() == ' ' || t.back() == '\t' || t.back() == '\r' || t.back() == '\n')) t.remove_suffix(1);
        else if (t.ends_with("\u3000")) t.remove_suffix(3);
        else return t;
    }
}

// E0428 for line `line` of a `--tables` file: a row past kMaxDepartmentBytes stops the batch.
Diagnostic table_row_too_large(const std::string& path, int line);

// 年度 from its text: a whole year of four digits, 2023 or "2023", or "2023年"/"2023年度" as staff write it.
std::optional<int> year_of(std::string_view text);
// `d.year` from 年度's text, or `d.bad_year` when the text is no year. Empty text: no year given.
void take_year(DepartmentData& d, std::string_view text, Loc loc);

// Where a department's name is written: `部门` or `department`, or, as the sheets of units that
// staff export from Excel head that column, `部门名称` or `单位名称`. 0: not a department key;
// 1: the language's own name; 2: a synonym, used only when no key of rank 1 is present (with
// both 部门 and 单位名称, 单位名称 is an ordinary field and is reported as such).
inline int department_key_rank(std::string_view key) {
    if (key == "部门" || key == "department") return 1;
    if (key == "部门名称" || key == "单位名称") return 2;
    return 0;
}
// The position of the department column among `keys`, or keys.size() when there is none.
template <class Keys, class Name>
std::size_t department_key(const Keys& keys, Name&& name_of) {
    std::size_t found = keys.size();
    int best = 3;
    for (std::size_t i = 0; i < keys.size(); ++i) {
        int rank = department_key_rank(name_of(keys[i]));
        if (rank != 0 && rank < best) found = i, best = rank;
    }
    return found;
}
// The outer keys that say one thing each: the values (数据, data, inputs), the department (each
// of its keys), the year. The position of the first that repeats one before it, or keys.size():
// read one way, the last 数据 silently replaced the first, and another, the first 部门 won.
template <class Keys, class Name>
std::size_t repeated_outer_key(const Keys& keys, Name&& name_of) {
    bool seen[4] = {false, false, false, false};
    for (std::size_t i = 0; i < keys.size(); ++i) {
        const std::string_view k = name_of(keys[i]);
        const int role = (k == "数据" || k == "data" || k == "inputs") ? 0
                         : department_key_rank(k) == 1                 ? 1
                         : department_key_rank(k) == 2                 ? 2
                         : (k == "年度" || k == "year")                ? 3
                                                                        : -1;
        if (role < 0) continue;
        if (seen[role]) return i;
        seen[role] = true;
    }
    return keys.size();
}
// Beside 数据 (or in a flat object, beside the values), a key that is not a datum: the year or
// a `_` comment. The department's key is found by department_key().
inline bool year_or_comment_key(std::string_view key) {
    return key == "年度" || key == "year" || (!key.empty() && key[0] == '_');
}
inline constexpr const char* kDepartmentKeysZh = "`部门`、`部门名称`、`单位名称` 或 `department`";
inline constexpr const char* kDepartmentKeysEn = "`部门`, `部门名称`, `单位名称` or `department`";

// JSON: {"部门": "…", "年度": 2023, "数据": {"名称": 值, …}} (or English keys department, year,
// data; or a flat object of values). Numbers are taken from their text, never through a double.
std::shared_ptr<DepartmentData> read_json(SourcePtr src, DiagnosticSink& sink);
// The same through a tree of the document (json::scan, or nlohmann's parser), the path for
// whatever json::read_department declines; a test holds the two to the same data.
std::shared_ptr<DepartmentData> read_json_tree(SourcePtr src, DiagnosticSink& sink);
// The language's own block: 数据 "部门" 年度 2023 { 名称 = 值 … }, with comments.
std::shared_ptr<DepartmentData> read_data_block(SourcePtr src, DiagnosticSink& sink);

}  // namespace data
}  // namespace pingfen
