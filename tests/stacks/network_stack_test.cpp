#include "stacks/network_stack.h"

#include <doctest/doctest.h>

#include <set>
#include <string>
#include <tuple>
#include <vector>

#include "dsl/app.h"
#include "stacks/stack_test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

// Fails the test with every finding printed when the module is not valid.
void check_schema_clean(const App& app) {
  const std::vector<std::string> findings = schema_findings(app);
  for (const auto& finding : findings) MESSAGE(finding);
  CHECK(findings.empty());
}

// The problems planning an app with one network stack of `props` reports.
std::vector<std::string> problems_of(NetworkStack::Props props) {
  App app{"net"};
  app.stack<NetworkStack>("network", std::move(props));
  return plan_problems(app);
}

// Security group rules of one direction as (group, protocol, from, to, peer),
// the peer being a CIDR block or a security group reference.
using Rule = std::tuple<std::string, std::string, json, json, std::string>;
std::set<Rule> sg_rules(const json& resources, const std::string& direction) {
  std::set<Rule> out;
  for (const auto& [id, rule] :
       resources.at("aws_vpc_security_group_" + direction + "_rule").items()) {
    const std::string peer = rule.contains("cidr_ipv4")
                                 ? rule.at("cidr_ipv4").get<std::string>()
                                 : rule.at("referenced_security_group_id").get<std::string>();
    out.emplace(rule.at("security_group_id"), rule.at("ip_protocol"),
                rule.value("from_port", json()), rule.value("to_port", json()), peer);
  }
  return out;
}

const std::string kAlb = "${aws_security_group.alb_sg.id}";
const std::string kNodes = "${aws_security_group.node_sg.id}";
const std::string kPostgres = "${aws_security_group.database_sg.id}";
const std::string kRedis = "${aws_security_group.redis_sg.id}";

}  // namespace

TEST_CASE(
    "a default network is a VPC with DNS and public, private and database subnets in 3 zones") {
  App app{"net"};
  auto& net = app.stack<NetworkStack>("network", {.name = "detection-api"});
  const json doc = module_json(app, "network");
  const json& r = doc.at("resource");

  const json& vpc = r.at("aws_vpc").at("main");
  CHECK(vpc.at("cidr_block") == "10.0.0.0/16");
  CHECK(vpc.at("enable_dns_support") == true);
  CHECK(vpc.at("enable_dns_hostnames") == true);
  CHECK(vpc.at("tags").at("Name") == "detection-api");

  // The seed's layout: public 10.0.101-103.0/24, private 10.0.1-3.0/24, database 10.0.201-203.0/24.
  CHECK(r.at("aws_subnet").at("public").at("cidr_block") ==
        "${cidrsubnet(aws_vpc.main.cidr_block, 8, 101 + count.index)}");
  CHECK(r.at("aws_subnet").at("private").at("cidr_block") ==
        "${cidrsubnet(aws_vpc.main.cidr_block, 8, 1 + count.index)}");
  CHECK(r.at("aws_subnet").at("database").at("cidr_block") ==
        "${cidrsubnet(aws_vpc.main.cidr_block, 8, 201 + count.index)}");
  for (const char* tier : {"public", "private", "database"}) {
    CAPTURE(tier);
    const json& subnet = r.at("aws_subnet").at(tier);
    CHECK(subnet.at("count") == 3);
    CHECK(subnet.at("vpc_id") == "${aws_vpc.main.id}");
    CHECK(subnet.at("map_public_ip_on_launch") == false);
    CHECK(subnet.at("availability_zone") ==
          "${element(slice(data.aws_availability_zones.available.names, 0, 3), count.index)}");
    CHECK(subnet.at("tags").at("Tier") == tier);
  }
  CHECK(doc.at("data").at("aws_availability_zones").at("available").at("state") == "available");

  // One NAT gateway (with its EIP) per zone, in the public subnets.
  CHECK(r.at("aws_nat_gateway").at("nat").at("count") == 3);
  CHECK(r.at("aws_eip").at("nat_ip").at("count") == 3);
  CHECK(r.at("aws_nat_gateway").at("nat").at("subnet_id") ==
        "${aws_subnet.public[count.index].id}");
  CHECK(r.at("aws_nat_gateway").at("nat").at("allocation_id") ==
        "${aws_eip.nat_ip[count.index].id}");
  CHECK(r.at("aws_internet_gateway").at("internet").at("vpc_id") == "${aws_vpc.main.id}");

  CHECK(net.vpc_id().is_expr());
  check_schema_clean(app);
}

