#include "policy/environment_check.h"

#include <fmt/core.h>

#include <algorithm>
#include <set>

#include "charts/chart.h"
#include "dsl/resource.h"
#include "plan/chart_plan.h"
#include "policy/chart_views.h"
#include "policy/check.h"
#include "policy/model_views.h"
#include "policy/rule_packs.h"

namespace keelson::policy {

namespace {

// Marks what the resources' suppressions in code (`Resource::suppress` with a
// keelson rule id), then the environment's, accept. One in code holds for its
// resource in every environment, so when it matches nothing here it is only
// reported if no rule has its id.
void apply_suppressions(const Plan& plan, const std::vector<Rule>& rules,
                        const std::vector<PolicySuppression>& environment,
                        EnvironmentFindings& result) {
  std::vector<PolicySuppression> in_code;
  for (const auto& stack : plan.stacks) {
    for (const Resource* r : stack.stack->resources()) {
      for (const auto& s : r->suppressions()) {
        if (s.rule_id.rfind("KSL-", 0) == 0)
          in_code.push_back({s.rule_id, r->node().path(), s.reason, s.where});
      }
    }
  }
  for (auto& unused : suppress(result.findings, in_code)) {
    const bool known = std::any_of(rules.begin(), rules.end(),
                                   [&](const Rule& rule) { return rule.id == unused.rule; });
    if (!known) result.unused.push_back(std::move(unused));
  }
  for (auto& unused : suppress(result.findings, environment))
    result.unused.push_back(std::move(unused));
}

}  // namespace

EnvironmentFindings check_environment(const Plan& plan, const Environment& environment,
                                      const Value::Map& values, std::vector<ResourceView>* model) {
  const auto& rules = builtin_rules();
  std::set<std::string, std::less<>> types;
  bool every_type = false;
  for (const auto& rule : rules) {
    types.insert(rule.reads.begin(), rule.reads.end());
    for (const auto& type : rule.resource_types) {
      if (type != "*") {
        types.insert(type);
      } else if (rule.id != "KSL-TAG-001" || !environment.policy.required_tags.empty()) {
        every_type = true;
      }
    }
  }
  const auto wanted = [&](std::string_view type) {
    return model != nullptr || every_type || types.count(type) != 0;
  };
  const Context context{environment.name, environment.policy};
  EnvironmentFindings result{environment.name, {}, {}, {}};
  // The provider first, as in a plan; then a stack at a time.
  find({aws_provider_view(environment)}, rules, context, result.findings, &result.checked);
  for (const auto& stack : plan.stacks) {
    auto views = model_views(plan, environment, values, wanted, stack.stack);
    find(views, rules, context, result.findings, &result.checked);
    if (model != nullptr) std::move(views.begin(), views.end(), std::back_inserter(*model));
  }
  // The tfvars and chart values the environment file gives.
  find(input_views(plan, environment, values), rules, context, result.findings, &result.checked);
  // The charts' workloads, with this environment's values. Problems with
  // the values themselves are the synth's to report (K2050...).
  std::vector<Diagnostic> ignored, ignored_warnings;
  const auto charts = plan_charts(charts_of(*plan.app), {environment}, ignored, ignored_warnings);
  find(chart_views(charts, environment.name), rules, context, result.findings, &result.checked);
  apply_suppressions(plan, rules, environment.policy.suppress, result);
  return result;
}

EnvironmentFindings check_plan(std::vector<ResourceView> views, const Plan& plan,
                               const Context& context) {
  locate_in_model(views, plan);
  EnvironmentFindings result{context.environment, {}, {}, {}};
  find(views, builtin_rules(), context, result.findings, &result.checked);
  apply_suppressions(plan, builtin_rules(), context.settings.suppress, result);
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
