# A deliberately wrong mapping, for the test that proves the Rego agreement
# check can fail: unencrypted storage reported as keelson's "publicly
# accessible" rule (KSL-RDS-002) besides its own.
package keelson.rules

import data.keelson.plan
import rego.v1

violations contains finding("KSL-RDS-002", view, "wrongly mapped") if {
	some view in plan.resources
	view.type == "aws_db_instance"
	plan.truth(view, "storage_encrypted") == "false"
}
