#ifndef KEELSON_ENVIRONMENTS_ENVIRONMENT_H_
#define KEELSON_ENVIRONMENTS_ENVIRONMENT_H_

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.h"
#include "dsl/parameter.h"
#include "dsl/value.h"
#include "environments/cost_settings.h"
#include "environments/yaml_tree.h"

namespace keelson {

/// A value given under `parameters:` in an environment file, as read: plain
/// scalars follow the YAML 1.2 core schema, quoted scalars are strings.
struct ParameterValue {
  Value value;
  /// The scalar as written (`1.20` stays `1.20`); empty for a list or map.
  std::string text;
  /// Where the value is written.
  SourceLocation where;
  /// `value` with every scalar as its original text (nulls stay null), so
  /// that plain scalars nested in lists and maps coerce to strings exactly.
  Value source = {};
};

/// What an environment file gives one chart under `charts.<chart>:`, as
/// read; checked against the chart's values schema at synthesis
/// (resolve_chart_values), when the charts are known.
struct ChartValuesInput {
  YamlNode::Ptr values;
  std::string file;
  SourceLocation where;  ///< the chart's key
};

/// The role Terraform assumes to reach the environment's account.
struct AssumeRole {
  std::string role_arn;
  std::string session_name;  ///< empty: Terraform's default
  std::string external_id;   ///< empty: none
};

/// The S3 backend holding the environment's Terraform state.
struct Backend {
  std::string bucket;
  std::string region;          ///< the environment's region unless given
  std::string key;             ///< may hold `{app}` and `{env}`
  std::string kms_key_id;      ///< empty: the bucket's default encryption
  std::string dynamodb_table;  ///< empty: no DynamoDB locking
  bool encrypt = true;
  /// S3 native locking: on unless the file sets `use_lockfile: false` or only
  /// `dynamodb_table`.
  bool use_lockfile = false;
};

/// A policy finding this environment accepts, with the reason (`policy.suppress`).
struct PolicySuppression {
  std::string rule{};    ///< a rule id, e.g. `KSL-ELC-001`
  std::string path{};    ///< a construct path or resource address it is limited to; empty: all
  std::string reason{};  ///< why: shown in every report, never empty
  SourceLocation where{};
};

/// How the policy rules apply to this environment (`policy:`).
struct PolicySettings {
  /// Tags every taggable resource must carry (its own or the default tags).
  std::vector<std::string> required_tags;
  /// A rule's severity here, by rule id: `error`, `warning` or `info`.
  std::map<std::string, std::string> severity;
  /// Where the `severity` entries are, for an unknown rule id.
  std::map<std::string, SourceLocation> severity_where;
  std::vector<PolicySuppression> suppress;
  /// Regions the environment may deploy to (`allowed_regions`); empty: any.
  std::vector<std::string> allowed_regions;
  /// Instance families the environment may run (`allowed_instance_families`:
  /// `t3`, `m6i`, `r6g`; `db.` and `cache.` prefixes are dropped); empty: any.
  std::vector<std::string> allowed_instance_families;
  /// An ECMAScript regular expression every resource's name must match as a
  /// whole (`naming`); empty: no naming rule. Checked to compile when read.
  std::string naming;
  /// Whether every IAM role must have a permissions boundary
  /// (`permission_boundary: true`, or the policy it must be).
  bool permission_boundary_required = false;
  /// The boundary policy every role must use: an ARN, or a policy name that
  /// the ARN ends with; empty: any boundary will do.
  std::string permission_boundary;
  /// Whether log groups must name a KMS key (`encrypted_log_groups: true`).
  bool encrypted_log_groups = false;
};

/// One deployment target, read from `environments/<name>.yaml`.
struct Environment {
  std::string name;
  /// The file it was read from, as given.
  std::string file;
  std::string region;
  /// The 12-digit AWS account ID, as written (leading zeros kept).
  std::string account;
  std::optional<AssumeRole> assume_role;
  Backend backend;
  /// Tags every resource of the environment carries.
  std::map<std::string, std::string> tags;
  /// Parameter values by parameter name.
  std::map<std::string, ParameterValue> parameters;
  /// Chart values by chart name (`charts:`).
  std::map<std::string, ChartValuesInput> charts;
  /// Policy settings (`policy:`).
  PolicySettings policy;
  /// The monthly budget and usage assumptions of the cost estimate (`cost:`).
  CostSettings cost;
  /// The file itself (line 1), for problems with no better place.
  SourceLocation where;
  /// Where `account`, `assume_role.role_arn` and the backend (its `key`, else
  /// its `bucket`) are written, for the isolation checks across environments.
  SourceLocation account_where;
  SourceLocation role_where;
  SourceLocation backend_where;
  /// `isolation.shared_account`: why this environment may share its AWS
  /// account with another (a sandbox account for dev and preview, say);
  /// empty: it may not.
  std::string shared_account_reason;
  /// The `parameters:` key, or `where` when the file has none.
  SourceLocation parameters_where;

  /// `backend.key` with `{app}` and `{env}` substituted.
  std::string state_key(std::string_view app) const;
};

/// Reads an environment from YAML text. `file` is used for diagnostics only;
/// `expected_name` (the file's stem, may be empty) is the environment's name
/// and a `name:` key must agree with it. Throws Error with every problem.
Environment parse_environment(std::string_view yaml_text, std::string file,
                              std::string expected_name);

/// Throws Error (K2030) when `directory` does not exist or is not a directory.
void require_environments_directory(const std::filesystem::path& directory);

/// Reads `<directory>/<name>.yaml` (or `.yml`). Throws Error when the
/// directory is missing or no such environment exists (listing those that
/// do), or when the file is invalid.
Environment load_environment(const std::filesystem::path& directory, std::string_view name);

/// The names (file stems) of the `*.yaml` and `*.yml` files in `directory`,
/// sorted; empty when the directory does not exist.
std::vector<std::string> list_environments(const std::filesystem::path& directory);

/// Coerces and checks the environment's values against the declared
/// parameters; returns name -> value for the values the environment gives
/// (defaults are left to Terraform). A string parameter given a plain scalar
/// (`1.28`, `true`) takes its text. Throws Error with all problems: unknown
/// parameter (with did-you-mean), missing value for a parameter with no
/// default, value of the wrong type, value failing Parameter::check, and any
/// value for a `sensitive` parameter: it would be committed in plain text, so
/// such parameters are given at plan time instead (`TF_VAR_<name>`). Each
/// diagnostic names the parameter and carries the value's file:line:column.
Value::Map resolve_parameters(const Environment& env,
                              const std::vector<const Parameter*>& declared);

}  // namespace keelson

#endif  // KEELSON_ENVIRONMENTS_ENVIRONMENT_H_
