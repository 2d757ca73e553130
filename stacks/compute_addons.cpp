// The Kubernetes side of a ComputeStack: the providers that reach the
// cluster's API and the add-ons the reference architecture needs.
#include <fmt/core.h>

#include "dsl/app.h"
#include "dsl/expression.h"
#include "stacks/compute_stack.h"
#include "stacks/helm_release.h"
#include "stacks/load_balancer_controller_policy.h"
#include "stacks/props.h"

namespace keelson {
namespace {

// How `aws eks get-token` hands its token to the providers.
constexpr const char* kExecApiVersion = "client.authentication.k8s.io/v1beta1";

// The service accounts the add-ons run as; their IRSA roles trust only these.
constexpr const char* kLoadBalancerControllerNamespace = "kube-system";
constexpr const char* kLoadBalancerControllerAccount = "aws-load-balancer-controller";
constexpr const char* kContainerInsightsNamespace = "amazon-cloudwatch";
constexpr const char* kContainerInsightsAccount = "cloudwatch-agent";

}  // namespace

ServiceAccountIdentity ComputeStack::service_account(std::string namespace_name,
                                                     std::string name) const {
  return {.oidc_provider_arn = oidc_provider_arn_,
          .oidc_issuer = oidc_issuer_,
          .namespace_name = std::move(namespace_name),
          .name = std::move(name)};
}

const KubernetesProviders& ComputeStack::kubernetes_providers(std::source_location where) {
  if (providers_.helm != nullptr) return providers_;
  if (cluster_ == nullptr) {
    node().scope()->report(Diagnostic{
        .code = "K1004",
        .path = node().path(),
        .message = fmt::format("compute stack \"{}\" has no EKS cluster to deploy to", name()),
        .hint = "eks.enabled is false; turn it on, or deploy the charts with another stack",
        .where = to_source_location(where)});
  }
  Value::List args = {"eks", "get-token", "--cluster-name", cluster_name_, "--region",
                      cluster_region_};
  if (!kubernetes_role_arn_.is_null()) {
    args.emplace_back("--role-arn");
    args.push_back(kubernetes_role_arn_);
  }
  const Value exec = Value::map(
      {{"api_version", kExecApiVersion}, {"command", "aws"}, {"args", Value(std::move(args))}});
  const Value certificate = fn::call("base64decode", {cluster_certificate_authority_});
  // helm 3.x takes `kubernetes` and its `exec` as nested attributes (objects);
  // kubernetes 2.x takes `exec` as a block (a list of one object here).
  providers_.helm = &app().provider(
      "helm", {.source = "hashicorp/helm",
               .version = "~> 3.1",
               .alias = provider_alias_,
               .config = {{"kubernetes", Value::map({{"host", cluster_endpoint_},
                                                     {"cluster_ca_certificate", certificate},
                                                     {"exec", exec}})}}});
  providers_.kubernetes = &app().provider("kubernetes",
                                          {.source = "hashicorp/kubernetes",
                                           .version = "~> 2.38",
                                           .alias = provider_alias_,
                                           .config = {{"host", cluster_endpoint_},
                                                      {"cluster_ca_certificate", certificate},
                                                      {"exec", Value::list({exec})}}});
  return providers_;
}

void ComputeStack::add_addons(const Props& p) {
  const EksAddonsOptions& addons = p.addons;
  if (addons.load_balancer_controller) {
    const KubernetesProviders& providers = kubernetes_providers();
    auto& role = irsa_role(
        *this, "load_balancer_controller_role",
        service_account(kLoadBalancerControllerNamespace, kLoadBalancerControllerAccount),
        {.document = load_balancer_controller_policy(),
         .permissions_boundary = p.permissions_boundary},
        fmt::format("AWS Load Balancer Controller of EKS cluster {}.", p.name));
    role.role().set("tags", name_tags(p.name + "-lb-controller"));
    std::vector<std::pair<std::string, Value>> values = {
        {"clusterName", cluster_name_},
        {"region", cluster_region_},
        {"vpcId", p.vpc_id},
        {"serviceAccount.create", true},
        {"serviceAccount.name", kLoadBalancerControllerAccount},
        {helm_value_path({"serviceAccount", "annotations", "eks.amazonaws.com/role-arn"}),
         role.arn()}};
    // A missing VPC is reported with the stack's props; once is enough.
    if (p.vpc_id.is_null()) values.erase(values.begin() + 2);
    auto& controller = add<HelmRelease>(
        "load_balancer_controller",
        HelmReleaseProps{.chart = kLoadBalancerControllerChart,
                         .repository = kLoadBalancerControllerChartRepository,
                         .version = kLoadBalancerControllerChartVersion,
                         .namespace_name = kLoadBalancerControllerNamespace,
                         .create_namespace = false,
                         .set = std::move(values),
                         .provider = providers.helm});
    // The controller runs on the nodes and needs its permissions from the start.
    controller.release().depends_on(*on_demand_nodes_);
    for (Resource* grant : role.permissions()) controller.release().depends_on(*grant);
    load_balancer_controller_ = &controller.release();
  }
  if (addons.container_insights) {
    // The EKS user guide's permissions for this add-on: CloudWatch agent
    // metrics and logs, and X-Ray for Application Signals.
    auto& role = irsa_role(
        *this, "container_insights_role",
        service_account(kContainerInsightsNamespace, kContainerInsightsAccount),
        {.managed_policy_arns = {"arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy",
                                 "arn:aws:iam::aws:policy/AWSXrayWriteOnlyAccess"},
         .permissions_boundary = p.permissions_boundary},
        fmt::format("Container Insights (CloudWatch agent) of EKS cluster {}.", p.name));
    role.role().set("tags", name_tags(p.name + "-container-insights"));
    auto& addon = resource("aws_eks_addon", "container_insights")
                      .set("cluster_name", cluster_name_)
                      .set("addon_name", "amazon-cloudwatch-observability")
                      .set("service_account_role_arn", role.arn())
                      // Terraform's configuration wins over what is in the cluster.
                      .set("resolve_conflicts_on_create", "OVERWRITE")
                      .set("resolve_conflicts_on_update", "OVERWRITE")
                      .set("tags", name_tags(p.name + "-container-insights"))
                      // Its daemon sets need nodes to become active.
                      .depends_on(*on_demand_nodes_);
    if (!addons.container_insights_version.is_null()) {
      addon.set("addon_version", addons.container_insights_version);
    }
    for (Resource* grant : role.permissions()) addon.depends_on(*grant);
  }
}

}  // namespace keelson
