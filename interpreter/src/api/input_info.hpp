// What ruleset_inputs() says of one declared input, for a caller that goes through the inputs
// itself (the data forms) and would otherwise build the whole list once per input.
#pragma once

#include "ast/ast.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen::api {

InputInfo input_info(const Ruleset& r, const ast::InputDecl& in);

}  // namespace pingfen::api
