#ifndef KEELSON_ENVIRONMENTS_ISOLATION_H_
#define KEELSON_ENVIRONMENTS_ISOLATION_H_

#include <string_view>
#include <vector>

#include "dsl/diagnostic.h"
#include "environments/environment.h"

namespace keelson {

/// What makes two of an App's environments share resources, state or
/// credentials, for every pair of `environments`:
/// K2060 the same AWS account, unless one of them gives
///       `isolation.shared_account` with its reason;
/// K2061 the same state (backend bucket, region and key once `{app}` and
///       `{env}` are filled in with `app`);
/// K2062 the same deploy role (`assume_role.role_arn`);
/// K2063 a parameter or chart value naming another environment's account ID
///       or its state bucket (when the buckets differ).
/// Each diagnostic is at the line of one environment's file and names the
/// other's file and line.
std::vector<Diagnostic> isolation_problems(const std::vector<Environment>& environments,
                                           std::string_view app);

}  // namespace keelson

#endif  // KEELSON_ENVIRONMENTS_ISOLATION_H_
