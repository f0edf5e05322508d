#include "server.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>
#include <random>
#include <unistd.h>

#include "access.hpp"
#include "routes.hpp"

namespace pingfen::serve {

bool is_loopback(const std::string& host) {
    return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

std::string new_token() {
    std::random_device rd;  // /dev/urandom on Linux
    static const char* hex = "0123456789abcdef";
    std::string t;
    for (int i = 0; i < 32; ++i) t += hex[rd() % 16];
    return t;
}

bool serve(Workbench& bench, const ServerOptions& opts, std::ostream& out) {
    httplib::Server server;
    Access access;
    access.loopback = is_loopback(opts.host);
    if (!access.loopback) access.token = new_token();
    server.set_payload_max_length(bench.limits().max_request_bytes);
    install_routes(server, bench, access);
    int port = opts.port;
    if (port == 0) {
        port = server.bind_to_any_port(opts.host);
        if (port <= 0) return false;
    } else if (!server.bind_to_port(opts.host, port)) {
        return false;
    }
    access.port = port;
    const std::string shown = opts.host.find(':') != std::string::npos ? "[" + opts.host + "]" : opts.host;
    std::string url = "http://" + shown + ":" + std::to_string(port) + "/";
    if (!access.token.empty()) url += "?token=" + access.token;
    const bool en = opts.language == Language::English;
    out << (en ? "pingfen workbench on " : "pingfen 工作台：") << url << "\n";
    // On every address (0.0.0.0, ::) the printed one is no use to a colleague: name this machine too.
    char name[256] = {0};
    if ((opts.host == "0.0.0.0" || opts.host == "::") && gethostname(name, sizeof name - 1) == 0 && name[0])
        out << (en ? "from other machines: " : "其他电脑上打开：") << "http://" << name << ":" << port << "/?token=" << access.token << "\n";
    out
        << (en ? "serving the folder " : "文件夹：") << bench.folder().root().string() << "\n";
    if (!access.token.empty())
        out << (en ? "the address is not loopback: every request needs the token above; give it only to those who may edit\n"
                   : "监听的不是本机地址：每个请求都须带上面的访问令牌，只发给可以修改规则的人\n");
    out << (en ? "stop with Ctrl-C\n" : "按 Ctrl-C 停止\n");
    out.flush();
    return server.listen_after_bind();
}

}  // namespace pingfen::serve
