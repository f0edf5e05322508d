#include "data_text.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <regex>

#include "lex.hpp"
#include "pingfen/decimal.hpp"
#include "text.hpp"

namespace pingfen::repl {
namespace {

struct Node {
    enum class Kind { Null, Bool, Number, String, Array, Object } kind = Kind::Null;
    bool boolean = false;
    std::string text;
    std::vector<std::pair<std::string, Node>> members;
    std::vector<Node> items;
};

// nlohmann's SAX interface hands over each number's text: 1222.61 stays 1222.61.
class Builder : public nlohmann::json_sax<nlohmann::json> {
public:
    Node root;
    std::string error;

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
        key_ = k;
        return true;
    }
    bool end_object() override { return close(); }
    bool start_array(std::size_t) override {
        Node n;
        n.kind = Node::Kind::Array;
        return open(std::move(n));
    }
    bool end_array() override { return close(); }
    bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) override {
        error = ex.what();
        return false;
    }

private:
    std::vector<Node*> stack_;
    std::string key_;

    bool number(const std::string& s) {
        Node n;
        n.kind = Node::Kind::Number;
        n.text = s;
        return put(std::move(n));
    }
    Node* place(Node&& n) {
        if (stack_.empty()) {
            root = std::move(n);
            return &root;
        }
        Node* top = stack_.back();
        if (top->kind == Node::Kind::Object) {
            top->members.emplace_back(key_, std::move(n));
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
        return stack_.size() < 64;
    }
    bool close() {
        stack_.pop_back();
        return true;
    }
};

bool is_percent_text(const std::string& s) {
    static const std::regex re(R"(^\s*-?[0-9]+(\.[0-9]+)?\s*(%|％)\s*$)");
    return std::regex_match(s, re);
}

std::string number_text(const std::string& s) {
    if (s.find_first_of("eE") == std::string::npos) return s;
    auto d = Decimal::parse(s);
    return d ? d->to_plain() : s;
}

// A JSON value in the data syntax. Null has no form: the caller leaves the field out.
std::optional<std::string> convert(const Node& n, bool percent) {
    switch (n.kind) {
        case Node::Kind::Null:
            return std::nullopt;
        case Node::Kind::Bool:
            return std::string(n.boolean ? "是" : "否");
        case Node::Kind::Number:
            return number_text(n.text);
        case Node::Kind::String:
            if (percent && is_percent_text(n.text)) {
                std::string t = trim(n.text);
                auto p = t.find("％");
                if (p != std::string::npos) t = t.substr(0, p) + "%";
                std::string out;
                for (char c : t)
                    if (c != ' ') out += c;
                return out;
            }
            return quote(n.text);
        case Node::Kind::Array: {
            std::string out = "[";
            bool first = true;
            for (const auto& item : n.items) {
                auto v = convert(item, false);
                if (!v) continue;
                out += (first ? "" : ", ") + *v;
                first = false;
            }
            return out + "]";
        }
        case Node::Kind::Object: {
            std::string out = "{";
            bool first = true;
            for (const auto& [k, v] : n.members) {
                if (starts_with(k, "_")) continue;
                auto t = convert(v, false);
                if (!t) continue;
                out += (first ? " " : ", ") + quote(k) + ": " + *t;
                first = false;
            }
            return out + (first ? "}" : " }");
        }
    }
    return std::nullopt;
}

}  // namespace

DataEntry::Shape shape_of(const std::string& value, int* items) {
    Scan s = tokenize(value);
    if (s.tokens.empty() || !s.tokens.front().is_punct("[")) {
        if (items) *items = 0;
        return DataEntry::Shape::Scalar;
    }
    // Count the top-level items of the list, and whether they are rows ({…}).
    int depth = 0, n = 0;
    bool rows = false, any = false;
    for (const auto& t : s.tokens) {
        if (t.opens()) {
            if (depth == 1 && t.is_punct("{")) rows = true;
            ++depth;
            if (depth == 2) any = true;
            continue;
        }
        if (t.closes()) {
            --depth;
            continue;
        }
        if (depth == 1 && t.is_punct(",")) ++n;
        else if (depth == 1) any = true;
    }
    if (items) *items = any ? n + 1 : 0;
    return rows ? DataEntry::Shape::Table : DataEntry::Shape::List;
}

const DataEntry* DataText::find(const std::string& name) const {
    for (const auto& e : entries)
        if (e.name == name) return &e;
    return nullptr;
}

