// The security pack's rules of encryption at rest and in transit, database
// access, IAM and CloudTrail: each fires on what breaks it and not on what
// keeps it, and rules across resources (a bucket and its policy) link them
// alike in the model and in a plan.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "dsl/app.h"
#include "dsl/expression.h"
#include "environments/environment.h"
#include "plan/wiring.h"
#include "policy/environment_check.h"
#include "policy/model_views.h"
#include "policy/plan_views.h"
#include "policy/policy_test_support.h"
#include "stacks/iam.h"

using namespace keelson;
using namespace keelson::policy;
using namespace keelson::policy::testing;
using nlohmann::json;

namespace {

// A view at `address` in module `storage`, its `bucket` referring to `bucket`.
ResourceView in_storage(std::string type, std::string name, json after,
                        std::string bucket_reference = {}, json unknown = json::object()) {
  ResourceView v = view(type, std::move(after), std::move(unknown));
  v.address = "module.storage." + type + "." + name;
  if (!bucket_reference.empty()) v.references["bucket"] = {bucket_reference};
  return v;
}

ResourceView bucket(std::string name = "logs") {
  return in_storage("aws_s3_bucket", name, {{"bucket_prefix", "logs-"}}, {},
                    {{"bucket", true}, {"arn", true}});
}

ResourceView encryption(const std::string& algorithm,
                        const std::string& of = "aws_s3_bucket.logs") {
  return in_storage(
      "aws_s3_bucket_server_side_encryption_configuration", "logs_encryption",
      {{"rule", {{{"apply_server_side_encryption_by_default", {{{"sse_algorithm", algorithm}}}}}}}},
      of, {{"bucket", true}});
}

std::string deny_plain_http() {
  return json({{"Version", "2012-10-17"},
               {"Statement",
                {{{"Effect", "Deny"},
                  {"Principal", "*"},
                  {"Action", "s3:*"},
                  {"Resource", {"arn:aws:s3:::logs", "arn:aws:s3:::logs/*"}},
                  {"Condition", {{"Bool", {{"aws:SecureTransport", "false"}}}}}}}}})
      .dump();
}

ResourceView bucket_policy(json policy, const std::string& of = "aws_s3_bucket.logs") {
  json unknown = {{"bucket", true}};
  json after = json::object();
  if (policy.is_null()) {
    unknown["policy"] = true;
  } else {
    after["policy"] = std::move(policy);
  }
  return in_storage("aws_s3_bucket_policy", "logs_policy", std::move(after), of, unknown);
}

}  // namespace

TEST_CASE("S3 buckets encrypt with a KMS key (KSL-S3-002), found through the bucket's reference") {
  const auto policy = bucket_policy(deny_plain_http());
  CHECK(fired_by({bucket(), encryption("aws:kms"), policy}).empty());
  CHECK(fired_by({bucket(), encryption("aws:kms:dsse"), policy}).empty());
  CHECK(fired_by({bucket(), encryption("AES256"), policy}) == Ids{"KSL-S3-002"});
  // No configuration: S3's default, SSE-S3.
  CHECK(fired_by({bucket(), policy}) == Ids{"KSL-S3-002"});
  // Another bucket's configuration, or one in another module, is not this one's.
  CHECK(fired_by({bucket(), encryption("aws:kms", "aws_s3_bucket.other"), policy}) ==
        Ids{"KSL-S3-002"});
  ResourceView elsewhere = encryption("aws:kms");
  elsewhere.address = "module.other." + elsewhere.type + ".logs_encryption";
  CHECK(fired_by({bucket(), elsewhere, policy}) == Ids{"KSL-S3-002"});
  // A bucket named by a literal is linked by its name too.
  ResourceView named = view("aws_s3_bucket", {{"bucket", "acme-logs"}});
  ResourceView named_policy =
      view("aws_s3_bucket_policy", {{"bucket", "acme-logs"}, {"policy", deny_plain_http()}});
  CHECK(fired_by({named, named_policy}) == Ids{"KSL-S3-002"});
  ResourceView named_sse = encryption("aws:kms", "");
  named_sse.after["bucket"] = "acme-logs";
  named_sse.after_unknown = json::object();
  CHECK(fired_by({named, named_sse, named_policy}).empty());
  // An algorithm not known before apply says nothing.
  ResourceView unknown_sse = encryption("aws:kms");
  unknown_sse.after["rule"] =
      json::array({{{"apply_server_side_encryption_by_default", json::array({json::object()})}}});
  unknown_sse.after_unknown["rule"] = json::array(
      {{{"apply_server_side_encryption_by_default", json::array({{{"sse_algorithm", true}}})}}});
  CHECK(fired_by({bucket(), unknown_sse, policy}).empty());
}

