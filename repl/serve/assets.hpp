// The page's files, embedded in the binary at build time (cmake/embed_assets.cmake): the
// workbench's own HTML, script and style, and Debian's CodeMirror 5 read from
// /usr/share/javascript/codemirror when pingfen was built. Nothing is fetched at run time.
#pragma once

#include <string>
#include <vector>

namespace pingfen::serve {

struct Asset {
    std::string name;   // as the page asks for it: "index.html", "codemirror.js"
    std::string bytes;
};

const std::vector<Asset>& assets();

// The asset of that name, or null.
const Asset* find_asset(const std::string& name);
// The Content-Type for an asset's name.
std::string asset_type(const std::string& name);

}  // namespace pingfen::serve
