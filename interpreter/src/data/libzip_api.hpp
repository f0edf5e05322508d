// libzip's functions that the workbook reader calls, from the library opened when the first
// workbook is read (system/loaded_library.hpp says why). Call them as libzip().zip_open(…),
// only after libzip_api() succeeded: XlsxBook::open() checks it before it opens any file.
#pragma once

#include <string>
#include <zip.h>

#define PINGFEN_LIBZIP_FUNCTIONS(X) \
    X(zip_open) X(zip_discard) X(zip_stat_init) X(zip_stat) X(zip_fopen) X(zip_fread) X(zip_fclose)

namespace pingfen::data {

struct LibzipApi {
#define PINGFEN_MEMBER(name) decltype(&::name) name = nullptr;
    PINGFEN_LIBZIP_FUNCTIONS(PINGFEN_MEMBER)
#undef PINGFEN_MEMBER
};

// The functions, loaded on the first call; nullptr when the library or one of its functions
// could not be loaded, and then libzip_api_error() says why in the loader's words.
const LibzipApi* libzip_api();
std::string libzip_api_error();

// The loaded functions, after libzip_api() returned them.
inline const LibzipApi& libzip() { return *libzip_api(); }

}  // namespace pingfen::data
