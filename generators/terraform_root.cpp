#include "generators/terraform_root.h"

#include <algorithm>

#include "environments/default_tags.h"
#include "generators/json_writer.h"
#include "generators/terraform_module.h"
#include "generators/terraform_plan_test.h"
#include "plan/expression_renderer.h"

namespace keelson {
namespace {

Value backend_block(const Plan& plan, const Environment& env) {
  const Backend& b = env.backend;
  Value::Map s3{{"bucket", b.bucket},
                {"key", env.state_key(plan.app->name())},
                {"region", b.region.empty() ? env.region : b.region},
                {"encrypt", b.encrypt}};
  if (!b.kms_key_id.empty()) s3.emplace("kms_key_id", b.kms_key_id);
  if (!b.dynamodb_table.empty()) s3.emplace("dynamodb_table", b.dynamodb_table);
  if (b.use_lockfile) s3.emplace("use_lockfile", true);
  return Value::map({{"s3", std::move(s3)}});
}

Value::Map aws_settings(const Plan& plan, const Environment& env) {
  Value::Map settings{{"region", env.region},
                      {"allowed_account_ids", Value::list({env.account})},
                      {"default_tags", Value::map({{"tags", default_tags(*plan.app, env)}})}};
  if (env.assume_role) {
    Value::Map role{{"role_arn", env.assume_role->role_arn}};
    if (!env.assume_role->session_name.empty()) {
      role.emplace("session_name", env.assume_role->session_name);
    }
    if (!env.assume_role->external_id.empty()) {
      role.emplace("external_id", env.assume_role->external_id);
    }
    settings.emplace("assume_role", std::move(role));
  }
  return settings;
}

Value providers_document(const Plan& plan, const Environment& env) {
  Value::Map providers;
  for (const Provider* p : plan.app->providers()) {
    Value::Map settings = p->is_aws() ? aws_settings(plan, env) : Value::Map{};
    for (const auto& [key, value] : p->config()) {
      settings.insert_or_assign(key, with_environment(value, env.name));
    }
    if (!p->alias().empty()) settings.insert_or_assign("alias", p->alias());
    Value& entry = providers[p->local_name()];
    if (entry.is_null()) {
      entry = std::move(settings);
    } else {
      if (entry.kind() != Value::Kind::kList) entry = Value::list({std::move(entry)});
      entry.as_list().emplace_back(std::move(settings));
    }
  }
  return Value::map({{"provider", std::move(providers)}});
}

Value module_call(const StackPlan& stack, const Environment& env) {
  Value::Map call{{"source", "../../modules/" + stack.stack->name()}};
  for (const Parameter* p : stack.parameters) call.emplace(p->name(), p->ref());
  if (stack.uses_environment) call.emplace("environment", env.name);
  for (const auto& input : stack.inputs) {
    call.emplace(input.variable, raw("module." + input.producer->name() + "." + input.output));
  }
  // Aliased configurations are never inherited, and once `providers` is given
  // it is the whole list, so a module using an alias gets every one it uses.
  const bool uses_alias = std::any_of(stack.providers.begin(), stack.providers.end(),
                                      [](const Provider* p) { return !p->alias().empty(); });
  if (uses_alias) {
    Value::Map providers;
    for (const Provider* p : stack.providers) providers.emplace(p->reference(), p->reference());
    call.emplace("providers", std::move(providers));
  }
  Value::List depends_on;
  for (const Stack* producer : stack.depends_on)
    depends_on.emplace_back("module." + producer->name());
  if (!depends_on.empty()) call.emplace("depends_on", std::move(depends_on));
  return call;
}

Value outputs_document(const Plan& plan) {
  Value::Map outputs;
  for (const auto& stack : plan.stacks) {
    for (const auto& o : stack.stack->outputs()) {
      Value::Map block{{"value", raw("module." + stack.stack->name() + "." + o.name)},
                       {"description", o.options.description}};
      if (o.options.sensitive) block.emplace("sensitive", true);
      outputs.emplace(stack.stack->name() + "_" + o.name, std::move(block));
    }
  }
  return outputs.empty() ? Value() : Value::map({{"output", std::move(outputs)}});
}

}  // namespace

std::string root_directory(const std::string& environment) {
  return "terraform/environments/" + environment;
}

void emit_root(const Plan& plan, const Environment& env, const Value::Map& values, FileSet& files) {
  const std::string dir = root_directory(env.name) + "/";
  auto write = [&](const std::string& name, const Value& document) {
    files[dir + name] = json_document(document, plan.root_references);
  };
  write("terraform.tf.json",
        Value::map(
            {{"terraform",
              Value::map({{"required_version", plan.app->options().terraform_version},
                          {"required_providers", required_providers(plan.app->providers(), false)},
                          {"backend", backend_block(plan, env)}})}}));
  write("providers.tf.json", providers_document(plan, env));

  Value::Map modules;
  for (const auto& stack : plan.stacks) {
    modules.emplace(stack.stack->name(), module_call(stack, env));
  }
  write("main.tf.json", Value::map({{"module", std::move(modules)}}));

  Value::Map variables;
  for (const Parameter* p : plan.app->parameters())
    variables.emplace(p->name(), variable_block(*p, /*with_rules=*/true));
  if (!variables.empty())
    write("variables.tf.json", Value::map({{"variable", std::move(variables)}}));
  if (Value outputs = outputs_document(plan); !outputs.is_null()) write("outputs.tf.json", outputs);
  write("terraform.tfvars.json", values);
  if (Value test = plan_test_document(plan, env, values); !test.is_null())
    write("tests/plan.tftest.json", test);
}

}  // namespace keelson
