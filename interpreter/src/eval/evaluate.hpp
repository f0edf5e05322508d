// Evaluation of a resolved ruleset on bound data: leaf scores, with the branch taken and the
// numbers used written into the 评分依据 when asked.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "eval/choice.hpp"
#include "eval/trace.hpp"
#include "eval/value.hpp"
#include "lower/goal_rows.hpp"
#include "lower/input_frame.hpp"
#include "lower/program.hpp"
#include "sema/ruleset.hpp"

namespace pingfen::eval {

class Applicability;

// An assessor's deduction above the points it acts on (酌情扣 1.5 on a 1-point part), cut to
// them; the host reports it (W0502).
struct ClippedAssessment {
    Loc loc;           // the assessor's value in the rule
    std::string part;  // the part of 分项 it belongs to; empty for the leaf itself
    Decimal value, points;
};

struct LeafResult {
    std::optional<Decimal> score;  // rounded as the ruleset says
    std::string basis;
    std::optional<EvalError> error;
    std::vector<ClippedAssessment> clipped;
};

class Evaluator {
public:
    // `slots` holds the bound inputs; named values are computed into it on first use.
    Evaluator(const Ruleset& r, std::vector<Value>& slots, Language lang, bool explain);
    // The same, keeping its per-slot bookkeeping in `state` (overwritten), so that a caller
    // scoring many departments reuses one buffer instead of allocating one per department.
    Evaluator(const Ruleset& r, std::vector<Value>& slots, std::vector<unsigned char>& state, Language lang,
              bool explain);
    // The same, reading the bound inputs from `given` (data bound once, shared by every scoring
    // of it, never written) and keeping the values it computes in `slots` (as large, its
    // contents ignored).
    // `given_state`, when not null, is what this constructor would work out from `given`
    // (3 for a slot holding an input, else 0), worked out once with the binding; and `frame`
    // the program's packed copy of `given` (lower/input_frame.hpp), made with the binding too.
    Evaluator(const Ruleset& r, const std::vector<Value>& given, std::vector<Value>& slots, std::vector<unsigned char>& state,
              Language lang, bool explain, const std::vector<unsigned char>* given_state = nullptr,
              const lower::InputFrame* frame = nullptr);
    static void given_state_of(const std::vector<Value>& given, std::vector<unsigned char>& state);

    // Scores a leaf on `weight` (its declared weight, or more when points moved to it).
    LeafResult leaf(const ast::Indicator& ind, const Decimal& weight);
    // The same into `out` (its previous contents replaced), so that a caller scoring many leaves
    // reuses one result and its buffers.
    void leaf(const ast::Indicator& ind, const Decimal& weight, LeafResult& out);
    // score_leaves(): leaf() for a caller that wants the score alone, without its result's
    // bookkeeping; the same steps and the same score. True with `score` set when the leaf scored
    // cleanly; false when it did not or an assessor's value was cut (then `out` holds what
    // leaf() gives, for the caller to report).
    // `rule` is ind.scoring and `index` ind.index, passed so that the indicator itself (a cache
    // line a leaf, in a ruleset of thousands) is read only when the AST walk scores it.
    // Inline: the program's leaf is scored here, without the frames of the AST walk's path.
    bool leaf_score(const ast::Indicator& ind, const ast::Scoring& rule, std::size_t index, const Decimal& weight, Decimal& score,
                    LeafResult& out) {
        const std::uint32_t lowered = program_rule(index);
        if (lowered != lower::kNone) [[likely]] {
            begin_quiet_leaf(weight);
            try {
                if (run_leaf(lowered, weight, score)) [[likely]] return true;
            } catch (EvalError& e) {  // from what the AST walk evaluated in place
                return leaf_failed(e, out);
            }
        }
        return leaf_score_rest(ind, rule, weight, score, out);
    }
    // A bonus or penalty item: its rule's points, capped at the item's cap.
    LeafResult adjustment(const ast::Indicator& ind);
    Value value(const ast::Expr& e);  // also for lone expressions
    // What `分值` means for a lone expression evaluated in an indicator's scope (the REPL).
    void set_points(const Decimal& points) { weight_ = points; }

