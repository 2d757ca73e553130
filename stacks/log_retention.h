#ifndef KEELSON_STACKS_LOG_RETENTION_H_
#define KEELSON_STACKS_LOG_RETENTION_H_

#include <optional>
#include <string>
#include <string_view>

#include "dsl/value.h"

namespace keelson {

/// Checks a log retention prop against the periods CloudWatch Logs accepts
/// (1, 3, 5, 7, 14, 30, 60, 90, ... 3653 days). Returns the problem, naming
/// `field` and listing the accepted values, or nothing when the value is one
/// of them or an expression (a parameter checks itself).
std::optional<std::string> check_log_retention(std::string_view field, const Value& days);

}  // namespace keelson

#endif  // KEELSON_STACKS_LOG_RETENTION_H_
