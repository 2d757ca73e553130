# Cost: the seed's cost policy, where keelson has a rule for it
# (policy/cost_rules.cpp). Cost allocation tags are governance.rego's.
package keelson.rules

import data.keelson.plan
import rego.v1

catalog["KSL-LOG-001"] := {"severity": "warning"}

# Log groups expire their logs: CloudWatch keeps them forever by default.
violations contains finding("KSL-LOG-001", view, "retention_in_days is not set: logs never expire") if {
	some view in plan.resources
	view.type == "aws_cloudwatch_log_group"
	not plan.unknown(view, "retention_in_days")
	not expires(view)
}

expires(view) if {
	days := plan.known(view, "retention_in_days")
	is_number(days)
	days > 0
}
