# Security: the seed's "deny unencrypted storage", "deny public read access"
# and network exposure, as keelson's security rules (policy/security_rules.cpp).
package keelson.rules

import data.keelson.plan
import rego.v1

catalog["KSL-RDS-001"] := {"severity": "error"}

catalog["KSL-RDS-002"] := {"severity": "error"}

catalog["KSL-ELC-001"] := {"severity": "error"}

catalog["KSL-S3-001"] := {"severity": "error"}

catalog["KSL-SG-001"] := {"severity": "error"}

catalog["KSL-EKS-001"] := {"severity": "error"}

catalog["KSL-EC2-001"] := {"severity": "error"}

# RDS storage is encrypted at rest (a read replica is as its source is).
violations contains finding("KSL-RDS-001", view, "storage_encrypted is not true") if {
	some view in plan.resources
	view.type == "aws_db_instance"
	not plan.rds_read_replica(view)
	plan.truth(view, "storage_encrypted") == "false"
}

# RDS instances are not publicly accessible.
violations contains finding("KSL-RDS-002", view, "publicly_accessible is true") if {
	some view in plan.resources
	view.type == "aws_db_instance"
	plan.truth(view, "publicly_accessible") == "true"
}

# ElastiCache encrypts at rest and in transit.
violations contains finding("KSL-ELC-001", view, sprintf("%s is not true", [key])) if {
	some view in plan.resources
	view.type == "aws_elasticache_replication_group"
	some key in ["at_rest_encryption_enabled", "transit_encryption_enabled"]
	plan.truth(view, key) == "false"
}

# S3 public access is blocked: all four settings, not one.
violations contains finding("KSL-S3-001", view, sprintf("%s is not true", [key])) if {
	some view in plan.resources
	view.type == "aws_s3_bucket_public_access_block"
	some key in ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"]
	plan.truth(view, key) == "false"
}

# No security group admits the whole internet except to ports 80 and 443:
# a group's ingress blocks, an ingress rule resource, a VPC ingress rule.
violations contains finding("KSL-SG-001", view, "ingress is open to the internet") if {
	some view in plan.resources
	view.type == "aws_security_group"
	some rule in plan.blocks(view, "ingress")
	world_ingress(rule)
}

violations contains finding("KSL-SG-001", view, "ingress is open to the internet") if {
	some view in plan.resources
	view.type == "aws_security_group_rule"
	plan.known(view, "type") == "ingress"
	world_ingress(view.after)
}

violations contains finding("KSL-SG-001", view, "ingress is open to the internet") if {
	some view in plan.resources
	view.type == "aws_vpc_security_group_ingress_rule"
	world_ingress(view.after)
}

# Unknown CIDRs are absent from the plan's values: nothing is said of them.
world_ingress(rule) if {
	cidrs := array.concat(
		array.concat(list_at(rule, "cidr_blocks"), list_at(rule, "ipv6_cidr_blocks")),
		[cidr | some key in ["cidr_ipv4", "cidr_ipv6"]; cidr := rule[key]],
	)
	plan.open_to_world(cidrs)
	not web_port(rule)
}

list_at(rule, key) := rule[key] if is_array(rule[key])

else := []

# Web traffic to load balancers is meant to come from anywhere.
web_port(rule) if {
	some port in [80, 443]
	object.get(rule, "from_port", -1) == port
	object.get(rule, "to_port", -1) == port
}

# The EKS API endpoint is not open to the whole internet: public (the
# provider's default) with no CIDR list, or one that holds 0.0.0.0/0.
violations contains finding("KSL-EKS-001", view, "the API endpoint is public to 0.0.0.0/0") if {
	some view in plan.resources
	view.type == "aws_eks_cluster"
	some i, config in plan.blocks(view, "vpc_config")
	not plan.unknown_in(view, "vpc_config", i, "endpoint_public_access")
	not plan.unknown_in(view, "vpc_config", i, "public_access_cidrs")
	object.get(config, "endpoint_public_access", null) != false
	public_to_everyone(object.get(config, "public_access_cidrs", null))
}

public_to_everyone(cidrs) if cidrs == null

public_to_everyone(cidrs) if plan.open_to_world(cidrs)

# Instances require IMDSv2 (an instance given a launch template takes the
# template's options, which the rule checks on the template).
violations contains finding("KSL-EC2-001", view, "metadata_options.http_tokens is not \"required\"") if {
	some view in plan.resources
	view.type in {"aws_launch_template", "aws_instance"}
	not plan.launched_from_template(view)
	not imdsv2_required_or_unknown(view)
	not plan.unknown(view, "metadata_options")
}

imdsv2_required_or_unknown(view) if {
	some i, _ in plan.blocks(view, "metadata_options")
	plan.unknown_in(view, "metadata_options", i, "http_tokens")
}

imdsv2_required_or_unknown(view) if {
	some options in plan.blocks(view, "metadata_options")
	options.http_tokens == "required"
}

finding(rule, view, message) := {"rule": rule, "address": view.address, "message": message}
