#include "stacks/storage_stack.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dsl/app.h"
#include "stacks/stack_test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

using Bucket = StorageStack::Bucket;
using Encryption = StorageStack::Encryption;
using StorageClass = StorageStack::StorageClass;

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

void check_schema(const App& app) {
  const auto findings = schema_findings(app);
  for (const auto& f : findings) MESSAGE(f);
  CHECK(findings.empty());
}

// A bucket keeping Redis snapshots: 30 days, then Glacier, deleted at 90.
Bucket backups() {
  return {.id = "backups",
          .lifecycle = {{.id = "archive",
                         .transitions = {{.days = 30, .storage_class = StorageClass::kGlacier}},
                         .expiration_days = 90,
                         .noncurrent_expiration_days = 30}}};
}

}  // namespace

TEST_CASE("a storage bucket is private, versioned, KMS-encrypted, TLS-only and has its lifecycle") {
  App app{"storage"};
  auto& storage = app.stack<StorageStack>("storage", {.name = "shop", .buckets = {backups()}});
  const json doc = module_json(app, "storage");
  const json& r = doc.at("resource");

  const json& bucket = r.at("aws_s3_bucket").at("backups");
  CHECK(bucket.at("bucket_prefix") == "shop-backups-");
  CHECK(bucket.at("force_destroy") == false);
  CHECK(bucket.at("tags") == json{{"Name", "shop-backups"}});
  CHECK(r.at("aws_s3_bucket_versioning").at("backups_versioning").at("versioning_configuration") ==
        json{{"status", "Enabled"}});

  // The stack's own key, rotated, with bucket keys to cut KMS calls.
  CHECK(r.at("aws_kms_key").at("kms").at("enable_key_rotation") == true);
  CHECK(r.at("aws_kms_alias").at("kms").at("name") == "alias/shop-s3");
  const json& sse =
      r.at("aws_s3_bucket_server_side_encryption_configuration").at("backups_encryption");
  CHECK(sse.at("rule").at("apply_server_side_encryption_by_default") ==
        json{{"sse_algorithm", "aws:kms"}, {"kms_master_key_id", "${aws_kms_key.kms.arn}"}});
  CHECK(sse.at("rule").at("bucket_key_enabled") == true);

  const json& block = r.at("aws_s3_bucket_public_access_block").at("backups_public_access");
  for (const char* setting : {"block_public_acls", "block_public_policy", "ignore_public_acls",
                              "restrict_public_buckets"}) {
    CHECK(block.at(setting) == true);
  }
  CHECK(r.at("aws_s3_bucket_ownership_controls").at("backups_ownership").at("rule") ==
        json{{"object_ownership", "BucketOwnerEnforced"}});

  const std::string policy = r.at("aws_s3_bucket_policy").at("backups_policy").at("policy");
  CHECK(contains(policy, "\"Effect\" = \"Deny\""));
  CHECK(contains(policy, "{\"Bool\" = {\"aws:SecureTransport\" = \"false\"}}"));
  CHECK(contains(policy,
                 "\"Resource\" = [aws_s3_bucket.backups.arn, \"${aws_s3_bucket.backups.arn}/*\"]"));
  CHECK_FALSE(contains(policy, "elasticloadbalancing"));

  const json& rule =
      r.at("aws_s3_bucket_lifecycle_configuration").at("backups_lifecycle").at("rule");
  CHECK(rule.at("id") == "archive");
  CHECK(rule.at("status") == "Enabled");
  CHECK(rule.at("transition") == json::array({{{"days", 30}, {"storage_class", "GLACIER"}}}));
  CHECK(rule.at("expiration") == json{{"days", 90}});
  CHECK(rule.at("noncurrent_version_expiration") == json{{"noncurrent_days", 30}});
  CHECK(r.at("aws_s3_bucket_lifecycle_configuration").at("backups_lifecycle").at("depends_on") ==
        json::array({"aws_s3_bucket_versioning.backups_versioning"}));

  // No logging or replication was asked for.
  CHECK_FALSE(r.contains("aws_s3_bucket_logging"));
  CHECK_FALSE(r.contains("aws_s3_bucket_replication_configuration"));

  const json outputs = module_outputs(app, "storage").at("output");
  CHECK(outputs.at("backups_bucket_id").at("value") == "${aws_s3_bucket.backups.id}");
  CHECK(outputs.at("backups_bucket_arn").at("value") == "${aws_s3_bucket.backups.arn}");
  CHECK(outputs.at("kms_key_arn").at("value") == "${aws_kms_key.kms.arn}");
  CHECK(app.reported().empty());
  (void)storage;
  check_schema(app);
}

