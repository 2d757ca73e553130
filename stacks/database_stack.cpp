#include "stacks/database_stack.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdint>
#include <optional>
#include <string_view>
#include <utility>
#include <vector>

#include "dsl/expression.h"
#include "dsl/pattern.h"
#include "stacks/iam.h"
#include "stacks/kms_key.h"
#include "stacks/log_retention.h"
#include "stacks/props.h"

namespace keelson {
namespace {

// A final snapshot identifier unique to the instance or group being deleted:
// `<prefix>-<UTC creation time>`. The time is fixed when the resource is
// created (its changes are ignored afterwards), so a replaced or re-created
// database never collides with the snapshot its predecessor left.
Value final_snapshot_name(const std::string& prefix) {
  return str(prefix + "-", fn::call("formatdate", {"YYYYMMDDhhmmss", fn::call("timestamp", {})}));
}

using Problems = std::vector<std::string>;

constexpr std::string_view kMonitoringPolicy =
    "arn:aws:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole";

// A literal that needs checking: neither an expression (a parameter checks
// its own values) nor absent.
bool is_literal(const Value& value) { return !value.is_expr() && !value.is_null(); }

void check_required(Problems& problems, std::string_view field, const Value& value,
                    std::string_view what) {
  if (value.is_null()) problems.push_back(fmt::format("{} is required: {}", field, what));
}

void check_whole(Problems& problems, std::string_view field, const Value& value, std::int64_t min,
                 std::int64_t max) {
  if (!is_literal(value)) return;
  const auto n = whole_number(value);
  if (!n || *n < min || *n > max) {
    problems.push_back(fmt::format("{} must be a whole number from {} to {}, got {}", field, min,
                                   max, literal_text(value)));
  }
}

void check_bool(Problems& problems, std::string_view field, const Value& value) {
  if (is_literal(value) && value.kind() != Value::Kind::kBool) {
    problems.push_back(fmt::format("{} must be true or false, got {}", field, literal_text(value)));
  }
}

// A switch that must be given: a literal bool or an expression, not null.
void check_switch(Problems& problems, std::string_view field, const Value& value) {
  if (value.is_null()) {
    problems.push_back(fmt::format("{} must be true or false, got null", field));
  }
  check_bool(problems, field, value);
}

// `<prefix>.<family>.<size>`, e.g. db.t4g.medium or cache.r7g.large.
void check_instance_type(Problems& problems, std::string_view field, const Value& value,
                         std::string_view prefix, std::string_view example) {
  if (!is_literal(value)) return;
  static const Pattern kFamilySize(R"([a-z][a-z0-9-]*\.[0-9]*[a-z][a-z0-9]*)");
  const bool ok = value.is_string() && value.as_string().starts_with(std::string(prefix) + ".") &&
                  kFamilySize.full_match(value.as_string().substr(prefix.size() + 1));
  if (!ok) {
    problems.push_back(fmt::format("{} must look like {}.<family>.<size> (e.g. {}), got {}", field,
                                   prefix, example, literal_text(value)));
  }
}

// The application user's ACL rules: switched on (an `off` user cannot sign
// in), and no password or reset, which ElastiCache refuses in an access
// string and IAM authentication has no use for.
void check_access_string(Problems& problems, const std::string& access) {
  std::vector<std::string_view> tokens;
  for (std::string_view rest = access; !rest.empty();) {
    const auto space = rest.find(' ');
    if (const auto token = rest.substr(0, space); !token.empty()) tokens.push_back(token);
    rest = space == std::string_view::npos ? std::string_view{} : rest.substr(space + 1);
  }
  const bool on = !tokens.empty() && tokens.front() == "on";
  const bool password = std::ranges::any_of(tokens, [](std::string_view token) {
    return token.starts_with('>') || token.starts_with('<') || token.starts_with('#') ||
           token.starts_with('!') || token == "nopass" || token == "resetpass" ||
           token == "reset" || token == "off";
  });
  if (!on || password) {
    problems.push_back(fmt::format(
        "redis.access_string must start with \"on\" and set no password or reset (no >, <, #, "
        "!, nopass, resetpass, reset or off), e.g. \"on ~* +@all -@dangerous +info\", got \"{}\"",
        access));
  }
}

Problems check_props(const DatabaseStack::Props& props) {
  Problems problems;
  static const Pattern kName("[a-z](-?[a-z0-9])*");
  if (props.name.size() > 34 || !kName.full_match(props.name)) {
    problems.push_back(fmt::format(
        "name must be 1 to 34 lowercase letters, digits and single hyphens, starting with a "
        "letter and not ending with a hyphen (it prefixes RDS and ElastiCache names), got \"{}\"",
        props.name));
  }
  check_required(problems, "subnet_ids", props.subnet_ids,
                 "the private database subnets, e.g. net.database_subnet_ids()");
  check_required(problems, "postgres_security_group_id", props.postgres_security_group_id,
                 "the PostgreSQL security group, e.g. net.database_security_group_id()");
  check_required(problems, "redis_security_group_id", props.redis_security_group_id,
                 "the Redis security group, e.g. net.redis_security_group_id()");

  const auto& pg = props.postgres;
  static const Pattern kPgVersion(R"((\d+)(\.\d+)?)");
  const auto version = kPgVersion.full_match_groups(pg.engine_version);
  if (!version || (*version)[1].size() > 4 || std::stoi((*version)[1]) < 14) {
    problems.push_back(fmt::format(
        "postgres.engine_version must be a major version in RDS standard support, 14 or later "
        "(e.g. \"15\"), or <major>.<minor> to pin a minor version, got \"{}\"",
        pg.engine_version));
  }
  check_instance_type(problems, "postgres.instance_class", pg.instance_class, "db",
                      "db.t4g.medium");
  check_whole(problems, "postgres.allocated_storage", pg.allocated_storage, 20, 65536);
  check_whole(problems, "postgres.max_allocated_storage", pg.max_allocated_storage, 21, 65536);
  if (const auto low = whole_number(pg.allocated_storage),
      high = whole_number(pg.max_allocated_storage);
      low && high && *high <= *low) {
    problems.push_back(fmt::format(
        "postgres.max_allocated_storage ({}) must be greater than postgres.allocated_storage ({}) "
        "for storage autoscaling",
        *high, *low));
  }
  check_bool(problems, "postgres.multi_az", pg.multi_az);
  check_whole(problems, "postgres.backup_retention_days", pg.backup_retention_days, 1, 35);
  check_bool(problems, "postgres.deletion_protection", pg.deletion_protection);
  check_bool(problems, "postgres.read_replica", pg.read_replica);
  check_switch(problems, "postgres.enhanced_monitoring", pg.enhanced_monitoring);
  if (auto problem = check_log_retention("postgres.log_retention_days", pg.log_retention_days)) {
    problems.push_back(std::move(*problem));
  }
  static const Pattern kIdentifier("[A-Za-z][A-Za-z0-9_]{0,62}");
  if (!kIdentifier.full_match(pg.database_name)) {
    problems.push_back(fmt::format(
        "postgres.database_name must be 1 to 63 letters, digits and underscores, starting with a "
        "letter, got \"{}\"",
        pg.database_name));
  }
  if (!kIdentifier.full_match(pg.master_username) || pg.master_username == "postgres" ||
      pg.master_username == "rdsadmin") {
    problems.push_back(fmt::format(
        "postgres.master_username must be 1 to 63 letters, digits and underscores, starting with "
        "a letter, and not a reserved name (postgres, rdsadmin), got \"{}\"",
        pg.master_username));
  }

  const auto& redis = props.redis;
  static const Pattern kRedisVersion(R"(7(\.\d+)?)");
  if (!kRedisVersion.full_match(redis.engine_version)) {
    problems.push_back(
        fmt::format("redis.engine_version must be 7 or 7.<minor> (e.g. 7.1), got \"{}\"",
                    redis.engine_version));
  }
  check_instance_type(problems, "redis.node_type", redis.node_type, "cache", "cache.t4g.medium");
  check_whole(problems, "redis.num_cache_clusters", redis.num_cache_clusters, 1, 6);
  check_bool(problems, "redis.automatic_failover", redis.automatic_failover);
  check_bool(problems, "redis.multi_az", redis.multi_az);
  if (const auto nodes = whole_number(redis.num_cache_clusters);
      literal_true(redis.automatic_failover) && nodes && *nodes < 2) {
    problems.push_back(fmt::format(
        "redis.automatic_failover needs redis.num_cache_clusters of 2 or more (a replica to "
        "promote), got {}",
        *nodes));
  }
  if (literal_true(redis.multi_az) && literal_false(redis.automatic_failover)) {
    problems.push_back("redis.multi_az needs redis.automatic_failover");
  }
  check_whole(problems, "redis.snapshot_retention_days", redis.snapshot_retention_days, 0, 35);
  check_switch(problems, "redis.encryption", redis.encryption);
  check_switch(problems, "redis.iam_auth", redis.iam_auth);
  // AWS refuses a user group on a group without encryption in transit, and
  // IAM tokens are only accepted over TLS.
  if (literal_true(redis.iam_auth) && literal_false(redis.encryption)) {
    problems.push_back(
        "redis.iam_auth needs redis.encryption: ElastiCache authenticates users only over TLS; "
        "turn redis.iam_auth off as well (throwaway development environments only), or keep "
        "redis.encryption on");
  }
  check_access_string(problems, redis.access_string);
  if (auto problem = check_log_retention("redis.log_retention_days", redis.log_retention_days)) {
    problems.push_back(std::move(*problem));
  }
  return problems;
}

}  // namespace

DatabaseStack::DatabaseStack(Construct& scope, const Id& id, Props props) : Stack(scope, id) {
  if (Problems problems = check_props(props); !problems.empty()) {
    node().add_validation([problems = std::move(problems)] { return problems; });
  }
  const std::string& name = props.name;
  const auto& pg = props.postgres;
  const auto& rd = props.redis;

  // One key for everything at rest here: storage, snapshots, the master
  // secret, Performance Insights and Redis.
  // The props' key when given (e.g. the key of the data's class).
  kms_key_arn_ = props.kms_key_arn;
  if (kms_key_arn_.is_null()) {
    auto& key = add<KmsKey>("kms", KmsKeyProps{
                                       .description = "Encrypts the " + name + " databases at rest.",
                                       .alias = "alias/" + name + "-database",
                                   });
    key.key().set("tags", name_tags(name + "-database"));
    kms_key_arn_ = key.arn();
  }

  // ---- PostgreSQL ------------------------------------------------------
  auto& monitoring = add<IamRole>(
      "monitoring", IamRoleProps{
                        .description = "Lets RDS enhanced monitoring publish OS metrics.",
                        .trust = trust_services({"monitoring.rds.amazonaws.com"}),
                        .managed_policy_arns = {std::string(kMonitoringPolicy)},
                        .permissions_boundary = props.permissions_boundary,
                    });
  monitoring.role().set("tags", name_tags(name + "-rds-monitoring"));

  auto& subnets = resource("aws_db_subnet_group", "postgres_subnets")
                      .set("name", name + "-postgres")
                      .set("description", "Database subnets of " + name + " PostgreSQL.")
                      .set("subnet_ids", props.subnet_ids)
                      .set("tags", name_tags(name + "-postgres"));

  const std::string major = pg.engine_version.substr(0, pg.engine_version.find('.'));
  // A major version alone lets RDS apply minor upgrades without Terraform
  // trying to undo them; a pinned minor version is the user's to upgrade.
  const bool minor_upgrades = pg.engine_version.find('.') == std::string::npos;
  const std::string family = "postgres" + major;
  auto parameter = [](std::string name, std::string value, std::string apply_method) {
    return Value::Map{{"name", std::move(name)},
                      {"value", std::move(value)},
                      {"apply_method", std::move(apply_method)}};
  };
  auto& parameters =
      resource("aws_db_parameter_group", "postgres_parameters")
          // A prefix: with create_before_destroy the new group exists beside the old.
          .set("name_prefix", name + "-" + family + "-")
          .set("family", family)
          .set("description", "Parameters of " + name + " PostgreSQL.")
          // Static parameters only take effect at a reboot.
          .block("parameter", parameter("max_connections", "200", "pending-reboot"))
          .block("parameter",
                 parameter("shared_preload_libraries", "pg_stat_statements", "pending-reboot"))
          .block("parameter", parameter("log_statement", "all", "immediate"))
          .block("parameter", parameter("log_min_duration_statement", "1000", "immediate"))
          // TLS in transit: refuse unencrypted connections.
          .block("parameter", parameter("rds.force_ssl", "1", "immediate"))
          .set("tags", name_tags(name + "-postgres"))
          // A new major version needs a new group while the old one is in use.
          .lifecycle({.create_before_destroy = true});

  Value max_storage = pg.max_allocated_storage;
  if (max_storage.is_null()) {
    const auto allocated = whole_number(pg.allocated_storage);
    max_storage = allocated ? Value(*allocated * 2) : multiply(pg.allocated_storage, 2);
  }
  const Value security_groups = Value::list({props.postgres_security_group_id});
  // Without enhanced monitoring the interval is 0 and the role is left unset
  // (the role itself stays: it costs nothing).
  const Value monitoring_interval = either(pg.enhanced_monitoring, 60, 0);

  // RDS would create the export log groups itself, keeping logs forever;
  // declared here first, they get a retention.
  const Value log_types = fn::toset(Value::list({"postgresql", "upgrade"}));
  auto& logs = resource("aws_cloudwatch_log_group", "postgres_logs")
                   .for_each(log_types)
                   .set("name", str("/aws/rds/instance/" + name + "-postgres/", each_key()))
                   .set("retention_in_days", pg.log_retention_days)
                   .set("tags", Value::map({{"Name", str(name + "-postgres-", each_key())}}))
                   .suppress("CKV_AWS_158", kLogKeyReason);
  Value replica_log_types = fn::toset(Value::list({}));
  if (literal_true(pg.read_replica)) {
    replica_log_types = log_types;
  } else if (pg.read_replica.is_expr()) {
    replica_log_types = when(pg.read_replica, log_types, replica_log_types);
  }
  auto& replica_logs =
      resource("aws_cloudwatch_log_group", "postgres_replica_logs")
          .for_each(replica_log_types)
          .set("name", str("/aws/rds/instance/" + name + "-postgres-replica/", each_key()))
          .set("retention_in_days", pg.log_retention_days)
          .set("tags", Value::map({{"Name", str(name + "-postgres-replica-", each_key())}}))
          .suppress("CKV_AWS_158", kLogKeyReason);

  postgres_ = &resource("aws_db_instance", "postgres")
                   .depends_on(logs)
                   .set("identifier", name + "-postgres")
                   .set("engine", "postgres")
                   .set("engine_version", pg.engine_version)
                   .set("auto_minor_version_upgrade", minor_upgrades)
                   .set("instance_class", pg.instance_class)
                   .set("allocated_storage", pg.allocated_storage)
                   .set("max_allocated_storage", max_storage)
                   .set("storage_type", "gp3")
                   .set("storage_encrypted", true)
                   .set("kms_key_id", kms_key_arn_)
                   .set("db_name", pg.database_name)
                   .set("username", pg.master_username)
                   .set("manage_master_user_password", true)
                   .set("master_user_secret_kms_key_id", kms_key_arn_)
                   .set("iam_database_authentication_enabled", true)
                   .set("db_subnet_group_name", subnets.attr("name"))
                   .set("vpc_security_group_ids", security_groups)
                   .set("parameter_group_name", parameters.attr("name"))
                   .set("port", 5432)
                   .set("publicly_accessible", false)
                   .set("multi_az", pg.multi_az)
                   .set("backup_retention_period", pg.backup_retention_days)
                   .set("backup_window", "03:00-04:00")
                   // After the backup window, never overlapping it.
                   .set("maintenance_window", "sun:04:30-sun:05:30")
                   .set("copy_tags_to_snapshot", true)
                   .set("deletion_protection", pg.deletion_protection)
                   .set("skip_final_snapshot", false)
                   .set("final_snapshot_identifier", final_snapshot_name(name + "-postgres-final"))
                   .lifecycle({.ignore_changes = {"final_snapshot_identifier"}})
                   .set("monitoring_interval", monitoring_interval)
                   .set("performance_insights_enabled", true)
                   .set("performance_insights_kms_key_id", kms_key_arn_)
                   .set("performance_insights_retention_period", 7)
                   .set("enabled_cloudwatch_logs_exports", Value::list({"postgresql", "upgrade"}))
                   .set("tags", name_tags(name + "-postgres"));

  // A replica inherits engine, storage, credentials and encryption from its
  // source; it takes no backups and no final snapshot of its own.
  replica_ = &resource("aws_db_instance", "postgres_replica")
                  .count(one_if(pg.read_replica))
                  .depends_on(replica_logs)
                  .set("identifier", name + "-postgres-replica")
                  .set("replicate_source_db", postgres_->attr("identifier"))
                  .set("copy_tags_to_snapshot", true)
                  .set("auto_minor_version_upgrade", minor_upgrades)
                  .set("instance_class", pg.instance_class)
                  .set("max_allocated_storage", max_storage)
                  .set("storage_type", "gp3")
                  .set("storage_encrypted", true)
                  .set("kms_key_id", kms_key_arn_)
                  .set("iam_database_authentication_enabled", true)
                  .set("vpc_security_group_ids", security_groups)
                  .set("parameter_group_name", parameters.attr("name"))
                  .set("port", 5432)
                  .set("publicly_accessible", false)
                  .set("maintenance_window", "sun:04:30-sun:05:30")
                  .set("deletion_protection", pg.deletion_protection)
                  .set("skip_final_snapshot", true)
                  .set("monitoring_interval", monitoring_interval)
                  .set("performance_insights_enabled", true)
                  .set("performance_insights_kms_key_id", kms_key_arn_)
                  .set("performance_insights_retention_period", 7)
                  .set("enabled_cloudwatch_logs_exports", Value::list({"postgresql", "upgrade"}))
                  .set("tags", name_tags(name + "-postgres-replica"));
  // checkov passes over a resource with count 0, so a replica that is never
  // there needs no suppression.
  if (!literal_false(pg.read_replica)) {
    replica_->suppress("CKV_AWS_157", "A read replica: the primary is multi-AZ where the "
                                      "postgres multi_az prop asks (prod)");
  }

  // The role only with enhanced monitoring; a literal false leaves it out.
  if (const Value role = either(pg.enhanced_monitoring, monitoring.arn(), nullptr);
      !role.is_null()) {
    postgres_->set("monitoring_role_arn", role);
    replica_->set("monitoring_role_arn", role);
  }

  // ---- Redis -----------------------------------------------------------
  auto& cache_subnets = resource("aws_elasticache_subnet_group", "redis_subnets")
                            .set("name", name + "-redis")
                            .set("description", "Database subnets of " + name + " Redis.")
                            .set("subnet_ids", props.subnet_ids)
                            .set("tags", name_tags(name + "-redis"));

  auto setting = [](std::string name, std::string value) {
    return Value::Map{{"name", std::move(name)}, {"value", std::move(value)}};
  };
  auto& cache_parameters = resource("aws_elasticache_parameter_group", "redis_parameters")
                               .set("name", name + "-redis7")
                               .set("family", "redis7")
                               .set("description", "Parameters of " + name + " Redis.")
                               .block("parameter", setting("maxmemory-policy", "allkeys-lru"))
                               .block("parameter", setting("tcp-keepalive", "300"))
                               .block("parameter", setting("notify-keyspace-events", "Ex"))
                               // Microseconds: log every command slower than 1 ms.
                               .block("parameter", setting("slowlog-log-slower-than", "1000"))
                               .set("tags", name_tags(name + "-redis"));

  auto log_group = [&](const Id& id, const std::string& log) -> Resource& {
    const std::string group = "/aws/elasticache/" + name + "/redis/" + log;
    return resource("aws_cloudwatch_log_group", id)
        .set("name", group)
        .set("retention_in_days", rd.log_retention_days)
        .set("tags", name_tags(group))
        .suppress("CKV_AWS_158", kLogKeyReason);
  };
  auto& slow_log = log_group("redis_slow_log", "slow-log");
  auto& engine_log = log_group("redis_engine_log", "engine-log");
  auto delivery = [](const Resource& group, std::string type) {
    return Value::Map{{"destination", group.attr("name")},
                      {"destination_type", "cloudwatch-logs"},
                      {"log_format", "json"},
                      {"log_type", std::move(type)}};
  };

  // RBAC with IAM authentication: no password exists anywhere. User IDs are
  // unique per account and region (hence the prefix); an IAM user's name must
  // equal its ID. A user group must hold a user named `default`: this one is
  // off, so a client that does not sign in as the application gets nothing.
  // ElastiCache has its own user with ID `default`, hence a prefixed ID here.
  auto& default_user =
      resource("aws_elasticache_user", "redis_default_user")
          .set("user_id", name + "-redis-default")
          .set("user_name", "default")
          .set("engine", "redis")
          .set("access_string", "off -@all")
          .block("authentication_mode", {{"type", "no-password-required"}})
          .set("tags", name_tags(name + "-redis-default"));
  const std::string app_user = name + "-redis-app";
  redis_user_ = &resource("aws_elasticache_user", "redis_app_user")
                     .set("user_id", app_user)
                     .set("user_name", app_user)
                     .set("engine", "redis")
                     .set("access_string", rd.access_string)
                     .block("authentication_mode", {{"type", "iam"}})
                     .set("tags", name_tags(app_user));
  redis_user_group_ =
      &resource("aws_elasticache_user_group", "redis_users")
           .set("user_group_id", name + "-redis")
           .set("engine", "redis")
           .set("user_ids",
                Value::list({default_user.attr("user_id"), redis_user_->attr("user_id")}))
           .set("tags", name_tags(name + "-redis"));

  redis_ = &resource("aws_elasticache_replication_group", "redis")
                .set("replication_group_id", name + "-redis")
                .set("description", "Redis of " + name + ".")
                .set("engine", "redis")
                .set("engine_version", rd.engine_version)
                .set("node_type", rd.node_type)
                .set("num_cache_clusters", rd.num_cache_clusters)
                .set("port", 6379)
                .set("parameter_group_name", cache_parameters.attr("name"))
                .set("subnet_group_name", cache_subnets.attr("name"))
                .set("security_group_ids", Value::list({props.redis_security_group_id}))
                .set("automatic_failover_enabled", rd.automatic_failover)
                .set("multi_az_enabled", rd.multi_az)
                .set("at_rest_encryption_enabled", rd.encryption)
                .set("transit_encryption_enabled", rd.encryption)
                .set("snapshot_retention_limit", rd.snapshot_retention_days)
                .set("snapshot_window", "03:00-05:00")
                // After the snapshot window, never overlapping it.
                .set("maintenance_window", "sun:05:30-sun:06:30")
                .set("final_snapshot_identifier", final_snapshot_name(name + "-redis-final"))
                .lifecycle({.ignore_changes = {"final_snapshot_identifier"}})
                .block("log_delivery_configuration", delivery(slow_log, "slow-log"))
                .block("log_delivery_configuration", delivery(engine_log, "engine-log"))
                .set("tags", name_tags(name + "-redis"));
  // The key only with encryption at rest; a literal false leaves it out.
  if (const Value key = either(rd.encryption, kms_key_arn_, nullptr); !key.is_null()) {
    redis_->set("kms_key_id", key);
  }
  // The user group only with IAM authentication; a literal false leaves it out.
  if (const Value groups = either(rd.iam_auth, Value::list({redis_user_group_->id()}), nullptr);
      !groups.is_null()) {
    redis_->set("user_group_ids", groups);
  }

  // ---- Outputs ---------------------------------------------------------
  output("postgres_address", postgres_address(),
         {.description = "Host name of the PostgreSQL instance."});
  output("postgres_endpoint", postgres_endpoint(),
         {.description = "host:port of the PostgreSQL instance."});
  output("postgres_instance_id", postgres_instance_id(),
         {.description = "Identifier of the PostgreSQL instance (DBInstanceIdentifier)."});
  output("master_secret_arn", master_secret_arn(),
         {.description = "ARN of the Secrets Manager secret holding the master password (the "
                         "ARN only, not the password)."});
  output("redis_primary_endpoint", redis_primary_endpoint(),
         {.description =
              "Host name of the Redis primary endpoint (port 6379, TLS when encryption is on)."});
  output("redis_replication_group_id", redis_replication_group_id(),
         {.description = "ID of the Redis replication group."});
  output("redis_arn", redis_arn(), {.description = "ARN of the Redis replication group."});
  output("redis_user_name", redis_user_name(),
         {.description = "Redis user of the application (IAM authentication; equal to its ID)."});
  output("redis_user_arn", redis_user_arn(),
         {.description = "ARN of the application's Redis user."});
  output("kms_key_arn", kms_key_arn(),
         {.description = "ARN of the KMS key encrypting the databases at rest."});
  // What each environment relies on, asserted by every root's plan test.
  output("postgres_multi_az", postgres_->attr("multi_az"),
         {.description = "Whether PostgreSQL keeps a standby in a second zone.",
          .expect = pg.multi_az});
  output("postgres_backup_retention_days", postgres_->attr("backup_retention_period"),
         {.description = "Days PostgreSQL's automated backups are kept.",
          .expect = pg.backup_retention_days});
  output("postgres_deletion_protection", postgres_->attr("deletion_protection"),
         {.description = "Whether PostgreSQL refuses to be deleted.",
          .expect = pg.deletion_protection});
  output("redis_node_count", redis_->attr("num_cache_clusters"),
         {.description = "Number of Redis nodes (the primary and its replicas).",
          .expect = rd.num_cache_clusters});
  output("redis_automatic_failover", redis_->attr("automatic_failover_enabled"),
         {.description = "Whether Redis promotes a replica when the primary fails.",
          .expect = rd.automatic_failover});
}

Value DatabaseStack::postgres_address() const { return postgres_->attr("address"); }
Value DatabaseStack::postgres_endpoint() const { return postgres_->attr("endpoint"); }
Value DatabaseStack::postgres_instance_id() const { return postgres_->attr("identifier"); }
Value DatabaseStack::master_secret_arn() const {
  return postgres_->attr("master_user_secret[0].secret_arn");
}
Value DatabaseStack::redis_primary_endpoint() const {
  return redis_->attr("primary_endpoint_address");
}
Value DatabaseStack::redis_replication_group_id() const { return redis_->id(); }
Value DatabaseStack::redis_arn() const { return redis_->arn(); }
Value DatabaseStack::redis_user_name() const { return redis_user_->attr("user_name"); }
Value DatabaseStack::redis_user_arn() const { return redis_user_->arn(); }
Value DatabaseStack::kms_key_arn() const { return kms_key_arn_; }

PolicyStatement DatabaseStack::redis_connect_statement() const {
  return PolicyStatement{.actions = {"elasticache:Connect"},
                         .resources = {redis_arn(), redis_user_arn()}};
}

}  // namespace keelson
