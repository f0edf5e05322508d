#include "report/xlsxwriter_api.hpp"

#include "system/loaded_library.hpp"

namespace pingfen::report {

namespace {

bool bind_all(system::LoadedLibrary& library, XlsxWriterApi& api) {
#define PINGFEN_BIND(name) library.bind(api.name, #name) &&
    return PINGFEN_XLSXWRITER_FUNCTIONS(PINGFEN_BIND) true;
#undef PINGFEN_BIND
}

const system::LoadedApi<XlsxWriterApi>& loaded() { return system::load_once<XlsxWriterApi>(PINGFEN_XLSXWRITER_SONAME, bind_all); }

}  // namespace

const XlsxWriterApi* xlsxwriter_api() { return loaded().ok ? &loaded().api : nullptr; }

std::string xlsxwriter_api_error() { return loaded().why; }

}  // namespace pingfen::report
