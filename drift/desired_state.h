#ifndef KEELSON_DRIFT_DESIRED_STATE_H_
#define KEELSON_DRIFT_DESIRED_STATE_H_

#include <string>
#include <vector>

#include "dsl/value.h"
#include "environments/environment.h"
#include "plan/wiring.h"
#include "policy/resource_view.h"

namespace keelson::drift {

/// One managed resource the code declares for an environment, as the policy
/// rules see it (policy::model_views): its address without instance key,
/// the known argument values (`after`) and what only the apply knows
/// (`after_unknown`).
struct DesiredResource {
  policy::ResourceView view{};
  /// The instance addresses it makes: its address; with `count` N,
  /// `<address>[0]` to `[N-1]`; with `for_each`, `<address>["key"]` per key.
  /// Empty when the count or the keys are known only at apply (they read
  /// another resource): then whatever instances the state has are its own.
  std::vector<std::string> instances{};
};

/// What the code declares for one environment.
struct DesiredState {
  /// Sorted by address.
  std::vector<DesiredResource> resources{};
  /// The module calls inside stacks (`module.compute.module.eks`): what they
  /// create is the called module's business, not compared.
  std::vector<std::string> module_calls{};
};

/// The desired state of `environment`, its parameters resolved to `values`.
DesiredState desired_state(const Plan& plan, const Environment& environment,
                           const Value::Map& values);

/// `address` with instance key `key` (a number, or a string quoted as
/// Terraform writes it: `aws_subnet.private["a"]`).
std::string instance_address(const std::string& address, const Value& key);

}  // namespace keelson::drift

#endif  // KEELSON_DRIFT_DESIRED_STATE_H_
