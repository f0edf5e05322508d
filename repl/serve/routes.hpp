// The workbench's HTTP routes: each reads a request, asks Workbench, and sends its Reply.
//   GET  /                    the page            GET /assets/NAME   its embedded files
//   GET  /api/language        keyword spellings   GET /api/files     rulesets and data files
//   GET  /api/file?path=      a ruleset's text, its tag, and an unsaved journal if any
//   POST /api/check           compile and score the text as typed (JSON body)
//   POST /api/save            save it, unless the file changed on disk since it was opened
//   POST /api/journal         keep unsaved text beside the file
//   POST /api/upload?name=    a data file into the folder
//   GET  /api/compare?a=&b=   pingfen diff as HTML, with every department in the folder
//   POST /api/download        the sheet as html, csv or xlsx (a form: the browser saves it)
#pragma once

#include "access.hpp"
#include "workbench.hpp"

namespace httplib {
class Server;
}

namespace pingfen::serve {

void install_routes(httplib::Server& server, Workbench& bench, const Access& access);

}  // namespace pingfen::serve
