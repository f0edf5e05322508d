#include "lua_contender.hpp"

#include <stdexcept>

extern "C" {
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
}

namespace bench {
namespace {

// Stack layout kept for the life of the state: 1 = the records array, 2 = the score function.
constexpr int kRecords = 1, kScore = 2;

void set_number(lua_State* L, const char* key, double v) {
    lua_pushnumber(L, v);
    lua_setfield(L, -2, key);
}
void set_integer(lua_State* L, const char* key, std::int64_t v) {
    lua_pushinteger(L, static_cast<lua_Integer>(v));
    lua_setfield(L, -2, key);
}
void set_bool(lua_State* L, const char* key, bool v) {
    lua_pushboolean(L, v ? 1 : 0);
    lua_setfield(L, -2, key);
}
void set_string(lua_State* L, const char* key, const std::string& v) {
    lua_pushlstring(L, v.data(), v.size());
    lua_setfield(L, -2, key);
}

void push_goals(lua_State* L, const std::vector<GoalRow>& rows) {
    lua_createtable(L, static_cast<int>(rows.size()), 0);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const GoalRow& r = rows[i];
        lua_createtable(L, 0, 8);
        set_integer(L, "kind", static_cast<int>(r.kind));
        set_number(L, "weight", r.weight.dbl);
        switch (r.kind) {
            case GoalRow::Kind::AtLeast:
            case GoalRow::Kind::AtMost:
                set_number(L, "target", r.target.dbl);
                set_number(L, "actual", r.actual.dbl);
                break;
            case GoalRow::Kind::Words:
                set_string(L, "target_words", r.target_words);
                set_string(L, "actual_words", r.actual_words);
                break;
            case GoalRow::Kind::Band:
                set_integer(L, "band", r.band);
                set_number(L, "rate", r.rate.dbl);
                set_bool(L, "reason", r.has_reason);
                break;
        }
        lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
    }
}

void push_record(lua_State* L, const Record& r) {
    lua_createtable(L, 0, 64);
    push_goals(L, r.benefit);
    lua_setfield(L, -2, "benefit");
    push_goals(L, r.output);
    lua_setfield(L, -2, "output");
    lua_createtable(L, static_cast<int>(r.monthly.size()), 0);
    for (std::size_t i = 0; i < r.monthly.size(); ++i) {
        lua_pushnumber(L, r.monthly[i].dbl);
        lua_rawseti(L, -2, static_cast<lua_Integer>(i + 1));
    }
    lua_setfield(L, -2, "monthly");

    set_integer(L, "to_assess", r.to_assess);
    set_integer(L, "not_assessed", r.not_assessed);
    set_number(L, "carry_end", r.carry_end.dbl);
    set_number(L, "carry_begin", r.carry_begin.dbl);
    set_number(L, "general_budget", r.general_budget.dbl);
    set_number(L, "fund_budget", r.fund_budget.dbl);
    set_integer(L, "rectify", r.rectify);
    set_integer(L, "misuse", r.misuse);
    set_integer(L, "repeated", r.repeated);
    set_bool(L, "classified", r.classified);
    set_bool(L, "disclosed", r.disclosed);
    set_bool(L, "within_20_days", r.within_20_days);
    set_bool(L, "check_clean", r.check_clean);
    set_bool(L, "goals_published", r.goals_published);
    set_bool(L, "self_eval_published", r.self_eval_published);
    set_bool(L, "rules_require", r.rules_require);
    set_number(L, "rules_gap", r.rules_gap.dbl);
    set_string(L, "rules_gap_reason", r.rules_gap_reason);
    set_bool(L, "duties_defined", r.duties_defined);
    set_integer(L, "warnings_late", r.warnings_late);
    set_bool(L, "feedback", r.feedback);
    set_bool(L, "linked", r.linked);
    set_bool(L, "goals_kept", r.goals_kept);
    set_bool(L, "monitored", r.monitored);
    set_bool(L, "monitor_sent", r.monitor_sent);
    set_bool(L, "self_evaluated", r.self_evaluated);
    set_bool(L, "units_evaluated", r.units_evaluated);
    set_bool(L, "self_eval_sent", r.self_eval_sent);
    set_bool(L, "intent_complete", r.intent_complete);
    set_bool(L, "intent_on_time", r.intent_on_time);
    set_number(L, "intent_score", r.intent_score.dbl);
    set_string(L, "intent_reason", r.intent_reason);
    set_bool(L, "procurement_rules", r.procurement_rules);
    set_integer(L, "complaints", r.complaints);
    set_integer(L, "contracts_on_time", r.contracts_on_time);
    set_integer(L, "contracts", r.contracts);
    set_bool(L, "filed_on_time", r.filed_on_time);
    set_number(L, "filing_score", r.filing_score.dbl);
    set_string(L, "filing_reason", r.filing_reason);
    set_number(L, "sme_amount", r.sme_amount.dbl);
    set_number(L, "sme_reserved", r.sme_reserved.dbl);
    set_integer(L, "nonconforming", r.nonconforming);
    set_integer(L, "overdue", r.overdue);
    set_bool(L, "inventory", r.inventory);
    set_bool(L, "asset_data_ok", r.asset_data_ok);
    set_number(L, "data_score", r.data_score.dbl);
    set_string(L, "data_reason", r.data_reason);
    set_bool(L, "asset_rules", r.asset_rules);
    set_integer(L, "asset_findings", r.asset_findings);
    set_number(L, "assets_in_use", r.assets_in_use.dbl);
    set_number(L, "assets_total", r.assets_total.dbl);
    set_number(L, "public_actual", r.public_actual.dbl);
    set_number(L, "public_budget", r.public_budget.dbl);
    set_number(L, "three_actual", r.three_actual.dbl);
    set_number(L, "three_budget", r.three_budget.dbl);
}

}  // namespace

