#include "generators/architecture_diagram.h"

#include <algorithm>
#include <map>
#include <tuple>

namespace keelson {
namespace {

bool is_identifier_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' ||
         c == '-';
}

// True when `text` mentions `name` as a whole reference (`aws_vpc.main.id`,
// `aws_subnet.private[0]`, `var.x}`), not as the prefix of a longer name.
bool mentions(const std::string& text, const std::string& name) {
  for (auto at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const bool starts = at == 0 || !(is_identifier_char(text[at - 1]) || text[at - 1] == '.');
    const std::size_t end = at + name.size();
    const bool ends = end == text.size() || !is_identifier_char(text[end]);
    if (starts && ends) return true;
  }
  return false;
}

std::string node_id(const std::string& stack, const std::string& address) {
  return "r_" + diagram_id(stack + "/" + address);
}

std::string mermaid_label(const std::string& text) {
  std::string out;
  for (const char c : text) out += c == '"' ? std::string("#quot;") : std::string(1, c);
  return out;
}

std::string dot_string(const std::string& text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

}  // namespace

std::string diagram_id(const std::string& text) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
      out += c;
    } else if (c == '_') {
      out += "__";
    } else {
      out += '_';
      out += kHex[byte >> 4];
      out += kHex[byte & 0xf];
    }
  }
  return out;
}

ArchitectureGraph architecture_graph(const DocsModel& model) {
  ArchitectureGraph graph;
  for (const auto& module : model.modules) {
    ArchitectureGraph::Group group{"cluster_" + diagram_id(module.name), module.name, {}};
    for (const auto& r : module.resources) {
      std::string label = r.address();
      if (!r.repeat.empty()) label += r.repeat.starts_with("count") ? " [count]" : " [for_each]";
      group.nodes.push_back({node_id(module.name, r.address()), label});
    }
    graph.groups.push_back(std::move(group));
    // References within the stack, from the referenced to the referrer.
    for (const auto& referrer : module.resources) {
      const std::string body = referrer.body.dump();
      for (const auto& referenced : module.resources) {
        if (&referenced == &referrer || !mentions(body, referenced.address())) continue;
        graph.edges.push_back({node_id(module.name, referenced.address()),
                               node_id(module.name, referrer.address()), "", false});
      }
    }
  }
  // Cross-stack wiring: the producer's resource behind the output to every
  // resource of the consumer that reads the variable.
  for (const auto& wire : model.wires) {
    const DocModule* producer = model.module(wire.producer);
    const DocModule* consumer = model.module(wire.consumer);
    if (producer == nullptr || consumer == nullptr ||
        producer->find(wire.producer_resource) == nullptr)
      continue;
    for (const auto& r : consumer->resources) {
      if (!mentions(r.body.dump(), "var." + wire.variable)) continue;
      graph.edges.push_back({node_id(wire.producer, wire.producer_resource),
                             node_id(wire.consumer, r.address()), wire.output, true});
    }
  }
  if (!model.charts.empty()) {
    ArchitectureGraph::Group charts{"cluster_" + diagram_id("helm-charts"), "helm-charts", {}};
    for (const auto& chart : model.charts)
      charts.nodes.push_back({"c_" + diagram_id(chart), chart});
    graph.groups.push_back(std::move(charts));
    for (const auto& module : model.modules) {
      for (const auto& r : module.resources) {
        if (r.type != "helm_release" || !r.body.contains("chart")) continue;
        const std::string source = r.body.at("chart").dump();
        for (const auto& chart : model.charts) {
          if (mentions(source, "helm-charts/" + chart)) {
            graph.edges.push_back(
                {"c_" + diagram_id(chart), node_id(module.name, r.address()), "", false});
          }
        }
      }
    }
  }
  const auto key = [](const ArchitectureGraph::Edge& e) {
    return std::tie(e.from, e.to, e.label, e.cross_stack);
  };
  std::sort(graph.edges.begin(), graph.edges.end(),
            [&](const auto& a, const auto& b) { return key(a) < key(b); });
  graph.edges.erase(std::unique(graph.edges.begin(), graph.edges.end(),
                                [&](const auto& a, const auto& b) { return key(a) == key(b); }),
                    graph.edges.end());
  return graph;
}

ArchitectureGraph architecture_overview(const ArchitectureGraph& graph) {
  ArchitectureGraph out;
  std::map<std::string, std::string> group_of;  // node id -> overview node id
  ArchitectureGraph::Group all{"cluster_app", "app", {}};
  for (const auto& group : graph.groups) {
    const std::string id = "g_" + group.id.substr(std::string("cluster_").size());
    all.nodes.push_back({id, group.label});
    for (const auto& node : group.nodes) group_of[node.id] = id;
  }
  out.groups.push_back(std::move(all));
  for (const auto& edge : graph.edges) {
    const std::string& from = group_of[edge.from];
    const std::string& to = group_of[edge.to];
    if (from != to) out.edges.push_back({from, to, "", edge.cross_stack});
  }
  std::sort(out.edges.begin(), out.edges.end(), [](const auto& a, const auto& b) {
    return std::tie(a.from, a.to, a.cross_stack) < std::tie(b.from, b.to, b.cross_stack);
  });
  out.edges.erase(std::unique(out.edges.begin(), out.edges.end(),
                              [](const auto& a, const auto& b) {
                                return a.from == b.from && a.to == b.to &&
                                       a.cross_stack == b.cross_stack;
                              }),
                  out.edges.end());
  return out;
}

std::string architecture_mermaid(const ArchitectureGraph& graph) {
  std::string out = "flowchart LR\n";
  for (const auto& group : graph.groups) {
    out += "  subgraph " + group.id + "[\"" + mermaid_label(group.label) + "\"]\n";
    for (const auto& node : group.nodes) {
      out += "    " + node.id + "[\"" + mermaid_label(node.label) + "\"]\n";
    }
    out += "  end\n";
  }
  for (const auto& edge : graph.edges) {
    // Mermaid refuses an empty `||` label: the overview's edges have none.
    std::string arrow = edge.cross_stack ? " -.-> " : " --> ";
    if (edge.cross_stack && !edge.label.empty()) {
      arrow = " -.->|" + mermaid_label(edge.label) + "| ";
    }
    out += "  " + edge.from + arrow + edge.to + "\n";
  }
  return out;
}

std::string architecture_dot(const ArchitectureGraph& graph) {
  std::string out =
      "digraph architecture {\n"
      "  graph [rankdir=LR, fontname=\"Helvetica\", fontsize=12];\n"
      "  node [shape=box, style=rounded, fontname=\"Helvetica\", fontsize=10];\n"
      "  edge [fontname=\"Helvetica\", fontsize=9];\n";
  for (const auto& group : graph.groups) {
    out +=
        "  subgraph " + dot_string(group.id) + " {\n    label=" + dot_string(group.label) + ";\n";
    for (const auto& node : group.nodes) {
      out += "    " + dot_string(node.id) + " [label=" + dot_string(node.label) + "];\n";
    }
    out += "  }\n";
  }
  for (const auto& edge : graph.edges) {
    out += "  " + dot_string(edge.from) + " -> " + dot_string(edge.to);
    if (edge.cross_stack) out += " [style=dashed, label=" + dot_string(edge.label) + "]";
    out += ";\n";
  }
  return out + "}\n";
}

}  // namespace keelson
