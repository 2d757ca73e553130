#ifndef KEELSON_POLICY_MODEL_VIEWS_H_
#define KEELSON_POLICY_MODEL_VIEWS_H_

#include <functional>
#include <string_view>
#include <vector>

#include "dsl/value.h"
#include "environments/environment.h"
#include "plan/wiring.h"
#include "policy/resource_view.h"

namespace keelson::policy {

/// The managed resources of every stack as `environment` would plan them:
/// each argument evaluated with its parameter `values` (and the defaults);
/// what reads another resource or the cloud is unknown. A taggable resource
/// gets `tags_all` as the provider computes it: the environment's default
/// tags, then its own.
/// Only resources whose type `wanted` accepts are built (all when it is
/// empty), and with `only`, only that stack's: checking a stack at a time
/// keeps the memory of a large app's views small.
std::vector<ResourceView> model_views(const Plan& plan, const Environment& environment,
                                      const Value::Map& values,
                                      const std::function<bool(std::string_view type)>& wanted = {},
                                      const Stack* only = nullptr);

/// The AWS provider as `environment` configures it (`provider.aws`): its
/// region, at the environment file.
ResourceView aws_provider_view(const Environment& environment);
/// What `environment` gives besides resources, as views of kVariableView and
/// kChartValueView: each parameter's value that is not sensitive (from the
/// environment file, at its line; else its default, at its declaration),
/// then each string of each chart's values in the file, at its line. Strings
/// under keys that look like secret names are left out: the file may not
/// hold them at all (K2053).
std::vector<ResourceView> input_views(const Plan& plan, const Environment& environment,
                                      const Value::Map& values);
/// Gives each view of a plan whose address, less its instance key (`[0]`,
/// `["a"]`), is a managed resource of the model that resource's construct
/// path and the line that declared it, as its model view has them; so
/// suppressions by construct path apply to a plan, and findings point at the
/// source. A resource added outside keelson keeps neither.
void locate_in_model(std::vector<ResourceView>& views, const Plan& plan);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_MODEL_VIEWS_H_
