// pingfen serve: the workbench's HTTP server (cpp-httplib, from Debian's libcpp-httplib-dev).
// Safe by default: it listens on 127.0.0.1; on any other address every request must carry the
// access token printed at start (as Jupyter does), and on loopback the Host header must name
// the loopback address, so a web page elsewhere cannot reach it by DNS rebinding.
#pragma once

#include <functional>
#include <ostream>
#include <string>

#include "workbench.hpp"

namespace pingfen::serve {

struct ServerOptions {
    std::string host = "127.0.0.1";
    int port = 8731;  // 0: any free port (the address printed says which)
    Language language = Language::Chinese;
};

bool is_loopback(const std::string& host);
// A fresh access token: 32 hex digits from the system's random source.
std::string new_token();

// Binds, prints the address (with the token when one is needed) to `out`, and serves until
// the process is stopped. Returns false, having printed nothing to `out`, when the address
// cannot be bound; the caller reports E1002.
bool serve(Workbench& bench, const ServerOptions& opts, std::ostream& out);

}  // namespace pingfen::serve
