#ifndef KEELSON_CHARTS_VALUES_MERGE_H_
#define KEELSON_CHARTS_VALUES_MERGE_H_

#include "charts/chart.h"
#include <initializer_list>
#include <string_view>

#include "dsl/value.h"

namespace keelson {

/// The value at `path` in nested maps (`{"image", "tag"}`), or null when
/// some key is missing or a step is not a map.
const Value& value_at(const Value& values, std::initializer_list<std::string_view> path);

/// `over` on top of `base` as `helm -f` merges values files: maps merge key
/// by key, anything else (lists too) replaces.
Value merge_values(const Value& base, const Value& over);

/// The part of `values` that differs from `defaults` (the inverse of
/// merge_values): what a values-<env>.yaml must say.
Value values_difference(const Value& values, const Value& defaults);

/// What the chart's templates see with no values file: its values.yaml, and
/// for an umbrella each subchart's values.yaml under its alias.
Value effective_defaults(const Chart& chart);

}  // namespace keelson

#endif  // KEELSON_CHARTS_VALUES_MERGE_H_
