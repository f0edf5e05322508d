// compile_file / compile_source and the ruleset accessors of the public API.
#include <algorithm>
#include <cstring>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "source/source.hpp"

#include "api/guard.hpp"
#include "api/read_file.hpp"
#include "api/sheet.hpp"
#include "api/input_info.hpp"
#include "front/parse.hpp"
#include "pingfen/pingfen.hpp"
#include "check/checker.hpp"
#include "lower/operands.hpp"
#include "lower/input_schema.hpp"
#include "lower/program.hpp"
#include "lower/tier_bounds.hpp"
#include "sema/modules.hpp"
#include "sema/resolve.hpp"

namespace pingfen {

std::vector<std::string> Ruleset::path_of(const ast::Indicator& ind) const {
    if (ind.part_index >= 0 && static_cast<std::size_t>(ind.part_index) < leaf_of_part.size()) {
        std::vector<std::string> path = path_of(*leaf_of_part[static_cast<std::size_t>(ind.part_index)]);
        path.push_back(ind.name);
        return path;
    }
    const auto at = static_cast<std::size_t>(ind.index);
    if (at < paths.size()) return paths[at];
    // While resolving (errors name indicators before the paths are filled in).
    std::vector<std::string> path;
    for (const ast::Indicator* i = &ind; i; i = parents[static_cast<std::size_t>(i->index)]) path.push_back(i->name);
    std::reverse(path.begin(), path.end());
    return path;
}

std::string Ruleset::path_text(const ast::Indicator& ind, const char* sep) const {
    const auto at = static_cast<std::size_t>(ind.index);
    if (at < path_texts.size() && std::strcmp(sep, " › ") == 0) return path_texts[at];
    std::string out;
    for (const auto& p : path_of(ind)) {
        if (!out.empty()) out += sep;
        out += p;
    }
    return out;
}

namespace detail {

bool read_file(const std::string& path, std::string& out, DiagnosticSink& sink, std::size_t max) {
    if (auto why = not_a_file(path)) {
        sink.add(make_diagnostic(Severity::Error, "E0009", Loc{}, fmt::format("无法打开文件：{}", why->zh),
                                 fmt::format("cannot open the file: {}", why->en)));
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    if (!in) {
        sink.add(make_diagnostic(Severity::Error, "E0009", Loc{}, fmt::format("无法打开文件 `{}`", path),
                                 fmt::format("cannot open file `{}`", path)));
        return false;
    }
    out = read_all(in, max);
    return true;
}

}  // namespace detail

namespace {

CompileResult compile(const std::string& name, std::string text, const CompileOptions& opts) {
    CompileResult result;
    DiagnosticSink sink;
    auto source = std::make_shared<const SourceFile>(name, std::move(text));
    front::ParseLimits limits{opts.max_source_bytes, opts.max_nesting};
    const sema::FileReader read = opts.read_import ? sema::FileReader(opts.read_import) : sema::filesystem_reader();
    auto module = sema::load_modules(source, limits, read, sink);
    // Structural errors found while building the AST (an empty indicator) do not stop the
    // resolver: the author sees every problem of the file at once.
    if (module) {
        auto r = std::make_shared<Ruleset>();
        sema::resolve_ruleset(std::move(module), *r, sink);
        // The checks run on every compile, so score, test and the REPL never see a ruleset with
        // a tier gap or an unguarded division.
        if (!sink.has_errors()) check::check_ruleset(*r, sink);
        if (!sink.has_errors()) lower::skip_implied_bounds(*r);
        if (!sink.has_errors()) lower::cache_operands(*r);  // last change to the expressions
        if (!sink.has_errors()) r->sheet_shape = detail::build_sheet_shape(*r);
        if (!sink.has_errors()) r->program = lower::lower_program(*r);
        if (!sink.has_errors()) r->input_schema = lower::input_schemas(*r);
        if (!sink.has_errors()) result.ruleset = std::move(r);
    }
    result.diagnostics = sink.take();
    return result;
}

}  // namespace

CompileResult compile_source(const std::string& name, std::string text, const CompileOptions& opts) {
    return api::guarded<CompileResult>(name, [&] { return compile(name, std::move(text), opts); });
}

CompileResult compile_file(const std::string& path, const CompileOptions& opts) {
    return api::guarded<CompileResult>(path, [&] {
        DiagnosticSink sink;
        std::string text;
        if (!detail::read_file(path, text, sink)) {
            CompileResult r;
            r.diagnostics = sink.take();
            return r;
        }
        return compile(path, std::move(text), opts);
    });
}

std::string ruleset_title(const Ruleset& r) { return r.module->title.value_or(""); }
std::optional<int> ruleset_year(const Ruleset& r) { return r.module->year; }

InputInfo api::input_info(const Ruleset& r, const ast::InputDecl& in) {
    InputInfo info;
    info.name = in.name;
    info.type = ast::type_name_zh(in.type);
    info.unit = in.unit;
    switch (in.type) {
        case ast::ValueType::Percent: info.kind = InputType::Percent; break;
        case ast::ValueType::Amount: info.kind = InputType::Amount; break;
        case ast::ValueType::Count: info.kind = InputType::Count; break;
        case ast::ValueType::Bool: info.kind = InputType::YesNo; break;
        case ast::ValueType::Text: info.kind = InputType::Text; break;
        case ast::ValueType::List: info.kind = InputType::List; break;
        case ast::ValueType::Goals: info.kind = InputType::GoalTable; break;
        case ast::ValueType::Date: info.kind = InputType::Date; break;
        case ast::ValueType::Finding: info.kind = InputType::Finding; break;
        default: info.kind = InputType::Number; break;
    }
    if (in.slot >= 0)
        for (int u : r.users_of_input[static_cast<std::size_t>(in.slot)])
            info.needed_by.push_back(r.path_text(*r.indicators[static_cast<std::size_t>(u)], "."));
    info.has_default = in.fallback != nullptr;
    const auto slot = static_cast<std::size_t>(in.slot);
    if (in.slot >= 0 && slot < r.uses_of_input.size() && !r.uses_of_input[slot].empty()) {
        info.conditional = true;
        for (const auto& use : r.uses_of_input[slot]) {
            if (use.when.empty()) {
                info.conditional = false;
                continue;
            }
            InputCondition c;
            c.indicator = r.path_text(*r.indicators[static_cast<std::size_t>(use.indicator)], ".");
            for (const auto& w : use.when) {
                c.when_zh += (c.when_zh.empty() ? "" : "，或 ") + w.zh;
                c.when_en += (c.when_en.empty() ? "" : ", or ") + w.en;
            }
            info.needed_when.push_back(std::move(c));
        }
    }
    return info;
}

std::vector<InputInfo> ruleset_inputs(const Ruleset& r) {
    std::vector<InputInfo> out;
    for (const auto& in : r.module->inputs) out.push_back(api::input_info(r, in));
    return out;
}

std::string input_condition_text(const InputInfo& in, Language lang) {
    if (!in.conditional) return "";
    const bool en = lang == Language::English;
    std::string out;
    for (const auto& c : in.needed_when)
        out += (out.empty() ? "" : (en ? "; " : "；")) +
               (en ? fmt::format("needed only when {} (for {})", c.when_en, c.indicator)
                   : fmt::format("仅当 {} 时需要（用于 {}）", c.when_zh, c.indicator));
    return out;
}

}  // namespace pingfen
