#include "sema/modules.hpp"

#include <algorithm>
#include <filesystem>
#include <fmt/format.h>
#include <fstream>
#include <sstream>

#include "source/source.hpp"

#include "sema/changes.hpp"
#include "sema/resolve.hpp"

namespace pingfen::sema {
namespace {

namespace fs = std::filesystem;
using namespace ast;

std::string join_path(const std::vector<std::string>& p) {
    std::string out;
    for (const auto& s : p) out += (out.empty() ? "" : ".") + s;
    return out;
}

class Loader {
public:
    Loader(const front::ParseLimits& limits, const FileReader& read, DiagnosticSink& sink)
        : limits_(limits), read_(read), sink_(sink) {}

    std::unique_ptr<Module> load(SourcePtr src) {
        auto m = front::parse_module(src, limits_, sink_);
        if (!m) return nullptr;
        stack_.push_back(normal(src->path));
        std::size_t shift = 0;  // indicators inserted by earlier imports move later ones
        for (const Import& im : m->imports) {
            auto imported = import(*m, im);
            if (imported) shift += merge(*m, std::move(imported), im.position + shift);
        }
        stack_.pop_back();
        IndicatorChanges changes(sink_);
        for (auto& mod : m->modifications) apply(*m, mod, changes);
        m->modifications.clear();
        return m;
    }

private:
    const front::ParseLimits& limits_;
    const FileReader& read_;
    DiagnosticSink& sink_;
    std::vector<std::string> stack_;

    static std::string normal(const std::string& p) { return fs::path(p).lexically_normal().generic_string(); }

    std::unique_ptr<Module> import(const Module& from, const Import& im) {
        fs::path base = fs::path(from.source->path).parent_path();
        std::string path = normal((base / im.path).generic_string());
        for (const auto& s : stack_) {
            if (s == path) {
                sink_.error("E0601", im.loc, fmt::format("循环引用：`{}` 又引用回了自己", im.path),
                            fmt::format("circular import: `{}` imports itself again", im.path));
                return nullptr;
            }
        }
        if (stack_.size() > 32) {
            sink_.error("E0601", im.loc, "引用层次过深", "imports nested too deeply");
            return nullptr;
        }
        std::optional<std::string> text = read_(path);
        if (!text) {
            sink_.error("E0602", im.loc, fmt::format("无法读取引用的文件 `{}`（按 `{}` 查找）", im.path, path),
                        fmt::format("cannot read imported file `{}` (looked for `{}`)", im.path, path));
            return nullptr;
        }
        auto src = std::make_shared<const SourceFile>(path, std::move(*text));
        return load(src);
    }

    // Returns how many top-level indicators were inserted at `position`.
    std::size_t merge(Module& into, std::unique_ptr<Module> from, std::size_t position) {
        into.imported_sources.push_back(from->source);
        for (auto& s : from->imported_sources) into.imported_sources.push_back(s);
        // What the importing file declares comes after what it imports.
        std::vector<InputDecl> inputs = std::move(from->inputs);
        for (auto& in : into.inputs) inputs.push_back(std::move(in));
        into.inputs = std::move(inputs);
        if (into.grades.empty()) into.grades = std::move(from->grades);
        if (!into.rounding) into.rounding = from->rounding;
        std::size_t n = from->indicators.size();
        position = std::min(position, into.indicators.size());
        into.indicators.insert(into.indicators.begin() + static_cast<long>(position),
                               std::make_move_iterator(from->indicators.begin()),
                               std::make_move_iterator(from->indicators.end()));
        std::vector<std::unique_ptr<Indicator>> adj = std::move(from->adjustments);
        for (auto& a : into.adjustments) adj.push_back(std::move(a));
        into.adjustments = std::move(adj);
        return n;
    }

    // The list that holds the indicator at `path`, and its position there.
    std::pair<std::vector<std::unique_ptr<Indicator>>*, std::size_t> find(Module& m, const Modification& mod) {
        std::vector<std::unique_ptr<Indicator>>* list = &m.indicators;
        for (std::size_t depth = 0; depth < mod.path.size(); ++depth) {
            std::size_t at = list->size();
            for (std::size_t i = 0; i < list->size(); ++i)
                if ((*list)[i]->name == mod.path[depth]) at = i;
            if (at == list->size()) {
                std::vector<std::string> names;
                for (auto& i : *list) names.push_back(i->name);
                std::string near = closest_name(mod.path[depth], names);
                std::string where = join_path(std::vector<std::string>(mod.path.begin(), mod.path.begin() + static_cast<long>(depth) + 1));
                sink_.error("E0603", mod.path_loc, fmt::format("找不到要修改的指标 `{}`", where),
                            fmt::format("no indicator `{}` to change", where));
                if (!near.empty())
                    sink_.last().notes.push_back(make_note(Loc{}, fmt::format("是不是想写 `{}`？", near),
                                                           fmt::format("did you mean `{}`?", near)));
                return {nullptr, 0};
            }
            if (depth + 1 == mod.path.size()) return {list, at};
            list = &(*list)[at]->children;
        }
        return {nullptr, 0};
    }

