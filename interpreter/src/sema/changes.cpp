#include "sema/changes.hpp"

#include <fmt/format.h>
#include <set>
#include <vector>

#include "source/source.hpp"

namespace pingfen::sema {
namespace {

using namespace ast;
using How = SheetText::How;

// ---- the names an indicator's members read (before resolution: by their text) ----

void names_in(const Expr& e, std::set<std::string>& out) {
    if (e.kind == Expr::Kind::Name) out.insert(e.text);
    for (const auto& a : e.args) names_in(*a, out);
}

void names_in(const ExprPtr& e, std::set<std::string>& out) {
    if (e) names_in(*e, out);
}

void names_in(const Interval& iv, std::set<std::string>& out) {
    names_in(iv.low, out);
    names_in(iv.high, out);
}

void names_in(const Indicator& ind, std::set<std::string>& out);

void names_in(const Scoring& s, std::set<std::string>& out) {
    names_in(s.value, out);
    if (s.then_) names_in(*s.then_, out);
    if (s.else_) names_in(*s.else_, out);
    for (const auto& t : s.tiers) {
        if (t.bound) names_in(*t.bound, out);
        if (t.result) names_in(*t.result, out);
    }
    names_in(s.base, out);
    names_in(s.step, out);
    names_in(s.amount, out);
    names_in(s.cap, out);
    for (const auto& d : s.deductions) {
        names_in(d.subject, out);
        names_in(d.amount, out);
    }
    for (const auto& p : s.parts) names_in(*p, out);
    if (s.range) names_in(*s.range, out);
    names_in(s.reason, out);
    for (const auto& b : s.bands)
        if (b.bound) names_in(*b.bound, out);
}

// Everything the indicator reads, its sub-indicators and parts included (they see its named
// values too).
void names_in(const Indicator& ind, std::set<std::string>& out) {
    for (const auto& l : ind.locals) names_in(l.value, out);
    for (const auto& na : ind.not_applicable) {
        names_in(na.condition, out);
        names_in(na.reason, out);
    }
    if (ind.scoring) names_in(*ind.scoring, out);
    for (const auto& c : ind.children) names_in(*c, out);
}

// ---- how the old text is quoted in a message ----

std::string excerpt(const std::string& text) {
    constexpr std::size_t kMax = 40;
    std::u32string u = utf8_decode(text);
    if (u.size() <= kMax) return text;
    std::string out;
    for (std::size_t i = 0; i < kMax; ++i) out += utf8_encode(u[i]);
    return out + "……";
}

bool is_digit(char32_t c) { return (c >= U'0' && c <= U'9') || (c >= U'０' && c <= U'９'); }
char ascii_digit(char32_t c) { return static_cast<char>(c >= U'０' ? c - U'０' + U'0' : c); }

const char* text_kw(bool standard, bool en) {
    return standard ? (en ? "standard" : "标准") : (en ? "explain" : "解释");
}
// The text itself, in a sentence: 标准 / 解释, "standard" / "explanation".
const char* text_noun(bool standard, bool en) {
    return standard ? (en ? "standard" : "标准") : (en ? "explanation" : "解释");
}
const char* keep_kw(bool standard, bool en) {
    return standard ? (en ? "keep_standard" : "沿用标准") : (en ? "keep_explanation" : "沿用解释");
}

}  // namespace

std::string names_points(const std::string& text, const Decimal& points) {
    const std::u32string u = utf8_decode(text);
    for (std::size_t i = 0; i < u.size();) {
        if (!is_digit(u[i])) {
            ++i;
            continue;
        }
        const std::size_t begin = i;
        std::string number;
        while (i < u.size() && is_digit(u[i])) number += ascii_digit(u[i++]);
        if (i + 1 < u.size() && (u[i] == U'.' || u[i] == U'．') && is_digit(u[i + 1])) {
            number += '.';
            ++i;
            while (i < u.size() && is_digit(u[i])) number += ascii_digit(u[i++]);
        }
        std::size_t at = i;
        while (at < u.size() && (u[at] == U' ' || u[at] == U'\t' || u[at] == U'\u3000')) ++at;
        if (at >= u.size() || u[at] != U'分') continue;
        if (at + 1 < u.size() && u[at + 1] == U'之') continue;  // 8分之1
        auto value = Decimal::parse(number);
        if (!value || *value != points) continue;
        std::string written;
        for (std::size_t k = begin; k <= at; ++k) written += utf8_encode(u[k]);
        return written;
    }
    return "";
}

void IndicatorChanges::replace(Indicator& target, Modification& mod, const std::string& path) {
    Indicator& r = *mod.replacement;
    Settled& settled = settled_[&target];
    // The sheet's texts: the new one, the old one on purpose, or (unasked) an error.
    std::vector<bool> missing;  // which of 标准 (true) / 解释 (false) stayed without being asked
    for (bool standard : {true, false}) {
        const SheetText& said = standard ? mod.standard : mod.explanation;
        std::string& text = standard ? target.standard : target.explanation;
        if (said.how == How::Stated) text = said.text;
        else if (said.how == How::Unstated && !text.empty()) missing.push_back(standard);
        (standard ? settled.standard : settled.explanation) = said.how;
    }
    if (!missing.empty()) {
        const bool both = missing.size() == 2;
        const bool standard = missing.front();
        const std::string what = both ? "`标准` 和 `解释`" : fmt::format("`{}`", text_kw(standard, false));
        const std::string what_en = both ? "neither `standard` nor `explain`" : fmt::format("no `{}`", text_kw(standard, true));
        sink_.error("E0605", mod.loc,
                    fmt::format("替换 `{}` 没有写 {}：原来的文字会留在评分表上，与新的评分规则可能不符", path, what),
                    fmt::format("the replacement of `{}` states {}: the old text would stay on the sheet beside a "
                                "rule it may not describe", path, what_en));
        for (bool s : missing) {
            const std::string& old = s ? target.standard : target.explanation;
            sink_.last().notes.push_back(make_note(Loc{}, fmt::format("原来的{}：“{}”", text_kw(s, false), excerpt(old)),
                                                   fmt::format("the old {}: “{}”", text_noun(s, true), excerpt(old))));
        }
        const std::string kw = both ? "标准 \"…\" 和 解释 \"…\"" : fmt::format("{} \"…\"", text_kw(standard, false));
        const std::string keep = both ? "沿用标准、沿用解释" : keep_kw(standard, false);
        const std::string kw_en = both ? "standard \"…\" and explain \"…\"" : fmt::format("{} \"…\"", text_kw(standard, true));
        const std::string keep_en = both ? "keep_standard, keep_explanation" : keep_kw(standard, true);
        sink_.last().notes.push_back(make_note(Loc{}, fmt::format("在 替换 中写新的 {}；原文仍然适用时写 {}", kw, keep),
                                               fmt::format("write the new {} in the replacement; when the old text is "
                                                           "still right, write {}", kw_en, keep_en)));
    }
    keep_used_named_values(target, r);
    target.not_applicable = std::move(r.not_applicable);
    target.scoring = std::move(r.scoring);
    target.children = std::move(r.children);
}

// The old indicator's named values that the new members read without defining them stay, with
// the ones they read in turn, in their old order and before the new ones; the rest go.
void IndicatorChanges::keep_used_named_values(Indicator& target, Indicator& r) {
    std::set<std::string> defined, used;
    for (const auto& l : r.locals) defined.insert(l.name);
    names_in(r, used);
    std::set<std::string> kept;
    for (bool grew = true; grew;) {
        grew = false;
        for (const auto& old : target.locals) {
            if (kept.count(old.name) || defined.count(old.name) || !used.count(old.name)) continue;
            kept.insert(old.name);
            names_in(old.value, used);
            grew = true;
        }
    }
    std::vector<LocalDef> locals;
    for (auto& old : target.locals)
        if (kept.count(old.name)) locals.push_back(std::move(old));
    for (auto& l : r.locals) locals.push_back(std::move(l));
    target.locals = std::move(locals);
}

void IndicatorChanges::change_weight(Indicator& target, const Modification& mod, const std::string& path) {
    Settled& settled = settled_[&target];
    if (!settled.imported_weight) settled.imported_weight = target.weight;
    const Decimal imported = *settled.imported_weight;
    target.weight = mod.weight;
    target.weight_loc = mod.path_loc;
    for (bool standard : {true, false}) weight_and_text(target, mod, path, imported, standard);
}

void IndicatorChanges::weight_and_text(Indicator& target, const Modification& mod, const std::string& path,
                                       const Decimal& imported, bool standard) {
    const SheetText& said = standard ? mod.standard : mod.explanation;
    How& before = standard ? settled_[&target].standard : settled_[&target].explanation;
    std::string& text = standard ? target.standard : target.explanation;
    if (said.how == How::Stated) text = said.text;
    if (said.how != How::Unstated) before = said.how;
    // A text written in this file (by this 修改 or an earlier 替换) is the author's own.
    if (before == How::Stated || mod.weight == imported) return;
    const std::string named = names_points(text, imported);
    if (named.empty()) return;
    const std::string w_old = imported.to_string(), w_new = mod.weight.to_string();
    const char* kw = text_kw(standard, false);
    const char* kw_en = text_noun(standard, true);
    const char* kw_en_keyword = text_kw(standard, true);
    if (before == How::Kept) {
        sink_.warning("W0603", said.how == How::Kept ? said.loc : mod.path_loc,
                      fmt::format("`{}` 的分值由 {} 改为 {}，沿用的{}却写着“{}”", path, w_old, w_new, kw, named),
                      fmt::format("the weight of `{}` goes from {} to {}, but the kept {} says “{}”", path, w_old, w_new,
                                  kw_en, named));
        sink_.last().notes.push_back(make_note(Loc{}, fmt::format("沿用的{}：“{}”", kw, excerpt(text)),
                                               fmt::format("the kept {}: “{}”", kw_en, excerpt(text))));
        return;
    }
    sink_.error("E0606", mod.path_loc,
                fmt::format("`{}` 的分值由 {} 改为 {}，原来的{}却写着“{}”：评分表上的{}会与分值不符", path, w_old, w_new, kw,
                            named, kw),
                fmt::format("the weight of `{}` goes from {} to {}, but the old {} says “{}”: the sheet's {} would "
                            "contradict the weight", path, w_old, w_new, kw_en, named, kw_en));
    sink_.last().notes.push_back(make_note(Loc{}, fmt::format("原来的{}：“{}”", kw, excerpt(text)),
                                           fmt::format("the old {}: “{}”", kw_en, excerpt(text))));
    sink_.last().notes.push_back(make_note(
        Loc{}, fmt::format("在这条 修改 后写新的{}：修改 {} 分值 {} {} \"…\"；原文仍然适用时写 {}", kw, path, w_new, kw, keep_kw(standard, false)),
        fmt::format("state the new text in this statement: modify {} weight {} {} \"…\"; when the old text is still "
                    "right, write {}", path, w_new, kw_en_keyword, keep_kw(standard, true))));
}

}  // namespace pingfen::sema
