#include <doctest/doctest.h>

#include <algorithm>

#include "charts/chart.h"
#include "dsl/app.h"
#include "dsl/expression.h"
#include "plan/wiring.h"

using namespace keelson;

namespace {

WorkloadProps api() {
  return {.image = {.repository = "ghcr.io/acme/api", .tag = "1.4.2"},
          .replicas = 2,
          .ports = {{.name = "http", .container_port = 8000}}};
}

// The messages of the validation problems plan_app reports, or none.
std::vector<std::string> problems_of(const App& app) {
  std::vector<std::string> out;
  try {
    plan_app(app);
  } catch (const Error& e) {
    for (const auto& d : e.diagnostics()) out.push_back(d.message);
  }
  return out;
}

std::vector<std::string> problems_of(WorkloadProps props) {
  App app{"charts"};
  app.stack("s").resource("aws_s3_bucket", "b");
  app.add<Chart>("api").workload(std::move(props));
  return problems_of(app);
}

bool has(const std::vector<std::string>& messages, std::string_view part) {
  return std::any_of(messages.begin(), messages.end(),
                     [&](const auto& m) { return m.find(part) != std::string::npos; });
}

const Value& at(const Value& v, std::initializer_list<std::string_view> path) {
  const Value* here = &v;
  for (auto key : path) here = &here->as_map().find(key)->second;
  return *here;
}

}  // namespace

TEST_CASE("a workload's props become the chart values of the contract") {
  App app{"charts"};
  auto props = api();
  props.env = {{"LOG_LEVEL", "info"},
               {"DB_PASSWORD", SecretKeyRef{.name = "db", .key = "password"}},
               {"FEATURES", ConfigMapKeyRef{.name = "features", .key = "list"}}};
  props.autoscaling = Autoscaling{.min_replicas = 2, .max_replicas = 5, .cpu_percent = 70};
  props.resources.cpu_request = "250m";
  props.readiness = Probe{.http_path = "/health"};
  props.tolerations = {{.key = "spot", .value = "true"}};
  const Value values = app.add<Chart>("api").workload(props).values();
  CHECK(at(values, {"image", "repository"}) == Value("ghcr.io/acme/api"));
  CHECK(at(values, {"image", "pullPolicy"}) == Value("IfNotPresent"));
  CHECK(at(values, {"replicaCount"}) == Value(2));
  CHECK(at(values, {"env", "LOG_LEVEL"}) == Value("info"));
  CHECK(at(values, {"envFromSecret", "DB_PASSWORD"}) ==
        Value::map({{"name", "db"}, {"key", "password"}}));
  CHECK(at(values, {"envFromConfigMap", "FEATURES", "key"}) == Value("list"));
  CHECK(at(values, {"autoscaling", "targetCPUUtilizationPercentage"}) == Value(70));
  CHECK(!at(values, {"autoscaling"}).as_map().contains("targetMemoryUtilizationPercentage"));
  CHECK(at(values, {"readinessProbe", "httpGet"}) ==
        Value::map({{"path", "/health"}, {"port", "http"}}));
  CHECK(at(values, {"service", "ports"}) ==
        Value::list({Value::map(
            {{"name", "http"}, {"port", 8000}, {"targetPort", "http"}, {"protocol", "TCP"}})}));
  CHECK(at(values, {"tolerations"}) ==
        Value::list({Value::map({{"key", "spot"},
                                 {"operator", "Equal"},
                                 {"value", "true"},
                                 {"effect", "NoSchedule"}})}));
  // Restricted by default: non-root, read-only, nothing to escalate.
  CHECK(at(values, {"securityContext", "readOnlyRootFilesystem"}) == Value(true));
  CHECK(at(values, {"securityContext", "capabilities", "drop"}) == Value::list({"ALL"}));
  CHECK(at(values, {"podSecurityContext", "seccompProfile", "type"}) == Value("RuntimeDefault"));
  CHECK(at(values, {"extraVolumeMounts"}) ==
        Value::list({Value::map({{"name", "tmp"}, {"mountPath", "/tmp"}})}));
}

TEST_CASE("values only Terraform knows are empty in values.yaml and listed for the release") {
  App app{"charts"};
  auto& stack = app.stack("data");
  auto& db = stack.resource("aws_db_instance", "main");
  auto props = api();
  props.env = {{"DATABASE_HOST", db.attr("address")}};
  props.service_account.role_arn = db.attr("arn");
  auto& chart = app.add<Chart>("api", ChartProps{.version = "1.0.0"});
  chart.workload(props);
  CHECK(at(chart.values(), {"env", "DATABASE_HOST"}) == Value(""));
  CHECK(at(chart.values(), {"serviceAccount", "roleArn"}) == Value(""));
  const auto set = chart.terraform_values();
  REQUIRE(set.size() == 2);
  CHECK(set[0].first == "env.DATABASE_HOST");
  CHECK(set[1].first == "serviceAccount.roleArn");
}

