#ifndef KEELSON_STACKS_DATABASE_STACK_H_
#define KEELSON_STACKS_DATABASE_STACK_H_

#include <string>

#include "dsl/construct.h"
#include "dsl/resource.h"
#include "dsl/stack.h"
#include "dsl/value.h"
#include "stacks/iam.h"

namespace keelson {

class KmsKey;

/// The data tier: an RDS PostgreSQL instance (with an optional read replica)
/// and an ElastiCache Redis replication group, both in the database subnets,
/// encrypted at rest with one customer-managed KMS key and in transit with TLS
/// (Redis encryption can be switched off for throwaway development
/// environments, see `Props::Redis::encryption`).
///
/// The master password is created and rotated by RDS in Secrets Manager
/// (`manage_master_user_password`); no secret ever appears in the module or
/// its outputs. Redis authenticates with IAM: an RBAC user group holds the
/// application's user (IAM authentication, no password) and a disabled
/// `default` user, so a client needs `elasticache:Connect`
/// (`redis_connect_statement()`) and a short-lived token, never a secret.
/// Everything that differs between environments is a `Value`,
/// so one module serves dev, staging and prod:
///
/// ```cpp
/// auto& db = app.stack<DatabaseStack>("database", {
///     .name = "detection-api",
///     .subnet_ids = net.database_subnet_ids(),
///     .postgres_security_group_id = net.database_security_group_id(),
///     .redis_security_group_id = net.redis_security_group_id(),
///     .postgres = {.instance_class = app.param<std::string>("db_instance_class"),
///                  .multi_az = app.param<bool>("db_multi_az")},
/// });
/// ```
class DatabaseStack : public Stack {
 public:
  /// How the stack is configured. Every field has a default.
  struct Props {
    /// Prefix of Name tags and AWS names (`<name>-postgres`, `<name>-redis`):
    /// lowercase letters, digits and single hyphens, starting with a letter,
    /// at most 34 characters (ElastiCache group IDs are limited to 40).
    std::string name = "app";
    /// The private database subnets (a list of subnet IDs), one per zone;
    /// required. Both subnet groups use them.
    Value subnet_ids{};
    /// The security group of the PostgreSQL instances; required.
    Value postgres_security_group_id{};
    /// The security group of the Redis nodes; required.
    Value redis_security_group_id{};

    /// RDS PostgreSQL.
    struct Postgres {
      /// The major version alone (e.g. `15`, 14 or later: those in RDS standard
      /// support): AWS applies minor upgrades in the maintenance window and
      /// Terraform accepts whatever minor version runs. `<major>.<minor>` (e.g.
      /// `15.10`) pins the minor version and turns automatic minor upgrades
      /// off. The parameter group family follows the major.
      std::string engine_version = "15";
      /// `db.<family>.<size>`, e.g. `db.t4g.medium`.
      Value instance_class = "db.t4g.medium";
      /// Initial storage in GiB (20 to 65536).
      Value allocated_storage = 50;
      /// Storage autoscaling ceiling in GiB, above `allocated_storage`; null
      /// (the default) for twice `allocated_storage`.
      Value max_allocated_storage{};
      /// A standby in a second zone.
      Value multi_az = false;
      /// Days of automated backups (1 to 35); the backup window is 03:00-04:00 UTC.
      Value backup_retention_days = 7;
      /// AWS refuses to delete the instances while true.
      Value deletion_protection = true;
      /// Create one read replica (count 1) or none (count 0).
      Value read_replica = false;
      /// Days CloudWatch keeps the exported `postgresql` and `upgrade` logs: one
      /// of the values CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, ... 3653).
      Value log_retention_days = 30;
      /// Enhanced monitoring (OS metrics every 60 seconds) on the instance and
      /// the read replica: `true` or `false`, a literal or a parameter. Turn it
      /// off only in throwaway development environments; the monitoring role
      /// is created either way.
      Value enhanced_monitoring = true;
      /// The database created in the instance.
      std::string database_name = "app";
      /// The master user; its password lives in Secrets Manager.
      std::string master_username = "app_admin";
    } postgres{};

