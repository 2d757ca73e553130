#include "plan/wiring.h"

#include <doctest/doctest.h>

#include <map>
#include <string>

#include "dsl/app.h"

using namespace keelson;

namespace {

std::vector<std::string> messages(const App& app) {
  try {
    plan_app(app);
  } catch (const Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.code + " " + d.message);
    return out;
  }
  return {};
}

// The type each input of `stack` declares, by variable name.
std::map<std::string, std::string> input_types(const Plan& plan, const Stack& stack) {
  std::map<std::string, std::string> types;
  for (const auto& input : plan.stack(stack).inputs) types.emplace(input.variable, input.type);
  return types;
}

}  // namespace

TEST_CASE("a cross-stack reference exports an output and wires an input") {
  // GIVEN a VPC in network and a security group in compute that uses its id
  App app{"wire"};
  auto& network = app.stack("network");
  auto& compute = app.stack("compute");
  auto& vpc = network.resource("aws_vpc", "main");
  compute.resource("aws_security_group", "web").set("vpc_id", vpc.id());
  // WHEN planning
  const Plan plan = plan_app(app);
  // THEN network exports vpc_main_id and compute reads it as network_vpc_main_id
  const StackPlan& producer = plan.stack(network);
  REQUIRE(producer.exports.size() == 1);
  CHECK(producer.exports[0].name == "vpc_main_id");
  CHECK(producer.exports[0].expression == "aws_vpc.main.id");
  CHECK(producer.exports[0].consumers == std::vector<std::string>{"compute"});
  const StackPlan& consumer = plan.stack(compute);
  REQUIRE(consumer.inputs.size() == 1);
  CHECK(consumer.inputs[0].variable == "network_vpc_main_id");
  CHECK(consumer.inputs[0].output == "vpc_main_id");
  CHECK(consumer.references(vpc.id().expr()) == "var.network_vpc_main_id");
  CHECK(producer.references(vpc.id().expr()) == "aws_vpc.main.id");
}

TEST_CASE("stacks are ordered producers first whatever the declaration order") {
  App app{"order"};
  auto& compute = app.stack("compute");
  auto& network = app.stack("network");
  auto& vpc = network.resource("aws_vpc", "this");
  compute.resource("aws_security_group", "web").set("vpc_id", vpc.id());
  const Plan plan = plan_app(app);
  REQUIRE(plan.stacks.size() == 2);
  CHECK(plan.stacks[0].stack == &network);
  CHECK(plan.stacks[1].stack == &compute);
  CHECK(plan.stack(network).exports[0].name == "vpc_id");  // `this` is left out of names
}

TEST_CASE("instances of repeated resources are exported as collections and indexed by the reader") {
  App app{"instances"};
  auto& network = app.stack("network");
  auto& compute = app.stack("compute");
  auto& subnets = network.resource("aws_subnet", "private").count(3);
  auto& zonal = network.resource("aws_subnet", "zonal").for_each(Value::map({{"a", 1}}));
  compute.resource("aws_instance", "web")
      .count(3)
      .set("subnet_id", subnets.at(count_index()).attr("id"));
  compute.resource("aws_instance", "zonal")
      .for_each(Value::map({{"a", 1}}))
      .set("subnet_id", zonal.at(each_key()).attr("id"));
  compute.resource("aws_lb", "front").set("subnets", subnets.all("id"));
  const Plan plan = plan_app(app);
  const StackPlan& producer = plan.stack(network);
  REQUIRE(producer.exports.size() == 2);
  CHECK(producer.exports[0].name == "subnet_private_ids");
  CHECK(producer.exports[0].expression == "aws_subnet.private[*].id");
  CHECK(producer.exports[1].name == "subnet_zonal_id_by_key");
  CHECK(producer.exports[1].expression ==
        "{for key, instance in aws_subnet.zonal : key => instance.id}");
  const StackPlan& consumer = plan.stack(compute);
  CHECK(consumer.references(subnets.at(count_index()).attr("id").expr()) ==
        "var.network_subnet_private_ids[count.index]");
  CHECK(consumer.references(zonal.at(each_key()).attr("id").expr()) ==
        "var.network_subnet_zonal_id_by_key[each.key]");
  CHECK(consumer.references(subnets.all("id").expr()) == "var.network_subnet_private_ids");
  CHECK(consumer.inputs.size() == 2);  // all("id") and at(i).attr("id") share one export
}

