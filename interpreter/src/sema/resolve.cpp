#include "sema/resolve.hpp"
#include "sema/moves.hpp"
#include "sema/needs.hpp"

#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>
#include <unordered_map>

#include "builtins.hpp"
#include "eval/explain.hpp"
#include "sema/typer.hpp"
#include "sema/units.hpp"

namespace pingfen::sema {
namespace {

using namespace ast;

using typing::Symbol;
using typing::Typer;
using typing::type_en;
using typing::type_zh;

class Resolver {
public:
    Resolver(Module& m, Ruleset& out, DiagnosticSink& sink) : m_(m), out_(out), sink_(sink) {}

    void run() {
        declare_inputs();
        check_header();
        std::vector<std::unique_ptr<Indicator>>& tops = m_.indicators;
        check_siblings(tops);
        for (auto& ind : tops) indicator(*ind, nullptr, 1);
        for (auto& adj : m_.adjustments) adjustment(*adj);
        resolve_moves(m_, out_, sink_);
        check_top_weights();
        check_grades();
        // Only for this file's own inputs: a district that removes a city indicator is not told
        // about the city's inputs it no longer reads.
        for (const InputDecl* in : out_.input_of_slot)
            if (out_.users_of_input[static_cast<std::size_t>(in->slot)].empty() && !out_.indicators.empty() &&
                in->loc.file == m_.source.get() && !suggested_.count(in->name))
                sink_.warning("W0201", in->loc, fmt::format("输入 `{}` 已声明，但没有任何指标使用它", in->name),
                              fmt::format("input `{}` is declared but no indicator reads it", in->name));
        out_.slot_count = next_slot_;
        out_.local_of_slot.resize(static_cast<std::size_t>(next_slot_), nullptr);
        precompute();
    }

private:
    // Ruleset::context_local: 半 = 分值 × 50% means 2 in a 4-point part and 3 in a 6-point one.
    void mark_context_locals() {
        const std::size_t n = out_.local_of_slot.size();
        out_.context_local.assign(n, 0);
        std::vector<unsigned char> state(n, 0);  // 0 unvisited, 1 in progress, 2 done
        std::function<bool(std::size_t)> local = [&](std::size_t slot) -> bool {
            if (state[slot] == 2) return out_.context_local[slot] != 0;
            if (state[slot] == 1) return false;  // a cycle: reported elsewhere
            state[slot] = 1;
            std::function<bool(const Expr&)> reads = [&](const Expr& e) -> bool {
                if (e.kind == Expr::Kind::Weight) return true;
                if (e.kind == Expr::Kind::Name && e.slot >= 0 && static_cast<std::size_t>(e.slot) < n &&
                    out_.local_of_slot[static_cast<std::size_t>(e.slot)] && local(static_cast<std::size_t>(e.slot)))
                    return true;
                for (const auto& a : e.args)
                    if (reads(*a)) return true;
                return false;
            };
            const LocalDef* def = out_.local_of_slot[slot];
            out_.context_local[slot] = def && def->value && reads(*def->value) ? 1 : 0;
            state[slot] = 2;
            return out_.context_local[slot] != 0;
        };
        for (std::size_t i = 0; i < n; ++i)
            if (out_.local_of_slot[i]) local(i);
    }

