// pingfen serve [FOLDER] [--port N] [--host 127.0.0.1]: the workbench, a local web page where
// rule authors edit a ruleset, see the sheet change as they type, compare and download.
// The server itself is repl/serve/; this file only reads the command line.
#include <boost/program_options.hpp>
#include <filesystem>
#include <iostream>

#include "cli.hpp"
#include "serve/server.hpp"

namespace po = boost::program_options;

namespace pingfen::cli {

int cmd_serve(const std::vector<std::string>& args, Common c) {
    std::string folder = ".", host = "127.0.0.1";
    int port = serve::ServerOptions{}.port;
    serve::Limits limits;
    po::options_description opts(c.language == Language::English ? "pingfen serve [FOLDER] [options]" : "pingfen serve [文件夹] [选项]",
                                 kHelpWidth, kHelpWidth / 2);
    opts.add_options()
        ("port,p", po::value(&port), say(c, "端口，0 为任一空闲端口（8731）", "port, 0 for any free one (8731)"))
        ("host", po::value(&host), say(c, "监听地址；非本机地址须用访问令牌（127.0.0.1）", "address to listen on; beyond loopback a token is required (127.0.0.1)"))
        ("max-steps", po::value(&limits.max_steps), say(c, "每次评分的计算步数上限（1000000）", "evaluation step limit per scoring (1000000)"));
    po::options_description hidden;
    hidden.add_options()("folder", po::value(&folder));
    if (auto done = read_args(args, opts, hidden, {"folder"}, c)) return *done;
    if (port < 0 || port > 65535) {
        usage_error("--port 须在 0 到 65535 之间", "--port must be between 0 and 65535", c);
        return kUsage;
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(folder, ec)) {
        Diagnostic d;
        d.code = "E1001";
        d.path = folder;
        d.message_zh = "`" + folder + "` 不是文件夹：pingfen serve 要一个放规则集和部门数据的文件夹";
        d.message_en = "`" + folder + "` is not a folder: pingfen serve needs a folder of rulesets and department data";
        print_diagnostics({d}, c);
        return kRuleOrDataError;
    }
    serve::Workbench bench(folder, limits);
    serve::ServerOptions so{.host = host, .port = port, .language = c.language};
    if (!serve::serve(bench, so, std::cout)) {
        Diagnostic d;
        d.code = "E1002";
        const std::string where = (host.find(':') != std::string::npos ? "[" + host + "]" : host) + ":" + std::to_string(port);
        d.message_zh = "无法在 " + where + " 上监听：端口已被占用，或本机没有这个地址";
        d.message_en = "cannot listen on " + where + ": the port is in use, or this machine has no such address";
        print_diagnostics({d}, c);
        return kRuleOrDataError;
    }
    return kOk;
}

}  // namespace pingfen::cli