TEST_CASE("a cross-stack input is typed like the producer's attribute") {
  // GIVEN a compute stack reading a string, a map and a nested block's
  // attribute of network's resources
  App app{"types"};
  auto& network = app.stack("network");
  auto& compute = app.stack("compute");
  auto& vpc = network.resource("aws_vpc", "main");
  auto& cluster = network.resource("aws_eks_cluster", "cluster");
  auto& web = compute.resource("aws_security_group", "web");
  web.set("vpc_id", vpc.id());
  web.set("tags", vpc.attr("tags"));
  web.set("description", cluster.attr("identity[0].oidc[0].issuer"));
  web.set("name", str(cluster.attr("certificate_authority[0].data")));
  // WHEN planning
  const Plan plan = plan_app(app);
  // THEN each input has the attribute's type from the AWS provider schema
  const auto types = input_types(plan, compute);
  CHECK(types.at("network_vpc_main_id") == "string");
  CHECK(types.at("network_vpc_main_tags") == "map(string)");
  CHECK(types.at("network_eks_cluster_cluster_identity_0_oidc_0_issuer") == "string");
  CHECK(types.at("network_eks_cluster_cluster_certificate_authority_0_data") == "string");
}

TEST_CASE("inputs of repeated resources are typed like the collection exported") {
  // GIVEN subnets with count and with for_each, read whole and by instance
  App app{"collections"};
  auto& network = app.stack("network");
  auto& compute = app.stack("compute");
  auto& counted = network.resource("aws_subnet", "private").count(3);
  auto& keyed = network.resource("aws_subnet", "zonal").for_each(Value::map({{"a", 1}}));
  compute.resource("aws_instance", "web")
      .count(3)
      .set("subnet_id", counted.at(count_index()).attr("id"));
  compute.resource("aws_instance", "zonal")
      .for_each(Value::map({{"a", 1}}))
      .set("subnet_id", keyed.at(each_key()).attr("id"))
      .set("tags", keyed.at(each_key()).attr("tags"));
  compute.resource("aws_lb", "front").set("subnets", keyed.all("id"));
  compute.resource("aws_lb", "back").set("subnets", counted.all("id"));
  // WHEN planning
  const Plan plan = plan_app(app);
  // THEN all() and a counted instance read a list; a keyed instance, a map by key
  const auto types = input_types(plan, compute);
  CHECK(types.at("network_subnet_private_ids") == "list(string)");
  CHECK(types.at("network_subnet_zonal_ids") == "list(string)");
  CHECK(types.at("network_subnet_zonal_id_by_key") == "map(string)");
  CHECK(types.at("network_subnet_zonal_tags_by_key") == "map(map(string))");
}

TEST_CASE("an input from a data source is typed from the data source's schema") {
  App app{"data"};
  auto& network = app.stack("network");
  auto& compute = app.stack("compute");
  auto& zones = network.data("aws_availability_zones", "available");
  auto& region = network.data("aws_region", "current");
  compute.resource("aws_subnet", "a")
      .set("availability_zone", fn::element(zones.attr("names"), 0))
      .set("tags", Value::map({{"Region", region.attr("region")}}));
  const auto types = input_types(plan_app(app), compute);
  CHECK(types.at("network_availability_zones_available_names") == "list(string)");
  CHECK(types.at("network_region_current_region") == "string");
}

TEST_CASE("an input whose type the schemas do not give is typed any") {
  // GIVEN reads of an unknown attribute, an unknown resource type, a whole
  // nested block, an object and a module output
  App app{"unknown"};
  auto& network = app.stack("network");
  auto& compute = app.stack("compute");
  auto& vpc = network.resource("aws_vpc", "main");
  auto& custom = network.resource("aws_custom_thing", "custom");
  auto& cluster = network.resource("aws_eks_cluster", "cluster");
  auto& database = network.resource("aws_db_instance", "database");
  auto& vpc_module = network.module("vpc", "terraform-aws-modules/vpc/aws", "5.8.1");
  compute.resource("aws_security_group", "web")
      .set("name", vpc.attr("no_such_attribute"))
      .set("description", custom.id())
      .set("vpc_id", vpc_module.output("vpc_id"))
      .set("tags", Value::map({{"a", cluster.attr("certificate_authority")},
                               {"b", database.attr("master_user_secret[0]")}}));
  // WHEN planning
  const auto types = input_types(plan_app(app), compute);
  // THEN every input is `any`
  REQUIRE(types.size() == 5);
  for (const auto& [variable, type] : types) {
    INFO(variable);
    CHECK(type == "any");
  }
}

TEST_CASE("a declared output with the same value is reused instead of doubled") {
  App app{"reuse"};
  auto& network = app.stack("network");
  auto& vpc = network.resource("aws_vpc", "main");
  network.output("vpc_id", vpc.id(), {.description = "The VPC."});
  app.stack("compute").resource("aws_security_group", "web").set("vpc_id", vpc.id());
  const Plan plan = plan_app(app);
  CHECK(plan.stacks[0].exports.empty());
  CHECK(plan.stacks[1].inputs[0].variable == "network_vpc_id");
}

