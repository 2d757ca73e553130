#ifndef KEELSON_PLAN_CHART_PLAN_H_
#define KEELSON_PLAN_CHART_PLAN_H_

#include <map>
#include <string>
#include <vector>

#include "charts/chart.h"
#include "dsl/diagnostic.h"
#include "dsl/value.h"
#include "environments/environment.h"

namespace keelson {

/// A chart of the App with what each environment gives it, checked.
struct ChartPlan {
  const Chart* chart = nullptr;
  /// Environment name → the values its file gives (maps merge with the
  /// chart's, lists replace them); `{}` when it gives none.
  std::map<std::string, Value> environment_values;
};

/// Resolves every chart's values for every environment: each environment's
/// `charts.<chart>` checked against the chart's schema (resolve_chart_values)
/// and, merged with the chart's own, against the workload rules (K2056); a
/// chart the App does not declare is K2055. Appends problems to `problems`
/// and warnings (the workloads' own, K1050, and `latest`/`Always` set by an
/// environment, K2057) to `warnings`.
std::vector<ChartPlan> plan_charts(const std::vector<const Chart*>& charts,
                                   const std::vector<Environment>& environments,
                                   std::vector<Diagnostic>& problems,
                                   std::vector<Diagnostic>& warnings);

}  // namespace keelson

#endif  // KEELSON_PLAN_CHART_PLAN_H_
