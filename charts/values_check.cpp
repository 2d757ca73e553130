#include "charts/values_check.h"

#include <fmt/format.h>

namespace keelson {
namespace {

const Value& at(const Value& values, std::initializer_list<std::string_view> path) {
  static const Value none;
  const Value* here = &values;
  for (std::string_view key : path) {
    if (here->kind() != Value::Kind::kMap) return none;
    const auto it = here->as_map().find(key);
    if (it == here->as_map().end()) return none;
    here = &it->second;
  }
  return *here;
}

bool on(const Value& value) { return value.kind() == Value::Kind::kBool && value.as_bool(); }

}  // namespace

std::vector<std::string> workload_values_problems(const Value& values) {
  std::vector<std::string> out;
  std::int64_t fewest = at(values, {"replicaCount"}).kind() == Value::Kind::kInt
                            ? at(values, {"replicaCount"}).as_int()
                            : 1;
  if (on(at(values, {"autoscaling", "enabled"}))) {
    const Value& min = at(values, {"autoscaling", "minReplicas"});
    const Value& max = at(values, {"autoscaling", "maxReplicas"});
    if (min.kind() == Value::Kind::kInt && max.kind() == Value::Kind::kInt) {
      fewest = min.as_int();
      if (min.as_int() > max.as_int()) {
        out.push_back(fmt::format("autoscaling.minReplicas {} is more than maxReplicas {}",
                                  min.as_int(), max.as_int()));
      }
    }
    if (at(values, {"autoscaling", "targetCPUUtilizationPercentage"}).is_null() &&
        at(values, {"autoscaling", "targetMemoryUtilizationPercentage"}).is_null()) {
      out.push_back("autoscaling needs targetCPUUtilizationPercentage or "
                    "targetMemoryUtilizationPercentage");
    }
  }
  if (on(at(values, {"podDisruptionBudget", "enabled"}))) {
    const Value& min = at(values, {"podDisruptionBudget", "minAvailable"});
    const Value& max = at(values, {"podDisruptionBudget", "maxUnavailable"});
    if (min.is_null() == max.is_null()) {
      out.push_back("podDisruptionBudget needs exactly one of minAvailable and maxUnavailable");
    } else if (min.kind() == Value::Kind::kInt && min.as_int() >= fewest) {
      out.push_back(fmt::format("podDisruptionBudget.minAvailable {} leaves no pod of {} to "
                                "evict: node drains would wait forever",
                                min.as_int(), fewest));
    }
  }
  if (on(at(values, {"ingress", "enabled"})) &&
      (at(values, {"ingress", "hosts"}).kind() != Value::Kind::kList ||
       at(values, {"ingress", "hosts"}).as_list().empty())) {
    out.push_back("ingress is enabled without hosts");
  }
  return out;
}

std::vector<std::string> workload_values_warnings(const Value& values) {
  std::vector<std::string> out;
  const Value& digest = at(values, {"image", "digest"});
  const bool pinned = digest.is_string() && !digest.as_string().empty();
  if (at(values, {"image", "tag"}) == Value("latest") && !pinned) {
    out.push_back("image.tag \"latest\" runs whatever was pushed last: pin a version or a digest");
  }
  if (at(values, {"image", "pullPolicy"}) == Value("Always")) {
    out.push_back("image.pullPolicy Always makes every pod start depend on the registry");
  }
  return out;
}

}  // namespace keelson
