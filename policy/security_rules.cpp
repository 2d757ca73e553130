#include <fmt/core.h>

#include "policy/rule_packs.h"
#include "policy/security_themes.h"

namespace keelson::policy {
namespace {

using nlohmann::json;
using Result = std::optional<std::string>;

bool open_to_world(const json& cidrs) {
  if (!cidrs.is_array()) return false;
  for (const auto& cidr : cidrs)
    if (cidr == "0.0.0.0/0" || cidr == "::/0") return true;
  return false;
}

// Web traffic to load balancers is meant to come from anywhere.
bool web_port(const json& rule) {
  const auto from = rule.value("from_port", -1), to = rule.value("to_port", -1);
  return (from == 80 && to == 80) || (from == 443 && to == 443);
}

// Why an ingress rule (a security group's `ingress` block, or a rule
// resource's arguments) admits the whole internet to a port other than 80
// and 443; nullopt when it does not. Unknown CIDRs are absent, so say nothing.
Result world_ingress(const json& rule) {
  json cidrs = json::array();
  for (const char* key : {"cidr_blocks", "ipv6_cidr_blocks"}) {
    const json& list = rule.value(key, json());
    if (list.is_array()) cidrs.insert(cidrs.end(), list.begin(), list.end());
  }
  for (const char* key : {"cidr_ipv4", "cidr_ipv6"})
    if (rule.contains(key)) cidrs.push_back(rule[key]);
  if (!open_to_world(cidrs) || web_port(rule)) return std::nullopt;
  return fmt::format("ingress on ports {}-{} is open to the internet", rule.value("from_port", -1),
                     rule.value("to_port", -1));
}

Result flag_off(const ResourceView& view, const char* key, const char* what) {
  if (truth(view, key) != Truth::kFalse) return std::nullopt;
  return fmt::format("{} is off ({} is not true)", what, key);
}

}  // namespace

std::vector<Rule> security_rules() {
  std::vector<Rule> rules;
  rules.push_back(Rule{
      .id = "KSL-RDS-001",
      .title = "RDS storage is encrypted at rest",
      .rationale = "An unencrypted database exposes its data, snapshots and replicas to anyone "
                   "who reaches the storage; encryption cannot be turned on later without a "
                   "restore.",
      .remediation = "Set storage_encrypted = true (DatabaseStack does, with its KMS key).",
      .controls = {"CIS AWS 2.3.1", "SOC 2 CC6.1", "GDPR Art. 32"},
      .resource_types = {"aws_db_instance"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        // A read replica is encrypted as its source is.
        if (rds_read_replica(v)) return std::nullopt;
        return flag_off(v, "storage_encrypted", "encryption at rest");
      }});
  rules.push_back(Rule{.id = "KSL-RDS-002",
                       .title = "RDS instances are not publicly accessible",
                       .rationale =
                           "A public endpoint puts the database one leaked password away from the "
                           "internet.",
                       .remediation = "Set publicly_accessible = false and reach it from the VPC.",
                       .controls = {"CIS AWS 2.3.3", "SOC 2 CC6.6"},
                       .resource_types = {"aws_db_instance"},
                       .check = [](const ResourceView& v, const Context&) -> Result {
                         if (truth(v, "publicly_accessible") != Truth::kTrue) return std::nullopt;
                         return "publicly_accessible is true";
                       }});
  rules.push_back(
      Rule{.id = "KSL-ELC-001",
           .title = "ElastiCache encrypts at rest and in transit",
           .rationale = "Cached data is often session or personal data; without TLS anyone on the "
                        "network path reads it.",
           .remediation = "Set at_rest_encryption_enabled and transit_encryption_enabled to true.",
           .controls = {"SOC 2 CC6.1", "SOC 2 CC6.7", "GDPR Art. 32"},
           .resource_types = {"aws_elasticache_replication_group"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             if (auto r = flag_off(v, "at_rest_encryption_enabled", "encryption at rest")) return r;
             return flag_off(v, "transit_encryption_enabled", "encryption in transit");
           }});
  rules.push_back(
      Rule{.id = "KSL-S3-001",
           .title = "S3 public access is blocked",
           .rationale = "One public ACL or bucket policy is enough to publish a bucket; the block "
                        "makes both impossible.",
           .remediation = "Set block_public_acls, block_public_policy, ignore_public_acls and "
                          "restrict_public_buckets to true.",
           .controls = {"CIS AWS 2.1.4", "SOC 2 CC6.1"},
           .resource_types = {"aws_s3_bucket_public_access_block"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             for (const char* key : {"block_public_acls", "block_public_policy",
                                     "ignore_public_acls", "restrict_public_buckets"}) {
               if (truth(v, key) == Truth::kFalse) return fmt::format("{} is not true", key);
             }
             return std::nullopt;
           }});
  rules.push_back(
      Rule{.id = "KSL-SG-001",
           .title = "No security group admits the whole internet except to ports 80 and 443",
           .rationale = "SSH, databases and admin ports open to 0.0.0.0/0 are found by scanners "
                        "within minutes.",
           .remediation = "Narrow the CIDR blocks, or admit traffic from another security group.",
           .controls = {"CIS AWS 5.2", "CIS AWS 5.3", "SOC 2 CC6.6"},
           .resource_types = {"aws_security_group", "aws_security_group_rule",
                              "aws_vpc_security_group_ingress_rule"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             if (v.type == "aws_security_group") {
               for (const auto& rule : blocks(v, "ingress"))
                 if (auto open = world_ingress(rule)) return open;
               return std::nullopt;
             }
             if (v.type == "aws_security_group_rule") {
               const json* type = known(v, "type");
               if (type == nullptr || *type != "ingress") return std::nullopt;
             }
             return world_ingress(v.after);
           }});
  rules.push_back(
      Rule{.id = "KSL-EKS-001",
           .title = "The EKS API endpoint is not open to the whole internet",
           .rationale = "A public Kubernetes API is one stolen token or one CVE away from the "
                        "cluster.",
           .remediation = "Set endpoint_public_access = false, or list the CIDR blocks allowed in "
                          "public_access_cidrs (ComputeStack: cluster_endpoint_cidrs).",
           .controls = {"CIS EKS 5.4.2", "SOC 2 CC6.6"},
           .resource_types = {"aws_eks_cluster"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             const auto configs = blocks(v, "vpc_config");
             for (std::size_t i = 0; i < configs.size(); ++i) {
               if (unknown_in(v, "vpc_config", i, "endpoint_public_access") ||
                   unknown_in(v, "vpc_config", i, "public_access_cidrs")) {
                 continue;
               }
               // The provider's default is public, to everyone.
               if (configs[i].value("endpoint_public_access", json()) == false) continue;
               const json& cidrs = configs[i].value("public_access_cidrs", json());
               if (cidrs.is_null() || open_to_world(cidrs))
                 return "the API endpoint is public to 0.0.0.0/0";
             }
             return std::nullopt;
           }});
  rules.push_back(
      Rule{.id = "KSL-EC2-001",
           .title = "Instances require IMDSv2",
           .rationale = "IMDSv1 answers any request from the instance, which turns a server-side "
                        "request forgery into stolen credentials.",
           .remediation = "Set metadata_options { http_tokens = \"required\" }.",
           .controls = {"CIS AWS 5.6", "SOC 2 CC6.1"},
           .resource_types = {"aws_launch_template", "aws_instance"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             // The template's own options apply; the rule checks it.
             if (launched_from_template(v)) return std::nullopt;
             const auto options = blocks(v, "metadata_options");
             for (std::size_t i = 0; i < options.size(); ++i) {
               if (unknown_in(v, "metadata_options", i, "http_tokens") ||
                   options[i].value("http_tokens", json()) == "required") {
                 return std::nullopt;
               }
             }
             if (unknown(v, "metadata_options")) return std::nullopt;
             return "metadata_options.http_tokens is not \"required\"";
           }});
  add_encryption_rules(rules);
  add_transit_rules(rules);
  add_access_rules(rules);
  return rules;
}

}  // namespace keelson::policy
