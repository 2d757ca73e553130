#ifndef KEELSON_GENERATORS_COMPLIANCE_REPORT_H_
#define KEELSON_GENERATORS_COMPLIANCE_REPORT_H_

#include <string>
#include <vector>

#include "generators/file_set.h"

namespace keelson {

/// A resource a rule found wanting: why, and when accepted, the reason.
struct ComplianceGap {
  std::string address;
  std::string message;
  std::string suppressed{};  ///< the reason it is accepted; empty: it is not
};

/// What one rule found in one environment: the resources it checked that
/// satisfy it, and those that do not.
struct RuleEvidence {
  std::string id;
  std::string title;
  std::string severity;  ///< in this environment: error, warning or info
  std::vector<std::string> controls;
  std::vector<std::string> satisfied;
  std::vector<ComplianceGap> gaps;
};

/// An environment's evidence: every rule, whether it checked anything or not.
struct ComplianceEvidence {
  std::string environment;
  std::vector<RuleEvidence> rules;
};

/// Writes `compliance/<env>/controls.md` (for auditors) and
/// `compliance/<env>/controls.json` (for tools): each control the rules
/// name (CIS AWS, SOC 2, GDPR...), in order, with its status and the rules
/// supporting it; then each rule once, with the resources that satisfy it,
/// those that do not and those accepted with their reason. Lists keep the
/// order they are given.
void emit_compliance_report(const ComplianceEvidence& evidence, FileSet& files);

/// The directory of an environment's report, `compliance/<env>`.
std::string compliance_directory(const std::string& environment);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_COMPLIANCE_REPORT_H_
