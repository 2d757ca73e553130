#ifndef KEELSON_ENVIRONMENTS_AWS_NAMES_H_
#define KEELSON_ENVIRONMENTS_AWS_NAMES_H_

#include <cstddef>
#include <string>
#include <string_view>

namespace keelson {

/// AWS's rules for the names and identifiers an environment file gives. Each
/// `*_problem` function says why a value breaks the rules ("it must be 3 to 63
/// characters long"), or returns an empty string when it follows them.
namespace aws {

/// Longest region name accepted (the longest today, us-isob-east-1, has 14).
constexpr std::size_t kRegionLength = 32;
/// Longest ARN (IAM's limit for role ARNs).
constexpr std::size_t kArnLength = 2048;
/// Longest S3 object key, for the state key (in bytes).
constexpr std::size_t kObjectKeyBytes = 1024;

/// Looks like a region: `us-east-1`, `eu-west-2`, `us-gov-west-1`,
/// `us-iso-east-1`, `cn-north-1` (the caller checks kRegionLength first).
bool is_region(std::string_view region);
/// Exactly 12 digits.
bool is_account_id(std::string_view account);
/// `arn:<partition>:iam::<account>:role/<path and name>` (the caller checks
/// kArnLength first).
bool is_role_arn(std::string_view arn);
/// STS session name: 2 to 64 letters, digits and `+=,.@_-`.
std::string session_name_problem(std::string_view name);
/// STS external ID: 2 to 1224 letters, digits and `+=,.@:/_-`.
std::string external_id_problem(std::string_view id);
/// S3 bucket name: 3 to 63 lowercase letters, digits, dots and hyphens, and
/// the other rules of the S3 documentation.
std::string bucket_problem(std::string_view bucket);
/// DynamoDB table name: 3 to 255 letters, digits and `_.-`.
std::string dynamodb_table_problem(std::string_view table);
/// KMS key ID, key ARN, alias name or alias ARN: 1 to 2048 printable ASCII
/// characters without spaces.
std::string kms_key_problem(std::string_view key);

}  // namespace aws
}  // namespace keelson

#endif  // KEELSON_ENVIRONMENTS_AWS_NAMES_H_
