// The huadu 2023 indicator system (rulesets/huadu/2023.pf, ../guangzhou/2022.pf,
// ../common/management.pf) by hand, in exact decimals. Each comment names the indicator.
#include "native_decimal.hpp"

namespace bench {

const char* const kLeafPaths[kLeaves] = {
    "履职效能.整体效能.部门整体绩效目标产出指标完成情况",
    "履职效能.整体效能.部门整体绩效目标效益指标完成情况",
    "履职效能.整体效能.部门预算资金支出率",
    "管理效率.预算编制.新增预算项目事前绩效评估",
    "管理效率.预算执行.结转结余率",
    "管理效率.预算执行.财务管理合规性",
    "管理效率.信息公开.预决算公开合规性",
    "管理效率.信息公开.绩效信息公开情况",
    "管理效率.绩效管理.绩效管理制度建设",
    "管理效率.绩效管理.绩效结果应用",
    "管理效率.绩效管理.绩效管理制度执行",
    "管理效率.采购管理.采购意向公开合规性（完整性）",
    "管理效率.采购管理.采购意向公开合规性（及时性）",
    "管理效率.采购管理.采购内控制度建设",
    "管理效率.采购管理.采购活动合规性",
    "管理效率.采购管理.采购合同签订时效性",
    "管理效率.采购管理.合同备案时效性",
    "管理效率.采购管理.采购政策效能",
    "管理效率.资产管理.资产配置合规性",
    "管理效率.资产管理.资产收益上缴的及时性",
    "管理效率.资产管理.资产盘点情况",
    "管理效率.资产管理.数据质量",
    "管理效率.资产管理.资产管理合规性",
    "管理效率.资产管理.固定资产利用率",
    "管理效率.运行成本.公用经费控制率",
    "管理效率.运行成本.“三公”经费控制情况",
};

namespace {

using pingfen::Decimal;
using Opt = std::optional<Decimal>;

Decimal num(const char* text) { return *Decimal::parse(text); }
Decimal pct(const char* text) { return Decimal::hundredth(*Decimal::parse(text)); }  // a 5% literal

const Decimal kZero;
const Decimal kOne = num("1"), kTwo = num("2"), kThree = num("3"), kOnePointFive = num("1.5"), kTwoPointFive = num("2.5");
const Decimal kHalfPoint = num("0.5"), kPoint9 = num("0.9"), kPoint1_2 = num("1.2");
const Decimal k50 = pct("50"), k60 = pct("60"), k75 = pct("75"), k80 = pct("80"), k90 = pct("90");
const Decimal k100 = pct("100"), k150 = pct("150"), k5 = pct("5"), k10 = pct("10"), k20 = pct("20"), k30 = pct("30");
const Decimal kW[kLeaves] = {num("20"), num("20"), num("10"), num("3"),   num("2"), num("2"), num("2"),
                             num("2"),  num("5"),  num("3"),  num("7"),   num("0.5"), num("1.5"), num("1"),
                             num("2"),  num("3"),  num("1"),  num("1"),   num("2"), num("1"), num("1"),
                             num("2"),  num("2"),  num("2"),  num("2"),   num("2")};
const Decimal kBandLow[3] = {pct("80"), pct("60"), pct("0")};
const Decimal kBandHigh[3] = {pct("100"), pct("80"), pct("60")};

Decimal count(std::int64_t n) { return Decimal::from_int(n); }

// 按 比率 比例计分，封顶 100%: min(rate, cap), not below 0, × the points.
Decimal proportion(const Decimal& rate, const Decimal& points) {
    return Decimal::max(kZero, Decimal::min(rate, k100)) * points;
}

// One goal row: its completion rate scored by the tiers on the row's points.
Opt goal_row(const GoalRow& r, bool bands) {
    const Decimal& points = r.weight.dec;
    Decimal rate;
    switch (r.kind) {
        case GoalRow::Kind::Band: {
            if (!bands) return std::nullopt;  // the rule declares no qualitative bands
            const Decimal& v = r.rate.dec;
            bool in = kBandLow[r.band] <= v && (r.band == 0 ? v <= kBandHigh[r.band] : v < kBandHigh[r.band]);
            if (!in || !r.has_reason) return std::nullopt;
            return points * v;
        }
        case GoalRow::Kind::Words:
            return r.actual_words == r.target_words ? points : kZero;
        case GoalRow::Kind::AtMost:
            rate = r.actual.dec <= r.target.dec ? kOne : (r.target.dec.is_zero() ? kZero : r.target.dec / r.actual.dec);
            break;
        case GoalRow::Kind::AtLeast:
            if (r.target.dec.is_zero()) return std::nullopt;
            rate = r.actual.dec / r.target.dec;
            break;
    }
    // < 60% 不得分; [60%, 100%] 比例计分，封顶 100%; (100%, 150%] 得满分; > 150% 得 分值 × 50%.
    if (rate < k60) return kZero;
    if (rate <= k100) return proportion(rate, points);
    if (rate <= k150) return points;
    return points * k50;
}

// 完成率计分, 分值分配 按权重: the row weights must add up to the indicator's points.
Opt goal_table(const std::vector<GoalRow>& rows, const Decimal& whole, bool bands) {
    if (rows.empty()) return kZero;  // 未报整体绩效目标，不得分
    Decimal sum;
    for (const GoalRow& r : rows) sum = sum + r.weight.dec;
    if (sum != whole) return std::nullopt;
    Decimal total;
    for (const GoalRow& r : rows) {
        Opt v = goal_row(r, bands);
        if (!v) return std::nullopt;
        total = total + *v;
    }
    return total;
}

// 扣分 … 扣完为止: n × amount per item (a count of 0 deducts nothing).
void per_item(Decimal& total, std::int64_t n, const Decimal& amount) {
    if (n == 0) return;
    total = total + count(n) * amount;
}

Decimal floor_zero(const Decimal& w, const Decimal& deducted) { return Decimal::max(kZero, w - deducted); }

// 酌情得 v 分 [0, w)，理由 …
Opt discretion_score(const Num& v, const std::string& reason, const Decimal& w) {
    if (v.dec.is_negative() || !(v.dec < w)) return std::nullopt;
    if (v.dec < w && reason.empty()) return std::nullopt;
    return v.dec;
}

Decimal yes(bool b, const Decimal& w) { return b ? w : kZero; }

}  // namespace

void score_decimal(const Record& r, DecimalScores& out, std::array<Opt, kLeaves>* raw_out) {
    std::array<Opt, kLeaves> raw;

    // —— 履职效能.整体效能 ——
    raw[0] = goal_table(r.output, kW[0], false);   // 产出指标: 按权重 (huadu's 排序 puts it first)
    raw[1] = goal_table(r.benefit, kW[1], true);   // 效益指标: 按权重, with qualitative bands
    if (!r.monthly.empty()) {                      // 部门预算资金支出率: 封顶平均(月度执行率, 100%)
        Decimal sum;
        for (const Num& m : r.monthly) sum = sum + Decimal::min(m.dec, k100);
        Decimal mean = sum / count(static_cast<std::int64_t>(r.monthly.size()));
        raw[2] = proportion(mean, kW[2]);
    }

    // —— 预算编制 ——
    {
        Decimal t;
        per_item(t, r.not_assessed, r.to_assess > 3 ? kHalfPoint : kOne);
        raw[3] = floor_zero(kW[3], t);
    }
    // —— 预算执行 ——
    {
        Decimal den = r.carry_begin.dec + r.general_budget.dec + r.fund_budget.dec;
        if (!den.is_zero()) {
            Decimal rate = r.carry_end.dec / den;
            raw[4] = rate <= k10 ? kTwo : rate <= k20 ? kOne : rate <= k30 ? kHalfPoint : kZero;
        }
        Decimal t;
        per_item(t, r.rectify, kHalfPoint);
        per_item(t, r.misuse, kHalfPoint);
        per_item(t, r.repeated, kOne);
        raw[5] = floor_zero(kW[5], t);
    }
    // —— 信息公开 ——
    {
        if (!r.classified && !r.disclosed) {
            raw[6] = kZero;
        } else {
            Decimal p = kW[6] * k50;
            raw[6] = kZero + yes(r.within_20_days, p) + yes(r.check_clean, p);
        }
        Decimal p = kW[7] * k50;
        raw[7] = kZero + yes(r.goals_published, p) + yes(r.self_eval_published, p);
    }
    // —— 绩效管理 ——
    {
        Decimal p = kW[8] * k50;
        Opt first;
        if (r.rules_require) {  // 酌情扣 制度缺漏扣分 分 [0, 2.5]，理由 制度缺漏说明
            const Decimal& v = r.rules_gap.dec;
            if (!v.is_negative() && v <= kTwoPointFive && (v.is_zero() || !r.rules_gap_reason.empty()))
                first = Decimal::max(kZero, p - v);
        } else {
            first = kZero;
        }
        if (first) raw[8] = kZero + *first + yes(r.duties_defined, p);

        Decimal t;
        per_item(t, r.warnings_late, kOne);
        if (!r.feedback) t = t + kPoint9;
        if (!r.linked) t = t + kPoint1_2;
        raw[9] = floor_zero(kW[9], t);

        Decimal monitoring = kZero + yes(r.monitored, kOne) + yes(r.monitor_sent, kOne);
        Decimal self_eval = kZero + yes(r.self_evaluated, kOne) + yes(r.units_evaluated, kOne) + yes(r.self_eval_sent, kOne);
        raw[10] = kZero + yes(r.goals_kept, kTwo) + monitoring + self_eval;
    }
    // —— 采购管理 ——
    {
        raw[11] = yes(r.intent_complete, kW[11]);
        raw[12] = r.intent_on_time ? Opt(kW[12]) : discretion_score(r.intent_score, r.intent_reason, kW[12]);
        raw[13] = yes(r.procurement_rules, kW[13]);
        Decimal t;
        per_item(t, r.complaints, kOne);
        raw[14] = floor_zero(kW[14], t);
        Decimal rate = count(r.contracts_on_time) / count(r.contracts);
        raw[15] = rate >= k100 ? kThree : rate >= k90 ? kTwo : rate >= k80 ? kOne : kZero;
        raw[16] = r.filed_on_time ? Opt(kW[16]) : discretion_score(r.filing_score, r.filing_reason, kW[16]);
        raw[17] = proportion(r.sme_amount.dec / r.sme_reserved.dec, kW[17]);
    }
    // —— 资产管理 ——
    {
        Decimal t;
        per_item(t, r.nonconforming, kOne);
        raw[18] = floor_zero(kW[18], t);
        Decimal u;
        per_item(u, r.overdue, kHalfPoint);
        raw[19] = floor_zero(kW[19], u);
        raw[20] = yes(r.inventory, kW[20]);
        raw[21] = r.asset_data_ok ? Opt(kW[21]) : discretion_score(r.data_score, r.data_reason, kW[21]);
        Decimal v;
        if (!r.asset_rules) v = v + kHalfPoint;
        per_item(v, r.asset_findings, kHalfPoint);
        raw[22] = floor_zero(kW[22], v);
        Decimal rate = r.assets_in_use.dec / r.assets_total.dec;
        raw[23] = rate >= k90 ? kTwo : rate >= k75 ? kOnePointFive : rate >= k60 ? kOne : kZero;
    }
    // —— 运行成本 ——
    {
        Decimal rate = (r.public_actual.dec - r.public_budget.dec) / r.public_budget.dec;
        if (rate <= kZero) {
            raw[24] = kW[24];
        } else {  // 每增加 5%（含） 扣 0.5 分，不足一档按一档计，扣完为止
            Decimal steps = ((rate - kZero) / k5).ceil();
            raw[24] = floor_zero(kW[24], steps * kHalfPoint);
        }
        raw[25] = yes(r.three_actual.dec <= r.three_budget.dec, kW[25]);
    }

    // Each leaf within [0, its points], then rounded half up to 2 places; the total is the sum.
    bool complete = true;
    Decimal total;
    for (int i = 0; i < kLeaves; ++i) {
        const Opt& v = raw[static_cast<std::size_t>(i)];
        if (v && !v->is_negative() && *v <= kW[i]) {
            out.leaf[static_cast<std::size_t>(i)] = v->round_half_up(2);
            total = total + *out.leaf[static_cast<std::size_t>(i)];
        } else {
            out.leaf[static_cast<std::size_t>(i)].reset();
            complete = false;
        }
    }
    out.total = complete ? Opt(total) : std::nullopt;
    if (raw_out) *raw_out = raw;
}

}  // namespace bench
