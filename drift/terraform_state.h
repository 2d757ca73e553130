#ifndef KEELSON_DRIFT_TERRAFORM_STATE_H_
#define KEELSON_DRIFT_TERRAFORM_STATE_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace keelson::drift {

/// One managed resource instance as Terraform last recorded it.
struct StateResource {
  std::string address{};  ///< `module.storage.aws_s3_bucket.artifacts`, `...private[0]`
  std::string type{};     ///< `aws_s3_bucket`
  nlohmann::json values = nlohmann::json::object();  ///< its attributes, by schema
  /// `true` where a value is sensitive (the state's `sensitive_values`).
  nlohmann::json sensitive = nlohmann::json::object();
};

/// What a refresh-only plan found changed outside Terraform for one instance
/// (`resource_drift`): `update`, or `delete` when the object is gone.
struct OutsideChange {
  std::string address{};
  std::string action{};
};

/// The resources Terraform knows of, from either input `drift` reads.
struct TerraformState {
  /// "state" or "plan", as given on the command line.
  std::string kind{};
  /// Managed resources only, sorted by address; data sources are left out.
  std::vector<StateResource> resources{};
  /// From a plan only, sorted by address.
  std::vector<OutsideChange> outside_changes{};
};

/// Reads the JSON of `terraform show -json` (or `tofu show -json`) without a
/// plan file: the state, `values.root_module` with its `child_modules`.
/// `source_name` names the input in errors. An empty state
/// (`{"format_version": "1.0"}`) has no resources. Throws keelson::Error:
/// K7002 not JSON, K7003 `format_version` missing or of another major
/// version, K7004 not a state (a plan, or neither), K7005 a resource entry
/// without its address, type, mode or values.
TerraformState read_state(std::string_view json_text, std::string_view source_name);

/// Reads the JSON of `terraform show -json PLANFILE` of a refresh-only plan
/// (`plan -refresh-only -out PLANFILE`): `prior_state`, the state as the
/// refresh found the objects, and `resource_drift`, what changed outside
/// Terraform since the last run. Errors as read_state(); K7004 when it is a
/// state, not a plan.
TerraformState read_refresh_plan(std::string_view json_text, std::string_view source_name);

}  // namespace keelson::drift

#endif  // KEELSON_DRIFT_TERRAFORM_STATE_H_
