// Who can reach what: database placement and authentication, IAM
// wildcards, the integrity of the audit trail.
#include <fmt/core.h>

#include "policy/security_themes.h"

namespace keelson::policy {
namespace {

using nlohmann::json;
using Result = std::optional<std::string>;

// The engines whose users can log in with an IAM token.
bool iam_auth_engine(const json& engine) {
  for (const char* name : {"postgres", "mysql", "mariadb", "aurora-postgresql", "aurora-mysql"})
    if (engine == name) return true;
  return false;
}

// A string or a list of strings, as IAM allows for Action and Resource.
bool has_star(const json& value, const char* star) {
  if (value == star || value == "*") return true;
  if (!value.is_array()) return false;
  for (const auto& item : value)
    if (item == star || item == "*") return true;
  return false;
}

// The statement of a policy document that allows every action on every
// resource, described; nullopt when none does. `NotAction` in an Allow on
// every resource counts too: all actions but a few is still administrator
// access.
Result admin_statement(const std::string& text) {
  const json document = json::parse(text, nullptr, false);
  if (!document.is_object()) return std::nullopt;
  json statements = document.value("Statement", json());
  if (statements.is_object()) statements = json::array({statements});
  if (!statements.is_array()) return std::nullopt;
  for (const auto& s : statements) {
    if (!s.is_object() || s.value("Effect", json()) != "Allow") continue;
    if (!has_star(s.value("Resource", json()), "*")) continue;
    const bool every_action = has_star(s.value("Action", json()), "*:*");
    const bool all_but = s.contains("NotAction");
    if (!every_action && !all_but) continue;
    const json& id = s.value("Sid", json());
    const std::string which = id.is_string() && !id.get<std::string>().empty()
                                  ? fmt::format("statement \"{}\"", id.get<std::string>())
                                  : std::string("a statement");
    return fmt::format("{} allows {} on \"*\" resources", which,
                       every_action ? "\"*\" actions" : "every action but its NotAction");
  }
  return std::nullopt;
}

// Administrator access in a policy resource or a role's inline policies.
// Only a document known before apply can be read: `jsonencode` of literals
// (both inputs), a JSON string, or a policy document data source's JSON
// once the plan has read it.
Result full_admin(const ResourceView& v) {
  if (const json* text = known(v, "policy"); text != nullptr && text->is_string())
    return admin_statement(text->get<std::string>());
  const json* inline_policies = known(v, "inline_policy");
  if (inline_policies == nullptr || !inline_policies->is_array()) return std::nullopt;
  for (const auto& block : *inline_policies) {
    const json policy = block.is_object() ? block.value("policy", json()) : json();
    if (!policy.is_string()) continue;
    if (auto found = admin_statement(policy.get<std::string>())) {
      return fmt::format("inline policy \"{}\": {}", block.value("name", ""), *found);
    }
  }
  return std::nullopt;
}

}  // namespace

void add_access_rules(std::vector<Rule>& rules) {
  rules.push_back(
      Rule{.id = "KSL-RDS-021",
           .title = "RDS instances are placed in a DB subnet group",
           .rationale = "Without a subnet group an instance lands in the default VPC's default "
                        "subnets, outside the network's private database tier and its ACLs.",
           .remediation = "Set db_subnet_group_name to a group of private subnets (DatabaseStack "
                          "makes one from the network's database subnets).",
           .controls = {"SOC 2 CC6.6"},
           .resource_types = {"aws_db_instance"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             // A replica in the source's region shares its source's subnet group.
             if (rds_read_replica(v)) return std::nullopt;
             if (known(v, "db_subnet_group_name") != nullptr || unknown(v, "db_subnet_group_name"))
               return std::nullopt;
             return "db_subnet_group_name is not set: the instance goes to the default VPC";
           }});
  rules.push_back(
      Rule{.id = "KSL-RDS-022",
           .title = "RDS instances accept IAM database authentication",
           .severity = Severity::kWarning,
           .rationale = "IAM tokens expire in 15 minutes and are granted by role; with passwords "
                        "alone, every client holds a long-lived secret that outlives its owner.",
           .remediation = "Set iam_database_authentication_enabled = true (DatabaseStack does) and "
                          "grant rds-db:connect to the roles that connect.",
           .controls = {"SOC 2 CC6.1", "SOC 2 CC6.2"},
           .resource_types = {"aws_db_instance"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             // Oracle, SQL Server and Db2 do not support it.
             const json* engine = known(v, "engine");
             if (engine != nullptr && !iam_auth_engine(*engine)) return std::nullopt;
             if (truth(v, "iam_database_authentication_enabled") != Truth::kFalse)
               return std::nullopt;
             return "iam_database_authentication_enabled is not true";
           }});
  rules.push_back(
      Rule{.id = "KSL-IAM-001",
           .title = "No IAM policy allows every action on every resource",
           .rationale = "\"Action\": \"*\" on \"Resource\": \"*\" is administrator access: whoever "
                        "holds the role, user or group can do anything, including grant themselves "
                        "more.",
           .remediation = "List the actions and resources the principal needs (PolicyStatement in "
                          "stacks/iam.h), or attach a narrower AWS-managed policy; an Allow with "
                          "NotAction on every resource is no narrower.",
           .controls = {"CIS AWS 1.16", "SOC 2 CC6.3"},
           .resource_types = {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy",
                              "aws_iam_group_policy", "aws_iam_role"},
           .check = [](const ResourceView& v, const Context&) -> Result { return full_admin(v); }});
  rules.push_back(Rule{
      .id = "KSL-CT-001",
      .title = "CloudTrail validates its log files",
      .rationale = "Without digest files nobody can prove that a log was not edited or deleted "
                   "after delivery, which is what an audit trail is for.",
      .remediation = "Set enable_log_file_validation = true.",
      .controls = {"CIS AWS 3.2", "SOC 2 CC7.2"},
      .resource_types = {"aws_cloudtrail"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (truth(v, "enable_log_file_validation") != Truth::kFalse) return std::nullopt;
        return "enable_log_file_validation is not true";
      }});
}

}  // namespace keelson::policy
