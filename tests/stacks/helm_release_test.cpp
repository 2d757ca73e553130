#include "stacks/helm_release.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dsl/app.h"
#include "dsl/expression.h"
#include "stacks/stack_test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

const Provider& declare_helm(App& app) {
  return app.provider("helm", {.source = "hashicorp/helm", .version = "~> 3.1"});
}

// The messages reported while declaring, in order.
std::vector<std::string> reported(const App& app) {
  std::vector<std::string> out;
  for (const auto& d : app.reported()) out.push_back(d.code + " [" + d.path + "] " + d.message);
  return out;
}

}  // namespace

TEST_CASE("a release of a generated chart reads the chart and its environment's values file") {
  // GIVEN a database address only Terraform knows
  App app{"helm"};
  declare_helm(app);
  auto& db = app.stack("database").resource("aws_db_instance", "main");
  auto& apps = app.stack("apps");
  // WHEN the chart detection-api is released with it
  apps.add<HelmRelease>("api", HelmReleaseProps{.chart = "detection-api",
                                                .namespace_name = "detection",
                                                .set = {{"env.DATABASE_HOST", db.attr("address")},
                                                        {"replicaCount", 2},
                                                        {"autoscaling.enabled", true},
                                                        {"env.PORT", "8000"}}});
  // THEN the local chart is found three levels above the module, in helm-charts/
  const json release = module_json(app, "apps").at("resource").at("helm_release").at("api");
  CHECK(release.at("name") == "detection-api");
  CHECK(release.at("chart") == "${path.module}/../../../helm-charts/detection-api");
  CHECK_FALSE(release.contains("repository"));
  CHECK_FALSE(release.contains("version"));
  // AND the chart's repository dependencies are fetched at apply
  CHECK(release.at("dependency_update") == true);
  CHECK(release.at("values") ==
        json::array({"${file(\"${path.module}/../../../helm-charts/detection-api/values-${var."
                     "environment}.yaml\")}"}));
  CHECK(release.at("namespace") == "detection");
  CHECK(release.at("create_namespace") == true);
  CHECK(release.at("atomic") == true);
  CHECK(release.at("wait") == true);
  CHECK(release.at("timeout") == 600);
  // AND set is helm 3.x's list of objects: strings and references typed as strings
  CHECK(release.at("set") ==
        json::array({{{"name", "env.DATABASE_HOST"},
                      {"value", "${var.database_db_instance_main_address}"},
                      {"type", "string"}},
                     {{"name", "replicaCount"}, {"value", "2"}},
                     {{"name", "autoscaling.enabled"}, {"value", "true"}},
                     {{"name", "env.PORT"}, {"value", "8000"}, {"type", "string"}}}));
  // AND the module declares the environment variable the values file needs
  CHECK(module_variables(app, "apps").at("variable").at("environment").at("type") == "string");
}

TEST_CASE("a release of a remote chart is pinned and takes extra values as YAML") {
  App app{"helm"};
  declare_helm(app);
  auto& s = app.stack("addons");
  s.add<HelmRelease>("metrics", HelmReleaseProps{.chart = "metrics-server",
                                                 .repository = "https://kubernetes-sigs.github.io/"
                                                               "metrics-server/",
                                                 .version = "3.12.2",
                                                 .namespace_name = "kube-system",
                                                 .create_namespace = false,
                                                 .values = {{"replicas", 2}}});
  const json release = module_json(app, "addons").at("resource").at("helm_release").at("metrics");
  CHECK(release.at("chart") == "metrics-server");
  CHECK(release.at("repository") == "https://kubernetes-sigs.github.io/metrics-server/");
  CHECK(release.at("version") == "3.12.2");
  CHECK_FALSE(release.contains("dependency_update"));
  CHECK(release.at("values") == json::array({"${yamlencode({\"replicas\" = 2})}"}));
  CHECK_FALSE(release.contains("set"));
  // A remote chart needs no values file, so the module needs no environment.
  CHECK(module_variables(app, "addons").is_null());
}

TEST_CASE("a release validates against the bundled helm provider schema") {
  App app{"helm"};
  const Provider& helm = declare_helm(app);
  auto& s = app.stack("apps");
  s.add<HelmRelease>("api", HelmReleaseProps{.chart = "api",
                                             .set = {{"a", "b"}, {"c", 1}},
                                             .values = {{"d", Value::list({1})}},
                                             .provider = &helm});
  const auto findings = schema_findings(app);
  for (const auto& finding : findings) MESSAGE(finding);
  CHECK(findings.empty());
}

