#include "check/conditions.hpp"

#include <utility>

namespace pingfen::check {

using namespace ast;

namespace {

const Expr* literal(const Expr& e, const Ruleset& r, int depth = 0) {
    if (e.kind == Expr::Kind::Number) return &e;
    if (e.kind != Expr::Kind::Name || e.slot < 0 || depth > 32) return nullptr;
    const auto slot = static_cast<std::size_t>(e.slot);
    const LocalDef* def = slot < r.local_of_slot.size() ? r.local_of_slot[slot] : nullptr;
    return def && def->value ? literal(*def->value, r, depth + 1) : nullptr;
}

}  // namespace

std::optional<Comparison> comparison(const Expr& c, bool truth, const Ruleset& r) {
    if (c.kind != Expr::Kind::Binary || c.args.size() != 2) return std::nullopt;
    const Expr* subject = c.args[0].get();
    const Expr* num = c.args[1].get();
    BinaryOp op = c.op;
    switch (op) {
        case BinaryOp::Lt: case BinaryOp::Le: case BinaryOp::Gt: case BinaryOp::Ge: case BinaryOp::Eq: case BinaryOp::Ne: break;
        default: return std::nullopt;
    }
    if (literal(*subject, r) && !literal(*num, r)) {  // 0 < x is x > 0
        std::swap(subject, num);
        op = op == BinaryOp::Lt ? BinaryOp::Gt : op == BinaryOp::Gt ? BinaryOp::Lt
           : op == BinaryOp::Le ? BinaryOp::Ge : op == BinaryOp::Ge ? BinaryOp::Le : op;
    }
    const Expr* value = literal(*num, r);
    if (!value || !is_numeric(subject->type)) return std::nullopt;
    if (subject->kind == Expr::Kind::Name && subject->slot < 0) return std::nullopt;
    if (!truth) {
        switch (op) {
            case BinaryOp::Lt: op = BinaryOp::Ge; break;
            case BinaryOp::Le: op = BinaryOp::Gt; break;
            case BinaryOp::Gt: op = BinaryOp::Le; break;
            case BinaryOp::Ge: op = BinaryOp::Lt; break;
            case BinaryOp::Eq: op = BinaryOp::Ne; break;
            default: op = BinaryOp::Eq; break;  // Ne
        }
    }
    return Comparison{subject, op, value->number};
}

std::string slot_key(int slot) { return "#" + std::to_string(slot); }

std::string expression_key(const Expr& e) {
    switch (e.kind) {
        case Expr::Kind::Number: return "n" + e.number.to_string();
        case Expr::Kind::Weight: return "w";  // facts hold on one path, where 分值 is one value
        case Expr::Kind::Name: return e.slot >= 0 ? slot_key(e.slot) : std::string();
        case Expr::Kind::Negate: {
            std::string a = expression_key(*e.args[0]);
            return a.empty() ? a : "-(" + a + ")";
        }
        case Expr::Kind::Binary:
        case Expr::Kind::Call: {
            std::string k = e.kind == Expr::Kind::Call ? "f" + std::to_string(e.builtin) : std::string(op_text(e.op));
            k += "(";
            for (const auto& x : e.args) {
                std::string a = expression_key(*x);
                if (a.empty()) return a;
                k += a + ",";
            }
            return k + ")";
        }
        default: return {};
    }
}

}  // namespace pingfen::check
