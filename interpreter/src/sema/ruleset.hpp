// A compiled ruleset: the resolved AST plus what the passes derived from it. Immutable once
// compile_* returns it, so any number of threads may score with it at once.
#pragma once

#include <memory>
#include <vector>

#include "ast/ast.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen {

class Ruleset {
public:
    std::unique_ptr<ast::Module> module;
    int slot_count = 0;                              // inputs first, then every named value
    std::vector<const ast::Indicator*> indicators;   // preorder; Indicator::index is the position
    std::vector<const ast::Indicator*> parents;      // parent of each, or null at the top
    std::vector<std::vector<int>> inputs_of;         // per indicator: input slots its rule reads
    std::vector<std::vector<int>> users_of_input;    // per input slot: leaves that read it
    std::vector<const ast::InputDecl*> input_of_slot; // per input slot: its declaration
    Decimal total;                                   // declared, else the sum of the top weights
    std::vector<const ast::LocalDef*> local_of_slot; // per slot: the named value defined there, or null

    std::vector<std::string> path_of(const ast::Indicator& ind) const;
    std::string path_text(const ast::Indicator& ind, const char* sep = " › ") const;
};

}  // namespace pingfen
