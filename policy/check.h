#ifndef KEELSON_POLICY_CHECK_H_
#define KEELSON_POLICY_CHECK_H_

#include <map>
#include <string>
#include <vector>

#include "environments/environment.h"
#include "policy/rule.h"

namespace keelson::policy {

/// What checking one environment found.
struct Outcome {
  /// In the order of the views, then of the rules; suppressed ones included.
  std::vector<Finding> findings;
  /// Suppressions that matched no finding: stale, or mistyped.
  std::vector<PolicySuppression> unused;
};

/// Runs every rule on the resources of its types (a rule for `*` on all),
/// with each rule's severity in `context`; appends to `findings` in the
/// order of the views, then of the rules.
/// With `checked`, also records the address of every view each rule looked
/// at, by rule id, whether it broke the rule or not (the compliance evidence).
void find(const std::vector<ResourceView>& views, const std::vector<Rule>& rules,
          const Context& context, std::vector<Finding>& findings,
          std::map<std::string, std::vector<std::string>>* checked = nullptr);

/// Marks the findings that `suppressions` accept: same rule id, and a `path`
/// that is empty, the finding's construct path or resource address, or a
/// parent of either. Returns the suppressions that accept nothing.
std::vector<PolicySuppression> suppress(std::vector<Finding>& findings,
                                        const std::vector<PolicySuppression>& suppressions);

/// find(), then suppress().
Outcome check(const std::vector<ResourceView>& views, const std::vector<Rule>& rules,
              const Context& context, const std::vector<PolicySuppression>& suppressions = {});

/// True when a finding that is not suppressed is an error.
bool has_error(const std::vector<Finding>& findings);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_CHECK_H_
