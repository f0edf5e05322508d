#include "data/libzip_api.hpp"

#include "system/loaded_library.hpp"

namespace pingfen::data {

namespace {

bool bind_all(system::LoadedLibrary& library, LibzipApi& api) {
#define PINGFEN_BIND(name) library.bind(api.name, #name) &&
    return PINGFEN_LIBZIP_FUNCTIONS(PINGFEN_BIND) true;
#undef PINGFEN_BIND
}

const system::LoadedApi<LibzipApi>& loaded() { return system::load_once<LibzipApi>(PINGFEN_LIBZIP_SONAME, bind_all); }

}  // namespace

const LibzipApi* libzip_api() { return loaded().ok ? &loaded().api : nullptr; }

std::string libzip_api_error() { return loaded().why; }

}  // namespace pingfen::data
