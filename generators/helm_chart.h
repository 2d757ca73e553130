#ifndef KEELSON_GENERATORS_HELM_CHART_H_
#define KEELSON_GENERATORS_HELM_CHART_H_

#include <map>
#include <string>

#include "charts/chart.h"
#include "dsl/value.h"
#include "generators/file_set.h"

namespace keelson {

/// `helm-charts/<chart>`, where a chart of the App is written.
std::string chart_directory(const Chart& chart);

/// Writes a chart and its subcharts into `files`: Chart.yaml, values.yaml,
/// one values-<env>.yaml per environment with what that environment changes
/// (as checked by resolve_chart_values; maps merge with the defaults, lists
/// replace them, as with `helm -f`), values.schema.json, the templates of
/// `templates/`, helm-unittest suites and a README listing every value.
void emit_chart(const Chart& chart, const std::map<std::string, Value>& environment_values,
                FileSet& files);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_HELM_CHART_H_