TEST_CASE("the ALB access-log bucket uses AES-256 and lets only ELB log delivery write, in every region") {
  App app{"storage"};
  app.stack<StorageStack>("storage", {.buckets = {{.id = "alb_logs",
                                                   .alb_access_logs = true,
                                                   .lifecycle = {{.id = "archive",
                                                                  .transitions = {{.days = 30}},
                                                                  .expiration_days = 90}}}}});
  const json doc = module_json(app, "storage");
  const json& r = doc.at("resource");
  CHECK(r.at("aws_s3_bucket").at("alb_logs").at("bucket_prefix") == "app-alb-logs-");
  const json& sse =
      r.at("aws_s3_bucket_server_side_encryption_configuration").at("alb_logs_encryption");
  CHECK(sse.at("rule").at("apply_server_side_encryption_by_default") ==
        json{{"sse_algorithm", "AES256"}});
  // Nothing uses KMS, so no key is made.
  CHECK_FALSE(r.contains("aws_kms_key"));

  const std::string policy = r.at("aws_s3_bucket_policy").at("alb_logs_policy").at("policy");
  // Regions opened since August 2022 honour only the log-delivery service principal...
  CHECK(contains(policy,
                 ": tomap({\"Service\" = [\"logdelivery.elasticloadbalancing.amazonaws.com\"]})"));
  // ...older ones (us-east-1, eu-west-1, ...) only their region's ELB account, which the
  // data source gives there and fails to give elsewhere: it is read only in those regions.
  CHECK(contains(policy,
                 "\"Principal\" = (length(data.aws_elb_service_account.elb_account[*].arn) > 0) ? "
                 "tomap({\"AWS\" = data.aws_elb_service_account.elb_account[*].arn, \"Service\" = "
                 "[\"logdelivery.elasticloadbalancing.amazonaws.com\"]})"));
  const json& elb = doc.at("data").at("aws_elb_service_account");
  const std::string count = elb.at("elb_account").at("count");
  CHECK(contains(count, "\"us-east-1\""));
  CHECK(contains(count, "\"eu-west-1\""));
  CHECK(contains(count, "\"ap-southeast-3\""));
  CHECK_FALSE(contains(count, "\"ap-south-2\""));  // Hyderabad, opened November 2022
  CHECK_FALSE(contains(count, "\"eu-central-2\""));  // Zurich, opened November 2022
  CHECK(contains(count, "data.aws_region.current.region) ? 1 : 0"));
  CHECK(contains(policy, "\"Action\" = [\"s3:PutObject\"]"));
  CHECK(contains(policy,
                 "\"${aws_s3_bucket.alb_logs.arn}/AWSLogs/"
                 "${data.aws_caller_identity.current.account_id}/*\""));
  CHECK(contains(policy, "aws:SecureTransport"));
  check_schema(app);
}

TEST_CASE("a given KMS key ARN is used instead of a key of the stack's own") {
  App app{"storage"};
  auto key = app.param<std::string>("data_key_arn", {.description = "KMS key for buckets."});
  auto& storage =
      app.stack<StorageStack>("storage", {.buckets = {{.id = "assets"}}, .kms_key_arn = key});
  const json r = module_json(app, "storage").at("resource");
  CHECK_FALSE(r.contains("aws_kms_key"));
  CHECK(r.at("aws_s3_bucket_server_side_encryption_configuration")
            .at("assets_encryption")
            .at("rule")
            .at("apply_server_side_encryption_by_default")
            .at("kms_master_key_id") == "${var.data_key_arn}");
  CHECK(storage.kms_key_arn() == Value(key));
  check_schema(app);
}