TEST_CASE("S3 buckets refuse requests without TLS (KSL-S3-003)") {
  const auto sse = encryption("aws:kms");
  CHECK(fired_by({bucket(), sse, bucket_policy(deny_plain_http())}).empty());
  CHECK(fired_by({bucket(), sse}) == Ids{"KSL-S3-003"});
  // A policy that allows, or denies on another condition, is not TLS-only.
  const std::string allow_only =
      json({{"Statement", {{"Effect", "Allow"}, {"Action", "s3:GetObject"}, {"Resource", "*"}}}})
          .dump();
  CHECK(fired_by({bucket(), sse, bucket_policy(allow_only)}) == Ids{"KSL-S3-003"});
  const std::string boolean_false =
      json({{"Statement",
             {{{"Effect", "Deny"},
               {"Action", {"s3:*"}},
               {"Condition", {{"Bool", {{"aws:SecureTransport", {false}}}}}}}}}})
          .dump();
  CHECK(fired_by({bucket(), sse, bucket_policy(boolean_false)}).empty());
  // A document holding the bucket's ARN is unknown before apply in both
  // inputs: nothing to say.
  CHECK(fired_by({bucket(), sse, bucket_policy(nullptr)}).empty());
  // A policy of another bucket does not count.
  CHECK(fired_by({bucket(), sse, bucket_policy(deny_plain_http(), "aws_s3_bucket.other")}) ==
        Ids{"KSL-S3-003"});
}

TEST_CASE("EBS volumes and launch templates encrypt (KSL-EBS-001, KSL-EBS-002)") {
  CHECK(fired(view("aws_ebs_volume", {{"encrypted", true}})).empty());
  CHECK(fired(view("aws_ebs_volume", json::object(), {{"encrypted", true}})).empty());
  CHECK(fired(view("aws_ebs_volume", {{"encrypted", false}})) == Ids{"KSL-EBS-001"});
  CHECK(fired(view("aws_ebs_volume", json::object())) == Ids{"KSL-EBS-001"});

  const json imdsv2 = {{{"http_tokens", "required"}}};
  auto with_disk = [&](json ebs) {
    return view("aws_launch_template",
                {{"metadata_options", imdsv2},
                 {"block_device_mappings", {{{"device_name", "/dev/xvda"}, {"ebs", ebs}}}}});
  };
  // A plan writes the nested block as a list, the model as an object.
  CHECK(fired(with_disk({{{"encrypted", "true"}}})).empty());
  CHECK(fired(with_disk({{"encrypted", "true"}})).empty());
  CHECK(fired(with_disk({{{"encrypted", "false"}}})) == Ids{"KSL-EBS-002"});
  CHECK(fired(with_disk({{{"volume_size", 20}}})) == Ids{"KSL-EBS-002"});
  CHECK(fired(view("aws_launch_template", {{"metadata_options", imdsv2}})).empty());
  CHECK(fired(view("aws_launch_template", {{"metadata_options", imdsv2}},
                   {{"block_device_mappings", true}}))
            .empty());
}

