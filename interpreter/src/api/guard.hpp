// The API boundary: a host must be able to call pingfen without try/catch. Bad input never
// throws (it is reported as it is found); what this catches is our own failure (a bug, memory
// running out), which comes back as error E0010 on the result instead of unwinding into the
// host, so that one department's failure cannot take down a budget system's request.
#pragma once

#include <exception>
#include <new>
#include <string>
#include <utility>

#include "pingfen/pingfen.hpp"

namespace pingfen::api {

inline Diagnostic internal_error(const std::string& where, std::string zh, std::string en) {
    Diagnostic d;
    d.code = "E0010";
    d.path = where;
    d.line = 0;
    d.message_zh = std::move(zh);
    d.message_en = std::move(en);
    return d;
}

// Calls `body`; if it throws, returns a default Result carrying E0010. `where` names the file or
// department the call was about, for the message. Result needs a `diagnostics` vector.
template <class Result, class Body>
Result guarded(const std::string& where, Body&& body) {
    try {
        return std::forward<Body>(body)();
    } catch (const std::bad_alloc&) {
        Result r;
        r.diagnostics.push_back(internal_error(where, "内存不足，无法完成", "out of memory"));
        return r;
    } catch (const std::exception& e) {
        Result r;
        r.diagnostics.push_back(internal_error(where, std::string("pingfen 内部错误（请报告此问题）：") + e.what(),
                                               std::string("pingfen internal error (please report it): ") + e.what()));
        return r;
    } catch (...) {
        Result r;
        r.diagnostics.push_back(internal_error(where, "pingfen 内部错误（请报告此问题）", "pingfen internal error (please report it)"));
        return r;
    }
}

}  // namespace pingfen::api
