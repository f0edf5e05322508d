// How each token is named in a syntax error: the Chinese spelling and the English one.
#pragma once

#include <string>

namespace pingfen::front {

std::string token_display(size_t token_type, bool english);

}  // namespace pingfen::front
