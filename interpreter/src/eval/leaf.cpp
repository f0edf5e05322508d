// A leaf's score as the sheet shows it: its rule's points, checked against the leaf's points
// and rounded as the ruleset says; bonus and penalty items capped. leaf() fills a result with
// the 评分依据 when explaining; leaf_score() is the same steps for score_leaves(), the score alone.
#include <fmt/format.h>

#include "eval/evaluate.hpp"
#include "eval/explain.hpp"

namespace pingfen::eval {

using namespace ast;
using explain::show_points;

namespace {

[[noreturn]] void out_of_range(const Indicator& ind, const Decimal& raw, const Decimal& weight) {
    throw EvalError{ind.scoring->loc, fmt::format("`{}` 的得分 {} 超出 [0, {}]", ind.name, show_points(raw), show_points(weight)),
                    fmt::format("the score of `{}`, {}, is outside [0, {}]", ind.name, show_points(raw), show_points(weight))};
}

}  // namespace

// The rule's points on `weight`, within [0, weight] (else an error), rounded when the ruleset
// rounds leaves; `raw` is the score before rounding. Inlined into leaf() and leaf_score(): it
// is once per leaf, and a call more was an eighth of score_leaves' cost per leaf.
[[gnu::always_inline]] inline Decimal Evaluator::scored_leaf(const Indicator& ind, const Scoring& rule, const Decimal& weight,
                                                            std::string& why, Decimal& raw) {
    raw = score(rule, why);
    // A 扣分 rule of the leaf itself (deductions hold no rule inside) set deductions_within_.
    const bool within = within_by_rule(rule, weight) || (rule.kind == Scoring::Kind::Deductions && deductions_within_);
    if (!within && (raw.is_negative() || weight < raw)) out_of_range(ind, raw, weight);
    return leaf_places_ >= 0 ? raw.round_half_up(leaf_places_) : raw;
}

// What scoring a leaf or an adjustment starts from: its indicator and points, no part, and
// nothing recorded, explained or cut yet.
void Evaluator::start_leaf(const Indicator& ind, const Decimal& weight) {
    part_ = nullptr;
    weight_ = weight;
    start_choices(ind);
    if (explain_) {  // filled only when explaining
        parts_.clear();
        shown_locals_.clear();
    }
    clipped_.clear();
}

LeafResult Evaluator::leaf(const Indicator& ind, const Decimal& weight) {
    LeafResult out;
    leaf(ind, weight, out);
    return out;
}

void Evaluator::leaf(const Indicator& ind, const Decimal& weight, LeafResult& out) {
    out.score.reset();
    out.basis.clear();
    out.error.reset();
    out.clipped.clear();
    start_leaf(ind, weight);
    try {
        const std::uint32_t lowered = program_rule(static_cast<std::size_t>(ind.index));
        Decimal fast;
        if (lowered != lower::kNone && run_leaf(lowered, weight, fast)) {
            out.score = fast;
            return;
        }
        std::string why;
        Decimal raw;
        const Decimal scored = scored_leaf(ind, *ind.scoring, weight, why, raw);
        if (explain_) {
            parts_.push_back(why);
            std::string sep = en_ ? "; " : "，";
            for (std::size_t i = 0; i < parts_.size(); ++i) out.basis += (i ? sep : "") + parts_[i];
            if (scored != raw)
                out.basis += fmt::format(fmt::runtime(en_ ? " (rounded half up to {} places: {} → {})" : "（四舍五入保留 {} 位：{} → {}）"),
                                         leaf_places_, show_points(raw), scored.to_fixed(leaf_places_));
        }
        out.score = scored;
        out.clipped.swap(clipped_);  // out's (empty) buffer kept for the next leaf
    } catch (EvalError& e) {
        out.error = std::move(e);
    }
}

// leaf_score() when the program did not score the leaf: explaining or recording (the full
// leaf()), a leaf it does not lower, or one it gave up to the AST walk.
bool Evaluator::leaf_score_rest(const Indicator& ind, const Scoring& rule, const Decimal& weight, Decimal& score, LeafResult& out) {
    if (explain_ || choices_) [[unlikely]] {  // the full leaf(), which this is the same as
        leaf(ind, weight, out);
        if (out.error || !out.clipped.empty() || !out.score) return false;
        score = *out.score;
        return true;
    }
    begin_quiet_leaf(weight);
    try {
        std::string why;  // stays empty: nothing is explained
        Decimal raw;
        score = scored_leaf(ind, rule, weight, why, raw);
        if (clipped_.empty()) [[likely]] return true;
        out.score = score;
        out.basis.clear();
        out.error.reset();
        out.clipped.clear();
        out.clipped.swap(clipped_);
    } catch (EvalError& e) {
        return leaf_failed(e, out);
    }
    return false;
}

bool Evaluator::leaf_failed(EvalError& e, LeafResult& out) {
    out.score.reset();
    out.basis.clear();
    out.clipped.clear();
    out.error = std::move(e);
    return false;
}

LeafResult Evaluator::adjustment(const Indicator& ind) {
    LeafResult out;
    start_leaf(ind, ind.cap);
    try {
        std::string why;
        Decimal raw = score(*ind.scoring, why).floored_at_zero();
        Decimal v = Decimal::min(raw, ind.cap);
        if (leaf_places_ >= 0) v = v.round_half_up(leaf_places_);
        if (explain_) {
            if (ind.cap < raw)
                why += fmt::format(fmt::runtime(en_ ? ", above the cap {}: counted as {}" : "，超过上限 {} 分，按 {} 分计"),
                                   show_points(ind.cap), show_points(ind.cap));
            parts_.push_back(why);
            for (std::size_t i = 0; i < parts_.size(); ++i) out.basis += (i ? (en_ ? "; " : "，") : "") + parts_[i];
        }
        out.score = v;
        out.clipped = std::move(clipped_);
    } catch (EvalError& e) {
        out.error = std::move(e);
    }
    return out;
}

}  // namespace pingfen::eval
