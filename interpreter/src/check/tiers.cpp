#include "check/tiers.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "calendar/date.hpp"
#include "eval/explain.hpp"

namespace pingfen::check {

using namespace ast;

Key low_key(const ExprPtr& e, bool closed) {
    if (!e) return Key{-1, {}, 0};
    return Key{0, e->number, closed ? 0 : 1};
}

Key high_key(const ExprPtr& e, bool closed) {
    if (!e) return Key{1, {}, 0};
    return Key{0, e->number, closed ? 1 : 0};
}

std::string key_text(const Key& lo, const Key& hi, bool percent, bool date) {
    auto num = [&](const Decimal& d) {
        if (date) return calendar::date_text(d.to_int64().value_or(0), false);
        return percent ? d.to_percent_exact() : d.to_string();
    };
    std::string left = lo.inf < 0 ? "(−∞" : (lo.side == 0 ? "[" : "(") + num(lo.v);
    std::string right = hi.inf > 0 ? "+∞)" : num(hi.v) + (hi.side == 0 ? ")" : "]");
    if (lo.inf == 0 && hi.inf == 0 && lo.v == hi.v && lo.side == 0 && hi.side == 1) return "[" + num(lo.v) + ", " + num(lo.v) + "]";
    return left + ", " + right;
}

bool is_constant(const Interval& iv) {
    return (!iv.low || iv.low->kind == Expr::Kind::Number) && (!iv.high || iv.high->kind == Expr::Kind::Number);
}

bool holds_integer(const Key& lo, const Key& hi) {
    if (!(lo < hi)) return false;
    if (lo.inf < 0 || hi.inf > 0) return true;
    // The least whole number at or after lo.
    Decimal k = lo.side == 0 ? lo.v.ceil() : lo.v.floor() + Decimal::from_int(1);
    return Key{0, k, 0} < hi;
}

namespace {

void gap(DiagnosticSink& sink, const Key& lo, const Key& hi, const Loc& at, const Sweep& w) {
    if (w.domain.integral && !holds_integer(lo, hi)) return;
    std::string iv = key_text(lo, hi, w.percent, w.date);
    if (w.domain.integral && lo.inf == 0) {
        // Over a count, (0, 2) is the whole number 1: said as [1, 1], the values that fall through.
        const Decimal first = lo.side == 0 ? lo.v.ceil() : lo.v.floor() + Decimal::from_int(1);
        if (hi.inf > 0) iv = key_text(Key{0, first, 0}, hi, w.percent, w.date);
        else {
            Decimal last = hi.v.floor();
            if (hi.side == 0 && last == hi.v) last = last - Decimal::from_int(1);  // hi itself is left out
            iv = key_text(Key{0, first, 0}, Key{0, last, 1}, w.percent, w.date);
        }
    }
    sink.error(w.gap_code, at, fmt::format("档位没有覆盖 {}：`{}` 落在这里时不属于任何一档", iv, w.subject),
               fmt::format("the tiers leave {} uncovered: `{}` there falls in no tier", iv, w.subject_en));
    const std::string domain = w.date ? key_text(w.lo, w.hi, false, true) : w.domain.text(w.percent);
    sink.last().notes.push_back(make_note(Loc{}, fmt::format("`{}` 按声明可取 {}", w.subject, domain),
                                          fmt::format("`{}` can take {} as declared", w.subject_en, domain)));
}

}  // namespace

bool sweep(DiagnosticSink& sink, std::vector<Span> spans, const Sweep& w) {
    std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.lo < b.lo; });
    bool overlapped = false;
    Key cur = w.lo;
    const Span* widest = nullptr;
    for (const Span& sp : spans) {
        if (widest && sp.lo < widest->hi && sp.lo < sp.hi) {
            Key end = sp.hi < widest->hi ? sp.hi : widest->hi;
            if (!w.domain.integral || holds_integer(sp.lo, end)) {
                std::string iv = key_text(sp.lo, end, w.percent, w.date);
                sink.error(w.overlap_code, sp.loc, fmt::format("档位重叠：{} 同时属于这一档和另一档", iv),
                           fmt::format("tiers overlap: {} falls in this tier and another", iv));
                sink.last().notes.push_back(make_note(widest->loc, "与这一档重叠", "overlapping this tier"));
                overlapped = true;
            }
        }
        if (!w.otherwise && cur < sp.lo && cur < w.hi) {
            Key end = sp.lo < w.hi ? sp.lo : w.hi;
            if (cur < end) gap(sink, cur, end, sp.loc, w);
        }
        if (cur < sp.hi) cur = sp.hi;
        if (!widest || widest->hi < sp.hi) widest = &sp;
    }
    if (!w.otherwise && cur < w.hi && !spans.empty()) gap(sink, cur, w.hi, spans.back().loc, w);
    return overlapped;
}

