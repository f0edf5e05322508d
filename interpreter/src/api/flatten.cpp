// flatten_ruleset (pingfen/authoring.hpp): a compiled ruleset written back as one file with its
// imports inlined and its changes (修改 替换 删除 增加 排序) applied. The tree comes from the
// compiler; each leaf's body, each input and the grade bands are copied from the text they were
// written in, so their comments and 标准 stay. The result is compiled and compared with the
// ruleset before it is returned: a file that would differ is refused (E0607), never written.
#include <fmt/format.h>
#include <map>

#include "api/guard.hpp"
#include "ast/ast.hpp"
#include "pingfen/authoring.hpp"
#include "sema/ruleset.hpp"

namespace pingfen {

namespace {

std::size_t byte_offset(const SourceFile& f, int line, int column) {
    if (line < 1 || line > f.line_count()) return std::string::npos;
    std::size_t at = f.line_starts[static_cast<std::size_t>(line - 1)];
    for (int c = 1; c < column && at < f.text.size();) {
        ++at;
        if (at >= f.text.size() || (static_cast<unsigned char>(f.text[at]) & 0xC0) != 0x80) ++c;
    }
    return at;
}

std::string quoted_name(const std::string& name) {
    auto ts = tokenize(name);
    if (ts.size() == 1 && ts[0].kind == SourceToken::Kind::Identifier && ts[0].text == name) return name;
    return name.find('"') == std::string::npos ? "\"" + name + "\"" : "“" + name + "”";
}

std::string quoted_text(const std::string& s) {
    return s.find('"') == std::string::npos ? "\"" + s + "\"" : "“" + s + "”";
}

class Flattener {
public:
    explicit Flattener(const Ruleset& r) : r_(r) {}

    std::string run() {
        const ast::Module& m = *r_.module;
        std::string out;
        out += "# 由 pingfen flatten 生成：" + (m.source ? m.source->path : std::string()) +
               " 及其引用的文件合为一个文件，改动（修改、替换、删除、增加、排序）均已套用；测试未收入。\n";
        out += "# Written by pingfen flatten: one file, imports inlined and changes applied; tests not included.\n\n";
        out += "规则集 " + quoted_text(m.title.value_or("")) + (m.year ? " 年度 " + std::to_string(*m.year) : "") + " 总分 " +
               r_.total.to_string() + "\n";
        if (m.rounding)
            out += std::string("舍入 ") + (m.rounding->where == ast::Rounding::Where::Leaves ? "叶指标" : "总分") + " 四舍五入 保留 " +
                   std::to_string(m.rounding->places) + " 位\n";
        inputs(out);
        grades(out);
        for (const auto& ind : m.indicators) indicator(*ind, out, 0);
        for (const auto& adj : m.adjustments) out += "\n" + whole_item(*adj) + "\n";
        return out;
    }

private:
    const Ruleset& r_;
    std::map<const SourceFile*, std::vector<SourceToken>> tokens_;

    const std::vector<SourceToken>& tokens(const SourceFile* f) {
        auto it = tokens_.find(f);
        if (it != tokens_.end()) return it->second;
        std::vector<SourceToken> ts;
        for (auto& t : tokenize(f->text))
            if (t.kind != SourceToken::Kind::Comment) ts.push_back(std::move(t));
        return tokens_.emplace(f, std::move(ts)).first->second;
    }

    // The token starting at byte `at`, or the first after it.
    std::size_t token_at(const std::vector<SourceToken>& ts, std::size_t at) {
        std::size_t i = 0;
        while (i < ts.size() && ts[i].begin < at) ++i;
        return i;
    }

    static bool opens(const SourceToken& t) { return t.token == "LBRACE" || t.token == "LPAREN" || t.token == "LBRACK"; }
    static bool closes(const SourceToken& t) { return t.token == "RBRACE" || t.token == "RPAREN" || t.token == "RBRACK"; }

    // The token closing the bracket opened at `open`.
    std::size_t matching(const std::vector<SourceToken>& ts, std::size_t open) {
        int depth = 0;
        for (std::size_t i = open; i < ts.size(); ++i) {
            if (opens(ts[i])) ++depth;
            if (closes(ts[i]) && --depth == 0) return i;
        }
        return ts.size();
    }

    // The `{` of the innermost block holding byte `at`.
    std::size_t enclosing_brace(const std::vector<SourceToken>& ts, std::size_t at) {
        std::vector<std::size_t> stack;
        for (std::size_t i = 0; i < ts.size() && ts[i].begin < at; ++i) {
            if (opens(ts[i])) stack.push_back(i);
            if (closes(ts[i]) && !stack.empty()) stack.pop_back();
        }
        while (!stack.empty() && ts[stack.back()].token != "LBRACE") stack.pop_back();
        return stack.empty() ? ts.size() : stack.back();
    }

