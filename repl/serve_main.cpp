// pingfen-serve: the workbench's server (`pingfen serve`), a program of its own so that the
// pingfen command does not load the HTTP library and what it brings (OpenSSL, brotli) at every
// start; `pingfen serve …` runs this program in its place (run_serve.cpp).
#include <string>
#include <vector>

#include "cli.hpp"

int main(int argc, char** argv) {
    using namespace pingfen::cli;
    std::vector<std::string> args(argv + 1, argv + argc);
    Common c = common_from(args);
    return finish_stdout(cmd_serve(args, c), c);
}
