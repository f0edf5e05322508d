#include "routes.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include "assets.hpp"

using nlohmann::json;

namespace pingfen::serve {

namespace {

void send(httplib::Response& res, const Reply& r) {
    res.status = r.status;
    res.set_header("Cache-Control", "no-store");
    res.set_header("X-Content-Type-Options", "nosniff");
    if (!r.filename.empty()) {
        // RFC 6266 / 5987: the name in UTF-8, percent-encoded.
        std::string enc;
        for (unsigned char c : r.filename) {
            if (std::isalnum(c) || c == '.' || c == '-' || c == '_') enc += static_cast<char>(c);
            else {
                char buf[4];
                std::snprintf(buf, sizeof buf, "%%%02X", c);
                enc += buf;
            }
        }
        res.set_header("Content-Disposition", "attachment; filename=\"" + enc + "\"; filename*=UTF-8''" + enc);
    }
    res.set_content(r.body, r.type.c_str());
}

Language language_of(const std::string& s) { return s == "en" ? Language::English : Language::Chinese; }

// The author's state from a JSON body or a form's fields (the download is a form post).
std::optional<Edit> edit_from(const httplib::Request& req, json* body_out) {
    Edit e;
    try {
        json body;
        // The download is a multipart form (httplib caps url-encoded forms at 8 KiB).
        if (req.is_multipart_form_data() && req.has_file("edit")) body = json::parse(req.get_file_value("edit").content);
        else body = json::parse(req.body);
        e.path = body.value("path", "");
        e.text = body.value("text", "");
        e.data = body.value("data", "");
        e.lang = language_of(body.value("lang", "zh"));
        if (body.contains("overrides"))
            for (const auto& [name, value] : body["overrides"].items()) e.overrides.emplace_back(name, value.get<std::string>());
        if (body_out) *body_out = std::move(body);
    } catch (const std::exception&) {
        return std::nullopt;
    }
    return e;
}

Reply malformed() {
    return error_reply(400, "E1005", "请求读不懂：正文不是工作台要的 JSON", "the request cannot be read: its body is not the JSON the workbench expects");
}

}  // namespace

void install_routes(httplib::Server& server, Workbench& bench, const Access& access) {
    server.set_pre_routing_handler([&access](const httplib::Request& req, httplib::Response& res) {
        return access.admit(req, res) ? httplib::Server::HandlerResponse::Unhandled
                                      : httplib::Server::HandlerResponse::Handled;
    });
    // A body over the limit: httplib answers 413 itself; the page gets the error as JSON.
    server.set_error_handler([&bench](const httplib::Request&, httplib::Response& res) {
        if (res.status == 413) {
            const std::string mib = std::to_string(bench.limits().max_request_bytes >> 20);
            send(res, error_reply(413, "E1005", "请求超过 " + mib + " MiB 的上限，没有处理",
                                  "the request is over the limit of " + mib + " MiB; not handled"));
        } else if (res.status == 404 && res.body.empty()) {
            send(res, error_reply(404, "E1007", "没有这个地址", "no such address"));
        }
    });
    server.Get("/", [](const httplib::Request&, httplib::Response& res) {
        const Asset* page = find_asset("index.html");
        res.set_header("Cache-Control", "no-store");
        res.set_content(page->bytes, "text/html; charset=utf-8");
    });
    server.Get(R"(/assets/([A-Za-z0-9_.-]+))", [](const httplib::Request& req, httplib::Response& res) {
        const Asset* a = find_asset(req.matches[1]);
        if (!a || a->name == "index.html") {
            send(res, error_reply(404, "E1007", "没有这个文件", "no such file"));
            return;
        }
        res.set_content(a->bytes, asset_type(a->name).c_str());
    });
    server.Get("/api/language", [&bench](const httplib::Request&, httplib::Response& res) { send(res, bench.language()); });
    server.Get("/api/files", [&bench](const httplib::Request&, httplib::Response& res) { send(res, bench.files()); });
    server.Get("/api/file", [&bench](const httplib::Request& req, httplib::Response& res) {
        send(res, bench.open(req.get_param_value("path")));
    });
    server.Post("/api/check", [&bench](const httplib::Request& req, httplib::Response& res) {
        auto e = edit_from(req, nullptr);
        send(res, e ? bench.check(*e) : malformed());
    });
    server.Post("/api/names", [&bench](const httplib::Request& req, httplib::Response& res) {
        auto e = edit_from(req, nullptr);
        send(res, e ? bench.names(*e) : malformed());
    });
    server.Post("/api/tokens", [&bench](const httplib::Request& req, httplib::Response& res) {
        auto e = edit_from(req, nullptr);
        send(res, e ? bench.tokens(*e) : malformed());
    });
    server.Post("/api/save", [&bench](const httplib::Request& req, httplib::Response& res) {
        json body;
        auto e = edit_from(req, &body);
        if (!e) return send(res, malformed());
        send(res, bench.save(*e, body.value("tag", ""), body.value("force", false)));
    });
    server.Post("/api/journal", [&bench](const httplib::Request& req, httplib::Response& res) {
        auto e = edit_from(req, nullptr);
        send(res, e ? bench.journal(e->path, e->text) : malformed());
    });
    server.Post("/api/upload", [&bench](const httplib::Request& req, httplib::Response& res) {
        send(res, bench.upload(req.get_param_value("name"), req.body));
    });
    server.Get("/api/compare", [&bench](const httplib::Request& req, httplib::Response& res) {
        send(res, bench.compare(req.get_param_value("a"), req.get_param_value("b"), language_of(req.get_param_value("lang"))));
    });
    server.Post("/api/download", [&bench](const httplib::Request& req, httplib::Response& res) {
        auto e = edit_from(req, nullptr);
        send(res, e ? bench.download(*e, req.get_param_value("format")) : malformed());
    });
}

}  // namespace pingfen::serve
