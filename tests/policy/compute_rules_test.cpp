// Autoscaling and self-healing rules: each fires on what breaks it and not on
// what keeps it, on plan-shaped views and on a chart's workload.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "charts/chart.h"
#include "dsl/app.h"
#include "environments/environment.h"
#include "plan/wiring.h"
#include "policy/check.h"
#include "policy/environment_check.h"
#include "policy/rule_packs.h"

using namespace keelson;
using namespace keelson::policy;
using nlohmann::json;

namespace {

using Ids = std::vector<std::string>;

ResourceView view(std::string type, json after, json unknown = json::object(),
                  std::string name = "test") {
  ResourceView v;
  v.type = type;
  v.address = type + "." + name;
  v.after = std::move(after);
  v.after_unknown = std::move(unknown);
  return v;
}

// The ids of the compute rules the views break in `environment`, with their
// severities there.
Ids fired(const std::vector<ResourceView>& views, std::string_view environment = "prod") {
  Ids ids;
  const Context context{std::string(environment), {}};
  for (const auto& f : check(views, builtin_rules(), context).findings) {
    const std::string& id = f.rule->id;
    if (id.rfind("KSL-SCALE-", 0) == 0 || id.rfind("KSL-K8S-", 0) == 0)
      ids.push_back(id + ":" + std::string(severity_name(f.severity)));
  }
  return ids;
}

json node_group(int min, int max) {
  return {{"scaling_config",
           json::array({{{"min_size", min}, {"max_size", max}, {"desired_size", min}}})}};
}

json deployment(json container, std::string replicas = "2") {
  const json labels = {{"app", "api"}};
  return {{"metadata", json::array({{{"name", "api"}}})},
          {"spec",
           json::array(
               {{{"replicas", replicas},
                 {"template",
                  json::array(
                      {{{"metadata", json::array({{{"labels", labels}}})},
                        {"spec", json::array({{{"container", json::array({container})}}})}}})}}})}};
}

const json kProbed = {{"name", "api"},
                      {"liveness_probe", json::array({json::object()})},
                      {"readiness_probe", json::array({json::object()})}};

ResourceView budget(json labels = {{"app", "api"}}) {
  return view("kubernetes_pod_disruption_budget_v1",
              {{"spec", json::array({{{"selector", json::array({{{"match_labels", labels}}})},
                                      {"max_unavailable", 1}}})}});
}

ResourceView autoscaler(int min, std::string target = "api") {
  return view(
      "kubernetes_horizontal_pod_autoscaler_v2",
      {{"spec", json::array({{{"min_replicas", min},
                              {"max_replicas", 6},
                              {"scale_target_ref",
                               json::array({{{"kind", "Deployment"}, {"name", target}}})}}})}});
}

}  // namespace

TEST_CASE("KSL-SCALE-001/002: EKS node groups can scale and keep two nodes in prod") {
  CHECK(fired({view("aws_eks_node_group", node_group(2, 6))}).empty());
  CHECK(fired({view("aws_eks_node_group", node_group(3, 3))}) == Ids{"KSL-SCALE-001:error"});
  CHECK(fired({view("aws_eks_node_group", node_group(3, 3))}, "dev") ==
        Ids{"KSL-SCALE-001:warning"});
  CHECK(fired({view("aws_eks_node_group", node_group(1, 4))}) == Ids{"KSL-SCALE-002:error"});
  CHECK(fired({view("aws_eks_node_group", node_group(1, 4))}, "dev") == Ids{"KSL-SCALE-002:info"});
  CHECK(fired({view("aws_eks_node_group", node_group(1, 1))}) ==
        Ids{"KSL-SCALE-001:error", "KSL-SCALE-002:error"});
  // Spot capacity may scale to zero; the on-demand group keeps the floor.
  json spot = node_group(0, 10);
  spot["capacity_type"] = "SPOT";
  CHECK(fired({view("aws_eks_node_group", spot)}).empty());
  spot["capacity_type"] = "ON_DEMAND";
  CHECK(fired({view("aws_eks_node_group", spot)}) == Ids{"KSL-SCALE-002:error"});
  // What the plan cannot know says nothing.
  CHECK(fired({view("aws_eks_node_group", {{"scaling_config", json::array({json::object()})}},
                    {{"scaling_config", json::array({{{"min_size", true}}})}})})
            .empty());
  CHECK(fired({view("aws_eks_node_group", json::object(), {{"scaling_config", true}})}).empty());
}

TEST_CASE("KSL-SCALE-003/004: auto scaling groups behind a load balancer use its health checks") {
  const json attached = {{"min_size", 2},
                         {"max_size", 4},
                         {"target_group_arns", json::array({nullptr})},
                         {"health_check_type", "ELB"}};
  CHECK(fired({view("aws_autoscaling_group", attached)}).empty());
  json ec2 = attached;
  ec2["health_check_type"] = "EC2";
  CHECK(fired({view("aws_autoscaling_group", ec2)}) == Ids{"KSL-SCALE-003:error"});
  ec2.erase("health_check_type");
  CHECK(fired({view("aws_autoscaling_group", ec2)}, "dev") == Ids{"KSL-SCALE-003:error"});
  // Not attached: EC2 checks are all there is.
  ec2.erase("target_group_arns");
  CHECK(fired({view("aws_autoscaling_group", ec2)}).empty());
  CHECK(fired({view("aws_autoscaling_group", ec2, {{"target_group_arns", true}})}).empty());
  json single = attached;
  single["min_size"] = 1;
  CHECK(fired({view("aws_autoscaling_group", single)}) == Ids{"KSL-SCALE-004:error"});
  CHECK(fired({view("aws_autoscaling_group", single)}, "staging") == Ids{"KSL-SCALE-004:info"});
  CHECK(fired({view("aws_autoscaling_group", json::object(), {{"min_size", true}})}).empty());
}

