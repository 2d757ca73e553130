// The reliability, cost and governance packs: each rule fires on what breaks
// it and not on what keeps it, in the environments it is meant for.
#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "policy/instance_types.h"
#include "policy/plan_views.h"
#include "policy/policy_test_support.h"

using namespace keelson;
using namespace keelson::policy;
using keelson::policy::testing::Ids;
using keelson::policy::testing::view;
using nlohmann::json;

namespace {

// The rules of these packs that `views` break (the security pack's are
// tested apart).
Ids fired_by(const std::vector<ResourceView>& views, std::string_view environment = "dev",
             const PolicySettings& settings = {}) {
  return testing::filtered(testing::fired_by(views, environment, settings), security_rules(),
                           false);
}

Ids fired(const ResourceView& v, std::string_view environment = "dev",
          const PolicySettings& settings = {}) {
  return fired_by({v}, environment, settings);
}

ResourceView subnet(std::string name, json zone) {
  ResourceView v =
      view("aws_subnet", zone.is_null() ? json::object() : json{{"availability_zone", zone}},
           zone.is_null() ? json{{"availability_zone", true}} : json::object());
  v.address = "aws_subnet." + name;
  return v;
}

PolicySettings with(void (*set)(PolicySettings&)) {
  PolicySettings settings;
  set(settings);
  return settings;
}

}  // namespace

TEST_CASE("KSL-NET-001: production subnets span two zones, when their zones are known") {
  const auto a = subnet("a", "us-east-1a"), b = subnet("b", "us-east-1b");
  const auto a2 = subnet("a2", "us-east-1a"), later = subnet("later", json());
  CHECK(fired_by({a, b}, "prod").empty());
  CHECK(fired_by({a, a2}, "prod") == Ids{"KSL-NET-001", "KSL-NET-001"});
  CHECK(fired_by({a}, "production") == Ids{"KSL-NET-001"});
  // One zone outside prod is a choice; a zone unknown before apply says nothing.
  CHECK(fired_by({a, a2}, "dev").empty());
  CHECK(fired_by({a, later}, "prod").empty());
  const auto findings = check({a, a2}, builtin_rules(), {"prod", {}}).findings;
  CHECK(findings[0].message == "every subnet is in us-east-1a");
  CHECK(findings[0].severity == Severity::kError);
}

TEST_CASE("KSL-EKS-050: production node groups span two subnets") {
  const json both = {{"capacity_type", "SPOT"}, {"subnet_ids", {"subnet-1", "subnet-2"}}};
  CHECK(fired(view("aws_eks_node_group", both), "prod").empty());
  CHECK(fired(view("aws_eks_node_group", {{"subnet_ids", {"subnet-1", "subnet-1"}}}), "prod") ==
        Ids{"KSL-EKS-050"});
  CHECK(fired(view("aws_eks_node_group", {{"subnet_ids", {"subnet-1"}}}), "prod") ==
        Ids{"KSL-EKS-050"});
  // Two subnets whose ids are not known yet are still two; an unknown list
  // says nothing, nor does one subnet outside prod (but spot is suggested).
  CHECK(fired(view("aws_eks_node_group", {{"subnet_ids", {nullptr, nullptr}}},
                   {{"subnet_ids", {true, true}}}),
              "prod")
            .empty());
  CHECK(fired(view("aws_eks_node_group", json::object(), {{"subnet_ids", true}}), "prod").empty());
  CHECK(fired(view("aws_eks_node_group", {{"capacity_type", "SPOT"}, {"subnet_ids", {"s-1"}}}))
            .empty());
}

TEST_CASE("KSL-LB-001: target groups check their targets' health") {
  const json checked = {{"health_check", {{{"enabled", true}, {"path", "/health"}}}}};
  CHECK(fired(view("aws_lb_target_group", checked)).empty());
  // Absent: AWS checks instance and ip targets by default.
  CHECK(fired(view("aws_lb_target_group", {{"target_type", "ip"}})).empty());
  CHECK(fired(view("aws_lb_target_group", {{"health_check", {{{"enabled", false}}}}})) ==
        Ids{"KSL-LB-001"});
  CHECK(fired(view("aws_lb_target_group", {{"target_type", "lambda"}})) == Ids{"KSL-LB-001"});
  json lambda = checked;
  lambda["target_type"] = "lambda";
  CHECK(fired(view("aws_lb_target_group", lambda)).empty());
  CHECK(fired(view("aws_lb_target_group", {{"health_check", {json::object()}}},
                   {{"health_check", {{{"enabled", true}}}}}))
            .empty());
}

