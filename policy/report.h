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

/// SARIF 2.1.0 for code-scanning services: one run, the rules that fired as
/// the tool's rules, each finding a result at its source line.
std::string sarif_report(const std::vector<EnvironmentFindings>& results);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_REPORT_H_
