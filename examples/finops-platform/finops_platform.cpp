#include "finops_platform.h"

#include "backend_stack.h"
#include "compliance_stack.h"
#include "frontend_chart.h"
#include "guardrails_stack.h"
#include "stacks/compute_stack.h"
#include "stacks/database_stack.h"
#include "stacks/helm_release.h"
#include "stacks/iam.h"
#include "stacks/monitoring_stack.h"
#include "stacks/network_stack.h"
#include "stacks/storage_stack.h"

namespace finops_platform {

using namespace keelson;

namespace {

// The tags every resource carries (the environment files give their values,
// `policy.required_tags` makes `check` refuse a resource without one, and
// AWS Config's REQUIRED_TAGS reports one in the account).
const std::vector<std::string> kRequiredTags = {"Project", "Environment", "Owner", "CostCenter"};

// kms:Decrypt (and data keys) with `key`, only through `service`.
PolicyStatement use_key(std::string sid, const Value& key, const std::string& service,
                        std::vector<std::string> actions = {"kms:Decrypt"}) {
  return PolicyStatement{
      .sid = std::move(sid),
      .actions = std::move(actions),
      .resources = {key},
      .conditions = Value::map(
          {{"StringLike", Value::map({{"kms:ViaService", service + ".*.amazonaws.com"}})}})};
}

}  // namespace

void declare(App& app) {
  // ---- What differs between environments ---------------------------------
  auto zones =
      app.param<int>("az_count", {.description = "Availability zones used.", .min = 2, .max = 3});
  auto single_nat = app.param<bool>(
      "single_nat_gateway", {.description = "One shared NAT gateway instead of one per zone."});
  auto node_types = app.param<std::vector<std::string>>(
      "node_instance_types", {.description = "Instance types of the front end's EKS nodes."});
  auto node_min =
      app.param<int>("node_min", {.description = "Fewest EKS nodes.", .min = 1, .max = 20});
  auto node_desired = app.param<int>(
      "node_desired", {.description = "EKS nodes at creation.", .min = 1, .max = 20});
  auto node_max =
      app.param<int>("node_max", {.description = "Most EKS nodes.", .min = 1, .max = 20});
  auto endpoint_cidrs = app.param<std::vector<std::string>>(
      "cluster_endpoint_cidrs",
      {.description = "IPv4 CIDR blocks that may reach the EKS API's public endpoint (where "
                      "Terraform runs); empty for a private endpoint only.",
       .default_value = Value::list({})});
  auto kubernetes_version = app.param<std::string>(
      "kubernetes_version",
      {.description = "Kubernetes minor version of the EKS cluster and its nodes.",
       .allowed = eks_version_choices(),
       .default_value = Value{std::string(kEksDefaultVersion)}});
  auto deploy_role = app.param<std::string>(
      "kubernetes_role_arn",
      {.description = "IAM role Terraform's helm and kubernetes providers assume to reach the "
                      "cluster: the environment's deploy role, which created it.",
       .pattern = R"(arn:aws[a-z-]*:iam::\d{12}:role/.+)"});
  auto backend_type = app.param<std::string>(
      "backend_instance_type",
      {.description = "EC2 instance type of the back end.", .pattern = R"([a-z0-9]+\.[a-z0-9]+)"});
  auto backend_min = app.param<int>(
      "backend_min", {.description = "Fewest back-end instances.", .min = 1, .max = 20});
  auto backend_desired = app.param<int>(
      "backend_desired", {.description = "Back-end instances at creation.", .min = 1, .max = 20});
  auto backend_max = app.param<int>(
      "backend_max", {.description = "Most back-end instances.", .min = 1, .max = 20});
  auto spot = app.param<bool>(
      "spot_enabled",
      {.description = "Add spot nodes (tainted) for the front end's extra replicas."});
  auto db_class = app.param<std::string>(
      "db_instance_class",
      {.description = "RDS instance class.", .pattern = R"(db\.[a-z0-9]+\.[a-z0-9]+)"});
  auto db_storage = app.param<int>("db_allocated_storage",
                                   {.description = "RDS storage in GiB.", .min = 20, .max = 65536});
  auto db_retention = app.param<int>("db_backup_retention_days",
                                     {.description = "Days of RDS backups.", .min = 7, .max = 35});
  auto db_multi_az = app.param<bool>("db_multi_az", {.description = "A standby RDS instance."});
  auto protect = app.param<bool>(
      "deletion_protection", {.description = "Refuse to delete the database and load balancers."});
  auto redis_type = app.param<std::string>(
      "redis_node_type", {.description = "ElastiCache node type of the back end's cache.",
                          .pattern = R"(cache\.[a-z0-9]+\.[a-z0-9]+)"});
  auto redis_nodes =
      app.param<int>("redis_nodes", {.description = "Redis nodes.", .min = 1, .max = 6});
  auto redis_failover = app.param<bool>(
      "redis_failover", {.description = "Automatic Redis failover (2 nodes or more)."});
  auto detail = app.param<bool>(
      "monitoring_detail", {.description = "Detailed EC2 monitoring and RDS enhanced monitoring."});
  auto retention = app.param<int>(
      "log_retention_days",
      {.description = "Days CloudWatch keeps logs.", .allowed = {7, 14, 30, 60, 90, 180, 365}});
  auto certificate = app.param<std::string>(
      "certificate_arn", {.description = "ACM certificate of both load balancers' HTTPS listeners.",
                          .pattern = "arn:aws[a-z-]*:acm:.+"});
  auto emails = app.param<std::vector<std::string>>(
      "alarm_emails", {.description = "Who gets alarms and budget alerts."});
  auto budget =
      app.param<int>("monthly_budget", {.description = "Monthly budget in USD.", .min = 1});
  auto snapshots = app.param<std::string>(
      "config_snapshot_frequency",
      {.description = "How often AWS Config delivers configuration snapshots.",
       .allowed = {"One_Hour", "Three_Hours", "Six_Hours", "Twelve_Hours", "TwentyFour_Hours"}});

  app.rule(node_desired, logical_and(le(node_min, node_desired), le(node_desired, node_max)),
           "The value of node_desired must be from node_min to node_max.");
  app.rule(backend_desired,
           logical_and(le(backend_min, backend_desired), le(backend_desired, backend_max)),
           "The value of backend_desired must be from backend_min to backend_max.");
  app.rule(redis_failover, logical_or(logical_not(redis_failover), ge(redis_nodes, 2)),
           "Redis failover (redis_failover) needs redis_nodes of 2 or more.");

  // ---- Guardrails: keys per data class, the permissions boundary ----------
  auto& guardrails = app.stack<GuardrailsStack>("guardrails", {.name = "finops"});
  const Value pii_key = guardrails.key_arn(DataClass::kPii);
  const Value financial_key = guardrails.key_arn(DataClass::kFinancial);
  const Value logs_key = guardrails.key_arn(DataClass::kLogs);
  const Value boundary = guardrails.boundary_arn();

  // ---- Network ------------------------------------------------------------
  NetworkStack::Props network;
  network.name = "finops";
  network.cidr = "10.20.0.0/16";
  network.zones = zones;
  network.single_nat_gateway = single_nat;
  network.flow_log_retention_days = retention;
  network.flow_log_kms_key_arn = logs_key;
  network.permissions_boundary = boundary;
  auto& net = app.stack<NetworkStack>("network", std::move(network));

  // ---- S3, one stack per data class, each under its class's key -----------
  const StorageStack::LifecycleRule archive{
      .id = "archive",
      .transitions = {{.days = 30, .storage_class = StorageStack::StorageClass::kGlacier}},
      .expiration_days = 365,
      .noncurrent_expiration_days = 30};
  auto& documents = app.stack<StorageStack>(
      "pii_storage", {.name = "finops-pii",
                      .buckets = {{.id = "documents", .access_logging = true}},
                      .kms_key_arn = pii_key,
                      .permissions_boundary = boundary});
  auto& reports = app.stack<StorageStack>(
      "financial_storage",
      {.name = "finops-financial",
       .buckets = {{.id = "reports", .access_logging = true},
                   {.id = "backups", .lifecycle = {archive}, .access_logging = true}},
       .kms_key_arn = financial_key,
       .permissions_boundary = boundary});
  auto& logs = app.stack<StorageStack>(
      "log_storage",
      {.name = "finops-logs",
       // ALB log delivery takes SSE-S3 only; Config's history is under the logs key.
       .buckets = {{.id = "alb_logs", .alb_access_logs = true, .lifecycle = {archive}},
                   {.id = "config",
                    .config_delivery = true,
                    .lifecycle = {archive},
                    .access_logging = true}},
       .kms_key_arn = logs_key,
       .permissions_boundary = boundary});

  // ---- AWS Config ---------------------------------------------------------
  app.stack<ComplianceStack>("compliance", {.name = "finops",
                                            .required_tags = kRequiredTags,
                                            .bucket = logs.bucket_id("config"),
                                            .kms_key_arn = logs_key,
                                            .snapshot_frequency = snapshots});

  // ---- RDS PostgreSQL (the ledger) and the back end's cache: financial ----
  DatabaseStack::Props data;
  data.name = "finops";
  data.subnet_ids = net.database_subnet_ids();
  data.postgres_security_group_id = net.database_security_group_id();
  data.redis_security_group_id = net.redis_security_group_id();
  data.postgres.database_name = "ledger";
  data.postgres.instance_class = db_class;
  data.postgres.allocated_storage = db_storage;
  data.postgres.multi_az = db_multi_az;
  data.postgres.backup_retention_days = db_retention;
  data.postgres.deletion_protection = protect;
  data.postgres.enhanced_monitoring = detail;
  data.postgres.log_retention_days = retention;
  data.redis.node_type = redis_type;
  data.redis.num_cache_clusters = redis_nodes;
  data.redis.automatic_failover = redis_failover;
  data.redis.multi_az = redis_failover;
  data.redis.log_retention_days = retention;
  data.kms_key_arn = financial_key;
  data.permissions_boundary = boundary;
  auto& db = app.stack<DatabaseStack>("database", std::move(data));

  // ---- Front end: EKS behind the public load balancer ---------------------
  ComputeStack::Props cluster;
  cluster.name = "finops";
  cluster.vpc_id = net.vpc_id();
  cluster.private_subnet_ids = net.private_subnet_ids();
  cluster.public_subnet_ids = net.public_subnet_ids();
  cluster.node_security_group_id = net.node_security_group_id();
  cluster.alb_security_group_id = net.alb_security_group_id();
  cluster.log_retention_days = retention;
  cluster.detailed_monitoring = detail;
  cluster.eks.version = kubernetes_version;
  cluster.eks.public_access_cidrs = endpoint_cidrs;
  cluster.on_demand.min_size = node_min;
  cluster.on_demand.max_size = node_max;
  cluster.on_demand.desired_size = node_desired;
  cluster.on_demand.instance_types = node_types;
  // Spot capacity where interruptions are acceptable: cheaper front-end replicas.
  cluster.spot.enabled = spot;
  cluster.spot.instance_types = node_types;
  cluster.alb.https = true;
  cluster.alb.certificate_arn = certificate;
  cluster.alb.deletion_protection = protect;
  cluster.alb.access_logs_bucket = logs.bucket_id("alb_logs");
  cluster.addons.kubernetes_role_arn = deploy_role;
  cluster.permissions_boundary = boundary;
  auto& compute = app.stack<ComputeStack>("compute", std::move(cluster));

  // ---- Back end: EC2 auto scaling behind an internal load balancer --------
  const Value reports_bucket = reports.bucket_arn("reports");
  const Value documents_bucket = documents.bucket_arn("documents");
  PolicyStatement redis_connect = db.redis_connect_statement();
  redis_connect.sid = "ConnectToRedis";
  BackendStack::Props backend;
  backend.name = "finops";
  backend.vpc_id = net.vpc_id();
  backend.private_subnet_ids = net.private_subnet_ids();
  backend.instance_security_group_id = net.node_security_group_id();
  backend.client_security_group_id = net.node_security_group_id();
  backend.instance_type = backend_type;
  backend.min_size = backend_min;
  backend.max_size = backend_max;
  backend.desired_capacity = backend_desired;
  backend.kms_key_arn = financial_key;
  backend.certificate_arn = certificate;
  backend.access_logs_bucket = logs.bucket_id("alb_logs");
  backend.deletion_protection = protect;
  backend.detailed_monitoring = detail;
  backend.permissions_boundary = boundary;
  backend.permissions = {
      PolicyStatement{.sid = "ListData",
                      .actions = {"s3:ListBucket"},
                      .resources = {reports_bucket, documents_bucket}},
      PolicyStatement{.sid = "WriteReports",
                      .actions = {"s3:GetObject", "s3:PutObject"},
                      .resources = {str(reports_bucket, "/*")}},
      PolicyStatement{.sid = "ReadDocuments",
                      .actions = {"s3:GetObject"},
                      .resources = {str(documents_bucket, "/*")}},
      use_key("UseFinancialKeyInS3", financial_key, "s3", {"kms:Decrypt", "kms:GenerateDataKey"}),
      use_key("UsePiiKeyInS3", pii_key, "s3"),
      PolicyStatement{.sid = "ReadDatabaseSecret",
                      .actions = {"secretsmanager:GetSecretValue"},
                      .resources = {db.master_secret_arn()}},
      use_key("DecryptDatabaseSecret", financial_key, "secretsmanager"),
      redis_connect,
  };
  auto& api = app.stack<BackendStack>("backend", std::move(backend));

  // ---- The front end's chart, installed by one helm_release ---------------
  auto& apps = app.stack("apps");
  const Chart& chart = declare_frontend_chart(app, {.backend_url = str("https://", api.endpoint()),
                                                    .target_group_arn = compute.target_group_arn(),
                                                    .vpc_cidr = "10.20.0.0/16"});
  auto& web =
      apps.add<HelmRelease>("finops_web", HelmReleaseProps{.chart = chart.name(),
                                                           .namespace_name = "finops-web",
                                                           .set = chart.terraform_values()});
  // The TargetGroupBinding's CRD comes with the load balancer controller.
  web.release().depends_on(*compute.load_balancer_controller());

  // ---- Alarms, logs and the budget ----------------------------------------
  MonitoringStack::Props monitoring;
  monitoring.name = "finops";
  monitoring.log_retention_days = retention;
  monitoring.log_kms_key_arn = logs_key;
  monitoring.sns_kms_key_arn = logs_key;
  monitoring.alert_emails = emails;
  monitoring.cluster_name = compute.cluster_name();
  monitoring.db_instance_id = db.postgres_instance_id();
  monitoring.redis_replication_group_id = db.redis_replication_group_id();
  monitoring.alb_arn_suffix = compute.alb_arn_suffix();
  monitoring.target_group_arn_suffix = compute.target_group_arn_suffix();
  monitoring.monthly_budget_usd = budget;
  app.stack<MonitoringStack>("monitoring", std::move(monitoring));
}

}  // namespace finops_platform
