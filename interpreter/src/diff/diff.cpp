// diff_rulesets and compare_department: what differs between two indicator systems, and what
// that does to a department's scores.
#include <algorithm>
#include <fmt/format.h>
#include <map>
#include <set>

#include "api/guard.hpp"
#include "api/score_choices.hpp"
#include "diff/cause.hpp"
#include "diff/diagnostics.hpp"
#include "data/department.hpp"
#include "diff/rule_text.hpp"
#include "eval/explain.hpp"
#include "sema/ruleset.hpp"

namespace pingfen {
namespace {

using ast::Indicator;
using Kids = std::vector<std::unique_ptr<Indicator>>;

// What identifies a subtree when its name changed: a leaf's rule, a parent's children.
std::string signature(const Indicator& i) {
    if (i.scoring) return "R:" + diff::rule_text(i, Language::Chinese);
    std::string s = "C:";
    for (const auto& c : i.children) s += c->name + "|";
    return s;
}

class Differ {
public:
    Differ(const Ruleset& a, const Ruleset& b) : a_(a), b_(b) {}

    RulesetDiff run() {
        for (const Indicator* i : a_.indicators) names_a_.insert(i->name);
        for (const Indicator* i : b_.indicators) names_b_.insert(i->name);
        out_.title_a = a_.module->title.value_or("");
        out_.title_b = b_.module->title.value_or("");
        match(a_.module->indicators, b_.module->indicators, nullptr, nullptr);
        moves();
        for (const Indicator* x : unmatched_a_)
            if (x) out_.indicators.push_back(change(IndicatorChange::Kind::Removed, x, nullptr));
        for (const Indicator* y : unmatched_b_)
            if (y) out_.indicators.push_back(change(IndicatorChange::Kind::Added, nullptr, y));
        declarations();
        trees();
        return std::move(out_);
    }

    std::map<const Indicator*, const Indicator*> pairs;  // A → B

private:
    const Ruleset& a_;
    const Ruleset& b_;
    RulesetDiff out_;
    std::vector<const Indicator*> unmatched_a_, unmatched_b_;
    std::set<std::string> names_a_, names_b_;

    // A rename pairs names that exist nowhere in the other tree; a name found elsewhere there
    // has moved, and the move pass finds it.
    bool may_rename(const Indicator* x, const Indicator* y) const {
        return !names_b_.count(x->name) && !names_a_.count(y->name);
    }

    IndicatorChange change(IndicatorChange::Kind k, const Indicator* x, const Indicator* y) {
        IndicatorChange c;
        c.kind = k;
        if (x) c.path_a = a_.path_of(*x), c.weight_a = x->weight, c.rule_a = x->scoring ? diff::rule_text(*x, Language::Chinese) : "";
        if (y) c.path_b = b_.path_of(*y), c.weight_b = y->weight, c.rule_b = y->scoring ? diff::rule_text(*y, Language::Chinese) : "";
        return c;
    }

    // `px` and `py` are the parents of `as` and `bs` (null at the top level).
    void match(const Kids& as, const Kids& bs, const Indicator* px, const Indicator* py) {
        std::vector<const Indicator*> la, lb;
        for (const auto& x : as) la.push_back(x.get());
        for (const auto& y : bs) lb.push_back(y.get());
        std::vector<std::pair<const Indicator*, const Indicator*>> found;
        // 1. The same name.
        for (auto& x : la)
            for (auto& y : lb)
                if (x && y && x->name == y->name) found.emplace_back(x, y), x = nullptr, y = nullptr;
        // 2. A new name, the same rule or children: a rename.
        for (auto& x : la)
            for (auto& y : lb)
                if (x && y && may_rename(x, y) && signature(*x) == signature(*y))
                    found.emplace_back(x, y), renamed(x, y), x = nullptr, y = nullptr;
        // 3. One left on each side, in the same place: renamed and changed.
        std::vector<std::size_t> ia, ib;
        for (std::size_t i = 0; i < la.size(); ++i)
            if (la[i]) ia.push_back(i);
        for (std::size_t i = 0; i < lb.size(); ++i)
            if (lb[i]) ib.push_back(i);
        if (ia.size() == 1 && ib.size() == 1 && ia[0] == ib[0] && may_rename(la[ia[0]], lb[ib[0]]) &&
            (la[ia[0]]->scoring != nullptr) == (lb[ib[0]]->scoring != nullptr)) {
            found.emplace_back(la[ia[0]], lb[ib[0]]);
            renamed(la[ia[0]], lb[ib[0]]);
            la[ia[0]] = lb[ib[0]] = nullptr;
        }
        for (auto* x : la)
            if (x) unmatched_a_.push_back(x);
        for (auto* y : lb)
            if (y) unmatched_b_.push_back(y);
        order(as, bs, found, px, py);
        for (auto [x, y] : found) compare(*x, *y);
    }