    void inputs(std::string& out) {
        const ast::Module& m = *r_.module;
        if (m.inputs.empty()) return;
        // Each declaration runs from its name to the next one's (or the block's end).
        std::map<std::pair<const SourceFile*, std::size_t>, std::string> text_of;
        for (const auto& in : m.inputs) {
            const SourceFile* f = in.loc.file;
            if (!f) continue;
            const auto& ts = tokens(f);
            std::size_t at = byte_offset(*f, in.loc.line, in.loc.column);
            std::size_t i = token_at(ts, at);
            if (i >= ts.size()) continue;
            std::size_t j = i + 1;
            int depth = 0;
            for (; j < ts.size(); ++j) {
                if (depth == 0 && ts[j].token == "RBRACE") break;
                if (depth == 0 && ts[j].kind == SourceToken::Kind::Identifier && j + 1 < ts.size() &&
                    ts[j + 1].token.rfind("T_", 0) == 0)
                    break;
                if (opens(ts[j])) ++depth;
                if (closes(ts[j])) --depth;
            }
            std::size_t end = ts[j - 1].end;
            // A comment after it on its line goes with it.
            std::size_t eol = f->text.find('\n', end);
            std::string rest = f->text.substr(end, (eol == std::string::npos ? f->text.size() : eol) - end);
            if (rest.find('#') != std::string::npos || rest.find("//") != std::string::npos) end = eol == std::string::npos ? f->text.size() : eol;
            text_of[{f, at}] = f->text.substr(ts[i].begin, end - ts[i].begin);
        }
        out += "\n输入 {\n";
        for (const auto& in : m.inputs) {
            if (!in.loc.file) continue;
            out += "  " + text_of[{in.loc.file, byte_offset(*in.loc.file, in.loc.line, in.loc.column)}] + "\n";
        }
        out += "}\n";
    }

    void grades(std::string& out) {
        const ast::Module& m = *r_.module;
        if (m.grades.empty() || !m.grades.front().loc.file) return;
        const SourceFile* f = m.grades.front().loc.file;
        const auto& ts = tokens(f);
        std::size_t brace = enclosing_brace(ts, byte_offset(*f, m.grades.front().loc.line, m.grades.front().loc.column));
        std::size_t close = matching(ts, brace);
        if (close >= ts.size()) return;
        out += "\n等级 {" + f->text.substr(ts[brace].end, ts[close].begin - ts[brace].end) + "}\n";
    }

    static const char* level_word(const ast::Indicator& ind) {
        switch (ind.declared_level) {
            case 1: return "一级指标";
            case 2: return "二级指标";
            case 3: return "三级指标";
            default: return "指标";
        }
    }

    std::string local_line(const ast::LocalDef& def) {
        // As its author wrote it: from its name to the end of its value, on its line.
        const SourceFile* f = def.loc.file;
        if (!f) return "";
        const auto& ts = tokens(f);
        std::size_t i = token_at(ts, byte_offset(*f, def.loc.line, def.loc.column));
        std::size_t j = i;
        int depth = 0;
        while (j + 1 < ts.size()) {
            const SourceToken& n = ts[j + 1];
            if (depth == 0 && (n.line != ts[i].line || n.token == "RBRACE")) break;
            if (opens(n)) ++depth;
            if (closes(n)) --depth;
            ++j;
        }
        return f->text.substr(ts[i].begin, ts[j].end - ts[i].begin);
    }

    // A leaf's members: the block its rule was written in (the indicator's own, or the 替换 that
    // replaced it), with 沿用标准/沿用解释 written out and the named values it kept from before.
    std::string leaf_body(const ast::Indicator& ind, const std::string& indent) {
        const SourceFile* f = ind.scoring->loc.file;
        const auto& ts = tokens(f);
        std::size_t brace = enclosing_brace(ts, byte_offset(*f, ind.scoring->loc.line, ind.scoring->loc.column));
        std::size_t close = matching(ts, brace);
        if (brace >= ts.size() || close >= ts.size()) throw std::runtime_error("no block around the rule of " + ind.name);
        const std::size_t b = ts[brace].end, e = ts[close].begin;
        std::string body;
        // Named values defined outside that block were kept by a 替换.
        for (const auto& def : ind.locals) {
            std::size_t at = def.loc.file ? byte_offset(*def.loc.file, def.loc.line, def.loc.column) : 0;
            if (def.loc.file != f || at < b || at >= e) body += "\n" + indent + "  " + local_line(def);
        }
        std::size_t pos = b;
        for (std::size_t i = brace + 1; i < close; ++i) {
            if (ts[i].token != "KEEP_STANDARD" && ts[i].token != "KEEP_EXPLAIN") continue;
            body += f->text.substr(pos, ts[i].begin - pos);
            body += ts[i].token == "KEEP_STANDARD" ? "标准 " + quoted_text(ind.standard) : "解释 " + quoted_text(ind.explanation);
            pos = ts[i].end;
        }
        body += f->text.substr(pos, e - pos);
        return body;
    }

