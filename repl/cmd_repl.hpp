// pingfen repl [RULESET] [--data FILE]: the interactive REPL for rule authors.
#pragma once

#include <string>
#include <vector>

#include "cli.hpp"

namespace pingfen::cli {

int cmd_repl(const std::vector<std::string>& args, Common c);

}  // namespace pingfen::cli
