# Governance: the seed's "CostCenter tag for cost allocation", generalised as
# keelson's required tags (policy/governance_rules.cpp): the environment's
# `policy.required_tags`, read from the merged `tags_all` of any resource.
package keelson.rules

import data.keelson.plan
import rego.v1

catalog["KSL-TAG-001"] := {"severity": "error"}

violations contains finding("KSL-TAG-001", view, sprintf("missing tag(s) %s", [concat(", ", missing)])) if {
	count(required_tags) > 0
	some view in plan.resources
	not plan.unknown(view, "tags_all")
	tags := plan.known(view, "tags_all")
	is_object(tags)
	missing := [key | some key in required_tags; not key in object.keys(tags)]
	count(missing) > 0
}
