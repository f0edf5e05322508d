#include "data/libzip_api.hpp"

#include "system/loaded_library.hpp"

namespace pingfen::data {

namespace {

bool bind_libzip(system::LoadedLibrary& library, LibzipApi& api) {
#define PINGFEN_BIND(name) library.bind(api.name, #name) &&
    return PINGFEN_LIBZIP_FUNCTIONS(PINGFEN_BIND) true;
#undef PINGFEN_BIND
}

const system::LoadedApi<LibzipApi>& libzip_loaded() { return system::load_once<LibzipApi>(PINGFEN_LIBZIP_SONAME, bind_libzip); }

}  // namespace

const LibzipApi* libzip_api() { return libzip_loaded().ok ? &libzip_loaded().api : nullptr; }

std::string libzip_api_error() { return libzip_loaded().why; }

}  // namespace pingfen::data
