// pingfen test --coverage: each test scored with the evaluator recording what every rule
// decided (eval::Choice), the outcomes of each rule marked reached from those records.
#include <fmt/format.h>
#include <unordered_map>

#include "api/guard.hpp"
#include "api/run_test.hpp"
#include "pingfen/testing.hpp"
#include "sema/ruleset.hpp"
#include "testing/outcomes.hpp"

namespace pingfen {

int IndicatorCoverage::reached() const {
    int n = 0;
    for (const auto& o : outcomes) n += o.reached ? 1 : 0;
    return n;
}

int CoverageReport::reached() const {
    int n = 0;
    for (const auto& i : indicators) n += i.reached();
    return n;
}

int CoverageReport::total() const {
    int n = 0;
    for (const auto& i : indicators) n += i.total();
    return n;
}

Decimal CoverageReport::percent() const {
    if (total() == 0) return Decimal::from_int(100);
    return (Decimal::from_int(reached()) * Decimal::from_int(100) / Decimal::from_int(total())).round_half_up(2);
}

bool CoverageReport::meets(const Decimal& min_percent) const {
    return min_percent * Decimal::from_int(total()) <= Decimal::from_int(reached()) * Decimal::from_int(100);
}

namespace {

std::string where(const Loc& loc) {
    return fmt::format("{}:{}:{}", loc.file ? loc.file->path : std::string(), loc.line, loc.column);
}

// The same outcome met through two rulesets (an imported file) has the same key.
std::string key_of(const testing::Outcome& o) {
    return fmt::format("{}#{}#{}#{}", where(o.loc), static_cast<int>(o.kind), o.index, o.zh);
}

}  // namespace

struct Coverage::Impl {
    std::vector<IndicatorCoverage> indicators;
    std::unordered_map<std::string, std::size_t> indicator_at;  // by where the indicator is written
    std::unordered_map<std::string, std::pair<std::size_t, std::size_t>> outcome_at;
    std::vector<CoverageReport::Source> sources;

    void add_source(const SourceFile* f) {
        if (!f) return;
        for (const auto& s : sources)
            if (s.path == f->path) return;
        sources.push_back({f->path, f->text});
    }

    TestReport run(const std::string& path, Language lang) {
        TestReport report;
        CompileResult c = compile_file(path);
        report.diagnostics = c.diagnostics;
        if (!c.ok()) return report;
        const Ruleset& r = *c.ruleset;
        add_source(r.module->source.get());
        for (const auto& s : r.module->imported_sources) add_source(s.get());

        // The outcomes of each scored indicator, and where they sit in the report.
        struct Listed {
            const ast::Indicator* ind;
            std::vector<testing::Outcome> outcomes;
            std::vector<std::pair<std::size_t, std::size_t>> at;
        };
        std::vector<Listed> listed;
        for (const ast::Indicator* ind : r.indicators) {
            if (!ind->scoring) continue;
            Listed l{ind, testing::outcomes_of(*ind), {}};
            std::string ikey = where(ind->loc);
            auto [it, fresh] = indicator_at.try_emplace(ikey, indicators.size());
            if (fresh) {
                IndicatorCoverage ic;
                ic.path = r.paths[static_cast<std::size_t>(ind->index)];
                ic.file = ind->loc.file ? ind->loc.file->path : std::string();
                ic.line = ind->loc.line;
                indicators.push_back(std::move(ic));
            }
            for (const auto& o : l.outcomes) {
                auto [ot, new_outcome] = outcome_at.try_emplace(key_of(o), it->second, indicators[it->second].outcomes.size());
                if (new_outcome)
                    indicators[it->second].outcomes.push_back(
                        CoverageOutcome{o.loc.file ? o.loc.file->path : std::string(), o.loc.line, o.loc.column, o.zh, o.en, false});
                l.at.push_back(ot->second);
            }
            listed.push_back(std::move(l));
        }

        for (const auto& tc : r.module->tests) {
            eval::ChoicesByIndicator choices;
            std::optional<ScoreSheet> sheet;
            report.tests.push_back(api::run_test_case(r, tc, path, lang, &choices, &sheet));
            if (!sheet) continue;
            for (const auto& l : listed) {
                std::optional<Decimal> score;
                const auto& p = r.paths[static_cast<std::size_t>(l.ind->index)];
                const ScoreNode* n = api::find_node(sheet->indicators(), p);
                if (!n) n = api::find_node(sheet->adjustments(), p);
                if (n) score = n->score();
                auto hit = testing::reached(l.outcomes, *l.ind, choices, score);
                for (std::size_t i = 0; i < hit.size(); ++i)
                    if (hit[i]) indicators[l.at[i].first].outcomes[l.at[i].second].reached = true;
            }
        }
        return report;
    }
};

Coverage::Coverage() : impl_(std::make_unique<Impl>()) {}
Coverage::~Coverage() = default;

TestReport Coverage::run(const std::string& path, Language lang) {
    return api::guarded<TestReport>(path, [&] { return impl_->run(path, lang); });
}

CoverageReport Coverage::report() const {
    CoverageReport out;
    out.indicators = impl_->indicators;
    out.sources = impl_->sources;
    return out;
}

}  // namespace pingfen