    // What score() would otherwise work out again for every department.
    void precompute() {
        const std::size_t n = out_.indicators.size();
        std::vector<std::vector<std::string>> paths(n);
        std::vector<std::string> texts(n);
        for (std::size_t i = 0; i < n; ++i) {
            for (const Indicator* at = out_.indicators[i]; at; at = out_.parents[static_cast<std::size_t>(at->index)])
                paths[i].push_back(at->name);
            std::reverse(paths[i].begin(), paths[i].end());
            for (const auto& p : paths[i]) {
                if (!texts[i].empty()) texts[i] += " › ";
                texts[i] += p;
            }
            if (!out_.indicators[i]->not_applicable.empty()) out_.any_not_applicable = true;
        }
        out_.paths = std::move(paths);
        out_.path_texts = std::move(texts);
        // A parent's weight is the sum of its children's, added in the same order as the sheet
        // adds them, so the value and its exponent are the same as when computed per department.
        out_.sheet_weights.assign(n, Decimal());
        std::function<Decimal(const Indicator&)> weigh = [&](const Indicator& ind) {
            Decimal w = ind.weight;
            if (!ind.scoring) {
                w = Decimal();
                for (const auto& c : ind.children) w = w + weigh(*c);
            }
            if (ind.index >= 0 && static_cast<std::size_t>(ind.index) < n) out_.sheet_weights[static_cast<std::size_t>(ind.index)] = w;
            return w;
        };
        for (const auto& top : m_.indicators) weigh(*top);
        mark_context_locals();
        find_needs(out_);
        out_.input_index.clear();
        out_.input_index.reserve(m_.inputs.size());
        for (std::size_t i = 0; i < m_.inputs.size(); ++i)
            out_.input_index.emplace(std::string_view(m_.inputs[i].name), static_cast<int>(i));
    }

    Module& m_;
    Ruleset& out_;
    DiagnosticSink& sink_;
    std::unordered_map<std::string, Symbol> inputs_;
    std::vector<std::unordered_map<std::string, Symbol>> frames_;  // named values, per indicator
    int next_slot_ = 0;

    void declare_inputs() {
        for (auto& in : m_.inputs) {
            auto it = inputs_.find(in.name);
            if (it != inputs_.end()) {
                sink_.error("E0204", in.loc, fmt::format("输入 `{}` 重复声明", in.name),
                            fmt::format("input `{}` is declared twice", in.name));
                sink_.last().notes.push_back(make_note(it->second.loc, "第一次声明在这里", "first declared here"));
                continue;
            }
            in.slot = next_slot_++;
            out_.input_of_slot.push_back(&in);
            inputs_.emplace(in.name, Symbol{Symbol::Kind::Input, in.slot, in.type, in.loc, nullptr, in.element, in.unit});
            if (in.range) range_of(*in.range, in.type);
            if (in.type == ValueType::Finding) finding_bounds(in);
        }
        out_.users_of_input.resize(static_cast<std::size_t>(next_slot_));
    }

    // A finding's points lie within stated bounds, from 0 up: 核查 扣分 0 至 1 分. Without them an
    // assessor's typo (5 for 0.5) would take the whole leaf silently.
    void finding_bounds(const InputDecl& in) {
        const Interval* iv = in.range ? &*in.range : nullptr;
        const bool from_zero = iv && iv->low && iv->low->kind == Expr::Kind::Number && !iv->low->number.is_negative();
        const bool capped = iv && iv->high && iv->high->kind == Expr::Kind::Number;
        if (from_zero && capped) return;
        sink_.error("E0121", iv ? iv->loc : in.loc,
                    fmt::format("核查 `{}` 须写明扣分的范围，从 0 起、有上限，如 `{} 核查 扣分 0 至 1 分`", in.name, in.name),
                    fmt::format("the finding `{}` needs the bounds of its points, from 0 and capped, e.g. `{} 核查 扣分 0 至 1 分`", in.name, in.name));
    }

