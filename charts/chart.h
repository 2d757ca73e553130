#ifndef KEELSON_CHARTS_CHART_H_
#define KEELSON_CHARTS_CHART_H_

#include <string>
#include <utility>
#include <vector>

#include "charts/workload.h"
#include "dsl/construct.h"
#include "dsl/value.h"

namespace keelson {

struct Maintainer {
  std::string name;
  std::string email{};
  std::string url{};
};

/// A chart from a repository the chart depends on (Prometheus, Grafana,
/// PostgreSQL...), installed with it when `condition` is true.
struct ChartDependency {
  std::string name;
  /// A semantic version or range: `25.3.1`, `~25.3.0`, `>=7.0.0 <8.0.0`.
  std::string version;
  /// `https://...` or `oci://...`.
  std::string repository;
  /// The values key that switches it on, `<alias or name>.enabled` when empty.
  std::string condition{};
  std::string alias{};
  /// Its default values, under its alias (or name) in values.yaml.
  Value::Map values{};
  /// Whether it is installed by default (the value of `condition`).
  bool enabled = true;
};

/// What a Chart is made of: Chart.yaml's fields.
struct ChartProps {
  /// The chart's semantic version (`1.0.0`).
  std::string version = "0.1.0";
  /// The version of the application it deploys; the image tag by default.
  std::string app_version{};
  std::string description{};
  std::vector<std::string> keywords{};
  std::string home{};
  std::vector<std::string> sources{};
  std::vector<Maintainer> maintainers{};
  std::vector<ChartDependency> dependencies{};
};

/// A Helm chart written to `helm-charts/<name>/`: a child of the App (a
/// chart of its own) or of another Chart (a subchart, in the parent's
/// `charts/`, switched by `<alias>.enabled`). A chart deploys one Workload,
/// or is an umbrella of subcharts.
class Chart : public Construct {
 public:
  using Props = ChartProps;
  Chart(Construct& scope, const Id& id, ChartProps props = {});

  /// The chart's name: its id.
  const std::string& name() const { return node().id(); }
  const ChartProps& props() const { return props_; }

  /// Declares the chart's workload (its id is the chart's name).
  Workload& workload(WorkloadProps props,
                     std::source_location where = std::source_location::current());
  /// Declares a subchart, with its own workload or subcharts.
  Chart& subchart(const Id& id, ChartProps props = {});

  /// The workload, or nullptr for an umbrella chart.
  const Workload* workload() const;
  /// Subcharts in declaration order.
  std::vector<const Chart*> subcharts() const;
  /// The parent chart, or nullptr for a chart of its own.
  const Chart* parent() const;
  /// The key of a subchart's values in its parent: its name in camelCase
  /// (`teams-bot` is `teamsBot`).
  std::string alias() const;

  /// The default values (values.yaml): the workload's, or each subchart's
  /// under its alias with `enabled`, and each dependency's.
  Value values() const;
  /// values.schema.json, from the C++ types: Helm rejects values that do
  /// not fit, and environment files are checked against it.
  Value values_schema() const;

  /// Helm value path → Terraform value, for the `helm_release`, including
  /// those of subcharts (prefixed with their alias).
  std::vector<std::pair<std::string, Value>> terraform_values() const;

 private:
  ChartProps props_;
};

/// The charts of an App (its children that are charts), in declaration order.
std::vector<const Chart*> charts_of(const Construct& app);

/// `teams-bot` → `teamsBot`: how a name becomes a values key templates can
/// read with `.Values.teamsBot`.
std::string camel_case(std::string_view name);

/// The values path that switches a dependency on: its `condition`, or
/// `<alias or name>.enabled`.
std::string dependency_condition(const ChartDependency& dependency);

}  // namespace keelson

#endif  // KEELSON_CHARTS_CHART_H_
