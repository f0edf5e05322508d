// 完成率计分 (P1, P2, P20): a goal table's rows, bound with the data (lower/goal_rows), each
// scored by the rule's tiers on its points, the indicator's score their sum.
#include <cstring>
#include <fmt/format.h>

#include "eval/evaluate.hpp"
#include "eval/explain.hpp"
#include "eval/fail.hpp"
#include "lower/goal_rows.hpp"

namespace pingfen::eval {

using namespace ast;
using explain::show_number;

namespace {

using lower::parse_number_text;
using lower::Target;

const Decimal kOne = Decimal::from_int(1);

std::string text_of(const ast::DataValue* v) {
    if (!v) return "";
    if (v->kind == ast::DataValue::Kind::Text) return v->text;
    if (v->kind == ast::DataValue::Kind::Number) return v->percent ? v->number.to_percent_exact() : v->number.to_string();
    if (v->kind == ast::DataValue::Kind::Bool) return v->boolean ? "是" : "否";
    return "";
}

// text_of without a copy when the value is text (the common case); `buf` holds any other.
std::string_view text_view(const ast::DataValue* v, std::string& buf) {
    if (v && v->kind == ast::DataValue::Kind::Text) return v->text;
    buf = text_of(v);
    return buf;
}

// DataValue::field for a literal name: no std::string key built, and a comparison of known
// length the compiler inlines (the column names are mostly the same 6 bytes long).
template <std::size_t N>
const ast::DataValue* field(const ast::DataValue& row, const char (&name)[N]) {
    for (const auto& f : row.fields)
        if (f.first.size() == N - 1 && std::memcmp(f.first.data(), name, N - 1) == 0) return &f.second;
    return nullptr;
}

}  // namespace

// P1, P2, P20: each goal row's completion rate scored by the tiers on the row's points; the
// indicator's score is the sum of the rows'.
Decimal Evaluator::completion(const Scoring& s, std::string& why) {
    const Decimal whole = weight_;
    Value table = value(*s.value);
    const auto& rows = *table.list;
    if (rows.empty()) {
        if (explain_) why = en_ ? "no performance goals reported: no points" : "未报整体绩效目标，不得分";
        return Decimal();
    }
    // 按权重（分值）: each row's 权重 is its points, and they add up to the indicator's;
    // 按权重（占比）: each is its share of the indicator's points, and they add up to 100%.
    // Weights that do not add up are refused: rescaling them would hand a lone row of weight 2
    // all 70 points.
    // The rows' columns as bound with the data; found here only for a table that was not bound.
    const lower::GoalRow* bound = table.goal_rows;
    std::vector<lower::GoalRow> unbound;
    if (!bound) {
        lower::bind_goal_rows(rows, unbound);
        bound = unbound.data();
    }
    Decimal weight_sum;
    if (s.split_by_row_weight) {
        // Checked and added when the rows were bound: gone through again only to say which row
        // has no positive weight.
        weight_sum = bound[0].table_weight_sum;
        for (std::size_t i = 0; bound[0].table_bad_weight >= 0 && i < rows.size(); ++i) {
            const ast::DataValue& r = rows[i];
            const ast::DataValue* w = bound[i].weight;
            if (!w)
                fail(s.value->loc, fmt::format("规则按权重分配分值，目标表 `{}` 的行“{}”缺少 `权重`", s.value->text, text_of(r.field("名称"))),
                     fmt::format("points are split by row weight, but row “{}” of `{}` has no `权重`", text_of(r.field("名称")), s.value->text));
            if (!(Decimal() < bound[i].weight_number))
                fail(s.value->loc, fmt::format("目标表 `{}` 的行“{}”的权重应为正数", s.value->text, text_of(r.field("名称"))),
                     fmt::format("row “{}” of `{}` must have a positive weight", text_of(r.field("名称")), s.value->text));
            weight_sum = weight_sum + bound[i].weight_number;
        }
        const Decimal expected = s.row_weight_is_share ? Decimal::from_int(1) : whole;
        if (weight_sum != expected) weights_do_not_add_up(s, rows, weight_sum, whole);
    }
    Decimal total;
    std::vector<std::string> items;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        step(s.value->loc);
        weight_ = !s.split_by_row_weight ? whole / Decimal::from_int(static_cast<std::int64_t>(rows.size()))
                  : s.row_weight_is_share ? whole * bound[i].weight_number
                                          : bound[i].weight_number;
        std::string sub;
        std::string outer;  // the scope is kept only while recording choices
        if (leaf_choices_) {  // the row's name; "#3" for an unnamed third row, worded later
            outer = scope_;
            std::string buf;
            std::string_view name = text_view(bound[i].name, buf);
            scope_ = name.empty() ? fmt::format("#{}", i + 1) : std::string(name);
        }
        const Decimal row_score = goal_row(s, bound[i], i, sub);
        total = total + row_score;
        note(Choice::Kind::RowScore, s, i, {}, row_score);  // a 测试 may expect the row's score
        if (leaf_choices_) scope_ = std::move(outer);
        if (explain_) items.push_back(sub);
    }
    weight_ = whole;
    if (explain_) {
        std::string share = s.split_by_row_weight ? (en_ ? "points by row weight" : "各行分值按权重")
                                                  : fmt::format(fmt::runtime(en_ ? "{} rows, equal shares" : "{} 行平均分配"), rows.size());
        std::string list;
        for (const auto& it : items) list += (list.empty() ? "" : (en_ ? "; " : "；")) + it;
        why = fmt::format(fmt::runtime(en_ ? "{}: {}; total {}" : "{}：{}；合计 {} 分"), share, list, show_number(total, ValueType::Number));
    }
    return total;
}

