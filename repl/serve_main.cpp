// pingfen-serve: the workbench's server (`pingfen serve`), a program of its own so that the
// pingfen command does not load the HTTP library and what it brings (OpenSSL, brotli) at every
// start; `pingfen serve …` runs this program in its place (run_serve.cpp).
#include <string>
#include <vector>

#include "cli.hpp"

int main(int argc, char** argv) {
    using namespace pingfen::cli;
    Common c = common_from_env();
    std::vector<std::string> args(argv + 1, argv + argc);
    for (std::size_t i = 0; i + 1 < args.size(); ++i)
        if (args[i] == "--lang" && args[i + 1] == "en") c.language = pingfen::Language::English;
    return finish_stdout(cmd_serve(args, c), c);
}