    void indicator(const ast::Indicator& ind, std::string& out, int depth) {
        const std::string indent(static_cast<std::size_t>(depth) * 2, ' ');
        if (depth == 0) out += "\n";
        const Decimal weight = ind.scoring ? ind.weight : r_.sheet_weights[static_cast<std::size_t>(ind.index)];
        out += indent + level_word(ind) + " " + quoted_name(ind.name) + " " + weight.to_string() + " {";
        if (ind.scoring) {
            out += leaf_body(ind, indent) + "}\n";
            return;
        }
        out += "\n";
        if (!ind.explanation.empty()) out += indent + "  解释 " + quoted_text(ind.explanation) + "\n";
        if (!ind.standard.empty()) out += indent + "  标准 " + quoted_text(ind.standard) + "\n";
        for (const auto& def : ind.locals) out += indent + "  " + local_line(def) + "\n";
        for (const auto& c : ind.children) indicator(*c, out, depth + 1);
        out += indent + "}\n";
    }

    std::string whole_item(const ast::Indicator& ind) {
        const SourceFile* f = ind.loc.file;
        const auto& ts = tokens(f);
        std::size_t i = token_at(ts, byte_offset(*f, ind.loc.line, ind.loc.column));
        std::size_t brace = i;
        while (brace < ts.size() && ts[brace].token != "LBRACE") ++brace;
        std::size_t close = matching(ts, brace);
        if (close >= ts.size()) throw std::runtime_error("no block for " + ind.name);
        return f->text.substr(ts[i].begin, ts[close].end - ts[i].begin);
    }
};

void texts_of(std::span<const ScoreNode> nodes, std::map<std::vector<std::string>, std::string>& out) {
    for (const auto& n : nodes) {
        out[n.path()] = n.weight().to_string() + "\n" + n.explanation() + "\n" + n.standard();
        texts_of(n.children(), out);
    }
}

struct Flat {
    std::optional<std::string> text;
    std::vector<Diagnostic> diagnostics;
};

Diagnostic refused(const std::string& zh, const std::string& en) {
    Diagnostic d;
    d.code = "E0607";
    d.message_zh = "无法把规则集合为一个文件：" + zh;
    d.message_en = "cannot write the ruleset as one file: " + en;
    return d;
}

}  // namespace

FlattenResult flatten_ruleset(const Ruleset& r, const std::string& name) {
    auto flat = api::guarded<Flat>(name, [&] {
        Flat out;
        std::string text = Flattener(r).run();
        // The file must be the same ruleset: compiled, compared by the semantic diff, and its
        // sheet's weights and texts compared indicator by indicator.
        CompileResult again = compile_source(name, text);
        if (!again.ok()) {
            out.diagnostics.push_back(refused("写出的文件不能编译", "the file written does not compile"));
            for (auto& d : again.diagnostics)
                if (d.severity == Severity::Error) out.diagnostics.push_back(d);
            return out;
        }
        RulesetDiff d = diff_rulesets(r, *again.ruleset);
        if (!d.indicators.empty() || !d.declarations_zh.empty()) {
            std::string what = d.indicators.empty() ? d.declarations_zh.front() : "";
            if (!d.indicators.empty())
                for (const auto& p : d.indicators.front().path_a.empty() ? d.indicators.front().path_b : d.indicators.front().path_a)
                    what += (what.empty() ? "" : ".") + p;
            out.diagnostics.push_back(refused("写出的文件与原规则集不同（" + what + "）", "the file written differs from the ruleset (" + what + ")"));
            return out;
        }
        auto empty = make_data("", std::nullopt, {});
        auto a = score(r, *empty.data, ScoreOptions{false, Language::Chinese});
        auto b = score(*again.ruleset, *empty.data, ScoreOptions{false, Language::Chinese});
        std::map<std::vector<std::string>, std::string> ta, tb;
        if (a.sheet) texts_of(a.sheet->indicators(), ta);
        if (b.sheet) texts_of(b.sheet->indicators(), tb);
        if (ta != tb) {
            std::string what;
            for (const auto& [p, t] : ta)
                if (tb[p] != t && what.empty())
                    for (const auto& s : p) what += (what.empty() ? "" : ".") + s;
            out.diagnostics.push_back(refused("写出的文件中 " + what + " 的分值、解释或标准与原规则集不同",
                                              "in the file written, the weight, explanation or standard of " + what + " differs"));
            return out;
        }
        out.text = std::move(text);
        return out;
    });
    return FlattenResult{std::move(flat.text), std::move(flat.diagnostics)};
}

}  // namespace pingfen
