#ifndef KEELSON_POLICY_MODEL_VIEWS_H_
#define KEELSON_POLICY_MODEL_VIEWS_H_

#include <vector>

#include "dsl/value.h"
#include "plan/wiring.h"
#include "policy/resource_view.h"

namespace keelson::policy {

/// The managed resources of every stack as one environment would plan them:
/// each argument evaluated with the environment's parameter `values` (and
/// the defaults); what reads another resource or the cloud is unknown.
std::vector<ResourceView> model_views(const Plan& plan, const Value::Map& values);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_MODEL_VIEWS_H_
