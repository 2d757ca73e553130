#include "guardrails_stack.h"

#include "stacks/iam.h"
#include "stacks/kms_key.h"
#include "stacks/props.h"

namespace finops_platform {

using namespace keelson;

namespace {

// What a workload role of the platform may ever do, whatever is attached to
// it: the services its stacks use (EKS and its nodes and add-ons, EC2 and
// auto scaling, load balancing, logs and metrics, the data stores, the keys
// and secrets) and nothing of IAM but the service-linked roles EKS and load
// balancing create. A role with a broader policy gets no more than this.
std::vector<PolicyStatement> boundary_statements() {
  return {
      PolicyStatement{
          .sid = "PlatformServices",
          .actions = {"autoscaling:*", "cloudwatch:*", "ec2:*", "ec2messages:*", "ecr:*", "eks:*",
                      "eks-auth:AssumeRoleForPodIdentity", "elasticloadbalancing:*", "logs:*",
                      "ssm:*", "ssmmessages:*", "xray:*", "acm:DescribeCertificate",
                      "acm:ListCertificates", "wafv2:*", "waf-regional:*", "shield:*",
                      "cognito-idp:DescribeUserPoolClient", "tag:GetResources"},
          .resources = {"*"}},
      PolicyStatement{
          .sid = "Data",
          .actions = {"s3:GetObject", "s3:GetObjectVersion*", "s3:PutObject", "s3:DeleteObject",
                      "s3:ListBucket", "s3:GetBucketLocation", "s3:GetReplicationConfiguration",
                      "s3:ListBucketVersions", "s3:ReplicateObject", "s3:ReplicateDelete",
                      "s3:ReplicateTags", "secretsmanager:GetSecretValue",
                      "secretsmanager:DescribeSecret", "elasticache:Connect", "rds-db:connect"},
          .resources = {"*"}},
      PolicyStatement{
          .sid = "Keys",
          .actions = {"kms:Decrypt", "kms:Encrypt", "kms:GenerateDataKey*", "kms:ReEncrypt*",
                      "kms:DescribeKey", "kms:CreateGrant", "kms:ListGrants"},
          .resources = {"*"}},
      PolicyStatement{.sid = "ServiceLinkedRoles",
                      .actions = {"iam:CreateServiceLinkedRole", "iam:GetServerCertificate",
                                  "iam:ListServerCertificates"},
                      .resources = {"*"}},
  };
}

}  // namespace

GuardrailsStack::GuardrailsStack(Construct& scope, const Id& id, Props props) : Stack(scope, id) {
  const std::string& name = props.name;
  const Value region = shared_data("aws_region").attr("region");
  auto key = [&](const std::string& key_id, const std::string& what,
                 Value::List services) -> Value {
    auto& k = add<KmsKey>(key_id, KmsKeyProps{.description = "Encrypts " + what + ".",
                                              .alias = "alias/" + name + "-" + key_id,
                                              .service_principals = std::move(services)});
    k.key().set("tags", name_tags(name + "-" + key_id));
    return k.arn();
  };
  // RDS, S3 and EBS use a key through grants the caller's IAM permissions
  // allow; only services acting on their own need the key policy.
  pii_key_arn_ = key("pii", "personal data of customers (documents, exports)", {});
  financial_key_arn_ =
      key("financial", "financial data (the ledger database, reports, backend volumes)", {});
  logs_key_arn_ = key("logs", "logs, alerts and configuration history",
                      {str("logs.", region, ".amazonaws.com"), "cloudwatch.amazonaws.com",
                       "config.amazonaws.com", "sns.amazonaws.com"});

  auto& boundary = resource("aws_iam_policy", "workload_boundary")
                       .set("name", name + "-workload-boundary")
                       .set("description", "Permissions boundary of every workload role of " +
                                               name + ": the most it may do.")
                       .set("policy", policy_document(boundary_statements()))
                       .set("tags", name_tags(name + "-workload-boundary"));
  boundary_arn_ = boundary.arn();

  output("pii_key_arn", pii_key_arn_, {.description = "KMS key of personal data."});
  output("financial_key_arn", financial_key_arn_, {.description = "KMS key of financial data."});
  output("logs_key_arn", logs_key_arn_, {.description = "KMS key of logs and alerts."});
  output("boundary_arn", boundary_arn_,
         {.description = "Permissions boundary of the workload roles."});
}

Value GuardrailsStack::key_arn(DataClass data_class) const {
  switch (data_class) {
    case DataClass::kPii:
      return pii_key_arn_;
    case DataClass::kFinancial:
      return financial_key_arn_;
    case DataClass::kLogs:
      return logs_key_arn_;
  }
  return {};
}

}  // namespace finops_platform
