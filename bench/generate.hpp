// Department records for the huadu 2023 ruleset (rulesets/huadu/2023.pf), generated from a
// fixed seed. Each record exists twice: as the JSON text pingfen reads (parse_data), and as a
// native struct the hand-written baselines read. Every number is first chosen as integer digits
// taken from the raw std::mt19937_64 output (no <random> distribution, whose results differ
// between standard libraries), then written as text; each contender reads that same text:
// pingfen and the Decimal baseline exactly, the double and Lua baselines with strtod (÷ 100 for
// a percentage, as a program reading "2.73%" would).
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include "pingfen/decimal.hpp"

namespace bench {

// A number as the data writes it.
struct Num {
    std::string text;       // the digits as written: "1222.61"; a percentage without its "%"
    bool percent = false;   // written "99.88%" in the JSON
    pingfen::Decimal dec;   // exact: parse(text), and ÷ 100 exactly (scaled) for a percentage
    double dbl = 0;         // strtod(text), ÷ 100 for a percentage

    std::string json() const { return percent ? "\"" + text + "%\"" : text; }
};

// One row of a goal table (目标表): {名称, 目标, 实际, 权重, [档次, 得分率, 说明]}.
struct GoalRow {
    enum class Kind : int {
        AtLeast = 0,  // 目标 785, "≥800" or "5%": completion rate = 实际 / 目标
        AtMost = 1,   // 目标 "≤5" or "≤0": 100% when 实际 ≤ 目标, else 目标 / 实际
        Words = 2,    // 目标 "是": met when 实际 says the same
        Band = 3,     // qualitative, judged into a band (档次) with a rate (得分率) and a reason (说明)
    };
    Kind kind = Kind::AtLeast;
    Num target, actual, weight, rate;     // rate: 得分率 of a Band row
    std::string target_words, actual_words;
    int band = 0;                         // 0 达成 [80%, 100%], 1 部分达成 [60%, 80%), 2 未达成 [0, 60%)
    bool has_reason = true;
};

// The inputs of huadu 2023, in the order of rulesets/common/management.pf.
struct Record {
    std::string name;   // 部门
    std::string json;   // the whole department file, as pingfen reads it
    std::string expect_failure;  // why some indicator cannot be scored, empty when all can

    // 履职效能
    std::vector<GoalRow> benefit;   // 效益目标 (20 points, by row weight, with qualitative bands)
    std::vector<GoalRow> output;    // 产出目标 (20 points, by row weight)
    std::vector<Num> monthly;       // 月度执行率

    // 预算编制, 预算执行
    std::int64_t to_assess = 0, not_assessed = 0;                  // 应评估项目数, 未评估项目数
    Num carry_end, carry_begin, general_budget, fund_budget;        // 年末/年初结转和结余, 一般公共预算拨款, 政府性基金预算拨款
    std::int64_t rectify = 0, misuse = 0, repeated = 0;             // 限期整改, 套取挪用, 重复或未整改问题数
    // 信息公开
    bool classified = false, disclosed = true, within_20_days = true, check_clean = true;
    bool goals_published = true, self_eval_published = true;
    // 绩效管理
    bool rules_require = true;        // 制度明确绩效要求
    Num rules_gap;                    // 制度缺漏扣分 [0, 2.5]
    std::string rules_gap_reason;     // 制度缺漏说明
    bool duties_defined = true;       // 制度明确职责分工
    std::int64_t warnings_late = 0;   // 未及时处理预警次数
    bool feedback = true, linked = true, goals_kept = true, monitored = true, monitor_sent = true;
    bool self_evaluated = true, units_evaluated = true, self_eval_sent = true;
    // 采购管理
    bool intent_complete = true, intent_on_time = true;
    Num intent_score;  std::string intent_reason;   // 采购意向时效得分 [0, 1.5), 说明
    bool procurement_rules = true;
    std::int64_t complaints = 0, contracts_on_time = 1, contracts = 1;
    bool filed_on_time = true;
    Num filing_score;  std::string filing_reason;   // 合同备案得分 [0, 1), 说明
    Num sme_amount, sme_reserved;                   // 面向中小企业采购金额, 中小企业预留金额
    // 资产管理
    std::int64_t nonconforming = 0, overdue = 0;     // 配置不符项数, 超期未上缴笔数
    bool inventory = true, asset_data_ok = true;
    Num data_score;  std::string data_reason;       // 数据质量得分 [0, 2), 说明
    bool asset_rules = true;
    std::int64_t asset_findings = 0;
    Num assets_in_use, assets_total;
    // 运行成本
    Num public_actual, public_budget, three_actual, three_budget;
};

struct GenerateStats {
    int threshold_records = 0;   // a value exactly on a tier threshold
    int rounding_edges = 0;      // a leaf whose raw score is exactly at .xx5
    int zero_denominators = 0;   // 结转结余率 with (年初 + 一般 + 基金) = 0, or no months, or target 0
    int data_errors = 0;         // a qualitative rate outside its band (pingfen must refuse it)
};

// `count` distinct records, the same for the same seed on every platform.
std::vector<Record> generate_records(std::size_t count, std::uint64_t seed, GenerateStats* stats = nullptr);

// A generated ruleset with `leaves` leaf indicators (tiered, deduction and yes/no leaves in
// turn) and the inputs they read; `data_json` receives a department file for it.
std::string generate_ruleset(int leaves, std::string* data_json = nullptr);

}  // namespace bench
