#ifndef KEELSON_POLICY_RULE_PACKS_H_
#define KEELSON_POLICY_RULE_PACKS_H_

#include <vector>

#include "policy/rule.h"

namespace keelson::policy {

/// Encryption at rest and in transit, public exposure, IMDSv2.
std::vector<Rule> security_rules();
/// Backups, multi-AZ and failover, deletion protection.
std::vector<Rule> reliability_rules();
/// Autoscaling and self-healing: node groups, auto scaling groups,
/// Kubernetes workloads (probes, disruption budgets, replicas).
std::vector<Rule> compute_rules();
/// Log retention and the like: what costs money for nothing.
std::vector<Rule> cost_rules();
/// Required tags, from the environment's `policy.required_tags`.
std::vector<Rule> governance_rules();

/// Every built-in rule, packs in the order above; built once.
const std::vector<Rule>& builtin_rules();

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_RULE_PACKS_H_
