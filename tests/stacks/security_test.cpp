#include <doctest/doctest.h>

#include "dsl/app.h"
#include "stacks/iam.h"
#include "stacks/kms_key.h"
#include "stacks/stack_test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

TEST_CASE("an IAM role gets its trust policy, managed policies by name and an inline policy") {
  App app{"iam"};
  auto& stack = app.stack("compute");
  auto& bucket = stack.resource("aws_s3_bucket", "logs");
  stack.add<IamRole>("nodes", IamRoleProps{
      .description = "EKS nodes.",
      .trust = trust_services({"ec2.amazonaws.com"}),
      .managed_policy_arns = {"arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"},
      .inline_policy = {PolicyStatement{.actions = {"s3:PutObject"},
                                        .resources = {str(bucket.arn(), "/*")}}},
  });
  const json doc = module_json(app, "compute")["resource"];
  CHECK(doc["aws_iam_role"]["nodes"]["assume_role_policy"] ==
        "${jsonencode({\"Statement\" = [{\"Action\" = [\"sts:AssumeRole\"], \"Effect\" = \"Allow\", "
        "\"Principal\" = {\"Service\" = [\"ec2.amazonaws.com\"]}}], \"Version\" = \"2012-10-17\"})}");
  CHECK(doc["aws_iam_role_policy_attachment"]["nodes"]["for_each"] ==
        json{{"AmazonEKSWorkerNodePolicy", "arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy"}});
  CHECK(doc["aws_iam_role_policy"]["nodes"]["policy"].get<std::string>().find(
            "\"Resource\" = [\"${aws_s3_bucket.logs.arn}/*\"]") != std::string::npos);
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
  app.stack("security").add<KmsKey>("data", KmsKeyProps{.description = "Data at rest.",
                                                        .alias = "alias/data",
                                                        .service_principals = {"logs.amazonaws.com"}});
  const json doc = module_json(app, "security");
  const json& key = doc["resource"]["aws_kms_key"]["data"];
  CHECK(key["enable_key_rotation"] == true);
  CHECK(key["deletion_window_in_days"] == 30);
  const std::string policy = key["policy"];
  CHECK(policy.find(":root\"") != std::string::npos);
  CHECK(policy.find("logs.amazonaws.com") != std::string::npos);
  CHECK(doc["resource"]["aws_kms_alias"]["data"]["target_key_id"] == "${aws_kms_key.data.key_id}");
  CHECK(doc["data"]["aws_caller_identity"].contains("data"));
  CHECK(schema_findings(app).empty());
}

TEST_CASE("a KMS key deletion window outside 7 to 30 days is refused") {
  App app{"kms"};
  app.stack("security").add<KmsKey>("data", KmsKeyProps{.deletion_window_days = 3});
  CHECK(plan_problems(app) ==
        std::vector<std::string>{"deletion_window_days must be between 7 and 30, got 3"});
}