TEST_CASE("KSL-COST-001: a CostCenter tag, said once when the environment requires it") {
  CHECK(fired(view("aws_vpc", {{"tags_all", {{"CostCenter", "shop"}}}})).empty());
  CHECK(fired(view("aws_vpc", {{"tags_all", {{"Owner", "me"}}}})) == Ids{"KSL-COST-001"});
  CHECK(fired(view("aws_vpc", json::object(), {{"tags_all", true}})).empty());
  // Not taggable: nothing to say.
  CHECK(fired(view("aws_iam_role_policy_attachment", json::object())).empty());
  PolicySettings required;
  required.required_tags = {"CostCenter"};
  CHECK(fired(view("aws_vpc", {{"tags_all", {{"Owner", "me"}}}}), "dev", required) ==
        Ids{"KSL-TAG-001"});
}

TEST_CASE("instance types: families and what is large") {
  CHECK(instance_family("m6i.4xlarge") == "m6i");
  CHECK(instance_family("db.r6g.large") == "r6g");
  CHECK(instance_family("cache.t4g.small") == "t4g");
  for (const char* large : {"m6i.4xlarge", "c7g.16xlarge", "db.r6g.8xlarge", "cache.r7g.12xlarge",
                            "i3.metal", "m7i.metal-24xl", "u-6tb1.112xlarge"}) {
    CAPTURE(large);
    CHECK(large_instance(large));
  }
  for (const char* small : {"t3.2xlarge", "m6i.xlarge", "db.t4g.large", "cache.t4g.micro",
                            "m6i.large", "nano", "db.serverless"}) {
    CAPTURE(small);
    CHECK_FALSE(large_instance(small));
  }
}

TEST_CASE("KSL-COST-002: no large instances outside production") {
  const ResourceView group =
      view("aws_eks_node_group",
           {{"capacity_type", "SPOT"}, {"instance_types", {"m6i.large", "m6i.4xlarge"}}});
  CHECK(fired(group) == Ids{"KSL-COST-002"});
  CHECK(check({group}, builtin_rules(), {"dev", {}}).findings[0].message ==
        "instance_types[1] is m6i.4xlarge");
  CHECK(fired(group, "prod").empty());
  CHECK(fired(view("aws_db_instance", {{"instance_class", "db.r6g.8xlarge"},
                                       {"storage_encrypted", true},
                                       {"backup_retention_period", 7},
                                       {"multi_az", true},
                                       {"deletion_protection", true}}),
              "staging") == Ids{"KSL-COST-002"});
  CHECK(fired(view("aws_elasticache_replication_group", {{"node_type", "cache.r7g.metal"},
                                                         {"at_rest_encryption_enabled", true},
                                                         {"transit_encryption_enabled", true},
                                                         {"automatic_failover_enabled", true}})) ==
        Ids{"KSL-COST-002"});
  CHECK(fired(view("aws_launch_template", {{"instance_type", "t3.medium"},
                                           {"metadata_options", {{{"http_tokens", "required"}}}}}))
            .empty());
  // Unknown before apply: nothing to say.
  CHECK(fired(view("aws_launch_template", {{"metadata_options", {{{"http_tokens", "required"}}}}},
                   {{"instance_type", true}}))
            .empty());
}

TEST_CASE("KSL-COST-003: gp3 rather than gp2") {
  CHECK(fired(view("aws_ebs_volume", {{"type", "gp3"}})).empty());
  CHECK(fired(view("aws_ebs_volume", {{"type", "gp2"}})) == Ids{"KSL-COST-003"});
  const json gp2_template = {
      {"metadata_options", {{{"http_tokens", "required"}}}},
      {"block_device_mappings",
       {{{"device_name", "/dev/xvda"}, {"ebs", {{{"volume_type", "gp2"}}}}}}}};
  CHECK(fired(view("aws_launch_template", gp2_template)) == Ids{"KSL-COST-003"});
  CHECK(check({view("aws_launch_template", gp2_template)}, cost_rules(), {"dev", {}})
            .findings[0]
            .message == "block_device_mappings[0].ebs[0].volume_type is gp2");
  json gp3_template = gp2_template;
  gp3_template["block_device_mappings"][0]["ebs"][0]["volume_type"] = "gp3";
  CHECK(fired(view("aws_launch_template", gp3_template)).empty());
  json database = {{"storage_encrypted", true},
                   {"backup_retention_period", 7},
                   {"multi_az", true},
                   {"deletion_protection", true},
                   {"storage_type", "gp2"}};
  CHECK(fired(view("aws_db_instance", database), "prod") == Ids{"KSL-COST-003"});
  database["storage_type"] = "gp3";
  CHECK(fired(view("aws_db_instance", database), "prod").empty());
  CHECK(fired(view("aws_instance", {{"metadata_options", {{{"http_tokens", "required"}}}},
                                    {"root_block_device", {{{"volume_type", "gp2"}}}}})) ==
        Ids{"KSL-COST-003"});
}