TEST_CASE(
    "a replicated bucket copies to a versioned, encrypted, private bucket in the replica region") {
  App app{"storage"};
  const Provider& replica =
      app.provider("aws", {.alias = "replica", .config = {{"region", "us-west-2"}}});
  app.stack<StorageStack>("storage", {.name = "shop",
                                      .buckets = {{.id = "data", .replicate = true}},
                                      .replica_provider = &replica});
  const json r = module_json(app, "storage").at("resource");

  const json& dest = r.at("aws_s3_bucket").at("data_replica");
  CHECK(dest.at("provider") == "aws.replica");
  CHECK(dest.at("bucket_prefix") == "shop-data-replica-");
  CHECK(r.at("aws_s3_bucket_versioning").at("data_replica_versioning").at("provider") ==
        "aws.replica");
  CHECK(r.at("aws_s3_bucket_public_access_block").at("data_replica_public_access").at("provider") ==
        "aws.replica");
  CHECK(r.at("aws_s3_bucket_policy").at("data_replica_policy").at("provider") == "aws.replica");
  // KMS keys are regional: the replica gets a key in its own region.
  CHECK(r.at("aws_kms_key").at("replica_kms").at("provider") == "aws.replica");
  CHECK(r.at("aws_s3_bucket_server_side_encryption_configuration")
            .at("data_replica_encryption")
            .at("rule")
            .at("apply_server_side_encryption_by_default")
            .at("kms_master_key_id") == "${aws_kms_key.replica_kms.arn}");

  const json& config =
      r.at("aws_s3_bucket_replication_configuration").at("data_replication_config");
  CHECK(config.at("bucket") == "${aws_s3_bucket.data.id}");
  CHECK(config.at("role") == "${aws_iam_role.data_replication.arn}");
  CHECK(config.at("depends_on") ==
        json::array({"aws_s3_bucket_versioning.data_versioning",
                     "aws_s3_bucket_versioning.data_replica_versioning"}));
  CHECK(config.at("rule").at("status") == "Enabled");
  CHECK(config.at("rule").at("destination").at("bucket") == "${aws_s3_bucket.data_replica.arn}");
  CHECK(config.at("rule").at("destination").at("encryption_configuration") ==
        json{{"replica_kms_key_id", "${aws_kms_key.replica_kms.arn}"}});
  CHECK(config.at("rule")
            .at("source_selection_criteria")
            .at("sse_kms_encrypted_objects")
            .at("status") == "Enabled");

  const std::string trust = r.at("aws_iam_role").at("data_replication").at("assume_role_policy");
  CHECK(contains(trust, "s3.amazonaws.com"));
  const std::string permissions = r.at("aws_iam_role_policy").at("data_replication").at("policy");
  CHECK(contains(permissions, "s3:ReplicateObject"));
  CHECK(contains(permissions, "\"${aws_s3_bucket.data_replica.arn}/*\""));
  CHECK(contains(permissions, "\"kms:Decrypt\""));
  CHECK_FALSE(contains(permissions, "\"s3:*\""));

  CHECK(module_outputs(app, "storage").at("output").at("data_replica_bucket_arn").at("value") ==
        "${aws_s3_bucket.data_replica.arn}");
  check_schema(app);
}

TEST_CASE("server access logs go to one access-log bucket that only S3 logging may write to") {
  App app{"storage"};
  app.stack<StorageStack>("storage", {.buckets = {{.id = "assets", .access_logging = true},
                                                  {.id = "uploads", .access_logging = true},
                                                  {.id = "scratch"}}});
  const json r = module_json(app, "storage").at("resource");
  const json& logs = r.at("aws_s3_bucket").at("access_logs");
  CHECK(logs.at("bucket_prefix") == "app-access-logs-");
  // S3 server access logging cannot write to an SSE-KMS bucket.
  CHECK(r.at("aws_s3_bucket_server_side_encryption_configuration")
            .at("access_logs_encryption")
            .at("rule")
            .at("apply_server_side_encryption_by_default")
            .at("sse_algorithm") == "AES256");
  CHECK(r.at("aws_s3_bucket_lifecycle_configuration")
            .at("access_logs_lifecycle")
            .at("rule")
            .at("expiration") == json{{"days", 90}});

  const json& logging = r.at("aws_s3_bucket_logging");
  CHECK(logging.at("assets_logging").at("target_bucket") == "${aws_s3_bucket.access_logs.id}");
  CHECK(logging.at("assets_logging").at("target_prefix") == "assets/");
  CHECK(logging.contains("uploads_logging"));
  CHECK_FALSE(logging.contains("scratch_logging"));

  const std::string policy = r.at("aws_s3_bucket_policy").at("access_logs_policy").at("policy");
  CHECK(contains(policy, "logging.s3.amazonaws.com"));
  CHECK(contains(policy,
                 "{\"aws:SourceArn\" = [aws_s3_bucket.assets.arn, aws_s3_bucket.uploads.arn]}"));
  CHECK(contains(policy, "\"aws:SourceAccount\" = data.aws_caller_identity.current.account_id"));
  check_schema(app);
}

