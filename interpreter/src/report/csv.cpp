// The score sheet as CSV (RFC 4180): UTF-8 with a byte-order mark so that Excel opens the
// Chinese text correctly, CRLF line ends, fields quoted when they hold a comma, a quote or a line
// break. One row per leaf indicator with every column of the published 自评表, and a path column
// so the hierarchy survives a round trip; then the bonus and penalty items, the total and the
// grade. Scores are the exact decimals with two places, never through a double.
#include "report/rows.hpp"

namespace pingfen {
namespace {

std::string field(const std::string& s) {
    bool quote = s.find_first_of(",\"\r\n") != std::string::npos ||
                 (!s.empty() && (s.front() == ' ' || s.back() == ' ' || s.front() == '\t'));
    if (!quote) return s;
    std::string o = "\"";
    for (char c : s) {
        if (c == '"') o += '"';
        o += c;
    }
    return o + "\"";
}

void line(std::string& out, std::initializer_list<std::string> fields) {
    bool first = true;
    for (const auto& f : fields) {
        if (!first) out += ',';
        out += field(f);
        first = false;
    }
    out += "\r\n";
}

}  // namespace

std::string sheet_as_csv(const ScoreSheet& s, Language lang) {
    const report::Words& w = report::words(lang);
    std::string out = "\xEF\xBB\xBF";  // UTF-8 byte-order mark
    line(out, {w.level1, w.weight, w.level2, w.weight, w.level3, w.weight, w.explanation, w.standard, w.score, w.basis,
               w.path});
    for (const auto& r : report::sheet_rows(s, lang))
        line(out, {r.name[0], r.weight[0], r.name[1], r.weight[1], r.name[2], r.weight[2], r.explanation, r.standard,
                   report::signed_fixed(r.score), r.basis, r.path});
    line(out, {w.total, s.max.to_fixed(2), "", "", "", "", "", "", s.total ? s.total->to_fixed(2) : "", s.total_basis, ""});
    if (!s.grade.empty()) line(out, {w.grade, "", "", "", "", "", "", "", s.grade, "", ""});
    for (const auto& l : report::diagnostic_lines(s, lang)) line(out, {w.diagnostics, "", "", "", "", "", "", "", "", l, ""});
    return out;
}

}  // namespace pingfen
