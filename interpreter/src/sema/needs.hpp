// Where evaluation reads each input: on every scoring of an indicator, or only on a branch, a
// tier row or when the indicator applies. A datum is demanded only where it is read (E0401 is
// raised by scoring, for the indicators that read it), so a department need not invent values
// for a branch it does not take; `check`, `template` and the REPL say which inputs are
// conditional, from what this pass records.
#pragma once

#include "sema/ruleset.hpp"

namespace pingfen::sema {

// Fills r.always_inputs_of and r.uses_of_input. Needs the resolver's slots and paths; reads only
// the AST, and is conservative the safe way: an input it cannot show to be conditional counts
// as read on every scoring (demanded, as before), never the other way round.
void find_needs(Ruleset& r);

}  // namespace pingfen::sema
