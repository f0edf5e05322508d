#include "page_json.hpp"

#include <map>
#include <optional>
#include <string>

using nlohmann::json;

namespace pingfen::serve {

json exact_score(const std::optional<Decimal>& d) { return d ? json(d->to_fixed(2)) : json(nullptr); }

namespace {

json notes_json(const std::vector<DiagnosticNote>& notes) {
    json out = json::array();
    for (const auto& n : notes)
        out.push_back({{"path", n.path}, {"line", n.line}, {"column", n.column}, {"length", n.length},
                       {"message_zh", n.message_zh}, {"message_en", n.message_en}});
    return out;
}

}  // namespace

json diagnostics_json(const std::vector<Diagnostic>& ds) {
    json out = json::array();
    for (const auto& d : ds)
        out.push_back({{"severity", d.severity == Severity::Error ? "error" : d.severity == Severity::Warning ? "warning" : "note"},
                       {"code", d.code}, {"path", d.path}, {"line", d.line}, {"column", d.column},
                       {"length", d.length}, {"message_zh", d.message_zh}, {"message_en", d.message_en},
                       {"notes", notes_json(d.notes)}});
    return out;
}

namespace {

std::string joined(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& p : path) out += (out.empty() ? "" : ".") + p;
    return out;
}

void index_scores(std::span<const ScoreNode> nodes, std::map<std::string, std::optional<Decimal>>& out) {
    for (const auto& n : nodes) {
        out[joined(n.path())] = n.score();
        index_scores(n.children(), out);
    }
}

// The sheet as rows for the page, each with its score under the saved file (`before`), so that
// what changed since the last save is marked without the page doing arithmetic.
void rows_json(std::span<const ScoreNode> nodes, const std::map<std::string, std::optional<Decimal>>& before,
               bool has_before, json& out) {
    for (const auto& n : nodes) {
        const std::string key = joined(n.path());
        json row = {{"path", key}, {"name", n.name()}, {"level", n.level()}, {"weight", n.weight().to_fixed(2)},
                    {"score", exact_score(n.score())}, {"basis", n.basis()}, {"leaf", n.children().empty()},
                    {"not_applicable", n.not_applicable()},
                    {"kind", n.kind() == ScoreNode::Kind::Bonus ? "bonus" : n.kind() == ScoreNode::Kind::Penalty ? "penalty" : "indicator"}};
        auto it = before.find(key);
        if (has_before) {
            row["before"] = it == before.end() ? json(nullptr) : exact_score(it->second);
            row["changed"] = it == before.end() || it->second.has_value() != n.score().has_value() ||
                             (n.score() && *it->second != *n.score());
        }
        out.push_back(row);
        rows_json(n.children(), before, has_before, out);
    }
}

}  // namespace

json sheet_json(const ScoreSheet& s, const ScoreSheet* before) {
    std::map<std::string, std::optional<Decimal>> old;
    if (before) {
        index_scores(before->indicators(), old);
        index_scores(before->adjustments(), old);
    }
    json rows = json::array();
    rows_json(s.indicators(), old, before != nullptr, rows);
    rows_json(s.adjustments(), old, before != nullptr, rows);
    json out = {{"department", s.department}, {"year", s.year ? json(*s.year) : json(nullptr)},
                {"ruleset", s.ruleset}, {"total", exact_score(s.total)}, {"max", s.max.to_fixed(2)},
                {"grade", s.grade}, {"total_basis", s.total_basis}, {"rows", rows}};
    if (before) {
        out["total_before"] = exact_score(before->total);
        out["grade_before"] = before->grade;
        if (s.total && before->total) {
            Decimal change = *s.total - *before->total;
            out["total_change"] = change.to_fixed(2);
        }
    }
    return out;
}

}  // namespace pingfen::serve
