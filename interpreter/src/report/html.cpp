// The score sheet as one self-contained HTML page: no network, no scripts, no web fonts, inline
// CSS and an inline SVG chart. A header (department, year, ruleset, total, grade), the sheet
// laid out as the published 自评表 with merged cells, the basis of every score, and a bar chart of
// score against weight per leaf indicator so that lost points stand out. Prints on A4.
// Every coordinate of the chart is computed with the exact decimal type, like the scores.
#include <algorithm>
#include <fmt/format.h>

#include "report/escape.hpp"
#include "report/rows.hpp"
#include "source/source.hpp"

namespace pingfen {
namespace {

using report::html_escape;


// Text with its line breaks kept.
std::string esc_lines(const std::string& s) {
    std::string o = html_escape(s), out;
    for (std::size_t i = 0; i < o.size(); ++i) {
        if (o[i] == '\r') continue;
        if (o[i] == '\n') out += "<br>";
        else out += o[i];
    }
    return out;
}

const char* kStyle = R"(
:root{--ink:#1d2733;--muted:#5b6777;--line:#c3ccd6;--head:#e9eef4;--band:#f6f8fa;--ok:#2e7d4f;--part:#b7791f;--lost:#c53030;--lostbg:#f6c9c4;--bar:#3b82a0}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:24px auto;max-width:1400px;padding:0 24px;color:var(--ink);font:13px/1.55 "Noto Sans CJK SC","Source Han Sans SC","Microsoft YaHei","PingFang SC","Hiragino Sans GB",sans-serif}
h1{font-size:22px;margin:2px 0 10px}
h2{font-size:16px;margin:26px 0 8px;padding-left:8px;border-left:4px solid var(--bar)}
.kicker{color:var(--muted);font-size:12px;letter-spacing:.08em}
.head{display:flex;flex-wrap:wrap;justify-content:space-between;align-items:flex-end;gap:16px;border-bottom:2px solid var(--ink);padding-bottom:12px}
.facts{display:grid;grid-template-columns:auto 1fr;gap:2px 14px;margin:0}
.facts dt{color:var(--muted)}
.facts dd{margin:0;font-weight:600}
.result{display:flex;gap:12px}
.box{border:1px solid var(--line);border-radius:6px;padding:6px 16px;text-align:center;min-width:110px;background:var(--band)}
.box .label{display:block;color:var(--muted);font-size:12px}
.box .big{font-size:28px;font-weight:700;font-variant-numeric:tabular-nums}
.box .max{color:var(--muted);font-size:13px;margin-left:4px}
table.sheet{width:100%;border-collapse:collapse;table-layout:fixed}
.sheet th,.sheet td{border:1px solid var(--line);padding:4px 6px;vertical-align:top;overflow-wrap:anywhere}
.sheet thead th{background:var(--head);font-weight:700;text-align:center;vertical-align:middle}
.sheet td.lv{background:var(--band);font-weight:600;vertical-align:middle}
.sheet td.lvw{vertical-align:middle;background:var(--band)}
.sheet td.num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
.sheet td.score{font-weight:700}
.sheet td.full{color:var(--ok)}
.sheet td.part{color:var(--part)}
.sheet td.zero{color:var(--lost)}
.sheet td.small{font-size:12px;color:#333c47}
.sheet td.basis{font-size:12px}
.sheet .lostpts{display:block;font-weight:400;font-size:11px;color:var(--lost)}
.sheet tr.sum td{background:var(--head);font-weight:700}
.note{color:var(--muted);margin:6px 0}
.chart svg{display:block;max-width:100%;height:auto}
.chart text{font-size:12px;fill:var(--ink)}
.chart text.group{font-weight:700}
.chart text.val{font-variant-numeric:tabular-nums}
.chart text.lost,.chart tspan.lost{fill:var(--lost);font-weight:700}
.chart rect.w{fill:var(--lostbg);stroke:var(--lost);stroke-width:.6}
.chart rect.s{fill:var(--bar)}
.chart rect.na{fill:#dde1e6;stroke:#9aa5b1;stroke-width:.6}
.chart line.grid{stroke:#e3e8ee}
footer{margin-top:24px;color:var(--muted);font-size:11px}
.alerts{border:2px solid var(--lost);background:#fff5f4;padding:8px 14px;margin:12px 0}
.alerts h2{color:var(--lost);margin:4px 0}
.alerts ul{margin:4px 0;padding-left:18px}.alerts li{margin:3px 0;font-size:13px}
.alerts li.warn{color:#8a5a00}.alerts li.err{color:var(--lost);font-weight:600}
@page{size:A4 landscape;margin:10mm}
@media print{
  body{margin:0;padding:0;max-width:none;font-size:8.5pt}
  h1{font-size:15pt}
  h2{font-size:11pt;margin-top:12px}
  .box .big{font-size:18pt}
  .sheet th,.sheet td{padding:2px 4px}
  .sheet td.small,.sheet td.basis{font-size:7.5pt}
  .sheet thead{display:table-header-group}
  .sheet tr.sum{break-inside:avoid}
  .chart{break-before:page}
  .chart h2{margin-top:0}
  .chart svg{max-height:160mm;width:auto}
  footer{margin-top:6px}
}
)";

struct Geometry {
    static constexpr int kRow = 22, kBar = 13, kBarMax = 520, kGap = 10, kValue = 170, kTop = 30;
};

std::string px(const Decimal& d) { return d.round_half_up(1).to_fixed(1); }

std::string chart(const std::vector<report::SheetRow>& rows, Language lang) {
    const bool en = lang == Language::English;
    std::vector<const report::SheetRow*> leaves;
    Decimal maxw;
    int cols = 8;
    for (const auto& r : rows) {
        if (r.kind != report::SheetRow::Kind::Leaf) continue;
        leaves.push_back(&r);
        maxw = Decimal::max(maxw, r.node->weight());
        cols = std::max(cols, display_width(r.node->name()));
    }
    if (leaves.empty() || maxw.is_zero()) return "";
    // 12px text: a CJK character (two columns) is about 12px wide.
    const int label_w = std::min(cols * 6 + 12, 420);
    const int bar_x = label_w + Geometry::kGap;
    const int width = bar_x + Geometry::kBarMax + Geometry::kValue;
    const Decimal scale = Decimal::from_int(Geometry::kBarMax) / maxw;

    std::string body;
    int y = Geometry::kTop;
    std::string group;
    for (const auto* r : leaves) {
        const ScoreNode& n = *r->node;
        // A heading per level-1 indicator (a level-1 leaf is its own group).
        std::string key = r->group[0].empty() ? "leaf:" + r->path : r->group[0];
        if (key != group) {
            group = key;
            body += fmt::format("<text class=\"group\" x=\"0\" y=\"{}\">{}</text>\n", y + 15, html_escape(r->name[0]));
            y += Geometry::kRow;
        }
        const int bar_y = y + (Geometry::kRow - Geometry::kBar) / 2;
        const int text_y = y + Geometry::kRow / 2 + 4;
        std::string score = n.score() ? n.score()->to_fixed(2) : "—";
        body += fmt::format("<g><title>{}：{} / {}</title>\n", html_escape(r->path), score, n.weight().to_fixed(2));
        body += fmt::format("<text x=\"{}\" y=\"{}\" text-anchor=\"end\">{}</text>\n", label_w, text_y, html_escape(n.name()));
        body += fmt::format("<rect class=\"{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", n.score() ? "w" : "na",
                            bar_x, bar_y, px(n.weight() * scale), Geometry::kBar);
        if (n.score() && !n.score()->is_zero())
            body += fmt::format("<rect class=\"s\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"/>\n", bar_x, bar_y,
                                px(Decimal::min(*n.score(), n.weight()) * scale), Geometry::kBar);
        std::string lost;
        if (n.score() && *n.score() < n.weight()) lost = "−" + (n.weight() - *n.score()).to_fixed(2);
        body += fmt::format("<text class=\"val\" x=\"{}\" y=\"{}\">{} / {}{}</text>\n", bar_x + Geometry::kBarMax + 8,
                            text_y, score, n.weight().to_fixed(2),
                            lost.empty() ? "" : "<tspan class=\"lost\" dx=\"8\">" + lost + "</tspan>");
        body += "</g>\n";
        y += Geometry::kRow;
    }
    const int height = y + 6;

    std::string out;
    out += fmt::format("<svg viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" role=\"img\" aria-label=\"{2}\">\n",
                       width, height, en ? "Score against weight per indicator" : "各指标得分与分值");
    // Legend, and the grid at a quarter, half and three quarters of the largest weight.
    out += fmt::format("<rect class=\"s\" x=\"{}\" y=\"4\" width=\"14\" height=\"11\"/><text x=\"{}\" y=\"14\">{}</text>\n",
                       bar_x, bar_x + 20, en ? "score" : "得分");
    out += fmt::format("<rect class=\"w\" x=\"{}\" y=\"4\" width=\"14\" height=\"11\"/><text x=\"{}\" y=\"14\">{}</text>\n",
                       bar_x + 80, bar_x + 100, en ? "points lost" : "失分");
    out += fmt::format("<rect class=\"na\" x=\"{}\" y=\"4\" width=\"14\" height=\"11\"/><text x=\"{}\" y=\"14\">{}</text>\n",
                       bar_x + 160, bar_x + 180, en ? "not scored" : "未评分");
    out += fmt::format("<text x=\"{}\" y=\"14\">{}</text>\n", bar_x + 260,
                       html_escape(fmt::format(fmt::runtime(en ? "bar length = weight (largest {})" : "条长 = 分值（最大 {} 分）"),
                                       maxw.to_fixed(2))));
    for (int q = 1; q <= 4; ++q)
        out += fmt::format("<line class=\"grid\" x1=\"{0}\" y1=\"{1}\" x2=\"{0}\" y2=\"{2}\"/>\n",
                           bar_x + Geometry::kBarMax * q / 4, Geometry::kTop - 4, height - 4);
    out += body;
    out += "</svg>\n";
    return out;
}

std::string score_class(const report::SheetRow& r) {
    if (r.kind != report::SheetRow::Kind::Leaf) return "";
    const ScoreNode& n = *r.node;
    if (!n.score() || (n.score()->is_zero() && !n.weight().is_zero())) return " zero";
    if (*n.score() < n.weight()) return " part";
    return " full";
}

}  // namespace

std::string sheet_as_html(const ScoreSheet& s, Language lang) {
    const bool en = lang == Language::English;
    const report::Words& w = report::words(lang);
    const std::string title = report::sheet_title(s, lang);
    const std::string total = s.total ? s.total->to_fixed(2) : "—";
    auto rows = report::sheet_rows(s, lang);

    std::string out;
    out += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", en ? "en" : "zh-CN");
    out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    out += "<title>" + html_escape(title) + "</title>\n<style>" + kStyle + "</style>\n</head>\n<body>\n";

    // Header.
    out += "<header class=\"head\">\n<div>\n";
    out += fmt::format("<div class=\"kicker\">{}</div>\n", en ? "Department expenditure performance self-evaluation" : "部门整体支出绩效自评表");
    out += "<h1>" + html_escape(title) + "</h1>\n<dl class=\"facts\">\n";
    if (!s.department.empty()) out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", w.department, html_escape(s.department));
    if (s.year) out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", w.year, *s.year);
    out += fmt::format("<dt>{}</dt><dd>{}</dd>\n", w.ruleset, html_escape(s.ruleset));
    out += "</dl>\n</div>\n<div class=\"result\">\n";
    out += fmt::format("<div class=\"box\"><span class=\"label\">{}</span><span class=\"big\">{}</span><span class=\"max\">/ {}</span></div>\n",
                       w.total, total, s.max.to_fixed(2));
    if (!s.grade.empty())
        out += fmt::format("<div class=\"box\"><span class=\"label\">{}</span><span class=\"big\">{}</span></div>\n", w.grade,
                           html_escape(s.grade));
    out += "</div>\n</header>\n";

    // What was wrong with the data stands above the sheet, where a reader cannot miss it.
    if (!s.diagnostics.empty()) {
        out += fmt::format("<section class=\"alerts\">\n<h2>{}</h2>\n<ul>\n", w.diagnostics);
        auto lines = report::diagnostic_lines(s, lang);
        for (std::size_t i = 0; i < lines.size(); ++i)
            out += fmt::format("<li class=\"{}\">{}</li>\n", s.diagnostics[i].severity == Severity::Error ? "err" : "warn",
                               html_escape(lines[i]));
        out += "</ul>\n</section>\n";
    }

    // The sheet.
    out += fmt::format("<section>\n<h2>{}</h2>\n<table class=\"sheet\">\n", en ? "Score sheet" : "评分表");
    out += "<colgroup><col style=\"width:7%\"><col style=\"width:4.5%\"><col style=\"width:7%\"><col style=\"width:4.5%\">"
           "<col style=\"width:11%\"><col style=\"width:4.5%\"><col style=\"width:13%\"><col style=\"width:22%\">"
           "<col style=\"width:5.5%\"><col style=\"width:21%\"></colgroup>\n";
    out += fmt::format("<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th>"
                       "<th>{}</th><th>{}</th></tr></thead>\n<tbody>\n",
                       w.level1, w.weight, w.level2, w.weight, w.level3, w.weight, w.explanation, w.standard, w.score, w.basis);
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const auto& r = rows[i];
        out += "<tr>";
        for (int k = 0; k < 3; ++k) {
            int span = report::row_span(rows, i, k);
            if (span == 0) continue;
            std::string rs = span > 1 ? fmt::format(" rowspan=\"{}\"", span) : "";
            bool merged = !r.group[k].empty();
            out += fmt::format("<td{}{}>{}</td><td class=\"num{}\"{}>{}</td>", rs, merged ? " class=\"lv\"" : "",
                               html_escape(r.name[k]), merged ? " lvw" : "", rs, r.weight[k]);
        }
        std::string lost;
        if (r.kind == report::SheetRow::Kind::Leaf && r.node->score() && *r.node->score() < r.node->weight())
            lost = fmt::format("<span class=\"lostpts\">{}</span>",
                               fmt::format(fmt::runtime(en ? "lost {}" : "失 {}"), (r.node->weight() - *r.node->score()).to_fixed(2)));
        out += fmt::format("<td class=\"small\">{}</td><td class=\"small\">{}</td><td class=\"num score{}\">{}{}</td>"
                           "<td class=\"basis\">{}</td></tr>\n",
                           esc_lines(r.explanation), esc_lines(r.standard), score_class(r), html_escape(report::display_score(r)),
                           lost, esc_lines(r.basis));
    }
    out += fmt::format("<tr class=\"sum\"><td>{}</td><td class=\"num\">{}</td><td colspan=\"6\"></td><td class=\"num\">{}</td>"
                       "<td class=\"basis\">{}</td></tr>\n",
                       w.total, s.max.to_fixed(2), total, esc_lines(s.total_basis));
    if (!s.grade.empty())
        out += fmt::format("<tr class=\"sum\"><td>{}</td><td colspan=\"7\"></td><td class=\"num\">{}</td><td></td></tr>\n",
                           w.grade, html_escape(s.grade));
    out += "</tbody>\n</table>\n</section>\n";

    // The chart.
    std::string svg = chart(rows, lang);
    if (!svg.empty()) {
        out += fmt::format("<section class=\"chart\">\n<h2>{}</h2>\n", en ? "Score against weight" : "得分与分值");
        out += svg;
        out += "</section>\n";
    }
    out += fmt::format("<footer>{}</footer>\n</body>\n</html>\n",
                       en ? "Scored by pingfen from the ruleset and the department's data; every number is exact."
                          : "由 pingfen 按规则集与部门数据评分生成；所有数值均为精确十进制计算。");
    return out;
}

}  // namespace pingfen
