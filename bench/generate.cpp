#include "generate.hpp"

#include <algorithm>
#include <cstdlib>
#include <stdexcept>

namespace bench {
namespace {

using pingfen::Decimal;

// Integers from the raw engine output only: std::uniform_int_distribution and friends are not
// specified exactly and differ between standard libraries; `raw % n` is the same everywhere
// (its bias, below 2^-50 here, does not matter for test data).
class Rng {
public:
    explicit Rng(std::uint64_t seed) : e_(seed) {}
    std::int64_t below(std::int64_t n) { return static_cast<std::int64_t>(e_() % static_cast<std::uint64_t>(n)); }
    std::int64_t between(std::int64_t lo, std::int64_t hi) { return lo + below(hi - lo + 1); }
    bool per_mille(int p) { return below(1000) < p; }
    bool percent(int p) { return below(100) < p; }

private:
    std::mt19937_64 e_;
};

// `units` × 10^-places as text: fixed(122261, 2) = "1222.61".
std::string fixed(std::int64_t units, int places) {
    bool neg = units < 0;
    std::string digits = std::to_string(neg ? -units : units);
    if (places > 0) {
        if (static_cast<int>(digits.size()) <= places) digits.insert(0, static_cast<std::size_t>(places + 1) - digits.size(), '0');
        digits.insert(digits.size() - static_cast<std::size_t>(places), ".");
    }
    return (neg ? "-" : "") + digits;
}

// The same, without trailing zeros: 81200 cents → "812", 58875 → "588.75".
std::string trimmed(std::int64_t units, int places) {
    std::string t = fixed(units, places);
    if (t.find('.') == std::string::npos) return t;
    while (t.back() == '0') t.pop_back();
    if (t.back() == '.') t.pop_back();
    return t;
}

Num from_text(const std::string& text, bool percent = false) {
    Num n;
    n.text = text;
    n.percent = percent;
    auto d = Decimal::parse(text);
    if (!d) throw std::logic_error("generated a number pingfen cannot read: " + text);
    n.dec = percent ? Decimal::hundredth(*d) : *d;
    n.dbl = std::strtod(text.c_str(), nullptr);
    if (percent) n.dbl /= 100;
    return n;
}

Num cents(std::int64_t c) { return from_text(fixed(c, 2)); }                // an amount: "412.50"
Num cents_trimmed(std::int64_t c) { return from_text(trimmed(c, 2)); }      // "588.75", "812"
Num pct(std::int64_t hundredths) { return from_text(trimmed(hundredths, 2), true); }  // 9988 → "99.88%"

std::string quoted(const std::string& s) { return "\"" + s + "\""; }

class Json {
public:
    void field(const std::string& key, const std::string& raw_value) {
        text_ += first_ ? "\n    " : ",\n    ";
        first_ = false;
        text_ += quoted(key) + ": " + raw_value;
    }
    void num(const std::string& key, const Num& n) { field(key, n.json()); }
    void count(const std::string& key, std::int64_t n) { field(key, std::to_string(n)); }
    void boolean(const std::string& key, bool b) { field(key, b ? "true" : "false"); }
    void text(const std::string& key, const std::string& s) { field(key, quoted(s)); }
    std::string done() { return text_ + "\n  }\n}\n"; }

