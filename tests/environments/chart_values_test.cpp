#include <doctest/doctest.h>

#include "charts/values_schema.h"
#include "environments/chart_values.h"
#include "environments/environment_test_support.h"

using namespace keelson;
using keelson::testing::kFile;
using keelson::testing::kMinimal;
using keelson::testing::Lines;

namespace {

struct Result {
  Value values;
  Lines problems;
};

// The `charts.api` values of an environment file (its lines 6 on), checked
// against the workload schema.
Result read(const std::string& charts_section) {
  const Environment env = parse_environment(std::string(kMinimal) + charts_section, kFile, "dev");
  std::vector<Diagnostic> problems;
  Result out;
  out.values = resolve_chart_values(env.charts.at("api"), "api", workload_values_schema(), problems);
  for (const auto& d : problems) out.problems.lines.push_back(d.to_string());
  return out;
}

}  // namespace

TEST_CASE("an environment's chart values are read with the schema's types") {
  const Result r = read(
      "charts:\n"
      "  api:\n"
      "    replicaCount: 3\n"
      "    image:\n"
      "      tag: 1.20\n"  // a plain number where a string is due: the text
      "    env:\n"
      "      FEATURE: on\n"
      "    resources:\n"
      "      limits: {cpu: 2, memory: 1Gi}\n");
  CHECK(r.problems == Lines{});
  CHECK(r.values == Value::map({{"replicaCount", 3},
                                {"image", Value::map({{"tag", "1.20"}})},
                                {"env", Value::map({{"FEATURE", "on"}})},
                                {"resources", Value::map({{"limits", Value::map({{"cpu", 2},
                                                                                 {"memory", "1Gi"}})}})}}));
}

TEST_CASE("chart value mistakes are reported at file:line:column") {
  const Result r = read(
      "charts:\n"
      "  api:\n"
      "    replicas: 3\n"
      "    autoscaling:\n"
      "      enabled: yes\n"
      "      maxReplicas: 5000\n"
      "    image:\n"
      "      pullPolicy: Sometimes\n"
      "      digest: sha256:abc\n"
      "    env:\n"
      "      DB_PASSWORD: hunter2\n"
      "    service:\n"
      "      ports: 8000\n");
  CHECK(r.problems ==
        Lines{"environments/dev.yaml:8:5: error: charts.api.replicas: the chart has no such value "
              "(K2051)",
              "environments/dev.yaml:10:16: error: charts.api.autoscaling.enabled: expected true or "
              "false, got a string (K2050)",
              "environments/dev.yaml:11:20: error: charts.api.autoscaling.maxReplicas: 5000 is not "
              "from 1 to 1000 (K2052)",
              "environments/dev.yaml:13:19: error: charts.api.image.pullPolicy: \"Sometimes\" is "
              "not one of IfNotPresent, Always, Never (K2052)",
              "environments/dev.yaml:14:15: error: charts.api.image.digest: \"sha256:abc\" does not "
              "match ^(sha256:[a-f0-9]{64})?$ (K2052)",
              "environments/dev.yaml:16:20: error: charts.api.env.DB_PASSWORD: looks like a secret "
              "given as a value; it would be committed in plain text (K2053)\n  hint: keep it in a "
              "Secret (made by hand or by the External Secrets Operator from Secrets Manager) and "
              "give the chart its name",
              "environments/dev.yaml:18:14: error: charts.api.service.ports: expected a list, got "
              "a number (K2050)"});
}

TEST_CASE("a chart's values must be a map") {
  CHECK_THROWS_WITH_AS(parse_environment(std::string(kMinimal) + "charts:\n  api: 3\n", kFile, "dev"),
                       doctest::Contains("charts.api: expected a map of the chart's values"),
                       Error);
}
