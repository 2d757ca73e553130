#include "policy/check.h"

#include <algorithm>

namespace keelson::policy {

std::vector<Finding> check(const std::vector<ResourceView>& views, const std::vector<Rule>& rules,
                           std::string_view environment) {
  std::vector<Finding> findings;
  for (const auto& view : views) {
    for (const auto& rule : rules) {
      const auto& types = rule.resource_types;
      if (std::find(types.begin(), types.end(), view.type) == types.end()) continue;
      if (auto message = rule.check(view)) {
        findings.push_back(Finding{&rule, rule.severity_for(environment), view.address,
                                   std::move(*message), view.path, view.where});
      }
    }
  }
  return findings;
}

bool has_error(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(),
                     [](const Finding& f) { return f.severity == Severity::kError; });
}

}  // namespace keelson::policy
