#include <doctest/doctest.h>

#include "charts/chart.h"
#include "charts/values_merge.h"
#include "synth/output_test_support.h"
#include "test_support.h"
#include "yaml_read_back.h"

using namespace keelson;
using namespace keelson::testing;

namespace {

// A stack, a workload chart and an umbrella chart, with chart values in the
// environment files.
struct ChartProject : OutputProject {
  Chart& api = app.add<Chart>("api", ChartProps{.version = "1.2.0", .app_version = "3.1.0"});
  Chart& suite = app.add<Chart>("suite");

  ChartProject() {
    api.workload(
        {.image = {.repository = "ghcr.io/acme/api"},
         .replicas = 2,
         .ports = {{.name = "http", .container_port = 8000}},
         .env = {{"LOG", "info"}},
         .resources = {.cpu_request = "100m"},
         .autoscaling = Autoscaling{.min_replicas = 2, .max_replicas = 4, .cpu_percent = 70},
         .disruption_budget = DisruptionBudget{.max_unavailable = 1}});
    suite.subchart("teams-bot")
        .workload({.image = {.repository = "ghcr.io/acme/bot", .tag = "1.0.0"}});
    write_env("dev",
              "  az_count: 1\n"
              "charts:\n"
              "  api:\n"
              "    autoscaling: {minReplicas: 2, maxReplicas: 3}\n"
              "    env: {LOG: debug, VERSION: 1.20}\n"
              "  suite:\n"
              "    teamsBot: {replicaCount: 2}\n");
    write_env("prod",
              "  az_count: 3\n"
              "charts:\n"
              "  api:\n"
              "    autoscaling: {maxReplicas: 4}\n"  // the default: nothing changes
              "policy:\n"
              "  suppress:\n"
              "    - {rule: KSL-K8S-001, reason: \"Fixture: workloads without probes.\"}\n"
              "    - {rule: KSL-K8S-002, path: chart.suite, reason: \"Fixture.\"}\n"
              "    - {rule: KSL-K8S-003, path: chart.suite, reason: \"Fixture.\"}\n");
  }
};

// Synthesizes once, breaks something, and checks the second synth fails
// with each of `expected` in its message and leaves the output as it was.
void expect_failure_keeps_output_of(ChartProject& p, const std::function<void()>& breakage,
                                    const std::vector<std::string>& expected) {
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const auto before = snapshot(p.out());
  breakage();
  const Run r = run(p.app, {"synth"});
  CHECK(r.code == 2);
  for (const auto& part : expected) CHECK_MESSAGE(r.err.find(part) != std::string::npos, r.err);
  CHECK(snapshot(p.out()) == before);
}

}  // namespace

TEST_CASE("synth writes each chart with a values file per environment holding what differs") {
  ChartProject p;
  const Run r = run(p.app, {"synth"});
  REQUIRE_MESSAGE(r.code == 0, r.err);
  CHECK(r.out.find("and 2 chart(s)") != std::string::npos);
  const auto files = snapshot(p.out());
  for (const char* path :
       {"helm-charts/api/Chart.yaml", "helm-charts/api/values.yaml",
        "helm-charts/api/values-dev.yaml", "helm-charts/api/values-prod.yaml",
        "helm-charts/api/values.schema.json", "helm-charts/api/templates/deployment.yaml",
        "helm-charts/api/templates/_helpers.tpl", "helm-charts/api/tests/declared_test.yaml",
        "helm-charts/api/README.md", "helm-charts/suite/templates/NOTES.txt",
        "helm-charts/suite/charts/teams-bot/Chart.yaml",
        "helm-charts/suite/charts/teams-bot/templates/deployment.yaml"}) {
    CAPTURE(path);
    CHECK(files.contains(path));
  }
  CHECK(from_yaml(files.at("helm-charts/api/values-dev.yaml")) ==
        Value::map({{"autoscaling", Value::map({{"maxReplicas", 3}})},
                    {"env", Value::map({{"LOG", "debug"}, {"VERSION", "1.20"}})}}));
  CHECK(from_yaml(files.at("helm-charts/api/values-prod.yaml")) == Value::Map{});
  CHECK(from_yaml(files.at("helm-charts/suite/values-dev.yaml")) ==
        Value::map({{"teamsBot", Value::map({{"replicaCount", 2}})}}));
  // Named templates carry the chart's name, so subcharts never clash.
  const std::string& helpers =
      files.at("helm-charts/suite/charts/teams-bot/templates/_helpers.tpl");
  CHECK(helpers.find("define \"teams-bot.fullname\"") != std::string::npos);
  CHECK(helpers.find("KEELSON_CHART") == std::string::npos);
}

