// Department data field by field (pingfen/authoring.hpp): listing, changing and merging fields,
// and writing data back as a file, through the reader's own structures.
#include <algorithm>

#include "report/escape.hpp"
#include "api/guard.hpp"
#include "data/department.hpp"
#include "pingfen/authoring.hpp"

namespace pingfen {

namespace {

bool plain_name(const std::string& name) {
    auto ts = tokenize(name);
    return ts.size() == 1 && ts[0].kind == SourceToken::Kind::Identifier && ts[0].text == name;
}

std::string quoted(const std::string& s) {
    if (s.find('"') == std::string::npos) return "\"" + s + "\"";
    return "“" + s + "”";
}


std::string value_text(const ast::DataValue& v, DataSyntax syntax) {
    const bool json = syntax == DataSyntax::Json;
    switch (v.kind) {
        case ast::DataValue::Kind::Number:
            if (v.percent) return json ? "\"" + v.number.to_percent_exact() + "\"" : v.number.to_percent_exact();
            return v.number.to_plain();
        case ast::DataValue::Kind::Bool: return json ? (v.boolean ? "true" : "false") : (v.boolean ? "是" : "否");
        case ast::DataValue::Kind::Text: return json ? report::json_quote(v.text) : quoted(v.text);
        case ast::DataValue::Kind::List: {
            std::string out = "[";
            for (std::size_t i = 0; i < v.list.size(); ++i) out += (i ? ", " : "") + value_text(v.list[i], syntax);
            return out + "]";
        }
        case ast::DataValue::Kind::Object: {
            std::string out = "{";
            for (std::size_t i = 0; i < v.fields.size(); ++i) {
                const auto& [k, fv] = v.fields[i];
                out += (i ? ", " : " ") + (json ? report::json_quote(k) : (plain_name(k) ? k : quoted(k))) + ": " +
                       value_text(fv, syntax);
            }
            return out + " }";
        }
    }
    return "";
}

DataResult copy_of(const DepartmentData& d) {
    DataResult r;
    r.data = std::make_shared<DepartmentData>(d);
    return r;
}

}  // namespace

std::string data_department(const DepartmentData& d) { return d.department; }
std::optional<int> data_year(const DepartmentData& d) { return d.year; }

std::vector<DataFieldInfo> data_fields(const DepartmentData& d) {
    std::vector<DataFieldInfo> out;
    for (const auto& f : d.fields) {
        DataFieldInfo info;
        info.name = f.name;
        const ast::DataValue& v = f.value;
        switch (v.kind) {
            case ast::DataValue::Kind::Number: info.kind = v.percent ? Datum::Kind::Percent : Datum::Kind::Number; break;
            case ast::DataValue::Kind::Bool: info.kind = Datum::Kind::YesNo; break;
            case ast::DataValue::Kind::Text:
                info.kind = Datum::Kind::Text;
                info.words = v.text;
                break;
            case ast::DataValue::Kind::List:
                info.kind = Datum::Kind::List;
                info.items = v.list.size();
                info.table = !v.list.empty() && v.list.front().kind == ast::DataValue::Kind::Object;
                break;
            case ast::DataValue::Kind::Object: info.kind = Datum::Kind::Row; break;
        }
        info.text = value_text(v, DataSyntax::Block);
        info.line = f.loc.valid() ? f.loc.resolved().line : 0;
        out.push_back(std::move(info));
    }
    return out;
}

DataResult merge_data(const DepartmentData& base, const DepartmentData& over) {
    return api::guarded<DataResult>(base.department, [&] {
        DataResult r = copy_of(base);
        auto& d = const_cast<DepartmentData&>(*r.data);
        if (!over.department.empty()) d.department = over.department;
        if (over.year) d.year = over.year, d.bad_year.clear();
        if (!over.bad_year.empty()) d.year.reset(), d.bad_year = over.bad_year, d.bad_year_loc = over.bad_year_loc;
        for (const auto& f : over.fields) {
            auto it = std::find_if(d.fields.begin(), d.fields.end(), [&](const auto& g) { return g.name == f.name; });
            if (it != d.fields.end()) *it = f;
            else d.fields.push_back(f);
        }
        // The values of `over` point into its source: keep it with the copy.
        if (over.source && over.source != base.source) d.kept_sources.push_back(over.source);
        return r;
    });
}

DataResult with_datum(const DepartmentData& d, const std::string& name, const Datum& value) {
    DataResult one = make_data("", std::nullopt, {{name, value}});
    if (!one.ok()) return one;
    return merge_data(d, *one.data);
}

std::string data_as_text(const DepartmentData& d, DataSyntax syntax) {
    std::string out;
    if (syntax == DataSyntax::Json) {
        out = "{\n";
        if (!d.department.empty()) out += "  \"部门\": " + report::json_quote(d.department) + ",\n";
        if (d.year) out += "  \"年度\": " + std::to_string(*d.year) + ",\n";
        out += "  \"数据\": {";
        for (std::size_t i = 0; i < d.fields.size(); ++i)
            out += std::string(i ? "," : "") + "\n    " + report::json_quote(d.fields[i].name) + ": " +
                   value_text(d.fields[i].value, syntax);
        return out + "\n  }\n}\n";
    }
    out = "数据";
    if (!d.department.empty()) out += " " + quoted(d.department);
    if (d.year) out += " 年度 " + std::to_string(*d.year);
    out += " {\n";
    for (const auto& f : d.fields)
        out += "    " + (plain_name(f.name) ? f.name : quoted(f.name)) + " = " + value_text(f.value, syntax) + "\n";
    return out + "}\n";
}

namespace {

// Byte offset of a location's line and column in `text`.
std::size_t offset_of(const std::string& text, const Loc& loc) {
    if (loc.offset != Loc::kNoOffset) return loc.offset;
    std::size_t at = 0;
    for (int l = 1; l < loc.line && at != std::string::npos; ++l) {
        at = text.find('\n', at);
        if (at != std::string::npos) ++at;
    }
    if (at == std::string::npos) return std::string::npos;
    for (int c = 1; c < loc.column && at < text.size();) {
        ++at;
        if ((static_cast<unsigned char>(text[at]) & 0xC0) != 0x80) ++c;
    }
    return at;
}

// The bytes of the value written after the field whose name starts at `at`, on its line.
std::optional<std::pair<std::size_t, std::size_t>> value_span(const std::string& text, std::size_t at, bool json) {
    std::size_t eol = text.find('\n', at);
    if (eol == std::string::npos) eol = text.size();
    std::size_t i = at;
    if (json) {
        if (text[i] != '"') return std::nullopt;
        i = text.find('"', i + 1);
        if (i == std::string::npos || i > eol) return std::nullopt;
        i = text.find(':', i);
    } else {
        std::size_t best = std::string::npos;
        for (const char* sep : {"=", "＝", ":", "："}) best = std::min(best, text.find(sep, i));
        i = best;
    }
    if (i == std::string::npos || i >= eol) return std::nullopt;
    i += (static_cast<unsigned char>(text[i]) < 0x80) ? 1 : 3;
    while (i < eol && (text[i] == ' ' || text[i] == '\t')) ++i;
    if (i >= eol) return std::nullopt;
    std::size_t end;
    if (text[i] == '"') {
        end = i + 1;
        while (end < eol && text[end] != '"') end += text[end] == '\\' && json ? 2 : 1;
        if (end >= eol) return std::nullopt;
        ++end;
    } else if (text[i] == '[' || text[i] == '{') {
        return std::nullopt;  // lists and rows are written anew
    } else {
        end = i;
        while (end < eol && text[end] != ',' && text[end] != '}' && text[end] != '#' && text[end] != '\r' &&
               text.compare(end, 2, "//") != 0 && text.compare(end, 3, "，") != 0)
            ++end;
        while (end > i && (text[end - 1] == ' ' || text[end - 1] == '\t')) --end;
    }
    return std::make_pair(i, end);
}

// The same file content: compared as written in `syntax` (in JSON "2.73%" is the text a
// percentage is written as, whichever of the two a reader made of it).
bool same_values(const DepartmentData& a, const DepartmentData& b, DataSyntax syntax) {
    if (a.fields.size() != b.fields.size() || a.department != b.department || a.year != b.year) return false;
    for (const auto& f : a.fields) {
        const auto* g = b.find(f.name);
        if (!g || value_text(f.value, syntax) != value_text(g->value, syntax)) return false;
    }
    return true;
}

std::string file_text(const std::string& name, const std::string& original, const DepartmentData& now) {
    std::size_t first = original.find_first_not_of(" \t\r\n\xEF\xBB\xBF");
    const bool json = (name.size() >= 5 && name.compare(name.size() - 5, 5, ".json") == 0) ||
                      (first != std::string::npos && original[first] == '{');
    const DataSyntax syntax = json ? DataSyntax::Json : DataSyntax::Block;
    DataResult old = parse_data(name, original);
    if (old.ok()) {
        // Changed values replaced where they stand, from the last in the file to the first.
        std::vector<std::tuple<std::size_t, std::size_t, std::string>> edits;
        bool in_place = true;
        std::size_t last_end = std::string::npos;  // the end of the value written last in the file
        for (const auto& f : old.data->fields) {
            const auto* g = now.find(f.name);
            if (!g) {
                in_place = false;  // a field removed: written anew
                break;
            }
            auto span = value_span(original, offset_of(original, f.loc), json);
            if (span && (last_end == std::string::npos || span->second > last_end)) last_end = span->second;
            std::string before = value_text(f.value, syntax), after = value_text(g->value, syntax);
            if (before == after) continue;
            if (!span) {
                in_place = false;
                break;
            }
            edits.emplace_back(span->first, span->second, after);
        }
        // Fields added: after the last value, on lines of their own, indented like its line.
        std::string added;
        for (const auto& g : now.fields) {
            if (old.data->find(g.name)) continue;
            if (last_end == std::string::npos) {
                in_place = false;
                break;
            }
            std::size_t line_start = last_end == 0 ? std::string::npos : original.rfind('\n', last_end - 1);
            line_start = line_start == std::string::npos ? 0 : line_start + 1;
            std::size_t indent_end = original.find_first_not_of(" \t", line_start);
            const std::string indent = original.substr(line_start, indent_end - line_start);
            added += json ? ",\n" + indent + report::json_quote(g.name) + ": " + value_text(g.value, syntax)
                          : "\n" + indent + (plain_name(g.name) ? g.name : quoted(g.name)) + " = " + value_text(g.value, syntax);
        }
        if (in_place && !added.empty()) {
            // In a data block the line may end with a comment: the new line goes after it.
            std::size_t at = last_end;
            if (!json) {
                at = original.find('\n', last_end);
                if (at == std::string::npos) at = original.size();
            }
            edits.emplace_back(at, at, added);
        }
        if (in_place) {
            std::sort(edits.begin(), edits.end(), [](const auto& a, const auto& b) { return std::get<0>(a) > std::get<0>(b); });
            std::string text = original;
            for (const auto& [b, e, v] : edits) text.replace(b, e - b, v);
            DataResult check = parse_data(name, text);
            if (check.ok() && same_values(*check.data, now, syntax)) return text;
        }
    }
    return data_as_text(now, syntax);
}

}  // namespace

std::string data_file_text(const std::string& name, const std::string& original, const DepartmentData& now) {
    struct Out {
        std::string text;
        std::vector<Diagnostic> diagnostics;
    };
    return api::guarded<Out>(name, [&] { return Out{file_text(name, original, now), {}}; }).text;
}

}  // namespace pingfen
