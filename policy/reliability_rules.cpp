#include <fmt/core.h>

#include "policy/rule_packs.h"

namespace keelson::policy {

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
  return rules;
}

}  // namespace keelson::policy
