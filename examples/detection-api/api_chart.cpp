#include "api_chart.h"

namespace detection_api {

using namespace keelson;

Chart& declare_api_chart(App& app, const ApiChartInputs& in) {
  auto& chart = app.add<Chart>(
      "detection-api",
      ChartProps{.version = "1.0.0",
                 .app_version = "1.0.0",
                 .description = "The detection API behind the ALB, with Prometheus and Grafana.",
                 .keywords = {"detection", "api"},
                 .maintainers = {{.name = "Detection team", .email = "detection@example.com"}},
                 // The monitoring the seed deploys with Helm, each behind a switch.
                 .dependencies = {{.name = "prometheus",
                                   .version = "27.3.0",
                                   .repository = "https://prometheus-community.github.io/helm-charts",
                                   .condition = "prometheus.enabled"},
                                  {.name = "grafana",
                                   .version = "8.10.1",
                                   .repository = "https://grafana.github.io/helm-charts",
                                   .condition = "grafana.enabled",
                                   // The admin password stays in a Secret made out of band.
                                   .values = {{"admin",
                                               Value::map({{"existingSecret", "grafana-admin"},
                                                           {"userKey", "admin-user"},
                                                           {"passwordKey", "admin-password"}})}}}}});

  chart.workload({
      .image = {.repository = "ghcr.io/example/detection-api", .tag = "1.0.0"},
      .replicas = 2,
      // The target group sends to 8000 (seed 2.5) and checks /health.
      .ports = {{.name = "http", .container_port = 8000}},
      .env = {{"LOG_LEVEL", "info"},
              {"DATABASE_HOST", in.database_host},
              {"REDIS_HOST", in.redis_host},
              // TLS and `AUTH <user> <IAM token>` when set; the token is a
              // SigV4-presigned connect request for the replication group.
              {"REDIS_USER", in.redis_user},
              {"REDIS_REPLICATION_GROUP_ID", in.redis_replication_group_id},
              {"AWS_REGION", in.region},
              {"DATABASE_SECRET_ARN", in.database_secret_arn},
              // The password RDS manages, synced into a Secret (below); never a value.
              {"DATABASE_PASSWORD", SecretKeyRef{.name = "detection-api-db", .key = "password"}}},
      .resources = {.cpu_request = "250m",
                    .memory_request = "512Mi",
                    .cpu_limit = "1",
                    .memory_limit = "1Gi"},
      .liveness = Probe{.http_path = "/health", .period_seconds = 30, .failure_threshold = 2},
      .readiness = Probe{.http_path = "/health", .period_seconds = 10},
      .startup = Probe{.http_path = "/health", .period_seconds = 5, .failure_threshold = 24},
      .autoscaling = Autoscaling{.min_replicas = 2, .max_replicas = 6, .cpu_percent = 70},
      .disruption_budget = DisruptionBudget{.min_available = 1},
      // The name the IAM role's trust policy names.
      .service_account = {.name = "detection-api", .role_arn = in.role_arn},
      // Only the ALB (in the VPC's public subnets) and Prometheus may connect.
      .network_policy =
          NetworkPolicy{.allow_from = {{.cidr = in.vpc_cidr},
                                       {.pod_labels = {{"app.kubernetes.io/name", "prometheus"}},
                                        .namespace_labels = {{"kubernetes.io/metadata.name",
                                                              "monitoring"}}}}},
      // Spot nodes are tainted; the API may run there as well.
      .tolerations = {{.key = "spot", .value = "true"}},
      .topology_spread = {{}},
      .target_group_arn = in.target_group_arn,
      // The database's master secret (JSON with username and password, kept
      // by RDS in Secrets Manager), made into the Secret the pods read.
      .external_secrets = {{"detection-api-db",
                            {.data = {{"password", {.key = in.database_secret_arn, .property = "password"}},
                                      {"username", {.key = in.database_secret_arn, .property = "username"}}}}}},
      .secrets_region = in.region,
  });
  return chart;
}

}  // namespace detection_api