TEST_CASE("a bucket suppresses only the checkov checks its props turned off") {
  App app{"storage"};
  const Provider& replica =
      app.provider("aws", {.alias = "replica", .config = {{"region", "us-west-2"}}});
  app.stack<StorageStack>(
      "storage",
      {.name = "shop",
       .buckets = {{.id = "plain"},
                   {.id = "full",
                    .lifecycle = {{.id = "expire", .expiration_days = 30}},
                    .access_logging = true,
                    .replicate = true}},
       .replica_provider = &replica});
  const json buckets = module_json(app, "storage").at("resource").at("aws_s3_bucket");
  const auto skipped = [&](const std::string& bucket) {
    std::vector<std::string> ids;
    for (const auto& comment : buckets.at(bucket).at("//")) {
      const std::string text = comment;
      ids.push_back(text.substr(std::string("checkov:skip=").size(),
                                text.find(':', 13) - std::string("checkov:skip=").size()));
    }
    return ids;
  };
  CHECK(skipped("plain") ==
        std::vector<std::string>{"CKV2_AWS_62", "CKV_AWS_144", "CKV_AWS_18", "CKV2_AWS_61"});
  // Replicated, logged, with lifecycle rules and KMS: only event notifications remain.
  CHECK(buckets.at("full").at("//") ==
        "checkov:skip=CKV2_AWS_62:Nothing consumes object events: notifications feed processing "
        "pipelines, not a control");
  CHECK(skipped("access_logs") ==
        std::vector<std::string>{"CKV_AWS_145", "CKV_AWS_144", "CKV2_AWS_62"});
  // A replica has no events to consume, and no log bucket in its region.
  CHECK(skipped("full_replica") == std::vector<std::string>{"CKV2_AWS_62", "CKV_AWS_18"});
  check_schema(app);
}

TEST_CASE("another stack reads a bucket through the accessors, wired across modules") {
  App app{"storage"};
  auto& storage = app.stack<StorageStack>("storage", {.buckets = {backups()}});
  auto& compute = app.stack("compute");
  compute.resource("aws_iam_policy", "read_backups").set("policy", storage.bucket_arn("backups"));
  CHECK(module_json(app, "compute")
            .at("resource")
            .at("aws_iam_policy")
            .at("read_backups")
            .at("policy") == "${var.storage_backups_bucket_arn}");
  CHECK(app.reported().empty());
}

TEST_CASE("an unknown bucket id is reported with a suggestion") {
  App app{"storage"};
  auto& storage = app.stack<StorageStack>("storage", {.buckets = {backups()}});
  const Value missing = storage.bucket_id("backup");
  CHECK(missing.is_null());
  REQUIRE(app.reported().size() == 1);
  CHECK(app.reported()[0].code == "K1004");
  CHECK(app.reported()[0].message == "storage stack \"storage\" has no bucket \"backup\"");
  CHECK(app.reported()[0].hint == "did you mean \"backups\"?");
  CHECK(contains(app.reported()[0].where.file, "storage_stack_test.cpp"));
}

TEST_CASE("asking for the KMS key of a stack without KMS buckets or a given key is reported") {
  App app{"storage"};
  auto& storage = app.stack<StorageStack>(
      "storage", {.buckets = {{.id = "plain", .encryption = Encryption::kAes256}}});
  CHECK(storage.kms_key_arn().is_null());
  REQUIRE(app.reported().size() == 1);
  CHECK(
      app.reported()[0].message ==
      "storage stack \"storage\" has no KMS key: none was given and none of its buckets uses KMS");
}

