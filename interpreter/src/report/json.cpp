// The score sheet as one JSON object. Scores are JSON numbers written from the exact decimal
// with two places (96.50), never through a double.
#include <fmt/format.h>

#include "report/escape.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen {
namespace {

using report::json_quote;


void node(std::string& out, const ScoreNode& n, int indent) {
    std::string pad(static_cast<std::size_t>(indent), ' ');
    std::string path;
    for (const auto& p : n.path()) path += (path.empty() ? "" : ", ") + json_quote(p);
    out += pad + "{\n";
    out += fmt::format("{}  \"name\": {},\n", pad, json_quote(n.name()));
    out += fmt::format("{}  \"path\": [{}],\n", pad, path);
    out += fmt::format("{}  \"weight\": {},\n", pad, n.weight().to_fixed(2));
    out += fmt::format("{}  \"score\": {},\n", pad, n.score() ? n.score()->to_fixed(2) : "null");
    out += fmt::format("{}  \"basis\": {},\n", pad, json_quote(n.basis()));
    if (n.not_applicable()) out += pad + "  \"not_applicable\": true,\n";
    const auto children = n.children();
    if (children.empty()) {
        out += pad + "  \"children\": []\n";
    } else {
        out += pad + "  \"children\": [\n";
        for (std::size_t i = 0; i < children.size(); ++i) {
            node(out, children[i], indent + 4);
            out += i + 1 < children.size() ? ",\n" : "\n";
        }
        out += pad + "  ]\n";
    }
    out += pad + "}";
}

}  // namespace

std::string sheet_as_json(const ScoreSheet& s) {
    std::string out = "{\n";
    out += fmt::format("  \"ruleset\": {},\n", json_quote(s.ruleset));
    out += fmt::format("  \"year\": {},\n", s.year ? std::to_string(*s.year) : "null");
    out += fmt::format("  \"department\": {},\n", json_quote(s.department));
    out += fmt::format("  \"total\": {},\n", s.total ? s.total->to_fixed(2) : "null");
    out += fmt::format("  \"max\": {},\n", s.max.to_fixed(2));
    out += fmt::format("  \"grade\": {},\n", s.grade.empty() ? "null" : json_quote(s.grade));
    out += "  \"indicators\": [\n";
    const auto indicators = s.indicators(), adjustments = s.adjustments();
    for (std::size_t i = 0; i < indicators.size(); ++i) {
        node(out, indicators[i], 4);
        out += i + 1 < indicators.size() ? ",\n" : "\n";
    }
    out += "  ]";
    if (!adjustments.empty()) {
        out += ",\n  \"adjustments\": [\n";
        for (std::size_t i = 0; i < adjustments.size(); ++i) {
            const ScoreNode& a = adjustments[i];
            out += fmt::format("    {{\"name\": {}, \"kind\": \"{}\", \"cap\": {}, \"score\": {}, \"basis\": {}}}{}\n",
                               json_quote(a.name()), a.kind() == ScoreNode::Kind::Bonus ? "bonus" : "penalty", a.weight().to_fixed(2),
                               a.score() ? a.score()->to_fixed(2) : "null", json_quote(a.basis()), i + 1 < adjustments.size() ? "," : "");
        }
        out += "  ],\n";
        out += fmt::format("  \"total_basis\": {}", json_quote(s.total_basis));
    }
    if (!s.diagnostics.empty()) {
        out += ",\n  \"diagnostics\": [\n";
        for (std::size_t i = 0; i < s.diagnostics.size(); ++i) {
            const Diagnostic& d = s.diagnostics[i];
            out += fmt::format("    {{\"severity\": \"{}\", \"code\": {}, \"path\": {}, \"line\": {}, \"column\": {}, "
                               "\"message_zh\": {}, \"message_en\": {}}}{}\n",
                               d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note",
                               json_quote(d.code), json_quote(d.path), d.line, d.column, json_quote(d.message_zh), json_quote(d.message_en),
                               i + 1 < s.diagnostics.size() ? "," : "");
        }
        out += "  ]";
    }
    out += "\n}\n";
    return out;
}

}  // namespace pingfen
