// What evaluation computed, kept when an explanation is asked for: every expression evaluated
// with the value it gave, in the order evaluation finished them. The explanation is written
// from it afterwards, so it never evaluates anything itself: explaining costs no steps and
// cannot change a score, and a part that short-circuiting skipped is absent from the trace
// (said as "未判断", not mistaken for a missing datum).
#pragma once

#include <cstdint>
#include <unordered_map>
#include <vector>

#include "eval/value.hpp"

namespace pingfen::eval {

class Trace {
public:
    // One evaluation of `expr`. The evaluations it made on the way (its operands, the named
    // values it read) are the entries from `first` up to this one.
    struct Entry {
        const ast::Expr* expr;
        Value value;
        std::uint32_t first;
    };

    std::uint32_t mark() const { return static_cast<std::uint32_t>(entries_.size()); }
    void record(const ast::Expr& e, const Value& v, std::uint32_t first) {
        latest_[&e] = mark();
        entries_.push_back({&e, v, first});
    }
    void clear() {
        entries_.clear();
        latest_.clear();
    }

    // The latest evaluation of `e` among entries [from, to); -1 when it was not evaluated there.
    long find(const ast::Expr& e, std::uint32_t from, std::uint32_t to) const {
        for (std::uint32_t i = to; i > from; --i)
            if (entries_[i - 1].expr == &e) return static_cast<long>(i - 1);
        return -1;
    }
    // The latest evaluation of `e` (a named value's definition may have been evaluated many
    // leaves earlier: looked up, not searched for).
    long latest(const ast::Expr& e) const {
        auto it = latest_.find(&e);
        return it == latest_.end() ? -1 : static_cast<long>(it->second);
    }
    const Entry& at(long i) const { return entries_[static_cast<std::size_t>(i)]; }

private:
    std::vector<Entry> entries_;
    std::unordered_map<const ast::Expr*, std::uint32_t> latest_;
};

}  // namespace pingfen::eval
