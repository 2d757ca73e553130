#include <fmt/core.h>

#include <algorithm>

#include "dsl/secret_names.h"
#include "policy/rule_packs.h"
#include "policy/secret_scan.h"

namespace keelson::policy {
namespace {

using nlohmann::json;
using Result = std::optional<std::string>;

const std::vector<std::string> kControls = {"SOC 2 CC6.1", "CWE-798", "OWASP ASVS 2.10.4"};

// The arguments the vault rules below read: the secret scan leaves them to
// those rules, so one literal password is one finding.
bool vault_argument(const std::string& type, const std::string& key) {
  return (type == "aws_db_instance" && key == "password") ||
         (type == "aws_rds_cluster" && key == "master_password") ||
         (type == "aws_elasticache_replication_group" && key == "auth_token") ||
         (type == "aws_elasticache_user" && key == "passwords");
}

// A Lambda variable named like a secret: KSL-SEC-012 reports any value of it.
bool vault_variable(const std::string& type, const SecretAt& at) {
  if (type != "aws_lambda_function" || !at.path.starts_with("environment[")) return false;
  return looks_like_secret_name(at.path.substr(at.path.rfind('.') + 1));
}

const json& marks(const json& sensitive, const std::string& key) {
  static const json kNone;
  return sensitive.is_object() && sensitive.contains(key) ? sensitive[key] : kNone;
}

// A value written before apply that no vault gave: known, and not marked
// sensitive by the plan (a sensitive variable or a data source read).
const json* literal(const ResourceView& view, const char* key) {
  if (marks(view.after_sensitive, key) == true) return nullptr;
  return known(view, key);
}

Result found(const std::vector<SecretAt>& secrets) {
  if (secrets.empty()) return std::nullopt;
  return "plaintext secret: " + describe_secrets(secrets);
}

// `KEY` of an environment variable map holding a literal.
std::vector<std::string> secret_variables(const json& variables, const json& sensitive) {
  std::vector<std::string> out;
  if (!variables.is_object()) return out;
  for (const auto& [name, value] : variables.items()) {
    if (!looks_like_secret_name(name) || marks(sensitive, name) == true) continue;
    if (value.is_string() && !value.get<std::string>().empty()) out.push_back(name);
  }
  return out;
}

Result secret_environment(const std::vector<std::string>& names, const char* where) {
  if (names.empty()) return std::nullopt;
  std::string list;
  for (const auto& name : names) list += (list.empty() ? "" : ", ") + name;
  return fmt::format("{} holds a value for {}: a secret in plain text (****)", where, list);
}

}  // namespace

std::vector<Rule> secret_rules() {
  std::vector<Rule> rules;
  rules.push_back(Rule{
      .id = "KSL-SEC-001",
      .title = "No plaintext secret in a resource's arguments",
      .rationale = "A key, token or password written into an argument is committed with the "
                   "Terraform, stored in the state and shown in every plan.",
      .remediation = "Keep the secret in Secrets Manager or SSM Parameter Store and pass its ARN, "
                     "or read it with a data source; never write its value.",
      .controls = kControls,
      .resource_types = {"*"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (input_view(v)) return std::nullopt;
        // One walk of the arguments, leaving out tags_all (it repeats tags,
        // and the default tags are the environment's) and vault arguments.
        json skip = v.after_sensitive.is_object() ? v.after_sensitive : json::object();
        skip["tags_all"] = true;
        for (const auto& [key, value] : v.after.items())
          if (vault_argument(v.type, key)) skip[key] = true;
        std::vector<SecretAt> secrets;
        for (auto& at : scan_json(v.after, "", skip))
          if (!vault_variable(v.type, at)) secrets.push_back(std::move(at));
        return found(secrets);
      }});
  rules.push_back(Rule{
      .id = "KSL-SEC-002",
      .title = "No plaintext secret in an environment's Terraform variables",
      .rationale = "terraform.tfvars.json and the variables' defaults are committed: a secret "
                   "there is readable by everyone who reads the repository, forever.",
      .remediation = "Declare the parameter sensitive and give it at plan time (TF_VAR_<name>), "
                     "or keep the secret in Secrets Manager and give the parameter its ARN.",
      .controls = kControls,
      .resource_types = {kVariableView},
      .check = [](const ResourceView& v, const Context&) -> Result {
        return found(scan_json(v.after, "", v.after_sensitive));
      }});
  rules.push_back(
      Rule{.id = "KSL-SEC-003",
           .title = "No plaintext secret in a chart's values",
           .rationale = "values-<env>.yaml is committed and handed to Helm, which stores it in the "
                        "release: a secret there, whatever its key, is in plain text twice.",
           .remediation = "Keep it in a Secret (made by the External Secrets Operator from Secrets "
                          "Manager) and give the chart the Secret's name.",
           .controls = kControls,
           .resource_types = {kChartValueView},
           .check = [](const ResourceView& v, const Context&) -> Result {
             // The view holds one string, named by the view's address.
             for (const auto& [key, value] : v.after.items()) {
               if (auto match = value.is_string() ? detect_secret(value.get<std::string>(), false)
                                                  : std::nullopt) {
                 return fmt::format("plaintext secret: {} ({})", match->kind, match->masked);
               }
             }
             return std::nullopt;
           }});
  rules.push_back(Rule{
      .id = "KSL-SEC-010",
      .title = "Database master passwords come from Secrets Manager",
      .rationale = "A master password written in the configuration is in the repository and the "
                   "state; RDS can keep it in Secrets Manager and rotate it instead.",
      .remediation = "Set manage_master_user_password = true (DatabaseStack does), or read the "
                     "password from Secrets Manager with a data source.",
      .controls = kControls,
      .resource_types = {"aws_db_instance", "aws_rds_cluster"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (truth(v, "manage_master_user_password") != Truth::kFalse) return std::nullopt;
        const char* key = v.type == "aws_db_instance" ? "password" : "master_password";
        const json* value = literal(v, key);
        if (value == nullptr || !value->is_string()) return std::nullopt;
        return fmt::format(
            "{} is a value in the configuration or the tfvars ({}), not kept by RDS in "
            "Secrets Manager",
            key, mask_secret(value->get<std::string>()));
      }});
  rules.push_back(
      Rule{.id = "KSL-SEC-011",
           .title = "ElastiCache AUTH tokens and user passwords come from a vault",
           .rationale = "A Redis AUTH token or user password in the configuration is in the "
                        "repository and the state, and rotating it means a commit.",
           .remediation = "Use IAM authentication (DatabaseStack's Redis does: authentication_mode "
                          "iam, no password), or read the token from Secrets Manager.",
           .controls = kControls,
           .resource_types = {"aws_elasticache_replication_group", "aws_elasticache_user"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             const char* key = v.type == "aws_elasticache_user" ? "passwords" : "auth_token";
             const json* value = literal(v, key);
             if (value == nullptr) return std::nullopt;
             const bool some = value->is_string() ? !value->get<std::string>().empty()
                                                  : value->is_array() && !value->empty();
             if (!some) return std::nullopt;
             return fmt::format("{} is a value in the configuration or the tfvars (****)", key);
           }});
  rules.push_back(Rule{
      .id = "KSL-SEC-012",
      .title = "Lambda and ECS environment variables named like secrets hold no values",
      .rationale = "Environment variables are shown in the console and the API to anyone who may "
                   "read the function or task definition, and are committed with the Terraform.",
      .remediation = "Give the function the secret's ARN and read it at run time (or the "
                     "Parameters and Secrets extension); in ECS, use the container's `secrets` "
                     "with `valueFrom` instead of `environment`.",
      .controls = kControls,
      .resource_types = {"aws_lambda_function", "aws_ecs_task_definition"},
      .check = [](const ResourceView& v, const Context&) -> Result {
        if (v.type == "aws_lambda_function") {
          const json* environment = known(v, "environment");
          if (environment == nullptr || !environment->is_array()) return std::nullopt;
          const json& sensitive = marks(v.after_sensitive, "environment");
          for (std::size_t i = 0; i < environment->size(); ++i) {
            const json& block = (*environment)[i];
            if (!block.is_object() || !block.contains("variables")) continue;
            const json& marked =
                sensitive.is_array() && i < sensitive.size() ? sensitive[i] : json();
            if (marked == true) continue;
            if (auto r = secret_environment(
                    secret_variables(block["variables"], marks(marked, "variables")),
                    "environment.variables"))
              return r;
          }
          return std::nullopt;
        }
        const json* text = literal(v, "container_definitions");
        if (text == nullptr || !text->is_string()) return std::nullopt;
        const json containers = json::parse(text->get<std::string>(), nullptr, false);
        if (!containers.is_array()) return std::nullopt;
        std::vector<std::string> names;
        for (const auto& container : containers) {
          if (!container.is_object() || !container.contains("environment")) continue;
          for (const auto& variable : container["environment"]) {
            if (!variable.is_object()) continue;
            const std::string name = variable.value("name", "");
            const json value = variable.value("value", json());
            if (looks_like_secret_name(name) && value.is_string() &&
                !value.get<std::string>().empty())
              names.push_back(container.value("name", "?") + "." + name);
          }
        }
        return secret_environment(names, "container_definitions environment");
      }});
  return rules;
}

}  // namespace keelson::policy
