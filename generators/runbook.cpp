#include "generators/runbook.h"

#include <optional>
#include <regex>

#include "generators/module_page.h"

namespace keelson {
namespace {

using nlohmann::json;

// Sources of the figures the runbook states.
constexpr const char* kPitrSource =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html";
constexpr const char* kFailoverSource =
    "https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html";
constexpr const char* kCacheBackupSource =
    "https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups.html";

struct Context {
  const DocsModel& model;
  const DocEnvironment& env;
  std::string root() const { return "terraform/environments/" + env.name; }
  std::string tofu() const { return "tofu -chdir=" + root(); }
};

// How many instances of `r` the environment creates: 1 without count or
// for_each, the evaluated count, nullopt when only known at apply.
std::optional<long> instances(const Context& c, const DocModule& module, const DocResource& r) {
  if (r.body.contains("for_each")) return std::nullopt;
  if (!r.body.contains("count")) return 1;
  const json& count = r.body.at("count");
  // `${var.x ? 1 : 0}`, the shape an optional resource takes.
  static const std::regex kSwitch(R"(^\$\{var\.([A-Za-z0-9_-]+) \? (\d+) : (\d+)\}$)");
  std::smatch m;
  const std::string text = count.is_string() ? count.get<std::string>() : "";
  if (std::regex_match(text, m, kSwitch)) {
    const Resolved flag = c.model.input(c.env, module.name, m[1]);
    if (flag.value && flag.value->is_boolean()) {
      return std::stol(flag.value->get<bool>() ? m[2].str() : m[3].str());
    }
    return std::nullopt;
  }
  const Resolved value = c.model.evaluate(c.env, module.name, count);
  if (value.value && value.value->is_number_integer()) return value.value->get<long>();
  return std::nullopt;
}

std::optional<json> attribute(const Context& c, const DocModule& module, const DocResource& r,
                              const std::string& name) {
  if (!r.body.contains(name)) return std::nullopt;
  return c.model.evaluate(c.env, module.name, r.body.at(name)).value;
}

std::string text_of(const std::optional<json>& value, const std::string& fallback) {
  if (!value) return fallback;
  return display_value(*value);
}

// The resource's identifier in this environment, or a shell expression that
// reads it from the state after apply.
std::string identifier(const Context& c, const DocModule& module, const DocResource& r,
                       const std::string& name, const std::string& state_attribute) {
  if (auto value = attribute(c, module, r, name); value && value->is_string()) {
    return value->get<std::string>();
  }
  return "$(" + c.tofu() + " state show -no-color 'module." + module.name + "." + r.address() +
         "' | awk '$1 == \"" + state_attribute + "\" {print $3; exit}' | tr -d '\"')";
}

std::string yes_no(const std::optional<json>& value) {
  if (!value) return "known at apply";
  if (value->is_boolean()) return value->get<bool>() ? "yes" : "no";
  return display_value(*value);
}

// A resource's heading; false, once said, when this environment does not
// create it.
bool open_section(const Context& c, const DocModule& module, const DocResource& r,
                  const std::string& kind, std::string& out) {
  out += "### " + kind + " `module." + module.name + "." + r.address() + "`\n\n";
  if (const auto count = instances(c, module, r); count && *count == 0) {
    out += "Not created in `" + c.env.name + "` (its `count` is 0).\n\n";
    return false;
  }
  return true;
}

void rds_section(const Context& c, const DocModule& module, const DocResource& r, std::string& out,
                 std::string& objectives) {
  if (!open_section(c, module, r, "RDS", out)) return;
  const std::string id = identifier(c, module, r, "identifier", "id");
  const std::string region = " --region " + c.env.region;
  const auto source = attribute(c, module, r, "replicate_source_db");
  const auto retention = attribute(c, module, r, "backup_retention_period");
  const auto multi_az = attribute(c, module, r, "multi_az");
  const auto subnet_group = attribute(c, module, r, "db_subnet_group_name");
  out += "| Setting | Value |\n| --- | --- |\n";
  out += "| Identifier | " + code_cell(id) + " |\n";
  out += "| Engine | " + code_cell(text_of(attribute(c, module, r, "engine"), "(from source)")) +
         " " + text_of(attribute(c, module, r, "engine_version"), "") + " |\n";
  out += "| Instance class | " +
         code_cell(text_of(attribute(c, module, r, "instance_class"), "known at apply")) + " |\n";
  if (source) out += "| Read replica of | " + code_cell(display_value(*source)) + " |\n";
  out += "| Multi-AZ | " + yes_no(multi_az) + " |\n";
  if (!source) {
    out += "| Automated backups kept | " +
           (retention ? display_value(*retention) + " day(s)" : std::string("provider default")) +
           " |\n";
    out += "| Backup window (UTC) | " +
           code_cell(text_of(attribute(c, module, r, "backup_window"), "chosen by AWS")) + " |\n";
  }
  out += "| Maintenance window (UTC) | " +
         code_cell(text_of(attribute(c, module, r, "maintenance_window"), "chosen by AWS")) +
         " |\n";
  out +=
      "| Deletion protection | " + yes_no(attribute(c, module, r, "deletion_protection")) + " |\n";
  const auto skip_final = attribute(c, module, r, "skip_final_snapshot");
  if (r.body.contains("final_snapshot_identifier") && !(skip_final && *skip_final == true)) {
    out += "| Final snapshot on delete | " +
           code_cell(display_value(r.body.at("final_snapshot_identifier"))) + " |\n";
  } else {
    out += "| Final snapshot on delete | none |\n";
  }
  out += "\n";

  if (source) {
    out +=
        "A replica holds no backups of its own. To make it the primary (the source is "
        "lost):\n\n```sh\naws rds promote-read-replica --db-instance-identifier " +
        id + region + "\n```\n\n";
    return;
  }
  const std::string restored = id.starts_with("$(") ? "<new-identifier>" : id + "-restored";
  const std::string subnet =
      subnet_group && subnet_group->is_string()
          ? " \\\n  --db-subnet-group-name " + subnet_group->get<std::string>()
          : "";
  const bool backups = !retention || !retention->is_number() || retention->get<long>() > 0;
  if (backups) {
    out +=
        "Restore to a point in time (a new instance; the latest restorable time is "
        "`LatestRestorableTime`):\n\n```sh\n";
    out += "aws rds describe-db-instances --db-instance-identifier " + id + region +
           " \\\n  --query "
           "'DBInstances[0].[LatestRestorableTime,VpcSecurityGroups[].VpcSecurityGroupId]'\n";
    out += "aws rds restore-db-instance-to-point-in-time" + region +
           " \\\n  --source-db-instance-identifier " + id +
           " \\\n  --target-db-instance-identifier " + restored +
           " \\\n  --restore-time 2025-01-01T00:00:00Z" + subnet +
           " \\\n  --vpc-security-group-ids <the groups listed above>\n```\n\n";
  }
  out += "Take a manual snapshot (kept until deleted), and restore one:\n\n```sh\n";
  out +=
      "aws rds create-db-snapshot --db-instance-identifier " + id + " --db-snapshot-identifier " +
      (id.starts_with("$(") ? "<snapshot>" : id + "-manual-$(date -u +%Y%m%d%H%M)") + region + "\n";
  out += "aws rds describe-db-snapshots --db-instance-identifier " + id + region +
         " \\\n  --query 'DBSnapshots[].[DBSnapshotIdentifier,SnapshotCreateTime,SnapshotType]'\n";
  out += "aws rds restore-db-instance-from-db-snapshot" + region +
         " \\\n  --db-instance-identifier " + restored +
         " \\\n  --db-snapshot-identifier <snapshot>" + subnet +
         " \\\n  --vpc-security-group-ids <the groups listed above>\n```\n\n";

  const std::string name = "`" + r.address() + "`";
  if (backups) {
    objectives += "| " + name +
                  " | data corrupted or deleted | about 5 minutes (point-in-time "
                  "restore; transaction logs reach S3 every 5 minutes) | a new instance from "
                  "backup: grows with the database's size | [RDS PITR](" +
                  std::string(kPitrSource) + ") |\n";
  } else {
    objectives += "| " + name +
                  " | data corrupted or deleted | the last manual snapshot "
                  "(automated backups are off) | a new instance from the snapshot | |\n";
  }
  if (multi_az && *multi_az == true) {
    objectives += "| " + name +
                  " | instance or Availability Zone lost | none (synchronous "
                  "standby) | typically 60-120 s (automatic failover) | [Multi-AZ failover](" +
                  std::string(kFailoverSource) + ") |\n";
  } else {
    objectives += "| " + name +
                  " | instance or Availability Zone lost | as above (single-AZ: "
                  "no standby) | a restore, as above | |\n";
  }
}

void cache_section(const Context& c, const DocModule& module, const DocResource& r,
                   std::string& out, std::string& objectives) {
  if (!open_section(c, module, r, "ElastiCache", out)) return;
  const std::string id = identifier(c, module, r, "replication_group_id", "id");
  const std::string region = " --region " + c.env.region;
  const auto retention = attribute(c, module, r, "snapshot_retention_limit");
  const auto failover = attribute(c, module, r, "automatic_failover_enabled");
  const auto nodes = attribute(c, module, r, "num_cache_clusters");
  const auto node_type = attribute(c, module, r, "node_type");
  const auto subnet_group = attribute(c, module, r, "subnet_group_name");
  const long kept = retention && retention->is_number() ? retention->get<long>() : 0;
  out += "| Setting | Value |\n| --- | --- |\n";
  out += "| Replication group | " + code_cell(id) + " |\n";
  out += "| Engine | " + code_cell(text_of(attribute(c, module, r, "engine"), "redis")) + " " +
         text_of(attribute(c, module, r, "engine_version"), "") + " |\n";
  out += "| Node type | " + code_cell(text_of(node_type, "known at apply")) + " |\n";
  out += "| Nodes | " + text_of(nodes, "known at apply") + " |\n";
  out += "| Automatic failover | " + yes_no(failover) + " |\n";
  out +=
      "| Daily snapshots kept | " + (kept > 0 ? std::to_string(kept) + " day(s)" : "none") + " |\n";
  out += "| Snapshot window (UTC) | " +
         code_cell(text_of(attribute(c, module, r, "snapshot_window"), "chosen by AWS")) + " |\n";
  out += "| Maintenance window (UTC) | " +
         code_cell(text_of(attribute(c, module, r, "maintenance_window"), "chosen by AWS")) +
         " |\n\n";
  out += "Take a snapshot, list them, and restore one into a new replication group:\n\n```sh\n";
  out += "aws elasticache create-snapshot --replication-group-id " + id + " --snapshot-name " +
         (id.starts_with("$(") ? "<snapshot>" : id + "-manual-$(date -u +%Y%m%d%H%M)") + region +
         "\n";
  out += "aws elasticache describe-snapshots --replication-group-id " + id + region +
         " \\\n  --query "
         "'Snapshots[].[SnapshotName,SnapshotSource,NodeSnapshots[0].SnapshotCreateTime]'\n";
  out += "aws elasticache create-replication-group" + region + " \\\n  --replication-group-id " +
         (id.starts_with("$(") ? std::string("<new-identifier>") : id + "-restored") +
         " \\\n  --replication-group-description 'Restored from <snapshot>'" +
         " \\\n  --snapshot-name <snapshot>" +
         (node_type && node_type->is_string()
              ? " \\\n  --cache-node-type " + node_type->get<std::string>()
              : "") +
         (nodes && nodes->is_number() ? " \\\n  --num-cache-clusters " + nodes->dump() : "") +
         (subnet_group && subnet_group->is_string()
              ? " \\\n  --cache-subnet-group-name " + subnet_group->get<std::string>()
              : "") +
         "\n```\n\n";
  const std::string name = "`" + r.address() + "`";
  objectives += "| " + name + " | all nodes lost | " +
                (kept > 0 ? std::string("up to 24 h (the last daily snapshot)")
                          : std::string("everything (no snapshots)")) +
                " | a new group from the snapshot | [ElastiCache backups](" + kCacheBackupSource +
                ") |\n";
  const bool replicated = failover && *failover == true;
  objectives += "| " + name + " | primary node lost | " +
                (replicated ? std::string("writes not yet replicated (asynchronous)")
                            : std::string("as above (no automatic failover)")) +
                " | " +
                (replicated ? "a replica is promoted automatically" : "a restore, as above") +
                " | |\n";
}

void bucket_section(const Context& c, const DocModule& module, const DocResource& r,
                    std::string& out) {
  if (!r.body.contains("bucket")) return;
  const std::string bucket_ref = display_value(r.body.at("bucket"));
  static const std::regex kBucket(R"(^\$\{(aws_s3_bucket\.[A-Za-z0-9_-]+)\.(id|bucket)\}$)");
  std::smatch m;
  std::string bucket;
  if (std::regex_match(bucket_ref, m, kBucket)) {
    if (const DocResource* b = module.find(m[1]); b != nullptr)
      bucket = identifier(c, module, *b, "bucket", "bucket");
  }
  if (bucket.empty()) return;
  std::string status = "known at apply";
  if (auto config = attribute(c, module, r, "versioning_configuration");
      config && config->is_object()) {
    status = config->value("status", status);
  }
  out += "- `module." + module.name + "." + m[1].str() + "`: versioning " + code_cell(status) +
         ". Restore an object's earlier version:\n\n  ```sh\n  BUCKET=" + bucket + "\n" +
         "  aws s3api list-object-versions --bucket \"$BUCKET\" --prefix <key>\n" +
         "  aws s3api copy-object --bucket \"$BUCKET\" --key <key> --copy-source "
         "\"$BUCKET/<key>?versionId=<version>\"\n  ```\n";
}

// A function served through an alias: what it runs, and how to move the
// alias between published versions (blue/green, rollback).
void alias_section(const Context& c, const DocModule& module, const DocResource& alias,
                   std::string& out) {
  static const std::regex kFunction(
      R"(^\$\{(aws_lambda_function\.[A-Za-z0-9_-]+)\.function_name\}$)");
  std::smatch m;
  const std::string ref =
      alias.body.contains("function_name") ? display_value(alias.body.at("function_name")) : "";
  if (!std::regex_match(ref, m, kFunction)) return;
  const DocResource* function = module.find(m[1]);
  if (function == nullptr || !open_section(c, module, *function, "Lambda", out)) return;
  const std::string name = identifier(c, module, *function, "function_name", "function_name");
  const std::string live = text_of(attribute(c, module, alias, "name"), "live");
  const std::string region = " --region " + c.env.region;
  out += "| Setting | Value |\n| --- | --- |\n";
  out += "| Function | " + code_cell(name) + " |\n";
  out +=
      "| Runtime | " + code_cell(text_of(attribute(c, module, *function, "runtime"), "")) + " |\n";
  out +=
      "| Memory (MB) | " + text_of(attribute(c, module, *function, "memory_size"), "128") + " |\n";
  out += "| Reserved concurrency | " +
         text_of(attribute(c, module, *function, "reserved_concurrent_executions"), "none") +
         " |\n";
  out += "| Served through alias | " + code_cell(live) + " |\n\n";
  out += "Each apply that changes the function publishes a version and points `" + live +
         "` at it. List the versions and where the alias points; move it back at once, or "
         "send part of the traffic to the new version first:\n\n```sh\n";
  out += "aws lambda list-versions-by-function --function-name " + name + region +
         " \\\n  --query 'Versions[].[Version,LastModified,CodeSha256]'\n";
  out += "aws lambda get-alias --function-name " + name + " --name " + live + region + "\n";
  out += "aws lambda update-alias --function-name " + name + " --name " + live +
         " --function-version <previous>" + region + "\n";
  out += "aws lambda update-alias --function-name " + name + " --name " + live +
         " --function-version <previous>" + region +
         " \\\n  --routing-config 'AdditionalVersionWeights={\"<new>\"=0.1}'\n```\n\n";
  out +=
      "The next apply points `" + live +
      "` at the version it publishes again: roll the declaration back too (Rollback, below).\n\n";
}

}  // namespace

std::string runbook(const DocsModel& model, const DocEnvironment& env) {
  const Context c{model, env};
  std::string out = "# Runbook `" + env.name + "`\n\n";
  out += "What `" + env.name + "` declares about its data and how to operate it: region `" +
         env.region + "`, account `" + env.account +
         "`. Run the commands from the synthesized output directory (the one holding `" + c.root() +
         "/`), with AWS CLI v2 credentials for that account. Identifiers are "
         "those the environment's values produce; `$(tofu ... state show ...)` reads one "
         "known only after apply.\n\n";
  std::string databases;
  std::string caches;
  std::string buckets;
  std::string functions;
  std::string objectives;
  for (const auto& module : model.modules) {
    if (!env.module_calls.contains(module.name)) continue;
    for (const auto& r : module.resources) {
      if (r.type == "aws_db_instance") rds_section(c, module, r, databases, objectives);
      if (r.type == "aws_elasticache_replication_group")
        cache_section(c, module, r, caches, objectives);
      if (r.type == "aws_s3_bucket_versioning") bucket_section(c, module, r, buckets);
      if (r.type == "aws_lambda_alias") alias_section(c, module, r, functions);
    }
  }
  out +=
      "## Recovery objectives\n\nWhat the configuration implies (the figures are AWS's "
      "documented typical values, not guarantees; measure the restore times in a drill).\n\n";
  if (objectives.empty()) {
    out += "No database or cache is declared.\n\n";
  } else {
    out += "| Data store | Failure | RPO | RTO | Source |\n| --- | --- | --- | --- | --- |\n" +
           objectives + "\n";
  }
  out += "## Databases\n\n" + (databases.empty() ? "None declared.\n\n" : databases);
  out += "## Caches\n\n" + (caches.empty() ? "None declared.\n\n" : caches);
  out += "## Object storage\n\n" +
         (buckets.empty() ? "No bucket versioning declared.\n" : buckets) + "\n";
  if (!functions.empty()) out += "## Functions\n\n" + functions;

  out += "## Disaster recovery\n\n";
  out += "1. Stop deploys to `" + env.name + "` (no `apply` until recovery ends).\n";
  out +=
      "2. Restore each lost data store into a new instance with the commands above, and "
      "check its data.\n";
  out +=
      "3. Give the restored instance the original identifier, so the Terraform state "
      "matches again: rename the broken one away, then the restored one, e.g.\n   `aws rds "
      "modify-db-instance --db-instance-identifier <old> --new-db-instance-identifier "
      "<old>-broken --apply-immediately`.\n";
  out += "4. Run the drift check below; apply only what it shows and you expect.\n";
  out += "5. Delete the broken instance once the restored one serves traffic.\n\n";

  out +=
      "## Drift check\n\nCompare the live account with the committed output (exit code 0: "
      "no drift, 2: drift, 1: error):\n\n```sh\n";
  out +=
      model.app + " diff --env " + env.name + "    # the committed output is what the model says\n";
  out += c.tofu() + " init\n";
  out += c.tofu() + " plan -refresh-only -out=drift.tfplan\n";
  out += c.tofu() + " show -json drift.tfplan > drift.json\n";
  out += model.app + " drift --env " + env.name + " --plan drift.json\n```\n\n";

  out +=
      "## Rollback\n\nRoll the declaration back, not the account: revert the change, "
      "synthesize, review the plan, apply it.\n\n```sh\n";
  out += "git revert <commit>\n";
  out += model.app + " synth --env " + env.name + "\n";
  out += c.tofu() + " plan -out=rollback.tfplan\n";
  out += c.tofu() + " apply rollback.tfplan\n```\n\n";
  out +=
      "A rollback restores configuration, not data: a deleted database comes back from "
      "its final snapshot or a point-in-time restore (above).\n";
  return out;
}

}  // namespace keelson
