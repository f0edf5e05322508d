#include "diff/rule_text.hpp"

#include <fmt/format.h>

#include "eval/explain.hpp"

namespace pingfen::diff {

using namespace ast;

namespace {

std::string f(const Expr& e, Language lang) { return explain::formula(e, lang); }
std::string iv(const Interval& i, Language lang) { return explain::interval(i, lang); }

}  // namespace

std::string scoring_text(const Scoring& s, Language lang) {
    const bool en = lang == Language::English;
    switch (s.kind) {
        case Scoring::Kind::Full: return en ? "full" : "得满分";
        case Scoring::Kind::Zero: return en ? "zero" : "不得分";
        case Scoring::Kind::Score: return fmt::format(fmt::runtime(en ? "score {} points" : "得 {} 分"), f(*s.value, lang));
        case Scoring::Kind::If:
            return fmt::format(fmt::runtime(en ? "if {} then {} else {}" : "若 {} 则 {} 否则 {}"), f(*s.value, lang),
                               scoring_text(*s.then_, lang), scoring_text(*s.else_, lang));
        case Scoring::Kind::Tiers: {
            std::string out = s.by_grade ? fmt::format(fmt::runtime(en ? "by {} grade_coefficients {{ " : "按 {} 等级系数 {{ "), f(*s.value, lang))
                                         : fmt::format(fmt::runtime(en ? "by {} tiers {{ " : "按 {} 分档 {{ "), f(*s.value, lang));
            for (std::size_t i = 0; i < s.tiers.size(); ++i)
                out += fmt::format("{}{} {}", i ? (en ? "; " : "；") : "",
                                   !s.tiers[i].grade.empty() ? s.tiers[i].grade
                                   : s.tiers[i].bound ? iv(*s.tiers[i].bound, lang) : (en ? "otherwise" : "其余"),
                                   scoring_text(*s.tiers[i].result, lang));
            return out + " }";
        }
        case Scoring::Kind::Step:
            if (s.downward)
                return fmt::format(fmt::runtime(en ? "by {} below {} per_decrease {} deduct {} points, {}, floor_zero"
                                                   : "按 {} 低于 {} 每低于 {} 扣 {} 分，{}，扣完为止"),
                                   f(*s.value, lang), f(*s.base, lang), f(*s.step, lang), f(*s.amount, lang),
                                   s.partial_step_counts ? (en ? "partial_step_counts" : "不足一档按一档计")
                                                         : (en ? "partial_step_ignored" : "不足一档不计"));
            return fmt::format(fmt::runtime(en ? "by {}{} per_increase {} deduct {} points, {}, floor_zero"
                                               : "按 {}{} 每增加 {} 扣 {} 分，{}，扣完为止"),
                               f(*s.value, lang), s.base ? (en ? " beyond " : " 超过 ") + f(*s.base, lang) : "", f(*s.step, lang),
                               f(*s.amount, lang),
                               s.partial_step_counts ? (en ? "partial_step_counts" : "不足一档按一档计")
                                                     : (en ? "partial_step_ignored" : "不足一档不计"));
        case Scoring::Kind::Proportion:
            return fmt::format(fmt::runtime(en ? "by {} proportional, cap {}" : "按 {} 比例计分，封顶 {}"), f(*s.value, lang),
                               f(*s.cap, lang));
        case Scoring::Kind::Deductions: {
            std::string out = en ? "deductions { " : "扣分 { ";
            for (std::size_t i = 0; i < s.deductions.size(); ++i) {
                const Deduction& d = s.deductions[i];
                out += i ? (en ? "; " : "；") : "";
                out += d.kind == Deduction::Kind::PerItem
                           ? fmt::format(fmt::runtime(en ? "{} each deduct {} points" : "{} 每项 扣 {} 分"), f(*d.subject, lang), f(*d.amount, lang))
                           : fmt::format(fmt::runtime(en ? "if {} deduct {} points" : "若 {} 扣 {} 分"), f(*d.subject, lang), f(*d.amount, lang));
            }
            return out + (en ? " }, floor_zero" : " }，扣完为止");
        }
        case Scoring::Kind::Parts: {
            std::string out = en ? "parts { " : "分项 { ";
            for (std::size_t i = 0; i < s.parts.size(); ++i) {
                const Indicator& p = *s.parts[i];
                out += fmt::format("{}{} {} {{ {} }}", i ? (en ? "; " : "；") : "", p.name,
                                   p.share_is_percent ? p.share.to_percent_exact() : p.share.to_string() + (en ? " points" : " 分"),
                                   rule_text(p, lang));
            }
            return out + " }";
        }
        case Scoring::Kind::Discretion:
            // 按 财务核查 扣分, with the finding's bounds so that a change of them shows.
            if (s.finding)
                return fmt::format(fmt::runtime(en ? "by {} deductions {}" : "按 {} 扣分 {}"), f(*s.value, lang), iv(*s.range, lang));
            return fmt::format(fmt::runtime(en ? "{} {} points {}, reason {}" : "{} {} 分 {}，理由 {}"),
                               s.discretion_deducts ? (en ? "discretionary_deduct" : "酌情扣") : (en ? "discretionary_score" : "酌情得"),
                               f(*s.value, lang), iv(*s.range, lang), f(*s.reason, lang));
        case Scoring::Kind::Completion: {
            std::string out = fmt::format(fmt::runtime(en ? "by {} completion_rate {{ split {}" : "按 {} 完成率计分 {{ 分值分配 {}"),
                                          f(*s.value, lang),
                                          !s.split_by_row_weight ? (en ? "equally" : "平均分配")
                                          : s.row_weight_is_share ? (en ? "by_row_weight(share)" : "按权重（占比）")
                                                                  : (en ? "by_row_weight(weight)" : "按权重（分值）"));
            for (const auto& t : s.tiers)
                out += fmt::format("{}{} {}", en ? "; " : "；", t.bound ? iv(*t.bound, lang) : (en ? "otherwise" : "其余"),
                                   scoring_text(*t.result, lang));
            if (!s.bands.empty()) {
                out += en ? "; qualitative {" : "；定性 {";
                for (const auto& b : s.bands) out += fmt::format(" {} {}", b.name, iv(*b.bound, lang));
                out += " }";
            }
            return out + " }";
        }
    }
    return "";
}

std::string rule_text(const Indicator& ind, Language lang) {
    const bool en = lang == Language::English;
    std::string out;
    auto add = [&](const std::string& s) { out += (out.empty() ? "" : (en ? "; " : "；")) + s; };
    for (const auto& na : ind.not_applicable) {
        std::string target;
        for (const auto& p : na.target_path) target += (target.empty() ? "" : ".") + p;
        add(na.move ? fmt::format(fmt::runtime(en ? "not_applicable if {}, move_points_to {}" : "不适用 若 {}，分值移至 {}"),
                                  f(*na.condition, lang), target)
                    : fmt::format(fmt::runtime(en ? "not_applicable if {}, full, reason {}" : "不适用 若 {}，得满分，理由 {}"),
                                  f(*na.condition, lang), f(*na.reason, lang)));
    }
    for (const auto& l : ind.locals) add(fmt::format("{} = {}", l.name, f(*l.value, lang)));
    if (ind.scoring) add(scoring_text(*ind.scoring, lang));
    return out;
}

std::vector<TierText> tiers_of(const Indicator& ind, Language lang) {
    std::vector<TierText> out;
    if (!ind.scoring || ind.scoring->kind != Scoring::Kind::Tiers) return out;
    for (const auto& t : ind.scoring->tiers)
        out.push_back({!t.grade.empty() ? t.grade : t.bound ? iv(*t.bound, lang) : (lang == Language::English ? "otherwise" : "其余"),
                       scoring_text(*t.result, lang)});
    return out;
}

}  // namespace pingfen::diff