void Evaluator::weights_do_not_add_up(const Scoring& s, const std::vector<ast::DataValue>& rows, const Decimal& sum,
                                      const Decimal& whole) {
    std::string list_zh, list_en;
    for (std::size_t i = 0; i < rows.size() && i < 12; ++i) {
        std::string name = text_of(rows[i].field("名称"));
        if (name.empty()) name = fmt::format("第 {} 行", i + 1);
        const Decimal w = field(rows[i], "权重")->number;
        std::string shown = s.row_weight_is_share ? w.to_percent_exact() : w.to_string();
        list_zh += (list_zh.empty() ? "" : "、") + fmt::format("{} {}", name, shown);
        list_en += (list_en.empty() ? "" : ", ") + fmt::format("{} {}", name, shown);
    }
    if (rows.size() > 12) {
        list_zh += "……";
        list_en += ", …";
    }
    if (s.row_weight_is_share)
        fail(s.value->loc,
             fmt::format("目标表 `{}` 的权重是各行的占比，合计应为 100%，实为 {}（{}）", s.value->text, sum.to_percent_exact(), list_zh),
             fmt::format("the weights of goal table `{}` are the rows' shares and must add up to 100%; they add up to {} ({})",
                         s.value->text, sum.to_percent_exact(), list_en));
    fail(s.value->loc,
         fmt::format("目标表 `{}` 的权重是各行的分值，合计应等于指标分值 {}，实为 {}（{}）", s.value->text, whole.to_string(),
                     sum.to_string(), list_zh),
         fmt::format("the weights of goal table `{}` are the rows' points and must add up to the indicator's {} points; they add "
                     "up to {} ({})",
                     s.value->text, whole.to_string(), sum.to_string(), list_en));
}

