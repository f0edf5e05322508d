#include "testing/solve.hpp"

#include <algorithm>

namespace pingfen::testing {

using ast::BinaryOp;
using ast::Expr;

const ast::InputDecl* Solver::input(int slot) const {
    if (slot < 0 || static_cast<std::size_t>(slot) >= r_.input_of_slot.size()) return nullptr;
    return r_.input_of_slot[static_cast<std::size_t>(slot)];
}

std::optional<Decimal> Solver::base_value(int slot) const {
    const ast::InputDecl* in = input(slot);
    if (!in) return std::nullopt;
    const ast::DataValue* v = nullptr;
    if (const auto* f = base_.find(in->name)) v = &f->value;
    else if (in->fallback) v = in->fallback.get();
    if (!v || v->kind != ast::DataValue::Kind::Number) return std::nullopt;
    return v->number;
}

std::optional<Decimal> Solver::value(const Expr& e, const Changes& changes) const {
    switch (e.kind) {
        case Expr::Kind::Number: return e.number;
        case Expr::Kind::Name: {
            auto it = changes.find(e.slot);
            if (it != changes.end()) return it->second;
            const auto s = static_cast<std::size_t>(e.slot);
            if (s < r_.local_of_slot.size() && r_.local_of_slot[s]) return value(*r_.local_of_slot[s]->value, changes);
            return base_value(e.slot);
        }
        case Expr::Kind::Cond: {  // 若 a OP b 则 x 否则 y, on numbers
            const Expr& c = *e.args[0];
            if (c.kind != Expr::Kind::Binary) return std::nullopt;
            auto a = value(*c.args[0], changes), b = value(*c.args[1], changes);
            if (!a || !b) return std::nullopt;
            bool holds = false;
            switch (c.op) {
                case BinaryOp::Lt: holds = *a < *b; break;
                case BinaryOp::Le: holds = *a <= *b; break;
                case BinaryOp::Gt: holds = *b < *a; break;
                case BinaryOp::Ge: holds = *b <= *a; break;
                case BinaryOp::Eq: holds = *a == *b; break;
                case BinaryOp::Ne: holds = *a != *b; break;
                default: return std::nullopt;
            }
            return value(*e.args[holds ? 1 : 2], changes);
        }
        case Expr::Kind::Negate: {
            auto v = value(*e.args[0], changes);
            if (!v) return std::nullopt;
            return -*v;
        }
        case Expr::Kind::Binary: {
            auto a = value(*e.args[0], changes), b = value(*e.args[1], changes);
            if (!a || !b) return std::nullopt;
            switch (e.op) {
                case BinaryOp::Add: return *a + *b;
                case BinaryOp::Sub: return *a - *b;
                case BinaryOp::Mul: return *a * *b;
                case BinaryOp::Div:
                    if (b->is_zero()) return std::nullopt;
                    return *a / *b;
                default: return std::nullopt;
            }
        }
        default: return std::nullopt;
    }
}

int Solver::count(const Expr& e, int slot) const {
    if (e.kind == Expr::Kind::Name) {
        if (e.slot == slot) return 1;
        const auto s = static_cast<std::size_t>(e.slot);
        if (s < r_.local_of_slot.size() && r_.local_of_slot[s]) return count(*r_.local_of_slot[s]->value, slot);
        return 0;
    }
    int n = 0;
    for (const auto& a : e.args) n += count(*a, slot);
    return n;
}

void Solver::inputs(const Expr& e, std::vector<std::pair<int, int>>& out) const {
    if (e.kind == Expr::Kind::Name) {
        const auto s = static_cast<std::size_t>(e.slot);
        if (s < r_.local_of_slot.size() && r_.local_of_slot[s]) return inputs(*r_.local_of_slot[s]->value, out);
        if (!input(e.slot)) return;
        for (auto& [slot, n] : out)
            if (slot == e.slot) {
                ++n;
                return;
            }
        out.push_back({e.slot, 1});
        return;
    }
    for (const auto& a : e.args) inputs(*a, out);
}

// The value of input `slot` for which `e` equals `target`, `slot` occurring once in `e`.
std::optional<Decimal> Solver::invert(const Expr& e, int slot, const Decimal& target, const Changes& changes) const {
    switch (e.kind) {
        case Expr::Kind::Name: {
            if (e.slot == slot) return target;
            const auto s = static_cast<std::size_t>(e.slot);
            if (s < r_.local_of_slot.size() && r_.local_of_slot[s]) return invert(*r_.local_of_slot[s]->value, slot, target, changes);
            return std::nullopt;
        }
        case Expr::Kind::Negate: return invert(*e.args[0], slot, -target, changes);
        case Expr::Kind::Binary: {
            const bool left = count(*e.args[0], slot) > 0;
            const Expr& inner = *e.args[left ? 0 : 1];
            auto other = value(*e.args[left ? 1 : 0], changes);
            if (!other) return std::nullopt;
            switch (e.op) {
                case BinaryOp::Add: return invert(inner, slot, target - *other, changes);
                case BinaryOp::Sub: return invert(inner, slot, left ? target + *other : *other - target, changes);
                case BinaryOp::Mul:
                    if (other->is_zero()) return std::nullopt;
                    return invert(inner, slot, target / *other, changes);
                case BinaryOp::Div:
                    if (left) return invert(inner, slot, target * *other, changes);
                    if (target.is_zero()) return std::nullopt;
                    return invert(inner, slot, *other / target, changes);
                default: return std::nullopt;
            }
        }
        default: return std::nullopt;
    }
}

Decimal Solver::precision(const ast::InputDecl& in) {
    switch (in.type) {
        case ast::ValueType::Count:
        case ast::ValueType::Date: return Decimal::from_int(1);  // whole days
        case ast::ValueType::Percent: return *Decimal::parse("0.0001");
        default: return *Decimal::parse("0.01");
    }
}

bool Solver::allowed(const ast::InputDecl& in, const Decimal& v) const {
    if ((in.type == ast::ValueType::Count || in.type == ast::ValueType::Amount) && v.is_negative()) return false;
    if (in.type == ast::ValueType::Count && !v.is_integer()) return false;
    if (!in.range) return true;
    const auto& r = *in.range;
    if (r.low && r.low->kind == Expr::Kind::Number && (r.low_closed ? v < r.low->number : v <= r.low->number)) return false;
    if (r.high && r.high->kind == Expr::Kind::Number && (r.high_closed ? r.high->number < v : r.high->number <= v)) return false;
    return true;
}

std::optional<Changes> Solver::solve(const Expr& subject, const Decimal& target, int* solved_for) const {
    std::vector<std::pair<int, int>> found;
    inputs(subject, found);
    for (const auto& [slot, n] : found) {
        const ast::InputDecl* in = input(slot);
        if (n != 1 || !in || !(ast::is_numeric(in->type) || in->type == ast::ValueType::Date)) continue;
        auto x = invert(subject, slot, target, {});
        if (!x) continue;
        if (in->type == ast::ValueType::Date && !x->is_integer()) continue;  // a date is a whole day
        if (in->type == ast::ValueType::Count && !x->is_integer()) {
            // A count over another count: rates step by 0.01% with 10000 below the line.
            for (const auto& [other, m] : found) {
                const ast::InputDecl* d = input(other);
                if (other == slot || m != 1 || !d || d->type != ast::ValueType::Count) continue;
                Changes c{{other, Decimal::from_int(10000)}};
                auto y = invert(subject, slot, target, c);
                if (!y || !y->is_integer()) continue;
                c[slot] = *y;
                if (solved_for) *solved_for = slot;
                return c;
            }
        }
        if (solved_for) *solved_for = slot;
        return Changes{{slot, *x}};
    }
    return std::nullopt;
}

}  // namespace pingfen::testing
