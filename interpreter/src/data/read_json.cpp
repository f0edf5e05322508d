// Department data from JSON. nlohmann's SAX interface hands us each number's original text,
// which we convert to a decimal ourselves: 1222.61 stays 1222.61, never 1222.6099999….
#include <fmt/format.h>
#include <iterator>
#include <nlohmann/json.hpp>

#include "data/department.hpp"
#include "data/json_tree.hpp"
#include "diag/diag.hpp"

namespace pingfen::data {
namespace {

using json::Member;
using json::Node;

// The text as nlohmann reads it, one character at a time, remembering the last character read:
// when the parser hands over a key, that is the key's closing quote, so the key's place costs
// nothing to know (finding it afterwards was a search of the text for every key).
struct Cursor {
    using iterator_category = std::forward_iterator_tag;
    using value_type = char;
    using difference_type = std::ptrdiff_t;
    using pointer = const char*;
    using reference = const char&;
    const char* at = nullptr;
    const char** last = nullptr;
    reference operator*() const {
        *last = at;
        return *at;
    }
    Cursor& operator++() {
        ++at;
        return *this;
    }
    Cursor operator++(int) {
        Cursor old = *this;
        ++at;
        return old;
    }
    bool operator==(const Cursor& o) const { return at == o.at; }
    bool operator!=(const Cursor& o) const { return at != o.at; }
};

class Builder : public nlohmann::json_sax<nlohmann::json> {
public:
    explicit Builder(std::string_view text) : text_(text), last_(text.data()) {}
    const char** cursor() { return &last_; }

    Node root;
    std::string error_en;
    std::string overflow_token;  // set when the error is a number nlohmann could not hold
    std::size_t error_pos = 0;

    bool null() override { return put(Node{}); }
    bool boolean(bool b) override {
        Node n;
        n.kind = Node::Kind::Bool;
        n.boolean = b;
        return put(std::move(n));
    }
    bool number_integer(number_integer_t v) override { return number(std::to_string(v)); }
    bool number_unsigned(number_unsigned_t v) override { return number(std::to_string(v)); }
    bool number_float(number_float_t, const string_t& s) override { return number(s); }
    bool string(string_t& s) override {
        Node n;
        n.kind = Node::Kind::String;
        n.text = s;
        return put(std::move(n));
    }
    bool binary(binary_t&) override { return false; }
    bool start_object(std::size_t) override {
        Node n;
        n.kind = Node::Kind::Object;
        return open(std::move(n));
    }
    bool key(string_t& k) override {
        pending_key_ = k;
        // The closing quote was read last; the key is written as is unless it has escapes.
        const std::size_t close = static_cast<std::size_t>(last_ - text_.data());
        pending_offset_ = Loc::kNoOffset;
        if (close >= k.size() + 1 && text_[close] == '"' && text_[close - k.size() - 1] == '"' &&
            text_.compare(close - k.size(), k.size(), k) == 0)
            pending_offset_ = close - k.size() - 1;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override {
        Node n;
        n.kind = Node::Kind::Array;
        return open(std::move(n));
    }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t pos, const std::string& token, const nlohmann::detail::exception& ex) override {
        error_pos = pos;
        // 406: a number too large for nlohmann's double, which we never use; the text is the datum.
        if (ex.id == 406) overflow_token = token;
        error_en = ex.what();
        // "[json.exception.parse_error.101] parse error at line 3, column 5: syntax error …"
        auto p = error_en.find(": ");
        if (p != std::string::npos) error_en = error_en.substr(p + 2);
        // "last read: '{ \xE5'": nlohmann stops inside a character when the first byte of 做
        // cannot start a value. Cut the message at the broken character rather than print it.
        for (std::size_t bad = 0; !valid_utf8(error_en, &bad);) error_en.erase(bad, 1);
        return false;
    }

private:
    std::string_view text_;
    const char* last_;
    std::size_t pending_offset_ = Loc::kNoOffset;
    std::vector<Node*> stack_;
    std::string pending_key_;
    bool started_ = false;