TEST_CASE("an umbrella chart nests its subcharts' values and Terraform values under their alias") {
  App app{"charts"};
  auto& umbrella = app.add<Chart>("planner-stack");
  umbrella.subchart("teams-bot").workload(api());
  umbrella.subchart("mcp-server").workload(api());
  CHECK(umbrella.values() == Value::map({{"teamsBot", Value::map({{"enabled", true}})},
                                         {"mcpServer", Value::map({{"enabled", true}})}}));
  CHECK(umbrella.subcharts()[0]->alias() == "teamsBot");
  CHECK(umbrella.subcharts()[0]->parent() == &umbrella);
  const Value schema = umbrella.values_schema();
  CHECK(at(schema, {"properties", "teamsBot", "additionalProperties"}) == Value(false));
  CHECK(!at(schema, {"properties", "teamsBot"}).as_map().contains("$schema"));
  CHECK(camel_case("mcpo-proxy") == "mcpoProxy");
  CHECK(camel_case("a_b.c") == "aBC");
}

TEST_CASE("dependencies get their values and condition in values.yaml") {
  App app{"charts"};
  auto& chart = app.add<Chart>(
      "api", ChartProps{.dependencies = {{.name = "grafana",
                                          .version = "8.10.1",
                                          .repository = "https://grafana.github.io/helm-charts",
                                          .values = {{"adminUser", "admin"}},
                                          .enabled = false},
                                         {.name = "prometheus",
                                          .version = "~27.3.0",
                                          .repository = "https://prometheus-community.github.io/helm-charts",
                                          .condition = "monitoring.prometheus.enabled"}}});
  chart.workload(api());
  CHECK(at(chart.values(), {"grafana"}) ==
        Value::map({{"adminUser", "admin"}, {"enabled", false}}));
  CHECK(at(chart.values(), {"monitoring", "prometheus", "enabled"}) == Value(true));
  CHECK(at(chart.values_schema(), {"properties", "grafana", "type"}) == Value("object"));
  CHECK(at(chart.values_schema(), {"properties", "monitoring", "type"}) == Value("object"));
}

TEST_CASE("a valid workload has no problems") { CHECK(problems_of(api()) == std::vector<std::string>{}); }

TEST_CASE("workload mistakes are reported with the construct path before synthesis") {
  SUBCASE("duplicate ports") {
    auto p = api();
    p.ports.push_back({.name = "http", .container_port = 8000});
    const auto messages = problems_of(p);
    CHECK(has(messages, "duplicate port name \"http\""));
    CHECK(has(messages, "duplicate container port 8000/TCP"));
  }
  SUBCASE("autoscaling min above max") {
    auto p = api();
    p.resources.cpu_request = "100m";
    p.autoscaling = Autoscaling{.min_replicas = 5, .max_replicas = 2, .cpu_percent = 80};
    CHECK(has(problems_of(p), "min_replicas 5 is more than max_replicas 2"));
  }
  SUBCASE("autoscaling without a request to measure against") {
    auto p = api();
    p.autoscaling = Autoscaling{.min_replicas = 1, .max_replicas = 2, .cpu_percent = 80};
    CHECK(has(problems_of(p), "needs the matching resource request"));
  }
  SUBCASE("a secret given as a value") {
    auto p = api();
    p.env = {{"DATABASE_PASSWORD", "changeme"}};
    CHECK(has(problems_of(p), "DATABASE_PASSWORD looks like a secret"));
  }
  SUBCASE("a disruption budget that blocks every drain") {
    auto p = api();
    p.disruption_budget = DisruptionBudget{.min_available = 2};
    CHECK(has(problems_of(p), "leaves no pod of 2 to evict"));
  }
  SUBCASE("bad names and quantities") {
    auto p = api();
    p.image.repository = "ghcr.io/acme/api:1.0";
    p.image.digest = "sha256:abc";
    p.resources.memory_limit = "1 GB";
    p.ports[0].name = "HTTP_PORT";
    const auto messages = problems_of(p);
    CHECK(has(messages, "is not an image name without tag or digest"));
    CHECK(has(messages, "is not sha256: and 64 hex digits"));
    CHECK(has(messages, "memory limit \"1 GB\" is not a Kubernetes quantity"));
    CHECK(has(messages, "port name \"HTTP_PORT\""));
  }
  SUBCASE("probes, ingress and network policy name ports that exist") {
    auto p = api();
    p.liveness = Probe{.http_path = "/health", .port = "admin"};
    p.ingress = Ingress{.hosts = {{.host = "api.example.com", .service_port = "grpc"}}};
    p.network_policy = NetworkPolicy{.allow_from = {{.cidr = "10.0.0.0/33"}}};
    const auto messages = problems_of(p);
    CHECK(has(messages, "liveness probe names port \"admin\""));
    CHECK(has(messages, "the ingress names port \"grpc\""));
    CHECK(has(messages, "\"10.0.0.0/33\" is not a valid CIDR block"));
  }
}

