#ifndef KEELSON_POLICY_CHART_VIEWS_H_
#define KEELSON_POLICY_CHART_VIEWS_H_

#include <string>
#include <vector>

#include "plan/chart_plan.h"
#include "policy/resource_view.h"

namespace keelson::policy {

/// The Kubernetes objects each chart's workload (and each enabled
/// subchart's) makes in `environment`, from its values merged with the
/// environment's, in the layout of the Terraform kubernetes provider, so
/// that one rule reads a chart and a `kubernetes_deployment` alike:
/// a `kubernetes_deployment` (replicas, selector, pod labels, one container
/// with its probes), and when enabled a `kubernetes_horizontal_pod_autoscaler_v2`
/// aimed at it and a `kubernetes_pod_disruption_budget_v1` selecting its
/// pods. Addresses are `chart.<chart>[.<subchart alias>...].<type>.<name>`;
/// each view carries the workload's construct path and line.
std::vector<ResourceView> chart_views(const std::vector<ChartPlan>& charts,
                                      const std::string& environment);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_CHART_VIEWS_H_
