// The 评分依据's pieces written from the trace (trace.hpp) after evaluation: a named value with
// its formula and numbers, a condition with the values it read, what a rule looked at. Nothing
// here evaluates: what evaluation skipped reads "未判断".
#include <algorithm>
#include <functional>
#include <fmt/format.h>

#include "eval/evaluate.hpp"
#include "eval/explain.hpp"

namespace pingfen::eval {

using namespace ast;
using explain::show;
using explain::show_points;

void Evaluator::explain_local(int slot) {
    const auto s = static_cast<std::size_t>(slot);
    const bool in_context = this->in_context(s);
    if (!in_context && std::find(shown_locals_.begin(), shown_locals_.end(), slot) != shown_locals_.end()) return;
    const LocalDef* def = r_.local_of_slot[s];
    if (!def) return;
    const long at = trace_.latest(*def->value);
    if (at < 0 && def->value->kind != Expr::Kind::Number) return;  // not evaluated (cannot happen after local())
    if (!in_context) shown_locals_.push_back(slot);
    // Named values it is built from come first, so the explanation reads in order; only those
    // its evaluation read (not those in a branch it did not take).
    std::function<void(const Expr&)> deps = [&](const Expr& e) {
        if (e.kind == Expr::Kind::Name && e.slot >= 0 && r_.local_of_slot[static_cast<std::size_t>(e.slot)] &&
            trace_.find(e, trace_.at(at).first, static_cast<std::uint32_t>(at)) >= 0)
            explain_local(e.slot);
        for (const auto& a : e.args) deps(*a);
    };
    if (at >= 0) deps(*def->value);
    const Value& v = at >= 0 ? trace_.at(at).value : slots_[s];
    std::string shown = show(v, def->value->type, lang_);
    std::string filled = with_values(*def->value);
    std::string text = filled == shown ? fmt::format("{} = {}", def->name, shown)
                                       : fmt::format("{} = {} = {}", def->name, filled, shown);
    // In context it can be met again with the same value: said once.
    if (in_context && std::find(parts_.begin(), parts_.end(), text) != parts_.end()) return;
    parts_.push_back(std::move(text));
}

// An expression with the values its latest evaluation used, from the trace: nothing is
// evaluated again. What that evaluation skipped (the branch not taken, the right side of a
// short-circuited 且/或) reads "未判断".
std::string Evaluator::with_values(const Expr& e) {
    const long at = trace_.latest(e);
    if (at < 0) return explain::formula(e, lang_);  // a literal, read without evaluating
    const Trace::Entry& root = trace_.at(at);
    std::function<std::string(const Expr&)> f = [&](const Expr& n) -> std::string {
        const long i = &n == &e ? at : trace_.find(n, root.first, static_cast<std::uint32_t>(at));
        if (i < 0) {
            const char* skipped = en_ ? "(not evaluated)" : "（未判断）";
            return n.kind == Expr::Kind::Name ? fmt::format(fmt::runtime(en_ ? "{} {}" : "{}{}"), n.text, skipped) : skipped;
        }
        const Value& v = trace_.at(i).value;
        if (n.kind == Expr::Kind::Weight) return show_points(v.number);
        if (n.kind == Expr::Kind::Cond) return show(v, n.type, lang_);
        if (v.kind == Value::Kind::List) return show(v, n.element, lang_);
        // A yes/no datum reads better with its name: 涉密部门（否）.
        if (v.kind == Value::Kind::Bool)
            return fmt::format(fmt::runtime(en_ ? "{} ({})" : "{}（{}）"), n.text, show(v, n.type, lang_));
        return show(v, n.type, lang_);
    };
    return explain::formula(e, lang_, &f);
}

// The data and named values a condition read, each with its value, in the order written:
// 涉密部门：否；已公开预决算：是. One that evaluation did not reach reads "未判断".
std::string Evaluator::facts(const Expr& e) {
    const long at = trace_.latest(e);
    std::vector<int> seen;
    std::string out;
    std::function<void(const Expr&)> walk = [&](const Expr& n) {
        if (n.kind != Expr::Kind::Name) {
            for (const auto& a : n.args) walk(*a);
            return;
        }
        if (std::find(seen.begin(), seen.end(), n.slot) != seen.end()) return;
        seen.push_back(n.slot);
        const long i = at < 0 ? -1 : &n == &e ? at : trace_.find(n, trace_.at(at).first, static_cast<std::uint32_t>(at));
        std::string one;
        if (i < 0) one = fmt::format(fmt::runtime(en_ ? "{}: not evaluated" : "{}：未判断"), n.text);
        else if (trace_.at(i).value.kind == Value::Kind::Bool)
            one = fmt::format(fmt::runtime(en_ ? "{}: {}" : "{}：{}"), n.text, show(trace_.at(i).value, n.type, lang_));
        else one = fmt::format("{} {}", n.text, show(trace_.at(i).value, n.type, lang_));
        out += (out.empty() ? "" : (en_ ? "; " : "；")) + one;
    };
    walk(e);
    return out;
}

// A condition as the standard states it, then with the numbers: 三公经费实际支出 ≤ 三公经费预算
// （18.36 ≤ 25）. One built with 非, 且 or 或 is followed by the values it read, by name:
// 非 涉密部门 且 非 已公开预决算（涉密部门：否；已公开预决算：是）.
std::string Evaluator::condition_text(const Expr& e) {
    std::string names = explain::formula(e, lang_);
    const bool compound = e.kind == Expr::Kind::Not ||
                          (e.kind == Expr::Kind::Binary && (e.op == BinaryOp::And || e.op == BinaryOp::Or));
    if (compound) {
        std::string read = facts(e);
        return read.empty() ? names : fmt::format(fmt::runtime(en_ ? "{} ({})" : "{}（{}）"), names, read);
    }
    std::string values = with_values(e);
    if (names == values) return values;
    return fmt::format(fmt::runtime(en_ ? "{} ({})" : "{}（{}）"), names, values);
}

// How the value a rule looks at is named in an explanation: nothing more when it is a named
// value just explained (结余结转率 = … = 2.73%), "利用率 98.06%" for a datum, the formula with
// its numbers otherwise.
std::string Evaluator::subject(const Expr& e, const Value& v) {
    if (e.kind == Expr::Kind::Name) {
        bool explained = std::find(shown_locals_.begin(), shown_locals_.end(), e.slot) != shown_locals_.end();
        if (explained) return "";
        return fmt::format("{} {}", e.text, show(v, e.type, lang_));
    }
    std::string filled = with_values(e), shown = show(v, e.type, lang_);
    return filled == shown ? shown : fmt::format("{} = {}", filled, shown);
}

// "控制率 12%" for a name, the formula with its numbers otherwise.
std::string Evaluator::named(const Expr& e, const Value& v) {
    if (e.kind == Expr::Kind::Name) return fmt::format("{} {}", e.text, show(v, e.type, lang_));
    std::string filled = with_values(e), shown = show(v, e.type, lang_);
    return filled == shown ? shown : fmt::format("{} = {}", filled, shown);
}

// Joins explanation pieces, leaving out empty ones.
std::string Evaluator::join(std::initializer_list<std::string> parts) const {
    std::string out;
    for (const auto& p : parts) {
        if (p.empty()) continue;
        if (!out.empty()) out += en_ ? ", " : "，";
        out += p;
    }
    return out;
}

}  // namespace pingfen::eval
