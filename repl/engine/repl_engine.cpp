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

const ScoreNode* find_node(const std::vector<ScoreNode>& nodes, const std::vector<std::string>& path) {
    const std::vector<ScoreNode>* level = &nodes;
    const ScoreNode* found = nullptr;
    for (const auto& name : path) {
        found = nullptr;
        for (const auto& n : *level)
            if (n.name == name) found = &n;
        if (!found) return nullptr;
        level = &found->children;
    }
    return found;
}

void flatten(const std::vector<ScoreNode>& nodes, std::vector<const ScoreNode*>& out, bool leaves_only) {
    for (const auto& n : nodes) {
        if (!leaves_only || n.children.empty()) out.push_back(&n);
        flatten(n.children, out, leaves_only);
    }
}

std::string closest(const std::string& name, const std::vector<std::string>& names) {
    // Edit distance over characters; a name within a third of its length is "close".
    auto chars = [](const std::string& s) {
        std::vector<char32_t> v;
        for (std::size_t i = 0, len = 0; i < s.size(); i += len) v.push_back(utf8_at(s, i, len));
        return v;
    };
    auto a = chars(name);
    std::string best;
    std::size_t best_d = std::max<std::size_t>(1, a.size() / 3) + 1;
    for (const auto& n : names) {
        auto b = chars(n);
        std::vector<std::size_t> prev(b.size() + 1), cur(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j) prev[j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            cur[0] = i;
            for (std::size_t j = 1; j <= b.size(); ++j)
                cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)});
            std::swap(prev, cur);
        }
        if (prev[b.size()] < best_d) {
            best_d = prev[b.size()];
            best = n;
        }
    }
    return best;
}

namespace {

// 1-based character column of byte `pos` in `text`.
int column_of(const std::string& text, std::size_t pos) {
    std::size_t start = text.rfind('\n', pos == 0 ? 0 : pos - 1);
    start = (start == std::string::npos || pos == 0) ? 0 : start + 1;
    if (pos > 0 && text[pos - 1] == '\n') start = pos;
    return static_cast<int>(utf8_count(std::string_view(text).substr(start, pos - start))) + 1;
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
    for (std::size_t i = 0, len = 0; i < end; i += len) {
        char32_t c = utf8_at(text, i, len);
        out += c == '\n' ? '\n' : ' ';
    }
    return out + text.substr(end);
}

// The data syntax for a value evaluate_expression printed.
std::string literal(const std::string& v) {
    static const std::regex number(R"(^-?[0-9]+(\.[0-9]+)?%?$)");
    if (v == "是" || v == "否" || std::regex_match(v, number)) return v;
    return quote(v);
}

bool mentions_end_of_input(const Diagnostic& d) {
    return d.message_zh.find("文件结尾") != std::string::npos || d.message_en.find("end of file") != std::string::npos;
}

std::shared_ptr<const DepartmentData> empty_data() {
    static std::shared_ptr<const DepartmentData> d = parse_data("<空>", "数据 {\n}\n").data;
    return d;
}

}  // namespace

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
            column = static_cast<int>(utf8_count(source_line)) + 1;
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

