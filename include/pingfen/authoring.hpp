// What an editor needs beyond compiling and scoring: the language's own tokens, for
// highlighting and completion in the REPL, a host's editor or the workbench page. Kept apart
// from pingfen.hpp, whose five minutes a host needs for scoring.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen {

// One token as the real lexer reads it, so that a highlighter and the compiler never disagree.
struct SourceToken {
    enum class Kind {
        Keyword,      // 若 则 分档 … and their English spellings
        Identifier,   // a name: 执行率, 管理效率
        Number,       // 3, 0.5, ３
        Percent,      // 95%, ９５％
        String,       // "…" (a name written in quotes, or a text)
        Operator,     // ≤ < = + × ÷ …
        Punctuation,  // ( ) [ ] { } , : ; .  in either width
        Comment,      // # … or // …
        Unknown,      // a character the language has no use for
    };
    Kind kind = Kind::Unknown;
    std::string token;   // the lexer's name for it: "IF", "IDENT", "LBRACE" …
    std::string text;    // as written
    std::size_t begin = 0, end = 0;  // byte offsets into the text, [begin, end)
    int line = 1;                    // 1-based
    int column = 1;                  // 1-based, in characters (code points)
};

// The tokens of `source`, white space left out. Never fails: text that is not valid UTF-8 is
// read up to its first bad byte, and the rest is one Unknown token.
std::vector<SourceToken> tokenize(std::string_view source);

// Every keyword and operator of the language with all its spellings (Chinese first, then the
// English one), read from the grammar when pingfen was built.
struct KeywordSpellings {
    std::string token;                   // "IF"
    std::vector<std::string> spellings;  // {"若", "如果", "if"}
    bool is_operator = false;            // ≤ and its kind, rather than a word
};
const std::vector<KeywordSpellings>& keyword_spellings();

// Terminal columns of UTF-8 text: two for CJK and full-width characters, as render() counts
// them for the caret. For aligning tables and completion columns.
int display_width(std::string_view utf8);
// The one of `candidates` closest to `name` (edit distance over characters, within a third of
// its length), for "did you mean"; empty when none is close. The compiler's own measure.
std::string closest_name(const std::string& name, const std::vector<std::string>& candidates);

// ==== A session on a ruleset: what the REPL, an editor or the workbench asks of it ====
// These read the compiler's own structures (the parser's locations, the resolver's scopes,
// the data reader's fields), so a tool never re-implements a part of the language.

// ---- named values (局部命名值) ----
struct NamedValueInfo {
    std::string name;                    // 结余结转率
    std::vector<std::string> indicator;  // the indicator that defines it, from the top
    // Written outside every indicator (a value of the whole ruleset): listed under each top-level
    // indicator that reads it, with the same place each time.
    bool shared = false;
    std::string formula;                 // its expression, written as explanations write it
    std::string file;                    // where it is defined (an imported file, the session …)
    int line = 0, column = 0;            // 1-based; column in characters
};
// Every named value of the ruleset's indicators, in sheet order.
std::vector<NamedValueInfo> ruleset_named_values(const Ruleset& r);

// Every file the ruleset was compiled from: the main one first, then what it imports.
std::vector<std::string> ruleset_files(const Ruleset& r);

// ---- expressions in an indicator's scope ----
// `text` evaluated as if written inside the indicator at `indicator` (a whole path from the
// top; empty: outside every indicator): the named values of that indicator and its ancestors
// are visible and computed on `data`, `分值` is that indicator's points, the ruleset's inputs
// are read from `data` as scoring reads them (lists and goal tables too), and fields of `data`
// the ruleset does not declare are read as they are (a host's own values). A name found in two
// places means what it means in the rule. An unknown path is error E0016. The value is shown
// as evaluate_expression() shows it ("2.73%" for a percentage).
ExpressionResult evaluate_in_indicator(const Ruleset& r, const std::vector<std::string>& indicator,
                                       const std::string& text, const DepartmentData* data = nullptr);

