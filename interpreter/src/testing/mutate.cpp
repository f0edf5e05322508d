// pingfen test --mutate: each tier's score, bound and open/closed end, each step and cap changed
// in the source text at the node's location, one at a time; the ruleset compiled again and its
// tests run. A change no test notices is a survivor: the tests do not pin that part of the rule.
// Working on the text needs nothing of the evaluator, and what is reported is a change a person
// could have typed.
#include <fmt/format.h>
#include <algorithm>
#include <fstream>
#include <map>
#include <sstream>

#include "api/guard.hpp"
#include "pingfen/testing.hpp"
#include "sema/ruleset.hpp"

namespace pingfen {

int MutationReport::killed() const {
    int n = 0;
    for (const auto& m : mutants) n += m.compiles && m.killed ? 1 : 0;
    return n;
}

int MutationReport::survived() const {
    int n = 0;
    for (const auto& m : mutants) n += m.compiles && !m.killed ? 1 : 0;
    return n;
}

namespace {

using ast::Expr;
using ast::Scoring;

// One change: in `file`, each edit's bytes [begin, end) replaced by its text (a bound shared by
// two tiers is changed in both, or the checker would refuse the gap or overlap).
struct Edit {
    std::size_t begin = 0, end = 0;
    std::string to;
};
struct Change {
    const SourceFile* file = nullptr;
    std::vector<Edit> edits;  // in source order
    int line = 0, column = 0;
    std::string indicator;
    std::string from(const char* sep = " 与 ") const {
        std::string out;
        for (const auto& e : edits) out += (out.empty() ? "" : sep) + file->text.substr(e.begin, e.end - e.begin);
        return out;
    }
    std::string to(const char* sep = " 与 ") const {
        std::string out;
        for (const auto& e : edits) out += (out.empty() ? "" : sep) + e.to;
        return out;
    }
    std::string applied() const {
        std::string out = file->text;
        for (auto it = edits.rbegin(); it != edits.rend(); ++it) out.replace(it->begin, it->end - it->begin, it->to);
        return out;
    }
};

// The byte offset of a code-point column on a line.
std::size_t offset(const SourceFile& f, int line, int column) {
    std::size_t at = f.line_starts[static_cast<std::size_t>(line - 1)];
    for (int c = 1; c < column && at < f.text.size(); ++c) {
        ++at;
        while (at < f.text.size() && (static_cast<unsigned char>(f.text[at]) & 0xC0) == 0x80) ++at;
    }
    return at;
}

std::string number_text(const Decimal& v, bool percent) { return percent ? v.to_percent_exact() : v.to_string(); }

std::string interval_text(const ast::Interval& iv, const std::string& lo, const std::string& hi, bool lo_closed, bool hi_closed) {
    if (!iv.low) return fmt::format("{} {}", hi_closed ? "≤" : "<", hi);
    if (!iv.high) return fmt::format("{} {}", lo_closed ? "≥" : ">", lo);
    return fmt::format("{}{}, {}{}", lo_closed ? "[" : "(", lo, hi, hi_closed ? "]" : ")");
}

class Sites {
public:
    explicit Sites(const Ruleset& r) : r_(r) {}

    std::vector<Change> of(const ast::Indicator& ind) {
        out_.clear();
        who_ = r_.path_text(ind);
        if (ind.scoring) rule(*ind.scoring);
        // A bonus or penalty item's cap (加分项 表彰 最多 3 分): one point less, or half of a smaller one.
        if ((ind.role == ast::Indicator::Role::Bonus || ind.role == ast::Indicator::Role::Penalty) && ind.weight_loc.file) {
            const Decimal one = Decimal::from_int(1);
            replace(ind.weight_loc, (one < ind.cap ? ind.cap - one : ind.cap / Decimal::from_int(2)).to_string());
        }
        return std::move(out_);
    }

private:
    Edit edit(const Loc& loc, std::string to) const {
        return Edit{offset(*loc.file, loc.line, loc.column), offset(*loc.file, loc.line, loc.column + loc.length), std::move(to)};
    }

    void change(const Loc& first, std::vector<Edit> edits) {
        if (!first.file || first.line <= 0) return;
        bool differs = false;
        for (const auto& e : edits) differs = differs || first.file->text.compare(e.begin, e.end - e.begin, e.to) != 0;
        if (!differs) return;
        Change c;
        c.file = first.file;
        c.edits = std::move(edits);
        c.line = first.line;
        c.column = first.column;
        c.indicator = who_;
        out_.push_back(std::move(c));
    }

    void replace(const Loc& loc, std::string to) {
        if (!loc.file || loc.line <= 0) return;
        change(loc, {edit(loc, std::move(to))});
    }

    static bool literal(const ast::ExprPtr& e) { return e && e->kind == Expr::Kind::Number; }

