// outline_source (pingfen/authoring.hpp): the top-level items of a ruleset text with their byte
// ranges. The real lexer finds where items begin and end; the real parser says what each is
// (names and paths unquoted as the compiler reads them).
#include "api/guard.hpp"
#include "front/parse.hpp"
#include "pingfen/authoring.hpp"

namespace pingfen {

namespace {

std::optional<SourceItem::Kind> item_kind(const std::string& token) {
    using K = SourceItem::Kind;
    static const std::pair<const char*, K> starts[] = {
        {"RULESET", K::Header}, {"IMPORT", K::Import},   {"INPUTS", K::Inputs},     {"GRADES", K::Grades},
        {"ROUNDING", K::Rounding}, {"LEVEL1", K::Indicator}, {"LEVEL2", K::Indicator}, {"LEVEL3", K::Indicator},
        {"INDICATOR", K::Indicator}, {"BONUS", K::Bonus}, {"PENALTY", K::Penalty}, {"MODIFY", K::Modify},
        {"REPLACE", K::Replace}, {"REMOVE", K::Remove}, {"ADD", K::Add},           {"ORDER", K::Order},
        {"DATA", K::Data},       {"TEST", K::Test}};
    for (const auto& [t, k] : starts)
        if (token == t) return k;
    return std::nullopt;
}

bool opens(const SourceToken& t) { return t.token == "LPAREN" || t.token == "LBRACK" || t.token == "LBRACE"; }
bool closes(const SourceToken& t) { return t.token == "RPAREN" || t.token == "RBRACK" || t.token == "RBRACE"; }

SourceOutline outline(const std::string& name, std::string text) {
    SourceOutline out;
    DiagnosticSink sink;
    auto src = std::make_shared<const SourceFile>(name, text);
    auto module = front::parse_module(src, front::ParseLimits{}, sink);
    out.diagnostics = sink.take();
    if (!module || has_errors(out.diagnostics)) return out;

    std::vector<SourceToken> ts;
    for (auto& t : tokenize(text))
        if (t.kind != SourceToken::Kind::Comment) ts.push_back(std::move(t));
    // Items begin at a keyword outside every bracket.
    std::vector<std::size_t> starts;
    int depth = 0;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        if (depth == 0 && item_kind(ts[i].token)) starts.push_back(i);
        if (opens(ts[i])) ++depth;
        if (closes(ts[i])) --depth;
    }
    std::size_t n_ind = 0, n_adj = 0, n_mod = 0, n_imp = 0, n_test = 0;
    for (std::size_t s = 0; s < starts.size(); ++s) {
        const std::size_t a = starts[s], b = s + 1 < starts.size() ? starts[s + 1] : ts.size();
        SourceItem item;
        item.kind = *item_kind(ts[a].token);
        item.keyword = ts[a].token;
        item.begin = ts[a].begin;
        item.end = ts[b - 1].end;
        item.line = ts[a].line;
        item.column = ts[a].column;
        using K = SourceItem::Kind;
        switch (item.kind) {
            case K::Indicator:
            case K::Bonus:
            case K::Penalty: {
                const ast::Indicator* ind = nullptr;
                if (item.kind == K::Indicator && n_ind < module->indicators.size()) ind = module->indicators[n_ind++].get();
                if (item.kind != K::Indicator && n_adj < module->adjustments.size()) ind = module->adjustments[n_adj++].get();
                if (ind) item.path = {ind->name};
                if (a + 1 < b) {
                    item.name_begin = ts[a + 1].begin;
                    item.name_end = ts[a + 1].end;
                }
                if (a + 2 < b && ts[a + 2].kind == SourceToken::Kind::Number) {
                    item.weight_begin = ts[a + 2].begin;
                    item.weight_end = ts[a + 2].end;
                    item.weight = ts[a + 2].text;
                }
                std::size_t brace = a + 1;
                while (brace < b && ts[brace].token != "LBRACE") ++brace;
                if (brace < b && ts[b - 1].token == "RBRACE") {
                    item.body_begin = ts[brace].end;
                    item.body_end = ts[b - 1].begin;
                    item.close_end = ts[b - 1].end;
                }
                break;
            }
            case K::Modify:
            case K::Replace:
            case K::Remove:
            case K::Add:
            case K::Order:
                if (n_mod < module->modifications.size()) item.path = module->modifications[n_mod++].path;
                break;
            case K::Import:
                if (n_imp < module->imports.size()) item.path = {module->imports[n_imp++].path};
                break;
            case K::Test:
                if (n_test < module->tests.size()) item.path = {module->tests[n_test++].name};
                break;
            default: break;
        }
        out.items.push_back(std::move(item));
    }
    return out;
}

}  // namespace

SourceOutline outline_source(const std::string& name, std::string text) {
    return api::guarded<SourceOutline>(name, [&] { return outline(name, std::move(text)); });
}

}  // namespace pingfen