    // Every expression evaluated counts one step and every list element a function reads
    // counts one; past `max` each evaluation fails with EvalError::out_of_steps. Evaluation has
    // no loops, so this only bounds what a huge ruleset or huge lists in the data can cost.
    void limit_steps(std::uint64_t max) { max_steps_ = max; }
    std::uint64_t steps() const { return steps_; }

    // Keeps what each rule decides (the tier, branch, deduction items, goal rows it landed in)
    // in `into`, by indicator index, for the leaves scored from now on; null stops. It only
    // observes: scores are the same with or without it.
    void record_choices(ChoicesByIndicator* into) {
        choices_ = into;
        program_leaves();
    }
    // A decision made outside the rule (not applicable), kept with the rule's own.
    void record_choice(const ast::Indicator& ind, Choice c);
    void add_choice(const ast::Indicator& ind, Choice c);  // beside those recorded
    // Which parts of a 分项 apply for this department and the points each is scored on, when
    // some leaf or part does not apply (null: every part on its declared share).
    void use_applicability(const Applicability* a) {
        applicability_ = a;
        program_leaves();
    }

private:
    const Ruleset& r_;
    const std::vector<Value>& given_;  // the bound inputs
    std::vector<Value>& slots_;        // named values computed (the same vector as given_ unless bound once)
    std::vector<unsigned char> own_state_;  // declared before state_, which may refer to it
    std::vector<unsigned char>& state_;     // per slot: 0 not computed, 1 computing, 2 done, 3 given (in given_)
    Language lang_;
    int leaf_places_ = -1;  // the places leaves are rounded to, or -1 (the ruleset's 舍入)
    bool explain_;
    bool en_;
    std::uint64_t steps_ = 0;
    std::uint64_t max_steps_ = UINT64_MAX;
    const ast::Indicator* part_ = nullptr;  // the part of 分项 being scored
    std::vector<ClippedAssessment> clipped_;  // of the current leaf
    Decimal weight_;  // 分值 where the rule is: the leaf's, a part's or a goal row's points
    // Set by the last 扣分 rule scored: its score, max(0, 分值 − deducted), is within [0, 分值]
    // because neither was negative (so leaf() need not compare it with the points).
    bool deductions_within_ = false;
    std::vector<std::string> parts_;       // explanation of the current leaf
    std::vector<int> shown_locals_;        // named values already explained for this leaf
    ChoicesByIndicator* choices_ = nullptr;   // see record_choices
    std::vector<Choice>* leaf_choices_ = nullptr;  // the current leaf's, while recording
    std::string scope_;                       // the part or goal row being scored, while recording
    Trace trace_;  // what was evaluated, when explaining: the explanation is written from it
    const Applicability* applicability_ = nullptr;  // see use_applicability
    const lower::Program* program_ = nullptr;  // the ruleset's lowered rules (run_program.cpp)
    // The data as the program reads it (InputNumber, InputBool): the binding's packed copy, or
    // own_frame_ made from `given` when there is none.
    const Decimal* input_numbers_ = nullptr;
    const unsigned char* input_bools_ = nullptr;
    lower::InputFrame own_frame_;
    std::span<const std::uint32_t> leaf_rule_;  // see program_leaves()
    // While a leaf is scored by the program: the named values it began computing, set back to
    // "not computed" when the program gives the leaf up to the AST walk.
    bool log_computed_ = false;
    std::vector<std::size_t> computed_;

