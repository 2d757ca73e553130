// Properties of the FinOps platform (seed 004) its users rely on, checked on
// the synthesized output: boundaries, keys per data class, tags, Config.
#include "finops_platform.h"

#include <doctest/doctest.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "compliance_stack.h"
#include "synth/synthesizer.h"
#include "test_support.h"

using namespace keelson;
using nlohmann::json;

namespace {

const std::filesystem::path kFinops = KEELSON_EXAMPLES_DIR "/finops-platform";

const FileSet& finops_files() {
  static const FileSet kFiles = [] {
    App app{"finops-platform", testing::options_at(kFinops)};
    finops_platform::declare(app);
    return synthesize(app, kFinops / "environments", {}).files;
  }();
  return kFiles;
}

json finops_file(const std::string& path) {
  return json::parse(finops_files().at("terraform/" + path));
}

}  // namespace

TEST_CASE("every IAM role of the FinOps platform has the workload permissions boundary") {
  int roles = 0;
  for (const auto& [path, text] : finops_files()) {
    if (path.rfind("terraform/modules/", 0) != 0 || !path.ends_with("/main.tf.json")) continue;
    const json doc = json::parse(text);
    if (!doc.contains("resource") || !doc.at("resource").contains("aws_iam_role")) continue;
    for (const auto& [name, role] : doc.at("resource").at("aws_iam_role").items()) {
      INFO(path << ": " << name);
      CHECK(role.contains("permissions_boundary"));
      ++roles;
    }
  }
  // backend; cluster, nodes, load balancer controller, Container Insights;
  // enhanced monitoring; flow logs.
  CHECK(roles == 7);
}

TEST_CASE("the ledger, the back end's volumes and each bucket use the key of their data class") {
  const json db = finops_file("modules/database/main.tf.json").at("resource");
  CHECK_FALSE(db.contains("aws_kms_key"));
  CHECK(db.at("aws_db_instance").at("postgres").at("kms_key_id") ==
        "${var.guardrails_financial_key_arn}");
  const json backend = finops_file("modules/backend/main.tf.json").at("resource");
  const json& ebs = backend.at("aws_launch_template").at("template").at("block_device_mappings");
  CHECK(ebs.at("ebs").at("kms_key_id") == "${var.guardrails_financial_key_arn}");
  CHECK(ebs.at("ebs").at("volume_type") == "gp3");
  CHECK(backend.at("aws_launch_template").at("template").at("metadata_options").at("http_tokens") ==
        "required");
  CHECK(backend.at("aws_autoscaling_group").at("group").at("health_check_type") == "ELB");
  const json main = finops_file("environments/prod/main.tf.json").at("module");
  CHECK(main.at("database").at("guardrails_financial_key_arn") ==
        "${module.guardrails.financial_key_arn}");
  CHECK(main.at("pii_storage").at("guardrails_pii_key_arn") == "${module.guardrails.pii_key_arn}");
  CHECK(main.at("log_storage").at("guardrails_logs_key_arn") ==
        "${module.guardrails.logs_key_arn}");
}

TEST_CASE("each environment has its own account, state bucket, deploy role and cost tags") {
  std::set<std::string> buckets, roles;
  for (const std::string env : {"dev", "staging", "prod"}) {
    const json tf = finops_file("environments/" + env + "/terraform.tf.json");
    buckets.insert(tf.at("terraform").at("backend").at("s3").at("bucket"));
    const json provider = finops_file("environments/" + env + "/providers.tf.json");
    const json aws = provider.at("provider").at("aws");
    const json& first = aws.is_array() ? aws.at(0) : aws;
    roles.insert(first.at("assume_role").at("role_arn"));
    const json tags = first.at("default_tags").at("tags");
    for (const char* tag : {"Project", "Environment", "Owner", "CostCenter"}) {
      INFO(env << ": " << tag);
      CHECK(tags.contains(tag));
    }
    CHECK(tags.at("Environment") == env);
  }
  CHECK(buckets.size() == 3);
  CHECK(roles.size() == 3);
}

TEST_CASE("AWS Config's rules mirror keelson's rule packs and require the cost tags") {
  const auto rules = finops_platform::config_rules({"Project", "Owner"});
  std::set<std::string> identifiers, keelson_rules;
  for (const auto& rule : rules) {
    identifiers.insert(rule.identifier);
    if (!rule.keelson_rule.empty()) keelson_rules.insert(rule.keelson_rule);
  }
  for (const char* id : {"ENCRYPTED_VOLUMES", "RDS_STORAGE_ENCRYPTED",
                         "S3_BUCKET_PUBLIC_READ_PROHIBITED", "RESTRICTED_INCOMING_TRAFFIC",
                         "REQUIRED_TAGS", "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS",
                         "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", "EC2_IMDSV2_CHECK"}) {
    CHECK(identifiers.count(id) == 1);
  }
  CHECK(keelson_rules == std::set<std::string>{"KSL-EC2-001", "KSL-ELC-001", "KSL-LOG-001",
                                               "KSL-RDS-001", "KSL-RDS-002", "KSL-RDS-010",
                                               "KSL-S3-001", "KSL-SG-001", "KSL-TAG-001"});
  const auto tags = std::find_if(rules.begin(), rules.end(),
                                 [](const auto& r) { return r.identifier == "REQUIRED_TAGS"; });
  REQUIRE(tags != rules.end());
  CHECK(tags->parameters ==
        std::map<std::string, std::string>{{"tag1Key", "Project"}, {"tag2Key", "Owner"}});
  const json compliance = finops_file("modules/compliance/main.tf.json").at("resource");
  CHECK(compliance.at("aws_config_config_rule").size() == rules.size());
  CHECK(compliance.at("aws_config_configuration_recorder")
            .at("recorder")
            .at("recording_group")
            .at("all_supported") == true);
}