    void range_of(Interval& iv, ValueType declared) {
        Typer t(sink_, [](const std::string&) { return nullptr; }, [] { return std::vector<std::string>{}; }, false);
        for (ExprPtr* b : {&iv.low, &iv.high}) {
            if (!*b) continue;
            // 报送日期 日期 [2023年1月1日, 2023年12月31日]: a date's range is in dates, and only a date's.
            const ValueType bt = t.type(**b);
            if ((declared == ValueType::Date) != (bt == ValueType::Date)) {
                sink_.error("E0315", (*b)->loc,
                            declared == ValueType::Date ? "日期输入的范围应写日期，如 [2023年1月1日, 2023年12月31日]"
                                                        : fmt::format("声明为{}的输入，范围却写成日期", type_zh(declared)),
                            declared == ValueType::Date ? "a date input's range is written in dates, e.g. [2023-01-01, 2023-12-31]"
                                                        : fmt::format("an input declared as {} has a date in its range", type_en(declared)));
                continue;
            }
            if (declared == ValueType::Date) {
                if ((*b)->kind != Expr::Kind::Number)
                    sink_.error("E0206", (*b)->loc, "输入的范围边界须为常数", "an input's range bounds must be constants");
                continue;
            }
            t.expect_number_typed(**b, bt, "范围的边界", "a range bound");
            if ((*b)->kind != Expr::Kind::Number)
                sink_.error("E0206", (*b)->loc, "输入的范围边界须为常数", "an input's range bounds must be constants");
            else if ((*b)->percent && (declared == ValueType::Count || declared == ValueType::Amount))
                sink_.error("E0312", (*b)->loc,
                            fmt::format("声明为{}的输入，范围却写成百分数 {}", type_zh(declared), (*b)->number.to_percent_exact()),
                            fmt::format("an input declared as {} has a percentage {} in its range", type_en(declared),
                                        (*b)->number.to_percent_exact()));
            else if (declared == ValueType::Percent && !(*b)->percent && Decimal::from_int(1) < (*b)->number)
                sink_.error("E0313", (*b)->loc,
                            fmt::format("百分比的范围写成了 {}（即 {}），是否应写 {}%？", (*b)->number.to_string(),
                                        (*b)->number.to_percent_exact(), (*b)->number.to_string()),
                            fmt::format("a percentage's range says {} ({}); did you mean {}%?", (*b)->number.to_string(),
                                        (*b)->number.to_percent_exact(), (*b)->number.to_string()));
        }
    }

    void check_header() {
        if (m_.indicators.empty()) return;
        if (!m_.title)
            sink_.error("E0207", Loc{m_.source.get(), 1, 1, 1},
                        "规则集缺少标题行，例如 `规则集 \"花都区部门整体支出绩效自评\" 年度 2023 总分 100`",
                        "the ruleset has no header, e.g. `ruleset \"…\" year 2023 total 100`");
        if (!m_.rounding)
            sink_.error("E0208", m_.title ? m_.title_loc : Loc{m_.source.get(), 1, 1, 1},
                        "规则集须声明在哪里舍入得分，例如 `舍入 叶指标 四舍五入 保留 2 位`（各指标得分四舍五入后相加）"
                        "或 `舍入 总分 四舍五入 保留 2 位`（只舍入总分）",
                        "the ruleset must state where scores are rounded: `rounding leaves half_up 2` "
                        "(each leaf rounded, totals are sums) or `rounding total half_up 2` (only the total)");
    }

    void check_siblings(std::vector<std::unique_ptr<Indicator>>& sibs) {
        std::map<std::string, const Indicator*> seen;
        for (auto& s : sibs) {
            auto [it, fresh] = seen.emplace(s->name, s.get());
            if (!fresh) {
                bool same_weight = it->second->weight == s->weight;
                sink_.error("E0209", s->name_loc, fmt::format("同级指标中 `{}` 重复出现", s->name),
                            fmt::format("`{}` appears twice among sibling indicators", s->name));
                sink_.last().notes.push_back(make_note(
                    it->second->name_loc,
                    same_weight ? "第一次出现在这里" : fmt::format("第一次出现在这里，分值 {}", it->second->weight.to_string()),
                    same_weight ? "first here" : fmt::format("first here, with weight {}", it->second->weight.to_string())));
            }
        }
    }

