#ifndef KEELSON_POLICY_PLAN_VIEWS_H_
#define KEELSON_POLICY_PLAN_VIEWS_H_

#include <string_view>
#include <vector>

#include "policy/resource_view.h"

namespace keelson::policy {

/// The managed resources a plan creates, updates or replaces, from the JSON
/// of `terraform show -json <planfile>` (or `tofu show -json`): its
/// `resource_changes`, each with `change.after` and `change.after_unknown`.
/// Deleted resources and data sources are left out. First, when the plan
/// configures the AWS provider, its view (`provider.aws`, with its region);
/// after the resources, the root's variables that are not sensitive, as
/// views of kVariableView with their values. `source_name` names the input
/// in errors. Throws keelson::Error: K6001 not JSON (with line and column),
/// K6002 not a plan (names what is missing and where).
std::vector<ResourceView> plan_views(std::string_view json_text, std::string_view source_name);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_PLAN_VIEWS_H_