    // The bounds of a rule's tiers, one value at a time: the value's end opened or closed, and
    // moved one unit (1%, or 1) up and down, in every tier that ends there together.
    void bounds(const Scoring& s) {
        std::vector<Decimal> values;
        for (const auto& t : s.tiers) {
            if (!t.bound) continue;
            const auto& iv = *t.bound;
            if ((iv.low && !literal(iv.low)) || (iv.high && !literal(iv.high))) return;
            for (const auto* e : {iv.low.get(), iv.high.get()})
                if (e && std::find(values.begin(), values.end(), e->number) == values.end()) values.push_back(e->number);
        }
        auto text = [](const Expr* e, int shift) {
            const Decimal unit = e->percent ? *Decimal::parse("0.01") : Decimal::from_int(1);
            return number_text(e->number + unit * Decimal::from_int(shift), e->percent);
        };
        for (const Decimal& b : values) {
            for (int mode : {0, -1, 1}) {  // 0: open or close the end; ±1: move it
                std::vector<Edit> edits;
                Loc first;
                for (const auto& t : s.tiers) {
                    if (!t.bound) continue;
                    const auto& iv = *t.bound;
                    if (iv.low && iv.high && iv.low->number == iv.high->number) continue;  // = x
                    const bool at_low = iv.low && iv.low->number == b, at_high = iv.high && iv.high->number == b;
                    if (!at_low && !at_high) continue;
                    std::string lo = iv.low ? text(iv.low.get(), at_low ? mode : 0) : "";
                    std::string hi = iv.high ? text(iv.high.get(), at_high ? mode : 0) : "";
                    bool lc = iv.low_closed != (at_low && mode == 0), hc = iv.high_closed != (at_high && mode == 0);
                    if (edits.empty()) first = iv.loc;
                    edits.push_back(edit(iv.loc, interval_text(iv, lo, hi, lc, hc)));
                }
                if (!edits.empty()) change(first, std::move(edits));
            }
        }
    }

    // A tier's points: a number halved (or 0 made 1), 得满分 and 不得分 swapped.
    void points(const Scoring& s) {
        if (s.kind == Scoring::Kind::Score && literal(s.value)) {
            const Decimal v = s.value->number;
            replace(s.value->loc, v.is_zero() ? "1" : (v / Decimal::from_int(2)).to_string());
            return;
        }
        if (s.kind != Scoring::Kind::Full && s.kind != Scoring::Kind::Zero) return;
        const std::string_view line = s.loc.file ? s.loc.file->line(s.loc.line) : std::string_view();
        const std::string from = s.kind == Scoring::Kind::Full ? "得满分" : "不得分";
        const std::size_t begin = offset(*s.loc.file, s.loc.line, s.loc.column) - s.loc.file->line_starts[static_cast<std::size_t>(s.loc.line - 1)];
        if (line.compare(begin, from.size(), from) != 0) return;
        Loc l = s.loc;
        l.length = 3;
        replace(l, s.kind == Scoring::Kind::Full ? "不得分" : "得满分");
    }

    void rule(const Scoring& s) {
        switch (s.kind) {
            case Scoring::Kind::If:
                rule(*s.then_);
                rule(*s.else_);
                break;
            case Scoring::Kind::Tiers:
            case Scoring::Kind::Completion:
                bounds(s);
                for (const auto& t : s.tiers) {
                    points(*t.result);
                    rule(*t.result);
                }
                break;
            case Scoring::Kind::Step: {
                if (literal(s.step)) {
                    const Decimal unit = s.step->percent ? *Decimal::parse("0.01") : Decimal::from_int(1);
                    replace(s.step->loc, number_text(s.step->number + unit, s.step->percent));
                    if (unit < s.step->number) replace(s.step->loc, number_text(s.step->number - unit, s.step->percent));
                }
                if (literal(s.amount)) replace(s.amount->loc, (s.amount->number * Decimal::from_int(2)).to_string());
                // 不足一档按一档计 ↔ 不足一档不计, where the rule says it.
                const std::string counts = "不足一档按一档计", not_counts = "不足一档不计";
                const std::string& from = s.partial_step_counts ? counts : not_counts;
                const std::string_view line = s.loc.file->line(s.loc.line);
                const std::size_t at = line.find(from);
                if (at != std::string_view::npos) {
                    Loc l = s.loc;
                    l.column = static_cast<int>(utf8_decode(line.substr(0, at)).size()) + 1;
                    l.length = static_cast<int>(utf8_decode(from).size());
                    replace(l, s.partial_step_counts ? not_counts : counts);
                }
                break;
            }
            case Scoring::Kind::Proportion:
                if (literal(s.cap)) {
                    const Decimal unit = s.cap->percent ? *Decimal::parse("0.01") : Decimal::from_int(1);
                    replace(s.cap->loc, number_text(s.cap->number - unit, s.cap->percent));
                }
                break;
            case Scoring::Kind::Parts:
                for (const auto& p : s.parts) rule(*p->scoring);
                break;
            default: break;
        }
    }