Decimal Evaluator::goal_row(const Scoring& s, const lower::GoalRow& row, std::size_t index, std::string& why) {
    const Decimal points = weight_;
    // The row's name is needed only for an error or an explanation: not built otherwise. In the
    // language of the message it goes into (an error's Chinese message is Chinese whatever the
    // language of the sheet).
    auto label = [&](bool en) {
        std::string buf;
        std::string name(text_view(row.name, buf));
        return name.empty() ? fmt::format(fmt::runtime(en ? "row {}" : "第 {} 行"), index + 1) : name;
    };
    const ast::DataValue* actual_v = row.actual;
    const Target& target = row.goal;  // read when the data was bound, 方向 applied

    // A qualitative row judged by the assessor into a band (P2): the rate must lie in the band.
    const ast::DataValue* band_v = row.band;
    if (band_v) {
        std::string band_buf;
        std::string_view band_name = row.texts & lower::GoalRow::kBandText ? row.band_text : text_view(band_v, band_buf);
        const ast::QualitativeBand* band = nullptr;
        for (const auto& b : s.bands)
            if (b.name == band_name) band = &b;
        if (!band)
            fail(s.loc, fmt::format("目标“{}”的档次“{}”不是规则声明的定性档次", label(false), band_name),
                 fmt::format("goal “{}”: band “{}” is not one the rule declares", label(true), band_name));
        const ast::DataValue* rate_v = row.rate;
        if (!rate_v)
            fail(s.loc, fmt::format("目标“{}”按定性档次评定，须给出 `得分率`", label(false)),
                 fmt::format("goal “{}” is judged by band and needs `得分率`", label(true)));
        if (!in_interval(rate_v->number, *band->bound))
            fail(s.loc, fmt::format("目标“{}”的得分率 {} 不在“{}”档 {} 内", label(false), rate_v->number.to_percent_exact(), band_name,
                                    explain::interval(*band->bound, Language::Chinese)),
                 fmt::format("goal “{}”: rate {} is outside band “{}” {}", label(true), rate_v->number.to_percent_exact(), band_name,
                             explain::interval(*band->bound, Language::English)));
        std::string reason_buf;
        std::string_view reason = row.texts & lower::GoalRow::kReasonText ? row.reason_text : text_view(row.reason, reason_buf);
        if (reason.empty())
            fail(s.loc, fmt::format("目标“{}”按定性档次评定，须在 `说明` 中写明书面评分依据", label(false)),
                 fmt::format("goal “{}” is judged by band and needs a written reason in `说明`", label(true)));
        Decimal v = points * rate_v->number;
        if (leaf_choices_) note_text(Choice::Kind::Band, s, 0, rate_v->number, {}, std::string(band_name));
        if (explain_)
            why = fmt::format(fmt::runtime(en_ ? "{}: judged “{}” at {} ({}), {} × {} = {}" : "{}：评定为“{}”，得分率 {}（{}），{} × {} = {} 分"), label(en_),
                              band_name, rate_v->number.to_percent_exact(), reason, show_number(points, ValueType::Number),
                              rate_v->number.to_percent_exact(), show_number(v, ValueType::Number));
        return v;
    }

    // Words (是, 基本持平, 长期): met when the actual says the same.
    if (target.kind == Target::Kind::Words) {
        std::string actual_buf;
        std::string_view actual = row.texts & lower::GoalRow::kActualText ? row.actual_text : text_view(actual_v, actual_buf);
        bool met = actual == target.words;
        if (leaf_choices_) note_text(Choice::Kind::Words, s, met ? 1 : 0, {}, {}, std::string(actual));
        if (explain_)
            why = fmt::format(fmt::runtime(en_ ? "{}: target “{}”, actual “{}”, {}" : "{}：目标“{}”，实际“{}”，{}"), label(en_), target.words,
                              actual, met ? fmt::format(fmt::runtime(en_ ? "met: {}" : "达成，得 {} 分"), show_number(points, ValueType::Number))
                                          : (en_ ? "not met: 0" : "未达成，不得分"));
        return met ? points : Decimal();
    }

    Decimal actual;
    bool actual_percent = false;
    std::string actual_buf;
    const auto actual_read = [&] {
        const std::string_view text = row.texts & lower::GoalRow::kActualText ? row.actual_text : text_view(actual_v, actual_buf);
        return parse_number_text(text, actual, actual_percent) || lower::typed_number(text, actual, actual_percent);
    };
    if (!(row.actual_is_number ? (actual = row.actual_number, actual_percent = row.actual_percent, true) : actual_read()))
        fail(s.loc, fmt::format("目标“{}”的目标值是数值，实际值“{}”却不是", label(false), text_of(actual_v)),
             fmt::format("goal “{}” has a numeric target but the actual “{}” is not a number", label(true), text_of(actual_v)));
    Decimal rate;
    if (target.kind == Target::Kind::AtMost) {
        // Lower is better: 100% when the actual does not exceed the target.
        rate = actual <= target.value ? kOne : (target.value.is_zero() ? Decimal() : target.value / actual);
    } else {
        if (target.value.is_zero())
            fail(s.loc, fmt::format("目标“{}”的目标值为 0，无法计算完成率；越低越好的指标请写 \"≤0\" 或 方向：\"越低越好\"", label(false)),
                 fmt::format("goal “{}” has target 0, so no completion rate; for lower-is-better goals write \"≤0\" or 方向: \"越低越好\"", label(true)));
        rate = actual / target.value;
    }
    Value rate_value = Value::of(rate);
    slots_[static_cast<std::size_t>(s.rate_slot)] = rate_value;
    state_[static_cast<std::size_t>(s.rate_slot)] = 2;
    std::string sub;
    Decimal v = tiers(s, rate_value, sub);
    if (explain_) {
        auto shown = [](const Decimal& d, bool pct) { return pct ? d.to_percent_exact() : d.to_string(); };
        std::string how = target.kind == Target::Kind::AtMost
                              ? fmt::format(fmt::runtime(en_ ? "target ≤{}, actual {}, rate {}" : "目标 ≤{}，实际 {}，完成率 {}"),
                                            shown(target.value, target.percent), shown(actual, actual_percent), show_number(rate, ValueType::Percent))
                              : fmt::format(fmt::runtime(en_ ? "{} / {} = {}" : "{} / {} = {}"), shown(actual, actual_percent),
                                            shown(target.value, target.percent), show_number(rate, ValueType::Percent));
        why = fmt::format(fmt::runtime(en_ ? "{}: {}, {}" : "{}：{}，{}"), label(en_), how, sub);
    }
    return v;
}