    void indicator(Indicator& ind, const Indicator* parent, int depth) {
        ind.depth = depth;
        ind.index = static_cast<int>(out_.indicators.size());
        out_.indicators.push_back(&ind);
        out_.parents.push_back(parent);
        out_.inputs_of.emplace_back();
        if (ind.declared_level != 0 && ind.declared_level != depth) {
            static const char* kZh[] = {"", "一级指标", "二级指标", "三级指标", "四级指标", "五级指标", "六级指标"};
            sink_.error("E0210", ind.loc,
                        fmt::format("`{}` 位于第 {} 层，却写作 `{}`", ind.name, depth, kZh[ind.declared_level]),
                        fmt::format("`{}` is at level {} but is declared as level {}", ind.name, depth, ind.declared_level));
        }
        if (!(Decimal() < ind.weight))
            sink_.error("E0211", ind.weight_loc, fmt::format("指标 `{}` 的分值应为正数", ind.name),
                        fmt::format("the weight of `{}` must be positive", ind.name));

        frames_.emplace_back();
        std::set<int> reads;
        for (auto& def : ind.locals) define_local(def, reads);
        for (auto& na : ind.not_applicable) {
            Typer t = typer();
            t.expect_bool(*na.condition, "`不适用` 的条件", "the not-applicable condition");
            if (na.reason) expect_text(*na.reason, t);
            collect(t, reads);
            if (!ind.children.empty())
                sink_.error("E0218", na.loc, "`不适用` 只能用于末级指标", "`not_applicable` applies to leaf indicators only");
        }
        if (ind.scoring) {
            Typer t = typer();
            current_weight_ = ind.weight;
            scoring(*ind.scoring, t);
            collect(t, reads);
            for (int s : reads) {
                out_.inputs_of[static_cast<std::size_t>(ind.index)].push_back(s);
                out_.users_of_input[static_cast<std::size_t>(s)].push_back(ind.index);
            }
        }
        if (!ind.children.empty()) {
            check_siblings(ind.children);
            Decimal sum;
            for (auto& c : ind.children) sum = sum + c->weight;
            if (sum != ind.weight) {
                std::string parts;
                for (auto& c : ind.children) parts += (parts.empty() ? "" : " + ") + c->weight.to_string();
                sink_.error("E0212", ind.weight_loc,
                            fmt::format("`{}` 的分值 {} 不等于下级指标分值之和 {} = {}", ind.name,
                                        ind.weight.to_string(), parts, sum.to_string()),
                            fmt::format("the weight of `{}`, {}, is not the sum of its sub-indicators' weights {} = {}",
                                        ind.name, ind.weight.to_string(), parts, sum.to_string()));
                // A weight changed (修改 … 分值) or an indicator added (增加 到) by another file is
                // where the sum broke. A changed weight is located at the 修改, away from the
                // indicator's own file; an added one is declared, weight and all, in the new file.
                for (auto& c : ind.children) {
                    if (c->weight_loc.file == ind.weight_loc.file) continue;
                    const std::string w = c->weight.to_string();
                    if (c->weight_loc.file != c->name_loc.file)
                        sink_.last().notes.push_back(make_note(c->weight_loc, fmt::format("`{}` 的分值在这里改为 {}", c->name, w),
                                                               fmt::format("the weight of `{}` is changed to {} here", c->name, w)));
                    else
                        sink_.last().notes.push_back(make_note(c->weight_loc, fmt::format("`{}`（{} 分）在这里增加", c->name, w),
                                                               fmt::format("`{}` ({} points) is added here", c->name, w)));
                }
            }
            for (auto& c : ind.children) indicator(*c, &ind, depth + 1);
        }
        frames_.pop_back();
    }

    // Locals read by a rule bring in the inputs their definitions read.
    void collect(const Typer& t, std::set<int>& reads) {
        reads.insert(t.inputs_read.begin(), t.inputs_read.end());
        for (const Expr* def : t.locals_read) {
            auto it = local_inputs_.find(def);
            if (it != local_inputs_.end()) reads.insert(it->second.begin(), it->second.end());
        }
    }
    std::unordered_map<const Expr*, std::set<int>> local_inputs_;

