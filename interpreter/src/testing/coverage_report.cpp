// A coverage report as text (the terminal), JSON (tools) and HTML (the ruleset with its
// outcomes marked, for the workbench).
#include <fmt/format.h>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

#include "report/escape.hpp"
#include "pingfen/testing.hpp"

namespace pingfen {

namespace {

std::string joined(const std::vector<std::string>& path) {
    std::string out;
    for (const auto& p : path) out += (out.empty() ? "" : " › ") + p;
    return out;
}

std::string figure(int reached, int total) {
    if (total == 0) return "100%";
    return (Decimal::from_int(reached) * Decimal::from_int(100) / Decimal::from_int(total)).round_half_up(2).to_string() + "%";
}

}  // namespace

std::string coverage_as_text(const CoverageReport& r, Language lang) {
    const bool en = lang == Language::English;
    std::string out = en ? "coverage (outcomes the tests reached):\n" : "覆盖率（测试达到的结果）：\n";
    for (const auto& ind : r.indicators) {
        out += fmt::format("  {}  {}/{}  {}\n", joined(ind.path), ind.reached(), ind.total(), figure(ind.reached(), ind.total()));
        for (const auto& o : ind.outcomes)
            if (!o.reached)
                out += fmt::format(fmt::runtime(en ? "    {}:{}: {} never reached\n" : "    {}:{}: {} 从未命中\n"), o.path, o.line,
                                   en ? o.words_en : o.words_zh);
    }
    out += fmt::format(fmt::runtime(en ? "total: {}/{} outcomes reached ({})\n" : "合计：{}/{} 个结果被测试达到（{}）\n"), r.reached(),
                       r.total(), r.percent().to_string() + "%");
    return out;
}

std::string coverage_as_json(const CoverageReport& r) {
    nlohmann::ordered_json j;
    j["reached"] = r.reached();
    j["total"] = r.total();
    j["percent"] = r.percent().to_string();
    j["indicators"] = nlohmann::ordered_json::array();
    for (const auto& ind : r.indicators) {
        nlohmann::ordered_json i;
        i["path"] = ind.path;
        i["file"] = ind.file;
        i["line"] = ind.line;
        i["reached"] = ind.reached();
        i["total"] = ind.total();
        i["outcomes"] = nlohmann::ordered_json::array();
        for (const auto& o : ind.outcomes)
            i["outcomes"].push_back({{"file", o.path}, {"line", o.line}, {"column", o.column}, {"outcome_zh", o.words_zh},
                                     {"outcome_en", o.words_en}, {"reached", o.reached}});
        j["indicators"].push_back(std::move(i));
    }
    return j.dump(2) + "\n";
}

namespace {


const char* kStyle =
    "body{font-family:sans-serif;margin:1.5em}pre{margin:0}table{border-collapse:collapse;font-size:13px}"
    "td{vertical-align:top;padding:0 .6em;white-space:pre}td.n{color:#888;text-align:right}"
    "tr.hit td.src{background:#e3f6e3}tr.miss td.src{background:#fbe0e0}tr.part td.src{background:#fff3cd}"
    "td.o{font-size:12px;white-space:normal}.y{color:#1a7f37}.x{color:#b42318;font-weight:bold}h2{font-size:1.1em}";

}  // namespace

std::string coverage_as_html(const CoverageReport& r, Language lang) {
    const bool en = lang == Language::English;
    std::string out = "<!DOCTYPE html>\n<html lang=\"" + std::string(en ? "en" : "zh-CN") + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    out += fmt::format("<title>{}</title>\n<style>{}</style>\n</head>\n<body>\n", en ? "Test coverage" : "测试覆盖率", kStyle);
    out += fmt::format(fmt::runtime(en ? "<h1>Test coverage: {}/{} outcomes ({})</h1>\n" : "<h1>测试覆盖率：{}/{} 个结果（{}）</h1>\n"),
                       r.reached(), r.total(), r.percent().to_string() + "%");
    // Outcomes by file and line.
    std::map<std::string, std::map<int, std::vector<const CoverageOutcome*>>> at;
    for (const auto& ind : r.indicators)
        for (const auto& o : ind.outcomes) at[o.path][o.line].push_back(&o);
    for (const auto& src : r.sources) {
        auto lines_it = at.find(src.path);
        if (lines_it == at.end()) continue;
        out += "<h2>" + report::html_escape(src.path) + "</h2>\n<table>\n";
        std::istringstream in(src.text);
        std::string line;
        for (int n = 1; std::getline(in, line); ++n) {
            auto it = lines_it->second.find(n);
            std::string cls, notes;
            if (it != lines_it->second.end()) {
                int hit = 0;
                for (const auto* o : it->second) {
                    hit += o->reached ? 1 : 0;
                    notes += fmt::format("<div class=\"{}\">{} {}</div>", o->reached ? "y" : "x", o->reached ? "✓" : "✗",
                                         report::html_escape(en ? o->words_en : o->words_zh));
                }
                cls = hit == static_cast<int>(it->second.size()) ? "hit" : hit == 0 ? "miss" : "part";
            }
            out += fmt::format("<tr{}><td class=\"n\">{}</td><td class=\"src\">{}</td><td class=\"o\">{}</td></tr>\n",
                               cls.empty() ? "" : " class=\"" + cls + "\"", n, report::html_escape(line), notes);
        }
        out += "</table>\n";
    }
    out += "</body>\n</html>\n";
    return out;
}

}  // namespace pingfen
