#ifndef KEELSON_DSL_HELM_VALUE_PATH_H_
#define KEELSON_DSL_HELM_VALUE_PATH_H_

#include <initializer_list>
#include <string>
#include <string_view>

namespace keelson {

/// One key of a Helm value path with what Helm's `--set` syntax treats
/// specially escaped by a backslash (`\`, `.`, `,`, `=`, `[`):
/// `eks.amazonaws.com/role-arn` → `eks\.amazonaws\.com/role-arn`.
std::string helm_escape_key(std::string_view key);

/// A Helm value path from its keys, each escaped and joined with `.`:
/// `helm_value_path({"serviceAccount", "annotations", "eks.amazonaws.com/role-arn"})`
/// is `serviceAccount.annotations.eks\.amazonaws\.com/role-arn`.
std::string helm_value_path(std::initializer_list<std::string_view> keys);

}  // namespace keelson

#endif  // KEELSON_DSL_HELM_VALUE_PATH_H_