TEST_CASE(
    "public subnets route through the internet gateway, private ones through their zone's NAT, "
    "database ones nowhere") {
  App app{"net"};
  app.stack<NetworkStack>("network", {});
  const json r = module_json(app, "network").at("resource");

  const json& public_route = r.at("aws_route").at("public_to_internet");
  CHECK(public_route.at("route_table_id") == "${aws_route_table.public_routes.id}");
  CHECK(public_route.at("destination_cidr_block") == "0.0.0.0/0");
  CHECK(public_route.at("gateway_id") == "${aws_internet_gateway.internet.id}");

  const json& private_route = r.at("aws_route").at("private_to_nat");
  CHECK(private_route.at("count") == 3);
  CHECK(private_route.at("route_table_id") == "${aws_route_table.private_routes[count.index].id}");
  CHECK(private_route.at("nat_gateway_id") == "${aws_nat_gateway.nat[count.index].id}");
  CHECK(r.at("aws_route_table").at("private_routes").at("count") == 3);

  // No route of any kind into the database route table.
  CHECK(r.at("aws_route").size() == 2);
  CHECK(r.at("aws_route_table").at("database_routes").contains("route") == false);

  const json& assoc = r.at("aws_route_table_association");
  CHECK(assoc.at("public_routes_subnets").at("subnet_id") ==
        "${aws_subnet.public[count.index].id}");
  CHECK(assoc.at("private_routes_subnets").at("route_table_id") ==
        "${aws_route_table.private_routes[count.index].id}");
  CHECK(assoc.at("database_routes_subnets").at("route_table_id") ==
        "${aws_route_table.database_routes.id}");
  CHECK(assoc.at("database_routes_subnets").at("count") == 3);
  check_schema_clean(app);
}

TEST_CASE(
    "GIVEN zones and single_nat_gateway parameters THEN one module serves dev (1 NAT) and "
    "prod (one per zone)") {
  App app{"net"};
  auto zones = app.param<int>("az_count", {.description = "Zones.", .min = 1, .max = 6});
  auto single_nat = app.param<bool>("single_nat_gateway", {.description = "One NAT gateway."});
  app.stack<NetworkStack>("network", {.zones = zones, .single_nat_gateway = single_nat});
  const json r = module_json(app, "network").at("resource");

  CHECK(r.at("aws_nat_gateway").at("nat").at("count") ==
        "${var.single_nat_gateway ? 1 : var.az_count}");
  CHECK(r.at("aws_eip").at("nat_ip").at("count") == "${var.single_nat_gateway ? 1 : var.az_count}");
  CHECK(r.at("aws_route").at("private_to_nat").at("nat_gateway_id") ==
        "${aws_nat_gateway.nat[var.single_nat_gateway ? 0 : count.index].id}");
  CHECK(r.at("aws_subnet").at("public").at("count") == "${var.az_count}");
  CHECK(r.at("aws_subnet").at("private").at("count") == "${var.az_count}");
  // An RDS subnet group needs two zones even in a one-zone dev environment.
  CHECK(r.at("aws_subnet").at("database").at("count") == "${max(2, var.az_count)}");
  CHECK(r.at("aws_subnet").at("public").at("availability_zone") ==
        "${element(slice(data.aws_availability_zones.available.names, 0, var.az_count), "
        "count.index)}");

  const json variables = module_variables(app, "network").at("variable");
  CHECK(variables.contains("az_count"));
  CHECK(variables.contains("single_nat_gateway"));
  check_schema_clean(app);
}

