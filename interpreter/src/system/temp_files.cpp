#include "system/temp_files.hpp"

#include <atomic>
#include <cstring>
#include <unistd.h>

#include "pingfen/pingfen.hpp"

namespace pingfen {
namespace system {
namespace {

// Fixed slots of plain characters (a signal handler may not allocate or lock), each claimed by a
// compare-and-swap.
constexpr int kSlots = 16;
struct Temporary {
    std::atomic<int> state{0};  // 0 free, 1 being filled, 2 a live path
    char path[4096];
};
Temporary temporaries[kSlots];

}  // namespace

int remember_temporary(const std::string& path) {
    if (path.size() >= sizeof temporaries[0].path) return -1;
    for (int i = 0; i < kSlots; ++i) {
        int free = 0;
        if (!temporaries[i].state.compare_exchange_strong(free, 1)) continue;
        std::memcpy(temporaries[i].path, path.c_str(), path.size() + 1);
        temporaries[i].state.store(2);
        return i;
    }
    return -1;
}

void forget_temporary(int& slot) {
    if (slot >= 0) temporaries[slot].state.store(0);
    slot = -1;
}

}  // namespace system

void remove_temporary_files() noexcept {
    for (auto& t : system::temporaries)
        if (t.state.load() == 2) ::unlink(t.path);
}

}  // namespace pingfen
