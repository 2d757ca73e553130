#include "serverless_platform.h"

#include "configuration_stack.h"
#include "stacks/compute_stack.h"
#include "stacks/database_stack.h"
#include "stacks/iam.h"
#include "stacks/monitoring_stack.h"
#include "stacks/network_stack.h"
#include "stacks/storage_stack.h"

namespace serverless_platform {

using namespace keelson;

namespace {

constexpr const char* kName = "serverless-platform";

// The function runtime: Python 3.13, supported by Lambda until 2029.
constexpr const char* kRuntime = "python3.13";

}  // namespace

void declare(App& app) {
  auto zones =
      app.param<int>("az_count", {.description = "Availability zones used.", .min = 2, .max = 3});
  auto single_nat = app.param<bool>(
      "single_nat_gateway", {.description = "One shared NAT gateway instead of one per zone."});
  auto db_class = app.param<std::string>(
      "db_instance_class",
      {.description = "RDS instance class.", .pattern = R"(db\.[a-z0-9]+\.[a-z0-9]+)"});
  auto db_storage = app.param<int>("db_allocated_storage",
                                   {.description = "RDS storage in GiB.", .min = 20, .max = 65536});
  auto db_retention =
      app.param<int>("db_backup_retention_days",
                     {.description = "Days of RDS backups: the window of point-in-time recovery.",
                      .min = 1,
                      .max = 35});
  auto db_multi_az =
      app.param<bool>("db_multi_az", {.description = "A standby RDS instance in another zone."});
  auto protect =
      app.param<bool>("deletion_protection", {.description = "Refuse to delete the database."});
  auto redis_type = app.param<std::string>(
      "redis_node_type",
      {.description = "ElastiCache node type.", .pattern = R"(cache\.[a-z0-9]+\.[a-z0-9]+)"});
  auto redis_nodes =
      app.param<int>("redis_nodes", {.description = "Redis nodes.", .min = 1, .max = 6});
  auto redis_failover = app.param<bool>(
      "redis_failover", {.description = "Automatic Redis failover (2 nodes or more)."});
  auto redis_snapshots = app.param<int>(
      "redis_snapshot_retention_days",
      {.description = "Days of daily Redis snapshots; 0 for none.", .min = 0, .max = 35});
  auto retention = app.param<int>(
      "log_retention_days",
      {.description = "Days CloudWatch keeps logs.", .allowed = {7, 14, 30, 60, 90, 180, 365}});
  auto memory = app.param<int>(
      "api_memory_mb",
      {.description = "Memory of the API function in MiB.", .min = 128, .max = 10240});
  auto concurrency = app.param<int>(
      "api_reserved_concurrency",
      {.description = "Concurrent executions reserved for (and the most run by) the API function.",
       .min = 1,
       .max = 900});
  auto release = app.param<std::string>(
      "release", {.description = "Version of the function packages deployed (their S3 key).",
                  .pattern = R"([0-9]+\.[0-9]+\.[0-9]+)"});
  auto log_level =
      app.param<std::string>("log_level", {.description = "Log level of the functions.",
                                           .allowed = {"DEBUG", "INFO", "WARNING", "ERROR"}});
  auto flags = app.param<std::string>(
      "feature_flags", {.description = "Feature flags of the functions, a JSON object.",
                        .default_value = Value{"{}"}});
  auto replica_region = app.param<std::string>(
      "replica_region", {.description = "Region the critical buckets are replicated to.",
                         .pattern = "[a-z]{2}(-gov)?-[a-z]+-[0-9]"});
  auto issuer = app.param<std::string>(
      "jwt_issuer", {.description = "Issuer of the tokens the API accepts (the identity provider).",
                     .pattern = "https://.+"});
  auto audience = app.param<std::vector<std::string>>(
      "jwt_audience", {.description = "Client IDs the API's tokens are issued to."});
  auto emails = app.param<std::vector<std::string>>(
      "alarm_emails", {.description = "Who gets alarms and budget alerts."});
  auto budget =
      app.param<int>("monthly_budget", {.description = "Monthly budget in USD.", .min = 1});

  app.rule(redis_failover, logical_or(logical_not(redis_failover), ge(redis_nodes, 2)),
           "Redis failover (redis_failover) needs redis_nodes of 2 or more.");

  // NetworkStack: the VPC, public, private and database subnets, security
  // groups and NAT gateways (one in development, one per zone elsewhere).
  NetworkStack::Props network;
  network.name = kName;
  network.cidr = "10.20.0.0/16";
  network.zones = zones;
  network.single_nat_gateway = single_nat;
  network.flow_log_retention_days = retention;
  auto& net = app.stack<NetworkStack>("network", std::move(network));

  // StorageStack: the function packages, the uploaded assets and the backups;
  // assets and backups are replicated to another region.
  const Provider& replica =
      app.provider("aws", {.alias = "replica", .config = {{"region", replica_region}}});
  const StorageStack::LifecycleRule archive{
      .id = "archive",
      .transitions = {{.days = 30, .storage_class = StorageStack::StorageClass::kGlacier}},
      .expiration_days = 365,
      .noncurrent_expiration_days = 30};
  const StorageStack::LifecycleRule old_versions{.id = "old-versions",
                                                 .noncurrent_expiration_days = 90};
  StorageStack::Props buckets;
  buckets.name = kName;
  buckets.buckets = {
      {.id = "artifacts", .lifecycle = {old_versions}, .access_logging = true},
      {.id = "assets", .lifecycle = {old_versions}, .access_logging = true, .replicate = true},
      {.id = "backups", .lifecycle = {archive}, .access_logging = true, .replicate = true}};
  buckets.replica_provider = &replica;
  auto& storage = app.stack<StorageStack>("storage", std::move(buckets));

  // DatabaseStack: PostgreSQL with point-in-time recovery over the backup
  // retention, Redis with daily snapshots; single-AZ in development.
  DatabaseStack::Props data;
  data.name = kName;
  data.subnet_ids = net.database_subnet_ids();
  data.postgres_security_group_id = net.database_security_group_id();
  data.redis_security_group_id = net.redis_security_group_id();
  data.postgres.database_name = "platform";
  data.postgres.instance_class = db_class;
  data.postgres.allocated_storage = db_storage;
  data.postgres.multi_az = db_multi_az;
  data.postgres.backup_retention_days = db_retention;
  data.postgres.deletion_protection = protect;
  data.postgres.log_retention_days = retention;
  data.redis.node_type = redis_type;
  data.redis.num_cache_clusters = redis_nodes;
  data.redis.automatic_failover = redis_failover;
  data.redis.multi_az = redis_failover;
  data.redis.snapshot_retention_days = redis_snapshots;
  data.redis.log_retention_days = retention;
  auto& db = app.stack<DatabaseStack>("database", std::move(data));

  // Parameters in SSM and secrets in Secrets Manager, read at run time.
  auto& config =
      app.stack<ConfigurationStack>("configuration", {.name = kName,
                                                      .database_host = db.postgres_address(),
                                                      .database_secret_arn = db.master_secret_arn(),
                                                      .redis_host = db.redis_primary_endpoint(),
                                                      .redis_user = db.redis_user_name(),
                                                      .assets_bucket = storage.bucket_id("assets"),
                                                      .log_level = log_level,
                                                      .feature_flags = flags});

  // ComputeStack: the functions behind one HTTP API, no cluster and no load
  // balancer. The API function takes tokens of the identity provider, runs in
  // the private subnets to reach the data stores and may read exactly its
  // configuration, the database's secret, Redis as its user and the assets;
  // the health check is public and reads nothing.
  std::vector<PolicyStatement> api_permissions = config.read_statements();
  api_permissions.push_back(PolicyStatement{.sid = "ReadDatabaseSecret",
                                            .actions = {"secretsmanager:GetSecretValue"},
                                            .resources = {db.master_secret_arn()}});
  api_permissions.push_back(PolicyStatement{
      .sid = "DecryptDatabaseSecret", .actions = {"kms:Decrypt"}, .resources = {db.kms_key_arn()}});
  PolicyStatement redis = db.redis_connect_statement();
  redis.sid = "ConnectToRedis";
  api_permissions.push_back(std::move(redis));
  const Value assets = storage.bucket_arn("assets");
  api_permissions.push_back(PolicyStatement{.sid = "ReadWriteAssets",
                                            .actions = {"s3:GetObject", "s3:PutObject"},
                                            .resources = {str(assets, "/*")}});
  api_permissions.push_back(PolicyStatement{.sid = "UseAssetsKey",
                                            .actions = {"kms:Decrypt", "kms:GenerateDataKey"},
                                            .resources = {storage.kms_key_arn()}});

  const Value packages = storage.bucket_id("artifacts");
  ComputeStack::Props functions;
  functions.name = kName;
  functions.private_subnet_ids = net.private_subnet_ids();
  functions.node_security_group_id = net.node_security_group_id();
  functions.log_retention_days = retention;
  functions.eks.enabled = false;
  functions.alb.enabled = false;
  functions.api = {.jwt_issuer = issuer, .jwt_audience = audience};
  functions.functions = {
      {.name = "api",
       .runtime = kRuntime,
       .handler = "platform.api.handler",
       .s3_bucket = packages,
       .s3_key = str("api/", release, ".zip"),
       .memory_size = memory,
       .timeout = 15,
       .environment = Value::map({{"CONFIG_PATH", config.parameter_path()},
                                  {"PAYMENT_API_KEY_SECRET", config.payment_api_key_arn()},
                                  {"SESSION_KEY_SECRET", config.session_signing_key_arn()}}),
       .route = "ANY /v1/{proxy+}",
       .in_vpc = true,
       .statements = std::move(api_permissions),
       .reserved_concurrency = concurrency,
       .authorization = "JWT",
       .kms_key_arn = config.key_arn()},
      {.name = "health",
       .runtime = kRuntime,
       .handler = "platform.health.handler",
       .s3_bucket = packages,
       .s3_key = str("health/", release, ".zip"),
       .memory_size = 128,
       .timeout = 5,
       .route = "GET /health",
       .in_vpc = true,
       .reserved_concurrency = 5,
       .authorization = "NONE"}};
  auto& compute = app.stack<ComputeStack>("compute", std::move(functions));

  // MonitoringStack: log groups, alarms on the functions, the API and the
  // data stores, a dashboard and the monthly budget alert.
  MonitoringStack::Props monitoring;
  monitoring.name = kName;
  monitoring.log_retention_days = retention;
  monitoring.alert_emails = emails;
  monitoring.db_instance_id = db.postgres_instance_id();
  monitoring.redis_replication_group_id = db.redis_replication_group_id();
  monitoring.lambda_functions = compute.function_names();
  monitoring.http_api_id = compute.api_id();
  monitoring.monthly_budget_usd = budget;
  app.stack<MonitoringStack>("monitoring", std::move(monitoring));
}

}  // namespace serverless_platform
