#include "system/loaded_library.hpp"

#include <dlfcn.h>

namespace pingfen::system {

LoadedLibrary::LoadedLibrary(const char* soname) : handle_(dlopen(soname, RTLD_NOW | RTLD_LOCAL)) {
    if (!handle_) {
        const char* why = dlerror();
        error_ = why ? why : std::string(soname) + ": cannot be opened";
    }
}

void* LoadedLibrary::lookup(const char* name) {
    if (!handle_) return nullptr;
    dlerror();
    void* at = dlsym(handle_, name);
    if (!at && error_.empty()) {
        const char* why = dlerror();
        error_ = why ? why : std::string(name) + ": not found";
    }
    return at;
}

}  // namespace pingfen::system