TEST_CASE("EKS secrets, SNS topics and SQS queues are encrypted (KSL-EKS-002, SNS-001, SQS-001)") {
  const json vpc = {{{"endpoint_public_access", false}}};
  CHECK(fired(view("aws_eks_cluster",
                   {{"vpc_config", vpc}, {"encryption_config", {{{"resources", {"secrets"}}}}}}))
            .empty());
  CHECK(fired(view("aws_eks_cluster", {{"vpc_config", vpc}})) == Ids{"KSL-EKS-002"});
  CHECK(fired(view("aws_eks_cluster", {{"vpc_config", vpc},
                                       {"encryption_config", {{{"resources", json::array()}}}}})) ==
        Ids{"KSL-EKS-002"});
  CHECK(
      fired(view("aws_eks_cluster", {{"vpc_config", vpc}}, {{"encryption_config", true}})).empty());

  CHECK(fired(view("aws_sns_topic", json::object(), {{"kms_master_key_id", true}})).empty());
  CHECK(fired(view("aws_sns_topic", {{"kms_master_key_id", "alias/aws/sns"}})).empty());
  CHECK(fired(view("aws_sns_topic", {{"name", "alerts"}})) == Ids{"KSL-SNS-001"});

  CHECK(fired(view("aws_sqs_queue", {{"sqs_managed_sse_enabled", true}})).empty());
  CHECK(fired(view("aws_sqs_queue", json::object(), {{"kms_master_key_id", true}})).empty());
  CHECK(fired(view("aws_sqs_queue", {{"sqs_managed_sse_enabled", false}})) == Ids{"KSL-SQS-001"});
  CHECK(fired(view("aws_sqs_queue", json::object())) == Ids{"KSL-SQS-001"});
}

TEST_CASE("log groups name a KMS key where the environment asks (KSL-LOG-002)") {
  PolicySettings asked;
  asked.encrypted_log_groups = true;
  const auto log_002 = [](const Ids& ids) {
    return std::count(ids.begin(), ids.end(), "KSL-LOG-002");
  };
  const ResourceView plain = view("aws_cloudwatch_log_group", {{"retention_in_days", 30}});
  CHECK(log_002(fired(plain, "prod", asked)) == 1);
  CHECK(log_002(fired(plain, "prod")) == 0);
  // Not asked: not checked at all, so its controls claim no evidence.
  std::map<std::string, std::vector<std::string>> checked;
  std::vector<Finding> findings;
  find({plain}, builtin_rules(), Context{"prod", {}}, findings, &checked);
  CHECK(checked.count("KSL-LOG-002") == 0);
  find({plain}, builtin_rules(), Context{"prod", asked}, findings, &checked);
  CHECK(checked.at("KSL-LOG-002") == std::vector<std::string>{plain.address});
  CHECK(log_002(fired(view("aws_cloudwatch_log_group",
                           {{"retention_in_days", 30}, {"kms_key_id", "arn:aws:kms:k"}}),
                      "prod", asked)) == 0);
  CHECK(log_002(fired(
            view("aws_cloudwatch_log_group", {{"retention_in_days", 30}}, {{"kms_key_id", true}}),
            "prod", asked)) == 0);
}

TEST_CASE("HTTP listeners only redirect to HTTPS (KSL-ALB-001)") {
  const json to_https = {{"port", "443"}, {"protocol", "HTTPS"}, {"status_code", "HTTP_301"}};
  auto listener = [](json action) {
    return view("aws_lb_listener", {{"protocol", "HTTP"}, {"default_action", {action}}});
  };
  CHECK(fired(listener({{"type", "redirect"}, {"redirect", {to_https}}})).empty());
  CHECK(fired(listener({{"type", "forward"}})) == Ids{"KSL-ALB-001"});
  CHECK(fired(listener({{"type", "redirect"}, {"redirect", {{{"port", "8080"}}}}})) ==
        Ids{"KSL-ALB-001"});
  // The model's redirect turned on by a parameter: a dynamic block.
  CHECK(fired(listener({{"type", "redirect"},
                        {"dynamic", {{"redirect", {{"for_each", {1}}, {"content", to_https}}}}}}))
            .empty());
  json to_http = to_https;
  to_http["protocol"] = "HTTP";
  CHECK(fired(listener({{"type", "redirect"},
                        {"dynamic", {{"redirect", {{"for_each", {1}}, {"content", to_http}}}}}})) ==
        Ids{"KSL-ALB-001"});
  // HTTPS listeners forward; an action type unknown before apply says nothing.
  CHECK(fired(view("aws_lb_listener",
                   {{"protocol", "HTTPS"}, {"default_action", {{{"type", "forward"}}}}}))
            .empty());
  CHECK(fired(view("aws_lb_listener", {{"protocol", "HTTP"}, {"default_action", {json::object()}}},
                   {{"default_action", {{{"type", true}}}}}))
            .empty());
}

