#include "data/finding_datum.hpp"

#include <algorithm>
#include <fmt/format.h>

#include "data/number_text.hpp"

namespace pingfen::data {
namespace {

using ast::DataValue;

FindingDatum wrong(std::string zh, std::string en) {
    FindingDatum d;
    d.why_zh = std::move(zh);
    d.why_en = std::move(en);
    return d;
}

}  // namespace

FindingDatum read_finding(const DataValue& dv) {
    const DataValue* points = nullptr;
    std::string_view reason, cell_points;
    if (dv.kind == DataValue::Kind::Object) {
        for (const auto& field : dv.fields) {
            if (field.first == "扣分" || field.first == "points") {
                points = &field.second;
            } else if (field.first == "理由" || field.first == "reason") {
                if (field.second.kind != DataValue::Kind::Text) return wrong("理由应为文字", "the reason must be text");
                reason = field.second.text;
            } else {
                return wrong(fmt::format("`{}` 不是核查的一项，核查只有 扣分 与 理由", field.first),
                             fmt::format("`{}` is not part of a finding, which has only 扣分 and 理由", field.first));
            }
        }
        if (!points) return wrong("缺少 扣分", "扣分 (points) is missing");
    } else if (dv.kind == DataValue::Kind::Number) {
        points = &dv;
    } else if (dv.kind == DataValue::Kind::Text) {
        // One cell: the points, then the reason after a semicolon (full-width or not).
        const std::string_view t = dv.text;
        const std::size_t cut = std::min(t.find(';'), t.find("；"));
        cell_points = t.substr(0, cut);
        if (cut != std::string_view::npos) reason = t.substr(cut + (t[cut] == ';' ? 1 : std::string_view("；").size()));
    } else {
        return wrong("", "");
    }
    FindingDatum out;
    if (points && points->kind == DataValue::Kind::Number && !points->percent) {
        out.points = points->number;
    } else {
        // A percentage is no number of points; text must read as a number exactly.
        NumberText t = read_number_text(points ? std::string_view(points->text) : cell_points);
        if ((points && points->kind != DataValue::Kind::Text) || !t.ok || t.percent)
            return wrong("扣分应为分数，如 0.5", "the points must be a number such as 0.5");
        out.points = t.value;
    }
    out.reason = reason;
    out.ok = true;
    return out;
}

}  // namespace pingfen::data
