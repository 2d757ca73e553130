#include "generators/terraform_root.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "dsl/app.h"
#include "generators/terraform_module.h"
#include "test_support.h"

using namespace keelson;
using nlohmann::json;

namespace {

// The default AWS provider's tags in the root of an environment with `env_tags`.
json default_tags(const App& app, const std::string& env_tags) {
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\n"
      "backend:\n  bucket: test-terraform-state\n  use_lockfile: true\n" + env_tags,
      "dev.yaml", "dev");
  FileSet files;
  emit_root(plan_app(app), env, {}, files);
  const json doc = json::parse(files.at("terraform/environments/dev/providers.tf.json"));
  return doc.at("provider").at("aws").at("default_tags").at("tags");
}

}  // namespace

TEST_CASE("default tags: keelson's own, then the App's, then the environment's; later wins") {
  // GIVEN an App whose tags override keelson's ManagedBy and set a team
  AppOptions options;
  options.tags = {{"ManagedBy", "platform-team"}, {"Team", "core"}, {"Owner", "app"}};
  App app{"tags", options};
  app.stack("s").resource("aws_vpc", "main");
  // WHEN the environment overrides Owner
  const json tags = default_tags(app, "tags:\n  Owner: env\n");
  // THEN the documented order holds
  CHECK(tags == json{{"Environment", "dev"},
                     {"ManagedBy", "platform-team"},
                     {"Owner", "env"},
                     {"Team", "core"}});
}

TEST_CASE("without App or environment tags, keelson's own tags are set") {
  App app{"tags"};
  app.stack("s").resource("aws_vpc", "main");
  CHECK(default_tags(app, "") == json{{"Environment", "dev"}, {"ManagedBy", "keelson"}});
}

TEST_CASE("a provider other than AWS needs a source and a version") {
  App app{"providers"};
  app.provider("random");
  app.provider("tls", {.source = "hashicorp/tls"});
  REQUIRE(app.reported().size() == 2);
  CHECK(app.reported()[0].code == "K1028");
  CHECK(app.reported()[0].message == "provider \"random\" needs a source and a version");
  CHECK(app.reported()[0].where.file.find("terraform_root_test.cpp") != std::string::npos);
  CHECK(app.reported()[1].message == "provider \"tls\" needs a version");
}

TEST_CASE("an aliased provider takes the source and version of its default configuration") {
  App app{"providers"};
  app.provider("random", {.source = "hashicorp/random", .version = "~> 3.6"});
  const Provider& other = app.provider("random", {.alias = "other"});
  CHECK(app.reported().empty());
  CHECK(other.source() == "hashicorp/random");
  CHECK(other.version() == "~> 3.6");
}

TEST_CASE("a root configures a provider from a stack's module output and its own name") {
  // GIVEN a provider configured from a cluster in stack compute and the environment's name
  App app{"roots"};
  auto& compute = app.stack("compute");
  auto& cluster = compute.resource("aws_eks_cluster", "main").set("name", "main");
  app.provider("kubernetes",
               {.source = "hashicorp/kubernetes",
                .version = "~> 2.38",
                .config = {{"host", cluster.attr("endpoint")},
                           {"config_context", str("ctx-", environment_name())},
                           {"exec", Value::list({Value::map(
                                        {{"api_version", "client.authentication.k8s.io/v1beta1"},
                                         {"command", "aws"},
                                         {"args", Value::list({"eks", "get-token", "--cluster-name",
                                                               cluster.attr("name")})}})})}}});
  // AND a stack that names its bucket after the environment
  app.stack("logs").resource("aws_s3_bucket", "logs").set("bucket", str("logs-", environment_name()));
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\n"
      "backend:\n  bucket: test-terraform-state\n  use_lockfile: true\n",
      "dev.yaml", "dev");
  // WHEN the dev root is written
  const Plan plan = plan_app(app);
  FileSet files;
  emit_root(plan, env, {}, files);
  for (const auto& stack : plan.stacks) emit_module(plan, stack, files);
  // THEN the provider reads compute's outputs and has the literal name
  const json provider = json::parse(files.at("terraform/environments/dev/providers.tf.json"))
                            .at("provider")
                            .at("kubernetes");
  CHECK(provider.at("host") == "${module.compute.eks_cluster_main_endpoint}");
  CHECK(provider.at("config_context") == "ctx-dev");
  CHECK(provider.at("exec").at(0).at("args") ==
        json::array({"eks", "get-token", "--cluster-name", "${module.compute.eks_cluster_main_name}"}));
  // AND compute exports them, saying who reads them
  const json outputs =
      json::parse(files.at("terraform/modules/compute/outputs.tf.json")).at("output");
  CHECK(outputs.at("eks_cluster_main_endpoint") ==
        json{{"value", "${aws_eks_cluster.main.endpoint}"},
             {"description", "Configures provider kubernetes in every root."}});
  // AND only the module that uses the name declares it, and the root passes it
  const json modules = json::parse(files.at("terraform/environments/dev/main.tf.json")).at("module");
  CHECK(modules.at("logs").at("environment") == "dev");
  CHECK_FALSE(modules.at("compute").contains("environment"));
  const json variables =
      json::parse(files.at("terraform/modules/logs/variables.tf.json")).at("variable");
  CHECK(variables.at("environment").at("type") == "string");
  CHECK(files.count("terraform/modules/compute/variables.tf.json") == 0);
  // AND the required providers of the root pin it
  const json required = json::parse(files.at("terraform/environments/dev/terraform.tf.json"))
                            .at("terraform")
                            .at("required_providers");
  CHECK(required.at("kubernetes") == json{{"source", "hashicorp/kubernetes"}, {"version", "~> 2.38"}});
}

