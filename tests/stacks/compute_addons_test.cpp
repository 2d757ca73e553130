// The Kubernetes side of ComputeStack: the providers that reach the cluster
// and the add-ons (stacks/compute_addons.cpp).
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "dsl/app.h"
#include "generators/terraform_module.h"
#include "generators/terraform_root.h"
#include "schema/provider_schema.h"
#include "schema/schema_validator.h"
#include "stacks/compute_stack.h"
#include "stacks/compute_test_support.h"
#include "stacks/load_balancer_controller_policy.h"
#include "stacks/stack_test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

bool contains(const json& text, const std::string& part) {
  return text.get<std::string>().find(part) != std::string::npos;
}

// Every file of `app` for one environment, `dev`.
FileSet dev_files(const App& app) {
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\n"
      "backend:\n  bucket: test-terraform-state\n  use_lockfile: true\n",
      "dev.yaml", "dev");
  const Plan plan = plan_app(app);
  FileSet files;
  for (const auto& stack : plan.stacks) emit_module(plan, stack, files);
  emit_root(plan, env, {}, files);
  return files;
}

}  // namespace

TEST_CASE("the load balancer controller comes from the EKS charts with an IRSA role of its own") {
  // GIVEN a compute stack with the default add-ons
  App app{"compute"};
  const auto net = fake_network(app);
  auto& compute = app.stack<ComputeStack>("compute", props_for(net));
  const json resources = module_json(app, "compute").at("resource");

  // THEN the chart is pinned and installed in kube-system with the cluster's values
  const json release = resources.at("helm_release").at("load_balancer_controller");
  CHECK(release.at("repository") == "https://aws.github.io/eks-charts");
  CHECK(release.at("chart") == "aws-load-balancer-controller");
  CHECK(release.at("version") == "1.13.3");
  CHECK(release.at("name") == "aws-load-balancer-controller");
  CHECK(release.at("namespace") == "kube-system");
  CHECK(release.at("create_namespace") == false);
  CHECK(release.at("set") ==
        json::array({{{"name", "clusterName"},
                      {"value", "${aws_eks_cluster.cluster.name}"},
                      {"type", "string"}},
                     {{"name", "region"},
                      {"value", "${aws_eks_cluster.cluster.region}"},
                      {"type", "string"}},
                     {{"name", "vpcId"}, {"value", "${var.network_vpc_main_id}"}, {"type", "string"}},
                     {{"name", "serviceAccount.create"}, {"value", "true"}},
                     {{"name", "serviceAccount.name"},
                      {"value", "aws-load-balancer-controller"},
                      {"type", "string"}},
                     {{"name", "serviceAccount.annotations.eks\\.amazonaws\\.com/role-arn"},
                      {"value", "${aws_iam_role.load_balancer_controller_role.arn}"},
                      {"type", "string"}}}));
  // AND it waits for nodes to run on and for its permissions
  CHECK(release.at("depends_on") ==
        json::array({"aws_eks_node_group.on_demand",
                     "aws_iam_role_policy.load_balancer_controller_role"}));
  CHECK(compute.load_balancer_controller() != nullptr);

  // AND its role trusts only the controller's service account of this cluster
  const json trust = resources.at("aws_iam_role").at("load_balancer_controller_role");
  CHECK(trust.at("assume_role_policy") ==
        "${jsonencode({\"Statement\" = [{\"Action\" = [\"sts:AssumeRoleWithWebIdentity\"], "
        "\"Condition\" = {\"StringEquals\" = zipmap([\"${replace(aws_eks_cluster.cluster.identity["
        "0].oidc[0].issuer, \"https://\", \"\")}:sub\", \"${replace(aws_eks_cluster.cluster."
        "identity[0].oidc[0].issuer, \"https://\", \"\")}:aud\"], "
        "[\"system:serviceaccount:kube-system:aws-load-balancer-controller\", "
        "\"sts.amazonaws.com\"])}, \"Effect\" = \"Allow\", \"Principal\" = {\"Federated\" = "
        "aws_iam_openid_connect_provider.cluster_oidc.arn}, \"Sid\" = \"ServiceAccount\"}], "
        "\"Version\" = \"2012-10-17\"})}");
  // AND carries the controller's published policy, which lets it register targets
  const json policy = resources.at("aws_iam_role_policy").at("load_balancer_controller_role");
  CHECK(policy.at("role") == "${aws_iam_role.load_balancer_controller_role.id}");
  CHECK(contains(policy.at("policy"), "\"elasticloadbalancing:RegisterTargets\""));
  CHECK(contains(policy.at("policy"), "\"ec2:DescribeRouteTables\""));
  CHECK(contains(policy.at("policy"),
                 "\"Resource\" = \"arn:aws:elasticloadbalancing:*:*:targetgroup/*/*\""));
}