// completion() and goal_row() as the lowered program runs them (run_program.cpp): the same
// steps and numbers, without explanation or recorded choices; where they would report an error
// the program gives the leaf up to them. The rate's tiers are the program's tier rows.
Decimal Evaluator::run_completion(const lower::Rule& r) {
    const Scoring& s = *program_->scorings[r.d];
    const Decimal whole = weight_;
    // Read in place: a goal table is always the department's data (no function makes one), so
    // its rows outlive this rule even should a named value holding it be computed again.
    Value own;
    const Value& table = run_value_in_place(r.a, own);
    if (table.kind != Value::Kind::List || !table.list) give_up();
    const auto& rows = *table.list;
    if (rows.empty()) return Decimal();
    const lower::GoalRow* bound = table.goal_rows;
    if (!bound) give_up();  // rows not bound with the data: completion() binds them
    const bool by_weight = r.flag_a, weight_is_share = r.flag_b;
    if (by_weight) {
        // A row without a positive weight, or weights that do not add up: completion()'s to report.
        if (bound[0].table_bad_weight >= 0) give_up();
        if (bound[0].table_weight_sum != (weight_is_share ? kOne : whole)) give_up();
    }
    Decimal::Sum total;
    for (std::size_t i = 0; i < rows.size(); ++i) {
        ++steps_;
        weight_ = !by_weight ? whole / Decimal::from_int(static_cast<std::int64_t>(rows.size()))
                  : weight_is_share ? whole * bound[i].weight_number
                                    : bound[i].weight_number;
        total.add(run_goal_row(r, s, bound[i]));
    }
    weight_ = whole;
    return total.value();
}

Decimal Evaluator::run_goal_row(const lower::Rule& r, const Scoring& s, const lower::GoalRow& row) {
    const Decimal points = weight_;
    const Target& target = row.goal;
    if (row.has_band) {
        if (!(row.texts & lower::GoalRow::kBandText) || !row.rate) give_up();
        const ast::QualitativeBand* band = nullptr;
        for (const auto& b : s.bands)
            if (b.name == row.band_text) band = &b;
        if (!band) give_up();
        // A band's bound may be an expression (分值 × 80%), which in_interval() evaluates by the
        // AST walk, counting and checking each step: the steps the program counted unchecked so
        // far must be within the budget first, or the walk would stop past where it should.
        before_ast();
        if (!in_interval(row.rate_number, *band->bound)) give_up();
        if (!(row.texts & lower::GoalRow::kReasonText) || row.reason_text.empty()) give_up();
        return points * row.rate_number;
    }
    if (target.kind == Target::Kind::Words) {
        if (!(row.texts & lower::GoalRow::kActualText) && row.actual) give_up();  // a number or yes/no shown as text
        return row.words_met ? points : Decimal();
    }
    if (!row.actual_is_number) give_up();  // completion() reads the text, or reports it
    const Decimal& actual = row.actual_number;
    Decimal rate;
    if (target.kind == Target::Kind::AtMost) {
        rate = actual <= target.value ? kOne : (target.value.is_zero() ? Decimal() : target.value / actual);
    } else {
        if (target.value.is_zero()) give_up();
        rate = actual / target.value;
    }
    slots_[static_cast<std::size_t>(s.rate_slot)] = Value::of(rate);
    state_[static_cast<std::size_t>(s.rate_slot)] = 2;
    return run_tiers(r, rate);
}

}  // namespace pingfen::eval
