// native_decimal.cpp with double: the same leaves, the same order, binary floating point.
#include "native_double.hpp"

#include <cmath>

namespace bench {
namespace {

constexpr double kW[kLeaves] = {20, 20, 10, 3, 2, 2, 2, 2, 5, 3, 7, 0.5, 1.5, 1, 2, 3, 1, 1, 2, 1, 1, 2, 2, 2, 2, 2};

double round2(double x) { return std::floor(x * 100 + 0.5) / 100; }

double proportion(double rate, double points) { return std::max(0.0, std::min(rate, 1.0)) * points; }

bool goal_row(const GoalRow& r, bool bands, double& out) {
    const double points = r.weight.dbl;
    double rate = 0;
    switch (r.kind) {
        case GoalRow::Kind::Band: {
            if (!bands) return false;
            static constexpr double lo[3] = {0.8, 0.6, 0.0}, hi[3] = {1.0, 0.8, 0.6};
            double v = r.rate.dbl;
            bool in = lo[r.band] <= v && (r.band == 0 ? v <= hi[r.band] : v < hi[r.band]);
            if (!in || !r.has_reason) return false;
            out = points * v;
            return true;
        }
        case GoalRow::Kind::Words:
            out = r.actual_words == r.target_words ? points : 0;
            return true;
        case GoalRow::Kind::AtMost:
            rate = r.actual.dbl <= r.target.dbl ? 1.0 : (r.target.dbl == 0 ? 0.0 : r.target.dbl / r.actual.dbl);
            break;
        case GoalRow::Kind::AtLeast:
            if (r.target.dbl == 0) return false;
            rate = r.actual.dbl / r.target.dbl;
            break;
    }
    if (rate < 0.6) out = 0;
    else if (rate <= 1.0) out = proportion(rate, points);
    else if (rate <= 1.5) out = points;
    else out = points * 0.5;
    return true;
}

bool goal_table(const std::vector<GoalRow>& rows, double whole, bool bands, double& out) {
    out = 0;
    if (rows.empty()) return true;
    double sum = 0;
    for (const GoalRow& r : rows) sum += r.weight.dbl;
    if (std::fabs(sum - whole) > 1e-9) return false;
    for (const GoalRow& r : rows) {
        double v;
        if (!goal_row(r, bands, v)) return false;
        out += v;
    }
    return true;
}

double floor_zero(double w, double deducted) { return std::max(0.0, w - deducted); }

bool discretion_score(const Num& v, const std::string& reason, double w, double& out) {
    if (v.dbl < 0 || v.dbl >= w || reason.empty()) return false;
    out = v.dbl;
    return true;
}

double yes(bool b, double w) { return b ? w : 0.0; }

}  // namespace

void score_double(const Record& r, DoubleScores& out) {
    std::array<double, kLeaves> raw{};
    std::array<bool, kLeaves> ok{};
    ok.fill(true);

    ok[0] = goal_table(r.output, kW[0], false, raw[0]);
    ok[1] = goal_table(r.benefit, kW[1], true, raw[1]);
    if (r.monthly.empty()) {
        ok[2] = false;
    } else {
        double sum = 0;
        for (const Num& m : r.monthly) sum += std::min(m.dbl, 1.0);
        raw[2] = proportion(sum / static_cast<double>(r.monthly.size()), kW[2]);
    }

    raw[3] = floor_zero(kW[3], static_cast<double>(r.not_assessed) * (r.to_assess > 3 ? 0.5 : 1.0));

    double den = r.carry_begin.dbl + r.general_budget.dbl + r.fund_budget.dbl;
    if (den == 0) {
        ok[4] = false;
    } else {
        double rate = r.carry_end.dbl / den;
        raw[4] = rate <= 0.1 ? 2 : rate <= 0.2 ? 1 : rate <= 0.3 ? 0.5 : 0;
    }
    raw[5] = floor_zero(kW[5], r.rectify * 0.5 + r.misuse * 0.5 + r.repeated * 1.0);

    raw[6] = !r.classified && !r.disclosed ? 0 : yes(r.within_20_days, kW[6] * 0.5) + yes(r.check_clean, kW[6] * 0.5);
    raw[7] = yes(r.goals_published, kW[7] * 0.5) + yes(r.self_eval_published, kW[7] * 0.5);

    double p = kW[8] * 0.5;
    if (r.rules_require) {
        double v = r.rules_gap.dbl;
        ok[8] = v >= 0 && v <= 2.5 && (v == 0 || !r.rules_gap_reason.empty());
        raw[8] = std::max(0.0, p - v) + yes(r.duties_defined, p);
    } else {
        raw[8] = yes(r.duties_defined, p);
    }
    raw[9] = floor_zero(kW[9], r.warnings_late * 1.0 + (r.feedback ? 0 : 0.9) + (r.linked ? 0 : 1.2));
    raw[10] = yes(r.goals_kept, 2) + yes(r.monitored, 1) + yes(r.monitor_sent, 1) + yes(r.self_evaluated, 1) +
              yes(r.units_evaluated, 1) + yes(r.self_eval_sent, 1);

    raw[11] = yes(r.intent_complete, kW[11]);
    if (r.intent_on_time) raw[12] = kW[12];
    else ok[12] = discretion_score(r.intent_score, r.intent_reason, kW[12], raw[12]);
    raw[13] = yes(r.procurement_rules, kW[13]);
    raw[14] = floor_zero(kW[14], r.complaints * 1.0);
    double contract_rate = static_cast<double>(r.contracts_on_time) / static_cast<double>(r.contracts);
    raw[15] = contract_rate >= 1.0 ? 3 : contract_rate >= 0.9 ? 2 : contract_rate >= 0.8 ? 1 : 0;
    if (r.filed_on_time) raw[16] = kW[16];
    else ok[16] = discretion_score(r.filing_score, r.filing_reason, kW[16], raw[16]);
    raw[17] = proportion(r.sme_amount.dbl / r.sme_reserved.dbl, kW[17]);

    raw[18] = floor_zero(kW[18], r.nonconforming * 1.0);
    raw[19] = floor_zero(kW[19], r.overdue * 0.5);
    raw[20] = yes(r.inventory, kW[20]);
    if (r.asset_data_ok) raw[21] = kW[21];
    else ok[21] = discretion_score(r.data_score, r.data_reason, kW[21], raw[21]);
    raw[22] = floor_zero(kW[22], (r.asset_rules ? 0 : 0.5) + r.asset_findings * 0.5);
    double use_rate = r.assets_in_use.dbl / r.assets_total.dbl;
    raw[23] = use_rate >= 0.9 ? 2 : use_rate >= 0.75 ? 1.5 : use_rate >= 0.6 ? 1 : 0;

    double control = (r.public_actual.dbl - r.public_budget.dbl) / r.public_budget.dbl;
    raw[24] = control <= 0 ? kW[24] : floor_zero(kW[24], std::ceil(control / 0.05) * 0.5);
    raw[25] = yes(r.three_actual.dbl <= r.three_budget.dbl, kW[25]);

    out.total = 0;
    out.total_ok = true;
    for (int i = 0; i < kLeaves; ++i) {
        out.ok[static_cast<std::size_t>(i)] = ok[static_cast<std::size_t>(i)];
        out.leaf[static_cast<std::size_t>(i)] = ok[static_cast<std::size_t>(i)] ? round2(raw[static_cast<std::size_t>(i)]) : 0;
        if (ok[static_cast<std::size_t>(i)]) out.total += out.leaf[static_cast<std::size_t>(i)];
        else out.total_ok = false;
    }
}

}  // namespace bench
