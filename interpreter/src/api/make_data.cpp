// Department data built by a host in code (Datum), turned into the same DepartmentData a JSON
// file gives, so binding and validation against the ruleset are shared.
#include <fmt/format.h>

#include "api/guard.hpp"
#include "data/department.hpp"

namespace pingfen {

Datum Datum::number(const Decimal& v) {
    Datum d;
    d.value = v;
    return d;
}

Datum Datum::number(std::string_view exact) {
    Datum d;
    d.exact = std::string(exact);
    return d;
}

Datum Datum::percent(const Decimal& rate) {
    Datum d;
    d.kind = Kind::Percent;
    d.value = rate;
    return d;
}

Datum Datum::percent(std::string_view exact) {
    Datum d;
    d.kind = Kind::Percent;
    d.exact = std::string(exact);
    return d;
}

Datum Datum::yes_no(bool v) {
    Datum d;
    d.kind = Kind::YesNo;
    d.yes = v;
    return d;
}

Datum Datum::text(std::string v) {
    Datum d;
    d.kind = Kind::Text;
    d.words = std::move(v);
    return d;
}

Datum Datum::list(std::vector<Datum> items) {
    Datum d;
    d.kind = Kind::List;
    d.items = std::move(items);
    return d;
}

Datum Datum::row(std::vector<DatumField> fields) {
    Datum d;
    d.kind = Kind::Row;
    d.fields = std::move(fields);
    return d;
}

namespace {

class Converter {
public:
    Converter(const Loc& loc, DiagnosticSink& sink) : loc_(loc), sink_(sink) {}

    ast::DataValue value(const std::string& name, const Datum& d) {
        ast::DataValue v;
        v.loc = loc_;
        switch (d.kind) {
            case Datum::Kind::Number:
            case Datum::Kind::Percent: {
                v.kind = ast::DataValue::Kind::Number;
                v.percent = d.kind == Datum::Kind::Percent;
                v.number = d.exact.empty() ? d.value : exact(name, d.exact, v.percent);
                break;
            }
            case Datum::Kind::YesNo:
                v.kind = ast::DataValue::Kind::Bool;
                v.boolean = d.yes;
                break;
            case Datum::Kind::Text:
                v.kind = ast::DataValue::Kind::Text;
                v.text = d.words;
                break;
            case Datum::Kind::List:
                v.kind = ast::DataValue::Kind::List;
                for (const auto& item : d.items) v.list.push_back(value(name, item));
                break;
            case Datum::Kind::Row:
                v.kind = ast::DataValue::Kind::Object;
                for (const auto& f : d.fields) v.fields.emplace_back(f.name, value(name + "." + f.name, f.value));
                break;
        }
        return v;
    }

private:
    const Loc& loc_;
    DiagnosticSink& sink_;

    // "2.73%" or "0.0273" for a percentage, "1222.61" for a number; read exactly.
    Decimal exact(const std::string& name, std::string_view text, bool percent) {
        std::string_view t = text;
        bool with_sign = false;
        if (percent && !t.empty() && t.back() == '%') {
            t.remove_suffix(1);
            with_sign = true;
        }
        std::optional<Decimal> d = Decimal::parse(t);
        if (!d) {
            sink_.error("E0407", loc_, fmt::format("数据 `{}` 的数值 {} 无法精确表示", name, text),
                        fmt::format("the number {} of `{}` cannot be represented exactly", text, name));
            return Decimal();
        }
        return with_sign ? Decimal::hundredth(*d) : *d;
    }
};

DataResult make(std::string department, std::optional<int> year, std::vector<DatumField> fields) {
    DiagnosticSink sink;
    auto out = std::make_shared<DepartmentData>();
    // No file: diagnostics name the department instead of a path and a line.
    out->source = std::make_shared<const SourceFile>(department.empty() ? "<数据>" : department, "");
    out->department = std::move(department);
    out->year = year;
    const Loc loc{out->source.get(), 0, 0, 1};
    Converter convert(loc, sink);
    for (auto& f : fields) {
        if (out->find(f.name)) {
            sink.error("E0410", loc, fmt::format("数据 `{}` 重复给出", f.name), fmt::format("`{}` is given twice", f.name));
            continue;
        }
        out->fields.push_back(DepartmentData::Field{f.name, loc, convert.value(f.name, f.value)});
    }
    DataResult result;
    if (!sink.has_errors()) result.data = std::move(out);
    result.diagnostics = sink.take();
    return result;
}

}  // namespace

DataResult make_data(std::string department, std::optional<int> year, std::vector<DatumField> fields) {
    const std::string where = department;
    return api::guarded<DataResult>(where, [&] { return make(std::move(department), year, std::move(fields)); });
}

}  // namespace pingfen