TEST_CASE("a literal single NAT gateway serves every private route table") {
  App app{"net"};
  app.stack<NetworkStack>("network", {.zones = 1, .single_nat_gateway = true});
  const json r = module_json(app, "network").at("resource");
  CHECK(r.at("aws_nat_gateway").at("nat").at("count") == 1);
  CHECK(r.at("aws_route").at("private_to_nat").at("nat_gateway_id") ==
        "${aws_nat_gateway.nat[0].id}");
  CHECK(r.at("aws_subnet").at("private").at("count") == 1);
  CHECK(r.at("aws_subnet").at("database").at("count") == 2);
  check_schema_clean(app);
}

TEST_CASE("security groups are least privilege and use separate rule resources") {
  App app{"net"};
  app.stack<NetworkStack>("network", {.name = "detection-api", .app_port = 8080});
  const json r = module_json(app, "network").at("resource");

  for (const auto& [id, group] : r.at("aws_security_group").items()) {
    CAPTURE(id);
    CHECK_FALSE(group.contains("ingress"));
    CHECK_FALSE(group.contains("egress"));
    CHECK(group.at("vpc_id") == "${aws_vpc.main.id}");
  }
  CHECK(r.at("aws_security_group").at("alb_sg").at("name") == "detection-api-alb");

  // The load balancer takes 80/443 from the internet; the nodes only the app
  // port from the load balancer and anything from each other; PostgreSQL 5432
  // and Redis 6379 only from the nodes. Nothing else comes in.
  CHECK(sg_rules(r, "ingress") == std::set<Rule>{
                                      {kAlb, "tcp", 80, 80, "0.0.0.0/0"},
                                      {kAlb, "tcp", 443, 443, "0.0.0.0/0"},
                                      {kNodes, "tcp", 8080, 8080, kAlb},
                                      {kNodes, "-1", json(), json(), kNodes},
                                      {kPostgres, "tcp", 5432, 5432, kNodes},
                                      {kRedis, "tcp", 6379, 6379, kNodes},
                                  });
  // The load balancer reaches only the nodes; the data tiers start nothing.
  CHECK(sg_rules(r, "egress") == std::set<Rule>{
                                     {kAlb, "tcp", 8080, 8080, kNodes},
                                     {kNodes, "-1", json(), json(), kNodes},
                                     {kNodes, "tcp", 443, 443, "0.0.0.0/0"},
                                     {kNodes, "tcp", 5432, 5432, kPostgres},
                                     {kNodes, "tcp", 6379, 6379, kRedis},
                                 });
  // Adopting the default security group strips its allow-all rules.
  CHECK(r.at("aws_default_security_group").at("default_sg").at("vpc_id") == "${aws_vpc.main.id}");
  CHECK_FALSE(r.at("aws_default_security_group").at("default_sg").contains("ingress"));
  check_schema_clean(app);
}

TEST_CASE(
    "network ACLs allow return traffic on ephemeral ports 1024-65535 and keep the database "
    "tier inside the VPC") {
  App app{"net"};
  app.stack<NetworkStack>("network", {});
  const json r = module_json(app, "network").at("resource");
  const json& rules = r.at("aws_network_acl_rule");

  CHECK(r.at("aws_network_acl").at("public_acl").at("subnet_ids") == "${aws_subnet.public[*].id}");
  CHECK(r.at("aws_network_acl").at("private_acl").at("subnet_ids") ==
        "${aws_subnet.private[*].id}");
  CHECK(r.at("aws_network_acl").at("database_acl").at("subnet_ids") ==
        "${aws_subnet.database[*].id}");

  for (const char* id : {"public_acl_in_ephemeral", "private_acl_in_ephemeral"}) {
    CAPTURE(id);
    CHECK(rules.at(id).at("egress") == false);
    CHECK(rules.at(id).at("protocol") == "tcp");
    CHECK(rules.at(id).at("from_port") == 1024);
    CHECK(rules.at(id).at("to_port") == 65535);
    CHECK(rules.at(id).at("cidr_block") == "0.0.0.0/0");
  }
  CHECK(rules.at("public_acl_in_https").at("from_port") == 443);
  CHECK(rules.at("public_acl_in_http").at("from_port") == 80);

  // Every database rule is limited to the VPC (or the database subnets themselves).
  int database_rules = 0;
  for (const auto& [id, rule] : rules.items()) {
    if (rule.at("network_acl_id") != "${aws_network_acl.database_acl.id}") continue;
    CAPTURE(id);
    ++database_rules;
    CHECK(rule.at("rule_action") == "allow");
    CHECK(rule.at("protocol") == "tcp");
    CHECK(rule.at("cidr_block") != "0.0.0.0/0");
  }
  CHECK(database_rules == 4);
  CHECK(rules.at("database_acl_in_postgres").at("cidr_block") == "${aws_vpc.main.cidr_block}");
  CHECK(rules.at("database_acl_in_redis").at("from_port") == 6379);
  CHECK(rules.at("database_acl_in_ephemeral").at("count") == 3);
  CHECK(rules.at("database_acl_in_ephemeral").at("rule_number") == "${200 + count.index}");
  CHECK(rules.at("database_acl_in_ephemeral").at("cidr_block") ==
        "${aws_subnet.database[count.index].cidr_block}");
  check_schema_clean(app);
}

