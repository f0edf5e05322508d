#include "check/names.hpp"

#include <fmt/format.h>
#include <map>
#include <memory>
#include <opencc/opencc.h>
#include <unordered_map>

namespace pingfen::check {
namespace {

// OpenCC's traditional → simplified conversion. Opening it reads the dictionaries, which was a
// third of a warm compile when done per check: it is opened once per thread (OpenCC does not
// promise that one handle may convert from two threads at once) and kept.
class Simplifier {
public:
    Simplifier() : handle_(opencc_open("t2s.json")) {}
    ~Simplifier() {
        if (ok()) opencc_close(handle_);
    }
    Simplifier(const Simplifier&) = delete;
    Simplifier& operator=(const Simplifier&) = delete;
    bool ok() const { return handle_ != reinterpret_cast<opencc_t>(-1) && handle_ != nullptr; }
    // Remembered per name: converting walks OpenCC's dictionaries character by character, a
    // twentieth of a warm compile, and a ruleset compiled again (the workbench, the REPL, a
    // server) has the names it had. Bounded: forgotten all at once past kRemembered names.
    const std::string& operator()(const std::string& s) const {
        auto found = remembered_.find(s);
        if (found != remembered_.end()) return found->second;
        if (remembered_.size() >= kRemembered) remembered_.clear();
        return remembered_.emplace(s, convert(s)).first->second;
    }

private:
    static constexpr std::size_t kRemembered = 1 << 14;
    opencc_t handle_;
    mutable std::unordered_map<std::string, std::string> remembered_;

    std::string convert(const std::string& s) const {
        if (!ok()) return s;
        char* out = opencc_convert_utf8(handle_, s.data(), s.size());
        if (!out) return s;
        std::string r(out);
        opencc_convert_utf8_free(out);
        return r;
    }
};

struct Named {
    std::string name;
    Loc loc;
};

void compare(const std::vector<Named>& names, const Simplifier& simplify, DiagnosticSink& sink, const char* what_zh,
             const char* what_en) {
    std::map<std::string, const Named*> seen;
    for (const auto& n : names) {
        std::string key = simplify(halfwidth(n.name));  // Ａ１（ as A1(;
        auto [it, fresh] = seen.emplace(key, &n);
        if (fresh || it->second->name == n.name) continue;
        sink.error("E0205", n.loc,
                   fmt::format("{} `{}` 与 `{}` 只差全角/半角或繁体/简体，容易看成同一个", what_zh, n.name, it->second->name),
                   fmt::format("{} `{}` and `{}` differ only by full-/half-width or traditional/simplified forms", what_en,
                               n.name, it->second->name));
        sink.last().notes.push_back(make_note(it->second->loc, "另一个在这里", "the other one is here"));
    }
}

bool has_non_ascii(const std::vector<Named>& names) {
    for (const auto& n : names)
        for (unsigned char c : n.name)
            if (c >= 0x80) return true;
    return false;
}

}  // namespace

void similar_names(const Ruleset& r, DiagnosticSink& sink) {
    std::vector<Named> values;  // inputs and named values share one namespace
    for (const auto* in : r.input_of_slot) values.push_back({in->name, in->loc});
    for (const auto* def : r.local_of_slot)
        if (def) values.push_back({def->name, def->loc});
    std::vector<std::vector<Named>> sibling_groups;
    std::vector<Named> tops;
    for (const auto& i : r.module->indicators) tops.push_back({i->name, i->name_loc});
    sibling_groups.push_back(tops);
    for (const auto* ind : r.indicators) {
        std::vector<Named> kids;
        for (const auto& c : ind->children) kids.push_back({c->name, c->name_loc});
        if (kids.size() > 1) sibling_groups.push_back(std::move(kids));
    }
    bool any = has_non_ascii(values);
    for (const auto& g : sibling_groups) any = any || has_non_ascii(g);
    if (!any) return;
    thread_local const Simplifier simplify;
    compare(values, simplify, sink, "名称", "names");
    for (const auto& g : sibling_groups) compare(g, simplify, sink, "同级指标", "sibling indicators");
}

}  // namespace pingfen::check