    bool number(const std::string& s) {
        Node n;
        n.kind = Node::Kind::Number;
        n.text = s;
        return put(std::move(n));
    }
    Node* place(Node&& n) {
        if (stack_.empty()) {
            root = std::move(n);
            started_ = true;
            return &root;
        }
        Node* top = stack_.back();
        if (top->kind == Node::Kind::Object) {
            top->members.emplace_back(pending_key_, std::move(n), pending_offset_);
            return &top->members.back().second;
        }
        top->items.push_back(std::move(n));
        return &top->items.back();
    }
    bool put(Node&& n) {
        place(std::move(n));
        return true;
    }
    bool open(Node&& n) {
        stack_.push_back(place(std::move(n)));
        return stack_.size() < 64;  // data is never nested deeply; refuse rather than recurse
    }
    bool close() {
        stack_.pop_back();
        return true;
    }
};

// The place of a key: its offset, resolved to a line and column only if a diagnostic names it.
Loc key_loc(const SourceFile& src, const Member& m) {
    int length = 2;  // the quotes, and the key's code points
    for (unsigned char c : m.first) length += (c & 0xC0) != 0x80 ? 1 : 0;
    return Loc{&src, 0, 0, length, m.offset};
}

// Where "key" first appears as an object key, so a message can point at the field (a key
// written with escapes, whose place the parser could not give).
Loc locate_key(const SourceFile& src, const std::string& key) {
    std::string needle = "\"" + key + "\"";
    std::size_t pos = src.text.find(needle);
    if (pos == std::string::npos) return Loc{&src, 0, 0, 1};
    auto it = std::upper_bound(src.line_starts.begin(), src.line_starts.end(), pos);
    int line = static_cast<int>(it - src.line_starts.begin());
    std::size_t start = src.line_starts[static_cast<std::size_t>(line - 1)];
    int col = static_cast<int>(utf8_decode(std::string_view(src.text).substr(start, pos - start)).size()) + 1;
    return Loc{&src, line, col, static_cast<int>(utf8_decode(needle).size())};
}

Loc locate_offset(const SourceFile& src, std::size_t pos) {
    pos = std::min(pos, src.text.size());
    auto it = std::upper_bound(src.line_starts.begin(), src.line_starts.end(), pos > 0 ? pos - 1 : 0);
    int line = static_cast<int>(it - src.line_starts.begin());
    std::size_t start = src.line_starts[static_cast<std::size_t>(line - 1)];
    int col = static_cast<int>(utf8_decode(std::string_view(src.text).substr(start, pos > start ? pos - 1 - start : 0)).size()) + 1;
    return Loc{&src, line, col, 1};
}

// A field's name for a message ("产出目标.目标"), put together only when a message needs it.
struct FieldName {
    const FieldName* parent;
    std::string_view part;
    std::string str() const { return parent ? parent->str() + "." + std::string(part) : std::string(part); }
};

// The tree is taken apart as it is converted: its strings move into the data.
bool convert(Node& n, const Loc& loc, ast::DataValue& out, DiagnosticSink& sink, const FieldName& name) {
    out.loc = loc;
    switch (n.kind) {
        case Node::Kind::Number: {
            auto d = Decimal::parse(n.text);
            if (!d) {
                sink.error("E0407", loc, fmt::format("数据 `{}` 的数值 {} 无法精确表示", name.str(), n.text),
                           fmt::format("the number {} of `{}` cannot be represented exactly", n.text, name.str()));
                return false;
            }
            out.kind = ast::DataValue::Kind::Number;
            out.number = *d;
            return true;
        }
        case Node::Kind::Bool:
            out.kind = ast::DataValue::Kind::Bool;
            out.boolean = n.boolean;
            return true;
        case Node::Kind::String:
            // "2.73%" and "是" are interpreted by the validator, which knows the declared type.
            out.kind = ast::DataValue::Kind::Text;
            out.text = std::move(n.text);
            return true;
        case Node::Kind::Array:
            out.kind = ast::DataValue::Kind::List;
            out.list.reserve(n.items.size());
            for (Node& item : n.items) {
                out.list.emplace_back();
                if (!convert(item, loc, out.list.back(), sink, name)) return false;
            }
            return true;
        case Node::Kind::Null:
            return false;  // treated as absent
        case Node::Kind::Object:
            // A goal-table row; where an object does not belong, the validator says so.
            out.kind = ast::DataValue::Kind::Object;
            out.fields.reserve(n.members.size());
            for (auto& [k, v, at] : n.members) {
                if (k.rfind("_", 0) == 0) continue;
                ast::DataValue fv;
                if (convert(v, loc, fv, sink, FieldName{&name, k})) out.fields.emplace_back(std::move(k), std::move(fv));
            }
            return true;
    }
    return false;
}

// nlohmann's messages in Chinese: they are built from a handful of phrases ("syntax error while
// parsing object key - unexpected '}'; expected string literal"), translated longest first.
std::string json_error_zh(std::string text) {
    static const std::pair<const char*, const char*> kPhrases[] = {
        {"syntax error while parsing object separator", "对象的键后应有冒号"},
        {"syntax error while parsing object key", "读对象的键时出错"},
        {"syntax error while parsing object", "读对象时出错"},
        {"syntax error while parsing array", "读数组时出错"},
        {"syntax error while parsing value", "读值时出错"},
        {"invalid string: missing closing quote", "字符串缺少右引号"},
        {"invalid string: ill-formed UTF-8 byte", "字符串含有不合法的 UTF-8 字节"},
        {"invalid string: control character", "字符串含有须转义的控制字符"},
        {"invalid string: forbidden character after backslash", "反斜杠后的字符不允许"},
        {"invalid number; expected digit after '-'", "'-' 后应有数字"},
        {"invalid number; expected digit after '.'", "'.' 后应有数字"},
        {"invalid number; expected '+', '-', or digit after exponent", "指数 e 后应有数字"},
        {"invalid number; expected digit after exponent sign", "指数的正负号后应有数字"},
        {"invalid number", "数字不合法"},
        {"invalid literal", "无法识别的值"},
        {"invalid comment", "注释不合法"},
        {"unexpected end of input", "文件意外结束"},
        {"end of input", "文件结束"},
        {"number literal", "数字"},
        {"string literal", "带引号的字符串"},
        {"a literal", "一个值"},
        {"unexpected ", "意外的 "},
        {"last read: ", "已读到 "},
        {"expected ", "应为 "},
        {", or ", " 或 "},
        {" or ", " 或 "},
        {"; ", "；"},
        {" - ", "："},
    };
    std::string out;
    for (std::size_t i = 0; i < text.size();) {
        bool matched = false;
        for (const auto& [en, zh] : kPhrases) {
            const std::size_t n = std::char_traits<char>::length(en);
            if (text.compare(i, n, en) == 0) {
                out += zh;
                i += n;
                matched = true;
                break;
            }
        }
        if (!matched) out += text[i++];
    }
    return out;
}

}  // namespace

bool json::parse_with_nlohmann(std::string_view text, Node& root) {
    Builder b(text);
    const char* begin = text.data();
    bool ok = nlohmann::json::sax_parse(Cursor{begin, b.cursor()}, Cursor{begin + text.size(), b.cursor()}, &b,
                                        nlohmann::json::input_format_t::json, true, true);
    root = std::move(b.root);
    return ok;
}

std::shared_ptr<DepartmentData> read_json(SourcePtr src, DiagnosticSink& sink) {
    if (auto direct = json::read_department(src)) return direct;
    return read_json_tree(std::move(src), sink);
}

std::shared_ptr<DepartmentData> read_json_tree(SourcePtr src, DiagnosticSink& sink) {
    Builder b(src->text);
    // The fast path reads what it can; anything else, errors included, is nlohmann's to read.
    bool ok = json::scan(src->text, b.root);
    if (!ok) {
        // nlohmann's reader ends its input at a NUL byte, as a C string ends: whatever followed
        // one was dropped unread. JSON has none outside a string, nor raw inside one.
        if (const std::size_t nul = src->text.find('\0'); nul != std::string::npos) {
            Loc l = locate_offset(*src, nul);
            l.length = 1;
            sink.error("E0406", l, "JSON 格式错误：此处有一个空字符（NUL 字节），JSON 中不能有",
                       "invalid JSON: a NUL byte here, which JSON cannot hold");
            return nullptr;
        }
        b.root = Node{};
        const char* begin = src->text.data();
        ok = nlohmann::json::sax_parse(Cursor{begin, b.cursor()}, Cursor{begin + src->text.size(), b.cursor()}, &b,
                                       nlohmann::json::input_format_t::json, true, true);
    }
    if (!ok) {
        if (!b.overflow_token.empty()) {
            // The error position is just past the number.
            const std::size_t length = b.overflow_token.size();
            Loc l = locate_offset(*src, b.error_pos >= length ? b.error_pos - length : 0);
            l.length = static_cast<int>(length);
            sink.error("E0407", l, fmt::format("数值 {} 超出可读取的范围", b.overflow_token),
                       fmt::format("the number {} is out of the range that can be read", b.overflow_token));
            return nullptr;
        }
        Loc l = locate_offset(*src, b.error_pos);
        std::string en = b.error_en.empty() ? "invalid JSON" : b.error_en;
        sink.error("E0406", l, fmt::format("JSON 格式错误：{}", json_error_zh(en)), fmt::format("invalid JSON: {}", en));
        return nullptr;
    }
    if (b.root.kind != Node::Kind::Object) {
        sink.error("E0406", Loc{src.get(), 1, 1, 1}, "JSON 数据的最外层应为对象 {…}",
                   "the outermost JSON value must be an object {…}");
        return nullptr;
    }
    if (const std::size_t again = repeated_outer_key(b.root.members, [](const Member& m) -> std::string_view { return m.first; });
        again < b.root.members.size()) {
        const Member& m = b.root.members[again];
        const Loc l = m.offset != Loc::kNoOffset ? key_loc(*src, m) : locate_key(*src, m.first);
        sink.error("E0410", l, fmt::format("`{}` 重复给出：一个部门的数据只能写一个", m.first),
                   fmt::format("`{}` is given twice; a department's data has one", m.first));
        return nullptr;
    }
    auto out = std::make_shared<DepartmentData>();
    out->source = src;
    Node* values = &b.root;
    for (auto& [k, v, at] : b.root.members) {
        if ((k == "数据" || k == "data" || k == "inputs") && v.kind == Node::Kind::Object) values = &v;
    }
    const std::size_t dept = department_key(b.root.members, [](const Member& m) -> std::string_view { return m.first; });
    const Member* department = dept < b.root.members.size() ? &b.root.members[dept] : nullptr;
    if (department && department->second.kind == Node::Kind::String) out->department = department->second.text;
    for (const auto& [k, v, at] : b.root.members) {
        if ((k == "年度" || k == "year") && v.kind != Node::Kind::Null) {
            const Loc l = at != Loc::kNoOffset ? key_loc(*src, Member(k, Node{}, at)) : locate_key(*src, k);
            const bool scalar = v.kind == Node::Kind::Number || v.kind == Node::Kind::String;
            // An empty string is a year left out, as an empty cell is; true or a list is none.
            take_year(*out, scalar ? std::string_view(v.text) : v.kind == Node::Kind::Bool ? (v.boolean ? "true" : "false") : "[…]", l);
        }
    }
    // Beside a 数据 object, a key of the outer object is not a datum: said, so that a value
    // written one level too high is never silently left out (and an input's default used).
    if (values != &b.root)
        for (const auto& member : b.root.members) {
            const auto& [k, v, at] = member;
            if (&v == values || &member == department || year_or_comment_key(k)) continue;
            Loc l = at != Loc::kNoOffset ? key_loc(*src, member) : locate_key(*src, k);
            sink.warning("W0408", l,
                         fmt::format("`{}` 写在「数据」之外，不作为数据读取；部门的数据应写在 \"数据\": {{…}} 之内", k),
                         fmt::format("`{}` is outside \"数据\" and is not read as data; a department's values belong inside \"数据\": {{…}}", k));
        }
    out->fields.reserve(values->members.size());
    for (auto& member : values->members) {
        auto& [k, v, at] = member;
        if (&member == department) continue;
        if (values == &b.root && (k == "部门" || k == "department" || k == "年度" || k == "year" || k.rfind("_", 0) == 0))
            continue;
        if (k.rfind("_", 0) == 0) continue;  // "_说明": a comment by convention
        DepartmentData::Field f;
        f.loc = at != Loc::kNoOffset ? key_loc(*src, member) : locate_key(*src, k);
        if (!convert(v, f.loc, f.value, sink, FieldName{nullptr, k})) continue;
        f.name = std::move(k);
        out->fields.push_back(std::move(f));
    }
    return out;
}

}  // namespace pingfen::data