TEST_CASE(
    "VPC flow logs go to an encrypted log group with the given retention through a "
    "least-privilege role") {
  App app{"net"};
  auto retention = app.param<int>("log_retention_days", {.description = "Days."});
  app.stack<NetworkStack>(
      "network",
      {.name = "detection-api",
       .flow_log_retention_days = retention,
       .flow_log_kms_key_arn =
           "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab"});
  const json r = module_json(app, "network").at("resource");

  const json& group = r.at("aws_cloudwatch_log_group").at("flow_log_group");
  CHECK(group.at("name") == "/aws/vpc/detection-api/flow-logs");
  CHECK(group.at("retention_in_days") == "${var.log_retention_days}");
  CHECK(group.at("kms_key_id") ==
        "arn:aws:kms:us-east-1:111111111111:key/1234abcd-12ab-34cd-56ef-1234567890ab");

  const json& flow_log = r.at("aws_flow_log").at("flow_log");
  CHECK(flow_log.at("vpc_id") == "${aws_vpc.main.id}");
  CHECK(flow_log.at("traffic_type") == "ALL");
  CHECK(flow_log.at("log_destination_type") == "cloud-watch-logs");
  CHECK(flow_log.at("log_destination") == "${aws_cloudwatch_log_group.flow_log_group.arn}");
  CHECK(flow_log.at("iam_role_arn") == "${aws_iam_role.flow_log_role.arn}");

  const std::string trust = r.at("aws_iam_role").at("flow_log_role").at("assume_role_policy");
  CHECK(trust.find("vpc-flow-logs.amazonaws.com") != std::string::npos);
  CHECK(trust.find("aws:SourceAccount") != std::string::npos);
  const std::string policy = r.at("aws_iam_role_policy").at("flow_log_role").at("policy");
  CHECK(policy.find("\"Resource\" = [aws_cloudwatch_log_group.flow_log_group.arn, "
                    "\"${aws_cloudwatch_log_group.flow_log_group.arn}:*\"]") != std::string::npos);
  CHECK(policy.find("logs:*") == std::string::npos);
  check_schema_clean(app);
}

TEST_CASE("without a KMS key the flow log group uses CloudWatch Logs' own encryption") {
  App app{"net"};
  app.stack<NetworkStack>("network", {});
  const json r = module_json(app, "network").at("resource");
  CHECK_FALSE(r.at("aws_cloudwatch_log_group").at("flow_log_group").contains("kms_key_id"));
  CHECK(r.at("aws_cloudwatch_log_group").at("flow_log_group").at("retention_in_days") == 30);
}

TEST_CASE("the S3 gateway endpoint is attached to the private route tables") {
  App app{"net"};
  app.stack<NetworkStack>("network", {});
  const json doc = module_json(app, "network");
  const json& endpoint = doc.at("resource").at("aws_vpc_endpoint").at("s3");
  CHECK(endpoint.at("vpc_endpoint_type") == "Gateway");
  CHECK(endpoint.at("route_table_ids") == "${aws_route_table.private_routes[*].id}");
  CHECK(endpoint.at("service_name") == "${data.aws_vpc_endpoint_service.s3_service.service_name}");
  CHECK(doc.at("data").at("aws_vpc_endpoint_service").at("s3_service").at("service") == "s3");
}