    // 排序: the named sub-indicators first, in the order given; the rest keep their order after.
    void reorder(std::vector<std::unique_ptr<Indicator>>& list, const Modification& mod) {
        const std::string parent = mod.path.empty() ? std::string("总分") : join_path(mod.path);
        std::vector<std::unique_ptr<Indicator>> first;
        for (std::size_t k = 0; k < mod.order.size(); ++k) {
            const std::string& name = mod.order[k];
            auto it = std::find_if(list.begin(), list.end(), [&](const auto& i) { return i && i->name == name; });
            if (it == list.end()) {
                const bool twice = std::any_of(first.begin(), first.end(), [&](const auto& i) { return i->name == name; });
                if (twice) {
                    sink_.error("E0603", mod.order_locs[k], fmt::format("`{}` 在排序中写了两次", name),
                                fmt::format("`{}` is listed twice in the order", name));
                    continue;
                }
                std::vector<std::string> names;
                for (auto& i : list)
                    if (i) names.push_back(i->name);
                sink_.error("E0603", mod.order_locs[k], fmt::format("`{}` 下没有指标 `{}`", parent, name),
                            fmt::format("`{}` has no sub-indicator `{}`", parent, name));
                std::string near = closest_name(name, names);
                if (!near.empty())
                    sink_.last().notes.push_back(make_note(Loc{}, fmt::format("是不是想写 `{}`？", near),
                                                           fmt::format("did you mean `{}`?", near)));
                continue;
            }
            first.push_back(std::move(*it));
            list.erase(it);
        }
        for (auto& i : list) first.push_back(std::move(i));
        list = std::move(first);
    }

    void apply(Module& m, Modification& mod, IndicatorChanges& changes) {
        if (mod.kind == Modification::Kind::Order && mod.path.empty()) {
            reorder(m.indicators, mod);
            return;
        }
        auto [list, at] = find(m, mod);
        if (!list) return;
        Indicator& target = *(*list)[at];
        switch (mod.kind) {
            case Modification::Kind::Weight:
                changes.change_weight(target, mod, join_path(mod.path));
                return;
            case Modification::Kind::Remove:
                list->erase(list->begin() + static_cast<long>(at));
                return;
            case Modification::Kind::Add:
                if (target.scoring) {
                    sink_.error("E0604", mod.loc, fmt::format("`{}` 有自己的评分规则，不能增加下级指标", join_path(mod.path)),
                                fmt::format("`{}` has its own scoring rule; it cannot take sub-indicators", join_path(mod.path)));
                    return;
                }
                for (auto& a : mod.added) target.children.push_back(std::move(a));
                return;
            case Modification::Kind::Order:
                reorder(target.children, mod);
                return;
            case Modification::Kind::Replace: {
                changes.replace(target, mod, join_path(mod.path));
                if (!target.scoring && target.children.empty())
                    sink_.error("E0106", mod.loc, fmt::format("替换后的 `{}` 既没有评分规则，也没有下级指标", target.name),
                                fmt::format("after the replacement `{}` has neither a scoring rule nor sub-indicators", target.name));
                return;
            }
        }
    }
};

}  // namespace

FileReader filesystem_reader() {
    return [](const std::string& path) -> std::optional<std::string> {
        // Only a regular file: 引用 "/dev/zero" would otherwise be read until memory runs out,
        // and a folder would read as an empty ruleset.
        std::error_code ec;
        if (!fs::is_regular_file(path, ec)) return std::nullopt;
        std::ifstream in(path, std::ios::binary);
        if (!in) return std::nullopt;
        return read_all(in);
    };
}

std::unique_ptr<Module> load_modules(SourcePtr root, const front::ParseLimits& limits, const FileReader& read,
                                     DiagnosticSink& sink) {
    Loader loader(limits, read, sink);
    return loader.load(std::move(root));
}

}  // namespace pingfen::sema