TEST_CASE("PostgreSQL requires TLS where its version does not by default (KSL-RDS-020)") {
  auto group = [](std::string family, json parameters) {
    return view("aws_db_parameter_group",
                {{"family", std::move(family)}, {"parameter", std::move(parameters)}});
  };
  const json force = {{{"name", "rds.force_ssl"}, {"value", "1"}}};
  const json off = {{{"name", "rds.force_ssl"}, {"value", "0"}}};
  const json other = {{{"name", "log_statement"}, {"value", "all"}}};
  CHECK(fired(group("postgres14", force)).empty());
  CHECK(fired(group("postgres14", other)) == Ids{"KSL-RDS-020"});
  CHECK(fired(group("postgres9.6", json::array())) == Ids{"KSL-RDS-020"});
  // 15 and later require TLS unless told not to.
  CHECK(fired(group("postgres15", other)).empty());
  CHECK(fired(group("postgres16", other)).empty());
  CHECK(fired(group("postgres16", off)) == Ids{"KSL-RDS-020"});
  CHECK(fired(group("mysql8.0", other)).empty());
  CHECK(fired(view("aws_db_parameter_group", {{"family", "postgres14"}, {"parameter", force}},
                   {{"parameter", {{{"value", true}}}}}))
            .empty());

  json db = {{"storage_encrypted", true},    {"db_subnet_group_name", "main"},
             {"publicly_accessible", false}, {"iam_database_authentication_enabled", true},
             {"backup_retention_period", 7}, {"multi_az", true},
             {"deletion_protection", true},  {"engine", "postgres"},
             {"engine_version", "14.12"}};
  // The default parameter group of PostgreSQL 14 does not force TLS.
  CHECK(fired(view("aws_db_instance", db)) == Ids{"KSL-RDS-020"});
  CHECK(fired(view("aws_db_instance", db, {{"parameter_group_name", true}})).empty());
  db["engine_version"] = "16";
  CHECK(fired(view("aws_db_instance", db)).empty());
}

TEST_CASE("RDS instances are in a subnet group and accept IAM auth (KSL-RDS-021, KSL-RDS-022)") {
  const json good = {{"storage_encrypted", true},    {"db_subnet_group_name", "main"},
                     {"publicly_accessible", false}, {"iam_database_authentication_enabled", true},
                     {"backup_retention_period", 7}, {"multi_az", true},
                     {"deletion_protection", true}};
  CHECK(fired(view("aws_db_instance", good)).empty());
  json bad = good;
  bad.erase("db_subnet_group_name");
  CHECK(fired(view("aws_db_instance", bad)) == Ids{"KSL-RDS-021"});
  CHECK(fired(view("aws_db_instance", bad, {{"db_subnet_group_name", true}})).empty());
  bad = good;
  bad["iam_database_authentication_enabled"] = false;
  const auto findings = check({view("aws_db_instance", bad)}, builtin_rules(), {"prod", {}});
  REQUIRE(findings.findings.size() == 1);
  CHECK(findings.findings[0].rule->id == "KSL-RDS-022");
  CHECK(findings.findings[0].severity == Severity::kWarning);
  // Engines without IAM authentication are not asked for it.
  bad["engine"] = "sqlserver-se";
  CHECK(fired(view("aws_db_instance", bad)).empty());
}

TEST_CASE("no IAM policy allows * on * (KSL-IAM-001), in each policy resource type") {
  const std::string admin =
      json({{"Version", "2012-10-17"},
            {"Statement", {{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}}}})
          .dump();
  const std::string listed = json({{"Statement",
                                    {{{"Sid", "Admin"},
                                      {"Effect", "Allow"},
                                      {"Action", {"s3:GetObject", "*:*"}},
                                      {"Resource", {"*"}}}}}})
                                 .dump();
  const std::string narrow =
      json({{"Statement",
             {{{"Effect", "Allow"}, {"Action", "s3:*"}, {"Resource", "*"}},
              {{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "arn:aws:s3:::logs"}},
              {{"Effect", "Deny"}, {"Action", "*"}, {"Resource", "*"}}}}})
          .dump();
  for (const char* type :
       {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy", "aws_iam_group_policy"}) {
    CAPTURE(type);
    CHECK(fired(view(type, {{"policy", admin}})) == Ids{"KSL-IAM-001"});
    CHECK(fired(view(type, {{"policy", narrow}})).empty());
  }
  const auto findings =
      check({view("aws_iam_role_policy", {{"policy", listed}})}, builtin_rules(), {"dev", {}})
          .findings;
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "statement \"Admin\" allows \"*\" actions on \"*\" resources");
  // Not known before apply, or not JSON: nothing to say.
  CHECK(fired(view("aws_iam_policy", json::object(), {{"policy", true}})).empty());
  CHECK(fired(view("aws_iam_policy", {{"policy", "{not json"}})).empty());
}

