// The bytes as department data (JSON and the language's data block), scored by the bundled
// huadu 2023 ruleset, which is compiled once.
#include <cstddef>
#include <cstdint>

#include "common.hpp"

namespace {

const pingfen::Ruleset& huadu() {
    static const std::shared_ptr<const pingfen::Ruleset> ruleset = [] {
        pingfen::CompileResult c = pingfen::compile_file(PINGFEN_FUZZ_RULESET);
        if (!c.ok()) {
            for (const auto& d : c.diagnostics) std::fputs(pingfen::render(d).c_str(), stderr);
            std::abort();
        }
        return c.ruleset;
    }();
    return *ruleset;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    std::string_view bytes(reinterpret_cast<const char*>(data), size);
    pingfen::fuzz::fail_on(pingfen::fuzz::data_input(bytes, huadu()));
    return 0;
}