TEST_CASE("parameters are passed only to the modules that use them") {
  App app{"params"};
  auto cidr = app.param<std::string>("cidr");
  auto retention = app.param<int>("retention");
  app.stack("network").resource("aws_vpc", "main").set("cidr_block", cidr);
  app.stack("logs").resource("aws_cloudwatch_log_group", "app").set("retention_in_days", retention);
  const Plan plan = plan_app(app);
  REQUIRE(plan.stacks[0].parameters.size() == 1);
  CHECK(plan.stacks[0].parameters[0]->name() == "cidr");
  CHECK(plan.stacks[1].parameters[0]->name() == "retention");
}

TEST_CASE("a reference cycle between stacks is an error naming the cycle") {
  App app{"cycle"};
  auto& a = app.stack("database");
  auto& b = app.stack("network");
  auto& db = a.resource("aws_db_instance", "main");
  auto& sg = b.resource("aws_security_group", "db").set("description", db.attr("address"));
  db.set("vpc_security_group_ids", Value::list({sg.id()}));
  const auto found = messages(app);
  REQUIRE(found.size() == 1);
  CHECK(found[0] ==
        "K1022 stacks reference each other in a cycle: database -> network -> database");
}

TEST_CASE("a cross-stack depends_on orders the module calls") {
  App app{"depends"};
  auto& network = app.stack("network");
  auto& compute = app.stack("compute");
  auto& vpc = network.resource("aws_vpc", "main");
  compute.resource("aws_instance", "web").depends_on(vpc);
  const Plan plan = plan_app(app);
  CHECK(plan.stack(compute).depends_on == std::vector<const Stack*>{&network});
  CHECK(plan.stacks[0].stack == &network);
}

TEST_CASE("references must match how many instances the target has") {
  App app{"instances"};
  auto& s = app.stack("s");
  auto& single = s.resource("aws_vpc", "main");
  auto& many = s.resource("aws_subnet", "a").count(2).set("vpc_id", single.id());
  s.resource("aws_instance", "x").set("subnet_id", many.id());
  s.resource("aws_instance", "y").set("vpc", single.at(0).attr("id"));
  const auto found = messages(app);
  REQUIRE(found.size() == 2);
  CHECK(found[0] == "K1024 \"s/a\" has count or for_each, so its attributes need an instance");
  CHECK(found[1] == "K1011 at() and all() on \"s/main\", which has neither count nor for_each");
}

TEST_CASE("a reference into another App is a dangling reference") {
  App other{"other"};
  auto& foreign = other.stack("s").resource("aws_vpc", "main");
  App app{"this"};
  app.stack("s").resource("aws_subnet", "a").set("vpc_id", foreign.id());
  const auto found = messages(app);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "K1021 reference to \"s/main\", which belongs to another App");
}

TEST_CASE("a provider that is not declared is reported once, at its first resource") {
  App app{"providers"};
  app.stack("s").resource("random_id", "suffix");
  app.stack("t").resource("random_password", "db");
  const auto found = messages(app);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "K1020 \"random_id\" needs provider \"random\", which is not declared");
}

TEST_CASE("two resources with the same address in one module are reported") {
  App app{"addresses"};
  auto& s = app.stack("s");
  s.add<Construct>("Vpc").resource("aws_subnet", "public");
  s.resource("aws_subnet", "Vpc_public");
  const auto found = messages(app);
  REQUIRE(found.size() == 1);
  CHECK(found[0] == "K1009 \"aws_subnet.Vpc_public\" is also the address of \"s/Vpc/public\"");
}

TEST_CASE("an app without stacks is reported") {
  App app{"empty"};
  CHECK(messages(app) == std::vector<std::string>{"K1023 app \"empty\" has no stacks"});
}

TEST_CASE("a provider setting that reads a stack's resource is exported and read from the root") {
  // GIVEN a cluster in stack compute and a provider configured from its endpoint
  App app{"provider-refs"};
  auto& compute = app.stack("compute");
  auto& cluster = compute.resource("aws_eks_cluster", "main");
  app.provider("helm", {.source = "hashicorp/helm",
                        .version = "~> 3.1",
                        .config = {{"kubernetes",
                                    Value::map({{"host", cluster.attr("endpoint")}})}}});
  // WHEN planning
  const Plan plan = plan_app(app);
  // THEN compute's module exports the endpoint for the provider
  const StackPlan& producer = plan.stack(compute);
  REQUIRE(producer.exports.size() == 1);
  CHECK(producer.exports[0].name == "eks_cluster_main_endpoint");
  CHECK(producer.exports[0].expression == "aws_eks_cluster.main.endpoint");
  CHECK(producer.exports[0].consumers.empty());
  CHECK(producer.exports[0].providers == std::vector<std::string>{"helm"});
  // AND the root reads the module output
  CHECK(plan.root_references(cluster.attr("endpoint").expr()) ==
        "module.compute.eks_cluster_main_endpoint");
}

