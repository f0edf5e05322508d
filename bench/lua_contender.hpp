// Contender (c): huadu_2023.lua in an embedded Lua 5.4 state. The script is loaded once; the
// records are turned into Lua tables before any timing; score() times nothing but the call.
#pragma once

#include <string>
#include <vector>

#include "generate.hpp"
#include "native_double.hpp"

struct lua_State;

namespace bench {

class LuaContender {
public:
    explicit LuaContender(const std::string& script_path);  // throws std::runtime_error
    ~LuaContender();
    LuaContender(const LuaContender&) = delete;
    LuaContender& operator=(const LuaContender&) = delete;

    // Builds one Lua table per record (outside the timed regions).
    void load(const std::vector<Record>& records);
    std::size_t size() const { return count_; }

    // Calls score(records[i]) in Lua. Returns false when the total is nil; `out`, when given,
    // receives the leaves and the total.
    bool score(std::size_t i, double& total, DoubleScores* out = nullptr);

private:
    lua_State* L_ = nullptr;
    std::size_t count_ = 0;
};

}  // namespace bench
