#ifndef KEELSON_POLICY_CHECK_H_
#define KEELSON_POLICY_CHECK_H_

#include <string_view>
#include <vector>

#include "policy/rule.h"

namespace keelson::policy {

/// Runs every rule on the resources of its types; findings in the order of
/// `views`, then of `rules`, with each rule's severity in `environment`.
std::vector<Finding> check(const std::vector<ResourceView>& views, const std::vector<Rule>& rules,
                           std::string_view environment);

/// True when a finding is an error.
bool has_error(const std::vector<Finding>& findings);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_CHECK_H_