    explicit Json(const std::string& department) {
        text_ = "{\n  \"部门\": " + quoted(department) + ",\n  \"年度\": 2023,\n  \"数据\": {";
    }

private:
    std::string text_;
    bool first_ = true;
};

const char* const kBandNames[] = {"达成", "部分达成", "未达成"};

std::string goal_row_json(const GoalRow& r, const std::string& name) {
    std::string target, actual;
    switch (r.kind) {
        case GoalRow::Kind::AtLeast: target = r.target.json(); actual = r.actual.json(); break;
        case GoalRow::Kind::AtMost: target = quoted("≤" + r.target.text); actual = r.actual.json(); break;
        case GoalRow::Kind::Words:
        case GoalRow::Kind::Band: target = quoted(r.target_words); actual = quoted(r.actual_words); break;
    }
    std::string s = "{\"名称\": " + quoted(name) + ", \"目标\": " + target + ", \"实际\": " + actual +
                    ", \"权重\": " + r.weight.text;
    if (r.kind == GoalRow::Kind::Band) {
        s += ", \"档次\": " + quoted(kBandNames[r.band]) + ", \"得分率\": " + r.rate.json();
        if (r.has_reason) s += ", \"说明\": \"评价人书面评分依据\"";
    }
    return s + "}";
}

// Weights (权重) of `rows` rows adding up to exactly 20: in 0.5 or 0.1 steps.
std::vector<Num> split_twenty(Rng& g, int rows) {
    const bool tenths = g.percent(50);
    const std::int64_t units = tenths ? 200 : 40;  // 20 in 0.1 or 0.5 steps
    std::vector<std::int64_t> cuts;
    while (static_cast<int>(cuts.size()) < rows - 1) {
        std::int64_t c = g.between(1, units - 1);
        if (std::find(cuts.begin(), cuts.end(), c) == cuts.end()) cuts.push_back(c);
    }
    std::sort(cuts.begin(), cuts.end());
    cuts.push_back(units);
    std::vector<Num> out;
    std::int64_t prev = 0;
    for (std::int64_t c : cuts) {
        std::int64_t u = c - prev;
        prev = c;
        out.push_back(from_text(tenths ? trimmed(u, 1) : trimmed(u * 5, 1)));
    }
    return out;
}

// The actual value, in hundredths, for a target of `t` hundredths, by completion-rate class:
// below 60%, exactly 60%, between, exactly 100%, above, exactly 150%, above 150%.
std::int64_t actual_for(Rng& g, std::int64_t t) {
    std::int64_t r = g.below(100);
    if (r < 10) return g.below(t * 60 / 100);                         // < 60%
    if (r < 14 && t % 5 == 0) return t * 60 / 100;                    // = 60%
    if (r < 55) return g.between(t * 60 / 100 + 1, std::max(t * 60 / 100 + 1, t - 1));  // (60%, 100%)
    if (r < 72) return t;                                             // = 100%
    if (r < 88) return g.between(t + 1, std::max(t + 1, t * 3 / 2 - 1));                // (100%, 150%)
    if (r < 92 && t % 2 == 0) return t * 3 / 2;                       // = 150%
    return g.between(t * 3 / 2 + 1, t * 3);                           // > 150%
}

GoalRow goal_row(Rng& g, bool qualitative_allowed, const Num& weight, GenerateStats& st, std::string& failure) {
    GoalRow r;
    r.weight = weight;
    std::int64_t kind = g.below(100);
    if (qualitative_allowed && kind < 12) {
        r.kind = GoalRow::Kind::Band;
        r.target_words = "稳步增长";
        r.actual_words = "有一定效果";
        r.band = static_cast<int>(g.below(3));
        // 得分率 in tenths of a percent, inside the band: [80%, 100%], [60%, 80%), [0, 60%).
        std::int64_t lo = r.band == 0 ? 800 : r.band == 1 ? 600 : 0;
        std::int64_t hi = r.band == 0 ? 1000 : r.band == 1 ? 799 : 599;
        std::int64_t tenths = g.between(lo, hi);
        if (g.per_mille(15)) {  // a rate outside its band: pingfen refuses it, and so must the baselines
            tenths = r.band == 0 ? g.between(0, 799) : r.band == 1 ? g.between(800, 1000) : g.between(600, 1000);
            failure = "qualitative rate outside its band";
            ++st.data_errors;
        }
        r.rate = pct(tenths * 10);
        return r;
    }
    if (kind < 20) {
        r.kind = GoalRow::Kind::Words;
        r.target_words = g.percent(50) ? "是" : "基本持平";
        r.actual_words = g.percent(85) ? r.target_words : "否";
        return r;
    }
    if (kind < 32) {
        r.kind = GoalRow::Kind::AtMost;  // "≤5": lower is better
        std::int64_t n = g.percent(25) ? 0 : g.between(1, 50);
        r.target = from_text(std::to_string(n));
        std::int64_t a = g.percent(70) ? g.between(0, n) : g.between(n + 1, 2 * n + 3);
        r.actual = from_text(std::to_string(a));
        return r;
    }
    r.kind = GoalRow::Kind::AtLeast;
    if (kind < 44) {  // percentages: 目标 "5%", 实际 "4.5%"
        std::int64_t t = g.between(1, 100) * 50;  // hundredths of a percent: 0.5% … 50%
        r.target = pct(t);
        r.actual = pct(actual_for(g, t));
        return r;
    }
    std::int64_t t = g.between(1, 3000) * 100;  // 目标 1 … 3000 (in hundredths), written as 785 or "≥800"
    r.target = cents_trimmed(t);  // goals_json writes some of them as "≥…"
    r.actual = cents_trimmed(actual_for(g, t));
    return r;
}

std::vector<GoalRow> goal_table(Rng& g, bool qualitative, GenerateStats& st, std::string& failure, bool& edge) {
    std::vector<GoalRow> rows;
    if (g.per_mille(20)) return rows;  // no goals reported: the indicator scores 0
    if (g.per_mille(60)) {
        // A .xx5 edge: one row of weight 5 at a completion rate of a/1000 (a odd) scores a/200,
        // exactly x.xx5; the other rows are fully met, so the indicator's raw score is 15 + a/200.
        edge = true;
        GoalRow e;
        e.weight = from_text("5");
        e.target = from_text("1000");
        e.actual = from_text(std::to_string(g.between(300, 499) * 2 + 1));  // 601 … 999, odd
        rows.push_back(e);
        for (const char* w : {"7.5", "7.5"}) {
            GoalRow f;
            f.weight = from_text(w);
            std::int64_t t = g.between(1, 500);
            f.target = from_text(std::to_string(t));
            f.actual = from_text(std::to_string(t + g.below(t / 2 + 1)));  // 100% … 150%
            rows.push_back(f);
        }
        return rows;
    }
    int n = static_cast<int>(g.between(1, 6));
    std::vector<Num> weights = split_twenty(g, n);
    for (int i = 0; i < n; ++i) rows.push_back(goal_row(g, qualitative, weights[static_cast<std::size_t>(i)], st, failure));
    if (g.per_mille(4)) {  // a target of 0 with "higher is better": no completion rate
        rows.back() = GoalRow{};
        rows.back().weight = weights.back();
        rows.back().target = from_text("0");
        rows.back().actual = from_text("3");
        failure = "goal target 0 (no completion rate)";
        ++st.zero_denominators;
    }
    return rows;
}

std::string goals_json(const std::vector<GoalRow>& rows, const std::string& prefix, Rng& g) {
    std::string s = "[";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        std::string row = goal_row_json(rows[i], prefix + std::to_string(i + 1));
        // Half the numeric targets are written as "≥800", as goal tables often do.
        if (rows[i].kind == GoalRow::Kind::AtLeast && !rows[i].target.percent && !rows[i].target.dec.is_zero() && g.percent(40)) {
            std::string plain = "\"目标\": " + rows[i].target.text + ",";
            auto at = row.find(plain);
            if (at != std::string::npos) row.replace(at, plain.size(), "\"目标\": \"≥" + rows[i].target.text + "\",");
        }
        s += (i ? ",\n      " : "\n      ") + row;
    }
    return s + (rows.empty() ? "]" : "\n    ]");
}

std::int64_t small_count(Rng& g, int zero_percent, std::int64_t max) {
    return g.percent(zero_percent) ? 0 : g.between(1, max);
}

Record one_record(Rng& g, std::size_t index, GenerateStats& st) {
    Record r;
    r.name = "花都区示例单位 " + std::to_string(index + 1);
    std::string failure;
    bool threshold = false, edge = false;

    r.benefit = goal_table(g, true, st, failure, edge);
    r.output = goal_table(g, false, st, failure, edge);

    // 月度执行率: usually 12 months, each a percentage with two decimals, many at exactly 100%.
    if (g.per_mille(4)) {
        failure = "no monthly rates (mean of nothing)";
        ++st.zero_denominators;
    } else if (g.per_mille(60)) {
        // A .xx5 edge: one month at hh.h5% gives a mean × 10 of x.xx5.
        edge = true;
        r.monthly.push_back(pct(g.between(850, 999) * 10 + 5));
    } else {
        int months = g.percent(80) ? 12 : static_cast<int>(g.between(1, 11));
        for (int m = 0; m < months; ++m) {
            std::int64_t k = g.below(100);
            r.monthly.push_back(pct(k < 35 ? 10000 : k < 75 ? g.between(8500, 9999) : g.between(10001, 11000)));
        }
    }

    r.to_assess = g.between(0, 8);
    r.not_assessed = g.percent(70) ? 0 : g.between(0, std::min<std::int64_t>(r.to_assess, 4));

    // 结余结转率 = 年末 / (年初 + 一般 + 基金); the denominator in 0.10 steps so that 10%, 20%,
    // 30% of it are whole cents.
    std::int64_t d = g.between(10000, 5000000) * 10;
    std::int64_t begin = g.below(d / 5), fund = g.percent(70) ? 0 : g.below(d / 10);
    std::int64_t general = d - begin - fund;
    std::int64_t end;
    if (g.percent(12)) {
        threshold = true;
        end = d * g.between(1, 3) / 10;  // exactly 10%, 20%, 30%
    } else {
        end = d * g.below(4000) / 10000;
    }
    if (g.per_mille(5)) {  // 年初 + 一般 + 基金 = 0: the ranges (≥ 0) allow it, the division does not
        begin = general = fund = 0;
        failure = "结余结转率 with a zero denominator";
        ++st.zero_denominators;
    }
    r.carry_end = cents(end);
    r.carry_begin = cents(begin);
    r.general_budget = cents(general);
    r.fund_budget = cents(fund);
    r.rectify = small_count(g, 75, 4);
    r.misuse = small_count(g, 90, 2);
    r.repeated = small_count(g, 85, 3);

    r.classified = g.percent(10);
    r.disclosed = g.percent(90);
    r.within_20_days = g.percent(85);
    r.check_clean = g.percent(85);
    r.goals_published = g.percent(90);
    r.self_eval_published = g.percent(90);

    r.rules_require = g.percent(90);
    if (g.percent(20)) {
        r.rules_gap = from_text(trimmed(g.between(1, 10) * 25, 2));  // 0.25 … 2.5
        r.rules_gap_reason = "制度未涵盖评价结果应用";
    } else {
        r.rules_gap = from_text("0");
    }
    r.duties_defined = g.percent(90);
    r.warnings_late = small_count(g, 80, 3);
    r.feedback = g.percent(85);
    r.linked = g.percent(85);
    r.goals_kept = g.percent(90);
    r.monitored = g.percent(92);
    r.monitor_sent = g.percent(88);
    r.self_evaluated = g.percent(95);
    r.units_evaluated = g.percent(85);
    r.self_eval_sent = g.percent(90);

    r.intent_complete = g.percent(85);
    r.intent_on_time = g.percent(80);
    if (!r.intent_on_time) {
        r.intent_score = from_text(trimmed(g.between(0, 29) * 5, 2));  // 0 … 1.45
        r.intent_reason = "部分采购意向逾期公开";
    }
    r.procurement_rules = g.percent(92);
    r.complaints = small_count(g, 85, 3);
    // 合同签订及时率 = 按时签订合同数 / 合同项目总数 (> 0, as declared).
    if (g.percent(12)) {
        threshold = true;
        r.contracts = g.between(1, 5) * 10;
        r.contracts_on_time = r.contracts * g.between(8, 10) / 10;  // exactly 80%, 90%, 100%
    } else {
        r.contracts = g.between(1, 40);
        r.contracts_on_time = g.percent(55) ? r.contracts : g.between(0, r.contracts);
    }
    r.filed_on_time = g.percent(80);
    if (!r.filed_on_time) {
        r.filing_score = from_text(trimmed(g.between(0, 19) * 5, 2));  // 0 … 0.95
        r.filing_reason = "部分合同未能在2个工作日内备案公开";
    }
    // 采购比例 = 面向中小企业采购金额 / 中小企业预留金额 (> 0); sometimes x.xx5 exactly.
    std::int64_t reserved, sme;
    if (g.per_mille(60)) {
        edge = true;
        reserved = 20000;                          // 200.00
        sme = 200 * g.between(30, 99) + 100;       // a/20000 = 0.xx5
    } else {
        reserved = g.between(1000, 1000000);
        sme = g.percent(40) ? reserved + g.below(reserved / 3 + 1) : g.below(reserved + 1);
    }
    r.sme_reserved = cents(reserved);
    r.sme_amount = cents(sme);

    r.nonconforming = small_count(g, 85, 3);
    r.overdue = small_count(g, 85, 3);
    r.inventory = g.percent(92);
    r.asset_data_ok = g.percent(85);
    if (!r.asset_data_ok) {
        r.data_score = from_text(trimmed(g.between(0, 19), 1));  // 0 … 1.9
        r.data_reason = "资产账与财务账不符";
    }
    r.asset_rules = g.percent(90);
    r.asset_findings = small_count(g, 80, 4);
    // 利用率 = 在用固定资产总额 / 固定资产总额 (> 0); the total in 0.20 steps so that 60%, 75%,
    // 90% of it are whole cents.
    std::int64_t assets = g.between(5000, 5000000) * 20;
    std::int64_t in_use;
    if (g.percent(12)) {
        threshold = true;
        static const std::int64_t kAt[] = {90, 75, 60};
        in_use = assets * kAt[g.below(3)] / 100;
    } else {
        in_use = assets * g.between(4000, 10000) / 10000;
    }
    r.assets_total = cents(assets);
    r.assets_in_use = cents(in_use);

    // 控制率 = (实际 − 预算) / 预算 (预算 > 0); the budget in 0.20 steps so that +5% and +10%
    // are whole cents.
    std::int64_t budget = g.between(1000, 50000) * 20;
    std::int64_t actual;
    std::int64_t k = g.below(100);
    if (k < 12) {
        threshold = true;
        actual = budget * (g.percent(50) ? 21 : 22) / 20;  // exactly 5%, 10%
    } else if (k < 40) {
        actual = budget;  // 控制率 0
    } else {
        actual = budget * g.between(8000, 14000) / 10000;
    }
    r.public_budget = cents(budget);
    r.public_actual = cents(actual);
    std::int64_t three = g.between(100, 500000);
    std::int64_t kk = g.below(100);
    r.three_budget = cents(three);
    r.three_actual = cents(kk < 10 ? three : kk < 80 ? g.below(three) : three + g.between(1, three / 5 + 1));

    if (threshold) ++st.threshold_records;
    if (edge) ++st.rounding_edges;
    r.expect_failure = failure;

    // The department file, as a department would send it.
    Json j(r.name);
    j.field("产出目标", goals_json(r.output, "产出指标 ", g));
    j.field("效益目标", goals_json(r.benefit, "效益指标 ", g));
    std::string months = "[";
    for (std::size_t i = 0; i < r.monthly.size(); ++i) months += (i ? ", " : "") + r.monthly[i].json();
    j.field("月度执行率", months + "]");
    j.count("应评估项目数", r.to_assess);
    j.count("未评估项目数", r.not_assessed);
    j.num("年末结转和结余", r.carry_end);
    j.num("年初结转和结余", r.carry_begin);
    j.num("一般公共预算拨款", r.general_budget);
    j.num("政府性基金预算拨款", r.fund_budget);
    j.count("限期整改问题数", r.rectify);
    j.count("套取挪用问题数", r.misuse);
    j.count("重复或未整改问题数", r.repeated);
    j.boolean("涉密部门", r.classified);
    j.boolean("已公开预决算", r.disclosed);
    j.boolean("二十日内公开", r.within_20_days);
    j.boolean("公开检查无问题", r.check_clean);
    j.boolean("绩效目标按时公开", r.goals_published);
    j.boolean("绩效自评按时公开", r.self_eval_published);
    j.boolean("制度明确绩效要求", r.rules_require);
    if (!r.rules_gap.dec.is_zero()) {
        j.num("制度缺漏扣分", r.rules_gap);
        j.text("制度缺漏说明", r.rules_gap_reason);
    }
    j.boolean("制度明确职责分工", r.duties_defined);
    j.count("未及时处理预警次数", r.warnings_late);
    j.boolean("重点评价整改及时反馈", r.feedback);
    j.boolean("评价结果与预算挂钩", r.linked);
    j.boolean("整体目标未被回退", r.goals_kept);
    j.boolean("开展绩效监控", r.monitored);
    j.boolean("及时报送监控材料", r.monitor_sent);
    j.boolean("开展绩效自评", r.self_evaluated);
    j.boolean("组织下属单位自评", r.units_evaluated);
    j.boolean("及时报送自评材料", r.self_eval_sent);
    j.boolean("采购意向全部公开", r.intent_complete);
    j.boolean("采购意向按时公开", r.intent_on_time);
    if (!r.intent_on_time) {
        j.num("采购意向时效得分", r.intent_score);
        j.text("采购意向时效说明", r.intent_reason);
    }
    j.boolean("有采购内控制度", r.procurement_rules);
    j.count("成立的采购投诉数", r.complaints);
    j.count("按时签订合同数", r.contracts_on_time);
    j.count("合同项目总数", r.contracts);
    j.boolean("合同按时备案", r.filed_on_time);
    if (!r.filed_on_time) {
        j.num("合同备案得分", r.filing_score);
        j.text("合同备案说明", r.filing_reason);
    }
    j.num("面向中小企业采购金额", r.sme_amount);
    j.num("中小企业预留金额", r.sme_reserved);
    j.count("配置不符项数", r.nonconforming);
    j.count("超期未上缴笔数", r.overdue);
    j.boolean("完成资产盘点", r.inventory);
    j.boolean("资产年报数据完整准确", r.asset_data_ok);
    if (!r.asset_data_ok) {
        j.num("数据质量得分", r.data_score);
        j.text("数据质量说明", r.data_reason);
    }
    j.boolean("有资产内部管理规程", r.asset_rules);
    j.count("资产检查发现问题数", r.asset_findings);
    j.num("在用固定资产总额", r.assets_in_use);
    j.num("固定资产总额", r.assets_total);
    j.num("实际公用经费", r.public_actual);
    j.num("预算公用经费", r.public_budget);
    j.num("三公经费实际支出", r.three_actual);
    j.num("三公经费预算", r.three_budget);
    r.json = j.done();
    return r;
}

// Names are letters only (no digits in the language's names): 0 → a, 25 → z, 26 → ba, …
std::string letters(int n) {
    std::string s;
    do {
        s.insert(s.begin(), static_cast<char>('a' + n % 26));
        n /= 26;
    } while (n > 0);
    return s;
}

}  // namespace