TEST_CASE("every emitted YAML file reads back as the model it was written from") {
  ChartProject p;
  const Synthesis s = p.synthesis();
  const Value api_defaults = p.api.values();
  CHECK(from_yaml(s.files.at("helm-charts/api/values.yaml")) == api_defaults);
  CHECK(from_yaml(s.files.at("helm-charts/suite/values.yaml")) == p.suite.values());
  CHECK(from_yaml(s.files.at("helm-charts/suite/charts/teams-bot/values.yaml")) ==
        p.suite.subcharts()[0]->values());
  // values.yaml with values-dev.yaml is what dev asked for.
  const Value dev =
      merge_values(api_defaults, from_yaml(s.files.at("helm-charts/api/values-dev.yaml")));
  CHECK(dev.as_map().at("autoscaling").as_map().at("maxReplicas") == Value(3));
  CHECK(dev.as_map().at("autoscaling").as_map().at("minReplicas") == Value(2));
  const Value chart = from_yaml(s.files.at("helm-charts/api/Chart.yaml"));
  CHECK(chart == Value::map({{"apiVersion", "v2"},
                             {"name", "api"},
                             {"type", "application"},
                             {"version", "1.2.0"},
                             {"appVersion", "3.1.0"}}));
  // Every YAML file but the Go templates parses, and nothing is left unquoted
  // that a reader would take for another type.
  for (const auto& [path, text] : s.files) {
    if (!path.ends_with(".yaml") || path.find("/templates/") != std::string::npos) continue;
    CAPTURE(path);
    CHECK_NOTHROW(from_yaml(text));
  }
}

TEST_CASE("an environment's chart values that break a workload rule fail synth, naming the file") {
  ChartProject p;
  expect_failure_keeps_output_of(
      p,
      [&] {
        p.write_env("dev",
                    "  az_count: 1\n"
                    "charts:\n"
                    "  api:\n"
                    "    autoscaling: {minReplicas: 5}\n"
                    "    podDisruptionBudget: {maxUnavailable: null, minAvailable: 5}\n");
      },
      {"dev.yaml:9:3: error: charts.api in dev: autoscaling.minReplicas 5 is more than maxReplicas "
       "4 (K2056)",
       "charts.api in dev: podDisruptionBudget.minAvailable 5 leaves no pod of 5 to evict"});
}

TEST_CASE("an environment naming a chart the App does not have fails synth") {
  ChartProject p;
  expect_failure_keeps_output_of(
      p, [&] { p.write_env("prod", "  az_count: 3\ncharts:\n  apii: {}\n"); },
      {"prod.yaml:9:3: error: charts.apii: the App declares no such chart (K2055)",
       "hint: did you mean \"api\"?"});
}

TEST_CASE("latest and Always in an environment's values are warnings") {
  ChartProject p;
  p.write_env("dev",
              "  az_count: 1\ncharts:\n  api:\n    image: {tag: latest, pullPolicy: Always}\n");
  const Run r = run(p.app, {"synth"});
  CHECK(r.code == 0);
  CHECK(r.err.find("warning: charts.api in dev: image.tag \"latest\"") != std::string::npos);
  CHECK(r.err.find("image.pullPolicy Always") != std::string::npos);
}

TEST_CASE("synth of one environment still writes every environment's chart values") {
  ChartProject p;
  REQUIRE(run(p.app, {"synth", "--env", "dev"}).code == 0);
  const auto files = snapshot(p.out());
  CHECK(files.contains("helm-charts/api/values-prod.yaml"));
  CHECK(files.contains("helm-charts/api/values-dev.yaml"));
}