TEST_CASE("KSL-COST-004: one NAT gateway outside production") {
  ResourceView nat = view("aws_nat_gateway", json::object());
  CHECK(fired_by({nat}).empty());
  ResourceView second = nat;
  second.address = "aws_nat_gateway.second";
  CHECK(fired_by({nat, second}) == Ids{"KSL-COST-004", "KSL-COST-004"});
  CHECK(fired_by({nat, second}, "prod").empty());
  // The model sees a counted gateway once, with its count.
  nat.instances = 3;
  CHECK(fired_by({nat}, "staging") == Ids{"KSL-COST-004"});
  CHECK(check({nat}, builtin_rules(), {"staging", {}}).findings[0].severity == Severity::kInfo);
  nat.instances = std::nullopt;
  CHECK(fired_by({nat, second}).empty());
}

TEST_CASE("KSL-COST-005: spot node groups outside production") {
  const json subnets = {"subnet-1", "subnet-2"};
  CHECK(fired(view("aws_eks_node_group", {{"capacity_type", "SPOT"}, {"subnet_ids", subnets}}))
            .empty());
  CHECK(fired(view("aws_eks_node_group", {{"capacity_type", "ON_DEMAND"},
                                          {"subnet_ids", subnets}})) == Ids{"KSL-COST-005"});
  CHECK(fired(view("aws_eks_node_group", {{"subnet_ids", subnets}})) == Ids{"KSL-COST-005"});
  CHECK(fired(view("aws_eks_node_group", {{"capacity_type", "ON_DEMAND"}, {"subnet_ids", subnets}}),
              "prod")
            .empty());
  CHECK(fired(view("aws_eks_node_group", {{"subnet_ids", subnets}}, {{"capacity_type", true}}))
            .empty());
}

TEST_CASE("KSL-GOV-001: the region is allowed, from the model or the plan's provider") {
  const PolicySettings allowed = with([](PolicySettings& s) { s.allowed_regions = {"eu-west-1"}; });
  ResourceView provider = view(kAwsProvider, {{"region", "eu-west-1"}});
  provider.address = kAwsProvider;
  CHECK(fired(provider, "dev", allowed).empty());
  provider.after["region"] = "us-east-1";
  CHECK(fired(provider, "dev", allowed) == Ids{"KSL-GOV-001"});
  CHECK(fired(provider).empty());  // no list: every region
  CHECK(check({provider}, builtin_rules(), {"dev", allowed}).findings[0].message ==
        "region us-east-1 is not in policy.allowed_regions (eu-west-1)");

  // A plan gives the region as a constant, or through a root variable.
  const auto region_of = [](const std::string& expression, const std::string& variables) {
    const auto views = plan_views(R"({"format_version": "1.2", "variables": )" + variables +
                                      R"(, "configuration": {"provider_config": {"aws": )"
                                      R"({"name": "aws", "expressions": {"region": )" +
                                      expression + "}}}}}",
                                  "p.json");
    REQUIRE(!views.empty());  // then the root's variables
    CHECK(views[0].address == "provider.aws");
    return views[0];
  };
  CHECK(region_of(R"({"constant_value": "us-east-1"})", "{}").after.at("region") == "us-east-1");
  CHECK(fired(region_of(R"({"constant_value": "us-east-1"})", "{}"), "dev", allowed) ==
        Ids{"KSL-GOV-001"});
  CHECK(region_of(R"({"references": ["var.region"]})", R"({"region": {"value": "eu-west-1"}})")
            .after.at("region") == "eu-west-1");
  const ResourceView computed = region_of(R"({"references": ["local.r"]})", "{}");
  CHECK(unknown(computed, "region"));
  CHECK(fired(computed, "dev", allowed).empty());
}

