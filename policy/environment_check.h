#ifndef KEELSON_POLICY_ENVIRONMENT_CHECK_H_
#define KEELSON_POLICY_ENVIRONMENT_CHECK_H_

#include <vector>

#include "dsl/diagnostic.h"
#include "environments/environment.h"
#include "plan/wiring.h"
#include "policy/report.h"
#include "policy/resource_view.h"
#include "policy/rule.h"

namespace keelson::policy {

/// Checks the built-in rules on what `environment` would deploy, with its
/// `policy:` settings (severities, required tags) and suppressions, and the
/// resources' own (`Resource::suppress` with a `KSL-` id). Only the
/// resources some rule reads are looked at, so a large app stays fast; then
/// the variables' values and chart values the environment gives (input_views).
/// With `model`, every resource is looked at and its view handed over there
/// afterwards, for other readers of the same model (the cost estimate).
EnvironmentFindings check_environment(const Plan& plan, const Environment& environment,
                                      const Value::Map& values,
                                      std::vector<ResourceView>* model = nullptr);

/// Checks the built-in rules on a plan's `views` (`check --plan`), each
/// located in the model first (locate_in_model), with `context`'s settings and
/// suppressions and the resources' own, as check_environment() does.
EnvironmentFindings check_plan(std::vector<ResourceView> views, const Plan& plan,
                               const Context& context);

/// What stops a synth: each error finding that is not suppressed, as a
/// diagnostic at its construct and line (the rule id is its code); and, as
/// warnings, suppressions that match nothing.
void to_diagnostics(const EnvironmentFindings& result, std::vector<Diagnostic>& errors,
                    std::vector<Diagnostic>& warnings);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_ENVIRONMENT_CHECK_H_
