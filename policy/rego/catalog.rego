# What the Rego rules report, as keelson reports it: each finding names the
# keelson rule it corresponds to and the resource address. A rule file adds
# its rules' entries to `catalog` (id -> severities) and its findings to
# `violations`; report.rego sorts them into `deny` and `warn`.
#
# Run on a plan, with the environment file for its severities and required
# tags (loaded under environment.<name>):
#   opa eval -d policy/rego -d environment.prod:environments/prod.yaml \
#     -i plan.json --format pretty 'data.keelson.deny'
package keelson.rules

import rego.v1

# The environment's name and `policy:` settings, when its file is loaded;
# otherwise "plan" and none, as `keelson check --plan` without --env.
environment_name := name if {
	some name, _ in data.environment
} else := "plan"

settings := data.environment[environment_name].policy if {
	is_object(data.environment[environment_name].policy)
} else := {}

required_tags := object.get(settings, "required_tags", [])
