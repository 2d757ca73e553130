#ifndef KEELSON_CHARTS_VALUES_CHECK_H_
#define KEELSON_CHARTS_VALUES_CHECK_H_

#include <string>
#include <vector>

#include "dsl/value.h"

namespace keelson {

/// What a workload's values must satisfy together, beyond each value's own
/// type (values.schema.json checks those): the rules Workload checks on its
/// props, applied to the values an environment ends up with, so a
/// values-<env>.yaml cannot undo them. One message per problem.
std::vector<std::string> workload_values_problems(const Value& values);

/// `tag: latest` and `pullPolicy: Always` in those values.
std::vector<std::string> workload_values_warnings(const Value& values);

}  // namespace keelson

#endif  // KEELSON_CHARTS_VALUES_CHECK_H_
