// How a 修改 … 分值 tells that an inherited 标准 names the old points (sema/changes.cpp).
#include <catch2/catch.hpp>

#include "sema/changes.hpp"

using pingfen::Decimal;
using pingfen::sema::names_points;

namespace {
Decimal d(const char* s) { return *Decimal::parse(s); }
}  // namespace

TEST_CASE("changes: an inherited text names the old points", "[modules]") {
    CHECK(names_points("建立内控制度的，计8分；否则不得分。", d("8")) == "8分");
    CHECK(names_points("结余结转率≤10%的，得2分；10%＜结余结转率≤20%的，得1分", d("2")) == "2分");
    CHECK(names_points("满分 8 分", d("8")) == "8 分");
    CHECK(names_points("满分８分", d("8")) == "８分");              // full-width digits
    CHECK(names_points("每项扣0.5分，共2.5分", d("2.5")) == "2.5分");
    CHECK(names_points("计8.0分", d("8")) == "8.0分");
    CHECK(names_points("本项 8　分", d("8")) == "8　分");           // ideographic space
    // Not the points: other numbers, percentages, fractions, 18 for 8, 8 without 分.
    CHECK(names_points("≤10%的，得2分", d("10")).empty());
    CHECK(names_points("得18分", d("8")).empty());
    CHECK(names_points("得2.8分", d("8")).empty());
    CHECK(names_points("按8分之1计", d("8")).empty());
    CHECK(names_points("共8项，每项1分", d("8")).empty());
    CHECK(names_points("得分=完成率×分值", d("10")).empty());
    CHECK(names_points("", d("8")).empty());
}
