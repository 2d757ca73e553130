# Reliability: the seed's "backup retention" and "multi-AZ for production
# databases", as keelson's reliability rules (policy/reliability_rules.cpp).
# Production is an environment named prod or production, not a tag.
package keelson.rules

import data.keelson.plan
import rego.v1

production := {"prod": "error", "production": "error"}

catalog["KSL-RDS-010"] := {"severity": "error"}

catalog["KSL-RDS-011"] := {"severity": "warning", "severity_in": production}

catalog["KSL-RDS-012"] := {"severity": "info", "severity_in": production}

catalog["KSL-ELC-010"] := {"severity": "info", "severity_in": production}

# RDS keeps automated backups for at least 7 days (absent is none).
violations contains finding("KSL-RDS-010", view, sprintf("backup_retention_period is %v", [days])) if {
	some view in plan.resources
	view.type == "aws_db_instance"
	not plan.unknown(view, "backup_retention_period")
	not plan.rds_read_replica(view)
	days := backup_days(view)
	days < 7
}

backup_days(view) := days if {
	days := plan.known(view, "backup_retention_period")
	is_number(days)
} else := 0

# Production databases are multi-AZ.
violations contains finding("KSL-RDS-011", view, "multi_az is not true") if {
	some view in plan.resources
	view.type == "aws_db_instance"
	not plan.rds_read_replica(view)
	plan.truth(view, "multi_az") == "false"
}

# Production databases are protected from deletion.
violations contains finding("KSL-RDS-012", view, "deletion_protection is not true") if {
	some view in plan.resources
	view.type == "aws_db_instance"
	plan.truth(view, "deletion_protection") == "false"
}

# Production Redis fails over automatically.
violations contains finding("KSL-ELC-010", view, "automatic_failover_enabled is not true") if {
	some view in plan.resources
	view.type == "aws_elasticache_replication_group"
	plan.truth(view, "automatic_failover_enabled") == "false"
}