TEST_CASE("every taggable resource has a Name tag") {
  App app{"net"};
  app.stack<NetworkStack>("network", {.name = "detection-api"});
  const json r = module_json(app, "network").at("resource");
  const std::set<std::string> untaggable = {"aws_network_acl_rule", "aws_route",
                                            "aws_route_table_association", "aws_iam_role_policy"};
  for (const auto& [type, resources] : r.items()) {
    if (untaggable.count(type) != 0) continue;
    for (const auto& [name, body] : resources.items()) {
      CAPTURE(type + "." + name);
      REQUIRE(body.contains("tags"));
      CHECK(body.at("tags").at("Name").get<std::string>().rfind("detection-api", 0) == 0);
    }
  }
}

TEST_CASE("explicit subnet CIDR blocks are used as given") {
  App app{"net"};
  app.stack<NetworkStack>("network", {.cidr = "10.20.0.0/16",
                                      .zones = 2,
                                      .public_subnet_cidrs = {"10.20.0.0/24", "10.20.1.0/24"},
                                      .private_subnet_cidrs = {"10.20.16.0/20", "10.20.32.0/20"},
                                      .database_subnet_cidrs = {"10.20.2.0/26", "10.20.2.64/26"}});
  const json r = module_json(app, "network").at("resource");
  CHECK(r.at("aws_vpc").at("main").at("cidr_block") == "10.20.0.0/16");
  CHECK(r.at("aws_subnet").at("public").at("cidr_block") ==
        "${element([\"10.20.0.0/24\", \"10.20.1.0/24\"], count.index)}");
  CHECK(r.at("aws_subnet").at("private").at("cidr_block") ==
        "${element([\"10.20.16.0/20\", \"10.20.32.0/20\"], count.index)}");
  CHECK(r.at("aws_subnet").at("database").at("count") == 2);
  CHECK(plan_problems(app).empty());
  check_schema_clean(app);
}

TEST_CASE(
    "GIVEN explicit CIDR blocks and a zones parameter THEN a too short list fails the plan "
    "rather than reusing a block") {
  App app{"net"};
  auto zones = app.param<int>("az_count", {.description = "Zones.", .min = 1, .max = 6});
  app.stack<NetworkStack>("network", {.zones = zones, .public_subnet_cidrs = {"10.0.50.0/24"}});
  const json r = module_json(app, "network").at("resource");
  CHECK(r.at("aws_subnet").at("public").at("cidr_block") ==
        "${element(slice([\"10.0.50.0/24\"], 0, var.az_count), count.index)}");
  CHECK(plan_problems(app).empty());
}

TEST_CASE(
    "the outputs match the accessors, and other stacks read them through the declared names") {
  App app{"net"};
  auto& net = app.stack<NetworkStack>("network", {});
  const json outputs = module_outputs(app, "network").at("output");
  const std::vector<std::pair<std::string, Value>> expected = {
      {"vpc_id", net.vpc_id()},
      {"vpc_cidr_block", net.vpc_cidr_block()},
      {"public_subnet_ids", net.public_subnet_ids()},
      {"private_subnet_ids", net.private_subnet_ids()},
      {"database_subnet_ids", net.database_subnet_ids()},
      {"private_route_table_ids", net.private_route_table_ids()},
      {"nat_public_ips", net.nat_public_ips()},
      {"alb_security_group_id", net.alb_security_group_id()},
      {"node_security_group_id", net.node_security_group_id()},
      {"database_security_group_id", net.database_security_group_id()},
      {"redis_security_group_id", net.redis_security_group_id()},
  };
  // Plus what each environment's plan test asserts.
  CHECK(outputs.at("zone_count").at("value") == "${length(aws_subnet.private[*].id)}");
  CHECK(outputs.at("database_subnet_count").at("value") == "${length(aws_subnet.database[*].id)}");
  CHECK(outputs.at("nat_gateway_count").at("value") == "${length(aws_nat_gateway.nat[*].id)}");
  CHECK(outputs.size() == expected.size() + 3);
  for (const auto& [name, value] : expected) {
    CAPTURE(name);
    REQUIRE(outputs.contains(name));
    CHECK_FALSE(outputs.at(name).at("description").get<std::string>().empty());
    CHECK(value.is_expr());
  }
  CHECK(outputs.at("private_subnet_ids").at("value") == "${aws_subnet.private[*].id}");
  CHECK(outputs.at("database_security_group_id").at("value") ==
        "${aws_security_group.database_sg.id}");

  auto& data = app.stack("data");
  data.resource("aws_db_subnet_group", "postgres")
      .set("subnet_ids", net.database_subnet_ids())
      .set("tags", Value::map({{"Name", "postgres"}}));
  const json variables = module_variables(app, "data").at("variable");
  CHECK(variables.contains("network_database_subnet_ids"));
  CHECK(module_json(app, "data")
            .at("resource")
            .at("aws_db_subnet_group")
            .at("postgres")
            .at("subnet_ids") == "${var.network_database_subnet_ids}");
  check_schema_clean(app);
}

