// A department's data as read from a file: named values with where they were written.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "ast/ast.hpp"
#include "diag/diag.hpp"
#include "pingfen/pingfen.hpp"

namespace pingfen {

class DepartmentData {
public:
    struct Field {
        std::string name;
        Loc loc;
        ast::DataValue value;
    };

    SourcePtr source;
    std::string department;
    std::optional<int> year;
    std::vector<Field> fields;

    const Field* find(const std::string& name) const {
        for (const auto& f : fields)
            if (f.name == name) return &f;
        return nullptr;
    }
};

namespace data {

// JSON: {"部门": "…", "年度": 2023, "数据": {"名称": 值, …}} (or English keys department, year,
// data; or a flat object of values). Numbers are taken from their text, never through a double.
std::shared_ptr<DepartmentData> read_json(SourcePtr src, DiagnosticSink& sink);
// The language's own block: 数据 "部门" 年度 2023 { 名称 = 值 … }, with comments.
std::shared_ptr<DepartmentData> read_data_block(SourcePtr src, DiagnosticSink& sink);

}  // namespace data
}  // namespace pingfen
