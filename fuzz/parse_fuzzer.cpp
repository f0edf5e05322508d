// The bytes as a ruleset file (compile_source: lexer, parser, AST, imports, resolver, checker)
// and as a lone expression (evaluate_expression).
#include <cstddef>
#include <cstdint>

#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    pingfen::fuzz::fail_on(pingfen::fuzz::parse_input(bytes, PINGFEN_FUZZ_SOURCE_NAME));
    return 0;
}