std::vector<Record> generate_records(std::size_t count, std::uint64_t seed, GenerateStats* stats) {
    Rng g(seed);
    GenerateStats st;
    std::vector<Record> out;
    out.reserve(count);
    for (std::size_t i = 0; i < count; ++i) out.push_back(one_record(g, i, st));
    if (stats) *stats = st;
    return out;
}

std::string generate_ruleset(int leaves, std::string* data_json) {
    constexpr int kPerLevel2 = 100, kLevel2PerLevel1 = 10;
    std::string inputs, tree, data;
    std::string level2, level1;
    int in_level2 = 0, in_level1 = 0, level2_count = 0, level1_count = 0;
    auto close_level2 = [&] {
        if (in_level2 == 0) return;
        ++level2_count;
        level1 += "  二级指标 \"二级 " + std::to_string(level2_count) + "\" " + std::to_string(in_level2) + " {\n" + level2 + "  }\n";
        in_level1 += in_level2;
        level2.clear();
        in_level2 = 0;
    };
    auto close_level1 = [&] {
        close_level2();
        if (in_level1 == 0) return;
        ++level1_count;
        tree += "一级指标 \"一级 " + std::to_string(level1_count) + "\" " + std::to_string(in_level1) + " {\n" + level1 + "}\n\n";
        level1.clear();
        in_level1 = 0;
    };
    for (int i = 0; i < leaves; ++i) {
        std::string id = letters(i);
        std::string leaf = "    三级指标 \"指标 " + std::to_string(i + 1) + "\" 1 {\n";
        switch (i % 3) {
            case 0:
                inputs += "  率_" + id + " 百分比 [0, 100%]\n";
                leaf += "      按 率_" + id + " 分档 {\n        ≥ 90% 得 1 分\n        [60%, 90%) 得 0.5 分\n        其余 不得分\n      }\n";
                data += ",\n    \"率_" + id + "\": \"" + std::to_string(50 + i % 50) + "%\"";
                break;
            case 1:
                inputs += "  数_" + id + " 计数\n";
                leaf += "      扣分 {\n        数_" + id + " 每项 扣 0.5 分\n      }，扣完为止\n";
                data += ",\n    \"数_" + id + "\": " + std::to_string(i % 4);
                break;
            default:
                inputs += "  是_" + id + " 是否\n";
                leaf += "      若 是_" + id + " 则 得满分 否则 不得分\n";
                data += ",\n    \"是_" + id + "\": " + std::string(i % 5 ? "true" : "false");
                break;
        }
        level2 += leaf + "    }\n";
        if (++in_level2 == kPerLevel2) {
            close_level2();
            if (level2_count % kLevel2PerLevel1 == 0) close_level1();
        }
    }
    close_level1();
    if (data_json) *data_json = "{\n  \"部门\": \"生成的单位\",\n  \"年度\": 2023,\n  \"数据\": {" + data.substr(1) + "\n  }\n}\n";
    return "规则集 \"生成的指标体系（" + std::to_string(leaves) + " 个末级指标）\" 年度 2023 总分 " + std::to_string(leaves) +
           "\n舍入 叶指标 四舍五入 保留 2 位\n\n输入 {\n" + inputs + "}\n\n" + tree;
}

}  // namespace bench
