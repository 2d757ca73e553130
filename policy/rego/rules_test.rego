# `opa test policy/rego`: each rule fires on a resource that breaks it and
# not on one that keeps it, or whose value the plan cannot know.
package keelson.rules_test

import data.keelson
import rego.v1

plan_of(changes) := {"format_version": "1.2", "resource_changes": changes}

create(type, after) := create_unknown(type, after, {})

create_unknown(type, after, unknown) := {
	"address": sprintf("module.x.%s.this", [type]),
	"mode": "managed",
	"type": type,
	"change": {"actions": ["create"], "after": after, "after_unknown": unknown},
}

# The rule ids found on a plan of these resource changes.
ids(changes) := found if {
	found := {f.rule | some f in keelson.findings} with input as plan_of(changes)
}

fires(id, change) if id in ids([change])

silent(id, change) if not id in ids([change])

good_db := {
	"storage_encrypted": true, "publicly_accessible": false, "backup_retention_period": 7,
	"multi_az": true, "deletion_protection": true,
}

db(changes) := create("aws_db_instance", object.union(good_db, changes))

test_rds_001 if {
	fires("KSL-RDS-001", db({"storage_encrypted": false}))
	silent("KSL-RDS-001", db({}))
	silent("KSL-RDS-001", db({"storage_encrypted": false, "replicate_source_db": "primary"}))
	silent("KSL-RDS-001", create_unknown("aws_db_instance", object.remove(good_db, ["storage_encrypted"]), {"storage_encrypted": true}))
}

test_rds_002 if {
	fires("KSL-RDS-002", db({"publicly_accessible": true}))
	silent("KSL-RDS-002", db({}))
}

test_rds_010 if {
	fires("KSL-RDS-010", db({"backup_retention_period": 3}))
	fires("KSL-RDS-010", create("aws_db_instance", object.remove(good_db, ["backup_retention_period"])))
	silent("KSL-RDS-010", db({}))
	silent("KSL-RDS-010", create_unknown("aws_db_instance", object.remove(good_db, ["backup_retention_period"]), {"backup_retention_period": true}))
}

test_rds_011 if {
	fires("KSL-RDS-011", db({"multi_az": false}))
	silent("KSL-RDS-011", db({}))
	silent("KSL-RDS-011", db({"multi_az": false, "replicate_source_db": "primary"}))
}

test_rds_012 if {
	fires("KSL-RDS-012", db({"deletion_protection": false}))
	silent("KSL-RDS-012", db({}))
}

redis(changes) := create("aws_elasticache_replication_group", object.union(
	{"at_rest_encryption_enabled": "true", "transit_encryption_enabled": true, "automatic_failover_enabled": true},
	changes,
))

test_elc_001 if {
	fires("KSL-ELC-001", redis({"at_rest_encryption_enabled": "false"}))
	fires("KSL-ELC-001", redis({"transit_encryption_enabled": false}))
	silent("KSL-ELC-001", redis({}))
}

test_elc_010 if {
	fires("KSL-ELC-010", redis({"automatic_failover_enabled": false}))
	silent("KSL-ELC-010", redis({}))
}

test_s3_001 if {
	block := {"block_public_acls": true, "block_public_policy": true, "ignore_public_acls": true, "restrict_public_buckets": true}
	fires("KSL-S3-001", create("aws_s3_bucket_public_access_block", object.union(block, {"block_public_policy": false})))
	silent("KSL-S3-001", create("aws_s3_bucket_public_access_block", block))
}

test_sg_001 if {
	ssh := {"from_port": 22, "to_port": 22, "cidr_blocks": ["0.0.0.0/0"]}
	https := {"from_port": 443, "to_port": 443, "cidr_blocks": ["0.0.0.0/0"]}
	fires("KSL-SG-001", create("aws_security_group", {"ingress": [https, ssh]}))
	silent("KSL-SG-001", create("aws_security_group", {"ingress": [https, object.union(ssh, {"cidr_blocks": ["10.0.0.0/8"]})]}))
	fires("KSL-SG-001", create("aws_security_group_rule", object.union(ssh, {"type": "ingress"})))
	silent("KSL-SG-001", create("aws_security_group_rule", object.union(ssh, {"type": "egress"})))
	fires("KSL-SG-001", create("aws_vpc_security_group_ingress_rule", {"from_port": 5432, "to_port": 5432, "cidr_ipv6": "::/0"}))
	silent("KSL-SG-001", create("aws_vpc_security_group_ingress_rule", {"from_port": 80, "to_port": 80, "cidr_ipv4": "0.0.0.0/0"}))
}

