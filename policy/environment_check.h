#ifndef KEELSON_POLICY_ENVIRONMENT_CHECK_H_
#define KEELSON_POLICY_ENVIRONMENT_CHECK_H_

#include <vector>

#include "dsl/diagnostic.h"
#include "environments/environment.h"
#include "plan/wiring.h"
#include "policy/report.h"

namespace keelson::policy {

/// Checks the built-in rules on what `environment` would deploy, with its
/// `policy:` settings (severities, required tags) and suppressions, and the
/// resources' own (`Resource::suppress` with a `KSL-` id). Only the
/// resources some rule reads are looked at, so a large app stays fast; then
/// the variables' values and chart values the environment gives (input_views).
EnvironmentFindings check_environment(const Plan& plan, const Environment& environment,
                                      const Value::Map& values);

/// The suppressions of keelson rules declared in code (`Resource::suppress`
/// with a `KSL-` id), each for its resource: by construct path for the
/// model, or with `by_address` by the resource's address in a plan
/// (`module.<stack>.<address>`), so `check --plan` accepts the same findings.
std::vector<PolicySuppression> code_suppressions(const Plan& plan, bool by_address = false);

/// Applies `in_code` to `findings`. A suppression in code holds in every
/// environment, so one that matches nothing here is returned only when no
/// rule has its id (a typo).
std::vector<PolicySuppression> apply_code_suppressions(
    std::vector<Finding>& findings, const std::vector<PolicySuppression>& in_code);

/// What stops a synth: each error finding that is not suppressed, as a
/// diagnostic at its construct and line (the rule id is its code); and, as
/// warnings, suppressions that match nothing.
void to_diagnostics(const EnvironmentFindings& result, std::vector<Diagnostic>& errors,
                    std::vector<Diagnostic>& warnings);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_ENVIRONMENT_CHECK_H_
