// A Debian shared library opened when a feature first needs it, instead of at every start.
//
// Why: libzip and libxlsxwriter each bring in libcrypto, which the dynamic loader relocates
// (some 400 KB of its data copied page by page) at the start of every process that links it.
// Only reading or writing a workbook uses them; a `pingfen score` of JSON data paid about 4 ms
// for them on the machine the benchmark runs on (a program linking them and doing nothing took
// 11 ms to run, 7 ms without them). Opened here, they cost that once, when a workbook is read
// or written.
#pragma once

#include <string>

namespace pingfen::system {

class LoadedLibrary {
public:
    // Opens `soname` (libzip.so.4) as the system's loader would find it.
    // It stays loaded for the rest of the process (never closed: a library's code must not
    // go away while a function pointer to it may still be called).
    explicit LoadedLibrary(const char* soname);
    LoadedLibrary(const LoadedLibrary&) = delete;
    LoadedLibrary& operator=(const LoadedLibrary&) = delete;

    // Sets `fn` to the library's function `name`. False (and error() says why) when the library
    // did not open or has no such function.
    template <typename F>
    bool bind(F*& fn, const char* name) {
        fn = reinterpret_cast<F*>(lookup(name));
        return fn != nullptr;
    }
    bool ok() const { return error_.empty(); }
    // The loader's words: "libzip.so.4: cannot open shared object file: No such file or directory".
    const std::string& error() const { return error_; }

private:
    void* lookup(const char* name);
    void* handle_ = nullptr;
    std::string error_;
};

// A struct of function pointers (Api) bound from a library, once per process (from any thread).
template <typename Api>
struct LoadedApi {
    Api api{};
    bool ok = false;
    std::string why;  // when not ok: the loader's words
};

// The library `soname` opened and `bind_all` run on it the first time; the same after.
template <typename Api>
const LoadedApi<Api>& load_once(const char* soname, bool (*bind_all)(LoadedLibrary&, Api&)) {
    static const LoadedApi<Api> loaded = [&] {
        static LoadedLibrary library(soname);
        LoadedApi<Api> l;
        l.ok = library.ok() && bind_all(library, l.api);
        if (!l.ok) l.why = library.error();
        return l;
    }();
    return loaded;
}

}  // namespace pingfen::system