    // run_program.cpp. run_leaf: the leaf's rule by the program into `score`, rounded; false when
    // the program gave up (a case the AST walk reports as an error, or a cut assessment), with
    // every step and named value it counted or cached undone, for the AST walk to score it.
    bool run_leaf(std::uint32_t rule, const Decimal& weight, Decimal& score);
    bool leaf_score_rest(const ast::Indicator& ind, const ast::Scoring& rule, const Decimal& weight, Decimal& score,
                         LeafResult& out);  // leaf.cpp
    bool leaf_failed(EvalError& e, LeafResult& out);  // `out` holds the error
    // What leaf_score() starts a leaf from, either way it scores it: no part, nothing recorded
    // or cut yet (start_leaf() without the explanation's and the choices' bookkeeping).
    void begin_quiet_leaf(const Decimal& weight) {
        part_ = nullptr;
        weight_ = weight;
        leaf_choices_ = nullptr;
        if (!clipped_.empty()) clipped_.clear();
    }
    std::uint32_t program_rule(std::size_t index) const {
        return index < leaf_rule_.size() ? leaf_rule_[index] : lower::kNone;
    }
    // The program's leaves, when it scores them: neither explaining nor recording choices, and
    // every part on its declared share. Worked out when one of those changes, not per leaf.
    void program_leaves() {
        const bool on = program_ && !explain_ && !choices_ && !applicability_;
        leaf_rule_ = on ? std::span<const std::uint32_t>(program_->leaf_rule) : std::span<const std::uint32_t>();
    }
    // Inline, as number() and condition(): a literal, and a datum or a named value already
    // computed (most operands), read here; the rest in the *_rest functions.
    Decimal run_number(std::uint32_t at) {
        const lower::Node& n = program_->nodes[at];
        if (n.op == lower::Node::Op::Number) {
            steps_ += n.steps;
            return program_->constants[n.a];
        }
        if (n.op == lower::Node::Op::InputNumber) {
            ++steps_;
            const Decimal& d = input_numbers_[n.a];
            if (!d.is_finite()) [[unlikely]] give_up();  // not given, or not a number
            return d;
        }
        if (n.op == lower::Node::Op::Slot && state_[n.a] == 2) {
            ++steps_;
            const Value& v = slots_[n.a];
            if (v.kind != Value::Kind::Number) [[unlikely]] give_up();
            return v.number;
        }
        return run_number_rest(n);
    }
    bool run_condition(std::uint32_t at) {
        const lower::Node& n = program_->nodes[at];
        if (n.op == lower::Node::Op::InputBool) {
            ++steps_;
            const unsigned char b = input_bools_[n.a];
            if (b > 1) [[unlikely]] give_up();  // not given, or not yes/no
            return b != 0;
        }
        if (n.op == lower::Node::Op::Slot && state_[n.a] == 2) {
            ++steps_;
            const Value& v = slots_[n.a];
            if (v.kind != Value::Kind::Bool) [[unlikely]] give_up();
            return v.boolean;
        }
        return run_condition_rest(n);
    }
    // Inline, as score(): 得满分, 不得分, 得 n 分 and 若 … 则 … 否则 here, the rest in run_rule_rest.
    Decimal run_rule(std::uint32_t at) {
        const lower::Rule& r = program_->rules[at];
        switch (r.kind) {
            case lower::Rule::Kind::Full: return weight_;
            case lower::Rule::Kind::Zero: return Decimal();
            case lower::Rule::Kind::Score: return run_number(r.a);
            case lower::Rule::Kind::If: return run_rule(run_condition(r.a) ? r.b : r.c);
            default: return run_rule_rest(r);
        }
    }
    Decimal run_rule_rest(const lower::Rule& r);
    Decimal run_tiers(const lower::Rule& r, const Decimal& subject);
    bool run_blank(std::uint32_t at);  // a reason: no text, or spaces only
    Decimal run_completion(const lower::Rule& r);                    // completion.cpp, beside completion()
    Decimal run_goal_row(const lower::Rule& r, const ast::Scoring& s, const lower::GoalRow& row);
    Decimal run_number_rest(const lower::Node& n);
    bool run_condition_rest(const lower::Node& n);
    const Value& run_slot(const lower::Node& n);
    Value run_value(std::uint32_t at);  // a node read whole, as value() reads it
    const Value& run_value_in_place(std::uint32_t at, Value& own);  // the same, in `own` unless a datum or named value
    Value run_call(const lower::Node& n);
    [[noreturn]] static void give_up();
    void before_ast() const;
    // A named value being computed: its state set back to "not computed" should its definition
    // fail (the next indicator that reads it meets the same error, rather than taking it for a
    // definition that refers to itself), else to what done() says. A cleanup, not a catch and
    // rethrow, which would unwind the stack twice for every error in a rule.
    struct NotComputedUnlessDone {
        unsigned char& state;
        bool finished = false;
        void done(unsigned char s) {
            state = s;
            finished = true;
        }
        ~NotComputedUnlessDone() {
            if (!finished) state = 0;
        }
    };
    // A named value about to be computed: logged while a leaf is run by the program.
    void computing(std::size_t slot) {
        state_[slot] = 1;
        if (log_computed_) computed_.push_back(slot);
    }