TEST_CASE("the controller's policy is the published v2.13.3 document") {
  const json policy = json::parse(load_balancer_controller_policy_json());
  CHECK(policy.at("Version") == "2012-10-17");
  CHECK(policy.at("Statement").size() == 16);
  std::size_t actions = 0;
  for (const auto& statement : policy.at("Statement")) {
    CHECK(statement.at("Effect") == "Allow");
    actions += statement.at("Action").size();
  }
  CHECK(actions == 86);
  // What v2.12 and v2.13 added to the policy of v2.11.
  const std::string text = load_balancer_controller_policy_json();
  for (const char* added : {"ec2:DescribeIpamPools", "elasticloadbalancing:ModifyIpPools",
                            "elasticloadbalancing:SetRulePriorities", "ec2:DescribeRouteTables"}) {
    CHECK_MESSAGE(text.find(added) != std::string::npos, added);
  }
}

TEST_CASE("Container Insights is the CloudWatch observability add-on with an IRSA role") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.addons.container_insights_version = "v4.1.0-eksbuild.1";
  app.stack<ComputeStack>("compute", std::move(props));
  const json resources = module_json(app, "compute").at("resource");
  const json addon = resources.at("aws_eks_addon").at("container_insights");
  CHECK(addon.at("addon_name") == "amazon-cloudwatch-observability");
  CHECK(addon.at("addon_version") == "v4.1.0-eksbuild.1");
  CHECK(addon.at("cluster_name") == "${aws_eks_cluster.cluster.name}");
  CHECK(addon.at("service_account_role_arn") == "${aws_iam_role.container_insights_role.arn}");
  CHECK(addon.at("resolve_conflicts_on_create") == "OVERWRITE");
  CHECK(addon.at("resolve_conflicts_on_update") == "OVERWRITE");
  CHECK(addon.at("depends_on") ==
        json::array({"aws_eks_node_group.on_demand",
                     "aws_iam_role_policy_attachment.container_insights_role"}));
  // The permissions the EKS user guide gives the add-on's cloudwatch-agent account.
  CHECK(resources.at("aws_iam_role_policy_attachment")
            .at("container_insights_role")
            .at("for_each") ==
        json{{"AWSXrayWriteOnlyAccess",
              "arn:${data.aws_partition.current.partition}:iam::aws:policy/"
              "AWSXrayWriteOnlyAccess"},
             {"CloudWatchAgentServerPolicy",
              "arn:${data.aws_partition.current.partition}:iam::aws:policy/"
              "CloudWatchAgentServerPolicy"}});
  CHECK(contains(resources.at("aws_iam_role").at("container_insights_role").at("assume_role_policy"),
                 "system:serviceaccount:amazon-cloudwatch:cloudwatch-agent"));
}

TEST_CASE("every root configures helm and kubernetes from the cluster's module outputs") {
  // GIVEN a compute stack whose Terraform assumes the deploy role for the cluster
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.addons.kubernetes_role_arn = "arn:aws:iam::111122223333:role/terraform-deploy";
  app.stack<ComputeStack>("compute", std::move(props));
  // WHEN the dev root is written
  const FileSet files = dev_files(app);
  const json providers =
      json::parse(files.at("terraform/environments/dev/providers.tf.json")).at("provider");
  const json exec = {{"api_version", "client.authentication.k8s.io/v1beta1"},
                     {"command", "aws"},
                     {"args",
                      {"eks", "get-token", "--cluster-name", "${module.compute.cluster_name}",
                       "--region", "${module.compute.cluster_region}", "--role-arn",
                       "arn:aws:iam::111122223333:role/terraform-deploy"}}};
  // THEN helm 3.x gets a kubernetes object with exec as an object
  CHECK(providers.at("helm") ==
        json{{"kubernetes",
              {{"host", "${module.compute.cluster_endpoint}"},
               {"cluster_ca_certificate",
                "${base64decode(module.compute.cluster_certificate_authority)}"},
               {"exec", exec}}}});
  // AND kubernetes 2.x gets exec as a block
  CHECK(providers.at("kubernetes") ==
        json{{"host", "${module.compute.cluster_endpoint}"},
             {"cluster_ca_certificate",
              "${base64decode(module.compute.cluster_certificate_authority)}"},
             {"exec", json::array({exec})}});
  // AND both are pinned in the root, helm in the module that uses it
  const json root = json::parse(files.at("terraform/environments/dev/terraform.tf.json"))
                        .at("terraform")
                        .at("required_providers");
  CHECK(root.at("helm") == json{{"source", "hashicorp/helm"}, {"version", "~> 3.1"}});
  CHECK(root.at("kubernetes") == json{{"source", "hashicorp/kubernetes"}, {"version", "~> 2.38"}});
  const json module = json::parse(files.at("terraform/modules/compute/versions.tf.json"))
                          .at("terraform")
                          .at("required_providers");
  CHECK(module.at("helm") == json{{"source", "hashicorp/helm"}, {"version", "~> 3.1"}});
  // AND the provider blocks are what the bundled helm and kubernetes schemas say
  const auto findings = schema::validate_terraform_json(
      json::parse(files.at("terraform/environments/dev/providers.tf.json")),
      schema::ProviderSchemas::bundled(), "providers.tf.json");
  for (const auto& finding : findings) MESSAGE(finding.to_string());
  CHECK(findings.empty());
}

