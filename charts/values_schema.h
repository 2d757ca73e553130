#ifndef KEELSON_CHARTS_VALUES_SCHEMA_H_
#define KEELSON_CHARTS_VALUES_SCHEMA_H_

#include "dsl/value.h"

namespace keelson {

/// The JSON Schema (draft 7) of a workload chart's values, the contract of
/// docs/chart-values.md: every key typed, unknown keys refused
/// (`additionalProperties: false`) so a misspelt key fails `helm install`
/// instead of being ignored. Objects that are Kubernetes types as written in
/// a pod spec (probes, affinity, tolerations) are left to the Kubernetes
/// schema, which the rendered manifests are checked against.
Value workload_values_schema();

}  // namespace keelson

#endif  // KEELSON_CHARTS_VALUES_SCHEMA_H_