void DataText::set(const std::string& name, const std::string& value) {
    DataEntry e;
    e.name = name;
    e.value = value;
    e.shape = shape_of(value, &e.items);
    for (auto& old : entries) {
        if (old.name == name) {
            old = e;
            return;
        }
    }
    entries.push_back(e);
}

std::string DataText::block(const std::vector<std::pair<std::string, std::string>>& extra, bool scalars_only) const {
    std::string out = "数据";
    if (!department.empty()) out += " " + quote(department);
    if (year) out += " 年度 " + std::to_string(*year);
    out += " {\n";
    for (const auto& e : entries) {
        if (scalars_only && e.shape != DataEntry::Shape::Scalar) continue;
        bool shadowed = false;
        for (const auto& x : extra) shadowed = shadowed || x.first == e.name;
        if (shadowed) continue;
        out += "  " + (is_identifier(e.name) ? e.name : quote(e.name)) + " = " + e.value + "\n";
    }
    for (const auto& [n, v] : extra) out += "  " + n + " = " + v + "\n";
    return out + "}\n";
}

std::optional<DataText> read_data_text(const std::string& text, bool json, const std::vector<std::string>& percent_inputs,
                                       std::string* error) {
    DataText out;
    if (json) {
        Builder b;
        if (!nlohmann::json::sax_parse(text, &b, nlohmann::json::input_format_t::json, true, true) ||
            b.root.kind != Node::Kind::Object) {
            if (error) *error = b.error.empty() ? "not a JSON object" : b.error;
            return std::nullopt;
        }
        const Node* values = nullptr;
        for (const auto& [k, v] : b.root.members) {
            if ((k == "部门" || k == "department") && v.kind == Node::Kind::String) out.department = v.text;
            if ((k == "年度" || k == "year") && v.kind == Node::Kind::Number) {
                auto d = Decimal::parse(v.text);
                if (d && d->to_int64()) out.year = static_cast<int>(*d->to_int64());
            }
            if ((k == "数据" || k == "data" || k == "inputs") && v.kind == Node::Kind::Object) values = &v;
        }
        bool flat = values == nullptr;
        if (flat) values = &b.root;
        for (const auto& [k, v] : values->members) {
            if (starts_with(k, "_")) continue;
            if (flat && (k == "部门" || k == "department" || k == "年度" || k == "year")) continue;
            bool percent = std::find(percent_inputs.begin(), percent_inputs.end(), k) != percent_inputs.end();
            auto t = convert(v, percent);
            if (!t) continue;
            out.set(k, *t);
        }
        return out;
    }
    // A data block: 数据 "部门" 年度 2023 { 名称 = 值 … }
    Scan s = tokenize(text);
    const auto& ts = s.tokens;
    std::size_t i = 0;
    while (i < ts.size() && !ts[i].is_kw("DATA")) ++i;
    if (i == ts.size()) {
        if (error) *error = "no data block";
        return std::nullopt;
    }
    ++i;
    if (i < ts.size() && ts[i].kind == Token::Kind::String) out.department = ts[i++].value;
    if (i + 1 < ts.size() && ts[i].is_kw("YEAR") && ts[i + 1].kind == Token::Kind::Number) {
        out.year = std::stoi(ts[i + 1].text);
        i += 2;
    }
    if (i >= ts.size() || !ts[i].is_punct("{")) {
        if (error) *error = "no `{` after the data block's header";
        return std::nullopt;
    }
    ++i;
    while (i < ts.size() && !ts[i].is_punct("}")) {
        if (i + 1 >= ts.size() || !(ts[i].kind == Token::Kind::Ident || ts[i].kind == Token::Kind::String) ||
            !ts[i + 1].is_punct("=")) {
            if (error) *error = "unexpected `" + ts[i].text + "` in the data block";
            return std::nullopt;
        }
        std::string name = ts[i].kind == Token::Kind::String ? ts[i].value : ts[i].text;
        std::size_t v0 = i + 2, j = v0;
        int depth = 0;
        while (j < ts.size()) {
            if (depth == 0 && ts[j].is_punct("}")) break;
            if (depth == 0 && j > v0 && j + 1 < ts.size() && ts[j].kind == Token::Kind::Ident && ts[j + 1].is_punct("="))
                break;
            if (ts[j].opens()) ++depth;
            if (ts[j].closes()) --depth;
            ++j;
        }
        if (j == v0) {
            if (error) *error = "no value for `" + name + "`";
            return std::nullopt;
        }
        out.set(name, text.substr(ts[v0].begin, ts[j - 1].end - ts[v0].begin));
        i = j;
    }
    return out;
}

}  // namespace pingfen::repl