TEST_CASE("KSL-GOV-002: instances of the allowed families") {
  const PolicySettings families = with([](PolicySettings& s) {
    s.allowed_instance_families = {"t3", "m6i", "r6g"};
  });
  const json subnets = {"subnet-1", "subnet-2"};
  CHECK(fired(view("aws_eks_node_group", {{"capacity_type", "SPOT"},
                                          {"subnet_ids", subnets},
                                          {"instance_types", {"t3.large", "m6i.large"}}}),
              "dev", families)
            .empty());
  const ResourceView other =
      view("aws_eks_node_group", {{"capacity_type", "SPOT"},
                                  {"subnet_ids", subnets},
                                  {"instance_types", {"t3.large", "c7g.large"}}});
  CHECK(fired(other, "dev", families) == Ids{"KSL-GOV-002"});
  CHECK(check({other}, builtin_rules(), {"dev", families}).findings[0].message ==
        "instance_types[1] is c7g.large, of family c7g, not in policy.allowed_instance_families");
  CHECK(fired(other).empty());  // no list: every family
  // RDS and ElastiCache names drop their db. and cache. prefixes.
  CHECK(fired(view("aws_elasticache_replication_group", {{"node_type", "cache.r6g.large"},
                                                         {"at_rest_encryption_enabled", true},
                                                         {"transit_encryption_enabled", true},
                                                         {"automatic_failover_enabled", true}}),
              "dev", families)
            .empty());
}

TEST_CASE("KSL-GOV-003: names follow policy.naming: the Name tag, else a plain name") {
  const PolicySettings naming =
      with([](PolicySettings& s) { s.naming = "^shop-(dev|prod)-[a-z0-9-]+$"; });
  const json tagged = {{"CostCenter", "shop"}, {"Name", "shop-dev-vpc"}};
  CHECK(fired(view("aws_vpc", {{"tags_all", tagged}}), "dev", naming).empty());
  json badly = tagged;
  badly["Name"] = "ShopVPC";
  CHECK(fired(view("aws_vpc", {{"tags_all", badly}}), "dev", naming) == Ids{"KSL-GOV-003"});
  CHECK(fired(view("aws_iam_role", {{"name", "shop-dev-nodes"}}), "dev", naming).empty());
  CHECK(fired(view("aws_iam_role", {{"name", "nodes"}}), "dev", naming) == Ids{"KSL-GOV-003"});
  CHECK(check({view("aws_iam_role", {{"name", "nodes"}})}, builtin_rules(), {"dev", naming})
            .findings[0]
            .message == "name \"nodes\" does not match policy.naming ^shop-(dev|prod)-[a-z0-9-]+$");
  // Paths and ARNs follow AWS's conventions; unknown names, and other
  // providers' resources, say nothing; the regex matches the whole name.
  CHECK(fired(view("aws_cloudwatch_log_group",
                   {{"name", "/aws/eks/shop/cluster"}, {"retention_in_days", 30}}),
              "dev", naming)
            .empty());
  CHECK(fired(view("aws_iam_role", json::object(), {{"name", true}}), "dev", naming).empty());
  CHECK(fired(view("helm_release", {{"name", "Shop"}}), "dev", naming).empty());
  CHECK(fired(view("aws_iam_role", {{"name", "xshop-dev-nodes"}}), "dev",
              with([](PolicySettings& s) { s.naming = "shop-dev-[a-z]+"; })) == Ids{"KSL-GOV-003"});
}

TEST_CASE("KSL-IAM-010: IAM roles have the required permissions boundary") {
  const PolicySettings any = with([](PolicySettings& s) { s.permission_boundary_required = true; });
  const std::string arn = "arn:aws:iam::123456789012:policy/boundaries/Developer";
  CHECK(fired(view("aws_iam_role", {{"permissions_boundary", arn}}), "dev", any).empty());
  CHECK(fired(view("aws_iam_role", json::object()), "dev", any) == Ids{"KSL-IAM-010"});
  CHECK(fired(view("aws_iam_role", json::object())).empty());  // not required
  CHECK(fired(view("aws_iam_role", json::object(), {{"permissions_boundary", true}}), "dev", any)
            .empty());
  // A name matches the policy of that name on any path; an ARN only itself.
  const PolicySettings named = with([](PolicySettings& s) {
    s.permission_boundary_required = true;
    s.permission_boundary = "Developer";
  });
  CHECK(fired(view("aws_iam_role", {{"permissions_boundary", arn}}), "dev", named).empty());
  CHECK(fired(view("aws_iam_role",
                   {{"permissions_boundary", "arn:aws:iam::123456789012:policy/Admin"}}),
              "dev", named) == Ids{"KSL-IAM-010"});
  PolicySettings exact = named;
  exact.permission_boundary = "arn:aws:iam::123456789012:policy/Developer";
  CHECK(fired(view("aws_iam_role", {{"permissions_boundary", arn}}), "dev", exact) ==
        Ids{"KSL-IAM-010"});
  CHECK(check({view("aws_iam_role", {{"permissions_boundary", arn}})}, builtin_rules(),
              {"dev", exact})
            .findings[0]
            .message == "permissions_boundary is " + arn + ", not " + exact.permission_boundary);
}
