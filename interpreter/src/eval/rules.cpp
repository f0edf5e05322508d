// A rule's points (得满分, 若 … 则, 分档, 比例计分, 扣分, 分项, 酌情): what each kind of scoring rule
// gives on 分值, with its 评分依据 when explaining. Goal tables are in completion.cpp, steps in
// steps.cpp, grade tiers in grade_tier.cpp.
#include <functional>
#include <fmt/format.h>

#include "eval/evaluate.hpp"
#include "eval/explain.hpp"
#include "eval/fail.hpp"

namespace pingfen::eval {

using namespace ast;
using explain::show_number;
using explain::show_points;

Decimal Evaluator::score_rule(const Scoring& s, std::string& why) {
    const Decimal w = weight_;
    const Decimal zero;
    switch (s.kind) {
        // `why` is read only when explaining: without explain no text is built at all.
        case Scoring::Kind::Full:
            if (explain_) why = fmt::format(fmt::runtime(en_ ? "full points, {}" : "得满分 {} 分"), show_points(w));
            return w;
        case Scoring::Kind::Zero:
            if (explain_) why = en_ ? "no points" : "不得分";
            return zero;
        case Scoring::Kind::Score: {
            Decimal v = number(*s.value);
            if (explain_) {
                std::string filled = with_values(*s.value);
                why = filled == show_points(v) ? fmt::format(fmt::runtime(en_ ? "score {}" : "得 {} 分"), show_points(v))
                                               : fmt::format(fmt::runtime(en_ ? "score {} = {}" : "得 {} = {} 分"), filled, show_points(v));
            }
            return v;
        }
        case Scoring::Kind::If: {
            bool c = condition(*s.value);
            note(Choice::Kind::Branch, s, c ? 0 : 1);
            std::string sub;
            Decimal v = score(c ? *s.then_ : *s.else_, sub);
            if (explain_) {
                std::string cond = s.value->kind == Expr::Kind::Name
                                       ? fmt::format(fmt::runtime(en_ ? "{}: {}" : "{}：{}"), s.value->text,
                                                     c ? (en_ ? "yes" : "是") : (en_ ? "no" : "否"))
                                       : join({condition_text(*s.value), c ? (en_ ? "holds" : "成立") : (en_ ? "does not hold" : "不成立")});
                why = join({cond, sub});
            }
            return v;
        }
        case Scoring::Kind::Tiers:
            if (s.by_grade) return grade_tier(s, why);
            return tiers(s, subject_value(*s.value), why);
        case Scoring::Kind::Step: return per_step(s, why);  // steps.cpp
        case Scoring::Kind::Proportion: {
            Value subject_value = this->subject_value(*s.value);
            Decimal rate = subject_value.number;
            Decimal cap = number(*s.cap);
            Decimal used = Decimal::min(rate, cap);
            Decimal v = used.floored_at_zero() * w;
            note(Choice::Kind::Proportion, s, 0, rate, used);
            if (explain_) {
                std::string capn = show_number(cap, s.cap->type);
                std::string usedn = show_number(used, s.value->type);
                std::string subj = subject(*s.value, subject_value);
                if (cap < rate) {
                    std::string capped = fmt::format(fmt::runtime(en_ ? "above the cap {}, counted as {}: {} × {} = {} points"
                                                                      : "超过封顶 {}，按 {} 计：{} × {} = {} 分"),
                                                     capn, capn, capn, show_points(w), show_points(v));
                    why = join({subj, capped});
                } else {
                    if (subj.empty()) subj = show_number(rate, s.value->type);
                    why = fmt::format(fmt::runtime(en_ ? "{} × {} = {} points" : "{} × {} = {} 分"), subj, show_points(w),
                                      show_points(v));
                }
                (void)usedn;
            }
            return v;
        }
        case Scoring::Kind::Deductions: {
            Decimal total;
            std::vector<std::string> items;
            for (const Deduction& d : s.deductions) {
                Decimal amount = number(*d.amount);
                const auto item = static_cast<std::size_t>(&d - s.deductions.data());
                if (d.kind == Deduction::Kind::Conditional) {
                    if (!condition(*d.subject)) continue;
                    note(Choice::Kind::Deduction, s, item, {}, amount);
                    total = total + amount;
                    if (explain_) {
                        std::string cond = d.from_tiers ? deduction_row(d)
                                           : d.subject->kind == Expr::Kind::Name ? d.subject->text : condition_text(*d.subject);
                        items.push_back(fmt::format(fmt::runtime(en_ ? "{}: deduct {}" : "{}，扣 {} 分"), cond, show_points(amount)));
                    }
                } else {
                    Decimal n = number(*d.subject);
                    if (n.is_zero()) continue;
                    if (n.is_negative())
                        fail(d.subject->loc, "次数不能为负", "a count cannot be negative");
                    Decimal sub = n * amount;
                    note(Choice::Kind::Deduction, s, item, n, sub);
                    total = total + sub;
                    if (explain_) {
                        std::string who = d.subject->kind == Expr::Kind::Name ? d.subject->text : explain::formula(*d.subject, lang_);
                        items.push_back(fmt::format(fmt::runtime(en_ ? "{} {} × {} = {}" : "{} {} {} × {} = {} 分"), who, show_points(n),
                                                    explain::counted_as(*d.subject), show_points(amount), show_points(sub)));
                    }
                }
            }
            Decimal v = (w - total).floored_at_zero();
            // max(0, w − total) with nothing negative deducted is within [0, w] (leaf()).
            deductions_within_ = !w.is_negative() && !total.is_negative();
            if (total.is_zero()) note(Choice::Kind::NoDeduction, s);
            if (explain_) {
                if (items.empty()) {
                    why = fmt::format(fmt::runtime(en_ ? "nothing to deduct: full points, {}" : "无扣分情形，得满分 {} 分"), show_points(w));
                } else {
                    std::string list;
                    for (const auto& i : items) list += (list.empty() ? "" : (en_ ? "; " : "；")) + i;
                    why = w <= total ? fmt::format(fmt::runtime(en_ ? "{}; {} deducted, down to 0: 0 points" : "{}；共扣 {} 分，扣完为止，得 0 分"),
                                                   list, show_points(total))
                                     : fmt::format(fmt::runtime(en_ ? "{}; {} deducted: {} points" : "{}；共扣 {} 分，得 {} 分"), list,
                                                   show_points(total), show_points(v));
                }
            }
            return v;
        }
        case Scoring::Kind::Parts:
            return parts(s, why);
        case Scoring::Kind::Discretion:
            return discretion(s, why);
        case Scoring::Kind::Completion:
            return completion(s, why);
    }
    return zero;
}

Decimal Evaluator::tiers(const Scoring& s, const Value& subject_value, std::string& why) {
    Decimal v = subject_value.number;
    for (const Tier& t : s.tiers) {
        if (t.bound && !in_interval(v, *t.bound, t.low_implied, t.high_implied)) continue;
        note(Choice::Kind::Tier, s, static_cast<std::size_t>(&t - s.tiers.data()), v);
        std::string sub;
        Decimal r = score(*t.result, sub);
        if (explain_) {
            std::string band = t.bound ? explain::interval(*t.bound, lang_) : (en_ ? "otherwise" : "其余情形");
            why = s.kind == Scoring::Kind::Tiers ? join({subject(*s.value, subject_value), band, sub}) : join({band, sub});
        }
        return r;
    }
    fail(s.loc, fmt::format("{} 不在任何一档中", show_number(v, ValueType::Percent == s.value->type || s.kind == Scoring::Kind::Completion ? ValueType::Percent : s.value->type)),
         fmt::format("{} falls in no tier", show_number(v, s.kind == Scoring::Kind::Completion ? ValueType::Percent : s.value->type)));
}

// P9, P10, P12, P13: each part scored on its own points (a share of the indicator's, or
// points), the indicator's score their sum.
Decimal Evaluator::parts(const Scoring& s, std::string& why) {
    const Decimal whole = weight_;
    Decimal sum;
    std::vector<std::string> items;
    for (const auto& p : s.parts) {
        Decimal points = p->share_is_percent ? whole * p->share : p->share;
        if (applicability_ && p->part_index >= 0) {
            Decimal v;
            std::string item;
            if (part_not_applicable(s, static_cast<std::size_t>(&p - s.parts.data()), points, v, item)) {
                sum = sum + v;
                if (explain_) items.push_back(std::move(item));
                continue;
            }
        }
        weight_ = points;
        part_ = p.get();
        std::string sub;
        std::string outer;
        if (leaf_choices_) outer = scope_, scope_ = outer.empty() ? p->name : outer + " › " + p->name;
        Decimal v = score(*p->scoring, sub);
        if (leaf_choices_) scope_ = outer;
        part_ = nullptr;
        weight_ = whole;
        if (!within_by_rule(*p->scoring, points) && (v.is_negative() || points < v))
            fail(p->scoring->loc, fmt::format("分项 `{}` 的得分 {} 超出 [0, {}]", p->name, show_points(v), show_points(points)),
                 fmt::format("part `{}` scores {}, outside [0, {}]", p->name, show_points(v), show_points(points)));
        sum = sum + v;
        if (explain_) {
            std::string share = p->share_is_percent ? fmt::format(fmt::runtime(en_ ? "{} of {}" : "占 {}，{} 分"),
                                                                  p->share.to_percent_exact(), show_points(points))
                                                    : fmt::format(fmt::runtime(en_ ? "{} points" : "{} 分"), show_points(points));
            if (applicability_ && p->part_index >= 0) share += moved_in_text(*p);
            items.push_back(fmt::format(fmt::runtime(en_ ? "{} ({}): {}" : "{}（{}）：{}"), p->name, share, sub));
        }
    }
    if (explain_) {
        std::string list;
        for (const auto& i : items) list += (list.empty() ? "" : (en_ ? "; " : "；")) + i;
        why = fmt::format(fmt::runtime(en_ ? "{}; total {}" : "{}；合计 {} 分"), list, show_points(sum));
    }
    return sum;
}

// P11 and the assessor's partial score of P8: a number from the data, inside stated bounds,
// with a reason.
Decimal Evaluator::discretion(const Scoring& s, std::string& why) {
    const Decimal w = weight_;
    Decimal v = number(*s.value);
    if (!in_interval(v, *s.range)) {
        // The bounds as they stood for this indicator: [0, 1), not [0, 分值).
        std::function<std::string(const Expr&)> points = [&](const Expr& e) { return show_points(number(e)); };
        std::string range = explain::interval(*s.range, lang_, &points);
        fail(s.value->loc,
             fmt::format("酌情{} {} 分超出规则允许的范围 {}", s.discretion_deducts ? "扣" : "得", show_points(v), range),
             fmt::format("the discretionary {} of {} is outside the allowed range {}",
                         s.discretion_deducts ? "deduction" : "score", show_points(v), range));
    }
    Value reason = value(*s.reason);
    std::string_view text = reason.kind == Value::Kind::Text ? reason.text : std::string_view();
    bool lost = s.discretion_deducts ? !v.is_zero() : v < w;
    if (lost && text.find_first_not_of(" \t") == std::string_view::npos) {
        std::string who = s.reason->kind == Expr::Kind::Name ? s.reason->text : "理由";
        fail(s.reason->loc, fmt::format("酌情{}须说明理由，`{}` 为空", s.discretion_deducts ? "扣分" : "给分", who),
             fmt::format("a discretionary {} needs a reason, but `{}` is empty", s.discretion_deducts ? "deduction" : "score", who));
    }
    Decimal result = s.discretion_deducts ? (w - v).floored_at_zero() : v;
    note(Choice::Kind::Discretion, s, 0, v);
    // A deduction above the points is cut to them: said in the basis and as a warning (W0502).
    const bool clipped = s.discretion_deducts && w < v;
    if (clipped) clipped_.push_back({s.value->loc, part_ ? part_->name : std::string(), v, w});
    if (explain_) {
        std::string because = lost ? fmt::format(fmt::runtime(en_ ? " (reason: {})" : "（理由：{}）"), text) : "";
        if (clipped)
            because += fmt::format(fmt::runtime(en_ ? ", more than the {} points here: only {} deducted" : "，超过本项分值 {} 分，只能扣 {} 分"),
                                   show_points(w), show_points(w));
        if (s.finding)  // 按 财务核查 扣分: the assessor's finding, named, with its reason
            why = v.is_zero() ? fmt::format(fmt::runtime(en_ ? "{}: nothing taken off, full points, {}" : "{}：未扣分，得满分 {} 分"), s.value->text, show_points(w))
                              : fmt::format(fmt::runtime(en_ ? "{}: {} points taken off{}: {} points" : "{}：扣 {} 分{}，得 {} 分"), s.value->text,
                                            show_points(v), because, show_points(result));
        else if (s.discretion_deducts)
            why = v.is_zero() ? fmt::format(fmt::runtime(en_ ? "no discretionary deduction: full points, {}" : "未酌情扣分，得满分 {} 分"), show_points(w))
                              : fmt::format(fmt::runtime(en_ ? "discretionary deduction {}{}: {} points" : "酌情扣 {} 分{}，得 {} 分"),
                                            show_points(v), because, show_points(result));
        else
            why = fmt::format(fmt::runtime(en_ ? "discretionary score {}{}" : "酌情得 {} 分{}"), show_points(v), because);
    }
    return result;
}

}  // namespace pingfen::eval
