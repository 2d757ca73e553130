#include "policy/environment_check.h"

#include <fmt/core.h>

#include <set>

#include "policy/check.h"
#include "policy/model_views.h"
#include "policy/rule_packs.h"

namespace keelson::policy {

EnvironmentFindings check_environment(const Plan& plan, const Environment& environment,
                                      const Value::Map& values) {
  const auto& rules = builtin_rules();
  std::set<std::string, std::less<>> types;
  bool every_type = false;
  for (const auto& rule : rules) {
    for (const auto& type : rule.resource_types) {
      if (type != "*") {
        types.insert(type);
      } else if (rule.id != "KSL-TAG-001" || !environment.policy.required_tags.empty()) {
        every_type = true;
      }
    }
  }
  const auto wanted = [&](std::string_view type) { return every_type || types.count(type) != 0; };
  const Context context{environment.name, environment.policy};
  EnvironmentFindings result{environment.name, {}, {}};
  for (const auto& stack : plan.stacks) {
    find(model_views(plan, environment, values, wanted, stack.stack), rules, context,
         result.findings);
  }
  result.unused = suppress(result.findings, environment.policy.suppress);
  return result;
}

void to_diagnostics(const EnvironmentFindings& result, std::vector<Diagnostic>& errors,
                    std::vector<Diagnostic>& warnings) {
  for (const auto& f : result.findings) {
    if (f.severity != Severity::kError || !f.suppressed.empty()) continue;
    errors.push_back(make_error(
        f.rule->id,
        fmt::format("{}: {} ({}): {}", result.environment, f.rule->title, f.address, f.message),
        f.where, f.rule->remediation + " Or accept it: policy.suppress in the environment file.",
        f.path));
  }
  for (const auto& s : result.unused) {
    Diagnostic d = make_error("K2059",
                              fmt::format("the suppression of {}{} matches nothing", s.rule,
                                          s.path.empty() ? "" : " for " + s.path),
                              s.where, "remove it, or correct its rule id or path");
    d.severity = Diagnostic::Severity::kWarning;
    warnings.push_back(std::move(d));
  }
}

}  // namespace keelson::policy
