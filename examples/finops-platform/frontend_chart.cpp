#include "frontend_chart.h"

namespace finops_platform {

using namespace keelson;

Chart& declare_frontend_chart(App& app, const FrontendChartInputs& in) {
  auto& chart = app.add<Chart>(
      "finops-web",
      ChartProps{.version = "1.0.0",
                 .app_version = "1.0.0",
                 .description = "The FinOps platform's web front end behind the public ALB.",
                 .keywords = {"finops", "frontend"},
                 .maintainers = {
                     {.name = "FinOps platform team", .email = "finops-platform@example.com"}}});
  chart.workload({
      .image = {.repository = "ghcr.io/example/finops-web", .tag = "1.0.0"},
      .replicas = 2,
      .ports = {{.name = "http", .container_port = 8000}},
      .env = {{"LOG_LEVEL", "info"}, {"BACKEND_URL", in.backend_url}},
      .resources = {.cpu_request = "250m",
                    .memory_request = "256Mi",
                    .cpu_limit = "500m",
                    .memory_limit = "512Mi"},
      .liveness = Probe{.http_path = "/health", .period_seconds = 30, .failure_threshold = 2},
      .readiness = Probe{.http_path = "/health", .period_seconds = 10},
      .autoscaling = Autoscaling{.min_replicas = 2, .max_replicas = 6, .cpu_percent = 70},
      .disruption_budget = DisruptionBudget{.min_available = 1},
      // Only the load balancer, in the VPC's public subnets, connects.
      .network_policy = NetworkPolicy{.allow_from = {{.cidr = in.vpc_cidr}}},
      // Spot nodes are tainted; the front end may run there as well.
      .tolerations = {{.key = "spot", .value = "true"}},
      .topology_spread = {{}},
      .target_group_arn = in.target_group_arn,
  });
  return chart;
}

}  // namespace finops_platform
