# The resources of a plan as keelson's rules see them (policy/plan_views.cpp,
# policy/resource_view.cpp): the input is `tofu show -json plan.out`.
package keelson.plan

import rego.v1

# The managed resources the plan creates, updates or replaces: deleted
# resources and data sources are left out, as keelson leaves them out.
resources contains view if {
	some change in input.resource_changes
	object.get(change, "mode", "managed") == "managed"
	object.get(change.change, "actions", []) != ["delete"]
	view := {
		"type": change.type,
		"address": change.address,
		"after": object_or_empty(object.get(change.change, "after", {})),
		"after_unknown": object_or_empty(object.get(change.change, "after_unknown", {})),
	}
}

object_or_empty(value) := value if is_object(value)

else := {}

# The plan cannot know the value at `key` (the cloud computes it).
unknown(view, key) if view.after_unknown[key] == true

# The value at `key`; undefined when it is absent, null or unknown.
known(view, key) := view.after[key] if {
	not unknown(view, key)
	view.after[key] != null
}

has_known(view, key) if {
	not unknown(view, key)
	view.after[key] != null
}

# "true", "false" or "unknown": absent or null is false (the provider's
# default for the flags the rules read); some flags are strings ("true").
truth(view, key) := "unknown" if {
	unknown(view, key)
} else := "true" if {
	known(view, key) in {true, "true"}
} else := "false"

# The plan cannot know `key` of the `index`th `block` (a nested block, or an
# object in a list): the whole block, the whole item, or anything but
# `false` at the key is unknown.
unknown_in(view, block, _, _) if unknown(view, block)

unknown_in(view, block, index, _) if view.after_unknown[block][index] == true

unknown_in(view, block, index, key) if {
	item := view.after_unknown[block][index]
	is_object(item)
	item[key] != false
}

# The nested blocks called `name` (lists of objects in a plan).
blocks(view, name) := list if {
	list := known(view, name)
	is_array(list)
} else := []

# An RDS read replica inherits encryption from its source and keeps no
# backups of its own.
rds_read_replica(view) if has_known(view, "replicate_source_db")

rds_read_replica(view) if unknown(view, "replicate_source_db")

# Given a launch template, an instance takes its settings from it.
launched_from_template(view) if has_known(view, "launch_template")

launched_from_template(view) if unknown(view, "launch_template")

open_to_world(cidrs) if {
	is_array(cidrs)
	some cidr in cidrs
	cidr in {"0.0.0.0/0", "::/0"}
}
