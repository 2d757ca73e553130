#ifndef KEELSON_POLICY_REPORT_H_
#define KEELSON_POLICY_REPORT_H_

#include <map>
#include <string>
#include <vector>

#include "environments/environment.h"
#include "policy/rule.h"

namespace keelson::policy {

/// One environment's findings, for the reports.
struct EnvironmentFindings {
  std::string environment;
  std::vector<Finding> findings;
  std::vector<PolicySuppression> unused;  ///< suppressions that matched nothing
  /// Rule id → the addresses of the resources it looked at, in order.
  std::map<std::string, std::vector<std::string>> checked{};
};

/// Text for people: per environment, errors then warnings then infos, each
/// with its rule, address, construct path and source line; then what is
/// suppressed, with the reason; then suppressions that match nothing; then
/// a count.
std::string text_report(const std::vector<EnvironmentFindings>& results);

/// JSON for scripts: a list of findings with every field.
std::string json_report(const std::vector<EnvironmentFindings>& results);

/// Where the SARIF report's paths are relative to, and what a finding
/// without a source line points at.
struct SarifOptions {
  /// Source files below this directory (the repository's root; `check`
  /// gives the working directory) get URIs relative to it, as code scanning
  /// wants; others get absolute `file://` URIs. Empty: paths as they are.
  std::string root{};
  /// The file a finding with no source line is located in: the plan's
  /// (`check --plan`) for a resource the model does not declare.
  std::string input{};
  /// The tool's version.
  std::string version{};
};

/// SARIF 2.1.0 for code-scanning services, valid against the OASIS schema
/// and in the subset GitHub code scanning reads: one run, the rules that
/// fired as the tool's rules (help in text and Markdown, tags, and for the
/// security pack a `security-severity`), each finding a result at its source
/// line with a stable `partialFingerprints` entry.
std::string sarif_report(const std::vector<EnvironmentFindings>& results,
                         const SarifOptions& options = {});

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_REPORT_H_
