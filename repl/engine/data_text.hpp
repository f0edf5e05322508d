// A department's data as text the REPL can change one field of. The public API reads data but
// does not list its fields, so the REPL keeps the file's own fields: JSON is converted to the
// language's data syntax (numbers keep their text, so nothing passes through binary floating
// point), a data block is split into its entries. `:set 名称 = 值` replaces one entry and the
// whole is handed to parse_data as one `数据 "部门" 年度 N { … }` block.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace pingfen::repl {

struct DataEntry {
    std::string name;
    std::string value;  // in the data syntax: 1222.61, 2.73%, 是, "文本", [ … ], { … }
    enum class Shape { Scalar, List, Table } shape = Shape::Scalar;
    int items = 0;  // list items or table rows
};

struct DataText {
    std::string department;
    std::optional<int> year;
    std::vector<DataEntry> entries;

    const DataEntry* find(const std::string& name) const;
    void set(const std::string& name, const std::string& value);
    // The whole as one data block; `extra` entries (name, value) are appended (named values of
    // the REPL, for expressions).
    std::string block(const std::vector<std::pair<std::string, std::string>>& extra = {},
                      bool scalars_only = false) const;
};

// Reads a JSON or data-block file's text. `percent_inputs` names inputs declared 百分比, whose
// JSON strings like "2.73%" become percent literals. Nullopt (with *error) when the text cannot
// be split; the caller then falls back to the file as read by load_data_file.
std::optional<DataText> read_data_text(const std::string& text, bool json,
                                       const std::vector<std::string>& percent_inputs, std::string* error);

// A value typed by the user (`:set x = 值`), classified for display.
DataEntry::Shape shape_of(const std::string& value, int* items);

}  // namespace pingfen::repl