TEST_CASE("invalid storage props are refused with messages naming the bucket") {
  App app{"storage"};
  app.stack<StorageStack>(
      "storage",
      {.name = "Shop",
       .buckets = {
           {.id = "logs"},
           {.id = "logs"},
           {.id = "access_logs"},
           {.id = "alb", .encryption = Encryption::kKms, .alb_access_logs = true},
           {.id = "data", .replicate = true},
           {.id = "cold",
            .lifecycle = {{.id = "archive",
                           .transitions = {{.days = 0, .storage_class = StorageClass::kGlacier},
                                           {.days = 10, .storage_class = StorageClass::kStandardIa},
                                           {.days = 120,
                                            .storage_class = StorageClass::kDeepArchive}},
                           .expiration_days = 90},
                          {.id = "archive", .noncurrent_expiration_days = -1},
                          {.id = "idle"}}},
       }});
  CHECK(
      plan_problems(app) ==
      std::vector<std::string>{
          "name must be lowercase letters, digits and hyphens, not starting with a hyphen, got "
          "\"Shop\"",
          "bucket id \"logs\" is used twice; ids must be unique",
          "bucket id \"access_logs\" is reserved for the stack's own resources (access_logs, "
          "account, kms, replica_kms); choose another",
          "bucket \"alb\": ALB access logs need AES-256 (SSE-S3) encryption; ALB log delivery "
          "does not support KMS",
          "bucket \"data\": replication needs replica_provider (an aliased AWS provider for the "
          "destination region)",
          "bucket \"cold\": lifecycle rule \"archive\": transition days to GLACIER must be "
          "positive, got 0",
          "bucket \"cold\": lifecycle rule \"archive\": a transition to STANDARD_IA needs at "
          "least 30 days, got 10",
          "bucket \"cold\": lifecycle rule \"archive\": expiration after 90 days must be later "
          "than every transition (the latest is 120 days to DEEP_ARCHIVE)",
          "bucket \"cold\": lifecycle rule \"archive\" is declared twice; rule ids must be unique "
          "in a bucket",
          "bucket \"cold\": lifecycle rule \"archive\": noncurrent version expiration days must "
          "be positive, got -1",
          "bucket \"cold\": lifecycle rule \"idle\" does nothing: give it a transition, an "
          "expiration or a noncurrent expiration",
      });
}

TEST_CASE("a bucket name prefix longer than S3 allows is refused") {
  App app{"storage"};
  app.stack<StorageStack>(
      "storage", {.name = "a-rather-long-application-name", .buckets = {{.id = "backups"}}});
  CHECK(
      plan_problems(app) ==
      std::vector<std::string>{
          "bucket \"backups\": the name prefix \"a-rather-long-application-name-backups-\" has 39 "
          "characters, S3 allows at most 37; shorten name or the bucket id"});
}

TEST_CASE("a Config delivery bucket lets AWS Config of this account check it and write its logs") {
  App app{"storage"};
  app.stack<StorageStack>("storage",
                          {.name = "shop", .buckets = {{.id = "config", .config_delivery = true},
                                                       {.id = "data"}}});
  const json r = module_json(app, "storage").at("resource");
  const std::string policy = r.at("aws_s3_bucket_policy").at("config_policy").at("policy");
  CHECK(policy.find("\"Sid\" = \"ConfigBucketCheck\"") != std::string::npos);
  CHECK(policy.find("\"Sid\" = \"ConfigDelivery\"") != std::string::npos);
  CHECK(policy.find("config.amazonaws.com") != std::string::npos);
  CHECK(policy.find("/AWSLogs/${data.aws_caller_identity.current.account_id}/Config/*") !=
        std::string::npos);
  CHECK(policy.find("bucket-owner-full-control") != std::string::npos);
  // Only the bucket that asks for it.
  const std::string data = r.at("aws_s3_bucket_policy").at("data_policy").at("policy");
  CHECK(data.find("config.amazonaws.com") == std::string::npos);
  check_schema(app);
}
