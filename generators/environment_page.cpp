#include "generators/environment_page.h"

#include "generators/module_page.h"

namespace keelson {

std::string environment_page(const DocsModel& model, const DocEnvironment& env) {
  using nlohmann::json;
  const std::string root = "terraform/environments/" + env.name;
  std::string out = "# Environment `" + env.name + "`\n\n";
  out += "The root `" + root + "/` of the App `" + model.app + "`. Runbook: [runbooks/" + env.name +
         ".md](../runbooks/" + env.name + ".md).\n\n";
  out += "| Setting | Value |\n| --- | --- |\n";
  out += "| Region | " + code_cell(env.region) + " |\n";
  out += "| Account | " + code_cell(env.account) + " |\n";
  if (const auto it = model.files->find(root + "/terraform.tf.json"); it != model.files->end()) {
    const json terraform = json::parse(it->second).value("terraform", json::object());
    if (terraform.contains("backend") && terraform.at("backend").contains("s3")) {
      const json& s3 = terraform.at("backend").at("s3");
      out += "| State | " +
             code_cell("s3://" + s3.value("bucket", "") + "/" + s3.value("key", "")) + " |\n";
      if (s3.contains("dynamodb_table")) {
        out +=
            "| State lock | DynamoDB table " + code_cell(s3.value("dynamodb_table", "")) + " |\n";
      } else if (s3.value("use_lockfile", false)) {
        out += "| State lock | S3 lock file |\n";
      }
    }
    if (terraform.contains("required_version")) {
      out +=
          "| Terraform / OpenTofu | " + code_cell(terraform.value("required_version", "")) + " |\n";
    }
  }
  out += "\n## Modules\n\n";
  for (const auto& module : model.modules) {
    if (!env.module_calls.contains(module.name)) continue;
    out += "- [" + module.name + "](../modules/" + module.name +
           ".md): " + std::to_string(module.resources.size()) + " resource(s)\n";
  }
  out += "\n## Parameters\n\n";
  if (env.variables.empty()) {
    out += "None.\n";
  } else {
    out += "| Name | Type | Description | Value |\n| --- | --- | --- | --- |\n";
    for (const auto& [name, variable] : env.variables.items()) {
      std::string value;
      if (variable.value("sensitive", false)) {
        value = "(sensitive)";
      } else if (env.tfvars.contains(name)) {
        value = code_cell(env.tfvars.at(name).dump());
      } else if (variable.contains("default")) {
        value = code_cell(variable.at("default").dump()) + " (default)";
      } else {
        value = "(set at apply: `TF_VAR_" + name + "`)";
      }
      out += "| " + code_cell(name) + " | " + code_cell(variable.value("type", "any")) + " | " +
             table_cell(variable.value("description", "")) + " | " + value + " |\n";
    }
  }
  if (!model.charts.empty()) {
    out += "\n## Charts\n\n";
    for (const auto& chart : model.charts) {
      const std::string values = "helm-charts/" + chart + "/values-" + env.name + ".yaml";
      out += "- [" + chart + "](../charts/" + chart + ".md)" +
             (model.files->count(values) ? ", values `" + values + "`" : "") + "\n";
    }
  }
  return out;
}

}  // namespace keelson