TEST_CASE("a VPC cidr that is not a /16 to /24 IPv4 block is refused, naming the prop and value") {
  const std::string expected =
      "cidr must be an IPv4 CIDR block with a prefix from /16 to /24 (e.g. "
      "\"10.0.0.0/16\"), got ";
  CHECK(problems_of({.cidr = "10.0.0.0/8"}) ==
        std::vector<std::string>{expected + "\"10.0.0.0/8\""});
  CHECK(problems_of({.cidr = "10.0.0.0/25"}) ==
        std::vector<std::string>{expected + "\"10.0.0.0/25\""});
  CHECK(problems_of({.cidr = "10.0.300.0/16"}) ==
        std::vector<std::string>{expected + "\"10.0.300.0/16\""});
  CHECK(problems_of({.cidr = "vpc"}) == std::vector<std::string>{expected + "\"vpc\""});
  CHECK(problems_of({.cidr = 16}) == std::vector<std::string>{expected + "a number"});
  CHECK(problems_of({.cidr = "10.0.1.0/16"}) ==
        std::vector<std::string>{
            "cidr \"10.0.1.0/16\" has host bits set; the network address is \"10.0.0.0/16\""});
}

TEST_CASE("a VPC too small for the computed subnets asks for explicit ones") {
  CHECK(problems_of({.cidr = "10.0.0.0/22"}) ==
        std::vector<std::string>{
            "cidr \"10.0.0.0/22\" is too small for the computed subnets (/30 each, AWS's smallest "
            "is /28); use a /16 to /20 VPC or give the subnet CIDR blocks explicitly"});
  CHECK(problems_of({.cidr = "10.0.0.0/24",
                     .zones = 2,
                     .public_subnet_cidrs = {"10.0.0.0/28", "10.0.0.16/28"},
                     .private_subnet_cidrs = {"10.0.0.64/27", "10.0.0.96/27"},
                     .database_subnet_cidrs = {"10.0.0.128/28", "10.0.0.144/28"}})
            .empty());
}

TEST_CASE("zones outside 1 to 6 are refused") {
  CHECK(problems_of({.zones = 0}) ==
        std::vector<std::string>{"zones must be between 1 and 6, got 0"});
  CHECK(problems_of({.zones = 7}) ==
        std::vector<std::string>{"zones must be between 1 and 6, got 7"});
  CHECK(problems_of({.zones = "3"}) ==
        std::vector<std::string>{
            "zones must be a whole number from 1 to 6 or a parameter, got a string"});
}

