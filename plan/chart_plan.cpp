#include "plan/chart_plan.h"

#include <fmt/format.h>

#include <algorithm>

#include "charts/values_check.h"
#include "charts/values_merge.h"
#include "dsl/suggest.h"
#include "environments/chart_values.h"

namespace keelson {
namespace {

// The rules a workload's values must satisfy together, on what the
// environment ends up with (its values over the chart's), for the chart and
// each subchart whose values the environment changes.
void check_environment_values(const Chart& chart, const Value& defaults, const Value& given,
                              const std::string& path, const SourceLocation& where,
                              std::vector<Diagnostic>& problems,
                              std::vector<Diagnostic>& warnings) {
  if (given.kind() != Value::Kind::kMap || given.as_map().empty()) return;
  if (chart.workload() != nullptr) {
    for (auto& message : workload_values_problems(merge_values(defaults, given))) {
      problems.push_back(make_error("K2056", fmt::format("{}: {}", path, message), where));
    }
    for (auto& message : workload_values_warnings(given)) {
      Diagnostic d = make_error("K2057", fmt::format("{}: {}", path, message), where);
      d.severity = Diagnostic::Severity::kWarning;
      warnings.push_back(std::move(d));
    }
  }
  for (const Chart* sub : chart.subcharts()) {
    check_environment_values(*sub, value_at(defaults, {sub->alias()}), value_at(given, {sub->alias()}),
                             path + "." + sub->alias(), where, problems, warnings);
  }
}

std::vector<Diagnostic> chart_warnings(const Chart& chart) {
  std::vector<Diagnostic> out;
  if (const Workload* workload = chart.workload()) {
    for (auto& message : workload->warnings()) {
      Diagnostic d = make_error("K1050", std::move(message), workload->node().where(), {},
                                workload->node().path());
      d.severity = Diagnostic::Severity::kWarning;
      out.push_back(std::move(d));
    }
  }
  for (const Chart* sub : chart.subcharts()) {
    auto more = chart_warnings(*sub);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
}

}  // namespace

std::vector<ChartPlan> plan_charts(const std::vector<const Chart*>& charts,
                                   const std::vector<Environment>& environments,
                                   std::vector<Diagnostic>& problems,
                                   std::vector<Diagnostic>& warnings) {
  std::vector<ChartPlan> out;
  // Computed once per chart, not once per environment.
  std::vector<std::pair<Value, Value>> schema_and_defaults;
  for (const Chart* chart : charts) {
    out.push_back({chart, {}});
    schema_and_defaults.emplace_back(chart->values_schema(), effective_defaults(*chart));
    auto own = chart_warnings(*chart);
    warnings.insert(warnings.end(), own.begin(), own.end());
  }
  std::vector<std::string> names;
  for (const Chart* chart : charts) names.push_back(chart->name());
  for (const Environment& env : environments) {
    for (const auto& [name, input] : env.charts) {
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        problems.push_back(make_error(
            "K2055", fmt::format("charts.{}: the App declares no such chart", name), input.where,
            names.empty() ? "declare it with app.add<Chart>(...)" : did_you_mean(name, names)));
      }
    }
    for (std::size_t i = 0; i < out.size(); ++i) {
      ChartPlan& plan = out[i];
      const Chart* chart = plan.chart;
      const auto& [schema, defaults] = schema_and_defaults[i];
      const auto it = env.charts.find(chart->name());
      if (it == env.charts.end()) {
        plan.environment_values[env.name] = Value::Map{};
        continue;
      }
      Value given =
          resolve_chart_values(it->second, chart->name(), schema, problems);
      check_environment_values(*chart, defaults, given,
                               fmt::format("charts.{} in {}", chart->name(), env.name),
                               it->second.where, problems, warnings);
      plan.environment_values[env.name] = std::move(given);
    }
  }
  return out;
}

}  // namespace keelson
