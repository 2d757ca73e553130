#ifndef KEELSON_GENERATORS_ARCHITECTURE_DIAGRAM_H_
#define KEELSON_GENERATORS_ARCHITECTURE_DIAGRAM_H_

#include <string>
#include <vector>

#include "generators/docs_model.h"

namespace keelson {

/// An identifier safe in Mermaid and Graphviz for any `text`, one to one:
/// letters and digits stay, `_` becomes `__` and every other byte `_` and
/// two hex digits (`network-a` -> `network_2da`).
std::string diagram_id(const std::string& text);

/// The architecture as a graph: every stack a group of its resources, the
/// charts a group, and an edge from what is read to what reads it (a
/// resource's reference to another, a module output wired to a variable of
/// another stack, a `helm_release` installing a chart).
struct ArchitectureGraph {
  struct Node {
    std::string id;
    std::string label;
  };
  struct Group {
    std::string id;  ///< `cluster_<diagram_id>`, as Graphviz names a cluster
    std::string label;
    std::vector<Node> nodes;
  };
  struct Edge {
    std::string from;
    std::string to;
    std::string label;  ///< the cross-stack output, empty within a stack
    bool cross_stack = false;
  };
  std::vector<Group> groups;
  std::vector<Edge> edges;  ///< sorted, without duplicates
};

ArchitectureGraph architecture_graph(const DocsModel& model);

/// The same graph one level up: a node per group (stack or charts), an edge
/// wherever a resource of one reads a resource of another. For an App whose
/// full diagram is too large for a Markdown renderer.
ArchitectureGraph architecture_overview(const ArchitectureGraph& graph);

/// The graph as a Mermaid `flowchart LR` (the body of a ```mermaid block).
std::string architecture_mermaid(const ArchitectureGraph& graph);

/// The graph in Graphviz DOT, stacks as clusters.
std::string architecture_dot(const ArchitectureGraph& graph);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_ARCHITECTURE_DIAGRAM_H_
