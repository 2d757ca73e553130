#include "policy/chart_views.h"

#include "charts/values_merge.h"
#include "charts/workload.h"

namespace keelson::policy {
namespace {

using nlohmann::json;

bool on(const Value& value) { return value.kind() == Value::Kind::kBool && value.as_bool(); }

bool given(const Value& value) {
  return value.kind() == Value::Kind::kMap && !value.as_map().empty();
}

// An int, or a string such as `50%`, as the provider's schema takes both.
json int_or_string(const Value& value) {
  if (value.kind() == Value::Kind::kInt) return value.as_int();
  if (value.kind() == Value::Kind::kString) return value.as_string();
  return nullptr;
}

ResourceView view_of(const Chart& chart, const std::string& prefix, const char* type) {
  const Workload* workload = chart.workload();
  return ResourceView{.type = type,
                      .address = prefix + "." + type + "." + chart.name(),
                      .path = workload->node().path(),
                      .where = workload->node().where()};
}

void add_views(const Chart& chart, const Value& values, const std::string& prefix,
               std::vector<ResourceView>& out) {
  if (chart.workload() != nullptr) {
    const json labels = {{"app.kubernetes.io/name", chart.name()}};
    json container = {{"name", chart.name()}};
    // A probe is a list of one block, as the provider plans it; none: absent.
    if (given(value_at(values, {"livenessProbe"})))
      container["liveness_probe"] = json::array({json::object()});
    if (given(value_at(values, {"readinessProbe"})))
      container["readiness_probe"] = json::array({json::object()});
    const Value& replicas = value_at(values, {"replicaCount"});
    ResourceView deployment = view_of(chart, prefix, "kubernetes_deployment");
    deployment.after = {
        {"metadata", json::array({{{"name", chart.name()}}})},
        {"spec",
         json::array(
             {{{"replicas", replicas.kind() == Value::Kind::kInt
                                ? json(std::to_string(replicas.as_int()))
                                : json(nullptr)},
               {"selector", json::array({{{"match_labels", labels}}})},
               {"template",
                json::array(
                    {{{"metadata", json::array({{{"labels", labels}}})},
                      {"spec", json::array({{{"container", json::array({container})}}})}}})}}})}};
    out.push_back(std::move(deployment));
    if (on(value_at(values, {"autoscaling", "enabled"}))) {
      ResourceView hpa = view_of(chart, prefix, "kubernetes_horizontal_pod_autoscaler_v2");
      hpa.after = {
          {"metadata", json::array({{{"name", chart.name()}}})},
          {"spec",
           json::array(
               {{{"min_replicas", int_or_string(value_at(values, {"autoscaling", "minReplicas"}))},
                 {"max_replicas", int_or_string(value_at(values, {"autoscaling", "maxReplicas"}))},
                 {"scale_target_ref",
                  json::array({{{"kind", "Deployment"}, {"name", chart.name()}}})}}})}};
      out.push_back(std::move(hpa));
    }
    if (on(value_at(values, {"podDisruptionBudget", "enabled"}))) {
      ResourceView pdb = view_of(chart, prefix, "kubernetes_pod_disruption_budget_v1");
      json spec = {{"selector", json::array({{{"match_labels", labels}}})}};
      const json min = int_or_string(value_at(values, {"podDisruptionBudget", "minAvailable"}));
      const json max = int_or_string(value_at(values, {"podDisruptionBudget", "maxUnavailable"}));
      if (!min.is_null()) spec["min_available"] = min;
      if (!max.is_null()) spec["max_unavailable"] = max;
      pdb.after = {{"metadata", json::array({{{"name", chart.name()}}})},
                   {"spec", json::array({spec})}};
      out.push_back(std::move(pdb));
    }
  }
  for (const Chart* sub : chart.subcharts()) {
    const Value& own = value_at(values, {sub->alias()});
    // A subchart an environment turns off makes nothing there.
    if (value_at(own, {"enabled"}).kind() == Value::Kind::kBool && !on(value_at(own, {"enabled"})))
      continue;
    add_views(*sub, own, prefix + "." + sub->alias(), out);
  }
}

}  // namespace

std::vector<ResourceView> chart_views(const std::vector<ChartPlan>& charts,
                                      const std::string& environment) {
  std::vector<ResourceView> out;
  for (const ChartPlan& plan : charts) {
    const auto it = plan.environment_values.find(environment);
    const Value values = merge_values(effective_defaults(*plan.chart),
                                      it != plan.environment_values.end() ? it->second : Value());
    add_views(*plan.chart, values, "chart." + plan.chart->name(), out);
  }
  return out;
}

}  // namespace keelson::policy
