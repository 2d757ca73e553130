# The findings of the rules, by severity in the environment: `deny` holds
# errors, `warn` warnings and info. Each entry: rule, address, severity,
# message.
package keelson

import data.keelson.rules
import rego.v1

# The environment's `policy.severity`, else the rule's severity there
# (`severity_in`), else its own.
severity(id) := level if {
	level := rules.settings.severity[id]
} else := level if {
	level := rules.catalog[id].severity_in[rules.environment_name]
} else := rules.catalog[id].severity

findings contains object.union(violation, {"severity": severity(violation.rule)}) if {
	some violation in rules.violations
}

deny contains finding if {
	some finding in findings
	finding.severity == "error"
}

warn contains finding if {
	some finding in findings
	finding.severity != "error"
}

# The keelson rule ids this policy covers.
covered := object.keys(rules.catalog)
