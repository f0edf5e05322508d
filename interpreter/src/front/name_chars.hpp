// [\p{L}_]: the characters of a name (an identifier's first alternative in the grammar), as the
// ANTLR tool that generated the lexer's tables knew Unicode's letters.
#pragma once

namespace pingfen::front {

bool is_name_char(char32_t c);

}  // namespace pingfen::front
