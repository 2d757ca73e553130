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

// An Allow of every action on every resource: administrator access. Only a
// document known before apply can be read: `jsonencode` of literals (both
// inputs), a JSON string, or a policy document data source's JSON once the
// plan has read it.
Result full_admin(const ResourceView& v) {
  const json* text = known(v, "policy");
  if (text == nullptr || !text->is_string()) return std::nullopt;
  const json document = json::parse(text->get<std::string>(), nullptr, false);
  if (!document.is_object()) return std::nullopt;
  json statements = document.value("Statement", json());
  if (statements.is_object()) statements = json::array({statements});
  if (!statements.is_array()) return std::nullopt;
  for (const auto& s : statements) {
    if (!s.is_object() || s.value("Effect", json()) != "Allow") continue;
    if (has_star(s.value("Action", json()), "*:*") && has_star(s.value("Resource", json()), "*")) {
      const json& id = s.value("Sid", json());
      const std::string sid = id.is_string() ? id.get<std::string>() : "";
      return sid.empty()
                 ? std::string("a statement allows \"*\" actions on \"*\" resources")
                 : fmt::format("statement \"{}\" allows \"*\" actions on \"*\" resources", sid);
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
                          "stacks/iam.h), or attach a narrower AWS-managed policy.",
           .controls = {"CIS AWS 1.16", "SOC 2 CC6.3"},
           .resource_types = {"aws_iam_policy", "aws_iam_role_policy", "aws_iam_user_policy",
                              "aws_iam_group_policy"},
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
