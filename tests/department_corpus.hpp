// Departments' data for a ruleset, as varied as the repository can give them: its own 测试
// blocks (their 给定 files, then their inline values over them), the example beside it, the
// boundary cases `pingfen test --generate` writes, and each input of the example changed to
// values that stress a rule (0, negatives, huge numbers, the ruleset's own constants and just
// beside them, flipped yes/no, a wrong type, left out). For plain_vs_explained_test.cpp; public
// API only (pingfen.hpp, authoring.hpp for the tokens and the data's fields, testing.hpp for
// the generated cases).
#pragma once

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <map>
#include <memory>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "pingfen/authoring.hpp"
#include "pingfen/pingfen.hpp"
#include "pingfen/testing.hpp"
#include "support.hpp"

namespace pingfen::test {

struct Department {
    std::string label;  // where it came from, for a failure's message
    std::shared_ptr<const DepartmentData> data;
};

// The 给定 of one 测试 block: its files (relative to the ruleset's folder) in order, and the
// text of each inline `给定 { … }` between its braces.
struct GivenData {
    std::string test;
    std::vector<std::string> files;
    std::vector<std::string> blocks;
};

inline std::string unquoted(const std::string& s) {
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"') return s.substr(1, s.size() - 2);
    const std::string open = "\xE2\x80\x9C", close = "\xE2\x80\x9D";  // “ ”
    if (s.size() >= 6 && s.compare(0, 3, open) == 0 && s.compare(s.size() - 3, 3, close) == 0) return s.substr(3, s.size() - 6);
    return s;
}

// The 测试 blocks of `text`, read with the language's own tokens.
inline std::vector<GivenData> given_data(std::string_view text) {
    const std::vector<SourceToken> t = tokenize(text);
    std::vector<GivenData> out;
    // The index of the brace closing the one at `open`.
    auto closing = [&](std::size_t open) {
        int depth = 0;
        for (std::size_t k = open; k < t.size(); ++k) {
            if (t[k].token == "LBRACE") ++depth;
            if (t[k].token == "RBRACE" && --depth == 0) return k;
        }
        return t.size();
    };
    for (std::size_t i = 0; i + 2 < t.size(); ++i) {
        if (t[i].token != "TEST" || t[i + 1].token != "STRING" || t[i + 2].token != "LBRACE") continue;
        GivenData g;
        g.test = unquoted(t[i + 1].text);
        const std::size_t end = closing(i + 2);
        for (std::size_t j = i + 3; j + 1 < end; ++j) {
            if (t[j].token != "GIVEN") continue;
            if (t[j + 1].token == "STRING") {
                g.files.push_back(unquoted(t[j + 1].text));
            } else if (t[j + 1].token == "LBRACE") {
                const std::size_t close = closing(j + 1);
                if (close >= t.size()) break;
                g.blocks.emplace_back(text.substr(t[j + 1].end, t[close].begin - t[j + 1].end));
                j = close;
            }
        }
        out.push_back(std::move(g));
        i = end;
    }
    return out;
}

// Data files read once each.
class FileCache {
public:
    std::shared_ptr<const DepartmentData> load(const std::string& path) {
        auto it = files_.find(path);
        if (it != files_.end()) return it->second;
        DataResult d = load_data_file(path);
        return files_[path] = d.data;
    }

private:
    std::map<std::string, std::shared_ptr<const DepartmentData>> files_;
};

// A test's data as `pingfen test` builds it: the files in order, each over the one before, then
// the inline values over them. Null when a file cannot be read or a block is not data on its
// own (a datum given twice in one block, which only the test runner keeps twice).
inline std::shared_ptr<const DepartmentData> test_data(const std::filesystem::path& folder, const GivenData& g,
                                                       FileCache& files) {
    std::shared_ptr<const DepartmentData> d;
    for (const auto& f : g.files) {
        auto one = files.load((folder / f).lexically_normal().generic_string());
        if (!one) return nullptr;
        d = d ? merge_data(*d, *one).data : one;
        if (!d) return nullptr;
    }
    for (const auto& b : g.blocks) {
        DataResult over = parse_data("given.data.pf", "数据 {\n" + b + "\n}\n");
        if (!over.ok()) return nullptr;
        d = d ? merge_data(*d, *over.data).data : over.data;
        if (!d) return nullptr;
    }
    return d;
}

// Every 测试 block of `text` (tests of the ruleset at `path`, or generated for it) as a department.
inline void add_tests(std::vector<Department>& out, const std::string& path, std::string_view text,
                      const std::string& origin, FileCache& files, int* unreadable = nullptr) {
    const std::filesystem::path folder = std::filesystem::path(path).parent_path();
    for (const GivenData& g : given_data(text)) {
        if (g.files.empty() && g.blocks.empty()) continue;
        auto d = test_data(folder, g, files);
        if (!d) {
            if (unreadable) ++*unreadable;
            continue;
        }
        out.push_back(Department{origin + " 测试 \"" + g.test + "\"", d});
    }
}

// ---- changed data ----

// A small deterministic generator (the same sequence everywhere).
struct Lcg {
    std::uint64_t s;
    std::uint64_t next() {
        s = s * 6364136223846793005ull + 1442695040888963407ull;
        return s >> 33;
    }
    std::size_t below(std::size_t n) { return n ? static_cast<std::size_t>(next() % n) : 0; }
};

inline const std::string kHuge = "1000000000000000000000000000000";  // 1e30

// The numbers and percentages written in the ruleset's files (its tier bounds, steps, caps), as
// written, ASCII only.
inline std::vector<std::string> ruleset_constants(const Ruleset& r, bool percent) {
    std::set<std::string> seen;
    for (const std::string& file : ruleset_files(r)) {
        std::string text = slurp(file);
        for (const SourceToken& t : tokenize(text)) {
            if (t.kind != (percent ? SourceToken::Kind::Percent : SourceToken::Kind::Number)) continue;
            if (std::any_of(t.text.begin(), t.text.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) continue;
            seen.insert(t.text);
        }
    }
    return {seen.begin(), seen.end()};
}

// `text` (a number as written, maybe with %) moved by one unit in its last place and by 0.01.
inline std::vector<std::string> beside(const std::string& text) {
    const bool pct = !text.empty() && text.back() == '%';
    const std::string digits = pct ? text.substr(0, text.size() - 1) : text;
    auto v = Decimal::parse(digits);
    if (!v) return {};
    const Decimal step = *Decimal::parse("0.01");
    const std::string unit = pct ? "%" : "";
    return {(*v - step).to_plain() + unit, (*v + step).to_plain() + unit};
}

// Values to try for an input of this kind: edges every rule must survive, then the ruleset's
// own constants and the values just beside them (a sample of them, the same each run).
inline std::vector<std::string> trial_values(const InputInfo& in, const std::string& current,
                                             const std::vector<std::string>& numbers,
                                             const std::vector<std::string>& percents, Lcg& rng, std::size_t constants) {
    std::vector<std::string> v;
    auto sample = [&](const std::vector<std::string>& from) {
        for (std::size_t k = 0; k < std::min(constants, from.size()); ++k) {
            const std::string& c = from[rng.below(from.size())];
            v.push_back(c);
            for (auto& b : beside(c)) v.push_back(b);
        }
    };
    switch (in.kind) {
        case InputType::Number:
        case InputType::Amount:
            v = {"0", "-1", "0.005", "2.675", kHuge, "-" + kHuge, "\"abc\"", "是"};
            if (auto c = Decimal::parse(current)) {
                v.push_back((*c + *c).to_plain());
                for (auto& b : beside(current)) v.push_back(b);
            }
            sample(numbers);
            break;
        case InputType::Percent:
            v = {"0%", "100%", "99.995%", "100.01%", "150%", "-5%", "85", "1.5", "0.5", "\"abc\"", kHuge + "%"};
            sample(percents);
            break;
        case InputType::Count:
            v = {"0", "1", "2", "3", "10", "-1", "1.5", kHuge};
            sample(numbers);
            break;
        case InputType::YesNo:
            v = {current == "是" ? "否" : "是", "1", "\"是\""};
            break;
        case InputType::Text:
            v = {"\"其他\"", "\"\"", "5"};
            break;
        case InputType::Date:
            v = {"2023-04-28", "2023-04-29", "2022-12-31", "2024-02-29", "\"2023-02-30\"", "5"};
            break;
        case InputType::List:
            v = {"[]", "[100%]", "[0%]", "[150%, 50%]", "[99.995%, 100.005%, 0%]", "[\"x\"]", "5", "[0]", "[" + kHuge + "]",
                 "[1.5, 0.9]", "[85, 90%]"};
            break;
        case InputType::GoalTable:
            v = {"[]", "5",
                 "[ { 名称: \"甲\", 目标: 0, 实际: 0 } ]",
                 "[ { 名称: \"甲\", 目标: 100, 实际: 0, 权重: 100% } ]",
                 "[ { 名称: \"甲\", 目标: \"≥800\", 实际: 800 }, { 名称: \"乙\", 目标: \"≤5%\", 实际: \"5.01%\" } ]"};
            break;
        case InputType::Finding:
            v = {"{ 扣分: 0, 理由: \"\" }", "{ 扣分: 0.5 }", "{ 扣分: 0.5, 理由: \"凭证不全\" }", "{ 扣分: 100, 理由: \"x\" }", "5"};
            break;
    }
    return v;
}

// The data as a block of the language, with `changes` (name → value as written; an empty value
// leaves the datum out) applied: replaced where it stands, or added at the end.
// `year_shift` moves the data's year (W0403: data of another year than the ruleset's).
inline std::string block_with(const DepartmentData& base, const std::map<std::string, std::string>& changes,
                              int year_shift = 0) {
    std::string dept = data_department(base);
    std::string out = "数据 \"" + dept + "\"";
    if (auto y = data_year(base)) out += " 年度 " + std::to_string(*y + year_shift);
    out += " {\n";
    std::set<std::string> done;
    for (const DataFieldInfo& f : data_fields(base)) {
        auto it = changes.find(f.name);
        const std::string& value = it == changes.end() ? f.text : it->second;
        done.insert(f.name);
        if (!value.empty()) out += "  " + f.name + " = " + value + "\n";
    }
    for (const auto& [name, value] : changes)
        if (!done.count(name) && !value.empty()) out += "  " + name + " = " + value + "\n";
    return out + "}\n";
}

// `base` with each input changed alone to each of its trial values, and left out; then `mixed`
// departments with 2 to 5 inputs changed at once (random, from a fixed seed).
inline void add_changed(std::vector<Department>& out, const Ruleset& r, const DepartmentData& base,
                        const std::string& origin, std::size_t constants, std::size_t mixed, std::uint64_t seed,
                        int* unreadable = nullptr) {
    Lcg rng{seed};
    const auto numbers = ruleset_constants(r, false), percents = ruleset_constants(r, true);
    std::map<std::string, std::string> current;
    for (const DataFieldInfo& f : data_fields(base)) current[f.name] = f.text;
    std::vector<std::pair<std::string, std::vector<std::string>>> trials;
    for (const InputInfo& in : ruleset_inputs(r)) {
        auto values = trial_values(in, current.count(in.name) ? current[in.name] : "", numbers, percents, rng, constants);
        values.push_back("");  // left out
        trials.emplace_back(in.name, std::move(values));
    }
    auto add = [&](const std::map<std::string, std::string>& changes, std::string label, int year_shift = 0) {
        // Values changed or added: only they are read, and set over the base (merge_data); a
        // datum left out or another year: the whole data written anew.
        const bool whole = year_shift != 0 || std::any_of(changes.begin(), changes.end(), [](const auto& c) { return c.second.empty(); });
        DataResult d;
        if (whole) {
            d = parse_data("changed.data.pf", block_with(base, changes, year_shift));
        } else {
            std::string over = "数据 {\n";
            for (const auto& [name, value] : changes) over += "  " + name + " = " + value + "\n";
            d = parse_data("changed.data.pf", over + "}\n");
            if (d.ok()) d = merge_data(base, *d.data);
        }
        if (!d.ok()) {
            if (unreadable) ++*unreadable;
            return;
        }
        out.push_back(Department{origin + " " + label, d.data});
    };
    for (const auto& [name, values] : trials)
        for (const auto& v : values) add({{name, v}}, name + " = " + (v.empty() ? "(left out)" : v));
    add({{"未声明的数据", "5"}}, "a datum no input declares (a warning)");
    add({}, "data of the next year (W0403)", 1);
    for (std::size_t m = 0; m < mixed && !trials.empty(); ++m) {
        std::map<std::string, std::string> changes;
        std::string label = "mixed:";
        const std::size_t n = 2 + rng.below(4);
        for (std::size_t k = 0; k < n; ++k) {
            const auto& [name, values] = trials[rng.below(trials.size())];
            const std::string& v = values[rng.below(values.size())];
            changes[name] = v;
            label += " " + name + " = " + (v.empty() ? "(left out)" : v);
        }
        add(changes, label);
    }
}

}  // namespace pingfen::test
