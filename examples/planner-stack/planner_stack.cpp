#include "planner_stack.h"

#include "stacks/compute_stack.h"
#include "stacks/database_stack.h"
#include "stacks/helm_release.h"
#include "stacks/iam.h"
#include "stacks/monitoring_stack.h"
#include "stacks/network_stack.h"
#include "stacks/storage_stack.h"

namespace planner_stack {

using namespace keelson;

namespace {

// A service of the umbrella chart as the seed sizes it: requests and limits,
// replicas, autoscaling, and its port behind a ClusterIP service.
WorkloadProps service(std::string image, std::string tag, std::string port_name, int port) {
  return {.image = {.repository = std::move(image), .tag = std::move(tag)},
          .ports = {{.name = std::move(port_name), .container_port = port}},
          .liveness = Probe{.tcp = true, .initial_delay_seconds = 10, .period_seconds = 20},
          .readiness = Probe{.tcp = true},
          .tolerations = {{.key = "spot", .value = "true"}},
          .topology_spread = {{}}};
}

// A host served over HTTPS by a load balancer the AWS Load Balancer
// Controller makes (the seed's ingress-nginx was retired in March 2026),
// with the ACM certificate it finds for the host listed under tls.
Ingress alb_ingress(const std::string& host) {
  return {.class_name = "alb",
          .hosts = {{.host = host, .tls_secret = host}},
          .annotations = {{"alb.ingress.kubernetes.io/scheme", "internet-facing"},
                          {"alb.ingress.kubernetes.io/target-type", "ip"},
                          {"alb.ingress.kubernetes.io/listen-ports", R"([{"HTTPS":443}])"},
                          {"alb.ingress.kubernetes.io/ssl-policy",
                           "ELBSecurityPolicy-TLS13-1-2-2021-06"}}};
}

// What only Terraform knows about the data stores, for the chart.
struct ChartInputs {
  Value database_host;
  Value redis_host;
  Value redis_user;                  ///< signs in with an IAM token
  Value redis_replication_group_id;  ///< the host name the token is signed for
  Value region;
  Value documents_role_arn;  ///< the MCP server's IAM role for service accounts
  Value target_group_arn;    ///< the web UI's, behind the stack's load balancer
};

Chart& declare_chart(App& app, const ChartInputs& in) {
  auto& umbrella = app.add<Chart>(
      "planner-stack",
      ChartProps{.version = "1.0.0",
                 .app_version = "2.0.0",
                 .description = "Intelligent Teams Planner complete application stack",
                 .keywords = {"planner", "teams", "ai", "microsoft"},
                 .home = "https://github.com/intelligent-teams-planner",
                 .sources = {"https://github.com/intelligent-teams-planner"},
                 .maintainers = {{.name = "BMad Framework", .email = "engineering@example.com"}},
                 // In-cluster data stores and monitoring, off by default: the
                 // services use RDS and ElastiCache (below). Passwords come
                 // from existing Secrets, never from values.
                 .dependencies = {
                     {.name = "postgresql",
                      .version = "12.10.0",
                      .repository = "https://charts.bitnami.com/bitnami",
                      .values = {{"auth", Value::map({{"existingSecret", "planner-postgresql"},
                                                      {"database", "planner"}})}},
                      .enabled = false},
                     {.name = "redis",
                      .version = "18.1.5",
                      .repository = "https://charts.bitnami.com/bitnami",
                      .values = {{"auth", Value::map({{"existingSecret", "planner-redis"},
                                                      {"existingSecretPasswordKey", "password"}})}},
                      .enabled = false},
                     {.name = "prometheus",
                      .version = "25.3.1",
                      .repository = "https://prometheus-community.github.io/helm-charts",
                      .condition = "monitoring.prometheus.enabled"},
                     {.name = "grafana",
                      .version = "7.0.3",
                      .repository = "https://grafana.github.io/helm-charts",
                      .condition = "monitoring.grafana.enabled",
                      .values = {{"admin", Value::map({{"existingSecret", "planner-grafana-admin"},
                                                       {"userKey", "admin-user"},
                                                       {"passwordKey", "admin-password"}})}}}}});

  auto bot = service("ghcr.io/intelligent-teams-planner/teams-bot", "2.0.0", "bot", 3978);
  bot.replicas = 3;
  bot.resources = {.cpu_request = "100m", .memory_request = "256Mi", .cpu_limit = "250m",
                   .memory_limit = "512Mi"};
  bot.autoscaling = Autoscaling{.min_replicas = 3, .max_replicas = 20, .cpu_percent = 70,
                                .memory_percent = 80};
  bot.disruption_budget = DisruptionBudget{.max_unavailable = 1};
  // The Bot Framework calls its own endpoint.
  bot.ingress = alb_ingress("teams-bot.planner.example.com");
  bot.env = {{"MCP_SERVER_URL", "http://planner-stack-mcp-server:8000"},
             {"MICROSOFT_APP_PASSWORD", SecretKeyRef{.name = "teams-bot", .key = "app-password"}}};
  umbrella.subchart("teams-bot", {.version = "1.0.0", .app_version = "2.0.0"}).workload(bot);

  auto ui = service("ghcr.io/open-webui/open-webui", "v0.6.15", "http", 8080);
  ui.replicas = 2;
  ui.resources = {.cpu_request = "500m", .memory_request = "1Gi", .cpu_limit = "1000m",
                  .memory_limit = "2Gi"};
  ui.disruption_budget = DisruptionBudget{.max_unavailable = 1};
  // The UI sits behind the load balancer Terraform makes (HTTPS with the
  // environment's certificate, access logs, alarms).
  ui.target_group_arn = in.target_group_arn;
  ui.env = {{"OPENAI_API_BASE_URL", "http://planner-stack-mcpo-proxy:8001"},
            {"WEBUI_SECRET_KEY", SecretKeyRef{.name = "openwebui", .key = "secret-key"}}};
  // Open WebUI writes its data below /app/backend/data.
  ui.security.read_only_root_filesystem = false;
  umbrella.subchart("openwebui", {.version = "1.0.0", .app_version = "v0.6.15"}).workload(ui);

  auto mcp = service("ghcr.io/intelligent-teams-planner/mcp-server", "2.0.0", "http", 8000);
  mcp.replicas = 3;
  mcp.resources = {.cpu_request = "250m", .memory_request = "512Mi", .cpu_limit = "500m",
                   .memory_limit = "1Gi"};
  mcp.autoscaling = Autoscaling{.min_replicas = 3, .max_replicas = 15, .cpu_percent = 70};
  mcp.disruption_budget = DisruptionBudget{.max_unavailable = 1};
  mcp.env = {{"DATABASE_HOST", in.database_host},
             {"REDIS_HOST", in.redis_host},
             // TLS and `AUTH <user> <IAM token>`, the token signed by its role.
             {"REDIS_USER", in.redis_user},
             {"REDIS_REPLICATION_GROUP_ID", in.redis_replication_group_id},
             {"AWS_REGION", in.region},
             {"DATABASE_PASSWORD", SecretKeyRef{.name = "planner-database", .key = "password"}}};
  // It reads the documents bucket with a role of its own.
  mcp.service_account = {.name = "mcp-server", .role_arn = in.documents_role_arn};
  // Only the bot and the proxy call it.
  mcp.network_policy = NetworkPolicy{
      .allow_from = {{.pod_labels = {{"app.kubernetes.io/name", "teams-bot"}}},
                     {.pod_labels = {{"app.kubernetes.io/name", "mcpo-proxy"}}}}};
  umbrella.subchart("mcp-server", {.version = "1.0.0", .app_version = "2.0.0"}).workload(mcp);

  auto proxy = service("ghcr.io/intelligent-teams-planner/mcpo-proxy", "2.0.0", "http", 8001);
  proxy.replicas = 2;
  proxy.resources = {.cpu_request = "100m", .memory_request = "256Mi", .cpu_limit = "250m",
                     .memory_limit = "512Mi"};
  // A drain evicts one proxy at a time (KSL-K8S-002).
  proxy.disruption_budget = DisruptionBudget{.max_unavailable = 1};
  proxy.env = {{"MCP_SERVER_URL", "http://planner-stack-mcp-server:8000"}};
  umbrella.subchart("mcpo-proxy", {.version = "1.0.0", .app_version = "2.0.0"}).workload(proxy);
  return umbrella;
}

}  // namespace

void declare(App& app) {
  auto zones = app.param<int>("az_count", {.description = "Availability zones used.", .min = 2, .max = 3});
  auto single_nat = app.param<bool>(
      "single_nat_gateway", {.description = "One shared NAT gateway instead of one per zone."});
  auto node_types = app.param<std::vector<std::string>>(
      "node_instance_types", {.description = "Instance types of the general node group."});
  auto node_min = app.param<int>("node_min", {.description = "Fewest general nodes.", .min = 1, .max = 50});
  auto node_desired =
      app.param<int>("node_desired", {.description = "General nodes at creation.", .min = 1, .max = 50});
  auto node_max = app.param<int>("node_max", {.description = "Most general nodes.", .min = 1, .max = 50});
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
  auto compute_max = app.param<int>(
      "compute_max", {.description = "Most compute-optimized spot nodes.", .min = 1, .max = 50});
  auto db_class = app.param<std::string>(
      "db_instance_class",
      {.description = "RDS instance class.", .pattern = R"(db\.[a-z0-9]+\.[a-z0-9]+)"});
  auto db_storage = app.param<int>("db_allocated_storage",
                                   {.description = "RDS storage in GiB.", .min = 20, .max = 65536});
  auto db_retention = app.param<int>(
      "db_backup_retention_days", {.description = "Days of RDS backups.", .min = 1, .max = 35});
  auto db_multi_az = app.param<bool>("db_multi_az", {.description = "A standby RDS instance."});
  auto protect = app.param<bool>("deletion_protection",
                                 {.description = "Refuse to delete the database and load balancer."});
  auto redis_type = app.param<std::string>(
      "redis_node_type",
      {.description = "ElastiCache node type.", .pattern = R"(cache\.[a-z0-9]+\.[a-z0-9]+)"});
  auto redis_nodes = app.param<int>("redis_nodes", {.description = "Redis nodes.", .min = 1, .max = 6});
  auto redis_failover =
      app.param<bool>("redis_failover", {.description = "Automatic Redis failover (2 nodes or more)."});
  auto retention = app.param<int>(
      "log_retention_days",
      {.description = "Days CloudWatch keeps logs.", .allowed = {7, 14, 30, 60, 90, 180, 365}});
  auto https = app.param<bool>("alb_https", {.description = "Serve HTTPS on the load balancer."});
  auto certificate = app.param<std::string>(
      "certificate_arn",
      {.description = "ACM certificate of the HTTPS listener; empty without HTTPS.",
       .pattern = "(arn:aws:acm:.+)?"});
  auto emails = app.param<std::vector<std::string>>("alarm_emails",
                                                    {.description = "Who gets alarms."});
  auto budget = app.param<int>("monthly_budget", {.description = "Monthly budget in USD.", .min = 1});
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
  network.name = "planner";
  network.cidr = "10.0.0.0/16";
  network.zones = zones;
  network.single_nat_gateway = single_nat;
  network.flow_log_retention_days = retention;
  auto& net = app.stack<NetworkStack>("network", std::move(network));

  const StorageStack::LifecycleRule archive{
      .id = "archive",
      .transitions = {{.days = 30, .storage_class = StorageStack::StorageClass::kGlacier}},
      .expiration_days = 365,
      .noncurrent_expiration_days = 30};
  StorageStack::Props buckets;
  buckets.name = "planner";
  buckets.buckets = {{.id = "alb_logs", .alb_access_logs = true, .lifecycle = {archive}},
                     {.id = "documents", .access_logging = true},
                     {.id = "backups", .lifecycle = {archive}, .access_logging = true}};
  auto& storage = app.stack<StorageStack>("storage", std::move(buckets));

  DatabaseStack::Props data;
  data.name = "planner";
  data.subnet_ids = net.database_subnet_ids();
  data.postgres_security_group_id = net.database_security_group_id();
  data.redis_security_group_id = net.redis_security_group_id();
  data.postgres.database_name = "planner";
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
  data.redis.log_retention_days = retention;
  auto& db = app.stack<DatabaseStack>("database", std::move(data));

  ComputeStack::Props cluster;
  cluster.name = "planner";
  cluster.vpc_id = net.vpc_id();
  cluster.private_subnet_ids = net.private_subnet_ids();
  cluster.public_subnet_ids = net.public_subnet_ids();
  cluster.node_security_group_id = net.node_security_group_id();
  cluster.alb_security_group_id = net.alb_security_group_id();
  cluster.log_retention_days = retention;
  cluster.eks.version = kubernetes_version;
  cluster.eks.public_access_cidrs = endpoint_cidrs;
  cluster.on_demand.min_size = node_min;
  cluster.on_demand.max_size = node_max;
  cluster.on_demand.desired_size = node_desired;
  cluster.on_demand.instance_types = node_types;
  // The seed's compute-optimized group: spot capacity, tainted.
  cluster.spot.enabled = true;
  cluster.spot.min_size = 0;
  cluster.spot.desired_size = 1;
  cluster.spot.max_size = compute_max;
  cluster.spot.instance_types = Value::list({"c5.xlarge", "c5a.xlarge", "c6i.xlarge"});
  cluster.alb.https = https;
  cluster.alb.certificate_arn = certificate;
  cluster.alb.deletion_protection = protect;
  cluster.alb.target_port = 8080;
  cluster.alb.access_logs_bucket = storage.bucket_id("alb_logs");
  cluster.addons.kubernetes_role_arn = deploy_role;
  auto& compute = app.stack<ComputeStack>("compute", std::move(cluster));

  MonitoringStack::Props monitoring;
  monitoring.name = "planner";
  monitoring.log_retention_days = retention;
  monitoring.alert_emails = emails;
  monitoring.cluster_name = compute.cluster_name();
  monitoring.db_instance_id = db.postgres_instance_id();
  monitoring.redis_replication_group_id = db.redis_replication_group_id();
  monitoring.alb_arn_suffix = compute.alb_arn_suffix();
  monitoring.target_group_arn_suffix = compute.target_group_arn_suffix();
  monitoring.monthly_budget_usd = budget;
  app.stack<MonitoringStack>("monitoring", std::move(monitoring));

  // The umbrella chart, installed in each environment by one helm_release
  // that hands it what only Terraform knows.
  auto& apps = app.stack("apps");
  const Value documents = storage.bucket_arn("documents");
  PolicyStatement redis_connect = db.redis_connect_statement();
  redis_connect.sid = "ConnectToRedis";
  auto& documents_role = irsa_role(
      apps, "mcp_server_role", compute.service_account("planner", "mcp-server"),
      {.statements = {PolicyStatement{.sid = "ListDocuments",
                                      .actions = {"s3:ListBucket"},
                                      .resources = {documents}},
                      PolicyStatement{.sid = "ReadWriteDocuments",
                                      .actions = {"s3:GetObject", "s3:PutObject"},
                                      .resources = {str(documents, "/*")}},
                      redis_connect}},
      "The MCP server's pods: read and write the documents bucket, sign in to Redis.");
  const Chart& chart = declare_chart(app, {.database_host = db.postgres_address(),
                                           .redis_host = db.redis_primary_endpoint(),
                                           .redis_user = db.redis_user_name(),
                                           .redis_replication_group_id =
                                               db.redis_replication_group_id(),
                                           .region = compute.cluster_region(),
                                           .documents_role_arn = documents_role.arn(),
                                           .target_group_arn = compute.target_group_arn()});
  auto& release = apps.add<HelmRelease>("planner_stack",
                                        HelmReleaseProps{.chart = chart.name(),
                                                         .namespace_name = "planner",
                                                         .set = chart.terraform_values()});
  // The TargetGroupBinding and the alb IngressClass come with the controller.
  release.release().depends_on(*compute.load_balancer_controller());
}

}  // namespace planner_stack
