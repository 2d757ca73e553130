#ifndef KEELSON_ENVIRONMENTS_CHART_VALUES_H_
#define KEELSON_ENVIRONMENTS_CHART_VALUES_H_

#include <string>
#include <vector>

#include "dsl/diagnostic.h"
#include "dsl/value.h"
#include "environments/environment.h"

namespace keelson {

/// Reads the values an environment file gives a chart under
/// `charts.<chart>:` and checks them against the chart's values schema
/// (the JSON Schema subset keelson generates: `type`, `properties`,
/// `additionalProperties`, `required`, `items`, `enum`, `minimum`,
/// `maximum`, `pattern`), so a mistake is reported at its file:line:column
/// instead of by `helm install`. A string under a key that names a secret
/// (`password`, `apiKey`, ...) is refused: a secret is never a value.
/// Appends every problem to `problems`; returns the values as read.
Value resolve_chart_values(const ChartValuesInput& input, const std::string& chart,
                           const Value& schema, std::vector<Diagnostic>& problems);

}  // namespace keelson

#endif  // KEELSON_ENVIRONMENTS_CHART_VALUES_H_
