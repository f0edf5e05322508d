// The temporary files pingfen has made and not yet removed (an output being written, a pipe's
// copy, a GB18030 CSV's UTF-8 copy), for remove_temporary_files() (pingfen.hpp) to remove from a
// signal handler, so that a run ended by Ctrl-C or `timeout` leaves none behind.
#pragma once

#include <string>

namespace pingfen::system {

// The file's place among those a signal removes, or -1 when none was free (16 at once): the
// file is then only not removed on a signal.
int remember_temporary(const std::string& path);
// Forgets it (its owner removed or renamed it); `slot` becomes -1.
void forget_temporary(int& slot);

}  // namespace pingfen::system
