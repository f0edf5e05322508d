#include "source_scan.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <optional>
#include <set>
#include <sstream>

#include "lex.hpp"

namespace pingfen::repl {
namespace {

namespace fs = std::filesystem;

bool has_prefix(const std::vector<std::string>& path, const std::vector<std::string>& prefix) {
    return path.size() >= prefix.size() && std::equal(prefix.begin(), prefix.end(), path.begin());
}

// A path starting at token i (names and dots); sets `next` past it.
std::vector<std::string> read_path(const std::vector<Token>& ts, std::size_t i, std::size_t& next) {
    std::vector<std::string> path;
    while (i < ts.size() && (ts[i].kind == Token::Kind::Ident || ts[i].kind == Token::Kind::String)) {
        path.push_back(ts[i].kind == Token::Kind::String ? ts[i].value : ts[i].text);
        ++i;
        if (i < ts.size() && ts[i].is_punct(".")) ++i;
        else break;
    }
    next = i;
    return path;
}

bool binary_operator(const Token& t) {
    if (t.kind == Token::Kind::Punct)
        return t.value == "+" || t.value == "-" || t.value == "*" || t.value == "/" || t.value == "," ||
               t.value == "(" || t.value == "[" || t.value == "<" || t.value == ">" || t.value == "<=" ||
               t.value == ">=" || t.value == "=" || t.value == "==" || t.value == "!=";
    return t.is_kw("AND") || t.is_kw("OR") || t.is_kw("NOT") || t.is_kw("IF") || t.is_kw("THEN") || t.is_kw("ELSE");
}

std::optional<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return std::nullopt;
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

std::vector<const LocalDef*> SourceScan::find(const std::string& name) const {
    std::vector<const LocalDef*> out;
    for (const auto& d : locals) {
        if (d.name != name) continue;
        bool replaced = false;
        for (auto& o : out) {
            if (o->indicator == d.indicator) {
                o = &d;
                replaced = true;
            }
        }
        if (!replaced) out.push_back(&d);
    }
    return out;
}

std::vector<const LocalDef*> SourceScan::of_indicator(const std::vector<std::string>& path) const {
    std::vector<const LocalDef*> out;
    for (const auto& d : locals) {
        if (d.indicator != path) continue;
        bool replaced = false;
        for (auto& o : out) {
            if (o->name == d.name) {
                o = &d;
                replaced = true;
            }
        }
        if (!replaced) out.push_back(&d);
    }
    return out;
}

void scan_source(const std::string& text, const std::string& path, SourceScan& out, int depth) {
    if (depth > 32) return;
    Scan s = tokenize(text);
    const auto& ts = s.tokens;
    enum class Kind { Indicator, Container, Skip, Other };
    struct Frame {
        Kind kind;
        std::vector<std::string> path;
    };
    std::vector<Frame> stack;
    Kind pending = Kind::Other;
    std::vector<std::string> pending_path;
    auto current = [&]() -> std::vector<std::string> { return stack.empty() ? std::vector<std::string>{} : stack.back().path; };
    auto skipping = [&] {
        return std::any_of(stack.begin(), stack.end(), [](const Frame& f) { return f.kind == Kind::Skip; });
    };
    auto drop = [&](const std::vector<std::string>& p) {
        out.locals.erase(std::remove_if(out.locals.begin(), out.locals.end(),
                                        [&](const LocalDef& d) { return has_prefix(d.indicator, p); }),
                         out.locals.end());
    };
    fs::path base = fs::path(path).parent_path();
    for (std::size_t i = 0; i < ts.size(); ++i) {
        const Token& t = ts[i];
        if (t.is_punct("{")) {
            Frame f{pending, pending == Kind::Other ? current() : pending_path};
            if (pending == Kind::Skip || pending == Kind::Other) f.path = current();
            stack.push_back(std::move(f));
            pending = Kind::Other;
            continue;
        }
        if (t.closes() || t.opens()) {
            if (t.is_punct("}") && !stack.empty()) stack.pop_back();
            continue;
        }
        if (skipping()) continue;
        if (stack.empty() && t.is_kw("IMPORT") && i + 1 < ts.size() && ts[i + 1].kind == Token::Kind::String) {
            std::string target = (base / ts[i + 1].value).lexically_normal().generic_string();
            if (std::find(out.files.begin(), out.files.end(), target) == out.files.end()) {
                out.files.push_back(target);
                if (auto txt = read_text(target)) scan_source(*txt, target, out, depth + 1);
            }
            ++i;
            continue;
        }
        if (t.is_kw("TEST") || t.is_kw("DATA") || t.is_kw("INPUTS") || t.is_kw("GRADES")) {
            pending = Kind::Skip;
            continue;
        }
        if ((is_level_keyword(t) || t.is_kw("BONUS") || t.is_kw("PENALTY")) && i + 1 < ts.size() &&
            (ts[i + 1].kind == Token::Kind::Ident || ts[i + 1].kind == Token::Kind::String)) {
            pending = Kind::Indicator;
            pending_path = current();
            pending_path.push_back(ts[i + 1].kind == Token::Kind::String ? ts[i + 1].value : ts[i + 1].text);
            ++i;
            continue;
        }
        if (stack.empty() && t.is_kw("REPLACE")) {
            std::size_t next;
            pending_path = read_path(ts, i + 1, next);
            pending = Kind::Indicator;
            // The block's members, to know which of the old named values it keeps.
            std::string members;
            if (next < ts.size() && ts[next].is_punct("{")) {
                std::size_t close = next;
                for (int d = 0; close < ts.size(); ++close) {
                    if (ts[close].opens()) ++d;
                    if (ts[close].closes() && --d == 0) break;
                }
                if (close < ts.size()) members = text.substr(ts[next].end, ts[close].begin - ts[next].end);
            }
            std::vector<LocalDef> kept = kept_by_replacement(out, pending_path, members);
            drop(pending_path);
            for (auto& k : kept) out.locals.push_back(std::move(k));
            i = next - 1;
            continue;
        }
        if (stack.empty() && t.is_kw("REMOVE")) {
            std::size_t next;
            drop(read_path(ts, i + 1, next));
            i = next - 1;
            continue;
        }
        if (stack.empty() && t.is_kw("ADD") && i + 1 < ts.size() && ts[i + 1].is_kw("INTO")) {
            std::size_t next;
            pending_path = read_path(ts, i + 2, next);
            pending = Kind::Container;
            i = next - 1;
            continue;
        }
        // 名称 = 表达式, at the start of a line or just after `{`, inside an indicator.
        if (t.kind == Token::Kind::Ident && i + 1 < ts.size() && ts[i + 1].is_punct("=") && !stack.empty() &&
            !current().empty() && (i == 0 || ts[i - 1].line != t.line || ts[i - 1].is_punct("{"))) {
            std::size_t j = i + 2;
            int d = 0;
            while (j < ts.size()) {
                const Token& u = ts[j];
                bool new_line = ts[j - 1].line != u.line;
                if (new_line && d == 0 && !binary_operator(ts[j - 1])) break;
                if (u.opens()) ++d;
                if (u.closes()) {
                    if (d == 0) break;
                    --d;
                }
                ++j;
            }
            if (j > i + 2) {
                LocalDef def;
                def.name = t.text;
                def.expr = text.substr(ts[i + 2].begin, ts[j - 1].end - ts[i + 2].begin);
                def.indicator = current();
                def.file = path;
                def.line = t.line;
                out.locals.push_back(std::move(def));
            }
            i = j - 1;
            continue;
        }
    }
}

std::vector<TestBlock> extract_tests(const std::string& text) {
    std::vector<TestBlock> out;
    Scan s = tokenize(text);
    const auto& ts = s.tokens;
    int depth = 0;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        if (ts[i].opens()) ++depth;
        else if (ts[i].closes()) --depth;
        if (depth != 0 || !ts[i].is_kw("TEST")) continue;
        std::size_t j = i + 1;
        while (j < ts.size() && !ts[j].is_punct("{")) ++j;
        int d = 0;
        for (; j < ts.size(); ++j) {
            if (ts[j].opens()) ++d;
            if (ts[j].closes() && --d == 0) break;
        }
        if (j >= ts.size()) break;
        out.push_back({text.substr(ts[i].begin, ts[j].end - ts[i].begin), ts[i].line});
        i = j;
    }
    return out;
}

std::vector<std::string> identifiers_in(const std::string& expr) {
    std::vector<std::string> out;
    Scan s = tokenize(expr);
    for (std::size_t i = 0; i < s.tokens.size(); ++i) {
        const Token& t = s.tokens[i];
        if (t.kind != Token::Kind::Ident) continue;
        if (i + 1 < s.tokens.size() && s.tokens[i + 1].is_punct("(")) continue;  // a function
        if (std::find(out.begin(), out.end(), t.text) == out.end()) out.push_back(t.text);
    }
    return out;
}

std::vector<LocalDef> kept_by_replacement(const SourceScan& scan, const std::vector<std::string>& path,
                                          const std::string& members) {
    Scan s = tokenize(members);
    const auto& ts = s.tokens;
    std::set<std::string> defined;
    for (std::size_t i = 0; i + 1 < ts.size(); ++i)
        if (ts[i].kind == Token::Kind::Ident && ts[i + 1].is_punct("=") &&
            (i == 0 || ts[i - 1].is_punct("{") || ts[i - 1].line != ts[i].line))
            defined.insert(ts[i].text);
    auto originals = scan.of_indicator(path);
    std::set<std::string> wanted;
    std::vector<std::string> todo = identifiers_in(members);
    while (!todo.empty()) {
        std::string id = todo.back();
        todo.pop_back();
        if (defined.count(id) || wanted.count(id)) continue;
        for (const auto* o : originals) {
            if (o->name != id) continue;
            wanted.insert(id);
            for (const auto& dep : identifiers_in(o->expr)) todo.push_back(dep);
        }
    }
    std::vector<LocalDef> out;
    for (const auto* o : originals)
        if (wanted.count(o->name)) out.push_back(*o);
    return out;
}

}  // namespace pingfen::repl