TEST_CASE("a provider and a stack reading the same value share one export") {
  App app{"provider-refs"};
  auto& compute = app.stack("compute");
  auto& cluster = compute.resource("aws_eks_cluster", "main");
  app.stack("apps").resource("aws_ssm_parameter", "endpoint").set("value",
                                                                  cluster.attr("endpoint"));
  app.provider("kubernetes", {.source = "hashicorp/kubernetes",
                              .version = "~> 2.38",
                              .config = {{"host", cluster.attr("endpoint")}}});
  const Plan plan = plan_app(app);
  const StackPlan& producer = plan.stack(compute);
  REQUIRE(producer.exports.size() == 1);
  CHECK(producer.exports[0].consumers == std::vector<std::string>{"apps"});
  CHECK(producer.exports[0].providers == std::vector<std::string>{"kubernetes"});
}

TEST_CASE("a provider setting reads a declared output with the same value by its name") {
  App app{"provider-refs"};
  auto& compute = app.stack("compute");
  auto& cluster = compute.resource("aws_eks_cluster", "main");
  compute.output("cluster_endpoint", cluster.attr("endpoint"), {.description = "Endpoint."});
  app.provider("kubernetes", {.source = "hashicorp/kubernetes",
                              .version = "~> 2.38",
                              .config = {{"host", cluster.attr("endpoint")}}});
  const Plan plan = plan_app(app);
  CHECK(plan.stack(compute).exports.empty());
  CHECK(plan.root_references(cluster.attr("endpoint").expr()) ==
        "module.compute.cluster_endpoint");
}

TEST_CASE("a provider setting reads one instance of a repeated resource by indexing the export") {
  App app{"provider-refs"};
  auto& network = app.stack("network");
  auto& subnets = network.resource("aws_subnet", "private").count(3);
  app.provider("aws", {.alias = "east", .config = {{"region", subnets.at(0).attr("region")}}});
  const Plan plan = plan_app(app);
  REQUIRE(plan.stack(network).exports.size() == 1);
  CHECK(plan.stack(network).exports[0].name == "subnet_private_regions");
  CHECK(plan.root_references(subnets.at(0).attr("region").expr()) ==
        "module.network.subnet_private_regions[0]");
}

TEST_CASE("provider settings that a root cannot evaluate are reported with the provider") {
  App other{"other"};
  auto& foreign = other.stack("s").resource("aws_vpc", "elsewhere");
  App app{"provider-refs"};
  auto& subnets = app.stack("network").resource("aws_subnet", "private").count(3);
  app.provider("aws", {.alias = "a", .config = {{"region", foreign.attr("region")}}});
  app.provider("aws", {.alias = "b", .config = {{"region", subnets.attr("region")}}});
  app.provider("aws", {.alias = "c", .config = {{"region", str("x-", count_index())}}});
  const auto found = messages(app);
  CHECK(found ==
        std::vector<std::string>{
            "K1031 setting \"region\" of provider \"aws.a\" refers to \"s/elsewhere\", which is "
            "not part of app \"provider-refs\"",
            "K1031 setting \"region\" of provider \"aws.b\" reads \"network/private\", which has "
            "count or for_each, without at() or all()",
            "K1031 setting \"region\" of provider \"aws.c\" uses count.index, which only a "
            "resource with count has",
        });
}

TEST_CASE("only modules that use environment_name() get the environment variable") {
  App app{"envs"};
  auto& named = app.stack("named");
  named.resource("aws_s3_bucket", "logs").set("bucket", str("logs-", environment_name()));
  app.stack("plain").resource("aws_vpc", "main");
  const Plan plan = plan_app(app);
  CHECK(plan.stack(named).uses_environment);
  CHECK_FALSE(plan.stacks[1].uses_environment);
}

TEST_CASE("every problem is reported at once") {
  App app{"many"};
  auto& s = app.stack("s");
  s.resource("aws_vpc", "x");
  s.resource("aws_vpc", "x");
  s.resource("random_id", "r");
  s.resource("aws_subnet", "y").set("for_each", 1);
  CHECK(messages(app).size() == 3);
}
