#include "ast/dump.hpp"

#include <fmt/format.h>

namespace pingfen::ast {
namespace {

std::string num(const Expr& e) {
    if (e.date) return "date:" + e.number.to_string();  // the day number (calendar/date.hpp)
    return e.percent ? e.number.to_percent_exact() : e.number.to_string();
}

std::string interval(const Interval& iv) {
    return fmt::format("{}{} {}{}", iv.low_closed ? "[" : "(", iv.low ? dump(*iv.low) : "-inf",
                       iv.high ? dump(*iv.high) : "+inf", iv.high_closed ? "]" : ")");
}

std::string scoring(const Scoring& s);

std::string part(const Indicator& p) {
    std::string out = fmt::format("(part {} {}", p.name, p.share_is_percent ? p.share.to_percent_exact() : p.share.to_string() + "pts");
    for (const auto& na : p.not_applicable) {
        std::string target;
        for (const auto& t : na.target_path) target += (target.empty() ? "" : ".") + t;
        out += na.move ? fmt::format(" (not-applicable {} move-to {})", dump(*na.condition), target)
                       : fmt::format(" (not-applicable {} full reason {})", dump(*na.condition), dump(*na.reason));
    }
    for (const auto& l : p.locals) out += fmt::format(" (let {} {})", l.name, dump(*l.value));
    if (p.scoring) out += " " + scoring(*p.scoring);
    return out + ")";
}

std::string scoring(const Scoring& s) {
    switch (s.kind) {
        case Scoring::Kind::Full: return "(full)";
        case Scoring::Kind::Zero: return "(zero)";
        case Scoring::Kind::Score: return fmt::format("(score {})", dump(*s.value));
        case Scoring::Kind::If:
            return fmt::format("(if {} {} {})", dump(*s.value), scoring(*s.then_), scoring(*s.else_));
        case Scoring::Kind::Tiers: {
            std::string out = fmt::format("(tiers {}", dump(*s.value));
            for (const auto& t : s.tiers)
                out += fmt::format(" ({} {})", !t.grade.empty() ? "grade " + t.grade : t.bound ? interval(*t.bound) : "otherwise",
                                   scoring(*t.result));
            return out + ")";
        }
        case Scoring::Kind::Step:
            return fmt::format("({} {} base {} per {} deduct {} {})", s.downward ? "step-down" : "step", dump(*s.value), s.base ? dump(*s.base) : "0",
                               dump(*s.step), dump(*s.amount), s.partial_step_counts ? "round-up" : "round-down");
        case Scoring::Kind::Proportion:
            return fmt::format("(proportion {} cap {})", dump(*s.value), dump(*s.cap));
        case Scoring::Kind::Deductions: {
            std::string out = "(deductions";
            for (const auto& d : s.deductions)
                out += fmt::format(" ({} {} {})", d.kind == Deduction::Kind::PerItem ? "each" : "if", dump(*d.subject),
                                   dump(*d.amount));
            return out + " floor-zero)";
        }
        case Scoring::Kind::Parts: {
            std::string out = "(parts";
            for (const auto& p : s.parts) out += " " + part(*p);
            return out + ")";
        }
        case Scoring::Kind::Discretion:
            // 按 财务核查 扣分: its bounds are the input's, copied in by the resolver.
            if (s.finding) return fmt::format("(finding {})", dump(*s.value));
            return fmt::format("(discretion {} {} {} reason {})", s.discretion_deducts ? "deduct" : "score", dump(*s.value),
                               interval(*s.range), dump(*s.reason));
        case Scoring::Kind::Completion: {
            std::string out = fmt::format("(completion {} split={}", dump(*s.value), !s.split_by_row_weight ? "equal" : s.row_weight_is_share ? "by-weight-share" : "by-weight-points");
            for (const auto& t : s.tiers)
                out += fmt::format(" ({} {})", t.bound ? interval(*t.bound) : "otherwise", scoring(*t.result));
            for (const auto& b : s.bands) out += fmt::format(" (band {} {})", b.name, interval(*b.bound));
            return out + ")";
        }
    }
    return "?";
}

void indicator(std::string& out, const Indicator& i, int depth) {
    std::string pad(static_cast<std::size_t>(depth * 2), ' ');
    out += fmt::format("{}(indicator {} {} level={}\n", pad, i.name, i.weight.to_string(), i.declared_level);
    for (const auto& na : i.not_applicable) {
        std::string target;
        for (const auto& t : na.target_path) target += (target.empty() ? "" : ".") + t;
        out += na.move ? fmt::format("{}  (not-applicable {} move-to {})\n", pad, dump(*na.condition), target)
                       : fmt::format("{}  (not-applicable {} full reason {})\n", pad, dump(*na.condition), dump(*na.reason));
    }
    for (const auto& l : i.locals) out += fmt::format("{}  (let {} {})\n", pad, l.name, dump(*l.value));
    for (const auto& c : i.children) indicator(out, *c, depth + 1);
    if (i.scoring) out += fmt::format("{}  {}\n", pad, scoring(*i.scoring));
    out += pad + ")\n";
}

std::string value(const DataValue& v) {
    switch (v.kind) {
        case DataValue::Kind::Number: return v.percent ? v.number.to_percent_exact() : v.number.to_string();
        case DataValue::Kind::Bool: return v.boolean ? "true" : "false";
        case DataValue::Kind::Text: return fmt::format("\"{}\"", v.text);
        case DataValue::Kind::List: {
            std::string out = "[";
            for (const auto& x : v.list) out += (out.size() > 1 ? " " : "") + value(x);
            return out + "]";
        }
        case DataValue::Kind::Object: {
            std::string out = "{";
            for (const auto& [k, x] : v.fields) out += (out.size() > 1 ? " " : "") + k + ":" + value(x);
            return out + "}";
        }
    }
    return "?";
}

}  // namespace

std::string dump(const Expr& e) {
    switch (e.kind) {
        case Expr::Kind::Number: return num(e);
        case Expr::Kind::Bool: return e.boolean ? "true" : "false";
        case Expr::Kind::Text: return fmt::format("\"{}\"", e.text);
        case Expr::Kind::Weight: return "weight";
        case Expr::Kind::Name: return e.text;
        case Expr::Kind::Call: {
            std::string out = "(call " + e.text;
            for (const auto& a : e.args) out += " " + dump(*a);
            return out + ")";
        }
        case Expr::Kind::Negate: return "(neg " + dump(*e.args[0]) + ")";
        case Expr::Kind::Not: return "(not " + dump(*e.args[0]) + ")";
        case Expr::Kind::Cond:
            return fmt::format("(cond {} {} {})", dump(*e.args[0]), dump(*e.args[1]), dump(*e.args[2]));
        case Expr::Kind::Binary: {
            static const char* kOps[] = {"+", "-", "*", "/", "<", "<=", ">", ">=", "=", "!=", "and", "or"};
            return fmt::format("({} {} {})", kOps[static_cast<int>(e.op)], dump(*e.args[0]), dump(*e.args[1]));
        }
    }
    return "?";
}

std::string dump(const Module& m) {
    std::string out;
    if (m.title) out += fmt::format("(ruleset \"{}\" year={} total={})\n", *m.title, m.year ? std::to_string(*m.year) : "-",
                                    m.total ? m.total->to_string() : "-");
    if (m.rounding)
        out += fmt::format("(rounding {} {})\n", m.rounding->where == Rounding::Where::Leaves ? "leaves" : "total",
                           m.rounding->places);
    for (const auto& g : m.grades) out += fmt::format("(grade {} {})\n", g.name, interval(g.bound));
    for (const auto& in : m.inputs)
        out += fmt::format("(input {} {}{}{})\n", in.name, type_name_en(in.type), in.unit.empty() ? "" : " unit=" + in.unit,
                           in.range ? " " + interval(*in.range) : "");
    for (const auto& im : m.imports) out += fmt::format("(import \"{}\" at {})\n", im.path, im.position);
    for (const auto& i : m.indicators) indicator(out, *i, 0);
    for (const auto& a : m.adjustments) {
        out += fmt::format("({} {} cap {}\n", a->role == Indicator::Role::Bonus ? "bonus" : "penalty", a->name, a->cap.to_string());
        if (a->scoring) out += "  " + scoring(*a->scoring) + "\n";
        out += ")\n";
    }
    // What a 替换 or 修改 says of the 标准/解释: ` standard "…"`, ` keep-standard`, or nothing.
    auto texts = [](const Modification& mod) {
        std::string t;
        for (const auto& [name, said] : {std::pair{"standard", &mod.standard}, std::pair{"explain", &mod.explanation}}) {
            if (said->how == SheetText::How::Stated) t += fmt::format(" {} \"{}\"", name, said->text);
            if (said->how == SheetText::How::Kept) t += fmt::format(" keep-{}", name);
        }
        return t;
    };
    for (const auto& mod : m.modifications) {
        std::string path;
        for (const auto& p : mod.path) path += (path.empty() ? "" : ".") + p;
        switch (mod.kind) {
            case Modification::Kind::Weight:
                out += fmt::format("(modify {} weight {}{})\n", path, mod.weight.to_string(), texts(mod));
                break;
            case Modification::Kind::Remove: out += fmt::format("(remove {})\n", path); break;
            case Modification::Kind::Replace:
                out += fmt::format("(replace {}{} {})\n", path, texts(mod),
                                   mod.replacement->scoring ? scoring(*mod.replacement->scoring) : "-");
                break;
            case Modification::Kind::Add:
                out += fmt::format("(add-into {}", path);
                for (const auto& a : mod.added) out += " " + a->name;
                out += ")\n";
                break;
            case Modification::Kind::Order:
                out += fmt::format("(order {}", path.empty() ? "-" : path);
                for (const auto& n : mod.order) out += " " + n;
                out += ")\n";
                break;
        }
    }
    for (const auto& d : m.data) {
        out += fmt::format("(data \"{}\" year={}\n", d.department, d.year ? std::to_string(*d.year) : "-");
        for (const auto& e : d.entries) out += fmt::format("  ({} {})\n", e.name, value(e.value));
        out += ")\n";
    }
    for (const auto& t : m.tests) out += fmt::format("(test \"{}\" given={} expect={})\n", t.name, t.given.size(), t.expectations.size());
    return out;
}

}  // namespace pingfen::ast