bool ReplEngine::Impl::dirty() const {
    if (chunks.size() != saved_snapshot.size()) return true;
    for (std::size_t i = 0; i < chunks.size(); ++i)
        if (chunks[i].text() != saved_snapshot[i]) return true;
    return false;
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
    scan = SourceScan{};
    scan_source(compose(chunks).text, session_name(), scan);
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
    flatten(scored->sheet->indicators, nodes, leaves_only);
    for (const auto* n : nodes) out.push_back(n->path);
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
    flatten(a.indicators, leaves_a, true);
    flatten(a.adjustments, leaves_a, true);
    if (b) {
        flatten(b->indicators, leaves_b, true);
        flatten(b->adjustments, leaves_b, true);
    }
    // A leaf is named by its name, or its path when the name is not unique.
    auto label = [&](const std::vector<std::string>& p) {
        int same = 0;
        for (const auto* n : leaves_a) same += (!n->path.empty() && n->path.back() == p.back()) ? 1 : 0;
        return same > 1 ? join_path(p) : p.back();
    };
    std::vector<std::string> lines;
    auto line_for = [&](const std::vector<std::string>& p, bool always) {
        const ScoreNode* na = find_node(a.indicators, p);
        if (!na) na = find_node(a.adjustments, p);
        const ScoreNode* nb = b ? find_node(b->indicators, p) : nullptr;
        if (b && !nb) nb = find_node(b->adjustments, p);
        std::optional<Decimal> sa = na ? na->score : std::nullopt, sb = nb ? nb->score : std::nullopt;
        bool changed = (sa.has_value() != sb.has_value()) || (sa && sb && *sa != *sb) || (na && nb && na->weight != nb->weight);
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
        if (na && nb && na->weight != nb->weight)
            l += t("，分值 ", ", weight ") + nb->weight.to_string() + " → " + na->weight.to_string();
        if (na && !na->score) l += t("（未能评分，见 :check）", " (not scored, see :check)");
        lines.push_back(l);
    };
    std::vector<std::vector<std::string>> done;
    for (const auto& p : focus) {
        // A redefined parent: show its own score, then its changed leaves below.
        line_for(p, true);
        done.push_back(p);
    }
    for (const auto* n : b ? leaves_a : std::vector<const ScoreNode*>{}) {
        if (std::find(done.begin(), done.end(), n->path) != done.end()) continue;
        line_for(n->path, false);
        done.push_back(n->path);
    }
    for (const auto* n : leaves_b)
        if (std::find(done.begin(), done.end(), n->path) == done.end()) line_for(n->path, false);

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

std::vector<std::string> ReplEngine::Impl::percent_inputs() const {
    std::vector<std::string> out;
    const Ruleset* r = session ? session.get() : base.ruleset.get();
    if (!r) return out;
    for (const auto& in : ruleset_inputs(*r))
        if (in.type == "百分比") out.push_back(in.name);
    return out;
}

void ReplEngine::Impl::watch_files() {
    watched.clear();
    std::vector<std::string> files = scan.files;
    if (!base_path.empty()) files.push_back(base_path);
    if (!data_path.empty()) files.push_back(data_path);
    for (const auto& f : files) {
        std::error_code ec;
        auto m = fs::last_write_time(f, ec);
        if (!ec) watched[f] = m;
    }
}

void ReplEngine::Impl::rebuild_data(std::string* report) {
    data_text.reset();
    data.reset();
    if (!data_file.ok()) return;
    std::ifstream in(data_path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    std::string text = ss.str();
    std::string t0 = trim(text);
    bool json = fs::path(data_path).extension() == ".json" || starts_with(t0, "{");
    std::string why;
    // A workbook (.xlsx, a zip) has no text to edit field by field: it is scored as read.
    const bool workbook = text.compare(0, 4, "PK\x03\x04") == 0;
    if (workbook) why = t("这是 .xlsx 工作簿，请在 Excel 或 WPS 中修改", "it is an .xlsx workbook: change it in Excel or WPS");
    else data_text = read_data_text(text, json, percent_inputs(), &why);
    if (!data_text && report)
        *report += t("（无法逐项读取这份数据：" + why + "；:set 不可用）\n", "(cannot read this data field by field: " + why + "; :set is unavailable)\n");
    data = data_file.data;
    if (overrides.empty() || !data_text) return;
    DataText cur = *data_text;
    for (const auto& [n, v] : overrides) cur.set(n, v);
    DataResult d = parse_data(t("数据", "data"), cur.block());
    if (d.ok() && !has_errors(d.diagnostics)) {
        data = d.data;
    } else if (report) {
        *report += t("（:set 的改动无法套用，已清除）\n", "(the :set changes no longer apply and were cleared)\n") +
                   render_all(d.diagnostics);
        overrides.clear();
    }
}

std::string ReplEngine::Impl::load_data(const std::string& path) {
    std::string abs = fs::absolute(path).lexically_normal().generic_string();
    DataResult d = load_data_file(abs);
    if (!d.ok()) return render_all(d.diagnostics) + t("（数据未加载）\n", "(data not loaded)\n");
    std::string out;
    bool had_overrides = !overrides.empty() && abs != data_path;
    if (abs != data_path) overrides.clear();
    data_path = abs;
    data_file = d;
    rebuild_data(&out);
    rescore();
    watch_files();
    int fields = data_text ? static_cast<int>(data_text->entries.size()) : 0;
    std::string who;
    if (data_text && !data_text->department.empty()) who = data_text->department;
    if (data_text && data_text->year) who += (who.empty() ? "" : " ") + std::to_string(*data_text->year) + t(" 年度", "");
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
    }
    // The session: every change that still compiles on the (new) file.
    SessionText st = compose(keep);
    CompileResult cr = compile(st);
    std::vector<Chunk> good = keep;
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
                out += t("改动#" + std::to_string(i + 1) + " 在新的文件上不再成立，已搁置（仍在 :history 中）：\n",
                         "change#" + std::to_string(i + 1) + " no longer applies to the file and was set aside (it is still in :history):\n");
                out += "  " + keep[i].typed + "\n";
            }
        }
        st = compose(good);
    }
    std::vector<Diagnostic> ds = remap(cr.diagnostics, st, -1, nullptr);
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
    Scan sc = tokenize(text);
    if (sc.tokens.empty()) return {};
    const Token& first = sc.tokens.front();
    if (starts_item(first)) return handle_statement(text, sc);
    if (first.kind == Token::Kind::Ident && sc.tokens.size() >= 2 && sc.tokens[1].is_punct("="))
        return handle_definition(text, sc);
    return handle_expression(text);
}