    void define_local(LocalDef& def, std::set<int>&) {
        Typer t = typer();
        ValueType type = t.type(*def.value);
        std::set<int> reads;
        collect(t, reads);
        local_inputs_[def.value.get()] = reads;
        if (auto it = inputs_.find(def.name); it != inputs_.end()) {
            sink_.error("E0213", def.loc, fmt::format("命名值 `{}` 与输入同名，会遮蔽输入", def.name),
                        fmt::format("named value `{}` has the same name as an input and would hide it", def.name));
            sink_.last().notes.push_back(make_note(it->second.loc, "输入在这里声明", "the input is declared here"));
        }
        for (auto& f : frames_) {
            if (auto it = f.find(def.name); it != f.end()) {
                sink_.error("E0214", def.loc, fmt::format("命名值 `{}` 已经定义过", def.name),
                            fmt::format("named value `{}` is already defined", def.name));
                sink_.last().notes.push_back(make_note(it->second.loc, "已在这里定义", "defined here"));
                return;
            }
        }
        def.slot = next_slot_++;
        out_.local_of_slot.resize(static_cast<std::size_t>(next_slot_), nullptr);
        out_.local_of_slot[static_cast<std::size_t>(def.slot)] = &def;
        frames_.back().emplace(def.name, Symbol{Symbol::Kind::Local, def.slot, type, def.loc, def.value.get(),
                                                def.value->element, def.value->unit});
    }

    Typer typer() {
        Typer t(
            sink_,
            [this](const std::string& n) -> const Symbol* {
                for (auto f = frames_.rbegin(); f != frames_.rend(); ++f)
                    if (auto it = f->find(n); it != f->end()) return &it->second;
                if (auto it = inputs_.find(n); it != inputs_.end()) return &it->second;
                return nullptr;
            },
            [this] {
                std::vector<std::string> names;
                for (auto& [n, s] : inputs_) names.push_back(n);
                for (auto& f : frames_)
                    for (auto& [n, s] : f) names.push_back(n);
                return names;
            },
            true);
        t.suggested_names = &suggested_;
        return t;
    }
    // Names that an E0201 offered as "did you mean": an input among them is unused only
    // because of that misspelling, which the error already says (no W0201 besides).
    std::set<std::string> suggested_;

    Decimal current_weight_;

    void expect_text(Expr& e, Typer& t) {
        ValueType ty = t.type(e);
        if (ty != ValueType::Text && ty != ValueType::Unknown)
            sink_.error("E0307", e.loc, fmt::format("理由应为文本，却是{}", type_zh(ty)),
                        fmt::format("a reason must be text, but it is {}", type_en(ty)));
    }

    void adjustment(Indicator& ind) {
        ind.depth = 1;
        ind.index = static_cast<int>(out_.indicators.size());
        out_.indicators.push_back(&ind);
        out_.parents.push_back(nullptr);
        out_.inputs_of.emplace_back();
        if (!(Decimal() < ind.cap))
            sink_.error("E0211", ind.weight_loc, fmt::format("`{}` 的上限应为正数", ind.name),
                        fmt::format("the cap of `{}` must be positive", ind.name));
        frames_.emplace_back();
        std::set<int> reads;
        for (auto& def : ind.locals) define_local(def, reads);
        if (ind.scoring) {
            Typer t = typer();
            current_weight_ = ind.cap;
            scoring(*ind.scoring, t);
            collect(t, reads);
        }
        for (int s : reads) {
            out_.inputs_of[static_cast<std::size_t>(ind.index)].push_back(s);
            out_.users_of_input[static_cast<std::size_t>(s)].push_back(ind.index);
        }
        frames_.pop_back();
    }

    void bounds(Interval& iv, Typer& t, const Expr* subject = nullptr) {
        for (ExprPtr* b : {&iv.low, &iv.high}) {
            if (!*b) continue;
            // 按 报送日期 分档 { 不晚于 2023年4月28日 … }: a date's tiers are bounded by dates.
            const ValueType bt = t.type(**b);
            if (subject && (subject->type == ValueType::Date || bt == ValueType::Date)) {
                if (subject->type != ValueType::Unknown && bt != ValueType::Unknown && bt != subject->type)
                    t.date_mismatch(**b, subject->type == ValueType::Date ? *subject : **b, subject->type == ValueType::Date ? **b : *subject);
                continue;
            }
            t.expect_number_typed(**b, bt, "档位的边界", "a tier bound");
            // A bound is compared with the tiered value: 利用率 ≥ 90 is the 5 vs 5% slip.
            if (subject && is_numeric(subject->type) && is_numeric((*b)->type)) {
                Expr cmp(Expr::Kind::Binary, (*b)->loc);
                cmp.op = BinaryOp::Ge;
                cmp.args.push_back(subject_copy(*subject));
                cmp.args.push_back(subject_copy(**b));
                t.units_agree(cmp, subject->type, (*b)->type, "比较", "compare");
            }
        }
    }

