#include "synth/compliance_evidence.h"

#include <algorithm>
#include <set>

#include "policy/rule_packs.h"

namespace keelson {

ComplianceEvidence compliance_evidence(const policy::EnvironmentFindings& result,
                                       const Environment& environment) {
  ComplianceEvidence out{environment.name, {}};
  const policy::Context context{environment.name, environment.policy};
  for (const policy::Rule& rule : policy::builtin_rules()) {
    // A rule the environment does not ask for supports none of its controls.
    if (rule.controls.empty() || (rule.asked && !rule.asked(context))) continue;
    RuleEvidence evidence{
        rule.id,       rule.title, std::string(policy::severity_name(rule.severity_for(context))),
        rule.controls, {},         {}};
    std::set<std::string> broken;
    for (const policy::Finding& f : result.findings) {
      if (f.rule != &rule) continue;
      broken.insert(f.address);
      evidence.gaps.push_back({f.address, f.message, f.suppressed});
    }
    if (const auto it = result.checked.find(rule.id); it != result.checked.end()) {
      for (const auto& address : it->second) {
        if (broken.count(address) == 0) evidence.satisfied.push_back(address);
      }
    }
    out.rules.push_back(std::move(evidence));
  }
  return out;
}

}  // namespace keelson
