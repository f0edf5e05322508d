#include "report/xlsxwriter_api.hpp"

#include "system/loaded_library.hpp"

namespace pingfen::report {

namespace {

bool bind_xlsxwriter(system::LoadedLibrary& library, XlsxWriterApi& api) {
#define PINGFEN_BIND(name) library.bind(api.name, #name) &&
    return PINGFEN_XLSXWRITER_FUNCTIONS(PINGFEN_BIND) true;
#undef PINGFEN_BIND
}

const system::LoadedApi<XlsxWriterApi>& xlsxwriter_loaded() { return system::load_once<XlsxWriterApi>(PINGFEN_XLSXWRITER_SONAME, bind_xlsxwriter); }

}  // namespace

const XlsxWriterApi* xlsxwriter_api() { return xlsxwriter_loaded().ok ? &xlsxwriter_loaded().api : nullptr; }

std::string xlsxwriter_api_error() { return xlsxwriter_loaded().why; }

}  // namespace pingfen::report
