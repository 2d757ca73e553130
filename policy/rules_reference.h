#ifndef KEELSON_POLICY_RULES_REFERENCE_H_
#define KEELSON_POLICY_RULES_REFERENCE_H_

#include <string>
#include <vector>

#include "policy/rule.h"

namespace keelson::policy {

/// A rule's severity and where it differs: `warning; error in prod`.
std::string severity_text(const Rule& rule);

/// The rules reference in Markdown (docs/rules.md): a table of every rule,
/// then a section per rule with its pack, severities, the resource types it
/// checks, why (rationale), how to fix (remediation) and its controls.
std::string rules_markdown(const std::vector<Rule>& rules);

/// The same as a JSON list, one object per rule with every field.
std::string rules_json(const std::vector<Rule>& rules);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_RULES_REFERENCE_H_
