#include "access.hpp"

#include <httplib.h>

#include "workbench.hpp"

namespace pingfen::serve {

namespace {

void refuse(httplib::Response& res, const Reply& r) {
    res.status = r.status;
    res.set_content(r.body, r.type.c_str());
}

// Compared in time independent of where the first difference is.
bool same(const std::string& a, const std::string& b) {
    if (a.size() != b.size()) return false;
    unsigned diff = 0;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i]);
    return diff == 0;
}

std::string cookie(const httplib::Request& req, const std::string& name) {
    const std::string all = req.get_header_value("Cookie");
    std::size_t at = 0;
    while (at < all.size()) {
        std::size_t end = all.find(';', at);
        if (end == std::string::npos) end = all.size();
        std::string part = all.substr(at, end - at);
        while (!part.empty() && part.front() == ' ') part.erase(part.begin());
        if (part.rfind(name + "=", 0) == 0) return part.substr(name.size() + 1);
        at = end + 1;
    }
    return "";
}

// "host:port" from a Host header or an Origin's authority.
std::string host_of(std::string v) {
    if (auto scheme = v.find("://"); scheme != std::string::npos) v = v.substr(scheme + 3);
    if (auto slash = v.find('/'); slash != std::string::npos) v = v.substr(0, slash);
    return v;
}

}  // namespace

bool Access::admit(const httplib::Request& req, httplib::Response& res) const {
    // `..` as a path segment, raw or percent-encoded, never reaches a route.
    std::string target = req.target;
    for (auto& c : target) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (req.path.find("..") != std::string::npos || target.find("%2e%2e") != std::string::npos ||
        target.find("/..") != std::string::npos) {
        refuse(res, error_reply(403, "E1003", "请求的路径含 `..`，拒绝访问", "the request's path holds `..`; refused"));
        return false;
    }
    const std::string host = host_of(req.get_header_value("Host"));
    if (loopback) {
        // DNS rebinding: a page of evil.example resolving to 127.0.0.1 still sends its own name.
        std::string p = ":";  // not ":" + to_string(): GCC 12 warns falsely there (-Wrestrict, bug 105329)
        p += std::to_string(port);
        if (host != "127.0.0.1" + p && host != "localhost" + p && host != "[::1]" + p) {
            refuse(res, error_reply(403, "E1009", "请求的 Host `" + host + "` 不是本机地址，拒绝（防止 DNS 重绑定）",
                                    "the request's Host `" + host + "` is not the loopback address; refused (DNS rebinding)"));
            return false;
        }
    }
    // Another site's page may not post to the workbench (a form or fetch from elsewhere).
    if (req.method != "GET" && req.has_header("Origin") && host_of(req.get_header_value("Origin")) != host) {
        refuse(res, error_reply(403, "E1009", "请求来自别的网站（Origin 与 Host 不符），拒绝",
                                "the request comes from another site (its Origin is not the Host); refused"));
        return false;
    }
    if (token.empty()) return true;
    std::string given = req.get_param_value("token");
    if (given.empty()) given = req.get_header_value("X-Pingfen-Token");
    if (given.empty()) given = cookie(req, "pingfen_token");
    if (!same(given, token)) {
        refuse(res, error_reply(403, "E1006",
                                "需要访问令牌：工作台监听的不是本机地址，请打开启动时打印的带 token 的地址",
                                "an access token is needed: the workbench listens beyond loopback; open the address with the token printed at start"));
        return false;
    }
    // The token given in the address becomes a cookie, so the page's own requests carry it.
    if (req.has_param("token"))
        res.set_header("Set-Cookie", "pingfen_token=" + token + "; Path=/; HttpOnly; SameSite=Strict");
    return true;
}

}  // namespace pingfen::serve
