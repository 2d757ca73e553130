// Every IAM role the standard stacks create takes the stacks'
// `permissions_boundary` prop, so a platform team can cap what any role of
// an application may ever do.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dsl/app.h"
#include "stacks/compute_stack.h"
#include "stacks/compute_test_support.h"
#include "stacks/database_stack.h"
#include "stacks/network_stack.h"
#include "stacks/stack_test_support.h"
#include "stacks/storage_stack.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

constexpr const char* kBoundary = "arn:aws:iam::111122223333:policy/workload-boundary";

// The boundary of each role of a stack's module, by role name (null when none).
json boundaries(const App& app, const std::string& stack) {
  json out = json::object();
  const json doc = module_json(app, stack).at("resource");
  if (!doc.contains("aws_iam_role")) return out;
  for (const auto& [name, role] : doc.at("aws_iam_role").items()) {
    out[name] = role.value("permissions_boundary", json());
  }
  return out;
}

// An app with every standard stack that makes roles: the network (flow
// logs), compute (cluster, nodes, EC2 backend, a Lambda function, the load
// balancer controller and Container Insights), the database (enhanced
// monitoring) and storage (replication), each given `boundary`.
void declare_stacks(App& app, const Value& boundary) {
  app.stack<NetworkStack>("vpc", {.name = "shop", .permissions_boundary = boundary});
  auto net = fake_network(app);
  auto compute = props_for(net);
  compute.ec2.enabled = true;
  compute.functions = {{.name = "report",
                        .runtime = "python3.12",
                        .handler = "app.handler",
                        .filename = "report.zip"}};
  compute.permissions_boundary = boundary;
  app.stack<ComputeStack>("compute", std::move(compute));
  auto& sg = app.stack("data_network");
  auto& subnets = sg.resource("aws_subnet", "db")
                      .count(2)
                      .set("vpc_id", "vpc-1")
                      .set("cidr_block", fn::cidrsubnet("10.0.0.0/16", 8, add(count_index(), 21)));
  app.stack<DatabaseStack>(
      "database", {.subnet_ids = subnets.all("id"),
                   .postgres_security_group_id = sg.resource("aws_security_group", "pg").id(),
                   .redis_security_group_id = sg.resource("aws_security_group", "rd").id(),
                   .permissions_boundary = boundary});
  const Provider& replica =
      app.provider("aws", {.alias = "replica", .config = {{"region", "us-west-2"}}});
  app.stack<StorageStack>("storage", {.name = "shop",
                                      .buckets = {{.id = "data", .replicate = true}},
                                      .replica_provider = &replica,
                                      .permissions_boundary = boundary});
}

}  // namespace

TEST_CASE("every IAM role of the standard stacks carries the stacks' permissions boundary") {
  App app{"boundary"};
  declare_stacks(app, kBoundary);
  const std::vector<std::string> stacks = {"vpc", "compute", "database", "storage"};
  std::size_t roles = 0;
  for (const auto& stack : stacks) {
    const json roles_of_stack = boundaries(app, stack);
    for (const auto& [name, boundary] : roles_of_stack.items()) {
      INFO(stack << "/" << name);
      CHECK(boundary == kBoundary);
      ++roles;
    }
  }
  // flow logs; cluster, nodes, backend, function, controller, insights;
  // enhanced monitoring; replication.
  CHECK(roles == 9);
  const auto findings = schema_findings(app);
  for (const auto& finding : findings) MESSAGE(finding);
  CHECK(findings.empty());
}

TEST_CASE("without a permissions boundary the standard stacks' roles have none") {
  App app{"boundary"};
  declare_stacks(app, Value{});
  for (const auto& stack : {"vpc", "compute", "database", "storage"}) {
    const json roles_of_stack = boundaries(app, stack);
    for (const auto& [name, boundary] : roles_of_stack.items()) {
      INFO(stack << "/" << name);
      CHECK(boundary.is_null());
    }
  }
}

TEST_CASE("an IAM role for a service account takes a permissions boundary") {
  App app{"irsa"};
  auto& stack = app.stack("apps");
  irsa_role(stack, "api",
            {.oidc_provider_arn = "arn:aws:iam::111122223333:oidc-provider/oidc.eks.x",
             .oidc_issuer = "https://oidc.eks.us-east-1.amazonaws.com/id/ABC",
             .namespace_name = "default",
             .name = "api"},
            {.statements = {PolicyStatement{.actions = {"s3:ListBucket"},
                                            .resources = {"arn:aws:s3:::b"}}},
             .permissions_boundary = kBoundary});
  CHECK(boundaries(app, "apps").at("api") == kBoundary);
}

TEST_CASE("the database stack encrypts with a given KMS key instead of making its own") {
  App app{"shop"};
  auto& net = app.stack("network");
  auto& subnets = net.resource("aws_subnet", "db")
                      .count(2)
                      .set("vpc_id", "vpc-1")
                      .set("cidr_block", fn::cidrsubnet("10.0.0.0/16", 8, add(count_index(), 21)));
  auto& keys = app.stack("keys");
  const Value financial_arn =
      keys.resource("aws_kms_key", "financial").set("enable_key_rotation", true).arn();
  auto& db = app.stack<DatabaseStack>(
      "database", {.subnet_ids = subnets.all("id"),
                   .postgres_security_group_id = net.resource("aws_security_group", "pg").id(),
                   .redis_security_group_id = net.resource("aws_security_group", "rd").id(),
                   .kms_key_arn = financial_arn});
  const json doc = module_json(app, "database").at("resource");
  CHECK_FALSE(doc.contains("aws_kms_key"));
  const json& pg = doc.at("aws_db_instance").at("postgres");
  const std::string key = pg.at("kms_key_id");
  CHECK(key.rfind("${var.", 0) == 0);
  CHECK(pg.at("master_user_secret_kms_key_id") == key);
  CHECK(pg.at("performance_insights_kms_key_id") == key);
  CHECK(doc.at("aws_elasticache_replication_group").at("redis").at("kms_key_id") == key);
  CHECK(db.kms_key_arn() == financial_arn);
}
