// The score sheet flattened the way the published 自评表 lays it out: one row per leaf
// indicator with the 一级/二级/三级指标 cells beside it, then the bonus and penalty items. The
// CSV, Markdown, HTML and xlsx writers all start from these rows, so they agree on what a row is.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen::report {

struct SheetRow {
    enum class Kind { Leaf, Bonus, Penalty };
    Kind kind = Kind::Leaf;
    const ScoreNode* node = nullptr;
    // The 一级/二级/三级指标 cells and their 分值 cells ("" where a level is missing: a leaf
    // directly under a level-1 indicator leaves the 三级指标 cells empty).
    std::string name[3];
    std::string weight[3];
    // Merge keys: consecutive rows with the same non-empty key share the level's cells
    // (rowspan in HTML, a merged range in xlsx, shown once in Markdown).
    std::string group[3];
    std::string path;                // 管理效率.预算执行.结转结余率
    std::optional<Decimal> score;    // signed for penalty items (−2 points is -2)
    std::string explanation, standard, basis;
};

std::vector<SheetRow> sheet_rows(const ScoreSheet& s, Language lang);

// How many rows the cell of `level` (0, 1, 2) starting at row i covers; 0 when an earlier row's
// merged cell already covers it.
int row_span(const std::vector<SheetRow>& rows, std::size_t i, int level);

// A score as a signed number with two decimals, for CSV and xlsx ("-2.00"; never "-0.00").
std::string signed_fixed(const std::optional<Decimal>& v);
// A score as shown to a reader: "17.00", bonus "+1.00", penalty "−2.00", unscored "—".
std::string display_score(const SheetRow& r);

struct Words {
    const char* level1;
    const char* weight;
    const char* level2;
    const char* level3;
    const char* explanation;
    const char* standard;
    const char* score;
    const char* basis;
    const char* path;
    const char* total;
    const char* grade;
    const char* bonus;
    const char* penalty;
    const char* department;
    const char* year;
    const char* ruleset;
    const char* indicator;
    const char* diagnostics;  // the heading of the sheet's errors and warnings
};
const Words& words(Language lang);

// The sheet's errors and warnings, one line each, for every format to show under the total:
// "警告[W0402] a.json:1:50：百分比 `执行率` 的值 …".
std::vector<std::string> diagnostic_lines(const ScoreSheet& s, Language lang);

// "花都区部门整体支出绩效自评（2023 年度）" / "… (2023)", as the table prints it.
std::string sheet_title(const ScoreSheet& s, Language lang);

}  // namespace pingfen::report