TEST_CASE("a rule between parameters is a validation of its variable in every root, not in modules") {
  // GIVEN HTTPS and its certificate, used by one stack, and a rule relating them
  App app{"rules"};
  auto https = app.param<bool>("alb_https", {.description = "Serve HTTPS."});
  auto certificate = app.param<std::string>(
      "certificate_arn", {.description = "ACM certificate.", .pattern = "(arn:aws:acm:.+)?"});
  app.rule(certificate, logical_or(logical_not(https), ne(certificate, "")),
           "A certificate_arn is required when alb_https is true.");
  app.stack("web")
      .resource("aws_lb_listener", "https")
      .count(when(https, 1, 0))
      .set("certificate_arn", certificate);
  // WHEN the root and the module are written
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\n"
      "backend:\n  bucket: test-terraform-state\n  use_lockfile: true\n"
      "parameters:\n  alb_https: true\n  certificate_arn: \"\"\n",
      "dev.yaml", "dev");
  const Plan plan = plan_app(app);
  FileSet files;
  emit_root(plan, env, {}, files);
  for (const auto& stack : plan.stacks) emit_module(plan, stack, files);
  // THEN the root's variable has the pattern's validation, then the rule's
  const json root = json::parse(files.at("terraform/environments/dev/variables.tf.json"))
                        .at("variable")
                        .at("certificate_arn")
                        .at("validation");
  REQUIRE(root.size() == 2);
  CHECK(root.at(1) ==
        json{{"condition", "${!var.alb_https || (var.certificate_arn != \"\")}"},
             {"error_message", "A certificate_arn is required when alb_https is true."}});
  // AND the module, which might not declare every variable a rule names, keeps the pattern only
  const json module = json::parse(files.at("terraform/modules/web/variables.tf.json"))
                          .at("variable")
                          .at("certificate_arn")
                          .at("validation");
  CHECK(module.size() == 1);
  // AND the variable the rule is not attached to has no rule
  CHECK_FALSE(json::parse(files.at("terraform/environments/dev/variables.tf.json"))
                  .at("variable")
                  .at("alb_https")
                  .contains("validation"));
}

TEST_CASE("each root's plan test asserts what outputs expect, with the environment's values") {
  App app{"facts"};
  auto zones = app.param<int>("zones", {.description = "Zones.", .default_value = Value(2)});
  auto single = app.param<bool>("single_nat", {.description = "One NAT gateway."});
  auto secret = app.param<std::string>("token", {.description = "A token.", .sensitive = true});
  auto& network = app.stack("network");
  auto& nat = network.resource("aws_nat_gateway", "nat").count(when(single, 1, zones));
  network.output("nat_gateway_count", fn::length(nat.all("id")),
                 {.description = "NAT gateways.", .expect = when(single, 1, zones)});
  network.output("zone_count", zones, {.description = "Zones.", .expect = zones});
  network.output("token_set", ne(secret, ""), {.description = "Token.", .expect = ne(secret, "")});
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\nbackend:\n  bucket: test-terraform-state\n",
      "prod.yaml", "prod");
  FileSet files;
  // zones is not given: its default counts; the sensitive token is unknown, so
  // its assertion is left to nobody rather than guessed.
  emit_root(plan_app(app), env, {{"single_nat", false}}, files);
  const json test = json::parse(files.at("terraform/environments/prod/tests/plan.tftest.json"));
  CHECK(test == json::parse(R"({"run": {"plan": {"command": "plan", "assert": [
      {"condition": "${module.network.nat_gateway_count == 2}",
       "error_message": "In prod, module.network.nat_gateway_count must be 2: NAT gateways."},
      {"condition": "${module.network.zone_count == 2}",
       "error_message": "In prod, module.network.zone_count must be 2: Zones."}]}}})"));
}

TEST_CASE("a root has no plan test when no output expects anything") {
  App app{"plain"};
  app.stack("network").resource("aws_vpc", "main").set("cidr_block", "10.0.0.0/16");
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\nbackend:\n  bucket: test-terraform-state\n",
      "dev.yaml", "dev");
  FileSet files;
  emit_root(plan_app(app), env, {}, files);
  CHECK(files.count("terraform/environments/dev/main.tf.json") == 1);
  CHECK(files.count("terraform/environments/dev/tests/plan.tftest.json") == 0);
}

TEST_CASE("an expectation must be computable from parameters (K1032)") {
  App app{"facts"};
  auto& network = app.stack("network");
  auto& vpc = network.resource("aws_vpc", "main").set("cidr_block", "10.0.0.0/16");
  network.output("vpc_id", vpc.id(), {.description = "The VPC.", .expect = vpc.id()});
  CHECK_THROWS_WITH_AS(plan_app(app),
                       doctest::Contains("[network] the expected value of output \"vpc_id\" is "
                                         "not computable from parameters (K1032)"),
                       Error);
}