    // 按 财务核查 扣分: the datum must be an input declared 核查; its declared bounds become the
    // rule's, so the checker compares them with the points (E0707) as for 酌情扣.
    void finding(Scoring& s, Typer& t) {
        s.range = std::make_unique<Interval>();  // never null, whatever is wrong below
        const ValueType vt = t.type(*s.value);
        const InputDecl* in = nullptr;
        if (s.value->kind == Expr::Kind::Name && s.value->slot >= 0 &&
            static_cast<std::size_t>(s.value->slot) < out_.input_of_slot.size())
            in = out_.input_of_slot[static_cast<std::size_t>(s.value->slot)];
        if (vt == ValueType::Unknown) return;
        if (vt != ValueType::Finding || !in) {
            sink_.error("E0224", s.value->loc,
                        fmt::format("`按 … 扣分` 的对象应为声明为 `核查` 的输入（如 `财务核查 核查 扣分 0 至 1 分`），`{}` 却是{}",
                                    explain::formula(*s.value, Language::Chinese), type_zh(vt)),
                        fmt::format("`按 … 扣分` (by … deductions) needs an input declared `核查` (finding), e.g. `财务核查 核查 扣分 0 至 1 分`; `{}` is {}",
                                    explain::formula(*s.value, Language::English), type_en(vt)));
            return;
        }
        t.type(*s.reason);  // 核查理由(财务核查): bound to its builtin only once the datum is a finding
        if (!in->range) return;  // E0121 at the declaration
        s.range->loc = in->range->loc;
        s.range->low_closed = in->range->low_closed;
        s.range->high_closed = in->range->high_closed;
        if (in->range->low) s.range->low = subject_copy(*in->range->low);
        if (in->range->high) s.range->high = subject_copy(*in->range->high);
    }

    // A copy of a resolved expression, operands and all: a message about it writes it out whole
    // (a shallow copy of `上年结转 × 120%` had no operands, and writing it read past them: a crash
    // found by the ruleset_eval fuzzer when the bound's unit differed from the value's).
    static std::unique_ptr<Expr> subject_copy(const Expr& e) {
        auto c = std::make_unique<Expr>(e.kind, e.loc);
        c->op = e.op;
        c->slot = e.slot;
        c->builtin = e.builtin;
        c->number = e.number;
        c->percent = e.percent;
        c->date = e.date;
        c->boolean = e.boolean;
        c->text = e.text;
        c->type = e.type;
        c->element = e.element;
        c->unit = e.unit;
        for (const auto& a : e.args) c->args.push_back(subject_copy(*a));
        return c;
    }