TEST_CASE("explicit subnet CIDR blocks outside the VPC, overlapping or too few are refused") {
  SUBCASE("outside the VPC") {
    CHECK(
        problems_of({.zones = 1, .public_subnet_cidrs = {"10.1.101.0/24"}}) ==
        std::vector<std::string>{
            "public_subnet_cidrs[0] \"10.1.101.0/24\" is not inside the VPC cidr \"10.0.0.0/16\""});
  }
  SUBCASE("overlapping another explicit block") {
    CHECK(problems_of({.zones = 1,
                       .public_subnet_cidrs = {"10.0.64.0/24"},
                       .private_subnet_cidrs = {"10.0.64.0/20"}}) ==
          std::vector<std::string>{"public_subnet_cidrs[0] \"10.0.64.0/24\" overlaps "
                                   "private_subnet_cidrs[0] \"10.0.64.0/20\""});
  }
  SUBCASE("overlapping a computed block") {
    CHECK(problems_of({.zones = 2, .public_subnet_cidrs = {"10.0.1.0/24", "10.0.50.0/24"}}) ==
          std::vector<std::string>{
              "public_subnet_cidrs[0] \"10.0.1.0/24\" overlaps the computed private subnet 0 "
              "\"10.0.1.0/24\""});
  }
  SUBCASE("not a CIDR block") {
    CHECK(problems_of({.zones = 1, .private_subnet_cidrs = {"10.0.1.0"}}) ==
          std::vector<std::string>{"private_subnet_cidrs[0] must be an IPv4 CIDR block with a "
                                   "prefix from /16 to /28, got \"10.0.1.0\""});
  }
  SUBCASE("fewer than the zones") {
    CHECK(problems_of({.zones = 3, .private_subnet_cidrs = {"10.0.1.0/24", "10.0.2.0/24"}}) ==
          std::vector<std::string>{
              "private_subnet_cidrs has 2 CIDR blocks but 3 are needed (one per zone)"});
    CHECK(problems_of({.zones = 1, .database_subnet_cidrs = {"10.0.201.0/24"}}) ==
          std::vector<std::string>{"database_subnet_cidrs has 1 CIDR block but 2 are needed (one "
                                   "per zone, at least 2 for an RDS subnet group)"});
  }
}

TEST_CASE("GIVEN a cidr parameter THEN only the checks that need no VPC block run") {
  App app{"net"};
  auto cidr = app.param<std::string>(
      "vpc_cidr", {.description = "VPC block.", .pattern = R"(\d+\.\d+\.\d+\.\d+/(1[6-9]|20))"});
  SUBCASE("blocks that may lie outside the VPC are left to the plan") {
    app.stack<NetworkStack>("network",
                            {.cidr = cidr, .zones = 1, .private_subnet_cidrs = {"10.9.0.0/24"}});
    CHECK(plan_problems(app).empty());
    CHECK(module_json(app, "network").at("resource").at("aws_vpc").at("main").at("cidr_block") ==
          "${var.vpc_cidr}");
    check_schema_clean(app);
  }
  SUBCASE("overlapping blocks are still refused") {
    app.stack<NetworkStack>(
        "network",
        {.cidr = cidr, .zones = 2, .public_subnet_cidrs = {"10.9.0.0/24", "10.9.0.128/25"}});
    CHECK(plan_problems(app) == std::vector<std::string>{"public_subnet_cidrs[0] \"10.9.0.0/24\" "
                                                         "overlaps public_subnet_cidrs[1] "
                                                         "\"10.9.0.128/25\""});
  }
}

TEST_CASE("other invalid literal props are refused with what is allowed") {
  CHECK(problems_of({.name = "Detection API"}) ==
        std::vector<std::string>{"name must be 1 to 32 lowercase letters, digits and hyphens, "
                                 "starting with a letter, got \"Detection API\""});
  CHECK(problems_of({.single_nat_gateway = "yes"}) ==
        std::vector<std::string>{"single_nat_gateway must be a bool or a parameter, got a string"});
  CHECK(problems_of({.app_port = 70000}) ==
        std::vector<std::string>{"app_port must be a port from 1 to 65535, got 70000"});
  CHECK(problems_of({.flow_log_retention_days = 10}) ==
        std::vector<std::string>{
            "flow_log_retention_days must be one of the retention periods CloudWatch Logs accepts "
            "(1, 3, 5, 7, 14, "
            "30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, "
            "3653), got 10"});
  CHECK(problems_of({.flow_log_kms_key_arn = "alias/logs"}) ==
        std::vector<std::string>{"flow_log_kms_key_arn must be a KMS key ARN "
                                 "(arn:<partition>:kms:<region>:<account>:key/<id>), got "
                                 "\"alias/logs\""});
}
