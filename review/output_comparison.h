#ifndef KEELSON_REVIEW_OUTPUT_COMPARISON_H_
#define KEELSON_REVIEW_OUTPUT_COMPARISON_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "generators/file_set.h"

namespace keelson::schema {
class ProviderSchemas;
}

namespace keelson::review {

/// One changed value: an attribute of a resource, a Terraform variable, a
/// Helm value. Values are rendered as JSON (`"db.t4g.small"`, `3`, `true`,
/// `["a"]`), Terraform expressions as written (`"${var.x}"`).
struct ValueChange {
  /// `tags.Owner`, `ingress[0].cidr_blocks[1]`, `tags["kubernetes.io/role/elb"]`.
  std::string path;
  /// The value before and after; absent when the value is added or removed.
  std::optional<std::string> before;
  std::optional<std::string> after;
  /// Masked: `before` and `after` hold "(sensitive)".
  bool sensitive = false;
  /// Changing it makes the provider destroy and recreate the resource.
  bool forces_replacement = false;
};

/// What happens to one resource, in Terraform's words.
enum class Action { kCreate, kUpdate, kReplace, kDelete };

/// "create", "update", "replace", "delete".
const char* action_name(Action action);

/// One resource or data source whose declaration changed.
struct ResourceChange {
  /// `module.network.aws_vpc.main`, `module.network.data.aws_region.current`.
  std::string address;
  Action action = Action::kUpdate;
  /// The changed attributes (update and replace); empty for create and delete.
  std::vector<ValueChange> attributes;
};

/// A file added, removed or changed, named by its path in the output.
struct FileChange {
  enum class Kind { kAdded, kRemoved, kChanged };
  Kind kind = Kind::kChanged;
  std::string path;
  /// The bytes differ but no value does (key order, whitespace, `//` comments).
  bool formatting_only = false;
};

/// "added", "removed", "changed".
const char* kind_name(FileChange::Kind kind);

/// Resource counts in Terraform's plan summary.
struct Summary {
  int add = 0;
  int change = 0;
  int replace = 0;
  int destroy = 0;
  bool empty() const { return add + change + replace + destroy == 0; }
};

/// One module (`terraform/modules/<stack>/`), shared by the environments.
struct ModuleChanges {
  std::string name;
  std::vector<ResourceChange> resources;
  /// Variables, outputs, locals and the `terraform` block:
  /// `variable.db_class.default`, `output.vpc_id.value`.
  std::vector<ValueChange> settings;
  std::vector<FileChange> files;
  Summary summary() const;
  bool empty() const { return resources.empty() && settings.empty() && files.empty(); }
};

/// One environment's root (`terraform/environments/<env>/`).
struct EnvironmentChanges {
  std::string name;
  /// terraform.tfvars.json, by variable name.
  std::vector<ValueChange> tfvars;
  /// `terraform.backend.s3.key`.
  std::vector<ValueChange> backend;
  /// `provider.aws.default_tags.tags.Owner`.
  std::vector<ValueChange> providers;
  /// Module calls, variables, outputs, `required_providers`.
  std::vector<ValueChange> root;
  /// Resources declared in the root itself (rare).
  std::vector<ResourceChange> resources;
  /// Other files of the root (tests/plan.tftest.json), and whole-file changes.
  std::vector<FileChange> files;
  /// The modules the root calls, old or new: their resources count in its summary.
  std::vector<std::string> modules;
  bool empty() const {
    return tfvars.empty() && backend.empty() && providers.empty() && root.empty() &&
           resources.empty() && files.empty();
  }
};

/// One Helm chart (`helm-charts/<chart>/`).
struct ChartChanges {
  std::string name;
  /// Chart.yaml: `version`, `appVersion`, `dependencies[0].version`.
  std::vector<ValueChange> chart;
  /// Values by file: `values.yaml` (every environment's defaults) and
  /// `values-<env>.yaml`, each change a key path.
  std::map<std::string, std::vector<ValueChange>> values;
  /// templates/ files added, removed or changed.
  std::vector<FileChange> templates;
  /// Any other file of the chart (README.md, values.schema.json, tests/).
  std::vector<FileChange> files;
  bool empty() const {
    return chart.empty() && values.empty() && templates.empty() && files.empty();
  }
};

/// What differs between an output directory's files (before) and a fresh
/// synthesis (after), by module, environment and chart. Everything is
/// sorted, so the same inputs give the same comparison.
struct Comparison {
  std::vector<ModuleChanges> modules;
  /// Environments whose own files changed or that call a changed module.
  std::vector<EnvironmentChanges> environments;
  std::vector<ChartChanges> charts;
  /// Files outside Terraform and Helm (compliance/...).
  std::vector<FileChange> files;
  /// Files in the directory that keelson did not write: not compared.
  std::vector<std::string> ignored;

  /// Every resource change once (modules and roots).
  Summary summary() const;
  /// The resource changes an environment would see: those of its root and
  /// of every module it calls.
  Summary summary(const EnvironmentChanges& environment) const;
  /// True when no file differs.
  bool equal() const;
};

/// What the comparison needs besides the files.
struct CompareOptions {
  /// Attributes marked sensitive here are masked; may be null.
  const schema::ProviderSchemas* schemas = nullptr;
  /// Files of the directory keelson did not write, reported as ignored.
  std::vector<std::string> ignored;
};

/// Compares `before` (the directory's files keelson wrote, by relative path)
/// with `after` (a fresh synthesis). A JSON or YAML file of `before` that
/// cannot be parsed throws keelson::Error naming it (`before_name` + path).
Comparison compare_outputs(const FileSet& before, const FileSet& after,
                           const CompareOptions& options = {}, const std::string& before_name = "");

}  // namespace keelson::review

#endif  // KEELSON_REVIEW_OUTPUT_COMPARISON_H_
