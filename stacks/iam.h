#ifndef KEELSON_STACKS_IAM_H_
#define KEELSON_STACKS_IAM_H_

#include <string>
#include <vector>

#include "dsl/construct.h"
#include "dsl/resource.h"
#include "dsl/value.h"

namespace keelson {

/// One statement of an IAM policy document, typed instead of hand-written JSON.
struct PolicyStatement {
  std::string sid{};
  std::string effect = "Allow";
  std::vector<std::string> actions{};
  /// ARNs; references are fine (`bucket.arn()`), `"*"` only where AWS needs it.
  Value::List resources{};
  /// `Principal`, e.g. `Value::map({{"Service", "eks.amazonaws.com"}})`; null for none.
  Value principals{};
  /// `Condition`, e.g. `{"Bool": {"aws:SecureTransport": "false"}}`; null for none.
  Value conditions{};
};

/// `jsonencode({Version = "2012-10-17", Statement = [...]})` for the statements.
Value policy_document(const std::vector<PolicyStatement>& statements);

/// A trust policy letting AWS services assume a role (`sts:AssumeRole`).
std::vector<PolicyStatement> trust_services(const std::vector<std::string>& services);

/// How an IAM role is made.
struct IamRoleProps {
  std::string description{};
  /// Who may assume the role; required.
  std::vector<PolicyStatement> trust{};
  /// AWS-managed (or other existing) policies to attach, by ARN. AWS-managed
  /// ones (`arn:aws:iam::aws:policy/...`) are written for the partition the
  /// role is created in, so the role works in GovCloud and China too.
  std::vector<std::string> managed_policy_arns{};
  /// Least-privilege permissions of its own; empty for none.
  std::vector<PolicyStatement> inline_policy{};
  /// A permissions boundary ARN; null for none.
  Value permissions_boundary{};
};

/// An IAM role with its managed policy attachments and inline policy.
///
/// Resources, for a construct with id `nodes`: `aws_iam_role.nodes`,
/// `aws_iam_role_policy_attachment.nodes` (`for_each` over the managed
/// policies, keyed by policy name), `aws_iam_role_policy.nodes` and, for
/// AWS-managed policies, `data.aws_partition.nodes`.
class IamRole : public Construct {
 public:
  IamRole(Construct& scope, const Id& id, IamRoleProps props);

  Value arn() const { return role_->arn(); }
  Value name() const { return role_->attr("name"); }
  Resource& role() const { return *role_; }

 private:
  Resource* role_;
};

}  // namespace keelson

#endif  // KEELSON_STACKS_IAM_H_