void monotone(DiagnosticSink& sink, std::vector<Span> spans, const Loc& at, bool percent) {
    std::stable_sort(spans.begin(), spans.end(), [](const Span& a, const Span& b) { return a.lo < b.lo; });
    std::vector<Decimal> scores;
    for (const auto& sp : spans) {
        if (!sp.score) return;
        scores.push_back(*sp.score);
    }
    bool up = true, down = true;
    for (std::size_t i = 1; i < scores.size(); ++i) {
        up = up && scores[i - 1] <= scores[i];
        down = down && scores[i] <= scores[i - 1];
    }
    if (up || down) return;
    std::string seq;
    for (std::size_t i = 0; i < spans.size(); ++i)
        seq += fmt::format("{}{} 得 {}", i ? "，" : "", key_text(spans[i].lo, spans[i].hi, percent), scores[i].to_string());
    sink.warning("W0701", at, fmt::format("各档得分不单调：{}", seq), fmt::format("the tiers' scores are not monotone: {}", seq));
}

void deduction_tiers(DiagnosticSink& sink, const ast::Scoring& table) {
    struct Row {
        Key lo, hi;
        const Tier* tier;
    };
    std::vector<Row> rows;
    bool percent = false;
    for (const auto& t : table.tiers) {
        if (!t.bound || !is_constant(*t.bound)) return;
        rows.push_back(Row{low_key(t.bound->low, t.bound->low_closed), high_key(t.bound->high, t.bound->high_closed), &t});
        percent = percent || (t.bound->low && t.bound->low->percent) || (t.bound->high && t.bound->high->percent);
    }
    const std::string subject = explain::formula(*table.value, Language::Chinese);
    const std::string subject_en = explain::formula(*table.value, Language::English);
    auto amount = [](const Tier& t, Language lang) {
        return t.result->kind == Scoring::Kind::Score ? explain::formula(*t.result->value, lang) : std::string("0");
    };
    for (std::size_t j = 1; j < rows.size(); ++j)
        for (std::size_t i = 0; i < j; ++i) {
            const Key lo = std::max(rows[i].lo, rows[j].lo);
            const Key hi = std::min(rows[i].hi, rows[j].hi);
            if (!(lo < hi)) continue;
            const bool point = lo.inf == 0 && hi.inf == 0 && lo.v == hi.v && lo.side == 0 && hi.side == 1;
            const std::string at = point ? (percent ? lo.v.to_percent_exact() : lo.v.to_string()) : key_text(lo, hi, percent);
            const std::string where = (point ? "为 " : "在 ") + at;
            const std::string where_en = (point ? "" : "in ") + at;
            sink.error("E0708", rows[j].tier->loc,
                       fmt::format("扣分档位重叠：`{}` {} 时两档都扣分（{} 分与 {} 分）；请用 （含） 只把交界值划入一档",
                                   subject, where, amount(*rows[i].tier, Language::Chinese), amount(*rows[j].tier, Language::Chinese)),
                       fmt::format("deduction tiers overlap: when `{}` is {} both tiers deduct ({} and {} points); mark "
                                   "the shared end with （含） in one tier only",
                                   subject_en, where_en, amount(*rows[i].tier, Language::English), amount(*rows[j].tier, Language::English)));
            sink.last().notes.push_back(make_note(rows[i].tier->loc, "与这一档重叠", "overlapping this tier"));
            break;
        }
}

}  // namespace pingfen::check
