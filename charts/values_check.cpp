#include "charts/values_check.h"

#include <fmt/format.h>

#include "charts/values_merge.h"

namespace keelson {
namespace {


bool on(const Value& value) { return value.kind() == Value::Kind::kBool && value.as_bool(); }

}  // namespace

std::vector<std::string> workload_values_problems(const Value& values) {
  std::vector<std::string> out;
  std::int64_t fewest = value_at(values, {"replicaCount"}).kind() == Value::Kind::kInt
                            ? value_at(values, {"replicaCount"}).as_int()
                            : 1;
  if (on(value_at(values, {"autoscaling", "enabled"}))) {
    const Value& min = value_at(values, {"autoscaling", "minReplicas"});
    const Value& max = value_at(values, {"autoscaling", "maxReplicas"});
    if (min.kind() == Value::Kind::kInt && max.kind() == Value::Kind::kInt) {
      fewest = min.as_int();
      if (min.as_int() > max.as_int()) {
        out.push_back(fmt::format("autoscaling.minReplicas {} is more than maxReplicas {}",
                                  min.as_int(), max.as_int()));
      }
    }
    if (value_at(values, {"autoscaling", "targetCPUUtilizationPercentage"}).is_null() &&
        value_at(values, {"autoscaling", "targetMemoryUtilizationPercentage"}).is_null()) {
      out.push_back("autoscaling needs targetCPUUtilizationPercentage or "
                    "targetMemoryUtilizationPercentage");
    }
  }
  if (on(value_at(values, {"podDisruptionBudget", "enabled"}))) {
    const Value& min = value_at(values, {"podDisruptionBudget", "minAvailable"});
    const Value& max = value_at(values, {"podDisruptionBudget", "maxUnavailable"});
    if (min.is_null() == max.is_null()) {
      out.push_back("podDisruptionBudget needs exactly one of minAvailable and maxUnavailable");
    } else if (min.kind() == Value::Kind::kInt && min.as_int() >= fewest) {
      out.push_back(fmt::format("podDisruptionBudget.minAvailable {} leaves no pod of {} to "
                                "evict: node drains would wait forever",
                                min.as_int(), fewest));
    }
  }
  if (on(value_at(values, {"ingress", "enabled"})) &&
      (value_at(values, {"ingress", "hosts"}).kind() != Value::Kind::kList ||
       value_at(values, {"ingress", "hosts"}).as_list().empty())) {
    out.push_back("ingress is enabled without hosts");
  }
  return out;
}

std::vector<std::string> workload_values_warnings(const Value& values) {
  std::vector<std::string> out;
  const Value& digest = value_at(values, {"image", "digest"});
  const bool pinned = digest.is_string() && !digest.as_string().empty();
  if (value_at(values, {"image", "tag"}) == Value("latest") && !pinned) {
    out.push_back("image.tag \"latest\" runs whatever was pushed last: pin a version or a digest");
  }
  if (value_at(values, {"image", "pullPolicy"}) == Value("Always")) {
    out.push_back("image.pullPolicy Always makes every pod start depend on the registry");
  }
  return out;
}

}  // namespace keelson
