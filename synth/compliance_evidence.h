#ifndef KEELSON_SYNTH_COMPLIANCE_EVIDENCE_H_
#define KEELSON_SYNTH_COMPLIANCE_EVIDENCE_H_

#include "environments/environment.h"
#include "generators/compliance_report.h"
#include "policy/report.h"

namespace keelson {

/// The compliance report's input from what the built-in rules found in one
/// environment: every rule with controls, its severity there, the resources
/// it checked that satisfy it and the findings (suppressed or not).
ComplianceEvidence compliance_evidence(const policy::EnvironmentFindings& result,
                                       const Environment& environment);

}  // namespace keelson

#endif  // KEELSON_SYNTH_COMPLIANCE_EVIDENCE_H_
