#include "detection_api.h"

#include "api_chart.h"

#include "stacks/compute_stack.h"
#include "stacks/database_stack.h"
#include "stacks/helm_release.h"
#include "stacks/iam.h"
#include "stacks/monitoring_stack.h"
#include "stacks/network_stack.h"
#include "stacks/props.h"
#include "stacks/ssm_parameter.h"
#include "stacks/storage_stack.h"

namespace detection_api {

using namespace keelson;

void declare(App& app) {
  // What differs between environments, and nothing else (seed tables 5.1-5.3, 9.2).
  auto zones =
      app.param<int>("az_count", {.description = "Availability zones used.", .min = 1, .max = 3});
  auto single_nat = app.param<bool>(
      "single_nat_gateway", {.description = "One shared NAT gateway instead of one per zone."});
  auto node_types = app.param<std::vector<std::string>>(
      "node_instance_types", {.description = "Instance types of the on-demand EKS nodes."});
  auto node_min =
      app.param<int>("node_min", {.description = "Fewest on-demand nodes.", .min = 1, .max = 20});
  auto node_desired = app.param<int>(
      "node_desired", {.description = "On-demand nodes at creation.", .min = 1, .max = 20});
  auto node_max =
      app.param<int>("node_max", {.description = "Most on-demand nodes.", .min = 1, .max = 20});
  auto endpoint_cidrs = app.param<std::vector<std::string>>(
      "cluster_endpoint_cidrs",
      {.description = "IPv4 CIDR blocks that may reach the EKS API's public endpoint (where "
                      "Terraform runs); empty for a private endpoint only.",
       .default_value = Value::list({})});
  auto kubernetes_version = app.param<std::string>(
      "kubernetes_version",
      {.description = "Kubernetes minor version of the EKS cluster and its nodes; one EKS still "
                      "creates clusters on.",
       .allowed = eks_version_choices(),
       .default_value = Value{std::string(kEksDefaultVersion)}});
  auto spot = app.param<bool>("spot_enabled", {.description = "Add the spot node group."});
  auto db_class = app.param<std::string>(
      "db_instance_class",
      {.description = "RDS instance class.", .pattern = R"(db\.[a-z0-9]+\.[a-z0-9]+)"});
  auto db_storage = app.param<int>("db_allocated_storage",
                                   {.description = "RDS storage in GiB.", .min = 20, .max = 65536});
  auto db_retention =
      app.param<int>("db_backup_retention_days",
                     {.description = "Days of automated RDS backups.", .min = 1, .max = 35});
  auto db_multi_az =
      app.param<bool>("db_multi_az", {.description = "A standby RDS instance in another zone."});
  auto db_replica =
      app.param<bool>("db_read_replica", {.description = "A read replica of the database."});
  auto protect =
      app.param<bool>("deletion_protection",
                      {.description = "Refuse to delete the database and the load balancer."});
  auto redis_type = app.param<std::string>(
      "redis_node_type",
      {.description = "ElastiCache node type.", .pattern = R"(cache\.[a-z0-9]+\.[a-z0-9]+)"});
  auto redis_nodes =
      app.param<int>("redis_nodes", {.description = "Redis nodes.", .min = 1, .max = 6});
  auto redis_failover = app.param<bool>(
      "redis_failover", {.description = "Automatic Redis failover (needs 2 nodes or more)."});
  auto redis_encryption = app.param<bool>(
      "redis_encryption", {.description = "Redis encryption at rest and in transit."});
  auto https = app.param<bool>(
      "alb_https", {.description = "Serve HTTPS (and redirect HTTP to it) on the load balancer."});
  auto detail = app.param<bool>(
      "monitoring_detail",
      {.description = "Detailed monitoring: RDS enhanced monitoring, 1-minute EC2 metrics."});
  auto retention = app.param<int>(
      "log_retention_days",
      {.description = "Days CloudWatch keeps logs.", .allowed = {7, 14, 30, 60, 90, 180, 365}});
  auto certificate = app.param<std::string>(
      "certificate_arn",
      {.description = "ACM certificate of the HTTPS listener; empty without HTTPS.",
       .pattern = "(arn:aws:acm:.+)?"});
  auto emails = app.param<std::vector<std::string>>(
      "alarm_emails", {.description = "Who gets alarms and budget alerts."});
  auto budget =
      app.param<int>("monthly_budget", {.description = "Monthly cost budget in USD.", .min = 1});
  auto deploy_role = app.param<std::string>(
      "kubernetes_role_arn",
      {.description = "IAM role Terraform's helm and kubernetes providers assume to reach the "
                      "cluster: the deploy role, which created it.",
       .pattern = R"(arn:aws[a-z-]*:iam::\d{12}:role/.+)"});

  // Rules between parameters, checked by Terraform before it plans.
  app.rule(certificate, logical_or(logical_not(https), ne(certificate, "")),
           "A certificate_arn is required when alb_https is true.");
  app.rule(redis_failover, logical_or(logical_not(redis_failover), ge(redis_nodes, 2)),
           "Redis failover (redis_failover) needs redis_nodes of 2 or more.");
  app.rule(node_desired, logical_and(le(node_min, node_desired), le(node_desired, node_max)),
           "The value of node_desired must be from node_min to node_max.");

  NetworkStack::Props network;
  network.name = "detection-api";
  network.cidr = "10.0.0.0/16";
  network.zones = zones;
  network.single_nat_gateway = single_nat;
  network.flow_log_retention_days = retention;
  auto& net = app.stack<NetworkStack>("network", std::move(network));

  // ALB access logs and backups: 30 days, then Glacier, deleted at 90.
  const StorageStack::LifecycleRule archive{
      .id = "archive",
      .transitions = {{.days = 30, .storage_class = StorageStack::StorageClass::kGlacier}},
      .expiration_days = 90,
      .noncurrent_expiration_days = 30};
  StorageStack::Props buckets;
  buckets.name = "detection-api";
  buckets.buckets = {{.id = "alb_logs", .alb_access_logs = true, .lifecycle = {archive}},
                     {.id = "backups", .lifecycle = {archive}, .access_logging = true}};
  auto& storage = app.stack<StorageStack>("storage", std::move(buckets));

  DatabaseStack::Props data;
  data.name = "detection-api";
  data.subnet_ids = net.database_subnet_ids();
  data.postgres_security_group_id = net.database_security_group_id();
  data.redis_security_group_id = net.redis_security_group_id();
  data.postgres.instance_class = db_class;
  data.postgres.allocated_storage = db_storage;
  data.postgres.multi_az = db_multi_az;
  data.postgres.backup_retention_days = db_retention;
  data.postgres.deletion_protection = protect;
  data.postgres.read_replica = db_replica;
  data.postgres.enhanced_monitoring = detail;
  data.postgres.log_retention_days = retention;
  data.redis.node_type = redis_type;
  data.redis.num_cache_clusters = redis_nodes;
  data.redis.automatic_failover = redis_failover;
  data.redis.multi_az = redis_failover;
  data.redis.encryption = redis_encryption;
  // IAM authentication wherever there is TLS (ElastiCache takes it only
  // then): staging and prod; dev's throwaway Redis has neither.
  data.redis.iam_auth = redis_encryption;
  data.redis.snapshot_retention_days = 30;
  data.redis.log_retention_days = retention;
  auto& db = app.stack<DatabaseStack>("database", std::move(data));

  // Where the application finds its data stores: plain configuration, read
  // at start-up; the database password stays in the secret RDS manages.
  db.add<SsmParameter>("postgres_host",
                       SsmParameterProps{.name = "/detection-api/postgres/host",
                                         .description = "PostgreSQL endpoint address.",
                                         .value = db.postgres_address()});
  db.add<SsmParameter>("postgres_secret",
                       SsmParameterProps{.name = "/detection-api/postgres/secret-arn",
                                         .description = "ARN of the master user secret.",
                                         .value = db.master_secret_arn()});
  db.add<SsmParameter>("redis_host", SsmParameterProps{.name = "/detection-api/redis/host",
                                                       .description = "Redis primary endpoint.",
                                                       .value = db.redis_primary_endpoint()});

  ComputeStack::Props cluster;
  cluster.name = "detection-api";
  cluster.vpc_id = net.vpc_id();
  cluster.private_subnet_ids = net.private_subnet_ids();
  cluster.public_subnet_ids = net.public_subnet_ids();
  cluster.node_security_group_id = net.node_security_group_id();
  cluster.alb_security_group_id = net.alb_security_group_id();
  cluster.log_retention_days = retention;
  cluster.eks.version = kubernetes_version;
  cluster.eks.public_access_cidrs = endpoint_cidrs;
  cluster.detailed_monitoring = detail;
  cluster.on_demand.min_size = node_min;
  cluster.on_demand.max_size = node_max;
  cluster.on_demand.desired_size = node_desired;
  cluster.on_demand.instance_types = node_types;
  cluster.spot.enabled = spot;
  cluster.spot.instance_types = node_types;
  cluster.alb.https = https;
  cluster.alb.certificate_arn = certificate;
  cluster.alb.deletion_protection = protect;
  cluster.alb.access_logs_bucket = storage.bucket_id("alb_logs");
  // The load balancer controller and Container Insights are on by default.
  cluster.addons.kubernetes_role_arn = deploy_role;
  auto& compute = app.stack<ComputeStack>("compute", std::move(cluster));

  // The API runs from its chart (generated into helm-charts/detection-api/);
  // what only Terraform knows reaches it through one helm_release.
  auto& apps = app.stack("apps");
  const Value backups = storage.bucket_arn("backups");
  PolicyStatement redis_connect = db.redis_connect_statement();
  redis_connect.sid = "ConnectToRedis";
  auto& api_role = irsa_role(
      apps, "api_role", compute.service_account("detection-api", "detection-api"),
      {.statements = {
           PolicyStatement{.sid = "ListBackups",
                           .actions = {"s3:ListBucket"},
                           .resources = {backups}},
           PolicyStatement{.sid = "ReadBackups",
                           .actions = {"s3:GetObject"},
                           .resources = {str(backups, "/*")}},
           PolicyStatement{
               .sid = "DecryptBackups",
               .actions = {"kms:Decrypt"},
               .resources = {storage.kms_key_arn()},
               .conditions = Value::map(
                   {{"StringLike", Value::map({{"kms:ViaService", "s3.*.amazonaws.com"}})}})},
           PolicyStatement{.sid = "ReadDatabaseSecret",
                           .actions = {"secretsmanager:GetSecretValue"},
                           .resources = {db.master_secret_arn()}},
           PolicyStatement{
               .sid = "DecryptDatabaseSecret",
               .actions = {"kms:Decrypt"},
               .resources = {db.kms_key_arn()},
               .conditions = Value::map({{"StringLike",
                                          Value::map({{"kms:ViaService",
                                                       "secretsmanager.*.amazonaws.com"}})}})},
           redis_connect,
       }},
      "The detection API's pods: read backups and the database's master secret, sign in to "
      "Redis.");
  api_role.role().set("tags", Value::map({{"Name", "detection-api-api"}}));
  const Chart& chart = declare_api_chart(app, {.database_host = db.postgres_address(),
                                               .database_secret_arn = db.master_secret_arn(),
                                               .redis_host = db.redis_primary_endpoint(),
                                               // Empty without IAM authentication (dev).
                                               .redis_user = either(redis_encryption,
                                                                    db.redis_user_name(), ""),
                                               .redis_replication_group_id =
                                                   db.redis_replication_group_id(),
                                               .role_arn = api_role.arn(),
                                               .target_group_arn = compute.target_group_arn(),
                                               .region = compute.cluster_region(),
                                               .vpc_cidr = "10.0.0.0/16"});
  auto& api = apps.add<HelmRelease>("detection_api",
                                    HelmReleaseProps{.chart = chart.name(),
                                                     .namespace_name = "detection-api",
                                                     .set = chart.terraform_values()});
  // The External Secrets Operator makes the chart's ExternalSecrets into
  // Secrets (its v1 API, which the chart uses; the CRDs chartcheck checks
  // against are this version's).
  auto& secrets_operator = apps.add<HelmRelease>(
      "external_secrets", HelmReleaseProps{.chart = "external-secrets",
                                           .repository = "https://charts.external-secrets.io",
                                           .version = "1.3.2",
                                           .namespace_name = "external-secrets"});
  // The TargetGroupBinding's CRD comes with the load balancer controller, the
  // SecretStore's and ExternalSecret's with the operator.
  api.release().depends_on(*compute.load_balancer_controller());
  api.release().depends_on(secrets_operator.release());

  MonitoringStack::Props monitoring;
  monitoring.name = "detection-api";
  monitoring.log_retention_days = retention;
  monitoring.alert_emails = emails;
  monitoring.cluster_name = compute.cluster_name();
  monitoring.db_instance_id = db.postgres_instance_id();
  monitoring.redis_replication_group_id = db.redis_replication_group_id();
  monitoring.alb_arn_suffix = compute.alb_arn_suffix();
  monitoring.target_group_arn_suffix = compute.target_group_arn_suffix();
  monitoring.monthly_budget_usd = budget;
  app.stack<MonitoringStack>("monitoring", std::move(monitoring));
}

}  // namespace detection_api