    void scoring(Scoring& s, Typer& t) {
        switch (s.kind) {
            case Scoring::Kind::Full:
            case Scoring::Kind::Zero:
                return;
            case Scoring::Kind::Score:
                t.expect_number(*s.value, "得分", "a score");
                return;
            case Scoring::Kind::If:
                t.expect_bool(*s.value, "`若` 后的条件", "the condition after `if`");
                scoring(*s.then_, t);
                scoring(*s.else_, t);
                return;
            case Scoring::Kind::Tiers: {
                if (s.by_grade) {  // 按 评价结果 等级系数 …: the grade is text
                    ValueType ty = t.type(*s.value);
                    if (ty != ValueType::Text && ty != ValueType::Unknown)
                        sink_.error("E0314", s.value->loc, fmt::format("按等级系数计分的对象应为文本（评价等级，如 优、A），却是{}", type_zh(ty)),
                                    fmt::format("grade coefficients apply to text (a grade such as 优 or A), but this is {}", type_en(ty)));
                    for (auto& tier : s.tiers) scoring(*tier.result, t);
                    return;
                }
                if (const ValueType vt = t.type(*s.value); vt != ValueType::Date)
                    t.expect_number_typed(*s.value, vt, "分档的对象", "the value being tiered");
                for (std::size_t i = 0; i < s.tiers.size(); ++i) {
                    Tier& tier = s.tiers[i];
                    if (tier.bound) bounds(*tier.bound, t, s.value.get());
                    else if (i + 1 != s.tiers.size())
                        sink_.error("E0215", tier.loc, "`其余` 只能是最后一档", "`otherwise` must be the last tier");
                    scoring(*tier.result, t);
                }
                return;
            }
            case Scoring::Kind::Step:
                t.expect_number(*s.value, "计档的对象", "the stepped value");
                if (s.base) t.expect_number(*s.base, "起算点", "the base");
                t.expect_number(*s.step, "每档的幅度", "the step");
                t.expect_number(*s.amount, "每档扣分", "the deduction per step");
                return;
            case Scoring::Kind::Proportion:
                t.expect_number(*s.value, "比例计分的比率", "the rate");
                t.expect_number(*s.cap, "封顶比率", "the cap");
                return;
            case Scoring::Kind::Deductions:
                for (auto& d : s.deductions) {
                    if (d.kind == Deduction::Kind::Conditional) t.expect_bool(*d.subject, "扣分条件", "the condition");
                    else t.expect_number(*d.subject, "扣分的次数", "the count");
                    t.expect_number(*d.amount, "扣分", "the deduction");
                }
                return;
            case Scoring::Kind::Parts:
                parts(s, t);
                return;
            case Scoring::Kind::Discretion:
                if (s.finding) return finding(s, t);
                t.expect_number(*s.value, s.discretion_deducts ? "酌情扣分" : "酌情得分",
                                s.discretion_deducts ? "the discretionary deduction" : "the discretionary score");
                bounds(*s.range, t);
                expect_text(*s.reason, t);
                return;
            case Scoring::Kind::Completion: {
                ValueType vt = t.type(*s.value);
                if (vt != ValueType::Goals && vt != ValueType::Unknown)
                    sink_.error("E0306", s.value->loc, fmt::format("完成率计分的对象应为目标表，却是{}", type_zh(vt)),
                                fmt::format("completion-rate scoring needs a goal table, but this is {}", type_en(vt)));
                // 完成率 names the rate of the row being scored, inside the tiers.
                frames_.emplace_back();
                s.rate_slot = next_slot_++;
                out_.local_of_slot.resize(static_cast<std::size_t>(next_slot_), nullptr);
                for (const char* n : {"完成率", "rate"})
                    frames_.back().emplace(n, Symbol{Symbol::Kind::Local, s.rate_slot, ValueType::Percent, s.loc, nullptr, ValueType::Unknown, {}});
                Decimal saved = current_weight_;
                for (auto& tier : s.tiers) {
                    if (tier.bound) bounds(*tier.bound, t);
                    scoring(*tier.result, t);
                }
                current_weight_ = saved;
                for (auto& b : s.bands) bounds(*b.bound, t);
                frames_.pop_back();
                return;
            }
        }
    }