TEST_CASE("chart mistakes are reported: semver, dependencies, what it deploys") {
  App app{"charts"};
  app.stack("s").resource("aws_s3_bucket", "b");
  auto& chart = app.add<Chart>(
      "api", ChartProps{.version = "1.0",
                        .dependencies = {{.name = "redis", .version = "latest", .repository = "charts"},
                                         {.name = "pg",
                                          .version = "12.x",
                                          .repository = "oci://registry-1.docker.io/bitnamicharts",
                                          .values = {{"auth", Value::map({{"postgresPassword",
                                                                           "changeme"}})}}}}});
  chart.workload(api());
  app.add<Chart>("empty");
  const auto messages = problems_of(app);
  CHECK(has(messages, "chart version \"1.0\" is not a semantic version"));
  CHECK(has(messages, "dependency \"redis\": version \"latest\" is not a version or range"));
  CHECK(has(messages, "repository \"charts\" is not an https:// or oci:// address"));
  CHECK(has(messages, "value pg.auth.postgresPassword looks like a secret"));
  CHECK(has(messages, "the chart deploys nothing"));
}

TEST_CASE("latest and Always are warnings unless meant") {
  App app{"charts"};
  auto p = api();
  p.image.tag = "latest";
  p.image.pull_policy = Image::PullPolicy::kAlways;
  CHECK(app.add<Chart>("a").workload(p).warnings().size() == 2);
  p.image.mutable_tag_intended = true;
  CHECK(app.add<Chart>("b").workload(p).warnings().empty());
}

TEST_CASE("dependency versions are Helm's version ranges") {
  auto problems_with_version = [](const char* version) {
    App app{"charts"};
    app.stack("s").resource("aws_s3_bucket", "b");
    app.add<Chart>("api", ChartProps{.dependencies = {{.name = "x",
                                                       .version = version,
                                                       .repository = "https://example.com"}}})
        .workload(api());
    return problems_of(app);
  };
  for (const char* good : {"27.3.0", "~1.2.0", "^2", ">=1.0.0 <2.0.0", ">= 1.0, < 2", "12.x",
                           "1.2 - 1.4.5", "^2.0 || ^3.0", "1.0.0-rc.1"}) {
    CAPTURE(good);
    CHECK(problems_with_version(good).empty());
  }
  for (const char* bad : {"latest", "", "1.2.3.4", "- 1.0", "1.0 ||", ">="}) {
    CAPTURE(bad);
    CHECK(has(problems_with_version(bad), "is not a version or range"));
  }
}

TEST_CASE("external secrets come from Secrets Manager through a store the release switches on") {
  App app{"charts"};
  auto& data = app.stack("data");
  auto& secret = data.resource("aws_secretsmanager_secret", "db");
  auto props = api();
  props.service_account.role_arn = "arn:aws:iam::111122223333:role/api";
  props.env = {{"feature.flag", data.resource("aws_ssm_parameter", "flag").attr("value")}};
  props.external_secrets = {{"api.db", {.data = {{"password", {.key = secret.arn(), .property = "password"}}}}}};
  props.secrets_region = data.data("aws_region", "current").attr("name");
  auto& chart = app.add<Chart>("api", ChartProps{.version = "1.0.0"});
  chart.workload(props);
  const Value values = chart.values();
  CHECK(at(values, {"secretStore"}) == Value::map({{"enabled", false}, {"region", ""}}));
  CHECK(at(values, {"externalSecrets", "api.db", "data", "password"}) ==
        Value::map({{"key", ""}, {"property", "password"}}));
  std::vector<std::string> paths;
  for (const auto& [path, _] : chart.terraform_values()) paths.push_back(path);
  // Dots inside a key are escaped, as `helm --set` reads paths.
  CHECK(paths == std::vector<std::string>{"env.feature\\.flag", "secretStore.enabled",
                                          "secretStore.region",
                                          "externalSecrets.api\\.db.data.password.key"});
}

TEST_CASE("external secrets need a region, a role, names and keys") {
  auto p = api();
  p.external_secrets = {{"Bad_Name", {.data = {{"pass word", {.key = ""}}}, .refresh_interval = "hourly"}},
                        {"empty", {}}};
  const auto messages = problems_of(p);
  CHECK(has(messages, "external secrets need secrets_region"));
  CHECK(has(messages, "set service_account.role_arn"));
  CHECK(has(messages, "external secret name \"Bad_Name\" is not a DNS subdomain"));
  CHECK(has(messages, "refresh interval \"hourly\" is not a duration"));
  CHECK(has(messages, "key \"pass word\" is not letters"));
  CHECK(has(messages, "key pass word names no secret in Secrets Manager"));
  CHECK(has(messages, "external secret empty has no data"));
  p.secrets_region = "moon-1";
  CHECK(has(problems_of(p), "secrets_region \"moon-1\" is not an AWS region"));
}
