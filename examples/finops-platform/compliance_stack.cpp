#include "compliance_stack.h"

#include <fmt/format.h>

#include "stacks/props.h"

namespace finops_platform {

using namespace keelson;

std::vector<ConfigRule> config_rules(const std::vector<std::string>& required_tags) {
  std::map<std::string, std::string> tags;
  for (std::size_t i = 0; i < required_tags.size() && i < 6; ++i) {
    tags.emplace(fmt::format("tag{}Key", i + 1), required_tags[i]);
  }
  return {
      {"encrypted-volumes", "ENCRYPTED_VOLUMES", ""},
      {"ec2-imdsv2-check", "EC2_IMDSV2_CHECK", "KSL-EC2-001"},
      {"rds-storage-encrypted", "RDS_STORAGE_ENCRYPTED", "KSL-RDS-001"},
      {"rds-instance-public-access-check", "RDS_INSTANCE_PUBLIC_ACCESS_CHECK", "KSL-RDS-002"},
      {"db-instance-backup-enabled",
       "DB_INSTANCE_BACKUP_ENABLED",
       "KSL-RDS-010",
       {{"backupRetentionMinimum", "7"}}},
      {"elasticache-repl-grp-encrypted-at-rest", "ELASTICACHE_REPL_GRP_ENCRYPTED_AT_REST",
       "KSL-ELC-001"},
      {"elasticache-repl-grp-encrypted-in-transit", "ELASTICACHE_REPL_GRP_ENCRYPTED_IN_TRANSIT",
       "KSL-ELC-001"},
      {"s3-bucket-public-read-prohibited", "S3_BUCKET_PUBLIC_READ_PROHIBITED", "KSL-S3-001"},
      {"s3-bucket-level-public-access-prohibited", "S3_BUCKET_LEVEL_PUBLIC_ACCESS_PROHIBITED",
       "KSL-S3-001"},
      {"s3-bucket-ssl-requests-only", "S3_BUCKET_SSL_REQUESTS_ONLY", ""},
      // The public load balancer alone is open to the internet, on 80 and 443.
      {"vpc-sg-open-only-to-authorized-ports",
       "VPC_SG_OPEN_ONLY_TO_AUTHORIZED_PORTS",
       "KSL-SG-001",
       {{"authorizedTcpPorts", "80,443"}}},
      {"restricted-incoming-traffic", "RESTRICTED_INCOMING_TRAFFIC", "KSL-SG-001"},
      {"cw-loggroup-retention-period-check", "CW_LOGGROUP_RETENTION_PERIOD_CHECK", "KSL-LOG-001"},
      {"required-tags", "REQUIRED_TAGS", "KSL-TAG-001", std::move(tags)},
      {"iam-policy-no-statements-with-admin-access", "IAM_POLICY_NO_STATEMENTS_WITH_ADMIN_ACCESS",
       ""},
      {"cloud-trail-log-file-validation-enabled", "CLOUD_TRAIL_LOG_FILE_VALIDATION_ENABLED", ""},
  };
}

ComplianceStack::ComplianceStack(Construct& scope, const Id& id, Props props) : Stack(scope, id) {
  const std::string& name = props.name;
  // Config's own role: AWS keeps its permissions current with what Config
  // records; a service-linked role takes no permissions boundary.
  auto& role = resource("aws_iam_service_linked_role", "config")
                   .set("aws_service_name", "config.amazonaws.com")
                   .set("description", "AWS Config of " + name + ".")
                   .set("tags", name_tags(name + "-config"));
  auto& recorder = resource("aws_config_configuration_recorder", "recorder")
                       .set("name", name)
                       .set("role_arn", role.arn())
                       .block("recording_group",
                              {{"all_supported", true}, {"include_global_resource_types", true}});
  auto& channel =
      resource("aws_config_delivery_channel", "channel")
          .set("name", name)
          .set("s3_bucket_name", props.bucket)
          .set("s3_key_prefix", "config")
          .block("snapshot_delivery_properties", {{"delivery_frequency", props.snapshot_frequency}})
          .depends_on(recorder);
  if (!props.kms_key_arn.is_null()) channel.set("s3_kms_key_arn", props.kms_key_arn);
  auto& status = resource("aws_config_configuration_recorder_status", "recording")
                     .set("name", recorder.attr("name"))
                     .set("is_enabled", true)
                     .depends_on(channel);

  for (const ConfigRule& rule : config_rules(props.required_tags)) {
    auto& r = resource("aws_config_config_rule", rule.name)
                  .set("name", name + "-" + rule.name)
                  .set("description", rule.keelson_rule.empty()
                                          ? "AWS managed rule " + rule.identifier + "."
                                          : "AWS managed rule " + rule.identifier +
                                                "; keelson checks it before "
                                                "deploy as " +
                                                rule.keelson_rule + ".")
                  .block("source", {{"owner", "AWS"}, {"source_identifier", rule.identifier}})
                  .set("tags", name_tags(name + "-" + rule.name))
                  // Rules evaluate what the recorder records.
                  .depends_on(status);
    if (!rule.parameters.empty()) {
      Value::Map parameters;
      for (const auto& [key, value] : rule.parameters) parameters.emplace(key, value);
      r.set("input_parameters", fn::jsonencode(Value::map(std::move(parameters))));
    }
  }
}

}  // namespace finops_platform
