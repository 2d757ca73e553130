#include <doctest/doctest.h>

#include "dsl/app.h"
#include "stacks/iam.h"
#include "stacks/kms_key.h"
#include "stacks/secret.h"
#include "stacks/ssm_parameter.h"
#include "stacks/stack_test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

TEST_CASE("an IAM role gets its trust policy, managed policies by name and an inline policy") {
  App app{"iam"};
  auto& stack = app.stack("compute");
  auto& bucket = stack.resource("aws_s3_bucket", "logs");
  stack.add<IamRole>(
      "nodes", IamRoleProps{
                   .description = "EKS nodes.",
                   .trust = trust_services({"ec2.amazonaws.com"}),
                   .managed_policy_arns = {"arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"},
                   .inline_policy = {PolicyStatement{.actions = {"s3:PutObject"},
                                                     .resources = {str(bucket.arn(), "/*")}}},
               });
  const json doc = module_json(app, "compute").at("resource");
  CHECK(
      doc.at("aws_iam_role").at("nodes").at("assume_role_policy") ==
      "${jsonencode({\"Statement\" = [{\"Action\" = [\"sts:AssumeRole\"], \"Effect\" = \"Allow\", "
      "\"Principal\" = {\"Service\" = [\"ec2.amazonaws.com\"]}}], \"Version\" = \"2012-10-17\"})}");
  CHECK(
      doc.at("aws_iam_role_policy_attachment").at("nodes").at("for_each") ==
      json{
          {"AmazonEKSWorkerNodePolicy",
           "arn:${data.aws_partition.current.partition}:iam::aws:policy/AmazonEKSWorkerNodePolicy"}});
  CHECK(doc.at("aws_iam_role_policy")
            .at("nodes")
            .at("policy")
            .get<std::string>()
            .find("\"Resource\" = [\"${aws_s3_bucket.logs.arn}/*\"]") != std::string::npos);
  CHECK(schema_findings(app).empty());
}

TEST_CASE("an IAM role without a trust policy is refused") {
  App app{"iam"};
  app.stack("s").add<IamRole>("lonely", IamRoleProps{});
  CHECK(plan_problems(app) ==
        std::vector<std::string>{"an IAM role needs a trust policy (who may assume it)"});
}

TEST_CASE("a KMS key rotates, has a key policy for the account and the services, and an alias") {
  App app{"kms"};
  app.stack("security")
      .add<KmsKey>("data", KmsKeyProps{.description = "Data at rest.",
                                       .alias = "alias/data",
                                       .service_principals = {"logs.amazonaws.com"}});
  const json doc = module_json(app, "security");
  const json& key = doc.at("resource").at("aws_kms_key").at("data");
  CHECK(key.at("enable_key_rotation") == true);
  CHECK(key.at("deletion_window_in_days") == 30);
  const std::string policy = key.at("policy");
  CHECK(policy.find(":root\"") != std::string::npos);
  CHECK(policy.find("logs.amazonaws.com") != std::string::npos);
  CHECK(doc.at("resource").at("aws_kms_alias").at("data").at("target_key_id") ==
        "${aws_kms_key.data.key_id}");
  // The stack's one caller identity, shared with its other constructs.
  CHECK(doc.at("data").at("aws_caller_identity").contains("current"));
  CHECK(schema_findings(app).empty());
}

TEST_CASE("a KMS key deletion window outside 7 to 30 days is refused") {
  App app{"kms"};
  app.stack("security").add<KmsKey>("data", KmsKeyProps{.deletion_window_days = 3});
  CHECK(plan_problems(app) ==
        std::vector<std::string>{"deletion_window_days must be between 7 and 30, got 3"});
}

TEST_CASE("a secret has no value in the output, uses the given key and can rotate") {
  App app{"secrets"};
  auto& stack = app.stack("security");
  auto& key = stack.add<KmsKey>("data", KmsKeyProps{});
  auto& secret = stack.add<Secret>(
      "api_key",
      SecretProps{.name = "detection-api/api-key",
                  .kms_key_arn = key.arn(),
                  .rotation_lambda_arn = "arn:aws:lambda:us-east-1:123456789012:function:rotate"});
  stack.add<IamRole>("reader", IamRoleProps{.trust = trust_services({"ec2.amazonaws.com"}),
                                            .inline_policy = {secret.read_statement()}});
  const json doc = module_json(app, "security").at("resource");
  const json& body = doc.at("aws_secretsmanager_secret").at("api_key");
  CHECK(body.at("kms_key_id") == "${aws_kms_key.data.arn}");
  CHECK_FALSE(doc.contains("aws_secretsmanager_secret_version"));
  CHECK(doc.at("aws_secretsmanager_secret_rotation").at("api_key").at("rotation_rules") ==
        json{{"automatically_after_days", 30}});
  CHECK(doc.at("aws_iam_role_policy")
            .at("reader")
            .at("policy")
            .get<std::string>()
            .find("aws_secretsmanager_secret.api_key.arn") != std::string::npos);
  CHECK(schema_findings(app).empty());
}

