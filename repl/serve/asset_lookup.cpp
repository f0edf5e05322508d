#include "assets.hpp"

namespace pingfen::serve {

const Asset* find_asset(const std::string& name) {
    for (const auto& a : assets())
        if (a.name == name) return &a;
    return nullptr;
}

std::string asset_type(const std::string& name) {
    auto ends = [&](const char* tail) {
        std::string t(tail);
        return name.size() >= t.size() && name.compare(name.size() - t.size(), t.size(), t) == 0;
    };
    if (ends(".html")) return "text/html; charset=utf-8";
    if (ends(".js")) return "text/javascript; charset=utf-8";
    if (ends(".css")) return "text/css; charset=utf-8";
    if (ends(".png")) return "image/png";
    return "application/octet-stream";
}

}  // namespace pingfen::serve
