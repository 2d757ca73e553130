#ifndef KEELSON_STACKS_SSM_PARAMETER_H_
#define KEELSON_STACKS_SSM_PARAMETER_H_

#include <string>

#include "dsl/construct.h"
#include "dsl/resource.h"
#include "stacks/iam.h"

namespace keelson {

/// How an SSM parameter is made.
struct SsmParameterProps {
  /// A path, e.g. `/detection-api/db/host`; required, starts with `/`.
  std::string name{};
  std::string description{};
  /// The value of a plain parameter (a literal or a reference). A secure
  /// parameter takes no literal: that would be a secret in plain text.
  Value value{};
  /// A `SecureString`, encrypted with `kms_key_arn` (or the AWS-managed key);
  /// its value is written out of band and not tracked by Terraform.
  bool secure = false;
  Value kms_key_arn{};
};

/// An SSM Parameter Store parameter: configuration other services read, or
/// (`secure`) a secret whose value never appears in the output.
///
/// Resource, for a construct with id `db_host`: `aws_ssm_parameter.db_host`.
class SsmParameter : public Construct {
 public:
  SsmParameter(Construct& scope, const Id& id, SsmParameterProps props);

  Value arn() const { return parameter_->arn(); }
  Value name() const { return parameter_->attr("name"); }
  /// A statement allowing `ssm:GetParameter` on this parameter only (and
  /// decryption through SSM for a secure one), for `IamRoleProps::inline_policy`.
  PolicyStatement read_statement() const;

 private:
  Resource* parameter_;
};

}  // namespace keelson

#endif  // KEELSON_STACKS_SSM_PARAMETER_H_
