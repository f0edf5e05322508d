// The sheet's shape, built once per ruleset, and the ScoreNode / ScoreSheet accessors that read
// a department's sheet through it (api/sheet.hpp says why it is laid out so).
#include "api/sheet.hpp"

#include <atomic>
#include <utility>

#include "sema/ruleset.hpp"

namespace pingfen {

namespace detail {

std::shared_ptr<const SheetShape> build_sheet_shape(const Ruleset& r) {
    auto shape = std::make_shared<SheetShape>();
    const ast::Module& m = *r.module;
    // Breadth first: `order` grows as each node's children are appended behind the level
    // being read, so that the children of one node are consecutive.
    std::vector<const ast::Indicator*> order;
    for (const auto& top : m.indicators) order.push_back(top.get());
    shape->top_count = static_cast<std::uint32_t>(order.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
        const ast::Indicator& ind = *order[i];
        SheetShape::Node n;
        n.name = ind.name;
        const auto at = static_cast<std::size_t>(ind.index);
        n.path = at < r.paths.size() ? r.paths[at] : r.path_of(ind);
        n.level = ind.depth;
        n.explanation = ind.explanation;
        n.standard = ind.standard;
        SheetShape::Children below;
        if (!ind.scoring) {  // a leaf's 分项 are not rows of the sheet
            below.first = static_cast<std::uint32_t>(order.size());
            below.count = static_cast<std::uint32_t>(ind.children.size());
            for (const auto& c : ind.children) order.push_back(c.get());
        }
        shape->nodes.push_back(std::move(n));
        shape->children.push_back(below);
    }
    shape->adjustments_from = static_cast<std::uint32_t>(shape->nodes.size());
    for (const auto& adj : m.adjustments) {
        SheetShape::Node n;
        n.kind = adj->role == ast::Indicator::Role::Bonus ? ScoreNode::Kind::Bonus : ScoreNode::Kind::Penalty;
        n.name = adj->name;
        n.path = {adj->name};
        n.explanation = adj->explanation;
        n.standard = adj->standard;
        shape->nodes.push_back(std::move(n));
        shape->children.emplace_back();
    }
    return shape;
}

std::shared_ptr<SheetNodes> SheetAccess::start(std::shared_ptr<const SheetShape> shape, bool texts) {
    auto s = std::make_shared<SheetNodes>();
    s->texts = texts;
    s->nodes.resize(shape->nodes.size());
    for (std::size_t i = 0; i < s->nodes.size(); ++i) {
        ScoreNode& n = s->nodes[i];
        const SheetShape::Children& below = shape->children[i];
        n.sheet_ = s.get();
        n.index_ = static_cast<std::uint32_t>(i);
        n.child_count_ = below.count;
        n.first_child_ = below.count ? s->nodes.data() + below.first : nullptr;
    }
    s->shape = std::move(shape);
    return s;
}

namespace {

// ThreadSanitizer does not model std::atomic_thread_fence, so it would take the reuse below of
// nodes a host let go of on another thread for a race; under it, nodes are never reused.
#if defined(__SANITIZE_THREAD__)
constexpr bool kReuseNodes = false;
#elif defined(__has_feature)
#if __has_feature(thread_sanitizer)
constexpr bool kReuseNodes = false;
#else
constexpr bool kReuseNodes = true;
#endif
#else
constexpr bool kReuseNodes = true;
#endif

}  // namespace

std::shared_ptr<SheetNodes> SheetAccess::start_reusing(std::shared_ptr<SheetNodes>& kept,
                                                       const std::shared_ptr<const SheetShape>& shape, bool texts) {
    if (kReuseNodes && kept && kept->shape == shape && kept.use_count() == 1) {
        // The last other holder let go with a release (perhaps on another thread, the sheet
        // having been passed there): what it read of the nodes happened before they are written.
        std::atomic_thread_fence(std::memory_order_acquire);
        kept->texts = texts;
        // As start() leaves them (no score or basis yet), but for the weight: score() writes
        // every node's.
        for (ScoreNode& n : kept->nodes) {
            n.values_.score.reset();
            n.values_.basis.clear();  // its buffer kept for this department's basis
            n.values_.not_applicable = false;
        }
        return kept;
    }
    kept = start(shape, texts);
    return kept;
}

void SheetAccess::attach(ScoreSheet& sheet, std::shared_ptr<const SheetNodes> nodes) { sheet.nodes_ = std::move(nodes); }

const SheetShape::Node& SheetAccess::shape_of(const ScoreNode& n) { return n.sheet_->shape->nodes[n.index_]; }

}  // namespace detail

namespace {

const std::string kNoText;
const std::vector<std::string> kNoPath;

}  // namespace

ScoreNode::ScoreNode(const ScoreNode& other)
    : sheet_(other.sheet_), index_(other.index_), child_count_(other.child_count_), first_child_(other.first_child_),
      values_(other.values_), keep_(other.keep_) {
    if (!keep_ && sheet_) keep_ = sheet_->shared_from_this();
}

ScoreNode& ScoreNode::operator=(const ScoreNode& other) {
    if (this != &other) *this = ScoreNode(other);
    return *this;
}

ScoreNode::ScoreNode(ScoreNode&& other) noexcept
    : sheet_(std::exchange(other.sheet_, nullptr)), index_(std::exchange(other.index_, 0)),
      child_count_(std::exchange(other.child_count_, 0)), first_child_(std::exchange(other.first_child_, nullptr)),
      values_(std::move(other.values_)), keep_(std::move(other.keep_)) {
    other.values_ = Values();
}

ScoreNode& ScoreNode::operator=(ScoreNode&& other) noexcept {
    if (this == &other) return *this;
    sheet_ = std::exchange(other.sheet_, nullptr);
    index_ = std::exchange(other.index_, 0);
    child_count_ = std::exchange(other.child_count_, 0);
    first_child_ = std::exchange(other.first_child_, nullptr);
    values_ = std::move(other.values_);
    other.values_ = Values();
    keep_ = std::move(other.keep_);
    return *this;
}

std::span<const ScoreNode> ScoreSheet::indicators() const {
    if (!nodes_) return {};
    return {nodes_->nodes.data(), nodes_->shape->top_count};
}

std::span<const ScoreNode> ScoreSheet::adjustments() const {
    if (!nodes_) return {};
    const std::size_t from = nodes_->shape->adjustments_from;
    return {nodes_->nodes.data() + from, nodes_->nodes.size() - from};
}

ScoreNode::Kind ScoreNode::kind() const { return sheet_ ? detail::SheetAccess::shape_of(*this).kind : Kind::Indicator; }
const std::string& ScoreNode::name() const { return sheet_ ? detail::SheetAccess::shape_of(*this).name : kNoText; }
const std::vector<std::string>& ScoreNode::path() const { return sheet_ ? detail::SheetAccess::shape_of(*this).path : kNoPath; }
int ScoreNode::level() const { return sheet_ ? detail::SheetAccess::shape_of(*this).level : 1; }
const std::string& ScoreNode::explanation() const {
    return sheet_ && sheet_->texts ? detail::SheetAccess::shape_of(*this).explanation : kNoText;
}
const std::string& ScoreNode::standard() const {
    return sheet_ && sheet_->texts ? detail::SheetAccess::shape_of(*this).standard : kNoText;
}

}  // namespace pingfen
