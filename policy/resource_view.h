#ifndef KEELSON_POLICY_RESOURCE_VIEW_H_
#define KEELSON_POLICY_RESOURCE_VIEW_H_

#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostic.h"

namespace keelson::policy {

/// One managed resource as the rules see it, whichever input it comes from:
/// the synthesized model of one environment, or a plan in the format of
/// `terraform show -json`. `after` holds the values known before apply, in
/// the plan's layout (nested blocks as lists of objects); a value the cloud
/// computes, or an expression keelson cannot evaluate, is absent from
/// `after` and `true` at its place in `after_unknown`.
struct ResourceView {
  std::string type{};     ///< e.g. `aws_db_instance`
  std::string address{};  ///< e.g. `module.database.aws_db_instance.postgres`
  nlohmann::json after = nlohmann::json::object();
  nlohmann::json after_unknown = nlohmann::json::object();
  /// The resources each argument refers to, by their address inside the
  /// module (`aws_s3_bucket.logs`, `data.aws_region.current`): what links a
  /// bucket policy to its bucket while the bucket's name is still unknown.
  /// The model takes them from the argument's expression; a plan from its
  /// `configuration` (`expressions.<argument>.references`).
  std::map<std::string, std::vector<std::string>> references{};
  /// How many instances it stands for: a plan lists each instance apart
  /// (1); the model sees a counted resource once, with its evaluated
  /// `count` (or `for_each` size), nullopt when unknown before apply.
  std::optional<std::size_t> instances = 1;
  /// From a plan only: `true` where the value is sensitive (`after_sensitive`):
  /// from a sensitive variable given at plan time, read from a vault by a
  /// data source, or an argument the provider marks sensitive that the
  /// configuration does not write as a constant (plan_views unmarks those).
  /// The model has no such values: a sensitive parameter has none in the
  /// environment file, and data sources are read at plan time.
  nlohmann::json after_sensitive = nlohmann::json::object();
  /// From the model only: the construct path and the line that declared it.
  std::string path{};
  SourceLocation where{};
};

/// The view of the AWS provider's configuration (type and address
/// `provider.aws`): `after.region` is the region the resources are made in.
/// The model makes it from the environment file, a plan from its
/// `configuration.provider_config`.
inline constexpr const char* kAwsProvider = "provider.aws";
/// The types of the views of what an environment gives besides resources,
/// for the rules that read it: one Terraform variable's value (the root's
/// tfvars or the variable's default), address `var.<name>`, `after` holding
/// `{<name>: value}`; one string of a chart's values for the environment
/// (its `values-<env>.yaml`), address `charts.<chart>.<path>`, `after`
/// holding `{<last key>: value}`. Neither is a provider's resource type.
inline constexpr const char* kVariableView = "tfvar";
inline constexpr const char* kChartValueView = "helm_value";

/// True for a view of kVariableView or kChartValueView.
bool input_view(const ResourceView& view);

/// Whether a value is known, and if so whether it is `true`.
enum class Truth { kTrue, kFalse, kUnknown };

/// The value at `key` of `view.after` as a truth: `true` or `"true"` is
/// true; absent or null is false (the provider's default for the flags the
/// rules read); unknown when the plan cannot know it.
Truth truth(const ResourceView& view, const char* key);

/// The value at `key`, or nullptr when it is absent, null or unknown.
const nlohmann::json* known(const ResourceView& view, const char* key);

/// True when the plan cannot know the value at `key`.
bool unknown(const ResourceView& view, const char* key);

/// True when the plan cannot know `key` of the `index`th `block` (a nested
/// block, or an object in a list).
bool unknown_in(const ResourceView& view, const char* block, std::size_t index, const char* key);

/// A nested block's value as a list of objects: a plan writes every nested
/// block as a list, the model a block inside a block as one object. Anything
/// else (absent, null, unknown) is no object.
std::vector<nlohmann::json> items(const nlohmann::json& value);

/// The nested blocks called `name` of `view` (lists of objects in a plan).
std::vector<nlohmann::json> blocks(const ResourceView& view, const char* name);

/// The module `view` is in (`module.storage`, empty for the root) and its
/// address inside it, without an instance key (`aws_s3_bucket.logs`).
std::string module_of(const ResourceView& view);
std::string local_address(const ResourceView& view);

/// Whether `from`'s argument `key` refers to `to`: by reference, within one
/// module, or by the same known value as `to`'s own `key` (a bucket named by
/// a literal in both).
bool refers_to(const ResourceView& from, const char* key, const ResourceView& to);

/// An RDS read replica (`replicate_source_db` set): it inherits encryption
/// from its source and keeps no backups of its own.
bool rds_read_replica(const ResourceView& view);

/// Given a launch template, whose settings (metadata options...) it takes.
bool launched_from_template(const ResourceView& view);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_RESOURCE_VIEW_H_
