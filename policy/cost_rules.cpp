#include "policy/rule_packs.h"

namespace keelson::policy {

std::vector<Rule> cost_rules() {
  using Result = std::optional<std::string>;
  std::vector<Rule> rules;
  rules.push_back(
      Rule{.id = "KSL-LOG-001",
           .title = "Log groups expire their logs",
           .severity = Severity::kWarning,
           .rationale = "CloudWatch keeps logs forever by default and bills every gigabyte every "
                        "month.",
           .remediation = "Set retention_in_days (the stacks' log_retention_days props).",
           .controls = {"SOC 2 CC7.2"},
           .resource_types = {"aws_cloudwatch_log_group"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             if (unknown(v, "retention_in_days")) return std::nullopt;
             const auto* days = known(v, "retention_in_days");
             if (days != nullptr && days->is_number() && days->get<int>() > 0) return std::nullopt;
             return "retention_in_days is not set: logs never expire";
           }});
  return rules;
}

}  // namespace keelson::policy