    void parts(Scoring& s, Typer& t) {
        const Decimal whole = current_weight_;
        Decimal sum;
        int percent = 0;
        for (auto& p : s.parts) {
            percent += p->share_is_percent ? 1 : 0;
            sum = sum + p->share;
            if (!(Decimal() < p->share))
                sink_.error("E0211", p->weight_loc, fmt::format("分项 `{}` 的占比应为正数", p->name),
                            fmt::format("the share of part `{}` must be positive", p->name));
        }
        const bool all_percent = percent == static_cast<int>(s.parts.size());
        if (percent != 0 && !all_percent) {
            sink_.error("E0220", s.loc, "分项的占比要么都写百分比（各占 50%），要么都写分值（2 分）",
                        "the parts' shares must all be percentages (50%) or all be points (2)");
        } else if (all_percent && sum != Decimal::from_int(1)) {
            sink_.error("E0221", s.loc, fmt::format("各分项占比之和为 {}，应为 100%", sum.to_percent_exact()),
                        fmt::format("the parts' shares add up to {}, not 100%", sum.to_percent_exact()));
        } else if (!all_percent && sum != whole) {
            sink_.error("E0221", s.loc, fmt::format("各分项分值之和为 {}，应等于指标分值 {}", sum.to_string(), whole.to_string()),
                        fmt::format("the parts' points add up to {}, not the indicator's {}", sum.to_string(), whole.to_string()));
        }
        std::set<std::string> names;
        for (auto& p : s.parts) {
            if (!names.insert(p->name).second)
                sink_.error("E0209", p->name_loc, fmt::format("分项 `{}` 重复", p->name), fmt::format("part `{}` appears twice", p->name));
            frames_.emplace_back();
            std::set<int> reads;
            for (auto& def : p->locals) define_local(def, reads);
            current_weight_ = p->share_is_percent ? whole * p->share : p->share;
            // A part's own 不适用 (a part nested deeper has E0119 from the front end).
            for (auto& na : p->not_applicable) {
                t.expect_bool(*na.condition, "`不适用` 的条件", "the not-applicable condition");
                if (na.reason) expect_text(*na.reason, t);
            }
            if (p->scoring) scoring(*p->scoring, t);
            for (const auto& def : p->locals) t.locals_read.insert(def.value.get());
            frames_.pop_back();
        }
        current_weight_ = whole;
    }

    void check_top_weights() {
        Decimal sum;
        for (auto& i : m_.indicators) sum = sum + i->weight;
        if (m_.total) {
            out_.total = *m_.total;
            if (!m_.indicators.empty() && sum != *m_.total) {
                std::string parts;
                for (auto& c : m_.indicators) parts += (parts.empty() ? "" : " + ") + c->weight.to_string();
                sink_.error("E0216", m_.total_loc,
                            fmt::format("总分 {} 不等于一级指标分值之和 {} = {}", m_.total->to_string(), parts, sum.to_string()),
                            fmt::format("the total {} is not the sum of the top-level weights {} = {}",
                                        m_.total->to_string(), parts, sum.to_string()));
            }
        } else {
            out_.total = sum;
        }
    }

    void check_grades() {
        std::set<std::string> seen;
        Typer t(sink_, [](const std::string&) { return nullptr; }, [] { return std::vector<std::string>{}; }, false);
        for (auto& g : m_.grades) {
            if (!seen.insert(g.name).second)
                sink_.error("E0217", g.loc, fmt::format("等级 `{}` 重复", g.name),
                            fmt::format("grade `{}` appears twice", g.name));
            bounds(g.bound, t);
        }
    }
};

}  // namespace

void resolve_ruleset(std::unique_ptr<ast::Module> module, Ruleset& out, DiagnosticSink& sink) {
    out.module = std::move(module);
    Resolver r(*out.module, out, sink);
    r.run();
}

void resolve_expression(ast::Expr& e, const std::function<NameInfo(const std::string&)>& lookup,
                        const std::vector<std::string>& known_names, DiagnosticSink& sink, bool in_indicator) {
    std::unordered_map<std::string, Symbol> cache;
    Typer t(
        sink,
        [&](const std::string& n) -> const Symbol* {
            NameInfo info = lookup(n);
            if (info.slot < 0) return nullptr;
            auto [it, _] = cache.emplace(n, Symbol{Symbol::Kind::Input, info.slot, info.type, Loc{}, nullptr, info.element, info.unit});
            return &it->second;
        },
        [&] { return known_names; }, in_indicator);
    t.type(e);
}

}  // namespace pingfen::sema
