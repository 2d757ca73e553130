#ifndef KEELSON_STACKS_SECRET_H_
#define KEELSON_STACKS_SECRET_H_

#include <string>

#include "dsl/construct.h"
#include "dsl/resource.h"
#include "stacks/iam.h"

namespace keelson {

/// How a Secrets Manager secret is made. There is no field for its value on
/// purpose: keelson never writes a secret into its output. The value is set
/// by a rotation function, by the service that owns it, or out of band.
struct SecretProps {
  /// The secret's name, e.g. `detection-api/api-key`; required.
  std::string name{};
  std::string description{};
  /// A customer-managed key ARN; null: Secrets Manager's AWS-managed key.
  Value kms_key_arn{};
  /// Days a deleted secret can still be restored: 0 (at once) or 7 to 30.
  int recovery_window_days = 30;
  /// A rotation Lambda function ARN; null for no rotation.
  Value rotation_lambda_arn{};
  /// Days between rotations, 1 to 1000.
  int rotation_days = 30;
};

/// A Secrets Manager secret, optionally rotated.
///
/// Resources, for a construct with id `api_key`:
/// `aws_secretsmanager_secret.api_key` and, with rotation,
/// `aws_secretsmanager_secret_rotation.api_key`.
class Secret : public Construct {
 public:
  Secret(Construct& scope, const Id& id, SecretProps props);

  Value arn() const { return secret_->arn(); }
  /// The `aws_secretsmanager_secret`, for settings the props do not cover.
  Resource& secret() const { return *secret_; }
  /// A statement allowing `secretsmanager:GetSecretValue` on this secret only,
  /// for `IamRoleProps::inline_policy`.
  PolicyStatement read_statement() const;

 private:
  Resource* secret_;
};

}  // namespace keelson

#endif  // KEELSON_STACKS_SECRET_H_
