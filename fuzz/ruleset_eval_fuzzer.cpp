// The bytes as a ruleset; when it compiles, it is scored on data made up to fit its inputs and
// its own 测试 blocks are run: the evaluator on rules nobody wrote by hand.
#include <cstddef>
#include <cstdint>

#include "common.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    pingfen::fuzz::fail_on(pingfen::fuzz::ruleset_eval_input(bytes, PINGFEN_FUZZ_SOURCE_NAME));
    return 0;
}