    /// ElastiCache Redis.
    struct Redis {
      /// `7` or `7.<minor>`: the parameter group family is `redis7`.
      std::string engine_version = "7.1";
      /// `cache.<family>.<size>`, e.g. `cache.t4g.medium`.
      Value node_type = "cache.t4g.medium";
      /// Nodes in the group: the primary and its replicas (1 to 6).
      Value num_cache_clusters = 2;
      /// Promote a replica when the primary fails; needs 2 or more nodes.
      Value automatic_failover = true;
      /// Keep the replicas in other zones than the primary; needs automatic failover.
      Value multi_az = true;
      /// Days of daily snapshots (0 to 35, 0 for none); the window is 03:00-05:00 UTC.
      Value snapshot_retention_days = 7;
      /// Days CloudWatch keeps the slow and engine logs: one of the values
      /// CloudWatch Logs accepts (1, 3, 5, 7, 14, 30, ... 3653).
      Value log_retention_days = 30;
      /// Encryption at rest (with the stack's KMS key) and in transit (TLS):
      /// `true` or `false`, a literal or a parameter. Turn it off only in
      /// throwaway development environments; changing it replaces the group.
      Value encryption = true;
      /// IAM authentication: the group gets the stack's RBAC user group, whose
      /// application user (`redis_user_name()`) signs in with an IAM token
      /// and whose `default` user is disabled. `true` or `false`, a literal or
      /// a parameter. ElastiCache takes a user group only with encryption in
      /// transit: turn it off together with `encryption`, and give both the
      /// same parameter when they differ between environments.
      Value iam_auth = true;
      /// What the application user may do, in Redis ACL syntax: starts with
      /// `on`, sets no password. The default allows every key and command
      /// but the `@dangerous` ones (`KEYS`, `FLUSHALL`, `FLUSHDB`, `SORT`,
      /// `MONITOR`, `CLIENT KILL`, ...), keeping `INFO`, which client
      /// libraries send to check the server.
      std::string access_string = "on ~* +@all -@dangerous +info";
    } redis{};
    /// ARN of an existing KMS key encrypting the databases, their master
    /// secret and Performance Insights (e.g. one key per data class); null:
    /// the stack creates its own key.
    Value kms_key_arn{};
    /// ARN of an IAM policy set as the permissions boundary of every IAM role
    /// the stack creates: what they may ever do, whatever is attached to
    /// them; null for none.
    Value permissions_boundary{};
  };

  /// Declares every resource of the stack; problems with literal props fail
  /// synthesis with the stack's path.
  DatabaseStack(Construct& scope, const Id& id, Props props);

  /// The PostgreSQL instance's host name (no port).
  Value postgres_address() const;
  /// The PostgreSQL instance's `host:port`.
  Value postgres_endpoint() const;
  /// The PostgreSQL instance identifier (`DBInstanceIdentifier` in CloudWatch).
  Value postgres_instance_id() const;
  /// The ARN of the Secrets Manager secret RDS keeps the master password in.
  Value master_secret_arn() const;
  /// The Redis primary endpoint's host name.
  Value redis_primary_endpoint() const;
  /// The Redis replication group ID (`ReplicationGroupId`): also the host
  /// name an IAM authentication token is signed for.
  Value redis_replication_group_id() const;
  /// The ARN of the Redis replication group.
  Value redis_arn() const;
  /// The Redis user an application signs in as (`AUTH <user> <token>`): its
  /// user name, equal to its user ID as IAM authentication requires.
  Value redis_user_name() const;
  /// The ARN of that Redis user.
  Value redis_user_arn() const;
  /// A statement allowing `elasticache:Connect` as the application's Redis
  /// user to this replication group only (IAM authentication checks both
  /// ARNs), for an application role such as `irsa_role`'s.
  PolicyStatement redis_connect_statement() const;
  /// The ARN of the KMS key encrypting the databases, their secret and insights.
  Value kms_key_arn() const;

  /// The resources, for settings the props do not cover.
  Resource& postgres() const { return *postgres_; }
  /// The read replica (count 0 or 1).
  Resource& postgres_replica() const { return *replica_; }
  /// The Redis replication group.
  Resource& redis() const { return *redis_; }
  /// The Redis application user (IAM authentication).
  Resource& redis_user() const { return *redis_user_; }
  /// The RBAC user group of the application user and the disabled default user.
  Resource& redis_user_group() const { return *redis_user_group_; }

 private:
  Resource* postgres_;
  Resource* replica_;
  Resource* redis_;
  Resource* redis_user_;
  Resource* redis_user_group_;
  Value kms_key_arn_;
};

}  // namespace keelson

#endif  // KEELSON_STACKS_DATABASE_STACK_H_
