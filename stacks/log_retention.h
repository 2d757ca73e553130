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

/// Why a stack's log groups suppress checkov's CKV_AWS_158 (a customer KMS
/// key for the group): the stacks that take no key for them.
inline constexpr const char* kLogKeyReason =
    "Encrypted with CloudWatch Logs' own key; a customer key needs a key policy for the logs "
    "service, which this stack does not write yet";

}  // namespace keelson

#endif  // KEELSON_STACKS_LOG_RETENTION_H_