Eval ReplEngine::Impl::evaluate(const std::string& expr, const std::string& skip_named) const {
    Eval ev;
    DataText cur = data_text ? *data_text : DataText{};
    for (const auto& [n, v] : overrides) cur.set(n, v);
    std::vector<std::pair<std::string, std::string>> extras;
    std::set<std::string> visiting;
    bool failed = false;
    auto data_for = [&]() -> std::shared_ptr<const DepartmentData> {
        if (extras.empty() && overrides.empty() && data_file.ok()) return data_file.data;
        if (!data_text && data_file.ok() && extras.empty()) return data;
        DataResult d = parse_data(t("数据", "data"), cur.block(extras, true));
        return d.data;
    };
    std::function<void(const std::string&)> resolve = [&](const std::string& name) {
        if (failed || visiting.count(name)) return;
        for (const auto& e : extras)
            if (e.first == name) return;
        const std::string* def = nullptr;
        std::string origin;
        for (auto it = named.rbegin(); it != named.rend(); ++it) {
            if (it->first == name && name != skip_named) {
                def = &it->second;
                break;
            }
        }
        if (!def) {
            if (const DataEntry* e = cur.find(name); e && e->shape == DataEntry::Shape::Scalar) return;
            auto defs = scan.find(name);
            if (defs.empty()) return;
            def = &defs.front()->expr;
            origin = join_path(defs.front()->indicator);
            for (const auto* d : defs)
                if (d->expr != *def) {
                    origin += t("；另见 ", "; also in ") + join_path(d->indicator);
                }
        }
        visiting.insert(name);
        for (const auto& id : identifiers_in(*def)) resolve(id);
        visiting.erase(name);
        if (failed) return;
        auto data_now = data_for();
        ExpressionResult r = evaluate_expression(*def, data_now.get());
        if (!r.value) {
            failed = true;
            for (auto d : r.diagnostics) {
                d.path = name;
                if (d.severity == Severity::Error && !origin.empty()) {
                    d.message_zh += "（计算 `" + name + "` 时，其定义在 " + origin + "）";
                    d.message_en += " (while computing `" + name + "`, defined in " + origin + ")";
                }
                ev.diagnostics.push_back(d);
            }
            return;
        }
        extras.emplace_back(name, literal(*r.value));
        if (!origin.empty()) ev.notes.push_back(name + " = " + *r.value + t("（" + origin + " 中的命名值）", "  (named value in " + origin + ")"));
    };
    for (const auto& id : identifiers_in(expr)) resolve(id);
    if (failed) return ev;
    auto data_now = data_for();
    ExpressionResult r = evaluate_expression(expr, data_now.get());
    ev.value = r.value;
    for (auto d : r.diagnostics) {
        if (d.path == "<表达式>") d.path = t("输入", "input");
        // A list or a goal table is data the expression evaluator cannot read.
        for (const auto& e : cur.entries) {
            if (e.shape == DataEntry::Shape::Scalar) continue;
            if (d.message_zh.find("`" + e.name + "`") != std::string::npos) {
                d.message_zh += "（`" + e.name + "` 是" + (e.shape == DataEntry::Shape::Table ? "目标表" : "列表") + "，表达式里只能用于函数，如 平均(" + e.name + ")）";
                d.message_en += " (`" + e.name + "` is a " + (e.shape == DataEntry::Shape::Table ? "goal table" : "list") + ")";
            }
        }
        ev.diagnostics.push_back(d);
    }
    return ev;
}

