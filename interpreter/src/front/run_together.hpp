// Keywords typed without spaces, as people type Chinese: `按执行率分档 {`, `问题数每项扣 0.5 分`,
// `否则不得分`, `若有制度则得满分`. The lexer reads each as one name (a longer identifier wins
// over a keyword); this splits the few shapes whose reading is not in doubt back into tokens.
#pragma once

#include <memory>
#include <vector>

namespace antlr4 {
class Token;
}

namespace pingfen::front {

// Copies `in` into `out`, split where a name is a run of keywords (or a name wrapped in them);
// false, leaving `out` empty, when nothing needed splitting.
bool split_run_together(const std::vector<antlr4::Token*>& in, std::vector<std::unique_ptr<antlr4::Token>>& out);

}  // namespace pingfen::front