    // A part that does not apply, or that took points moved to it (applicability.cpp's words).
    bool part_not_applicable(const ast::Scoring& s, std::size_t k, Decimal& points, Decimal& v, std::string& item);
    std::string moved_in_text(const ast::Indicator& part) const;

    Value compute(const ast::Expr& e);  // value() without the trace
    Decimal scored_leaf(const ast::Indicator& ind, const ast::Scoring& rule, const Decimal& weight, std::string& why,
                        Decimal& raw);  // leaf.cpp
    // A rule that can only give 得满分 or 不得分 (itself, or both branches of one 若) scores its
    // points or 0: within [0, points] whenever the points are not negative, so the range check's
    // comparison (about 80 instructions, once per leaf and per part) is not needed.
    static bool within_by_rule(const ast::Scoring& s, const Decimal& points) {
        auto full_or_zero = [](const ast::Scoring& x) {
            return x.kind == ast::Scoring::Kind::Full || x.kind == ast::Scoring::Kind::Zero;
        };
        const bool by_rule =
            full_or_zero(s) || (s.kind == ast::Scoring::Kind::If && full_or_zero(*s.then_) && full_or_zero(*s.else_));
        return by_rule && !points.is_negative();
    }

    // Inline: called for every expression, and past the budget only rarely.
    void step(const Loc& loc, std::uint64_t n = 1) {
        steps_ += n;
        if (steps_ > max_steps_) [[unlikely]] out_of_steps(loc);
    }
    [[noreturn]] void out_of_steps(const Loc& loc) const;
    void start_choices(const ast::Indicator& ind);
    void start_leaf(const ast::Indicator& ind, const Decimal& weight);  // leaf.cpp
    // Inline test first: without recording (every batch scoring) no Choice and no string is built.
    void note(Choice::Kind k, const ast::Scoring& s, std::size_t index = 0, const Decimal& subject = {},
              const Decimal& amount = {}) {
        if (leaf_choices_) [[unlikely]] note_text(k, s, index, subject, amount, {});
    }
    void note_text(Choice::Kind k, const ast::Scoring& s, std::size_t index, const Decimal& subject, const Decimal& amount,
                   std::string text);
    // A rule's points on weight_. Inline: the plainest rules (得满分, 不得分, 得 2 分), the result
    // of most tiers and branches, are answered here without entering score_rule(); they count
    // no step and record no choice there either. A 若 … 则 … 否则 without explanation is the
    // same steps and choices as score_rule()'s, in the same order.
    Decimal score(const ast::Scoring& s, std::string& why) {
        if (!explain_) {
            switch (s.kind) {
                case ast::Scoring::Kind::Full: return weight_;
                case ast::Scoring::Kind::Zero: return Decimal();
                case ast::Scoring::Kind::Score:
                    if (s.value->kind == ast::Expr::Kind::Number) return s.value->number;
                    break;
                case ast::Scoring::Kind::If: {
                    const bool c = condition(*s.value);
                    note(Choice::Kind::Branch, s, c ? 0 : 1);
                    return score(c ? *s.then_ : *s.else_, why);
                }
                default: break;
            }
        }
        return score_rule(s, why);
    }
    Decimal score_rule(const ast::Scoring& s, std::string& why);
    Decimal parts(const ast::Scoring& s, std::string& why);
    Decimal per_step(const ast::Scoring& s, std::string& why);  // 每增加 and 每低于: steps.cpp
    std::string deduction_row(const ast::Deduction& d);          // deduction_row.cpp
    Decimal grade_tier(const ast::Scoring& s, std::string& why);  // grade_tier.cpp
    Decimal discretion(const ast::Scoring& s, std::string& why);
    Decimal completion(const ast::Scoring& s, std::string& why);
    Decimal goal_row(const ast::Scoring& s, const lower::GoalRow& row, std::size_t index, std::string& why);
    [[noreturn]] void weights_do_not_add_up(const ast::Scoring& s, const std::vector<ast::DataValue>& rows, const Decimal& sum,
                                            const Decimal& whole);
    Decimal tiers(const ast::Scoring& s, const Value& subject, std::string& why);
    // Inline: a literal, and a datum or a named value already computed (most operands), are read
    // here with the step compute() would count; the rest in number_rest().
    Decimal number(const ast::Expr& e) {
        if (e.kind == ast::Expr::Kind::Number) return e.number;  // a tier bound, a share, points
        if (e.kind == ast::Expr::Kind::Name && !explain_) {
            const auto slot = static_cast<std::size_t>(e.slot);
            if (state_[slot] >= 2) {
                step(e.loc);
                const Value& v = state_[slot] == 3 ? given_[slot] : slots_[slot];
                if (v.kind != Value::Kind::Number) [[unlikely]] not_a_number(e.loc);
                return v.number;
            }
        }
        return number_rest(e);
    }
    Decimal number_rest(const ast::Expr& e);
    [[noreturn]] static void not_a_number(const Loc& loc);
    [[noreturn]] static void not_a_condition(const Loc& loc);
    Value subject_value(const ast::Expr& e);
    static bool arithmetic_kind(const ast::Expr& e);
    Decimal arithmetic(const ast::Expr& e);  // + − × ÷
    bool comparison(const ast::Expr& e);     // < ≤ > ≥
    bool condition(const ast::Expr& e) {  // inline as number()
        if (e.kind == ast::Expr::Kind::Name && !explain_) {
            const auto slot = static_cast<std::size_t>(e.slot);
            if (state_[slot] >= 2) {
                step(e.loc);
                const Value& v = state_[slot] == 3 ? given_[slot] : slots_[slot];
                if (v.kind != Value::Kind::Bool) [[unlikely]] not_a_condition(e.loc);
                return v.boolean;
            }
        }
        return condition_rest(e);
    }
    bool condition_rest(const ast::Expr& e);
    // `low_implied`/`high_implied`: a side known to hold (Tier::low_implied), not compared.
    // Inline: called once per tier tried. A bound written as a number (nearly every tier's) is
    // read in place; one the tiers before settled (lower::skip_implied_bounds) is not compared.
    bool in_interval(const Decimal& v, const ast::Interval& iv, bool low_implied = false, bool high_implied = false) {
        if (iv.low && !low_implied) {
            const ast::Expr& e = *iv.low;
            const bool below = e.kind == ast::Expr::Kind::Number ? (iv.low_closed ? v < e.number : v <= e.number)
                                                                 : (iv.low_closed ? v < number(e) : v <= number(e));
            if (below) return false;
        }
        if (iv.high && !high_implied) {
            const ast::Expr& e = *iv.high;
            const bool above = e.kind == ast::Expr::Kind::Number ? (iv.high_closed ? e.number < v : e.number <= v)
                                                                  : (iv.high_closed ? number(e) < v : number(e) <= v);
            if (above) return false;
        }
        return true;
    }
    // A named value that reads 分值 (Ruleset::context_local): computed in each context it is used in.
    bool in_context(std::size_t slot) const { return slot < r_.context_local.size() && r_.context_local[slot]; }
    Value local(int slot, const ast::Expr& use);
    void explain_local(int slot);
    std::string with_values(const ast::Expr& e);
    std::string subject(const ast::Expr& e, const Value& v);
    std::string condition_text(const ast::Expr& e);
    std::string facts(const ast::Expr& e);
    std::string named(const ast::Expr& e, const Value& v);
    std::string join(std::initializer_list<std::string> parts) const;
};

}  // namespace pingfen::eval
