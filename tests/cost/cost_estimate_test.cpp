// The monthly estimate: each resource kind priced from the bundled table
// with exact figures, the assumptions and their overrides, budgets, missing
// prices, and the environment file's `cost:` section.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "cost/estimate.h"
#include "environments/environment.h"

using namespace keelson;
using namespace keelson::cost;
using nlohmann::json;

namespace {

policy::ResourceView view(const std::string& type, const std::string& address, json after,
                          std::size_t instances = 1) {
  policy::ResourceView v;
  v.type = type;
  v.address = address;
  v.after = std::move(after);
  v.instances = instances;
  return v;
}

Environment environment(const std::string& region = "us-east-1") {
  Environment env;
  env.name = "dev";
  env.file = "environments/dev.yaml";
  env.region = region;
  return env;
}

// The one line of an estimate of `views`.
CostLine line_of(const std::vector<policy::ResourceView>& views, const Environment& env,
                 const std::string& address) {
  const auto e = estimate(views, env, PriceTable::bundled());
  for (const auto& l : e.lines)
    if (l.address == address) return l;
  FAIL("no line for " << address);
  return {};
}

CostLine line_of(const policy::ResourceView& v, const Environment& env = environment()) {
  return line_of({v}, env, v.address);
}

}  // namespace

TEST_SUITE("cost") {
  TEST_CASE("the bundled pricing table states its source and date and covers the examples") {
    const auto& table = PriceTable::bundled();
    CHECK(table.source().find("aws.amazon.com") != std::string::npos);
    CHECK(table.as_of() == "2026-11-29");
    CHECK(table.hours_per_month() == 730);
    CHECK(table.has_region("us-east-1"));
    CHECK(table.has_region("us-west-2"));
    CHECK(table.price("us-east-1", "eks/cluster-hour") == 0.10);
    CHECK(table.verified("eks/cluster-hour"));
    CHECK_FALSE(table.verified("ec2/c5a.xlarge"));
  }

  TEST_CASE("EC2 instances, groups and node groups: instance hours and node volumes") {
    CHECK(line_of(
              view("aws_instance", "module.app.aws_instance.web", {{"instance_type", "t3.medium"}}))
              .cents == 3037);  // 730 h × $0.0416
    auto tmpl = view(
        "aws_launch_template", "module.app.aws_launch_template.nodes",
        {{"instance_type", "t3.small"},
         {"block_device_mappings",
          {{"device_name", "/dev/xvda"}, {"ebs", {{"volume_size", 20}, {"volume_type", "gp3"}}}}}});
    auto asg = view("aws_autoscaling_group", "module.app.aws_autoscaling_group.web",
                    {{"desired_capacity", 2}, {"launch_template", {{"id", "x"}}}});
    asg.references["launch_template"] = {"aws_launch_template.nodes"};
    // 2 × 730 h × $0.0208 = $30.37, 40 GB gp3 × $0.08 = $3.20
    const auto group = line_of({tmpl, asg}, environment(), asg.address);
    CHECK(group.cents == 3037 + 320);
    CHECK(group.basis ==
          "2 × t3.small × 730 h × $0.0208/h + 40 GB gp3 (node volumes) × $0.08/GB-month");

    auto nodes = view("aws_eks_node_group", "module.compute.aws_eks_node_group.on_demand",
                      {{"instance_types", {"t3.large"}},
                       {"capacity_type", "ON_DEMAND"},
                       {"scaling_config", {{"desired_size", 3}, {"min_size", 1}}}});
    // 3 × 730 h × $0.0832 = $182.21; no template: 3 × 20 GB gp2 × $0.10 = $6.00
    CHECK(line_of(nodes).cents == 18221 + 600);

    auto spot = view("aws_eks_node_group", "module.compute.aws_eks_node_group.spot",
                     {{"instance_types", {"c5.xlarge", "c5a.xlarge"}},
                      {"capacity_type", "SPOT"},
                      {"scaling_config", {{"desired_size", 1}}},
                      {"disk_size", 50}});
    const auto spot_line = line_of(spot);
    // 730 h × $0.17 × 0.3 = $37.23; 50 GB gp2 = $5.00
    CHECK(spot_line.cents == 3723 + 500);
    CHECK(spot_line.assumptions == std::vector<std::string>{"spot_price_ratio"});
  }

  TEST_CASE("EKS, RDS single-AZ and Multi-AZ, ElastiCache") {
    CHECK(line_of(view("aws_eks_cluster", "module.compute.aws_eks_cluster.cluster", json::object()))
              .cents == 7300);
    // db.t4g.micro 730 h × $0.016 = $11.68; 20 GB gp3 × $0.115 = $2.30
    CHECK(line_of(view("aws_db_instance", "module.database.aws_db_instance.postgres",
                       {{"instance_class", "db.t4g.micro"},
                        {"allocated_storage", 20},
                        {"storage_type", "gp3"}}))
              .cents == 1168 + 230);
    // Multi-AZ: 730 h × $0.45 = $328.50; 100 GB × $0.23 = $23.00
    const auto multi = line_of(view("aws_db_instance", "module.database.aws_db_instance.postgres",
                                    {{"instance_class", "db.r6g.large"},
                                     {"multi_az", true},
                                     {"allocated_storage", 100},
                                     {"storage_type", "gp3"}}));
    CHECK(multi.cents == 32850 + 2300);
    CHECK(multi.basis ==
          "1 × db.r6g.large Multi-AZ × 730 h × $0.45/h + 100 GB gp3 Multi-AZ × $0.23/GB-month");
    // Two nodes: 2 × 730 h × $0.032
    CHECK(line_of(view("aws_elasticache_replication_group",
                       "module.database.aws_elasticache_replication_group.redis",
                       {{"node_type", "cache.t4g.small"}, {"num_cache_clusters", 2}}))
              .cents == 4672);
    CHECK(line_of(view("aws_elasticache_cluster", "module.database.aws_elasticache_cluster.c",
                       {{"node_type", "cache.t4g.micro"}, {"num_cache_nodes", 1}}))
              .cents == 1168);
  }

  TEST_CASE("networking, storage, logs, keys and alarms") {
    // 2 × 730 h × $0.045 = $65.70; 2 × 100 GB × $0.045 = $9.00
    const auto nat =
        line_of(view("aws_nat_gateway", "module.network.aws_nat_gateway.nat", json::object(), 2));
    CHECK(nat.cents == 6570 + 900);
    CHECK(nat.assumptions == std::vector<std::string>{"nat_data_gb"});
    CHECK(line_of(view("aws_eip", "module.network.aws_eip.nat", {{"domain", "vpc"}}, 2)).cents ==
          730);  // 2 × 730 h × $0.005
    // 730 h × $0.0225 = $16.43 (rounded); 1 LCU × 730 h × $0.008 = $5.84
    CHECK(line_of(
              view("aws_lb", "module.compute.aws_lb.alb", {{"load_balancer_type", "application"}}))
              .cents == 1643 + 584);
    CHECK(line_of(view("aws_lb", "module.compute.aws_lb.nlb", {{"load_balancer_type", "network"}}))
              .kind == CostLine::Kind::kUnpriced);
    CHECK(line_of(view("aws_ebs_volume", "aws_ebs_volume.data", {{"size", 100}, {"type", "gp2"}}))
              .cents == 1000);
    CHECK(
        line_of(view("aws_s3_bucket", "module.storage.aws_s3_bucket.data", json::object())).cents ==
        23);  // 10 GB × $0.023
    // 1 GB ingested × $0.50; 30 days kept: 1 GB stored × $0.03
    CHECK(line_of(view("aws_cloudwatch_log_group", "module.monitoring.aws_cloudwatch_log_group.app",
                       {{"retention_in_days", 30}}))
              .cents == 53);
    // Never expires: 12 months kept, 12 GB × $0.03 = $0.36
    CHECK(line_of(view("aws_cloudwatch_log_group", "module.monitoring.aws_cloudwatch_log_group.app",
                       json::object()))
              .cents == 86);
    CHECK(
        line_of(view("aws_kms_key", "module.storage.aws_kms_key.data", json::object(), 3)).cents ==
        300);
    CHECK(line_of(view("aws_cloudwatch_metric_alarm",
                       "module.monitoring.aws_cloudwatch_metric_alarm.cpu", json::object()))
              .cents == 10);
    CHECK(line_of(view("aws_cloudwatch_dashboard",
                       "module.monitoring.aws_cloudwatch_dashboard.main", json::object()))
              .cents == 300);
    CHECK(line_of(view("aws_secretsmanager_secret", "module.app.aws_secretsmanager_secret.db",
                       json::object()))
              .cents == 40);
    CHECK(line_of(view("aws_vpc_endpoint", "module.network.aws_vpc_endpoint.s3",
                       {{"vpc_endpoint_type", "Gateway"}}))
              .kind == CostLine::Kind::kFree);
    // An interface endpoint in 3 subnets: 3 × 730 h × $0.01
    CHECK(line_of(view("aws_vpc_endpoint", "module.network.aws_vpc_endpoint.ecr",
                       {{"vpc_endpoint_type", "Interface"}, {"subnet_ids", {"a", "b", "c"}}}))
              .cents == 2190);
  }

  TEST_CASE("serverless: Lambda requests and GB-seconds, HTTP API requests, replication") {
    // 1M requests × $0.20; 1M × 0.2 s × 1 GB = 200,000 GB-s × $0.0000166667 = $3.33
    const auto api = line_of(view("aws_lambda_function", "module.compute.aws_lambda_function.api",
                                  {{"memory_size", 1024}}));
    CHECK(api.cents == 20 + 333);
    CHECK(api.basis ==
          "1 × 1M requests × $0.2/M + 1 × 200000 GB-s (1024 MB × 200 ms) × $0.0000166667/GB-s");
    CHECK(api.assumptions ==
          std::vector<std::string>{"lambda_requests_millions", "lambda_duration_ms"});
    // arm64 at $0.0000133334: 200,000 GB-s = $2.67
    CHECK(line_of(view("aws_lambda_function", "module.compute.aws_lambda_function.arm",
                       {{"memory_size", 1024}, {"architectures", {"arm64"}}}))
              .cents == 20 + 267);
    // Without memory_size, Lambda's default of 128 MB: 25,000 GB-s = $0.42
    CHECK(line_of(view("aws_lambda_function", "module.compute.aws_lambda_function.small",
                       json::object()))
              .cents == 20 + 42);
    CHECK(line_of(view("aws_apigatewayv2_api", "module.compute.aws_apigatewayv2_api.http",
                       {{"protocol_type", "HTTP"}}))
              .cents == 100);
    CHECK(line_of(view("aws_apigatewayv2_api", "module.compute.aws_apigatewayv2_api.ws",
                       {{"protocol_type", "WEBSOCKET"}}))
              .basis == "no price model for WEBSOCKET APIs");
    // Two rules × 10 GB × $0.02
    CHECK(line_of(view("aws_s3_bucket_replication_configuration",
                       "module.storage.aws_s3_bucket_replication_configuration.data",
                       {{"rule", {{{"id", "a"}}, {{"id", "b"}}}}}))
              .cents == 40);
    CHECK(line_of(view("aws_lambda_alias", "module.compute.aws_lambda_alias.live", json::object()))
              .kind == CostLine::Kind::kFree);
  }

  TEST_CASE("free, unknown and unpriceable resources are listed, never dropped") {
    const auto subnet = line_of(view("aws_subnet", "module.network.aws_subnet.a", json::object()));
    CHECK(subnet.kind == CostLine::Kind::kFree);
    const auto odd = line_of(
        view("aws_config_config_rule", "module.x.aws_config_config_rule.r", json::object()));
    CHECK(odd.kind == CostLine::Kind::kUnpriced);
    CHECK(odd.basis == "no price model for this type");
    const auto unknown_type = line_of(
        view("aws_instance", "module.app.aws_instance.big", {{"instance_type", "x9.huge"}}));
    CHECK(unknown_type.kind == CostLine::Kind::kUnpriced);
    CHECK(unknown_type.basis == "no price for ec2/x9.huge in us-east-1 in the pricing table");
    auto later = view("aws_db_instance", "module.database.aws_db_instance.db", json::object());
    later.after_unknown["instance_class"] = true;
    CHECK(line_of(later).basis == "instance_class unknown before apply");
    auto uncounted = view("aws_nat_gateway", "module.network.aws_nat_gateway.nat", json::object());
    uncounted.instances = std::nullopt;
    CHECK(line_of(uncounted).basis == "count unknown before apply");
    // A resource this environment does not create is no line at all.
    const auto e = estimate({view("aws_eks_cluster", "aws_eks_cluster.c", json::object(), 0)},
                            environment(), PriceTable::bundled());
    CHECK(e.lines.empty());
  }

  TEST_CASE("breakdowns by stack and by CostCenter") {
    auto cluster = view("aws_eks_cluster", "module.compute.aws_eks_cluster.cluster",
                        {{"tags_all", {{"CostCenter", "platform"}}}});
    auto nat = view("aws_nat_gateway", "module.network.aws_nat_gateway.nat", json::object());
    const auto e = estimate({cluster, nat}, environment(), PriceTable::bundled());
    CHECK(e.by_stack() == std::map<std::string, long long>{{"compute", 7300}, {"network", 3735}});
    CHECK(e.by_cost_center() ==
          std::map<std::string, long long>{{"(untagged)", 3735}, {"platform", 7300}});
    CHECK(e.total_cents() == 11035);
  }

  TEST_CASE("assumptions: defaults, overrides from the environment, all reported") {
    Environment env = environment();
    env.cost.assumptions["nat_data_gb"] = 1000;
    const auto e = estimate({view("aws_nat_gateway", "aws_nat_gateway.nat", json::object())}, env,
                            PriceTable::bundled());
    CHECK(e.total_cents() == 3285 + 4500);  // 1000 GB × $0.045
    REQUIRE(e.assumptions.size() == cost_assumptions().size());
    for (const auto& a : e.assumptions) {
      CHECK(a.from_environment == (a.name == "nat_data_gb"));
      if (a.name == "nat_data_gb") CHECK(a.value == 1000);
      if (a.name == "s3_stored_gb") CHECK(a.value == 10);
    }
  }

  TEST_CASE("the budget: over and under") {
    Environment env = environment();
    const std::vector<policy::ResourceView> views = {
        view("aws_eks_cluster", "aws_eks_cluster.c", json::object())};
    CHECK_FALSE(estimate(views, env, PriceTable::bundled()).over_budget());  // no budget
    env.cost.budget = 73;
    CHECK_FALSE(estimate(views, env, PriceTable::bundled()).over_budget());  // exactly at it
    env.cost.budget = 72.99;
    CHECK(estimate(views, env, PriceTable::bundled()).over_budget());
  }

  TEST_CASE("a region without prices is a clear error") {
    try {
      estimate({}, environment("eu-central-1"), PriceTable::bundled());
      FAIL("no error");
    } catch (const Error& e) {
      const std::string what = e.what();
      CHECK(what.find("K2087") != std::string::npos);
      CHECK(what.find("environments/dev.yaml") != std::string::npos);
      CHECK(what.find("no prices for region eu-central-1 (it has us-east-1, us-west-2)") !=
            std::string::npos);
    }
  }

  TEST_CASE("a malformed pricing table is a clear error") {
    CHECK_THROWS_WITH(PriceTable::parse("[1]", "prices.json"),
                      doctest::Contains("pricing table prices.json: expected an object"));
    CHECK_THROWS_WITH(
        PriceTable::parse(
            R"({"source": "x", "as_of": "2026-01-01", "regions": {"us-east-1": {"ec2/t3.micro": "cheap"}}})",
            "prices.json"),
        doctest::Contains("regions.us-east-1.ec2/t3.micro must be a non-negative number"));
    CHECK_THROWS_WITH(PriceTable::parse(R"({"as_of": "2026-01-01", "regions": {}})", "p.json"),
                      doctest::Contains("\"source\" must be a non-empty string"));
  }
}

