// Read-only views of a compiled ruleset for hosts and the CLI.
#include "pingfen/pingfen.hpp"
#include "sema/ruleset.hpp"

namespace pingfen {

std::vector<std::vector<std::string>> ruleset_leaves(const Ruleset& r) {
    std::vector<std::vector<std::string>> out;
    for (const ast::Indicator* i : r.indicators)
        if (i->scoring && i->role == ast::Indicator::Role::Indicator) out.push_back(r.path_of(*i));
    return out;
}

}  // namespace pingfen