TEST_CASE("an Allow with NotAction on every resource is administrator access (KSL-IAM-001)") {
  const auto document = [](const char* effect, const json& resource) {
    return json({{"Statement",
                  {{{"Effect", effect}, {"NotAction", {"iam:*"}}, {"Resource", resource}}}}})
        .dump();
  };
  const auto findings = check({view("aws_iam_policy", {{"policy", document("Allow", "*")}})},
                              builtin_rules(), {"dev", {}})
                            .findings;
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message ==
        "a statement allows every action but its NotAction on \"*\" resources");
  CHECK(fired(view("aws_iam_policy", {{"policy", document("Deny", "*")}})).empty());
  CHECK(fired(view("aws_iam_policy", {{"policy", document("Allow", "arn:aws:s3:::logs/*")}}))
            .empty());
}

TEST_CASE("a role's inline policies are read for administrator access (KSL-IAM-001)") {
  const std::string admin =
      json({{"Statement", {{"Effect", "Allow"}, {"Action", "*"}, {"Resource", "*"}}}}).dump();
  const std::string narrow =
      json({{"Statement", {{"Effect", "Allow"}, {"Action", "s3:GetObject"}, {"Resource", "*"}}}})
          .dump();
  const json inline_policies = json::array(
      {{{"name", "reads"}, {"policy", narrow}}, {{"name", "everything"}, {"policy", admin}}});
  const auto findings = check({view("aws_iam_role", {{"inline_policy", inline_policies}})},
                              builtin_rules(), {"dev", {}})
                            .findings;
  const auto admin_finding = std::find_if(
      findings.begin(), findings.end(), [](const auto& f) { return f.rule->id == "KSL-IAM-001"; });
  REQUIRE(admin_finding != findings.end());
  CHECK(admin_finding->message ==
        "inline policy \"everything\": a statement allows \"*\" actions on \"*\" resources");
  const Ids narrow_role = fired(view(
      "aws_iam_role", {{"inline_policy", json::array({{{"name", "reads"}, {"policy", narrow}}})}}));
  CHECK(std::count(narrow_role.begin(), narrow_role.end(), "KSL-IAM-001") == 0);
}

TEST_CASE("CloudTrail validates its log files (KSL-CT-001)") {
  CHECK(fired(view("aws_cloudtrail", {{"enable_log_file_validation", true}})).empty());
  CHECK(fired(view("aws_cloudtrail", json::object())) == Ids{"KSL-CT-001"});
  CHECK(fired(view("aws_cloudtrail", {{"enable_log_file_validation", false}})) ==
        Ids{"KSL-CT-001"});
}