// ---- department data, field by field ----
struct DataFieldInfo {
    std::string name;
    Datum::Kind kind = Datum::Kind::Number;  // List for a list and for a goal table
    bool table = false;                      // a goal table (a list of rows)
    std::size_t items = 0;                   // a list's items, a table's rows
    std::string text;  // the value in the data syntax: 1222.61, 2.73%, 是, "文本", [ … ]
    std::string words; // Text: the text itself, without the syntax's quotes and escapes
    int line = 0;      // where it is written; 0 when not known (data built in code)
};
std::string data_department(const DepartmentData& d);
std::optional<int> data_year(const DepartmentData& d);
std::vector<DataFieldInfo> data_fields(const DepartmentData& d);
// A copy of `d` with the field `name` set to `value` (replaced where it stands, or added last).
DataResult with_datum(const DepartmentData& d, const std::string& name, const Datum& value);
// A copy of `base` with every field of `over` set over it (replaced or added), department and
// year from `over` when it names them.
DataResult merge_data(const DepartmentData& base, const DepartmentData& over);

enum class DataSyntax { Json, Block };
// The data as a file of its own, exactly (numbers keep their digits, percentages their sign).
std::string data_as_text(const DepartmentData& d, DataSyntax syntax);
// The text of the data file `name` (read as `original`) holding the values of `now`: a value
// written on one line is replaced where it stands, so comments, "_说明" keys and layout stay;
// when a change cannot be made in place (a field added or removed, a list changed) the whole
// file is written anew in its syntax (data_as_text()).
std::string data_file_text(const std::string& name, const std::string& original, const DepartmentData& now);

// ---- the items of a ruleset text, from the real parser ----
// What a tool needs to rewrite a text item by item (the REPL turns a typed indicator into
// `替换 路径 { … }`): each top-level item with its byte range, and for an indicator its name,
// points and body.
struct SourceItem {
    enum class Kind { Header, Import, Inputs, Grades, Rounding, Indicator, Bonus, Penalty,
                      Modify, Replace, Remove, Add, Order, Data, Test };
    Kind kind = Kind::Header;
    std::string keyword;               // the lexer's token name of its first word: "LEVEL3"
    std::size_t begin = 0, end = 0;    // bytes [begin, end): its first word to its last token
    int line = 1, column = 1;          // of begin; column in characters
    std::vector<std::string> path;     // Modify … Order: the path it names; Indicator: {name};
                                       // Import: {file}; Test: {name}
    // Indicator, Bonus, Penalty: where its name and points are written, and its body (between
    // the braces, braces excluded); the closing brace at [body_end, close_end).
    std::size_t name_begin = 0, name_end = 0, weight_begin = 0, weight_end = 0;
    std::size_t body_begin = 0, body_end = 0, close_end = 0;
    std::string weight;  // as written: "2"
};
struct SourceOutline {
    std::vector<SourceItem> items;
    std::vector<Diagnostic> diagnostics;  // syntax errors: then `items` is empty
    bool ok() const { return !has_errors(diagnostics); }
};
// Reads `text` alone (its imports are not read).
SourceOutline outline_source(const std::string& name, std::string text);

// ---- tests written in another file ----
// The 测试 blocks of the file `tests_file` run on `r` (a session built on that file runs the
// file's tests on itself); `给定 "…"` paths are relative to tests_file. No tests: an empty report.
TestReport run_tests_of(const Ruleset& r, const std::string& tests_file, Language lang = Language::Chinese);

// ---- one file with everything resolved (pingfen flatten, :save --flat) ----
// The ruleset as one file that stands alone: imports inlined, changes (修改 替换 删除 增加 排序)
// applied, each leaf's body, input and grade band copied from where it was written (comments
// and 标准 kept; 沿用标准 written out). `name` is what its diagnostics call it. Before it is
// returned it is compiled and compared with `r` (the semantic diff, and every indicator's
// weight, 解释 and 标准): a file that would differ is refused with error E0607, never returned.
struct FlattenResult {
    std::optional<std::string> text;
    std::vector<Diagnostic> diagnostics;
};
FlattenResult flatten_ruleset(const Ruleset& r, const std::string& name = "<flat>");

// ==== end of the session API ====

}  // namespace pingfen
