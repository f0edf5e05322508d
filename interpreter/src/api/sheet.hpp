// The score sheet as a view: what every sheet of one compiled ruleset shares (names, paths,
// levels, 指标解释 and 评分标准, the tree's shape) is built once, as a SheetShape, when the
// ruleset is compiled; a department's sheet holds one reference to it and its own numbers
// (weights after moves, scores, basis) in a flat array of ScoreNodes laid out like the shape.
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "pingfen/pingfen.hpp"

namespace pingfen {
class Ruleset;
}

namespace pingfen::detail {

struct SheetShape {
    struct Node {
        ScoreNode::Kind kind = ScoreNode::Kind::Indicator;
        std::string name;
        std::vector<std::string> path;
        int level = 1;
        std::string explanation, standard;
    };
    // A node's children: nodes[first, first + count). A leaf has none.
    struct Children {
        std::uint32_t first = 0, count = 0;
    };
    // Breadth first, so that the children of a node, and the top level, stand together: the
    // top-level indicators, then each level's children in order, then the adjustments.
    std::vector<Node> nodes;
    // Per node, apart from the texts: all that building a department's sheet reads of the
    // shape, so that it touches 8 bytes a node rather than the lines that hold its names.
    std::vector<Children> children;
    std::uint32_t top_count = 0;         // the top level: nodes[0, top_count)
    std::uint32_t adjustments_from = 0;  // 加分项 and 减分项: nodes[adjustments_from, end)
};

// What the sheet shows of ruleset `r`, built from its resolved indicator tree (compile does it
// once: Ruleset::sheet_shape). It owns copies of every text, so it outlives the ruleset.
std::shared_ptr<const SheetShape> build_sheet_shape(const Ruleset& r);

// One sheet's nodes: nodes[i] is shape->nodes[i] with this department's numbers.
struct SheetNodes : std::enable_shared_from_this<SheetNodes> {
    std::shared_ptr<const SheetShape> shape;
    std::vector<ScoreNode> nodes;
    bool texts = true;  // ScoreOptions::texts
};

// How score() fills a sheet (the only writer of ScoreNode's and ScoreSheet's private parts).
struct SheetAccess {
    // Fresh nodes for one department: every node tied to its place in `shape` and its
    // children, with no score yet.
    static std::shared_ptr<SheetNodes> start(std::shared_ptr<const SheetShape> shape, bool texts);
    // The same, writing over `kept` (the nodes of the sheet scored before it on this thread)
    // when they have this shape and nothing holds them any more (no sheet, copy of one, or node
    // copied out of one: each holds a reference), so that a host scoring department after
    // department and dropping each sheet has its nodes allocated once; else start() into `kept`.
    // Reused nodes keep the last sheet's weights: the caller writes every node's.
    static std::shared_ptr<SheetNodes> start_reusing(std::shared_ptr<SheetNodes>& kept,
                                                     const std::shared_ptr<const SheetShape>& shape, bool texts);
    // Node i's numbers, written while the sheet is filled (before attach()).
    static auto& values(SheetNodes& s, std::uint32_t i) { return s.nodes[i].values_; }
    static const auto& values(const ScoreNode& n) { return n.values_; }
    static auto& values(ScoreNode& n) { return n.values_; }  // while the sheet is filled
    // The filled nodes given to the sheet; from here on they do not change.
    static void attach(ScoreSheet& sheet, std::shared_ptr<const SheetNodes> nodes);
    static const SheetShape::Node& shape_of(const ScoreNode& n);
};

}  // namespace pingfen::detail
