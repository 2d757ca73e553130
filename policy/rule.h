#ifndef KEELSON_POLICY_RULE_H_
#define KEELSON_POLICY_RULE_H_

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "environments/environment.h"
#include "policy/resource_index.h"
#include "policy/resource_view.h"

namespace keelson::policy {

enum class Severity { kError, kWarning, kInfo };

/// `error`, `warning` or `info`.
std::string_view severity_name(Severity severity);

/// What a rule knows of where it runs: the environment's name, its
/// `policy:` settings (required tags...), and the resources checked with the
/// one at hand, for rules that look across them (a bucket and its policy).
struct Context {
  std::string environment{};
  PolicySettings settings{};
  /// Set by find(): one stack's resources from the model, a whole plan's
  /// from `check --plan`.
  const std::vector<ResourceView>* resources = nullptr;
  /// Set by find(): `resources` by type and by reference.
  const ResourceIndex* index = nullptr;
};

/// The resources of `type` among `context.resources`.
const std::vector<const ResourceView*>& resources_of(const Context& context, std::string_view type);

/// The resources of `type` among `context.resources` whose argument `key`
/// refers to `target` (the policies of a bucket: type
/// `aws_s3_bucket_policy`, key `bucket`).
std::vector<const ResourceView*> referring_to(const Context& context, const ResourceView& target,
                                              std::string_view type, const char* key);
/// True in production: an environment named `prod` or `production`.
bool production(const Context& context);

/// One policy rule: what it checks, why, how to fix it, and the controls it
/// supports. The same rule runs on the synthesized model and on a plan.
struct Rule {
  std::string id{};  ///< e.g. `KSL-RDS-001`
  /// The pack it comes from (`security`, `reliability`...); builtin_rules()
  /// sets it.
  std::string pack{};
  std::string title{};  ///< one line, e.g. "RDS storage is encrypted at rest"
  Severity severity = Severity::kError;
  /// A different severity in the environments named here (multi-AZ is an
  /// error in prod, a warning elsewhere).
  std::vector<std::pair<std::string, Severity>> severity_in{};
  std::string rationale{};
  std::string remediation{};
  /// e.g. `CIS AWS 2.3.1`, `SOC 2 CC6.1`.
  std::vector<std::string> controls{};
  /// The resource types it looks at.
  std::vector<std::string> resource_types{};
  /// Other types it reads through `Context::resources` (a bucket's policy).
  std::vector<std::string> reads{};
  /// Why `view` breaks the rule, or nullopt when it does not (or cannot be
  /// known before apply).
  std::function<std::optional<std::string>(const ResourceView& view, const Context& context)>
      check{};
  /// Whether an environment asks for the rule at all; unset: every one does.
  /// Where it does not, nothing is checked and no evidence is claimed.
  std::function<bool(const Context& context)> asked{};

  /// The severity in `context`: its environment's `policy.severity`, else
  /// `severity_in`, else `severity`.
  Severity severity_for(const Context& context) const;
};

/// A rule broken by one resource.
struct Finding {
  const Rule* rule = nullptr;
  Severity severity = Severity::kError;
  std::string address;
  std::string message;
  std::string path;  ///< the construct path, from the model only
  SourceLocation where;
  /// Why it is accepted, when a suppression matches it; empty otherwise. A
  /// suppressed finding is reported but never fails a check.
  std::string suppressed{};
  SourceLocation suppressed_where{};
};

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_RULE_H_
