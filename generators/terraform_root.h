#ifndef KEELSON_GENERATORS_TERRAFORM_ROOT_H_
#define KEELSON_GENERATORS_TERRAFORM_ROOT_H_

#include <string>

#include "environments/environment.h"
#include "generators/file_set.h"
#include "plan/wiring.h"

namespace keelson {

/// Writes the root configuration of one environment into `files` under
/// `terraform/environments/<env>/`: `terraform.tf.json` (required version,
/// pinned providers, S3 backend), `providers.tf.json`, `main.tf.json` (one
/// module call per stack, wired), `variables.tf.json`, `outputs.tf.json` and
/// `terraform.tfvars.json` with the environment's parameter values, and
/// `tests/plan.tftest.json` when outputs declare what a plan must compute.
void emit_root(const Plan& plan, const Environment& environment, const Value::Map& values,
               FileSet& files);

/// The directory of an environment's root inside the output.
std::string root_directory(const std::string& environment);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_TERRAFORM_ROOT_H_
