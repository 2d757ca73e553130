#include "generators/terraform_root.h"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "generators/terraform_module.h"

namespace keelson {
namespace {

using nlohmann::json;

// Provider settings hold parameters and literals only (checked by planning).
const ReferenceRenderer kNoReferences = [](const Expr& ref) { return ref.target->address(); };

json backend_block(const Plan& plan, const Environment& env) {
  const Backend& b = env.backend;
  json s3 = {{"bucket", b.bucket},
             {"key", env.state_key(plan.app->name())},
             {"region", b.region.empty() ? env.region : b.region},
             {"encrypt", b.encrypt}};
  if (!b.kms_key_id.empty()) s3["kms_key_id"] = b.kms_key_id;
  if (!b.dynamodb_table.empty()) s3["dynamodb_table"] = b.dynamodb_table;
  if (b.use_lockfile) s3["use_lockfile"] = true;
  return {{"s3", std::move(s3)}};
}

json aws_settings(const Plan& plan, const Environment& env) {
  std::map<std::string, std::string> tags = plan.app->options().tags;
  tags["Environment"] = env.name;
  tags["ManagedBy"] = "keelson";
  for (const auto& [key, value] : env.tags) tags[key] = value;
  json settings = {{"region", env.region},
                   {"allowed_account_ids", json::array({env.account})},
                   {"default_tags", {{"tags", tags}}}};
  if (env.assume_role) {
    json role = {{"role_arn", env.assume_role->role_arn}};
    if (!env.assume_role->session_name.empty())
      role["session_name"] = env.assume_role->session_name;
    if (!env.assume_role->external_id.empty()) role["external_id"] = env.assume_role->external_id;
    settings["assume_role"] = std::move(role);
  }
  return settings;
}

json providers_document(const Plan& plan, const Environment& env) {
  json providers = json::object();
  for (const Provider* p : plan.app->providers()) {
    json settings = p->is_aws() ? aws_settings(plan, env) : json::object();
    for (const auto& [key, value] : p->config()) settings[key] = render_json(value, kNoReferences);
    if (!p->alias().empty()) settings["alias"] = p->alias();
    json& entry = providers[p->local_name()];
    if (entry.is_null()) {
      entry = std::move(settings);
    } else {
      if (!entry.is_array()) entry = json::array({std::move(entry)});
      entry.push_back(std::move(settings));
    }
  }
  return {{"provider", std::move(providers)}};
}

json module_call(const StackPlan& stack) {
  json call = {{"source", "../../modules/" + stack.stack->name()}};
  for (const Parameter* p : stack.parameters) call[p->name()] = "${var." + p->name() + "}";
  for (const auto& input : stack.inputs) {
    call[input.variable] = "${module." + input.producer->name() + "." + input.output + "}";
  }
  // Aliased configurations are never inherited, and once `providers` is given
  // it is the whole list, so a module using an alias gets every one it uses.
  const bool uses_alias = std::any_of(stack.providers.begin(), stack.providers.end(),
                                      [](const Provider* p) { return !p->alias().empty(); });
  if (uses_alias) {
    json providers = json::object();
    for (const Provider* p : stack.providers) providers[p->reference()] = p->reference();
    call["providers"] = std::move(providers);
  }
  json depends_on = json::array();
  for (const Stack* producer : stack.depends_on) depends_on.push_back("module." + producer->name());
  if (!depends_on.empty()) call["depends_on"] = std::move(depends_on);
  return call;
}

json outputs_document(const Plan& plan) {
  json outputs = json::object();
  for (const auto& stack : plan.stacks) {
    for (const auto& o : stack.stack->outputs()) {
      json block = {{"value", "${module." + stack.stack->name() + "." + o.name + "}"},
                    {"description", o.options.description}};
      if (o.options.sensitive) block["sensitive"] = true;
      outputs[stack.stack->name() + "_" + o.name] = std::move(block);
    }
  }
  return outputs;
}

}  // namespace

std::string root_directory(const std::string& environment) {
  return "terraform/environments/" + environment;
}

void emit_root(const Plan& plan, const Environment& env, const Value::Map& values, FileSet& files) {
  const std::string dir = root_directory(env.name) + "/";
  json terraform = {{"required_version", plan.app->options().terraform_version},
                    {"required_providers", required_providers(plan.app->providers(), false)},
                    {"backend", backend_block(plan, env)}};
  files[dir + "terraform.tf.json"] = json_text(json{{"terraform", std::move(terraform)}});
  files[dir + "providers.tf.json"] = json_text(providers_document(plan, env));

  json modules = json::object();
  for (const auto& stack : plan.stacks) modules[stack.stack->name()] = module_call(stack);
  files[dir + "main.tf.json"] = json_text(json{{"module", std::move(modules)}});

  json variables = json::object();
  for (const Parameter* p : plan.app->parameters()) variables[p->name()] = variable_block(*p);
  if (!variables.empty())
    files[dir + "variables.tf.json"] = json_text(json{{"variable", variables}});
  if (json outputs = outputs_document(plan); !outputs.empty()) {
    files[dir + "outputs.tf.json"] = json_text(json{{"output", std::move(outputs)}});
  }
  json tfvars = json::object();
  for (const auto& [name, value] : values) tfvars[name] = render_json(value, kNoReferences);
  files[dir + "terraform.tfvars.json"] = json_text(tfvars);
}

}  // namespace keelson
