#include <fmt/format.h>

#include <set>

#include "policy/rule_packs.h"

namespace keelson::policy {
namespace {

using nlohmann::json;

// The zones of every subnet checked together, or nullopt when one of them
// is not known before apply (a zone from a data source, or AWS's pick).
std::optional<std::set<std::string>> subnet_zones(const Context& context) {
  using Zones = std::optional<std::set<std::string>>;
  const auto zones = [&]() -> Zones {
    std::set<std::string> out;
    for (const ResourceView* subnet : resources_of(context, "aws_subnet")) {
      const json* zone = known(*subnet, "availability_zone");
      if (zone == nullptr || !zone->is_string()) return std::nullopt;
      out.insert(zone->get<std::string>());
    }
    return out;
  };
  // The same for every subnet: computed once per set.
  if (context.index == nullptr) return zones();
  return context.index->once<Zones>("subnet zones", zones);
}

}  // namespace

std::vector<Rule> reliability_rules() {
  using Result = std::optional<std::string>;
  std::vector<Rule> rules;
  rules.push_back(
      Rule{.id = "KSL-RDS-010",
           .title = "RDS keeps automated backups for at least 7 days",
           .rationale = "Fewer days of backups leave too little time to notice a bad migration or "
                        "a deleted table before its last good copy expires.",
           .remediation = "Set backup_retention_period to 7 or more (DatabaseStack: "
                          "postgres.backup_retention_days).",
           .controls = {"SOC 2 A1.2", "SOC 2 CC7.5"},
           .resource_types = {"aws_db_instance"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             if (unknown(v, "backup_retention_period") || rds_read_replica(v)) return std::nullopt;
             const auto* days = known(v, "backup_retention_period");
             const int value = days != nullptr && days->is_number() ? days->get<int>() : 0;
             if (value >= 7) return std::nullopt;
             return fmt::format("backup_retention_period is {}", value);
           }});
  rules.push_back(
      Rule{.id = "KSL-RDS-011",
           .title = "Production databases are multi-AZ",
           .severity = Severity::kWarning,
           .severity_in = {{"prod", Severity::kError}, {"production", Severity::kError}},
           .rationale = "A single-AZ instance is down for the whole of a zone's outage and for "
                        "every maintenance that restarts it.",
           .remediation = "Set multi_az = true (DatabaseStack: postgres.multi_az).",
           .controls = {"SOC 2 A1.2"},
           .resource_types = {"aws_db_instance"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             if (rds_read_replica(v) || truth(v, "multi_az") != Truth::kFalse) return std::nullopt;
             return "multi_az is not true";
           }});
  rules.push_back(
      Rule{.id = "KSL-RDS-012",
           .title = "Production databases are protected from deletion",
           .severity = Severity::kInfo,
           .severity_in = {{"prod", Severity::kError}, {"production", Severity::kError}},
           .rationale = "A destroy, or a replacement forced by a changed argument, deletes the "
                        "instance with its automated backups.",
           .remediation = "Set deletion_protection = true (DatabaseStack: "
                          "postgres.deletion_protection).",
           .controls = {"SOC 2 A1.2", "SOC 2 CC8.1"},
           .resource_types = {"aws_db_instance"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             if (truth(v, "deletion_protection") != Truth::kFalse) return std::nullopt;
             return "deletion_protection is not true";
           }});
  rules.push_back(Rule{
      .id = "KSL-ELC-010",
      .title = "Production Redis fails over automatically",
      .severity = Severity::kInfo,
      .severity_in = {{"prod", Severity::kError}, {"production", Severity::kError}},
      .rationale = "Without automatic failover the loss of the primary node is an outage until "
                   "someone promotes a replica.",
      .remediation = "Set automatic_failover_enabled = true with num_cache_clusters of 2 or "
                     "more (DatabaseStack: redis.automatic_failover).",
      .controls = {"SOC 2 A1.2"},
      .resource_types = {"aws_elasticache_replication_group"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (truth(v, "automatic_failover_enabled") != Truth::kFalse) return std::nullopt;
        return "automatic_failover_enabled is not true";
      }});
  rules.push_back(Rule{
      .id = "KSL-NET-001",
      .title = "Production subnets span at least two availability zones",
      .rationale = "Subnets in one zone put every load balancer, node and database of the "
                   "environment in that zone: its outage is the environment's.",
      .remediation = "Create subnets in two or more zones (NetworkStack: az_count of 2 or more).",
      .controls = {"SOC 2 A1.2", "AWS Well-Architected REL10"},
      .resource_types = {"aws_subnet"},
      .check = [](const ResourceView&, const Context& context) -> Result {
        if (!production(context)) return std::nullopt;
        // Zones unknown before apply (read from a data source) say nothing.
        const auto zones = subnet_zones(context);
        if (!zones || zones->size() >= 2) return std::nullopt;
        return fmt::format("every subnet is in {}", fmt::join(*zones, ", "));
      }});
  rules.push_back(
      Rule{.id = "KSL-EKS-050",
           .title = "Production node groups span at least two subnets",
           .rationale = "A node group in one subnet lives in one zone: a zone's outage takes every "
                        "node, and every pod, with it.",
           .remediation = "Give subnet_ids two or more subnets in different zones (ComputeStack "
                          "places nodes in every private subnet).",
           .controls = {"SOC 2 A1.2", "AWS Well-Architected REL10"},
           .resource_types = {"aws_eks_node_group"},
           .check = [](const ResourceView& v, const Context& context) -> Result {
             if (!production(context) || unknown(v, "subnet_ids")) return std::nullopt;
             const json* ids = known(v, "subnet_ids");
             if (ids == nullptr || !ids->is_array()) return std::nullopt;
             // The number of subnets is known before their ids are; two ids
             // known and equal are one subnet.
             std::set<std::string> distinct;
             std::size_t unknown_ids = 0;
             for (const auto& id : *ids) {
               if (id.is_string())
                 distinct.insert(id.get<std::string>());
               else
                 ++unknown_ids;
             }
             const std::size_t subnets = distinct.size() + unknown_ids;
             if (subnets >= 2) return std::nullopt;
             return fmt::format("subnet_ids has {} subnet", subnets);
           }});
  rules.push_back(Rule{
      .id = "KSL-LB-001",
      .title = "Load balancer target groups check their targets' health",
      .rationale = "Without health checks the load balancer keeps sending requests to a target "
                   "that has stopped answering, and deployments cannot tell a bad one.",
      .remediation = "Leave health_check enabled (the default for instance and ip targets) with "
                     "the application's health path; for lambda targets set "
                     "health_check { enabled = true }.",
      .controls = {"SOC 2 A1.2", "SOC 2 CC7.1"},
      .resource_types = {"aws_lb_target_group"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (unknown(v, "health_check")) return std::nullopt;
        const json* checks = known(v, "health_check");
        const json check =
            checks != nullptr && checks->is_array() && !checks->empty() ? (*checks)[0] : json();
        if (unknown_in(v, "health_check", 0, "enabled")) return std::nullopt;
        const json enabled = check.is_object() ? check.value("enabled", json()) : json();
        if (enabled == false) return "health_check.enabled is false";
        // Lambda targets are not checked unless asked to be.
        const json* target = known(v, "target_type");
        if (target != nullptr && *target == "lambda" && enabled != true)
          return "a lambda target group without health_check.enabled = true";
        return std::nullopt;
      }});
  return rules;
}

}  // namespace keelson::policy
