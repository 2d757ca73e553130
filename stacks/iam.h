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
  /// Or its own permissions as a whole policy document: a JSON string, or an
  /// expression such as `fn::jsonencode(...)` (e.g. a vendor's published
  /// policy); null for none. Not together with `inline_policy`.
  Value inline_policy_document{};
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
  /// What grants the role its permissions (the managed policy attachments
  /// and the inline policy, those it has), so that what uses the role can
  /// wait for them with `depends_on`.
  const std::vector<Resource*>& permissions() const { return permissions_; }

 private:
  Resource* role_;
  std::vector<Resource*> permissions_;
};

/// A Kubernetes service account of an EKS cluster, as IAM sees it: the
/// cluster's OIDC provider and issuer, and the account's namespace and name.
/// `ComputeStack::service_account(namespace, name)` makes one.
struct ServiceAccountIdentity {
  Value oidc_provider_arn{};  ///< ARN of the cluster's IAM OIDC provider
  /// The cluster's OIDC issuer URL (`https://oidc.eks.<region>.amazonaws.com/id/<id>`).
  Value oidc_issuer{};
  std::string namespace_name{};  ///< the service account's namespace, e.g. `kube-system`
  std::string name{};            ///< the service account's name
};

/// The trust policy of an IAM role for a service account (IRSA):
/// `sts:AssumeRoleWithWebIdentity` by the cluster's OIDC provider, only for
/// `system:serviceaccount:<namespace>:<name>` and the `sts.amazonaws.com`
/// audience. The condition keys are `<issuer without https://>:sub` and `:aud`.
std::vector<PolicyStatement> trust_service_account(const ServiceAccountIdentity& account);

/// What an IAM role for a service account may do.
struct RolePermissions {
  std::vector<PolicyStatement> statements{};  ///< least-privilege statements
  /// Or a whole policy document (a JSON string or an expression).
  Value document{};
  /// AWS-managed (or other existing) policies, by ARN.
  std::vector<std::string> managed_policy_arns{};
  /// A permissions boundary ARN; null for none.
  Value permissions_boundary{};
};

/// Declares, in one call, the IAM role a Kubernetes service account assumes
/// (IRSA): the trust of `trust_service_account(account)` and `permissions`.
/// The chart annotates the service account with the role's ARN
/// (`eks.amazonaws.com/role-arn`). An empty namespace or name, or a missing
/// OIDC provider or issuer, is reported with the role's path.
///
/// Resources: those of an `IamRole` with id `id`.
IamRole& irsa_role(Construct& scope, const Id& id, const ServiceAccountIdentity& account,
                   RolePermissions permissions, std::string description = {});

}  // namespace keelson

#endif  // KEELSON_STACKS_IAM_H_
