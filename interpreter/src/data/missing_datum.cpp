#include "data/missing_datum.hpp"

#include <fmt/format.h>

namespace pingfen::data {

std::string declared_type_text(const ast::InputDecl& in, bool english) {
    std::string t = english ? ast::type_name_en(in.type) : ast::type_name_zh(in.type);
    if (!in.unit.empty()) t += english ? fmt::format(" ({})", in.unit) : fmt::format("（{}）", in.unit);
    return t;
}

namespace {

// When indicator `u` reads input `slot`: empty when on every scoring of it.
const std::vector<Ruleset::InputUse::When>* conditions(const Ruleset& r, int slot, int u) {
    const auto s = static_cast<std::size_t>(slot);
    if (s >= r.uses_of_input.size()) return nullptr;
    for (const auto& use : r.uses_of_input[s])
        if (use.indicator == u) return use.when.empty() ? nullptr : &use.when;
    return nullptr;
}

std::string users(const Ruleset& r, int slot, const std::vector<int>& needed_by, bool en) {
    std::string out;
    for (int u : needed_by) {
        if (!out.empty()) out += en ? "; " : "；";
        out += r.path_text(*r.indicators[static_cast<std::size_t>(u)]);
        const auto* when = conditions(r, slot, u);
        if (!when) continue;
        std::string w;
        for (const auto& c : *when) w += (w.empty() ? "" : (en ? ", or " : "，或 ")) + (en ? c.en : c.zh);
        out += en ? fmt::format(" (which reads it only when {})", w) : fmt::format("（该指标仅当 {} 时读取它）", w);
    }
    return out;
}

}  // namespace

void report_missing_datum(const Ruleset& r, const DepartmentData& d, int slot, const std::vector<int>& needed_by,
                          DiagnosticSink& sink) {
    const ast::InputDecl& in = *r.input_of_slot[static_cast<std::size_t>(slot)];
    sink.error("E0401", Loc{d.source.get(), 0, 0, 1},
               fmt::format("缺少数据 `{}`（{}），需要它的指标：{}", in.name, declared_type_text(in, false), users(r, slot, needed_by, false)),
               fmt::format("missing datum `{}` ({}), needed by: {}", in.name, declared_type_text(in, true), users(r, slot, needed_by, true)));
    sink.last().notes.push_back(make_note(in.loc, "输入在这里声明", "the input is declared here"));
}

}  // namespace pingfen::data
