// The REPL engine: gathering lines into inputs, the session as a ruleset source, expressions,
// loading, and the feedback after each change. Commands are in commands.cpp.
#include <algorithm>
#include <fstream>
#include <functional>
#include <regex>
#include <sstream>

#include "engine_impl.hpp"

namespace pingfen::repl {

namespace fs = std::filesystem;

// ---------------------------------------------------------------- shared formatting

std::string score_text(const std::optional<Decimal>& d) { return d ? d->to_string() : "—"; }

std::string delta_text(const Decimal& d) {
    if (d.is_negative()) return "−" + (-d).to_string();
    return "+" + d.to_string();
}

const ScoreNode* find_node(std::span<const ScoreNode> nodes, const std::vector<std::string>& path) {
    std::span<const ScoreNode> level = nodes;
    const ScoreNode* found = nullptr;
    for (const auto& name : path) {
        found = nullptr;
        for (const auto& n : level)
            if (n.name() == name) found = &n;
        if (!found) return nullptr;
        level = found->children();
    }
    return found;
}

void flatten(std::span<const ScoreNode> nodes, std::vector<const ScoreNode*>& out, bool leaves_only) {
    for (const auto& n : nodes) {
        if (!leaves_only || n.children().empty()) out.push_back(&n);
        flatten(n.children(), out, leaves_only);
    }
}

namespace {

// 1-based character column of byte `pos` in `text`.
int column_of(const std::string& text, std::size_t pos) {
    std::size_t start = text.rfind('\n', pos == 0 ? 0 : pos - 1);
    start = (start == std::string::npos || pos == 0) ? 0 : start + 1;
    if (pos > 0 && text[pos - 1] == '\n') start = pos;
    return static_cast<int>(char_count(std::string_view(text).substr(start, pos - start))) + 1;
}

int line_of(const std::string& text, std::size_t pos) {
    return static_cast<int>(std::count(text.begin(), text.begin() + static_cast<long>(pos), '\n'));
}

std::string rtrim(const std::string& s) {
    std::size_t e = s.size();
    while (e > 0 && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\r')) --e;
    return s.substr(0, e);
}

// Replaces the characters of text[0, end) with spaces (newlines kept), so that what follows
// keeps its line and column.
std::string blank_prefix(const std::string& text, std::size_t end) {
    std::string out;
    for (std::size_t i = 0; i < end; ++i) {
        if (text[i] == '\n') out += '\n';
        else if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) out += ' ';
    }
    return out + text.substr(end);
}

// The data syntax for a value evaluate_expression printed.
std::string literal(const std::string& v) {
    static const std::regex number(R"(^-?[0-9]+(\.[0-9]+)?%?$)");
    if (v == "是" || v == "否" || std::regex_match(v, number)) return v;
    return quote(v);
}

// The input stopped before the parser was done with it ("…，却遇到 文件结尾", the block not
// closed): more lines may complete it. An input with something after a whole expression
// ("此处应为 文件结尾，却遇到 `(`", `合计([1, 2])`, `1 2`) is complete and wrong: it waited for a line.
bool mentions_end_of_input(const Diagnostic& d) {
    return d.message_en.find("found end of file") != std::string::npos ||
           d.message_en.find("the file ends before the block is closed") != std::string::npos;
}

std::shared_ptr<const DepartmentData> empty_data() {
    static std::shared_ptr<const DepartmentData> d = parse_data("<空>", "数据 {\n}\n").data;
    return d;
}

// `三级指标 名称 2 [分] { … }` and nothing else, read from the tokens: for a body that only a
// 替换 accepts (沿用标准, 沿用解释), which the parser refuses in a plain indicator.
std::optional<SourceItem> lone_indicator(const std::string& text) {
    const auto ts = read_typed(text).tokens;
    if (ts.size() < 5) return std::nullopt;
    static const char* levels[] = {"LEVEL1", "LEVEL2", "LEVEL3", "INDICATOR"};
    if (std::none_of(std::begin(levels), std::end(levels), [&](const char* k) { return is_kw(ts[0], k); })) return std::nullopt;
    if (!is_name(ts[1]) || ts[2].kind != SourceToken::Kind::Number) return std::nullopt;
    std::size_t brace = is_kw(ts[3], "POINTS") ? 4 : 3;
    if (brace >= ts.size() || !is_tok(ts[brace], "LBRACE") || !is_tok(ts.back(), "RBRACE")) return std::nullopt;
    int depth = 0;
    for (std::size_t i = brace; i < ts.size(); ++i) {
        if (is_tok(ts[i], "LBRACE") || is_tok(ts[i], "LPAREN") || is_tok(ts[i], "LBRACK")) ++depth;
        if (is_tok(ts[i], "RBRACE") || is_tok(ts[i], "RPAREN") || is_tok(ts[i], "RBRACK")) --depth;
        if (depth == 0 && i + 1 != ts.size()) return std::nullopt;
    }
    SourceItem item;
    item.kind = SourceItem::Kind::Indicator;
    item.keyword = ts[0].token;
    item.begin = ts[0].begin;
    item.end = ts.back().end;
    item.path = {name_of(ts[1])};
    item.name_begin = ts[1].begin;
    item.name_end = ts[1].end;
    item.weight = ts[2].text;
    item.weight_begin = ts[2].begin;
    item.weight_end = ts[2].end;
    item.body_begin = ts[brace].end;
    item.body_end = ts.back().begin;
    item.close_end = ts.back().end;
    return item;
}

}  // namespace

// A percentage as people read it, 2.73%, with its exact value beside it when rounding changed it.
std::string shown_value(const std::string& v, Language lang) {
    if (v.size() < 2 || v.back() != '%') return v;
    auto d = Decimal::parse(std::string_view(v).substr(0, v.size() - 1));
    if (!d) return v;
    std::string two = d->to_fixed(2) + "%";
    auto back = Decimal::parse(std::string_view(two).substr(0, two.size() - 1));
    if (back && *back == *d) return v;
    return two + tr(lang, "（精确值 " + v + "）", "  (exactly " + v + ")");
}

std::string Chunk::text() const {
    std::string out;
    for (std::size_t i = 0; i < lines.size(); ++i) out += (i ? "\n" : "") + lines[i].text;
    return out;
}

// ---------------------------------------------------------------- the session text

std::string ReplEngine::Impl::session_name() const {
    fs::path dir = base_path.empty() ? fs::current_path() : fs::path(base_path).parent_path();
    return (dir / ".pingfen-session.pf").generic_string();
}

SessionText ReplEngine::Impl::compose(const std::vector<Chunk>& cs, const std::string& tail) const {
    SessionText st;
    auto add = [&](const std::string& line, SessionText::Origin o) {
        st.text += line + "\n";
        st.origins.push_back(o);
    };
    if (!base_path.empty()) {
        if (!header.empty()) add(header, {});
        add("引用 " + quote(base_path), {});
    }
    for (std::size_t k = 0; k < cs.size(); ++k)
        for (const auto& gl : cs[k].lines) add(gl.text, {static_cast<int>(k), gl});
    if (!tail.empty())
        for (const auto& l : split_lines(tail)) add(l, {-2, {}});
    return st;
}

CompileResult ReplEngine::Impl::compile(const SessionText& st) const { return compile_source(session_name(), st.text); }

std::vector<Diagnostic> ReplEngine::Impl::remap(std::vector<Diagnostic> ds, const SessionText& st, int trial_chunk,
                                                const std::vector<std::string>* typed_lines) const {
    const std::string name = session_name();
    auto fix = [&](std::string& path, int& line, int& column, int& length, std::string& source_line) {
        if (path != name) {
            if (!path.empty()) path = shown_path(path);
            return;
        }
        // The end of the text (after the last line's newline) is the end of the last input.
        bool at_end = line == static_cast<int>(st.origins.size()) + 1 && !st.origins.empty() && st.origins.back().chunk >= 0;
        if (at_end) line = static_cast<int>(st.origins.size());
        if (line < 1 || line > static_cast<int>(st.origins.size())) {
            path = t("会话", "session");
            return;
        }
        const SessionText::Origin& o = st.origins[static_cast<std::size_t>(line - 1)];
        if (o.chunk < 0) {
            path = t("会话", "session");
            return;
        }
        std::vector<std::string> own;
        const std::vector<std::string>* lines = typed_lines;
        if (o.chunk != trial_chunk || !lines) {
            own = split_lines(chunks.size() > static_cast<std::size_t>(o.chunk) ? chunks[static_cast<std::size_t>(o.chunk)].typed : "");
            lines = &own;
        }
        path = o.chunk == trial_chunk ? t("输入", "input")
                                      : t("改动#", "change#") + std::to_string(o.chunk + 1);
        const GenLine& gl = o.line;
        if (gl.user_line < 0 || gl.user_line >= static_cast<int>(lines->size())) return;
        line = gl.user_line + 1;
        source_line = (*lines)[static_cast<std::size_t>(gl.user_line)];
        if (at_end) {
            column = static_cast<int>(char_count(source_line)) + 1;
            length = 1;
        } else if (gl.synthetic) {
            column = gl.syn_col;
            length = gl.syn_len;
        } else {
            column = std::max(1, column + gl.col_delta);
        }
    };
    for (auto& d : ds) {
        fix(d.path, d.line, d.column, d.length, d.source_line);
        for (auto& n : d.notes) fix(n.path, n.line, n.column, n.length, n.source_line);
    }
    return ds;
}

std::string ReplEngine::Impl::render_all(const std::vector<Diagnostic>& ds, bool warnings) const {
    std::string out;
    for (const auto& d : ds)
        if (warnings || d.severity == Severity::Error) out += render(d, lang, color);
    return out;
}

bool ReplEngine::Impl::only_end_of_input(const std::vector<Diagnostic>& ds) const {
    bool any = false;
    for (const auto& d : ds) {
        if (d.severity != Severity::Error) continue;
        if (!mentions_end_of_input(d)) return false;
        any = true;
    }
    return any;
}

std::string ReplEngine::Impl::shown_path(const std::string& p) const {
    std::error_code ec;
    fs::path rel = fs::path(p).lexically_relative(fs::current_path(ec));
    std::string r = rel.generic_string();
    if (r.empty() || starts_with(r, "..")) return p;
    return r;
}

bool ReplEngine::Impl::rules_dirty() const {
    if (chunks.size() != saved_snapshot.size()) return true;
    for (std::size_t i = 0; i < chunks.size(); ++i)
        if (chunks[i].text() != saved_snapshot[i]) return true;
    return false;
}

bool ReplEngine::Impl::data_dirty() const {
    if (data_edits.size() != saved_data_edits.size()) return true;
    for (std::size_t i = 0; i < data_edits.size(); ++i)
        if (data_edits[i].name + "=" + data_edits[i].after != saved_data_edits[i]) return true;
    return false;
}

bool ReplEngine::Impl::dirty() const { return rules_dirty() || data_dirty(); }

// The :set edits are gone (saved, cleared, or another data file): so are their undo steps.
void ReplEngine::Impl::forget_data_steps() {
    data_edits.clear();
    steps.erase(std::remove(steps.begin(), steps.end(), true), steps.end());
}

// ---------------------------------------------------------------- scoring

std::optional<ScoreResult> ReplEngine::Impl::score_with(const Ruleset& r) const {
    const DepartmentData* d = data ? data.get() : empty_data().get();
    if (!d) return std::nullopt;
    return score(r, *d, ScoreOptions{true, lang});
}

void ReplEngine::Impl::rescore() {
    scored.reset();
    data_diags.clear();
    if (!session) return;
    scored = score_with(*session);
    if (scored && data) data_diags = scored->diagnostics;
}

void ReplEngine::Impl::rescan() {
    named_values = session ? ruleset_named_values(*session) : std::vector<NamedValueInfo>{};
}

void ReplEngine::Impl::accept(std::vector<Chunk> cs, std::shared_ptr<const Ruleset> r, std::vector<Diagnostic> diags) {
    chunks = std::move(cs);
    session = std::move(r);
    session_diags = std::move(diags);
    rescan();
    rescore();
}

std::vector<std::vector<std::string>> ReplEngine::Impl::all_paths(bool leaves_only) const {
    std::vector<std::vector<std::string>> out;
    if (!scored || !scored->sheet) return out;
    std::vector<const ScoreNode*> nodes;
    flatten(scored->sheet->indicators(), nodes, leaves_only);
    for (const auto* n : nodes) out.push_back(n->path());
    return out;
}

std::vector<std::vector<std::string>> ReplEngine::Impl::find_indicator(const std::string& name) const {
    std::vector<std::vector<std::string>> out;
    for (auto& p : all_paths(false))
        if (!p.empty() && p.back() == name) out.push_back(p);
    return out;
}

std::string ReplEngine::Impl::feedback(const std::optional<ScoreResult>& before, const std::optional<ScoreResult>& after,
                                       const std::vector<std::vector<std::string>>& focus) const {
    const bool en = lang == Language::English;
    if (!after || !after->sheet) return "";
    if (!data) {
        std::string out;
        for (const auto& p : focus) out += t("已更新 ", "updated ") + join_path(p) + "\n";
        return out + t("（未加载数据，不评分；用 :data 文件 加载）\n", "(no data loaded, nothing scored; load some with :data FILE)\n");
    }
    const ScoreSheet& a = *after->sheet;
    const ScoreSheet* b = before && before->sheet ? &*before->sheet : nullptr;
    std::vector<const ScoreNode*> leaves_a, leaves_b;
    flatten(a.indicators(), leaves_a, true);
    flatten(a.adjustments(), leaves_a, true);
    if (b) {
        flatten(b->indicators(), leaves_b, true);
        flatten(b->adjustments(), leaves_b, true);
    }
    // A leaf is named by its name, or its path when the name is not unique.
    auto label = [&](const std::vector<std::string>& p) {
        int same = 0;
        for (const auto* n : leaves_a) same += (!n->path().empty() && n->path().back() == p.back()) ? 1 : 0;
        return same > 1 ? join_path(p) : p.back();
    };
    std::vector<std::string> lines;
    auto line_for = [&](const std::vector<std::string>& p, bool always) {
        const ScoreNode* na = find_node(a.indicators(), p);
        if (!na) na = find_node(a.adjustments(), p);
        const ScoreNode* nb = b ? find_node(b->indicators(), p) : nullptr;
        if (b && !nb) nb = find_node(b->adjustments(), p);
        std::optional<Decimal> sa = na ? na->score() : std::nullopt, sb = nb ? nb->score() : std::nullopt;
        bool changed = (sa.has_value() != sb.has_value()) || (sa && sb && *sa != *sb) || (na && nb && na->weight() != nb->weight());
        if (!changed && !always) return;
        std::string l = label(p) + " ";
        if (!na) {
            l += score_text(sb) + " → " + t("（已删除）", "(removed)");
        } else if (b && !nb) {
            l += score_text(sa) + t("（新增）", " (new)");
        } else if (!b || (!changed && sa)) {
            l += score_text(sa) + (b ? t("（不变）", " (unchanged)") : "");
        } else {
            l += score_text(sb) + " → " + score_text(sa);
            if (sa && sb && *sa != *sb) l += " (" + delta_text(*sa - *sb) + ")";
        }
        if (na && nb && na->weight() != nb->weight())
            l += t("，分值 ", ", weight ") + nb->weight().to_string() + " → " + na->weight().to_string();
        if (na && !na->score()) l += t("（未能评分，见 :check）", " (not scored, see :check)");
        lines.push_back(l);
    };
    std::vector<std::vector<std::string>> done;
    for (const auto& p : focus) {
        // A redefined parent: show its own score, then its changed leaves below.
        line_for(p, true);
        done.push_back(p);
    }
    for (const auto* n : b ? leaves_a : std::vector<const ScoreNode*>{}) {
        if (std::find(done.begin(), done.end(), n->path()) != done.end()) continue;
        line_for(n->path(), false);
        done.push_back(n->path());
    }
    for (const auto* n : leaves_b)
        if (std::find(done.begin(), done.end(), n->path()) == done.end()) line_for(n->path(), false);

    std::string total;
    auto tot = [](const ScoreSheet& s) { return s.total ? s.total->to_fixed(2) : std::string("—"); };
    total = t("总分 ", "total ");
    if (b && (b->total.has_value() != a.total.has_value() || (a.total && b->total && *a.total != *b->total))) {
        total += tot(*b) + " → " + tot(a);
        if (a.total && b->total) total += " (" + delta_text(*a.total - *b->total) + ")";
    } else {
        total += tot(a) + (b ? t("（不变）", " (unchanged)") : "");
    }
    std::string grade;
    if (!a.grade.empty() || (b && !b->grade.empty())) {
        grade = t("，等级 ", ", grade ");
        if (b && b->grade != a.grade) grade += (b->grade.empty() ? "—" : b->grade) + " → " + (a.grade.empty() ? "—" : a.grade);
        else grade += a.grade;
    }
    std::string out;
    if (lines.size() == 1) {
        out = lines[0] + (en ? ", " : "，") + total + grade + "\n";
    } else {
        for (const auto& l : lines) out += l + "\n";
        out += total + grade + "\n";
    }
    if (!has_errors(after->diagnostics)) return out;
    int n = 0;
    for (const auto& d : after->diagnostics) n += d.severity == Severity::Error ? 1 : 0;
    return out + t("（评分时有 " + std::to_string(n) + " 个错误，见 :check）\n",
                   "(" + std::to_string(n) + " errors while scoring, see :check)\n");
}

// ---------------------------------------------------------------- loading

void ReplEngine::Impl::watch_files() {
    watched.clear();
    std::vector<std::string> files;
    if (session) files = ruleset_files(*session);
    else if (base.ok()) files = ruleset_files(*base.ruleset);
    if (!base_path.empty()) files.push_back(base_path);
    if (!data_path.empty()) files.push_back(data_path);
    for (const auto& f : files) {
        std::error_code ec;
        auto m = fs::last_write_time(f, ec);
        if (!ec) watched[f] = m;
    }
}

// The data scored: the file's, with each :set over it in order.
void ReplEngine::Impl::rebuild_data(std::string* report) {
    data.reset();
    if (!data_file.ok()) return;
    data = data_file.data;
    for (const auto& e : data_edits) {
        DataResult d = merge_data(*data, *e.field);
        if (!d.ok()) {
            if (report)
                *report += t("（:set 的改动无法套用，已清除）\n", "(the :set changes no longer apply and were cleared)\n") +
                           render_all(d.diagnostics);
            data_edits.clear();
            forget_data_steps();
            data = data_file.data;
            return;
        }
        data = d.data;
    }
}

std::string ReplEngine::Impl::load_data(const std::string& path) {
    // Standard input is the session's commands (it was "cannot open `/…/-`").
    if (path == "-")
        return t("错误：交互式环境从标准输入读取命令，数据不能也从标准输入（-）读取，请给出数据文件\n（数据未加载）\n",
                 "error: the session reads its commands from standard input, so the data cannot come from it (-); give the data "
                 "file\n(data not loaded)\n");
    std::string abs = fs::absolute(path).lexically_normal().generic_string();
    DataResult d = load_data_file(abs);
    if (!d.ok()) return render_all(d.diagnostics) + t("（数据未加载）\n", "(data not loaded)\n");
    std::string out;
    bool had_overrides = !data_edits.empty() && abs != data_path;
    if (abs != data_path) {
        data_edits.clear();
        saved_data_edits.clear();
        forget_data_steps();
    }
    data_path = abs;
    data_file = d;
    rebuild_data(&out);
    rescore();
    watch_files();
    int fields = static_cast<int>(data_fields(*d.data).size());
    std::string who = data_department(*d.data);
    if (auto year = data_year(*d.data)) who += (who.empty() ? "" : " ") + std::to_string(*year) + t(" 年度", "");
    out = t("已加载数据 ", "loaded data ") + shown_path(abs) + (who.empty() ? "" : t("：", ": ") + who) +
          (fields ? t("（" + std::to_string(fields) + " 项）", " (" + std::to_string(fields) + " fields)") : "") + "\n" + out;
    if (had_overrides) out += t("（:set 的改动已清除）\n", "(the :set changes were cleared)\n");
    out += render_all(d.diagnostics);
    if (has_errors(data_diags)) {
        int n = 0;
        for (const auto& x : data_diags) n += x.severity == Severity::Error ? 1 : 0;
        out += t("数据有 " + std::to_string(n) + " 个问题，见 :check\n", "the data has " + std::to_string(n) + " problems, see :check\n");
    }
    return out;
}

std::string ReplEngine::Impl::load_ruleset(const std::string& path, bool keep_chunks) {
    std::string abs = fs::absolute(path).lexically_normal().generic_string();
    std::error_code ec;
    if (!fs::is_regular_file(abs, ec)) return t("找不到文件 `" + path + "`\n", "no such file `" + path + "`\n");
    base_path = abs;
    base = compile_file(abs);
    header.clear();
    if (base.ok()) {
        std::string title = ruleset_title(*base.ruleset);
        auto year = ruleset_year(*base.ruleset);
        auto s = score(*base.ruleset, *empty_data(), ScoreOptions{false, lang});
        if (!title.empty()) {
            header = "规则集 " + quote(title);
            if (year) header += " 年度 " + std::to_string(*year);
            if (s.sheet) header += " 总分 " + s.sheet->max.to_string();
        }
    }
    std::string out;
    std::vector<Chunk> keep = keep_chunks ? chunks : std::vector<Chunk>{};
    if (!keep_chunks) {
        chunks.clear();
        saved_snapshot.clear();
        save_path.clear();
        std::vector<bool> data_only;
        for (bool is_data : steps)
            if (is_data) data_only.push_back(true);
        steps = data_only;
    }
    // The session: every change that still compiles on the (new) file.
    SessionText st = compose(keep);
    CompileResult cr = compile(st);
    std::vector<Chunk> good = keep;
    std::vector<std::size_t> dropped;
    // Changes are set aside only when the file compiles without them: while the file itself has
    // errors, every change is kept for when it is fixed.
    if (!cr.ok() && !keep.empty() && base.ok()) {
        good.clear();
        cr = compile(compose(good));
        for (std::size_t i = 0; i < keep.size() && cr.ok(); ++i) {
            std::vector<Chunk> trial = good;
            trial.push_back(keep[i]);
            CompileResult c2 = compile(compose(trial));
            if (c2.ok()) {
                good = trial;
                cr = c2;
            } else {
                dropped.push_back(i);
                out += t("改动#" + std::to_string(i + 1) + " 在新的文件上不再成立，已搁置（仍在 :history 中）：\n",
                         "change#" + std::to_string(i + 1) + " no longer applies to the file and was set aside (it is still in :history):\n");
                out += "  " + keep[i].typed + "\n";
            }
        }
        st = compose(good);
    }
    std::vector<Diagnostic> ds = remap(cr.diagnostics, st, -1, nullptr);
    if (!dropped.empty()) {
        std::vector<bool> kept_steps;
        std::size_t k = 0;
        for (bool is_data : steps) {
            if (!is_data && std::find(dropped.begin(), dropped.end(), k++) != dropped.end()) continue;
            kept_steps.push_back(is_data);
        }
        steps = kept_steps;
    }
    chunks = good;
    session = cr.ruleset;
    session_diags = ds;
    rescan();
    if (!data_path.empty()) rebuild_data(&out);
    rescore();
    watch_files();

    std::string head = t("已加载 ", "loaded ") + shown_path(abs);
    if (base.ok()) {
        std::string title = ruleset_title(*base.ruleset);
        auto year = ruleset_year(*base.ruleset);
        if (!title.empty()) head += t("：", ": ") + title + (year ? t("（" + std::to_string(*year) + " 年度）", " (" + std::to_string(*year) + ")") : "");
        std::size_t n = all_paths(true).size();
        if (n) head += t("，" + std::to_string(n) + " 个评分指标", ", " + std::to_string(n) + " scored indicators");
    }
    out = head + "\n" + out;
    if (!base.ok()) {
        out += render_all(base.diagnostics, false);
        out += t("这个文件有错误，改正后输入 :reload（文件保存后也会自动重新加载）。\n",
                 "the file has errors; fix them and type :reload (it also reloads by itself when saved).\n");
    } else if (!session && cr.diagnostics.size()) {
        out += render_all(ds, false);
    }
    return out;
}

std::string ReplEngine::Impl::check_reload() {
    std::string out;
    bool ruleset_changed = false, data_changed = false;
    for (const auto& [f, m] : watched) {
        std::error_code ec;
        auto now = fs::last_write_time(f, ec);
        if (ec || now == m) continue;
        if (f == data_path) data_changed = true;
        else ruleset_changed = true;
    }
    if (!ruleset_changed && !data_changed) return out;
    auto before = scored;
    if (ruleset_changed) {
        out += t("规则文件已更改，重新加载。\n", "a ruleset file changed; reloading.\n");
        out += load_ruleset(base_path, true);
    }
    if (data_changed) {
        out += t("数据文件已更改，重新加载。\n", "the data file changed; reloading.\n");
        DataResult d = load_data_file(data_path);
        if (d.ok()) {
            data_file = d;
            rebuild_data(&out);
            rescore();
        } else {
            out += render_all(d.diagnostics);
        }
        watch_files();
    }
    out += feedback(before, scored, {});
    return out;
}

// ---------------------------------------------------------------- input

Reply ReplEngine::Impl::handle_input(const std::string& text) {
    Typed typed = read_typed(text);
    if (typed.tokens.empty()) return {};
    const SourceToken& first = typed.tokens.front();
    if (starts_item(first)) return handle_statement(text);
    if (first.kind == SourceToken::Kind::Identifier && typed.tokens.size() >= 2 && is_tok(typed.tokens[1], "EQ"))
        return handle_definition(text, typed);
    return handle_expression(text);
}

// The data with the session's own named values (名称 = 表达式) added as fields, each computed
// in turn on what came before it.
std::shared_ptr<const DepartmentData> ReplEngine::Impl::data_with_named(const std::string& skip_named) const {
    std::shared_ptr<const DepartmentData> d = data;
    for (const auto& [name, expr] : named) {
        if (name == skip_named) continue;
        ExpressionResult r = session ? evaluate_in_indicator(*session, scope, expr, d.get()) : evaluate_expression(expr, d.get());
        if (!r.value) continue;  // it no longer computes (its data changed): it is simply not there
        DataResult one = parse_data(t("会话", "session"), "数据 {\n" + path_text({name}) + " = " + literal(*r.value) + "\n}\n");
        if (!one.ok()) continue;
        DataResult merged = d ? merge_data(*d, *one.data) : one;
        if (merged.ok()) d = merged.data;
    }
    return d;
}

Eval ReplEngine::Impl::evaluate(const std::string& expr, const std::string& skip_named) const {
    Eval ev;
    auto d = data_with_named(skip_named);
    auto run = [&](const std::vector<std::string>& in) {
        return session ? evaluate_in_indicator(*session, in, expr, d.get()) : evaluate_expression(expr, d.get());
    };
    ExpressionResult r = run(scope);
    // A name undefined where the expression stands may be a named value of an indicator: then
    // it is computed in that indicator, where its rule reads it, and never in another one's.
    if (!r.value && session) {
        const std::string missing = r.unknown_names.empty() ? std::string() : r.unknown_names.front();
        std::vector<std::vector<std::string>> owners;
        bool shared = true;  // every owner holds a copy of one value of the whole ruleset
        for (const auto& nv : named_values)
            if (nv.name == missing && std::find(owners.begin(), owners.end(), nv.indicator) == owners.end()) {
                owners.push_back(nv.indicator);
                shared = shared && nv.shared;
            }
        if (shared && owners.size() > 1) owners.resize(1);  // one value, whichever copy computes it
        if (owners.size() == 1) {
            ExpressionResult again = run(owners.front());
            if (again.value) {
                // The value itself is the answer when the name is all that was typed: only where
                // it was computed is said, not the value a second time.
                std::string where = shared ? t("（整个规则集的命名值）", "(a named value of the whole ruleset)")
                                           : t("（" + join_path(owners.front()) + " 中的命名值，在该指标中计算）",
                                               "(named value of " + join_path(owners.front()) + ", computed there)");
                if (trim(expr) == missing) {
                    ev.notes.push_back(where);
                } else {
                    ExpressionResult own = evaluate_in_indicator(*session, owners.front(), missing, d.get());
                    ev.notes.push_back(missing + " = " + shown_value(own.value.value_or("—"), lang) + t("", "  ") + where);
                }
            }
            r = again;
        } else if (owners.size() > 1) {
            std::string list;
            for (const auto& o : owners) list += (list.empty() ? "" : t("、", ", ")) + join_path(o);
            Diagnostic x;
            x.code = "E0201";
            x.path = t("输入", "input");
            x.message_zh = "`" + missing + "` 是 " + std::to_string(owners.size()) + " 个指标中的命名值：" + list +
                           "。先用 :in 路径 选定在哪个指标中计算";
            x.message_en = "`" + missing + "` is a named value of " + std::to_string(owners.size()) + " indicators: " + list +
                           ". Choose the one to evaluate in with :in PATH";
            r.diagnostics = {x};
        }
    }
    ev.value = r.value;
    for (auto x : r.diagnostics) {
        if (x.path == "<表达式>") x.path = t("输入", "input");
        ev.diagnostics.push_back(x);
    }
    return ev;
}

Reply ReplEngine::Impl::handle_expression(const std::string& text) {
    Reply r;
    // An indicator's name or path alone (结转结余率, 管理效率.预算执行) shows that indicator, unless
    // the name is also a datum or a named value.
    Typed typed = read_typed(text);
    bool path_like = !typed.tokens.empty();
    bool dotted = false;
    for (std::size_t i = 0; i < typed.tokens.size(); ++i) {
        const SourceToken& tk = typed.tokens[i];
        bool dot = is_tok(tk, "DOT");
        dotted = dotted || dot;
        if (i % 2 == 0 ? !is_name(tk) : !dot) path_like = false;
    }
    if (path_like && typed.tokens.size() % 2 == 1 && sheet()) {
        std::vector<std::string> path = split_path(text);
        bool other_meaning = false;
        if (!dotted) {
            const std::string& n = path.front();
            for (const auto& nv : named) other_meaning = other_meaning || nv.first == n;
            for (const auto& nv : named_values) other_meaning = other_meaning || nv.name == n;
            if (data)
                for (const auto& f : data_fields(*data)) other_meaning = other_meaning || f.name == n;
        }
        std::vector<const ScoreNode*> all;
        flatten(sheet()->indicators(), all, false);
        flatten(sheet()->adjustments(), all, false);
        bool found = false;
        for (const auto* n : all)
            found = found || (n->path().size() >= path.size() && std::equal(path.rbegin(), path.rend(), n->path().rbegin()));
        if (found && !other_meaning) {
            r.text = cmd_explain(text);
            return r;
        }
    }
    Eval ev = evaluate(text);
    if (!ev.value) {
        if (only_end_of_input(ev.diagnostics)) {
            r.continuation_needed = true;
            r.text = render_all(ev.diagnostics);  // shown only when the input is final
            return r;
        }
        r.error = true;
        r.text = render_all(ev.diagnostics);
        return r;
    }
    r.text = shown_value(*ev.value, lang) + "\n";
    for (const auto& n : ev.notes) r.text += "  " + n + "\n";
    return r;
}

Reply ReplEngine::Impl::handle_definition(const std::string& text, const Typed& typed) {
    Reply r;
    const std::string name = typed.tokens[0].text;
    std::string expr = blank_prefix(text, typed.tokens[1].end);
    if (trim(expr).empty()) {
        r.continuation_needed = true;
        r.text = t("输入:1: 错误：`=` 后面缺少表达式\n", "input:1: error: an expression is missing after `=`\n");
        return r;
    }
    Eval ev = evaluate(expr, name);
    if (!ev.value) {
        r.continuation_needed = only_end_of_input(ev.diagnostics);
        r.error = !r.continuation_needed;
        r.text = render_all(ev.diagnostics);
        return r;
    }
    bool redefined = false;
    for (auto& [n, e] : named) {
        if (n == name) {
            e = expr;
            redefined = true;
        }
    }
    if (!redefined) named.emplace_back(name, expr);
    r.text = name + " = " + shown_value(*ev.value, lang) + "\n";
    for (const auto& n : ev.notes) r.text += "  " + n + "\n";
    bool is_input = false;
    if (const Ruleset* rs = session ? session.get() : nullptr)
        for (const auto& in : ruleset_inputs(*rs)) is_input = is_input || in.name == name;
    if (data)
        for (const auto& f : data_fields(*data)) is_input = is_input || f.name == name;
    if (is_input)
        r.text += t("  （会话中的 " + name + " 遮住了同名数据；改数据请用 :set " + name + " = 值）\n",
                    "  (the session's " + name + " hides the datum of that name; to change the datum use :set " + name + " = VALUE)\n");
    return r;
}

std::optional<Chunk> ReplEngine::Impl::build_chunk(const std::string& text, std::string& error,
                                                   std::vector<std::string>& notes) const {
    Chunk c;
    c.typed = text;
    // Emits text[b, e) as session lines; the first line starts at `indent`.
    auto emit = [&](std::size_t b, std::size_t e, bool trim_first, const std::string& indent) {
        std::string part = text.substr(b, e - b);
        int line = line_of(text, b);
        std::size_t pos = b;
        auto segs = split_lines(part);
        for (std::size_t k = 0; k < segs.size(); ++k) {
            std::string seg = segs[k];
            GenLine gl;
            gl.user_line = line + static_cast<int>(k);
            if (k == 0) {
                std::size_t skip = 0;
                if (trim_first) {
                    // Past the leading blanks (spaces, tabs, the ideographic space).
                    while (skip < seg.size()) {
                        if (seg[skip] == ' ' || seg[skip] == '\t' || seg[skip] == '\r') ++skip;
                        else if (seg.compare(skip, 3, "\u3000") == 0) skip += 3;
                        else break;
                    }
                    seg = seg.substr(skip);
                }
                int col = column_of(text, pos + skip);
                gl.col_delta = col - 1 - static_cast<int>(char_count(indent));
                seg = indent + seg;
            }
            seg = rtrim(seg);
            if (trim(seg).empty() && (k == 0 || k + 1 == segs.size())) {
                pos += segs[k].size() + 1;
                continue;
            }
            gl.text = seg;
            c.lines.push_back(gl);
            pos += segs[k].size() + 1;
        }
    };
    // A line the engine writes, pointing at text[b, e) of what was typed.
    auto synthetic = [&](const std::string& s, std::size_t b, std::size_t e) {
        GenLine gl;
        gl.text = s;
        gl.synthetic = true;
        gl.user_line = line_of(text, b);
        gl.syn_col = column_of(text, b);
        gl.syn_len = static_cast<int>(char_count(std::string_view(text).substr(b, e - b)));
        c.lines.push_back(gl);
    };
    // The items as the real parser reads them. Input it cannot read goes to the session as
    // typed, and compiling it says what is wrong (or that it is unfinished).
    SourceOutline outline = outline_source(t("输入", "input"), text);
    if (!outline.ok() || outline.items.empty()) {
        // One whole indicator that only a 替换 accepts (沿用标准 in its body) is still one.
        std::optional<SourceItem> one = lone_indicator(text);
        if (!one) {
            emit(0, text.size(), false, "");
            return c;
        }
        outline.items = {*one};
    }
    for (const auto& item : outline.items) {
        const bool whole_indicator = item.kind == SourceItem::Kind::Indicator && !item.path.empty() &&
                                     !item.weight.empty() && item.close_end == item.end && item.body_end > item.body_begin - 1;
        if (whole_indicator) {
            const std::string& name = item.path.front();
            auto paths = find_indicator(name);
            if (paths.size() > 1) {
                std::string list;
                for (const auto& p : paths) list += (list.empty() ? "" : t("、", ", ")) + join_path(p);
                error = t("有 " + std::to_string(paths.size()) + " 个指标名为 `" + name + "`：" + list +
                              "。请写明要替换哪一个：替换 路径 { … }\n",
                          std::to_string(paths.size()) + " indicators are named `" + name + "`: " + list +
                              ". Say which one: replace PATH { … }\n");
                return std::nullopt;
            }
            if (paths.size() == 1) {
                const auto& path = paths.front();
                synthetic("替换 " + path_text(path) + " {", item.name_begin, item.name_end);
                emit(item.body_begin, item.body_end, true, "  ");
                synthetic("}", item.body_end, item.close_end);
                // The weight, when it differs from the indicator's.
                const ScoreNode* node = scored && scored->sheet ? find_node(scored->sheet->indicators(), path) : nullptr;
                auto w = Decimal::parse(item.weight);
                if (node && w && *w != node->weight())
                    synthetic("修改 " + path_text(path) + " 分值 " + item.weight, item.weight_begin, item.weight_end);
                c.redefined.push_back(path);
                c.replaced.push_back(path);
                continue;
            }
            c.redefined.push_back({name});
            if (item.keyword != "LEVEL1" && item.keyword != "INDICATOR") {
                std::string kw = text.substr(item.begin, item.name_begin - item.begin);
                kw = trim(kw);
                notes.push_back(t("没有名为 `" + name + "` 的指标，新指标加在最顶层；要加在某个指标之下，写 增加 到 路径 { " + kw + " " + name + " … }",
                                  "no indicator is named `" + name + "`: the new one goes at the top level; to add it under another, write add into PATH { " + kw + " " + name + " … }"));
            }
        } else if (item.kind == SourceItem::Kind::Replace || item.kind == SourceItem::Kind::Modify ||
                   item.kind == SourceItem::Kind::Remove || item.kind == SourceItem::Kind::Order) {
            if (!item.path.empty()) c.redefined.push_back(item.path);
            if (item.kind == SourceItem::Kind::Replace && !item.path.empty()) c.replaced.push_back(item.path);
        }
        emit(item.begin, item.end, false, "");
    }
    return c;
}

Reply ReplEngine::Impl::handle_statement(const std::string& text) {
    Reply r;
    std::string error;
    std::vector<std::string> notes;
    auto chunk = build_chunk(text, error, notes);
    if (!chunk) {
        r.error = true;
        r.text = error;
        return r;
    }
    std::vector<Chunk> trial = chunks;
    trial.push_back(*chunk);
    SessionText st = compose(trial);
    CompileResult cr = compile(st);
    auto typed = split_lines(text);
    int k = static_cast<int>(trial.size()) - 1;
    std::vector<Diagnostic> ds = remap(cr.diagnostics, st, k, &typed);
    // Diagnostics about the new text (and every error, wherever it is).
    std::vector<Diagnostic> shown;
    for (const auto& d : ds)
        if (d.severity == Severity::Error || d.path == t("输入", "input")) shown.push_back(d);
    if (!cr.ok()) {
        if (only_end_of_input(cr.diagnostics)) {
            r.continuation_needed = true;
            r.text = render_all(shown);
            return r;
        }
        r.error = true;
        r.text += render_all(shown);
        // Weights that do not add up yet: several statements must change together. Ask for the
        // rest of the change; an empty line ends it.
        bool weights_only = true;
        for (const auto& d : cr.diagnostics)
            if (d.severity == Severity::Error && d.code != "E0212" && d.code != "E0216") weights_only = false;
        if (weights_only) {
            r.continuation_needed = true;
            continuing = render_all(shown) +
                         t("（分值还对不上：接着输入要一起改的语句，如 修改 路径 分值 N，它们将作为一次改动；空行结束，Ctrl-C 放弃）\n",
                           "(the weights do not add up yet: type the statements that change with it, e.g. modify PATH weight N, as one change; an empty line ends it, Ctrl-C drops it)\n");
        }
        r.text += t("（这次改动没有生效，会话保持原样；它仍在 :history 中）\n",
                    "(this change was not applied; the session is as before; it is still in :history)\n");
        return r;
    }
    auto before = scored;
    accept(std::move(trial), cr.ruleset, ds);
    steps.push_back(false);
    // 替换 keeps the old indicator's named values that the new members use without defining
    // them, in a file as here: they are those of that indicator not written in the session.
    for (const auto& path : chunks.back().replaced)
        for (const auto& nv : named_values)
            if (nv.indicator == path && nv.file != session_name())
                notes.push_back(t("沿用原定义：", "kept from the original: ") + nv.name + " = " + nv.formula);
    for (const auto& n : notes) r.text += n + "\n";
    r.text += render_all(shown);
    r.text += feedback(before, scored, chunks.back().redefined);
    return r;
}

// ---------------------------------------------------------------- the public face

ReplEngine::ReplEngine(Options opts) : impl_(std::make_unique<Impl>()) {
    impl_->lang = opts.language;
    impl_->color = opts.color;
    impl_->journal = opts.journal;
}

ReplEngine::~ReplEngine() = default;

Reply ReplEngine::start(const std::string& ruleset, const std::string& data) {
    Impl& m = *impl_;
    Reply r;
    r.text = m.t("pingfen 交互式评分环境。输入 :help 查看用法，:quit 退出。\n",
                 "pingfen interactive scoring. Type :help for help, :quit to leave.\n");
    if (!ruleset.empty()) r.text += m.load_ruleset(ruleset, false);
    std::string d = data;
    if (d.empty() && !ruleset.empty()) {
        fs::path p(ruleset);
        fs::path guess = p.parent_path() / (p.stem().string() + ".example.json");
        std::error_code ec;
        if (fs::is_regular_file(guess, ec)) {
            d = guess.generic_string();
            r.text += m.t("（未给 --data，使用同目录的示例数据）\n", "(no --data given: using the example data beside the ruleset)\n");
        }
    }
    if (!d.empty()) r.text += m.load_data(d);
    if (m.data && m.sheet()) r.text += m.feedback(std::nullopt, m.scored, {});
    r.text += m.offer_journal();
    return r;
}

Reply ReplEngine::submit(const std::string& line) {
    Reply r = impl_->submit(line);
    if (!r.quit) impl_->write_journal();
    return r;
}

Reply ReplEngine::Impl::submit(const std::string& line) {
    Impl& m = *this;
    m.history.push_back(line);
    std::string reload;
    if (m.pending.empty()) {
        std::string tl = trim(line);
        if (tl.empty()) return {};
        if (starts_with(tl, ":") || starts_with(tl, "：")) return m.command(tl);
        m.armed.clear();
        reload = m.check_reload();
    } else if (starts_with(trim(line), ":")) {
        // A command while an input is unfinished: the way out of a block one is lost in.
        m.pending.clear();
        m.blank_lines = 0;
        Reply r = m.command(trim(line));
        r.text = m.t("（没写完的输入已放弃）\n", "(the unfinished input was dropped)\n") + r.text;
        return r;
    }
    m.pending.push_back(line);
    const bool blank = trim(line).empty();
    m.blank_lines = blank ? m.blank_lines + 1 : 0;
    std::string text;
    for (std::size_t i = 0; i < m.pending.size(); ++i) text += (i ? "\n" : "") + m.pending[i];
    Typed sc = read_typed(text);
    // Two empty lines in a row end an unfinished input: show what is wrong with it.
    const bool give_up = m.blank_lines >= 2 || (blank && m.pending.size() > 1 && sc.depth <= 0);
    if (sc.depth > 0 && !sc.bad_string && !give_up) {
        Reply r;
        r.continuation_needed = true;
        if (blank && m.blank_lines == 1)
            r.text = m.t("（输入还没有写完：缺少 " + std::to_string(sc.depth) + " 个右括号。再按一次回车结束并查看错误，Ctrl-C 放弃）\n",
                         "(the input is unfinished: " + std::to_string(sc.depth) + " closing bracket(s) missing. Press Enter again to end it and see the error, Ctrl-C to drop it)\n");
        r.text = reload + r.text;
        return r;
    }
    // Trailing empty lines are not part of the input (an error at its end points at its end).
    while (!text.empty() && (text.back() == '\n' || text.back() == ' ' || text.back() == '\t' || text.back() == '\r'))
        text.pop_back();
    Reply r = m.handle_input(text);
    if (r.continuation_needed && !give_up) {
        r.text = reload + m.continuing;  // an error at the end of input is not shown yet
        m.continuing.clear();
        return r;
    }
    m.continuing.clear();
    if (r.continuation_needed) {
        r.continuation_needed = false;
        r.error = true;
    }
    m.pending.clear();
    m.blank_lines = 0;
    r.text = reload + r.text;
    return r;
}

Reply ReplEngine::end_of_input() {
    Impl& m = *impl_;
    if (!m.pending.empty()) {
        m.pending.clear();
        m.blank_lines = 0;
        Reply r;
        r.text = m.t("（已放弃没有写完的输入）\n", "(the unfinished input was dropped)\n");
        return r;
    }
    return m.request_quit("Ctrl-D");
}

Reply ReplEngine::interrupt() {
    Impl& m = *impl_;
    m.pending.clear();
    m.blank_lines = 0;
    m.armed.clear();
    return {};
}

std::string ReplEngine::prompt() const {
    return impl_->pending.empty() ? impl_->t("评分> ", "pingfen> ") : "... ";
}

bool ReplEngine::input_pending() const { return !impl_->pending.empty(); }
bool ReplEngine::unsaved_changes() const { return impl_->dirty(); }
const std::vector<std::string>& ReplEngine::history() const { return impl_->history; }
std::string ReplEngine::session_text() const { return impl_->compose(impl_->chunks).text; }

}  // namespace pingfen::repl