TEST_SUITE("cost section of environment files") {
  const std::string kBase =
      "region: us-east-1\naccount: \"123456789012\"\n"
      "backend: {bucket: test-terraform-state, use_lockfile: true}\n";

  TEST_CASE("budget and assumptions are read") {
    const auto env = parse_environment(
        kBase + "cost:\n  budget: 400\n  assumptions:\n    nat_data_gb: 250\n    alb_lcu: 0.5\n",
        "dev.yaml", "dev");
    REQUIRE(env.cost.budget);
    CHECK(*env.cost.budget == 400);
    CHECK(env.cost.budget_where.line == 5);
    CHECK(env.cost.assumption("nat_data_gb") == 250);
    CHECK(env.cost.assumption("alb_lcu") == 0.5);
    CHECK(env.cost.assumption("s3_stored_gb") == 10);
    CHECK(env.cost.assumptions_where.at("nat_data_gb").line == 7);
  }

  TEST_CASE("an unknown key is an error at its line, with a suggestion") {
    CHECK_THROWS_WITH(
        parse_environment(kBase + "cost:\n  budjet: 400\n", "dev.yaml", "dev"),
        doctest::Contains("dev.yaml:5:3: error: unknown key \"budjet\" in cost (K2003)"));
    CHECK_THROWS_WITH(
        parse_environment(kBase + "cost:\n  assumptions:\n    nat_gb: 3\n", "dev.yaml", "dev"),
        doctest::Contains(
            "dev.yaml:6:5: error: unknown key \"nat_gb\" in cost.assumptions (K2003)"));
  }

  TEST_CASE("a budget or assumption that is not a number is an error") {
    CHECK_THROWS_WITH(
        parse_environment(kBase + "cost:\n  budget: lots\n", "dev.yaml", "dev"),
        doctest::Contains(
            "dev.yaml:5:11: error: cost.budget: expected a positive number, got \"lots\" (K2085)"));
    CHECK_THROWS_WITH(parse_environment(kBase + "cost:\n  budget: 0\n", "dev.yaml", "dev"),
                      doctest::Contains("expected a positive number, got \"0\" (K2085)"));
    CHECK_THROWS_WITH(parse_environment(kBase + "cost:\n  budget: \"400\"\n", "dev.yaml", "dev"),
                      doctest::Contains("a quoted value is a string"));
    CHECK_THROWS_WITH(
        parse_environment(kBase + "cost:\n  assumptions:\n    nat_data_gb: -1\n", "dev.yaml",
                          "dev"),
        doctest::Contains(
            "cost.assumptions.nat_data_gb: expected a non-negative number, got \"-1\""));
    CHECK_THROWS_WITH(parse_environment(kBase + "cost: [1]\n", "dev.yaml", "dev"),
                      doctest::Contains("cost: expected a map, got a list"));
  }
}