    const Ruleset& r_;
    std::string who_;
    std::vector<Change> out_;
};

std::string read(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// True when some test of `path` fails, or the file does not compile, with `change` made.
// nullopt: the changed ruleset does not compile (the checker refuses it).
std::optional<bool> killed(const std::string& path, const std::string& file, const std::string& changed, Language lang) {
    CompileOptions opts;
    opts.read_import = [&](const std::string& p) -> std::optional<std::string> {
        if (p == file) return changed;
        std::ifstream in(p, std::ios::binary);
        if (!in) return std::nullopt;
        return read(p);
    };
    CompileResult c = file == path ? compile_source(path, changed, opts) : compile_file(path, opts);
    if (!c.ok()) return std::nullopt;
    TestReport r = run_tests(*c.ruleset, path, lang);
    return r.failed() > 0;
}

MutationReport mutate(const std::vector<std::string>& paths, Language lang) {
    MutationReport out;
    // Each change once, keyed by file, place and replacement, with the rulesets that contain it.
    struct Site {
        Mutant m;
        std::string changed_text;
        std::vector<std::string> rulesets;
    };
    std::vector<Site> sites;
    std::map<std::string, std::size_t> at;
    std::vector<std::shared_ptr<const Ruleset>> keep;  // the AST the changes point into
    for (const auto& path : paths) {
        CompileResult c = compile_file(path);
        for (const auto& d : c.diagnostics)
            if (d.severity == Severity::Error) out.diagnostics.push_back(d);
        if (!c.ok()) continue;
        TestReport before = run_tests(*c.ruleset, path, lang);
        if (before.failed() > 0) {
            Diagnostic d;
            d.code = "E0902";
            d.path = path;
            d.message_zh = fmt::format("规则未改动时已有 {} 个测试不通过；变异测试要先让全部测试通过（用 pingfen test 查看哪些不通过）", before.failed());
            d.message_en = fmt::format("{} of the tests fail with the rules unchanged; mutation testing needs them all to pass first "
                                       "(pingfen test shows which)", before.failed());
            out.diagnostics.push_back(std::move(d));
            continue;
        }
        keep.push_back(c.ruleset);
        Sites finder(*c.ruleset);
        for (const ast::Indicator* ind : c.ruleset->indicators) {
            for (auto& ch : finder.of(*ind)) {
                std::string key = ch.file->path + ":" + ch.indicator;
                for (const auto& e : ch.edits) key += fmt::format(":{}-{}={}", e.begin, e.end, e.to);
                auto [it, fresh] = at.try_emplace(key, sites.size());
                if (fresh) {
                    Site s;
                    s.m.path = ch.file->path;
                    s.m.line = ch.line;
                    s.m.column = ch.column;
                    s.m.indicator = ch.indicator;
                    s.m.from = ch.from();
                    s.m.to = ch.to();
                    s.m.words_zh = fmt::format("把 {} 改成 {}", s.m.from, s.m.to);
                    s.m.words_en = fmt::format("{} changed to {}", ch.from(" and "), ch.to(" and "));
                    s.changed_text = ch.applied();
                    sites.push_back(std::move(s));
                }
                auto& rs = sites[it->second].rulesets;
                if (std::find(rs.begin(), rs.end(), path) == rs.end()) rs.push_back(path);
            }
        }
    }
    for (auto& s : sites) {
        bool compiled = false;
        for (const auto& path : s.rulesets) {
            auto k = killed(path, s.m.path, s.changed_text, lang);
            if (!k) continue;
            compiled = true;
            if (*k) {
                s.m.killed = true;
                break;
            }
        }
        s.m.compiles = compiled;
        out.mutants.push_back(std::move(s.m));
    }
    return out;
}

}  // namespace

MutationReport mutate_tests(const std::vector<std::string>& paths, Language lang) {
    return api::guarded<MutationReport>(paths.empty() ? std::string() : paths.front(), [&] { return mutate(paths, lang); });
}

std::string mutation_as_text(const MutationReport& r, Language lang) {
    const bool en = lang == Language::English;
    std::string out;
    int refused = 0;
    for (const auto& m : r.mutants) {
        if (!m.compiles) {
            ++refused;
            continue;
        }
        if (m.killed) continue;
        out += fmt::format(fmt::runtime(en ? "  survived {}:{}:{}: {}: {}, and every test still passes\n"
                                           : "  存活 {}:{}:{}: {}：{}，所有测试仍通过\n"),
                           m.path, m.line, m.column, m.indicator, en ? m.words_en : m.words_zh);
    }
    const int counted = static_cast<int>(r.mutants.size()) - refused;
    out += fmt::format(fmt::runtime(en ? "{} mutants: {} killed by the tests, {} survived; {} more refused by the checker\n"
                                       : "共 {} 个变异：{} 个被测试发现，{} 个存活；另有 {} 个被检查拒绝（无法编译）\n"),
                       counted, r.killed(), r.survived(), refused);
    return out;
}

}  // namespace pingfen
