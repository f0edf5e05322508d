// A compiled ruleset: the resolved AST plus what the passes derived from it. Immutable once
// compile_* returns it, so any number of threads may score with it at once.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "ast/ast.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen {

namespace detail {
struct SheetShape;
}
namespace lower {
struct Program;
struct InputSchemas;
}

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

    // Filled once by the resolver, so that scoring a department neither rebuilds paths nor
    // searches the inputs by name (score() runs for every department of a batch).
    std::vector<std::vector<std::string>> paths;     // per indicator: its names from the top
    std::vector<std::string> path_texts;             // per indicator: the path joined with " › "
    std::vector<Decimal> sheet_weights;              // per indicator: its weight on the sheet when no points move
    std::unordered_map<std::string_view, int> input_index;  // input name → first position in module->inputs
    bool any_not_applicable = false;                 // some indicator or part has a 不适用 clause
    // The parts of every leaf's own 分项 (Indicator::part_index), and the leaf each belongs to.
    std::vector<const ast::Indicator*> parts;
    std::vector<const ast::Indicator*> leaf_of_part;
    // Where points can move (不适用 … 分值移至), in the order they flow: a leaf is listed before its
    // parts, a source before its target. A node is a leaf's index, or indicators.size() plus a
    // part's index. Filled only when something can move (any_not_applicable).
    std::vector<int> move_order;
    // Per slot: 1 for a named value whose definition reads 分值, directly or through another
    // named value. Its value depends on where it is used (a part, a goal row, the leaf), so the
    // evaluator computes it in each context instead of once per department.
    std::vector<unsigned char> context_local;
    // Where evaluation reads each input (sema/needs.cpp). A datum is demanded only where it is
    // read: `always_inputs_of` are the input slots that scoring an indicator reads every time
    // (once it applies); `uses_of_input` says, per input slot, which indicators read it and
    // under which conditions (`when` empty: on every scoring, i.e. the input is required).
    struct InputUse {
        struct When {
            std::string zh, en;  // "`有结转结余` 为是 且 …"
        };
        int indicator = -1;
        std::vector<When> when;  // any one of these; empty: always
    };
    std::vector<std::vector<int>> always_inputs_of;
    // Per indicator: each input slot its rule reads (once it applies) and the paths on which it
    // does, each path its conditions as one text ("" never: a slot read always has no paths).
    // An input read on every path another one is read on is needed whenever that one is.
    struct BodyRead {
        int slot = -1;
        std::vector<std::string> paths;  // empty: read on every scoring
    };
    std::vector<std::vector<BodyRead>> reads_of;
    std::vector<std::vector<InputUse>> uses_of_input;
    // What every score sheet of this ruleset shows alike (names, paths, texts, the tree's
    // shape), built once by compile (api/sheet.cpp) and shared by the sheets, which outlive it.
    std::shared_ptr<const detail::SheetShape> sheet_shape;
    // The leaves' rules lowered to a compact program (lower/program.hpp), which the evaluator
    // runs when it neither explains nor records; null for a ruleset compiled with errors.
    std::shared_ptr<const lower::Program> program;
    // The inputs as binding reads them, side by side (lower/input_schema.hpp); null for a
    // ruleset compiled with errors, which binding then reads from the declarations.
    std::shared_ptr<const lower::InputSchemas> input_schema;
    // Distinct for every Ruleset made in this process (an address can be reused once a ruleset
    // is freed): data bound to one ruleset (BoundData) is never scored as bound against another.
    const std::uint64_t serial = next_serial();

    std::vector<std::string> path_of(const ast::Indicator& ind) const;  // a part's: its leaf's and its name
    std::string path_text(const ast::Indicator& ind, const char* sep = " › ") const;

private:
    static std::uint64_t next_serial() {
        static std::atomic<std::uint64_t> n{0};
        return ++n;
    }
};

}  // namespace pingfen