    // The indicators both sides have under one parent, in A's order: a change when B lists them
    // in another (排序), however their places shifted by additions and removals.
    void order(const Kids& as, const Kids& bs, const std::vector<std::pair<const Indicator*, const Indicator*>>& found,
               const Indicator* px, const Indicator* py) {
        auto at = [](const Kids& kids, const Indicator* i) {
            for (std::size_t k = 0; k < kids.size(); ++k)
                if (kids[k].get() == i) return k;
            return kids.size();
        };
        std::vector<std::pair<std::size_t, const Indicator*>> in_a, in_b;
        for (auto [x, y] : found) in_a.emplace_back(at(as, x), x), in_b.emplace_back(at(bs, y), y);
        std::vector<std::size_t> by_a(found.size());
        for (std::size_t k = 0; k < by_a.size(); ++k) by_a[k] = k;
        std::sort(by_a.begin(), by_a.end(), [&](std::size_t l, std::size_t r) { return in_a[l].first < in_a[r].first; });
        bool same = true;
        for (std::size_t k = 1; k < by_a.size(); ++k) same = same && in_b[by_a[k - 1]].first < in_b[by_a[k]].first;
        if (same) return;
        std::vector<std::size_t> by_b = by_a;
        std::sort(by_b.begin(), by_b.end(), [&](std::size_t l, std::size_t r) { return in_b[l].first < in_b[r].first; });
        std::string list_a, list_b;
        for (std::size_t k : by_a) list_a += (list_a.empty() ? "" : "、") + in_a[k].second->name;
        for (std::size_t k : by_b) list_b += (list_b.empty() ? "" : "、") + in_b[k].second->name;
        IndicatorChange c;
        c.kind = IndicatorChange::Kind::Reordered;
        if (px) c.path_a = a_.path_of(*px);
        if (py) c.path_b = b_.path_of(*py);
        c.details_zh = {"A：" + list_a, "B：" + list_b};
        c.details_en = {"A: " + list_a, "B: " + list_b};
        out_.indicators.push_back(std::move(c));
    }

    void renamed(const Indicator* x, const Indicator* y) { out_.indicators.push_back(change(IndicatorChange::Kind::Renamed, x, y)); }

    void compare(const Indicator& x, const Indicator& y) {
        pairs[&x] = &y;
        bool same = true;
        if (x.weight != y.weight) {
            out_.indicators.push_back(change(IndicatorChange::Kind::WeightChanged, &x, &y));
            same = false;
        }
        if (x.scoring || y.scoring) {
            std::string ra = diff::rule_text(x, Language::Chinese), rb = diff::rule_text(y, Language::Chinese);
            if (ra != rb) {
                IndicatorChange c = change(IndicatorChange::Kind::RuleChanged, &x, &y);
                tier_details(x, y, c);
                out_.indicators.push_back(std::move(c));
                same = false;
            }
        }
        if (same && x.name == y.name && a_.path_of(x) == b_.path_of(y) && x.scoring) out_.unchanged.push_back(a_.path_of(x));
        match(x.children, y.children, &x, &y);
    }