TEST_CASE("a release uses the helm provider configuration it is given") {
  App app{"helm"};
  declare_helm(app);
  const Provider& other = app.provider("helm", {.alias = "other"});
  auto& s = app.stack("apps");
  s.add<HelmRelease>("api", HelmReleaseProps{.chart = "api", .provider = &other});
  const json release = module_json(app, "apps").at("resource").at("helm_release").at("api");
  CHECK(release.at("provider") == "helm.other");
}

TEST_CASE("helm value paths escape the dots, commas and brackets of their keys") {
  CHECK(helm_escape_key("eks.amazonaws.com/role-arn") == "eks\\.amazonaws\\.com/role-arn");
  CHECK(helm_escape_key("a,b=c[0]\\d") == "a\\,b\\=c\\[0]\\\\d");
  CHECK(helm_escape_key("plain") == "plain");
  CHECK(helm_value_path({"serviceAccount", "annotations", "eks.amazonaws.com/role-arn"}) ==
        "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn");
}

TEST_CASE("a release name must follow Helm's rule: DNS labels, at most 53 characters") {
  App app{"helm"};
  declare_helm(app);
  auto& s = app.stack("apps");
  s.add<HelmRelease>("upper", HelmReleaseProps{.chart = "api", .name = "Detection_API"});
  s.add<HelmRelease>("long", HelmReleaseProps{.chart = std::string(54, 'a')});
  s.add<HelmRelease>("fits", HelmReleaseProps{.chart = std::string(53, 'a')});
  s.add<HelmRelease>("dotted", HelmReleaseProps{.chart = "api", .name = "api.v2"});
  CHECK(reported(app) ==
        std::vector<std::string>{
            "K1014 [apps/upper] release name \"Detection_API\" must be at most 53 characters of "
            "lowercase letters, digits, '-' and '.', starting and ending with a letter or digit "
            "(Helm's rule); choose another",
            "K1014 [apps/long] release name \"" + std::string(54, 'a') +
                "\" must be at most 53 characters of lowercase letters, digits, '-' and '.', "
                "starting and ending with a letter or digit (Helm's rule); it is the chart name: "
                "give one with .name",
        });
  CHECK(app.reported()[0].where.file.find("helm_release_test.cpp") != std::string::npos);
}

TEST_CASE("a remote chart needs a pinned version, a local chart takes none") {
  App app{"helm"};
  declare_helm(app);
  auto& s = app.stack("apps");
  s.add<HelmRelease>("remote", HelmReleaseProps{.chart = "redis",
                                                .repository = "oci://registry-1.docker.io/charts"});
  s.add<HelmRelease>("local", HelmReleaseProps{.chart = "api", .version = "1.0.0"});
  s.add<HelmRelease>("plain_http",
                     HelmReleaseProps{.chart = "x", .repository = "http://charts.example.com",
                                      .version = "1.0.0"});
  CHECK(reported(app) ==
        std::vector<std::string>{
            "K1014 [apps/remote] version is required for the remote chart \"redis\": pin it (e.g. "
            "\"1.13.3\"), or every apply may install whatever is newest",
            "K1014 [apps/local] version \"1.0.0\" is only for a remote chart; the generated chart "
            "\"api\" has the version of its Chart.yaml",
            "K1014 [apps/plain_http] repository \"http://charts.example.com\" must be an https:// "
            "or oci:// chart repository",
        });
}

TEST_CASE("chart, namespace, timeout and set entries are checked at declaration") {
  App app{"helm"};
  declare_helm(app);
  auto& s = app.stack("apps");
  s.add<HelmRelease>("bad", HelmReleaseProps{.chart = "../api",
                                             .name = "api",
                                             .namespace_name = "Team_A",
                                             .set = {{"a", 1}, {"a", 2}, {"", 3}, {"l", nullptr},
                                                     {"m", Value::list({1})}},
                                             .timeout_seconds = 0});
  CHECK(reported(app) ==
        std::vector<std::string>{
            "K1014 [apps/bad] chart \"../api\" must be a chart name: lowercase letters, digits, "
            "'.', '_' and '-', starting and ending with a letter or digit (e.g. \"detection-api\")",
            "K1014 [apps/bad] namespace \"Team_A\" must be a DNS label: at most 63 lowercase "
            "letters, digits and '-', starting and ending with a letter or digit",
            "K1014 [apps/bad] timeout_seconds must be positive, got 0",
            "K1014 [apps/bad] set: \"a\" is set twice",
            "K1014 [apps/bad] set: a value path is empty",
            "K1014 [apps/bad] set: \"l\" has no value",
            "K1014 [apps/bad] set: \"m\" is a list; give lists and maps in values, not set",
        });
}
