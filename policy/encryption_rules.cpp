// Encryption at rest, beyond the databases and caches of security_rules.cpp.
#include <fmt/core.h>

#include <algorithm>

#include "policy/security_themes.h"

namespace keelson::policy {
namespace {

using nlohmann::json;
using Result = std::optional<std::string>;

bool kms_algorithm(const json& algorithm) {
  return algorithm == "aws:kms" || algorithm == "aws:kms:dsse";
}

// What one `aws_s3_bucket_server_side_encryption_configuration` encrypts
// new objects with: `aws:kms`, `AES256`..., or nullopt when the plan cannot
// know it yet.
std::optional<std::string> default_algorithm(const ResourceView& config) {
  for (const auto& rule : blocks(config, "rule")) {
    for (const auto& by_default :
         items(rule.value("apply_server_side_encryption_by_default", json()))) {
      const json& algorithm = by_default.value("sse_algorithm", json());
      if (algorithm.is_string()) return algorithm.get<std::string>();
    }
  }
  // The algorithm is required: absent, it is unknown (the key beside it
  // is unknown, not the algorithm, when that is known).
  return std::nullopt;
}

// A bucket's default encryption. S3 has encrypted every new object with
// SSE-S3 since January 2023, so "encrypted at all" is always true; the rule
// asks for a KMS key, whose key policy says who may read and whose every use
// CloudTrail records. Where only SSE-S3 works (ALB and S3 access-log
// delivery) the bucket suppresses the rule with that reason.
Result bucket_without_kms(const ResourceView& bucket, const Context& context) {
  const auto configs =
      referring_to(context, bucket, "aws_s3_bucket_server_side_encryption_configuration", "bucket");
  if (configs.empty()) {
    return "no server-side encryption configuration: new objects get S3's default, SSE-S3, "
           "not a KMS key";
  }
  std::string seen;
  for (const ResourceView* config : configs) {
    const auto algorithm = default_algorithm(*config);
    if (!algorithm || kms_algorithm(*algorithm)) return std::nullopt;
    seen = *algorithm;
  }
  return fmt::format("default encryption is {} (S3-managed keys), not a KMS key", seen);
}

// A launch template's EBS volumes: each `ebs` of `block_device_mappings`
// says encrypted = "true" (a string in the provider's schema).
Result unencrypted_template_volume(const ResourceView& v) {
  if (unknown(v, "block_device_mappings")) return std::nullopt;
  const auto mappings = blocks(v, "block_device_mappings");
  for (std::size_t i = 0; i < mappings.size(); ++i) {
    if (unknown_in(v, "block_device_mappings", i, "ebs")) continue;
    for (const auto& ebs : items(mappings[i].value("ebs", json()))) {
      const json& encrypted = ebs.value("encrypted", json());
      if (encrypted == true || encrypted == "true") continue;
      const json& device = mappings[i].value("device_name", json());
      return fmt::format("block device {} is not encrypted (ebs.encrypted is not \"true\")",
                         device.is_string() ? device.get<std::string>() : "?");
    }
  }
  return std::nullopt;
}

Result eks_secrets_unencrypted(const ResourceView& v) {
  if (unknown(v, "encryption_config")) return std::nullopt;
  for (const auto& config : blocks(v, "encryption_config")) {
    const json& resources = config.value("resources", json());
    // Unknown resources are absent from `after`: nothing to say then.
    if (!resources.is_array()) return std::nullopt;
    if (std::find(resources.begin(), resources.end(), "secrets") != resources.end())
      return std::nullopt;
  }
  return "no encryption_config encrypts \"secrets\" with a KMS key";
}

}  // namespace

void add_encryption_rules(std::vector<Rule>& rules) {
  rules.push_back(Rule{
      .id = "KSL-S3-002",
      .title = "S3 buckets encrypt new objects with a KMS key",
      .rationale = "S3 encrypts every object since 2023, with keys anyone allowed by the bucket "
                   "policy can use. A KMS key adds a second gate, its key policy, and records "
                   "every decryption in CloudTrail.",
      .remediation = "Add an aws_s3_bucket_server_side_encryption_configuration with "
                     "sse_algorithm = \"aws:kms\" and a customer key (StorageStack does for every "
                     "bucket whose encryption prop allows it).",
      .controls = {"SOC 2 CC6.1", "GDPR Art. 32"},
      .resource_types = {"aws_s3_bucket"},
      .reads = {"aws_s3_bucket_server_side_encryption_configuration"},
      .check = [](const ResourceView& v, const Context& context) -> Result {
        return bucket_without_kms(v, context);
      }});
  rules.push_back(Rule{
      .id = "KSL-EBS-001",
      .title = "EBS volumes are encrypted",
      .rationale = "An unencrypted volume, its snapshots and the volumes made from them expose "
                   "their data to anyone who can share or copy a snapshot.",
      .remediation = "Set encrypted = true (and kms_key_id for a customer key).",
      .controls = {"CIS AWS 2.2.1", "SOC 2 CC6.1", "GDPR Art. 32"},
      .resource_types = {"aws_ebs_volume"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (truth(v, "encrypted") != Truth::kFalse) return std::nullopt;
        return "encrypted is not true";
      }});
  rules.push_back(Rule{
      .id = "KSL-EBS-002",
      .title = "Launch templates encrypt their EBS volumes",
      .rationale = "Every instance launched from the template, and every node of a node group, "
                   "gets the template's volumes: one missing flag leaves them all unencrypted.",
      .remediation = "Set encrypted = \"true\" in each block_device_mappings' ebs (ComputeStack's "
                     "node templates do).",
      .controls = {"CIS AWS 2.2.1", "SOC 2 CC6.1", "GDPR Art. 32"},
      .resource_types = {"aws_launch_template"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        return unencrypted_template_volume(v);
      }});
  rules.push_back(Rule{
      .id = "KSL-EKS-002",
      .title = "EKS encrypts Kubernetes secrets with a KMS key",
      .rationale = "Without envelope encryption, secrets sit in etcd encrypted only by the "
                   "storage; anyone with a backup of etcd reads them.",
      .remediation = "Add encryption_config { resources = [\"secrets\"] provider { key_arn = ... } "
                     "} (ComputeStack does, with its own key).",
      .controls = {"CIS EKS 5.3.1", "SOC 2 CC6.1", "GDPR Art. 32"},
      .resource_types = {"aws_eks_cluster"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        return eks_secrets_unencrypted(v);
      }});
  rules.push_back(
      Rule{.id = "KSL-SNS-001",
           .title = "SNS topics are encrypted with a KMS key",
           .rationale = "Alerts and events carry resource names, addresses and sometimes payloads; "
                        "SNS stores messages unencrypted unless the topic has a key.",
           .remediation = "Set kms_master_key_id (a customer key whose policy lets the publishing "
                          "services use it; MonitoringStack makes one).",
           .controls = {"SOC 2 CC6.1", "GDPR Art. 32"},
           .resource_types = {"aws_sns_topic"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             if (known(v, "kms_master_key_id") != nullptr || unknown(v, "kms_master_key_id"))
               return std::nullopt;
             return "kms_master_key_id is not set";
           }});
  rules.push_back(Rule{
      .id = "KSL-SQS-001",
      .title = "SQS queues are encrypted at rest",
      .rationale = "Messages wait in the queue for days; without server-side encryption they are "
                   "stored in the clear.",
      .remediation = "Set sqs_managed_sse_enabled = true, or kms_master_key_id for a customer key.",
      .controls = {"SOC 2 CC6.1", "GDPR Art. 32"},
      .resource_types = {"aws_sqs_queue"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (known(v, "kms_master_key_id") != nullptr || unknown(v, "kms_master_key_id"))
          return std::nullopt;
        if (truth(v, "sqs_managed_sse_enabled") != Truth::kFalse) return std::nullopt;
        return "neither sqs_managed_sse_enabled nor kms_master_key_id is set";
      }});
  // Only where the environment asks (`policy.encrypted_log_groups`): log
  // groups are always encrypted by CloudWatch, and a key of one's own costs
  // a key policy that admits the logs service of the region.
  rules.push_back(Rule{
      .id = "KSL-LOG-002",
      .title = "Log groups are encrypted with a KMS key, where the environment asks",
      .rationale = "CloudWatch encrypts log data with keys it manages; a customer key lets the key "
                   "policy decide who reads logs that may hold personal data, and lets you "
                   "revoke it.",
      .remediation = "Set kms_key_id to a key whose policy allows logs.<region>.amazonaws.com, or "
                     "drop policy.encrypted_log_groups from the environment file.",
      .controls = {"SOC 2 CC6.1", "GDPR Art. 32"},
      .resource_types = {"aws_cloudwatch_log_group"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (known(v, "kms_key_id") != nullptr || unknown(v, "kms_key_id")) return std::nullopt;
        return "kms_key_id is not set, and the environment asks for encrypted log groups";
      },
      .asked = [](const Context& context) { return context.settings.encrypted_log_groups; }});
}

}  // namespace keelson::policy