    // Changed tiers described as intervals: (10%, 20%] 得 1 分 → (10%, 15%] 得 1 分.
    void tier_details(const Indicator& x, const Indicator& y, IndicatorChange& c) {
        for (Language lang : {Language::Chinese, Language::English}) {
            auto ta = diff::tiers_of(x, lang), tb = diff::tiers_of(y, lang);
            if (ta.empty() || tb.empty()) continue;
            auto& out = lang == Language::Chinese ? c.details_zh : c.details_en;
            std::set<std::string> in_b, in_a;
            for (const auto& t : tb) in_b.insert(t.bound + " " + t.result);
            for (const auto& t : ta) in_a.insert(t.bound + " " + t.result);
            std::vector<std::string> gone, come;
            for (const auto& t : ta)
                if (!in_b.count(t.bound + " " + t.result)) gone.push_back(t.bound + " " + t.result);
            for (const auto& t : tb)
                if (!in_a.count(t.bound + " " + t.result)) come.push_back(t.bound + " " + t.result);
            std::size_t n = std::min(gone.size(), come.size());
            for (std::size_t i = 0; i < n; ++i) out.push_back(gone[i] + " → " + come[i]);
            for (std::size_t i = n; i < gone.size(); ++i)
                out.push_back(lang == Language::Chinese ? "删去 " + gone[i] : "removed " + gone[i]);
            for (std::size_t i = n; i < come.size(); ++i)
                out.push_back(lang == Language::Chinese ? "新增 " + come[i] : "added " + come[i]);
        }
    }

    // Left over on both sides with the same name: moved to another parent.
    void moves() {
        // Indices, not references: compare() below may add to both lists.
        const std::size_t na = unmatched_a_.size(), nb = unmatched_b_.size();
        for (std::size_t i = 0; i < na; ++i) {
            for (std::size_t j = 0; j < nb; ++j) {
                const Indicator* x = unmatched_a_[i];
                const Indicator* y = unmatched_b_[j];
                if (!x || !y || x->name != y->name) continue;
                out_.indicators.push_back(change(IndicatorChange::Kind::Moved, x, y));
                unmatched_a_[i] = nullptr;
                unmatched_b_[j] = nullptr;
                compare(*x, *y);
                break;
            }
        }
    }

    void trees() {
        auto status = [&](const std::vector<std::string>& p, bool side_a) -> std::string {
            std::string st = "same";
            for (const auto& c : out_.indicators) {
                if ((side_a ? c.path_a : c.path_b) != p) continue;
                switch (c.kind) {
                    case IndicatorChange::Kind::Removed: return "removed";
                    case IndicatorChange::Kind::Added: return "added";
                    case IndicatorChange::Kind::Renamed: st = "renamed"; break;
                    case IndicatorChange::Kind::Moved: st = "moved"; break;
                    case IndicatorChange::Kind::Reordered: break;  // the parent itself is as it was
                    default: if (st == "same") st = "changed";
                }
            }
            return st;
        };
        for (const Indicator* i : a_.indicators)
            if (i->role == Indicator::Role::Indicator) out_.tree_a.push_back({a_.path_of(*i), i->weight, status(a_.path_of(*i), true)});
        for (const Indicator* i : b_.indicators)
            if (i->role == Indicator::Role::Indicator) out_.tree_b.push_back({b_.path_of(*i), i->weight, status(b_.path_of(*i), false)});
    }