test_eks_001 if {
	fires("KSL-EKS-001", create("aws_eks_cluster", {"vpc_config": [{"endpoint_public_access": true}]}))
	fires("KSL-EKS-001", create("aws_eks_cluster", {"vpc_config": [{"public_access_cidrs": ["0.0.0.0/0"]}]}))
	silent("KSL-EKS-001", create("aws_eks_cluster", {"vpc_config": [{"endpoint_public_access": false}]}))
	silent("KSL-EKS-001", create("aws_eks_cluster", {"vpc_config": [{"endpoint_public_access": true, "public_access_cidrs": ["203.0.113.0/24"]}]}))
	silent("KSL-EKS-001", create_unknown("aws_eks_cluster", {"vpc_config": [{"endpoint_public_access": true}]}, {"vpc_config": [{"public_access_cidrs": true}]}))
}

test_ec2_001 if {
	fires("KSL-EC2-001", create("aws_launch_template", {"metadata_options": [{"http_tokens": "optional"}]}))
	fires("KSL-EC2-001", create("aws_instance", {}))
	silent("KSL-EC2-001", create("aws_launch_template", {"metadata_options": [{"http_tokens": "required"}]}))
	silent("KSL-EC2-001", create("aws_instance", {"launch_template": [{"name": "nodes"}]}))
	silent("KSL-EC2-001", create_unknown("aws_instance", {}, {"metadata_options": true}))
}

test_log_001 if {
	fires("KSL-LOG-001", create("aws_cloudwatch_log_group", {"retention_in_days": 0}))
	silent("KSL-LOG-001", create("aws_cloudwatch_log_group", {"retention_in_days": 30}))
	silent("KSL-LOG-001", create_unknown("aws_cloudwatch_log_group", {}, {"retention_in_days": true}))
}

prod := {"prod": {"policy": {"required_tags": ["Project", "CostCenter"]}}}

test_tag_001 if {
	tagged := create("aws_s3_bucket", {"tags_all": {"Project": "p", "CostCenter": "c"}})
	untagged := create("aws_s3_bucket", {"tags_all": {"Project": "p"}})
	"KSL-TAG-001" in ids([untagged]) with data.environment as prod
	not "KSL-TAG-001" in ids([tagged]) with data.environment as prod
	not "KSL-TAG-001" in ids([create_unknown("aws_s3_bucket", {}, {"tags_all": true})]) with data.environment as prod

	# No environment, no required tags.
	silent("KSL-TAG-001", untagged)
}

test_deletes_and_data_sources_are_left_out if {
	deleted := object.union(db({"storage_encrypted": false}), {"change": {"actions": ["delete"], "after": null}})
	read := object.union(db({"storage_encrypted": false}), {"mode": "data"})
	count(ids([deleted, read])) == 0

	# A replacement (delete then create) is checked.
	replaced := object.union(db({"storage_encrypted": false}), {"change": {"actions": ["delete", "create"]}})
	"KSL-RDS-001" in ids([replaced])
}

test_severity_follows_the_environment if {
	single_az := db({"multi_az": false})
	deny_dev := {f.rule | some f in keelson.deny} with input as plan_of([single_az])
	warn_dev := {f.rule | some f in keelson.warn} with input as plan_of([single_az])
	not "KSL-RDS-011" in deny_dev
	"KSL-RDS-011" in warn_dev
	deny_prod := {f.rule | some f in keelson.deny} with input as plan_of([single_az]) with data.environment as prod
	"KSL-RDS-011" in deny_prod

	# The environment's policy.severity wins.
	relaxed := {"prod": {"policy": {"severity": {"KSL-RDS-011": "info"}}}}
	warn_relaxed := {f.rule | some f in keelson.warn} with input as plan_of([single_az]) with data.environment as relaxed
	"KSL-RDS-011" in warn_relaxed
}