TEST_CASE("KSL-K8S-001: workloads have liveness and readiness probes") {
  const std::vector<ResourceView> kept = {view("kubernetes_deployment", deployment(kProbed)),
                                          budget()};
  CHECK(fired(kept).empty());
  json no_readiness = kProbed;
  no_readiness.erase("readiness_probe");
  CHECK(fired({view("kubernetes_deployment", deployment(no_readiness)), budget()}, "dev") ==
        Ids{"KSL-K8S-001:warning"});
  CHECK(fired({view("kubernetes_deployment", deployment(no_readiness)), budget()}) ==
        Ids{"KSL-K8S-001:error"});
  const auto findings =
      check({view("kubernetes_deployment", deployment({{"name", "api"}})), budget()},
            builtin_rules(), {"dev", {}})
          .findings;
  REQUIRE(findings.size() == 1);
  CHECK(findings[0].message == "container api has no liveness_probe and no readiness_probe");
  CHECK(fired({view("kubernetes_deployment", json::object(), {{"spec", true}}), budget()}).empty());
}

TEST_CASE("KSL-K8S-002: workloads have a PodDisruptionBudget selecting their pods") {
  const ResourceView pods = view("kubernetes_deployment", deployment(kProbed));
  CHECK(fired({pods, budget()}).empty());
  CHECK(fired({pods}) == Ids{"KSL-K8S-002:error"});
  CHECK(fired({pods}, "dev") == Ids{"KSL-K8S-002:warning"});
  // A budget for other pods does not count; one the plan cannot read might.
  CHECK(fired({pods, budget({{"app", "worker"}})}) == Ids{"KSL-K8S-002:error"});
  CHECK(fired({pods, view("kubernetes_pod_disruption_budget_v1", json::object(), {{"spec", true}})})
            .empty());
}

TEST_CASE("KSL-K8S-003: production workloads run more than one replica") {
  CHECK(fired({view("kubernetes_deployment", deployment(kProbed, "3")), budget()}).empty());
  CHECK(fired({view("kubernetes_deployment", deployment(kProbed, "1")), budget()}) ==
        Ids{"KSL-K8S-003:error"});
  CHECK(fired({view("kubernetes_deployment", deployment(kProbed, "1")), budget()}, "dev") ==
        Ids{"KSL-K8S-003:info"});
  // An autoscaler of two or more makes up for one replica; of one it does not.
  CHECK(fired({view("kubernetes_deployment", deployment(kProbed, "1")), budget(), autoscaler(2)})
            .empty());
  CHECK(fired({view("kubernetes_deployment", deployment(kProbed, "3")), budget(), autoscaler(1)}) ==
        Ids{"KSL-K8S-003:error"});
  // Another workload's autoscaler is not this one's.
  CHECK(fired({view("kubernetes_deployment", deployment(kProbed, "1")), budget(),
               autoscaler(3, "worker")}) == Ids{"KSL-K8S-003:error"});
  CHECK(fired({view("kubernetes_deployment", deployment(kProbed, "1"),
                    {{"spec", json::array({{{"replicas", true}}})}}),
               budget()})
            .empty());
}

TEST_CASE("a chart's workload is checked with each environment's values") {
  App app{"shop"};
  app.stack("data").resource("aws_s3_bucket", "logs");
  Chart& api = app.add<Chart>("api");
  api.workload({.image = {.repository = "ghcr.io/acme/api", .tag = "1.0.0"},
                .ports = {{.name = "http", .container_port = 8000}},
                .liveness = Probe{.http_path = "/healthz"},
                .readiness = Probe{.http_path = "/ready"}});
  const auto findings_in = [&](const std::string& name, const std::string& charts) {
    const Environment env = parse_environment(
        "region: us-east-1\naccount: \"123456789012\"\nbackend: {bucket: shop-state}\n" + charts,
        name + ".yaml", name);
    Ids ids;
    for (const auto& f : check_environment(plan_app(app), env, {}).findings) {
      if (f.rule->id.rfind("KSL-K8S-", 0) != 0) continue;
      ids.push_back(f.rule->id + ":" + std::string(severity_name(f.severity)) + " " + f.address);
      CHECK(f.path == "api/api");
    }
    return ids;
  };
  CHECK(findings_in("prod", "") == Ids{"KSL-K8S-002:error chart.api.kubernetes_deployment.api",
                                       "KSL-K8S-003:error chart.api.kubernetes_deployment.api"});
  CHECK(findings_in("prod",
                    "charts:\n  api:\n    replicaCount: 3\n"
                    "    podDisruptionBudget: {enabled: true, maxUnavailable: 1}\n")
            .empty());
  CHECK(findings_in("prod",
                    "charts:\n  api:\n    autoscaling: {enabled: true, minReplicas: 2, "
                    "maxReplicas: 4, targetCPUUtilizationPercentage: 70}\n"
                    "    podDisruptionBudget: {enabled: true, maxUnavailable: 1}\n")
            .empty());
  CHECK(findings_in("dev", "") == Ids{"KSL-K8S-002:warning chart.api.kubernetes_deployment.api",
                                      "KSL-K8S-003:info chart.api.kubernetes_deployment.api"});
}
