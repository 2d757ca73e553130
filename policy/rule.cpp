#include "policy/rule.h"

#include "policy/rule_packs.h"

namespace keelson::policy {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

Severity Rule::severity_for(std::string_view environment) const {
  for (const auto& [name, severity] : severity_in)
    if (name == environment) return severity;
  return severity;
}

const std::vector<Rule>& builtin_rules() {
  static const std::vector<Rule> kRules = [] {
    std::vector<Rule> rules;
    for (auto pack : {security_rules, reliability_rules, cost_rules}) {
      for (auto& rule : pack()) rules.push_back(std::move(rule));
    }
    return rules;
  }();
  return kRules;
}

}  // namespace keelson::policy
