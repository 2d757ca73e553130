// Autoscaling and self-healing of compute: EKS node groups, auto scaling
// groups and Kubernetes workloads (a chart's, through chart_views, or a
// `kubernetes_deployment` of the kubernetes provider).
#include <fmt/core.h>

#include "policy/rule_packs.h"

namespace keelson::policy {
namespace {

using Result = std::optional<std::string>;
using nlohmann::json;

const std::vector<std::pair<std::string, Severity>> kErrorInProd = {
    {"prod", Severity::kError}, {"production", Severity::kError}};

// The first object of a nested block (`spec[0]`), or nullptr.
const json* first(const json* block) {
  if (block == nullptr || !block->is_array() || block->empty() || !(*block)[0].is_object())
    return nullptr;
  return &(*block)[0];
}

const json* field(const json* object, const char* key) {
  if (object == nullptr || !object->is_object()) return nullptr;
  const auto it = object->find(key);
  return it == object->end() || it->is_null() ? nullptr : &*it;
}

// A count the provider takes as a number or (deployment replicas) a string.
std::optional<long long> number(const json* value) {
  if (value == nullptr) return std::nullopt;
  if (value->is_number_integer()) return value->get<long long>();
  if (value->is_string()) {
    try {
      std::size_t used = 0;
      const long long n = std::stoll(value->get<std::string>(), &used);
      if (used == value->get<std::string>().size()) return n;
    } catch (const std::exception&) {
    }
  }
  return std::nullopt;
}

// The known `min_size` and `max_size` of a node group's scaling_config;
// nullopt when the plan cannot know them.
std::optional<std::pair<long long, long long>> node_group_sizes(const ResourceView& v) {
  if (unknown_in(v, "scaling_config", 0, "min_size") ||
      unknown_in(v, "scaling_config", 0, "max_size"))
    return std::nullopt;
  const json* config = first(known(v, "scaling_config"));
  const auto min = number(field(config, "min_size"));
  const auto max = number(field(config, "max_size"));
  if (!min || !max) return std::nullopt;
  return std::pair{*min, *max};
}

// Whether the group registers its instances in target groups: a list of
// them, known or not item by item.
bool in_target_groups(const ResourceView& v) {
  const json* groups = known(v, "target_group_arns");
  return groups != nullptr && groups->is_array() && !groups->empty();
}

// The pods' labels of a deployment, when known.
const json* pod_labels(const ResourceView& v) {
  const json* spec = first(known(v, "spec"));
  const json* metadata = first(field(first(field(spec, "template")), "metadata"));
  const json* labels = field(metadata, "labels");
  return labels != nullptr && labels->is_object() ? labels : nullptr;
}

const json* name_of(const ResourceView& v) {
  const json* name = field(first(known(v, "metadata")), "name");
  return name != nullptr && name->is_string() ? name : nullptr;
}

}  // namespace

std::vector<Rule> compute_rules() {
  std::vector<Rule> rules;
  rules.push_back(
      Rule{.id = "KSL-SCALE-001",
           .title = "EKS node groups can scale",
           .severity = Severity::kWarning,
           .severity_in = kErrorInProd,
           .rationale = "A node group whose minimum equals its maximum cannot add nodes under load "
                        "nor replace capacity the cluster autoscaler asks for.",
           .remediation = "Set scaling_config max_size above min_size (ComputeStack: the node "
                          "group's min_size and max_size).",
           .controls = {"SOC 2 A1.1"},
           .resource_types = {"aws_eks_node_group"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             const auto sizes = node_group_sizes(v);
             if (!sizes || sizes->first < sizes->second) return std::nullopt;
             return fmt::format("scaling_config min_size {} is not below max_size {}", sizes->first,
                                sizes->second);
           }});
  rules.push_back(Rule{
      .id = "KSL-SCALE-002",
      .title = "Production on-demand EKS node groups keep at least two nodes",
      .severity = Severity::kInfo,
      .severity_in = kErrorInProd,
      .rationale = "With one node, its failure or replacement stops every pod on it until a new "
                   "node joins. Spot groups are left out: they are burst capacity that may "
                   "scale to zero, while the on-demand group keeps the floor.",
      .remediation = "Set scaling_config min_size to 2 or more (ComputeStack: the node group's "
                     "min_size).",
      .controls = {"SOC 2 A1.2"},
      .resource_types = {"aws_eks_node_group"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        const json* capacity = known(v, "capacity_type");
        if (unknown(v, "capacity_type") || (capacity != nullptr && *capacity == "SPOT"))
          return std::nullopt;
        const auto sizes = node_group_sizes(v);
        if (!sizes || sizes->first >= 2) return std::nullopt;
        return fmt::format("scaling_config min_size is {}", sizes->first);
      }});
  rules.push_back(Rule{
      .id = "KSL-SCALE-003",
      .title = "Auto scaling groups behind a load balancer replace instances it finds unhealthy",
      .rationale = "With EC2 health checks only, an instance whose application fails the "
                   "load balancer's checks stays in service and is never replaced.",
      .remediation = "Set health_check_type = \"ELB\" with a health_check_grace_period.",
      .controls = {"SOC 2 A1.2"},
      .resource_types = {"aws_autoscaling_group"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (!in_target_groups(v) || unknown(v, "health_check_type")) return std::nullopt;
        const json* type = known(v, "health_check_type");
        if (type != nullptr && *type == "ELB") return std::nullopt;
        return fmt::format("health_check_type is {} with target_group_arns set",
                           type != nullptr ? type->dump() : "not set (EC2)");
      }});
  rules.push_back(Rule{.id = "KSL-SCALE-004",
                       .title = "Production auto scaling groups keep at least two instances",
                       .severity = Severity::kInfo,
                       .severity_in = kErrorInProd,
                       .rationale = "A single instance is an outage while it is replaced.",
                       .remediation = "Set min_size to 2 or more (ComputeStack: ec2.min_size).",
                       .controls = {"SOC 2 A1.2"},
                       .resource_types = {"aws_autoscaling_group"},
                       .check = [](const ResourceView& v, const Context&) -> Result {
                         if (unknown(v, "min_size")) return std::nullopt;
                         const auto min = number(known(v, "min_size"));
                         if (!min || *min >= 2) return std::nullopt;
                         return fmt::format("min_size is {}", *min);
                       }});
  rules.push_back(Rule{
      .id = "KSL-K8S-001",
      .title = "Workloads have liveness and readiness probes",
      .severity = Severity::kWarning,
      .severity_in = kErrorInProd,
      .rationale = "Without a liveness probe a hung container is never restarted; without a "
                   "readiness probe traffic reaches pods that cannot serve it yet.",
      .remediation = "Give the workload liveness and readiness probes (Workload: liveness, "
                     "readiness).",
      .controls = {"SOC 2 A1.2", "SOC 2 CC7.1"},
      .resource_types = {"kubernetes_deployment", "kubernetes_deployment_v1"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (unknown(v, "spec")) return std::nullopt;
        const json* spec = first(field(first(field(first(known(v, "spec")), "template")), "spec"));
        const json* containers = field(spec, "container");
        if (containers == nullptr || !containers->is_array()) return std::nullopt;
        for (const auto& c : *containers) {
          std::vector<std::string> missing;
          for (const char* probe : {"liveness_probe", "readiness_probe"}) {
            const json* p = field(&c, probe);
            if (p == nullptr || !p->is_array() || p->empty()) missing.push_back(probe);
          }
          if (missing.empty()) continue;
          return fmt::format(
              "container {} has no {}", c.value("name", "?"),
              missing.size() == 2 ? missing[0] + " and no " + missing[1] : missing[0]);
        }
        return std::nullopt;
      }});
  rules.push_back(
      Rule{.id = "KSL-K8S-002",
           .title = "Workloads have a PodDisruptionBudget",
           .severity = Severity::kWarning,
           .severity_in = kErrorInProd,
           .rationale = "Without one, a node drain (an upgrade, a scale-in) may evict every pod of "
                        "the workload at once.",
           .remediation = "Give the workload a disruption budget (Workload: disruption_budget).",
           .controls = {"SOC 2 A1.2"},
           .resource_types = {"kubernetes_deployment", "kubernetes_deployment_v1"},
           .reads = {"kubernetes_pod_disruption_budget_v1", "kubernetes_pod_disruption_budget"},
           .check = [](const ResourceView& v, const Context& context) -> Result {
             const json* labels = pod_labels(v);
             if (labels == nullptr) return std::nullopt;
             for (const char* type :
                  {"kubernetes_pod_disruption_budget_v1", "kubernetes_pod_disruption_budget"}) {
               for (const ResourceView* pdb : resources_of(context, type)) {
                 const json* selector =
                     field(first(field(first(known(*pdb, "spec")), "selector")), "match_labels");
                 // A budget whose selector the plan cannot know may be this one's.
                 if (selector == nullptr || !selector->is_object()) return std::nullopt;
                 bool selects = !selector->empty();
                 for (const auto& [key, value] : selector->items())
                   selects = selects && labels->contains(key) && (*labels)[key] == value;
                 if (selects) return std::nullopt;
               }
             }
             return "no PodDisruptionBudget selects its pods";
           }});
  rules.push_back(Rule{
      .id = "KSL-K8S-003",
      .title = "Production workloads run more than one replica",
      .severity = Severity::kInfo,
      .severity_in = kErrorInProd,
      .rationale = "A single pod is an outage whenever it restarts, is evicted or its node "
                   "fails.",
      .remediation = "Set replicas to 2 or more, or autoscale with min_replicas of 2 or more "
                     "(Workload: replicas, autoscaling).",
      .controls = {"SOC 2 A1.1", "SOC 2 A1.2"},
      .resource_types = {"kubernetes_deployment", "kubernetes_deployment_v1"},
      .reads = {"kubernetes_horizontal_pod_autoscaler_v2", "kubernetes_horizontal_pod_autoscaler"},
      .check = [](const ResourceView& v, const Context& context) -> Result {
        if (unknown_in(v, "spec", 0, "replicas")) return std::nullopt;
        const json* name = name_of(v);
        for (const char* type :
             {"kubernetes_horizontal_pod_autoscaler_v2", "kubernetes_horizontal_pod_autoscaler"}) {
          for (const ResourceView* hpa : resources_of(context, type)) {
            const json* spec = first(known(*hpa, "spec"));
            const json* target = field(first(field(spec, "scale_target_ref")), "name");
            if (target == nullptr) return std::nullopt;  // may aim at this one
            if (name == nullptr || *target != *name) continue;
            const auto min = number(field(spec, "min_replicas"));
            if (!min || *min >= 2) return std::nullopt;
            return fmt::format("its autoscaler's min_replicas is {}", *min);
          }
        }
        const json* replicas = field(first(known(v, "spec")), "replicas");
        // Unset, the provider leaves the count to Kubernetes: one.
        const long long count = replicas == nullptr ? 1 : number(replicas).value_or(2);
        if (count >= 2) return std::nullopt;
        return fmt::format("replicas is {}", count);
      }});
  return rules;
}

}  // namespace keelson::policy