TEST_CASE("the model gives each argument's references and encodes literal policy documents") {
  App app{"shop"};
  auto& storage = app.stack("storage");
  auto& logs = storage.resource("aws_s3_bucket", "logs").set("bucket_prefix", "logs-");
  storage.resource("aws_s3_bucket_policy", "logs_policy")
      .set("bucket", logs.id())
      .set("policy", policy_document({PolicyStatement{.sid = "DenyInsecureTransport",
                                                      .effect = "Deny",
                                                      .actions = {"s3:*"},
                                                      .resources = {logs.arn()},
                                                      .principals = "*"}}));
  storage.resource("aws_iam_policy", "admin")
      .set("policy", policy_document({PolicyStatement{.actions = {"*"}, .resources = {"*"}}}));
  const Plan plan = plan_app(app);
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\nbackend: {bucket: shop-state}\n", "dev.yaml",
      "dev");
  const auto views = model_views(plan, env, {});
  REQUIRE(views.size() == 3);
  CHECK(views[1].references.at("bucket") == std::vector<std::string>{"aws_s3_bucket.logs"});
  CHECK(views[1].references.at("policy") == std::vector<std::string>{"aws_s3_bucket.logs"});
  CHECK(refers_to(views[1], "bucket", views[0]));
  CHECK_FALSE(refers_to(views[2], "bucket", views[0]));
  // A document holding an ARN is unknown, as in a plan; one of literals is text.
  CHECK(views[1].after_unknown.at("policy") == true);
  const json admin = json::parse(views[2].after.at("policy").get<std::string>());
  CHECK(admin.at("Statement").at(0).at("Action") == json({"*"}));
  const auto ids = filtered(fired_by(views), security_rules(), true);
  // The bucket has a policy (unknown: no finding) but no KMS configuration.
  CHECK(ids == Ids{"KSL-S3-002", "KSL-IAM-001"});
}

TEST_CASE("a plan gives each argument's references from its configuration, module-relative") {
  const json plan = {
      {"format_version", "1.2"},
      {"resource_changes",
       {{{"address", "module.storage.aws_s3_bucket.logs[0]"},
         {"type", "aws_s3_bucket"},
         {"change",
          {{"actions", {"create"}},
           {"after", json::object()},
           {"after_unknown", {{"arn", true}}}}}},
        {{"address", "module.storage.aws_s3_bucket_policy.logs_policy"},
         {"type", "aws_s3_bucket_policy"},
         {"change",
          {{"actions", {"create"}},
           {"after", {{"policy", deny_plain_http()}}},
           {"after_unknown", {{"bucket", true}}}}}}}},
      {"configuration",
       {{"root_module",
         {{"module_calls",
           {{"storage",
             {{"module",
               {{"resources",
                 {{{"address", "aws_s3_bucket.logs"}, {"expressions", json::object()}},
                  {{"address", "aws_s3_bucket_policy.logs_policy"},
                   {"expressions",
                    {{"bucket",
                      {{"references",
                        {"aws_s3_bucket.logs[0].id", "aws_s3_bucket.logs[0]",
                         "aws_s3_bucket.logs"}}}},
                     {"policy", {{"references", {"var.extra", "local.x"}}}}}}}}}}}}}}}}}}}};
  const auto views = plan_views(plan.dump(), "plan.json");
  REQUIRE(views.size() == 2);
  CHECK(views[1].references.at("bucket") == std::vector<std::string>{"aws_s3_bucket.logs"});
  CHECK(views[1].references.count("policy") == 0);
  CHECK(local_address(views[0]) == "aws_s3_bucket.logs");
  CHECK(module_of(views[0]) == "module.storage");
  CHECK(refers_to(views[1], "bucket", views[0]));
  // The policy is TLS-only; no encryption configuration: SSE-S3.
  CHECK(fired_by(views) == Ids{"KSL-S3-002"});
}

TEST_CASE("a resource's own suppressions hold for a plan too, by the resource's address") {
  App app{"shop"};
  app.stack("storage")
      .resource("aws_s3_bucket", "logs")
      .set("bucket_prefix", "logs-")
      .suppress("KSL-S3-002", "ALB access-log delivery supports only SSE-S3 (AES-256)")
      .suppress("KSL-NOPE-001", "A typo.");
  // The plan's instance of the bucket, with a TLS-only policy beside it.
  ResourceView counted = bucket();
  counted.address += "[0]";
  const auto result =
      check_plan({counted, bucket_policy(deny_plain_http())}, plan_app(app), {"prod", {}});
  const auto kms = std::find_if(result.findings.begin(), result.findings.end(),
                                [](const Finding& f) { return f.rule->id == "KSL-S3-002"; });
  REQUIRE(kms != result.findings.end());
  CHECK(kms->path == "storage/logs");
  CHECK(kms->suppressed == "ALB access-log delivery supports only SSE-S3 (AES-256)");
  REQUIRE(result.unused.size() == 1);
  CHECK(result.unused[0].rule == "KSL-NOPE-001");
}