LuaContender::LuaContender(const std::string& script_path) {
    L_ = luaL_newstate();
    if (!L_) throw std::runtime_error("cannot create a Lua state");
    luaL_openlibs(L_);
    if (luaL_dofile(L_, script_path.c_str()) != LUA_OK) {
        std::string msg = lua_tostring(L_, -1);
        lua_close(L_);
        throw std::runtime_error("cannot load " + script_path + ": " + msg);
    }
    lua_settop(L_, 0);
    lua_newtable(L_);                 // 1: records
    lua_getglobal(L_, "score");       // 2: score
    if (!lua_isfunction(L_, kScore)) {
        lua_close(L_);
        throw std::runtime_error(script_path + " defines no function `score`");
    }
}

LuaContender::~LuaContender() {
    if (L_) lua_close(L_);
}

void LuaContender::load(const std::vector<Record>& records) {
    lua_settop(L_, kScore);
    lua_newtable(L_);
    lua_replace(L_, kRecords);
    for (std::size_t i = 0; i < records.size(); ++i) {
        push_record(L_, records[i]);
        lua_rawseti(L_, kRecords, static_cast<lua_Integer>(i + 1));
    }
    count_ = records.size();
    lua_gc(L_, LUA_GCCOLLECT, 0);
}

bool LuaContender::score(std::size_t i, double& total, DoubleScores* out) {
    lua_pushvalue(L_, kScore);
    lua_rawgeti(L_, kRecords, static_cast<lua_Integer>(i + 1));
    if (lua_pcall(L_, 1, 2, 0) != LUA_OK) {
        std::string msg = lua_tostring(L_, -1);
        lua_settop(L_, kScore);
        throw std::runtime_error("Lua score() failed: " + msg);
    }
    bool ok = lua_isnumber(L_, -2) != 0;
    total = ok ? lua_tonumber(L_, -2) : 0;
    if (out) {
        out->total = total;
        out->total_ok = ok;
        for (int k = 0; k < kLeaves; ++k) {
            lua_rawgeti(L_, -1, k + 1);
            bool leaf_ok = lua_isnumber(L_, -1) != 0;
            out->ok[static_cast<std::size_t>(k)] = leaf_ok;
            out->leaf[static_cast<std::size_t>(k)] = leaf_ok ? lua_tonumber(L_, -1) : 0;
            lua_pop(L_, 1);
        }
    }
    lua_settop(L_, kScore);
    return ok;
}

}  // namespace bench
