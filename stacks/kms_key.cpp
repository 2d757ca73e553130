#include "stacks/kms_key.h"

#include <fmt/core.h>

#include "dsl/stack.h"
#include "stacks/iam.h"

namespace keelson {

KmsKey::KmsKey(Construct& scope, const Id& id, KmsKeyProps props) : Construct(scope, id) {
  const int window = props.deletion_window_days;
  node().add_validation([window] {
    if (window >= 7 && window <= 30) return std::vector<std::string>{};
    return std::vector<std::string>{
        fmt::format("deletion_window_days must be between 7 and 30, got {}", window)};
  });
  // The stack's own: a module reads each of these data sources once.
  auto& caller = enclosing_stack()->shared_data("aws_caller_identity");
  auto& partition = enclosing_stack()->shared_data("aws_partition");

  std::vector<PolicyStatement> policy = {PolicyStatement{
      .sid = "AccountAdministers",
      .actions = {"kms:*"},
      .resources = {"*"},
      .principals = Value::map({{"AWS", str("arn:", partition.attr("partition"),
                                            ":iam::", caller.attr("account_id"), ":root")}})}};
  if (!props.service_principals.empty()) {
    Value::List services = props.service_principals;
    policy.push_back(
        PolicyStatement{.sid = "ServicesUse",
                        .actions = {"kms:Encrypt", "kms:Decrypt", "kms:ReEncrypt*",
                                    "kms:GenerateDataKey*", "kms:DescribeKey", "kms:CreateGrant"},
                        .resources = {"*"},
                        .principals = Value::map({{"Service", std::move(services)}})});
  }
  key_ = &resource("aws_kms_key", "Default")
              .set("enable_key_rotation", true)
              .set("deletion_window_in_days", window)
              .set("policy", policy_document(policy));
  if (!props.description.empty()) key_->set("description", props.description);
  if (!props.alias.empty()) {
    resource("aws_kms_alias", "alias")
        .override_logical_id(key_->logical_id())
        .set("name", props.alias)
        .set("target_key_id", key_->attr("key_id"));
  }
}

}  // namespace keelson