TEST_CASE("the add-ons can be switched off, and then no provider reaches the cluster") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.addons.load_balancer_controller = false;
  props.addons.container_insights = false;
  auto& compute = app.stack<ComputeStack>("compute", std::move(props));
  const json resources = module_json(app, "compute").at("resource");
  CHECK_FALSE(resources.contains("helm_release"));
  CHECK_FALSE(resources.contains("aws_eks_addon"));
  CHECK(app.find_provider("helm") == nullptr);
  CHECK(compute.load_balancer_controller() == nullptr);
  // Charts of one's own still get the providers, declared once.
  const KubernetesProviders& first = compute.kubernetes_providers();
  const KubernetesProviders& second = compute.kubernetes_providers();
  CHECK(first.helm == second.helm);
  CHECK(app.find_provider("helm") == first.helm);
  CHECK(app.find_provider("kubernetes") == first.kubernetes);
  CHECK(app.reported().empty());
}

TEST_CASE("a second cluster declares its providers under an alias") {
  App app{"compute"};
  const auto net = fake_network(app);
  app.stack<ComputeStack>("compute", props_for(net));
  auto props = props_for(net);
  props.name = "batch";
  props.addons.provider_alias = "batch";
  app.stack<ComputeStack>("batch", std::move(props));
  CHECK(app.reported().empty());
  const json release =
      module_json(app, "batch").at("resource").at("helm_release").at("load_balancer_controller");
  CHECK(release.at("provider") == "helm.batch");
  CHECK(plan_problems(app).empty());
}

TEST_CASE("an application's service account role is one call with the cluster's identity") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto& compute = app.stack<ComputeStack>("compute", props_for(net));
  auto& apps = app.stack("apps");
  auto& bucket = apps.resource("aws_s3_bucket", "data");
  auto& role = irsa_role(apps, "api_role", compute.service_account("detection-api", "api"),
                         {.statements = {PolicyStatement{.actions = {"s3:GetObject"},
                                                         .resources = {str(bucket.arn(), "/*")}}}});
  CHECK(role.permissions().size() == 1);
  const json resources = module_json(app, "apps").at("resource");
  const json trust = resources.at("aws_iam_role").at("api_role").at("assume_role_policy");
  CHECK(contains(trust, "system:serviceaccount:detection-api:api"));
  CHECK(contains(trust, "\"Federated\" = var.compute_oidc_provider_arn"));
  CHECK(contains(trust, "replace(var.compute_oidc_issuer, \"https://\", \"\")}:sub"));
  CHECK(resources.at("aws_iam_role").at("api_role").at("description") ==
        "Service account detection-api/api (IAM roles for service accounts).");
  const auto findings = schema_findings(app);
  for (const auto& finding : findings) MESSAGE(finding);
  CHECK(findings.empty());
}

TEST_CASE("add-on props that are not what AWS takes are refused") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.addons.kubernetes_role_arn = "terraform-deploy";
  props.addons.container_insights_version = "latest";
  props.addons.provider_alias = "Batch";
  app.stack<ComputeStack>("compute", std::move(props));
  CHECK(plan_problems(app) ==
        std::vector<std::string>{
            "addons.kubernetes_role_arn must be an IAM role ARN, got \"terraform-deploy\"",
            "addons.container_insights_version must be an EKS add-on version like "
            "\"v4.1.0-eksbuild.1\", got \"latest\"",
            "addons.provider_alias \"Batch\" must be a provider alias: a lowercase letter, then "
            "lowercase letters, digits, '_' or '-'",
        });
}
