// Who may use the workbench: the access token when it listens beyond loopback (E1006), the
// Host and Origin headers against DNS rebinding and other sites' forms (E1009), and `..` in
// a request's path (E1003). Checked before any route runs.
#pragma once

#include <string>

namespace httplib {
struct Request;
struct Response;
}  // namespace httplib

namespace pingfen::serve {

struct Access {
    bool loopback = true;
    std::string token;  // empty on loopback
    int port = 0;

    // True when the request may go on; otherwise `res` holds the refusal.
    bool admit(const httplib::Request& req, httplib::Response& res) const;
};

}  // namespace pingfen::serve
