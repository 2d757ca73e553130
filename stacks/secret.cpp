#include "stacks/secret.h"

#include <fmt/core.h>

namespace keelson {

Secret::Secret(Construct& scope, const Id& id, SecretProps props) : Construct(scope, id) {
  const std::string name = props.name;
  const int window = props.recovery_window_days;
  const int days = props.rotation_days;
  const bool rotated = !props.rotation_lambda_arn.is_null();
  node().add_validation([name, window, days, rotated] {
    std::vector<std::string> problems;
    if (name.empty()) problems.push_back("a secret needs a name, e.g. \"<app>/api-key\"");
    if (window != 0 && (window < 7 || window > 30)) {
      problems.push_back(
          fmt::format("recovery_window_days must be 0 or between 7 and 30, got {}", window));
    }
    if (rotated && (days < 1 || days > 1000)) {
      problems.push_back(fmt::format("rotation_days must be between 1 and 1000, got {}", days));
    }
    return problems;
  });
  secret_ = &resource("aws_secretsmanager_secret", "Default")
                 .set("name", name)
                 .set("recovery_window_in_days", window)
                 .set("tags", Value::map({{"Name", name}}));
  if (!props.description.empty()) secret_->set("description", props.description);
  if (!props.kms_key_arn.is_null()) secret_->set("kms_key_id", props.kms_key_arn);
  if (rotated) {
    resource("aws_secretsmanager_secret_rotation", "rotation")
        .override_logical_id(secret_->logical_id())
        .set("secret_id", secret_->id())
        .set("rotation_lambda_arn", props.rotation_lambda_arn)
        .block("rotation_rules", {{"automatically_after_days", days}});
  }
}

PolicyStatement Secret::read_statement() const {
  return PolicyStatement{
      .actions = {"secretsmanager:GetSecretValue", "secretsmanager:DescribeSecret"},
      .resources = {arn()}};
}

}  // namespace keelson