    void declarations() {
        auto& zh = out_.declarations_zh;
        auto& en = out_.declarations_en;
        std::map<std::string, const ast::InputDecl*> ia, ib;
        for (const auto* in : a_.input_of_slot) ia[in->name] = in;
        for (const auto* in : b_.input_of_slot) ib[in->name] = in;
        auto describe = [](const ast::InputDecl& in) {
            std::string t = ast::type_name_zh(in.type);
            if (!in.unit.empty()) t += "(" + in.unit + ")";
            if (in.range) t += " " + explain::interval(*in.range, Language::Chinese);
            return t;
        };
        for (const auto& [n, in] : ia) {
            auto it = ib.find(n);
            if (it == ib.end()) {
                zh.push_back(fmt::format("输入 `{}` 只在 A 中（{}）", n, describe(*in)));
                en.push_back(fmt::format("input `{}` only in A ({})", n, describe(*in)));
            } else if (describe(*in) != describe(*it->second)) {
                zh.push_back(fmt::format("输入 `{}`：{} → {}", n, describe(*in), describe(*it->second)));
                en.push_back(fmt::format("input `{}`: {} → {}", n, describe(*in), describe(*it->second)));
            }
        }
        for (const auto& [n, in] : ib)
            if (!ia.count(n)) {
                zh.push_back(fmt::format("输入 `{}` 只在 B 中（{}）", n, describe(*in)));
                en.push_back(fmt::format("input `{}` only in B ({})", n, describe(*in)));
            }
        auto bands = [](const Ruleset& r) {
            std::string s;
            for (const auto& g : r.module->grades) s += (s.empty() ? "" : "，") + g.name + " " + explain::interval(g.bound, Language::Chinese);
            return s;
        };
        if (bands(a_) != bands(b_)) {
            zh.push_back(fmt::format("等级：{} → {}", bands(a_), bands(b_)));
            en.push_back(fmt::format("grade bands: {} → {}", bands(a_), bands(b_)));
        }
        auto rounding = [](const Ruleset& r, bool english) {
            const auto& ro = r.module->rounding;
            if (!ro) return std::string(english ? "none" : "无");
            return fmt::format(fmt::runtime(english ? "{} half up to {} places" : "{}四舍五入保留 {} 位"),
                               ro->where == ast::Rounding::Where::Leaves ? (english ? "each leaf" : "各指标") : (english ? "the total" : "总分"),
                               ro->places);
        };
        if (rounding(a_, false) != rounding(b_, false)) {
            zh.push_back(fmt::format("舍入：{} → {}", rounding(a_, false), rounding(b_, false)));
            en.push_back(fmt::format("rounding: {} → {}", rounding(a_, true), rounding(b_, true)));
        }
        if (a_.total != b_.total) {
            zh.push_back(fmt::format("总分：{} → {}", a_.total.to_string(), b_.total.to_string()));
            en.push_back(fmt::format("total: {} → {}", a_.total.to_string(), b_.total.to_string()));
        }
    }
};

const ScoreNode* find(std::span<const ScoreNode> nodes, const std::vector<std::string>& path, std::size_t d = 0) {
    for (const auto& n : nodes) {
        if (n.name() != path[d]) continue;
        return d + 1 == path.size() ? &n : find(n.children(), path, d + 1);
    }
    return nullptr;
}

void leaves(std::span<const ScoreNode> nodes, std::vector<const ScoreNode*>& out) {
    for (const auto& n : nodes) {
        if (n.children().empty()) out.push_back(&n);
        else leaves(n.children(), out);
    }
}

}  // namespace

RulesetDiff diff_rulesets(const Ruleset& a, const Ruleset& b) {
    Differ d(a, b);
    return d.run();
}

namespace {

// The indicator of each path, to find the rule behind a leaf of a sheet.
std::map<std::vector<std::string>, const Indicator*> by_path(const Ruleset& r) {
    std::map<std::vector<std::string>, const Indicator*> out;
    for (const Indicator* i : r.indicators) out[r.path_of(*i)] = i;
    return out;
}

DepartmentComparison compare(const Ruleset& a, const Ruleset& b, const DepartmentData& d, const RulesetDiff& diff,
                             Language lang) {
    DepartmentComparison out;
    // What each rule decided on each side, to name what the department met there.
    eval::ChoicesByIndicator choices_a, choices_b;
    ScoreResult ra = api::score_recording_choices(a, d, ScoreOptions{true, lang}, choices_a);
    ScoreResult rb = api::score_recording_choices(b, d, ScoreOptions{true, lang}, choices_b);
    out.diagnostics = diff::merge_sides(ra.diagnostics, rb.diagnostics);
    out.department = d.department;
    if (!ra.sheet || !rb.sheet) return out;
    out.total_a = ra.sheet->total;
    out.total_b = rb.sheet->total;
    out.grade_a = ra.sheet->grade;
    out.grade_b = rb.sheet->grade;

    // Where each leaf of A went in B, from the structural diff.
    std::map<std::vector<std::string>, std::vector<std::string>> to_b;
    for (const auto& c : diff.indicators)
        if (!c.path_a.empty() && !c.path_b.empty()) to_b[c.path_a] = c.path_b;
    auto map_path = [&](std::vector<std::string> p) {
        // A renamed or moved ancestor carries its descendants along.
        for (std::size_t n = p.size(); n > 0; --n) {
            std::vector<std::string> head(p.begin(), p.begin() + static_cast<long>(n));
            auto it = to_b.find(head);
            if (it != to_b.end()) {
                std::vector<std::string> r = it->second;
                r.insert(r.end(), p.begin() + static_cast<long>(n), p.end());
                return r;
            }
        }
        return p;
    };
    const auto rules_a = by_path(a), rules_b = by_path(b);
    auto side = [](const std::map<std::vector<std::string>, const Indicator*>& rules, const eval::ChoicesByIndicator& choices,
                   const ScoreNode& n) {
        diff::LeafSide s;
        auto it = rules.find(n.path());
        if (it != rules.end()) {
            s.indicator = it->second;
            auto k = static_cast<std::size_t>(it->second->index);
            if (k < choices.size()) s.choices = &choices[k];
        }
        s.weight = n.weight();
        return s;
    };
    const bool rounding_changed = std::find_if(diff.declarations_zh.begin(), diff.declarations_zh.end(), [](const std::string& s) {
                                      return s.rfind("舍入", 0) == 0;
                                  }) != diff.declarations_zh.end();
    std::vector<const ScoreNode*> la, lb;
    leaves(ra.sheet->indicators(), la);
    leaves(rb.sheet->indicators(), lb);
    std::set<std::vector<std::string>> seen_b;
    for (const ScoreNode* x : la) {
        std::vector<std::string> pb = map_path(x->path());
        const ScoreNode* y = find(rb.sheet->indicators(), pb);
        if (y) seen_b.insert(y->path());
        ScoreDelta delta;
        delta.path_a = x->path();
        delta.score_a = x->score();
        if (y) delta.path_b = y->path(), delta.score_b = y->score();
        bool differs = !y || x->score().has_value() != y->score().has_value() || (x->score() && y->score() && *x->score() != *y->score());
        if (!differs) continue;
        if (!y) {
            delta.cause_zh = "只在 A 中";
            delta.cause_en = "only in A";
        } else if (!x->score() || !y->score()) {
            // The basis already says 未评分：…; keep only the reason.
            std::string why = x->score() ? y->basis() : x->basis();
            for (const char* p : {"未评分：", "not scored: "})
                if (why.rfind(p, 0) == 0) why = why.substr(std::string(p).size());
            delta.cause_zh = fmt::format("{} 侧未评分：{}", x->score() ? "B" : "A", why);
            delta.cause_en = fmt::format("not scored under {}: {}", x->score() ? "B" : "A", why);
        } else {
            diff::LeafSide sa = side(rules_a, choices_a, *x), sb = side(rules_b, choices_b, *y);
            if (sa.indicator && sb.indicator) {
                diff::Cause c = diff::score_cause(a, sa, b, sb, rounding_changed);
                delta.cause_zh = std::move(c.zh);
                delta.cause_en = std::move(c.en);
            }
        }
        out.indicators.push_back(std::move(delta));
    }
    for (const ScoreNode* y : lb) {
        if (seen_b.count(y->path())) continue;
        ScoreDelta delta;
        delta.path_b = y->path();
        delta.score_b = y->score();
        delta.cause_zh = "只在 B 中";
        delta.cause_en = "only in B";
        out.indicators.push_back(std::move(delta));
    }
    return out;
}

}  // namespace

DepartmentComparison compare_department(const Ruleset& a, const Ruleset& b, const DepartmentData& d, const RulesetDiff& diff,
                                        Language lang) {
    return api::guarded<DepartmentComparison>(d.department, [&] { return compare(a, b, d, diff, lang); });
}

}  // namespace pingfen