TEST_CASE("a secret's recovery window and rotation period are checked") {
  App app{"secrets"};
  app.stack("s").add<Secret>("x", SecretProps{.name = "x",
                                              .recovery_window_days = 3,
                                              .rotation_lambda_arn = "arn:aws:lambda:::function:r",
                                              .rotation_days = 0});
  CHECK(plan_problems(app) ==
        std::vector<std::string>{"recovery_window_days must be 0 or between 7 and 30, got 3",
                                 "rotation_days must be between 1 and 1000, got 0"});
}

TEST_CASE("a secure SSM parameter takes no literal value and is written out of band") {
  App app{"ssm"};
  auto& stack = app.stack("config");
  auto& db = stack.resource("aws_db_instance", "main");
  stack.add<SsmParameter>("db_host",
                          SsmParameterProps{.name = "/app/db/host", .value = db.attr("address")});
  stack.add<SsmParameter>("token", SsmParameterProps{.name = "/app/token", .secure = true});
  const json doc = module_json(app, "config").at("resource").at("aws_ssm_parameter");
  CHECK(doc.at("db_host").at("type") == "String");
  CHECK(doc.at("db_host").at("value") == "${aws_db_instance.main.address}");
  CHECK(doc.at("token").at("type") == "SecureString");
  CHECK(doc.at("token").at("value") == "set-out-of-band");
  CHECK(doc.at("token").at("lifecycle") == json{{"ignore_changes", json::array({"value"})}});

  App bad{"ssm"};
  bad.stack("config").add<SsmParameter>(
      "token", SsmParameterProps{.name = "/app/token", .value = "hunter2", .secure = true});
  CHECK(plan_problems(bad) ==
        std::vector<std::string>{
            "a secure parameter must not be given a literal value: it would "
            "be a secret in plain text; set it out of band or pass a reference"});
}

TEST_CASE("a role's own permissions can be a whole policy document") {
  App app{"iam"};
  auto& stack = app.stack("compute");
  auto& role = stack.add<IamRole>(
      "vendor", IamRoleProps{.trust = trust_services({"ec2.amazonaws.com"}),
                             .inline_policy_document = R"({"Version": "2012-10-17"})"});
  const json doc = module_json(app, "compute").at("resource");
  CHECK(doc.at("aws_iam_role_policy").at("vendor").at("policy") ==
        R"({"Version": "2012-10-17"})");
  REQUIRE(role.permissions().size() == 1);
  CHECK(role.permissions()[0]->address() == "aws_iam_role_policy.vendor");
}

TEST_CASE("statements and a policy document together are refused") {
  App app{"iam"};
  app.stack("compute").add<IamRole>(
      "both", IamRoleProps{.trust = trust_services({"ec2.amazonaws.com"}),
                           .inline_policy = {PolicyStatement{.actions = {"s3:GetObject"},
                                                             .resources = {"*"}}},
                           .inline_policy_document = "{}"});
  CHECK(plan_problems(app) ==
        std::vector<std::string>{"give the role's own permissions as inline_policy statements or "
                                 "as inline_policy_document, not both"});
}

TEST_CASE("an IRSA role trusts one service account through the cluster's OIDC provider") {
  App app{"iam"};
  auto& stack = app.stack("apps");
  auto& oidc = stack.resource("aws_iam_openid_connect_provider", "cluster");
  auto& role = irsa_role(stack, "worker",
                         ServiceAccountIdentity{.oidc_provider_arn = oidc.arn(),
                                                .oidc_issuer = oidc.attr("url"),
                                                .namespace_name = "jobs",
                                                .name = "worker"},
                         {.managed_policy_arns = {"arn:aws:iam::aws:policy/AmazonSQSReadOnlyAccess"}},
                         "Queue workers.");
  CHECK(role.permissions().size() == 1);
  const json doc = module_json(app, "apps").at("resource");
  CHECK(doc.at("aws_iam_role").at("worker").at("description") == "Queue workers.");
  CHECK(doc.at("aws_iam_role").at("worker").at("assume_role_policy") ==
        "${jsonencode({\"Statement\" = [{\"Action\" = [\"sts:AssumeRoleWithWebIdentity\"], "
        "\"Condition\" = {\"StringEquals\" = zipmap([\"${replace(aws_iam_openid_connect_provider."
        "cluster.url, \"https://\", \"\")}:sub\", \"${replace(aws_iam_openid_connect_provider."
        "cluster.url, \"https://\", \"\")}:aud\"], [\"system:serviceaccount:jobs:worker\", "
        "\"sts.amazonaws.com\"])}, \"Effect\" = \"Allow\", \"Principal\" = {\"Federated\" = "
        "aws_iam_openid_connect_provider.cluster.arn}, \"Sid\" = \"ServiceAccount\"}], "
        "\"Version\" = \"2012-10-17\"})}");
}

TEST_CASE("an IRSA role without a service account or cluster is reported with its path") {
  App app{"iam"};
  irsa_role(app.stack("apps"), "orphan", ServiceAccountIdentity{}, {});
  std::vector<std::string> found;
  for (const auto& d : app.reported()) found.push_back("[" + d.path + "] " + d.message);
  CHECK(found == std::vector<std::string>{
                     "[apps/orphan] the service account's namespace is required",
                     "[apps/orphan] the service account's name is required",
                     "[apps/orphan] the cluster's OIDC provider ARN is required (e.g. "
                     "compute.oidc_provider_arn())",
                     "[apps/orphan] the cluster's OIDC issuer is required (e.g. "
                     "compute.oidc_issuer())",
                 });
}
