#ifndef KEELSON_GENERATORS_TERRAFORM_MODULE_H_
#define KEELSON_GENERATORS_TERRAFORM_MODULE_H_

#include <string>

#include "generators/file_set.h"
#include "plan/wiring.h"

namespace keelson {

/// Writes the module of one stack into `files` under
/// `terraform/modules/<stack>/`: `main.tf.json` (resources, data sources,
/// module calls), `variables.tf.json`, `outputs.tf.json` and `versions.tf.json`.
void emit_module(const Plan& plan, const StackPlan& stack, FileSet& files);

/// The directory of a stack's module inside the output.
std::string module_directory(const Stack& stack);

/// A Terraform `variable` block for a parameter: type, description,
/// sensitive, default and one validation block per constraint, then one per
/// rule (`App::rule`) when `with_rules` is set: in roots, which declare every
/// parameter a rule may refer to.
Value variable_block(const Parameter& parameter, bool with_rules = false);

/// The `required_providers` entry of each provider configuration, merged by
/// local name, with `configuration_aliases` when `with_aliases` is set.
Value required_providers(const std::vector<const Provider*>& providers, bool with_aliases);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_TERRAFORM_MODULE_H_
