// Department data written by hand in the language's own block, with comments, percent
// literals and full-width punctuation: 数据 "花都区科工商信局" 年度 2023 { 支出率 = 99.99% }.
#include <fmt/format.h>

#include "data/department.hpp"
#include "front/parse.hpp"

namespace pingfen::data {

std::shared_ptr<DepartmentData> read_data_block(SourcePtr src, DiagnosticSink& sink) {
    auto module = front::parse_module(src, front::ParseLimits{}, sink);
    if (!module) return nullptr;
    if (module->data.size() != 1 || !module->indicators.empty() || !module->inputs.empty()) {
        sink.error("E0409", Loc{src.get(), 1, 1, 1},
                   "数据文件应只含一个 `数据 \"部门\" 年度 2023 { … }` 块",
                   "a data file must hold exactly one `data \"department\" year 2023 { … }` block");
        return nullptr;
    }
    auto out = std::make_shared<DepartmentData>();
    out->source = src;
    ast::DataBlock& b = module->data.front();
    out->department = b.department;
    out->year = b.year;
    for (auto& e : b.entries) {
        if (const auto* prev = out->find(e.name)) {
            sink.error("E0410", e.loc, fmt::format("数据 `{}` 重复给出", e.name),
                       fmt::format("`{}` is given twice", e.name));
            sink.last().notes.push_back(make_note(prev->loc, "第一次在这里", "first here"));
            continue;
        }
        out->fields.push_back({e.name, e.loc, std::move(e.value)});
    }
    // The fields' locations point into the source, which `out` keeps alive.
    return out;
}

}  // namespace pingfen::data
