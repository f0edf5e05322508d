#include "lower/goal_rows.hpp"

#include <cstring>
#include <string>

#include "source/source.hpp"

namespace pingfen::lower {

bool parse_number_text(std::string_view t, Decimal& out, bool& percent) {
    percent = false;
    while (!t.empty() && (t.back() == ' ')) t.remove_suffix(1);
    if (t.size() >= 3 && t.substr(t.size() - 3) == "％") {
        percent = true;
        t.remove_suffix(3);
    } else if (!t.empty() && t.back() == '%') {
        percent = true;
        t.remove_suffix(1);
    }
    auto d = Decimal::parse(t);
    if (!d) return false;
    out = percent ? Decimal::hundredth(*d) : *d;
    return true;
}

Target parse_target(const ast::DataValue& v) {
    Target t;
    if (v.kind == ast::DataValue::Kind::Number) {
        t.value = v.number;
        t.percent = v.percent;
        return t;
    }
    const std::string_view text = v.kind == ast::DataValue::Kind::Text ? std::string_view(v.text) : std::string_view();
    if (parse_number_text(text, t.value, t.percent) || as_typed(text, t)) return t;
    t.kind = Target::Kind::Words;
    t.words = text;
    return t;
}

namespace {

std::string_view trimmed(std::string_view s) {
    while (!s.empty() && s.front() == ' ') s.remove_prefix(1);
    while (!s.empty() && s.back() == ' ') s.remove_suffix(1);
    return s;
}

// A bound and its number: ≥800, ≤ 5%, 不低于800, 800以上, 5%以内.
bool bound_and_number(std::string_view text, Target& t) {
    std::string_view rest = trimmed(text);
    t.kind = Target::Kind::AtLeast;
    bool bound = false;
    for (std::string_view ge : {"≥", ">=", "≧", "不低于", "不少于", "不小于"})
        if (rest.starts_with(ge)) {
            rest.remove_prefix(ge.size());
            bound = true;
            break;
        }
    if (!bound)
        for (std::string_view le : {"≤", "<=", "≦", "不高于", "不超过", "不多于", "不大于"})
            if (rest.starts_with(le)) {
                rest.remove_prefix(le.size());
                t.kind = Target::Kind::AtMost;
                bound = true;
                break;
            }
    if (!bound) {
        if (rest.ends_with("以上")) {
            rest.remove_suffix(std::string_view("以上").size());
        } else if (rest.ends_with("以下") || rest.ends_with("以内")) {
            rest.remove_suffix(std::string_view("以下").size());
            t.kind = Target::Kind::AtMost;
        }
    }
    if (parse_number_text(trimmed(rest), t.value, t.percent)) return true;
    t.kind = Target::Kind::AtLeast;
    return false;
}

// Full-width forms (＞＝, ８００, ％) are three-byte sequences starting 0xEF.
bool has_fullwidth(std::string_view s) { return s.find('\xEF') != std::string_view::npos; }

}  // namespace

bool as_typed(std::string_view text, Target& t) {
    if (bound_and_number(text, t)) return true;
    return has_fullwidth(text) && bound_and_number(halfwidth(text), t);
}

Direction direction_of(const ast::DataValue& v) {
    // Only a text says a direction (a number or yes/no never reads as either word).
    if (v.kind != ast::DataValue::Kind::Text) return Direction::Unknown;
    const std::string_view t = trimmed(v.text);
    for (std::string_view w : {"越低越好", "越小越好", "越少越好", "反向", "逆向", "反向指标", "逆向指标", "lower"})
        if (t == w) return Direction::Lower;
    for (std::string_view w : {"越高越好", "越大越好", "越多越好", "正向", "正向指标", "higher", ""})
        if (t == w) return Direction::Higher;
    return Direction::Unknown;
}

bool typed_number(std::string_view typed, Decimal& out, bool& percent) {
    if (parse_number_text(trimmed(typed), out, percent)) return true;
    return has_fullwidth(typed) && parse_number_text(trimmed(halfwidth(typed)), out, percent);
}

bool unreadable_number(std::string_view words) {
    for (char c : words)
        if (c >= '0' && c <= '9') return true;
    for (std::string_view digit : {"０", "１", "２", "３", "４", "５", "６", "７", "８", "９"})
        if (words.find(digit) != std::string_view::npos) return true;
    return false;
}

namespace {

template <std::size_t N>
bool named(const std::string& k, const char (&name)[N]) {
    return k.size() == N - 1 && std::memcmp(k.data(), name, N - 1) == 0;
}

void first(const ast::DataValue*& column, const ast::DataValue& v) {
    if (!column) column = &v;
}

}  // namespace

GoalRow bind_goal_row(const ast::DataValue& row) {
    GoalRow g;
    g.row = &row;
    for (const auto& f : row.fields) {
        const std::string& k = f.first;
        if (named(k, "名称")) first(g.name, f.second);
        else if (named(k, "目标")) first(g.target, f.second);
        else if (named(k, "实际")) first(g.actual, f.second);
        else if (named(k, "权重")) first(g.weight, f.second);
        else if (named(k, "方向")) first(g.direction, f.second);
        else if (named(k, "档次")) first(g.band, f.second);
        else if (named(k, "得分率")) first(g.rate, f.second);
        else if (named(k, "说明")) first(g.reason, f.second);
    }
    if (g.target) g.goal = parse_target(*g.target);
    if (g.weight) g.weight_number = g.weight->number;
    auto text = [&](const ast::DataValue* v, std::string_view& out, unsigned char flag) {
        if (!v || v->kind != ast::DataValue::Kind::Text) return;
        out = v->text;
        g.texts |= flag;
    };
    text(g.band, g.band_text, GoalRow::kBandText);
    text(g.reason, g.reason_text, GoalRow::kReasonText);
    text(g.actual, g.actual_text, GoalRow::kActualText);
    if (g.actual && g.actual->kind == ast::DataValue::Kind::Number) {
        g.actual_is_number = true;
        g.actual_number = g.actual->number;
        g.actual_percent = g.actual->percent;
    } else if (g.actual && g.actual->kind == ast::DataValue::Kind::Text) {
        // "93%" as a spreadsheet exports it: read once here rather than on every scoring.
        Decimal n;
        bool percent = false;
        if (parse_number_text(g.actual->text, n, percent) || typed_number(g.actual->text, n, percent)) {
            g.actual_is_number = true;
            g.actual_number = n;
            g.actual_percent = percent;
        }
    }
    if (g.direction && direction_of(*g.direction) == Direction::Lower)
        g.goal.kind = g.goal.kind == Target::Kind::Words ? g.goal.kind : Target::Kind::AtMost;
    g.has_band = g.band != nullptr;
    if (g.rate) g.rate_number = g.rate->number;
    g.words_met = g.actual_text == g.goal.words;
    return g;
}

void bind_goal_rows(const std::vector<ast::DataValue>& rows, std::vector<GoalRow>& out) {
    out.clear();
    out.reserve(rows.size());
    for (const auto& r : rows) out.push_back(bind_goal_row(r));
    if (out.empty()) return;
    // The evaluator's check and sum of the weights, in the same order, done once with the data.
    Decimal sum;
    for (std::size_t i = 0; i < out.size(); ++i) {
        if (!out[i].weight || !(Decimal() < out[i].weight_number)) {
            out[0].table_bad_weight = static_cast<int>(i);
            return;
        }
        sum = sum + out[i].weight_number;
    }
    out[0].table_weight_sum = sum;
}

}  // namespace pingfen::lower
