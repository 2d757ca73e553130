#ifndef KEELSON_POLICY_RULE_PACKS_H_
#define KEELSON_POLICY_RULE_PACKS_H_

#include <vector>

#include "policy/rule.h"

namespace keelson::policy {

/// Encryption at rest and in transit, public exposure, IMDSv2.
std::vector<Rule> security_rules();
/// Plaintext secrets in resources, tfvars and chart values; secrets that
/// must come from a vault (database passwords, cache tokens, environment
/// variables).
std::vector<Rule> secret_rules();
/// Backups, multi-AZ and failover, deletion protection, zones, health checks.
std::vector<Rule> reliability_rules();
/// Autoscaling and self-healing: node groups, auto scaling groups,
/// Kubernetes workloads (probes, disruption budgets, replicas).
std::vector<Rule> compute_rules();
/// Log retention, CostCenter tags, instance sizes, gp3, NAT gateways, spot.
std::vector<Rule> cost_rules();
/// Required tags, regions, instance families, naming, IAM permission
/// boundaries: the environment's `policy:` settings.
std::vector<Rule> governance_rules();

/// Every built-in rule, packs in the order above; built once.
const std::vector<Rule>& builtin_rules();

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_RULE_PACKS_H_