Reply ReplEngine::Impl::handle_expression(const std::string& text) {
    Reply r;
    // An indicator's name or path alone (结转结余率, 管理效率.预算执行) shows that indicator, unless
    // the name is also a datum or a named value.
    Scan sc = tokenize(text);
    bool path_like = !sc.tokens.empty();
    bool dotted = false;
    for (std::size_t i = 0; i < sc.tokens.size(); ++i) {
        const Token& tk = sc.tokens[i];
        bool name = tk.kind == Token::Kind::Ident || tk.kind == Token::Kind::String;
        bool dot = tk.is_punct(".");
        dotted = dotted || dot;
        if (i % 2 == 0 ? !name : !dot) path_like = false;
    }
    if (path_like && sc.tokens.size() % 2 == 1 && sheet()) {
        std::vector<std::string> path = split_path(text);
        bool other_meaning = false;
        if (!dotted) {
            const std::string& n = path.front();
            for (const auto& nv : named) other_meaning = other_meaning || nv.first == n;
            other_meaning = other_meaning || (data_text && data_text->find(n)) || !scan.find(n).empty();
        }
        std::vector<const ScoreNode*> all;
        flatten(sheet()->indicators, all, false);
        flatten(sheet()->adjustments, all, false);
        bool found = false;
        for (const auto* n : all)
            found = found || (n->path.size() >= path.size() && std::equal(path.rbegin(), path.rend(), n->path.rbegin()));
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
    r.text = *ev.value + "\n";
    for (const auto& n : ev.notes) r.text += "  " + n + "\n";
    return r;
}

Reply ReplEngine::Impl::handle_definition(const std::string& text, const Scan& sc) {
    Reply r;
    const std::string name = sc.tokens[0].text;
    std::string expr = blank_prefix(text, sc.tokens[1].end);
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
    r.text = name + " = " + *ev.value + "\n";
    for (const auto& n : ev.notes) r.text += "  " + n + "\n";
    bool is_input = false;
    if (const Ruleset* rs = session ? session.get() : nullptr)
        for (const auto& in : ruleset_inputs(*rs)) is_input = is_input || in.name == name;
    if (is_input || (data_text && data_text->find(name)))
        r.text += t("  （会话中的 " + name + " 遮住了同名数据；改数据请用 :set " + name + " = 值）\n",
                    "  (the session's " + name + " hides the datum of that name; to change the datum use :set " + name + " = VALUE)\n");
    return r;
}

std::optional<Chunk> ReplEngine::Impl::build_chunk(const std::string& text, const Scan& sc, std::string& error,
                                                   std::vector<std::string>& notes) const {
    const auto& ts = sc.tokens;
    Chunk c;
    c.typed = text;
    // Items: each starts with a keyword that begins a top-level item, outside brackets.
    std::vector<std::pair<std::size_t, std::size_t>> items;
    int depth = 0;
    for (std::size_t i = 0; i < ts.size(); ++i) {
        if (depth == 0 && starts_item(ts[i])) {
            if (!items.empty()) items.back().second = i;
            items.push_back({i, ts.size()});
        }
        if (ts[i].opens()) ++depth;
        if (ts[i].closes()) --depth;
    }
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
                    for (std::size_t len = 0; skip < seg.size(); skip += len) {
                        char32_t ch = utf8_at(seg, skip, len);
                        if (ch != ' ' && ch != '\t' && ch != '\r' && ch != 0x3000) break;
                    }
                    seg = seg.substr(skip);
                }
                int col = column_of(text, pos + skip);
                gl.col_delta = col - 1 - static_cast<int>(utf8_count(indent));
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
    auto synthetic = [&](const std::string& s, const Token& at) {
        GenLine gl;
        gl.text = s;
        gl.synthetic = true;
        gl.user_line = at.line - 1;
        gl.syn_col = at.column;
        gl.syn_len = static_cast<int>(utf8_count(at.text));
        c.lines.push_back(gl);
    };
    // 替换 itself keeps the old indicator's named values that the new members (tokens between
    // `brace` and `close`) use without defining them, in a file as here; the author is told which.
    auto note_kept_named_values = [&](const std::vector<std::string>& path, std::size_t brace, std::size_t close) {
        std::string members = text.substr(ts[brace].end, ts[close].begin - ts[brace].end);
        for (const auto& o : kept_by_replacement(scan, path, members))
            notes.push_back(t("沿用原定义：", "kept from the original: ") + o.name + " = " + o.expr);
    };
    for (const auto& [a, b] : items) {
        const Token& k = ts[a];
        // A whole indicator: 三级指标 名称 分值 [分] { … }
        if (is_level_keyword(k) && b - a >= 5 &&
            (ts[a + 1].kind == Token::Kind::Ident || ts[a + 1].kind == Token::Kind::String) &&
            ts[a + 2].kind == Token::Kind::Number) {
            std::size_t brace = a + 3;
            if (ts[brace].is_kw("POINTS")) ++brace;
            std::size_t close = brace;
            if (brace < b && ts[brace].is_punct("{")) {
                int d = 0;
                for (close = brace; close < b; ++close) {
                    if (ts[close].opens()) ++d;
                    if (ts[close].closes() && --d == 0) break;
                }
            }
            if (brace < b && ts[brace].is_punct("{") && close + 1 == b && ts[close].is_punct("}")) {
                const Token& name_tok = ts[a + 1];
                std::string name = name_tok.kind == Token::Kind::String ? name_tok.value : name_tok.text;
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
                    synthetic("替换 " + path_text(path) + " {", name_tok);
                    note_kept_named_values(path, brace, close);
                    emit(ts[brace].end, ts[close].begin, true, "  ");
                    synthetic("}", ts[close]);
                    // The weight, when it differs from the indicator's.
                    const ScoreNode* node = scored && scored->sheet ? find_node(scored->sheet->indicators, path) : nullptr;
                    auto w = Decimal::parse(ts[a + 2].text);
                    if (node && w && *w != node->weight)
                        synthetic("修改 " + path_text(path) + " 分值 " + ts[a + 2].text, ts[a + 2]);
                    c.redefined.push_back(path);
                    continue;
                }
                c.redefined.push_back({name});
                if (!k.is_kw("LEVEL1") && !k.is_kw("INDICATOR"))
                    notes.push_back(t("没有名为 `" + name + "` 的指标，新指标加在最顶层；要加在某个指标之下，写 增加 到 路径 { " + k.text + " " + name + " … }",
                                      "no indicator is named `" + name + "`: the new one goes at the top level; to add it under another, write add into PATH { " + k.text + " " + name + " … }"));
            }
        } else if (k.is_kw("REPLACE") || k.is_kw("MODIFY") || k.is_kw("REMOVE") || k.is_kw("ORDER")) {
            std::vector<std::string> p;
            for (std::size_t i = a + 1; i < b; ++i) {
                if (ts[i].kind == Token::Kind::Ident || ts[i].kind == Token::Kind::String)
                    p.push_back(ts[i].kind == Token::Kind::String ? ts[i].value : ts[i].text);
                if (i + 1 < b && ts[i + 1].is_punct(".")) {
                    ++i;
                    continue;
                }
                break;
            }
            if (!p.empty()) c.redefined.push_back(p);
            if (k.is_kw("REPLACE") && !p.empty() && b - a >= 3 && ts[b - 1].is_punct("}")) {
                std::size_t brace = a + 1;
                while (brace < b && !ts[brace].is_punct("{")) ++brace;
                if (brace < b - 1) note_kept_named_values(p, brace, b - 1);
            }
        }
        emit(ts[a].begin, ts[b - 1].end, false, "");
    }
    return c;
}

Reply ReplEngine::Impl::handle_statement(const std::string& text, const Scan& sc) {
    Reply r;
    std::string error;
    std::vector<std::string> notes;
    auto chunk = build_chunk(text, sc, error, notes);
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
    for (const auto& n : notes) r.text += n + "\n";
    r.text += render_all(shown);
    r.text += feedback(before, scored, chunks.back().redefined);
    return r;
}

// ---------------------------------------------------------------- the public face

ReplEngine::ReplEngine(Options opts) : impl_(std::make_unique<Impl>()) {
    impl_->lang = opts.language;
    impl_->color = opts.color;
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
    return r;
}

Reply ReplEngine::submit(const std::string& line) {
    Impl& m = *impl_;
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
    Scan sc = tokenize(text);
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
