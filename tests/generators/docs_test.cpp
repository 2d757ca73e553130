// The docs generators on a hand-written module and root: diagram ids,
// masking of sensitive inputs, values resolved per environment, and
// runbook commands that carry the environment's real identifiers.
#include <doctest/doctest.h>

#include <set>

#include "generators/architecture_diagram.h"
#include "generators/docs_model.h"
#include "generators/environment_page.h"
#include "generators/module_page.h"
#include "generators/runbook.h"

using namespace keelson;
using nlohmann::json;

namespace {

// A database module as keelson writes one, and two environments' roots.
DocsModel database_model() {
  static FileSet files;
  files["terraform/modules/db/main.tf.json"] = json{
      {"resource",
       {{"aws_db_subnet_group", {{"main", {{"name", "orders-${var.environment}"}}}}},
        {"aws_db_instance",
         {{"orders",
           {{"identifier", "orders-${var.environment}-pg"},
            {"engine", "postgres"},
            {"instance_class", "${var.db_class}"},
            {"backup_retention_period", "${var.retention}"},
            {"backup_window", "03:00-04:00"},
            {"multi_az", "${var.multi_az}"},
            {"db_subnet_group_name", "${aws_db_subnet_group.main.name}"},
            {"vpc_security_group_ids", json::array({"${var.network_sg_id}"})}}},
          {"replica",
           {{"count", "${var.replica ? 1 : 0}"},
            {"identifier", "orders-replica"},
            {"replicate_source_db", "${aws_db_instance.orders.identifier}"}}}}},
        {"aws_elasticache_replication_group",
         {{"cache",
           {{"replication_group_id", "${var.environment}-cache"},
            {"snapshot_retention_limit", 0},
            {"automatic_failover_enabled", false},
            {"num_cache_clusters", 1}}}}}}}}.dump();
  files["terraform/modules/db/variables.tf.json"] =
      json{{"variable",
            {{"environment", {{"type", "string"}, {"description", "Environment name."}}},
             {"db_class", {{"type", "string"}, {"description", "Instance | class."}}},
             {"retention", {{"type", "number"}, {"description", "Days."}, {"default", 7}}},
             {"multi_az", {{"type", "bool"}, {"description", "Standby."}}},
             {"replica", {{"type", "bool"}, {"description", "Replica."}}},
             {"password",
              {{"type", "string"},
               {"description", "Secret."},
               {"sensitive", true},
               {"default", "hunter2"}}},
             {"network_sg_id", {{"type", "string"}, {"description", "From network."}}}}}}
          .dump();
  files["terraform/modules/db/outputs.tf.json"] =
      json{{"output",
            {{"address",
              {{"description", "Host."}, {"value", "${aws_db_instance.orders.address}"}}}}}}
          .dump();
  DocsModel model;
  model.app = "shop";
  model.files = &files;
  model.modules.push_back(doc_module("db", files));
  const auto call = [](bool prod) {
    return json{{"db",
                 {{"environment", prod ? "prod" : "dev"},
                  {"db_class", "${var.db_class}"},
                  {"multi_az", "${var.multi_az}"},
                  {"replica", prod},
                  {"password", "${var.password}"},
                  {"network_sg_id", "${module.network.sg_id}"}}}};
  };
  model.environments.push_back({"dev", "eu-west-1", "111111111111", call(false),
                                json{{"db_class", "db.t4g.micro"}, {"multi_az", false}},
                                json::object()});
  model.environments.push_back({"prod", "eu-west-1", "222222222222", call(true),
                                json{{"db_class", "db.r6g.large"}, {"multi_az", true}},
                                json::object()});
  return model;
}

}  // namespace

TEST_CASE("diagram ids keep letters and digits and escape the rest, one to one") {
  CHECK(diagram_id("network") == "network");
  CHECK(diagram_id("a_b") == "a__b");
  CHECK(diagram_id("a-b") == "a_2db");
  CHECK(diagram_id("db/aws_db_instance.main") == "db_2faws__db__instance_2emain");
  // Names that look alike stay apart.
  const std::set<std::string> ids = {diagram_id("a-b"), diagram_id("a_b"), diagram_id("a_2db"),
                                     diagram_id("a.b"), diagram_id("a b"), diagram_id("end")};
  CHECK(ids.size() == 6);
  for (const auto& id : ids) {
    CHECK(id.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_") ==
          std::string::npos);
  }
}

TEST_CASE("Mermaid and DOT name every stack's group and escape labels") {
  ArchitectureGraph graph;
  graph.groups.push_back(
      {"cluster_" + diagram_id("my-stack"), "my-stack", {{"r_x", "say \"hi\""}}});
  graph.edges.push_back({"r_x", "r_y", "vpc_id", true});
  const std::string mermaid = architecture_mermaid(graph);
  CHECK(mermaid.find("subgraph cluster_my_2dstack[\"my-stack\"]") != std::string::npos);
  CHECK(mermaid.find("r_x[\"say #quot;hi#quot;\"]") != std::string::npos);
  CHECK(mermaid.find("r_x -.->|vpc_id| r_y") != std::string::npos);
  const std::string dot = architecture_dot(graph);
  CHECK(dot.find("subgraph \"cluster_my_2dstack\" {") != std::string::npos);
  CHECK(dot.find("[label=\"say \\\"hi\\\"\"]") != std::string::npos);
  CHECK(dot.find("\"r_x\" -> \"r_y\" [style=dashed, label=\"vpc_id\"]") != std::string::npos);
}

TEST_CASE("the architecture links resources that reference each other within a stack") {
  const DocsModel model = database_model();
  const ArchitectureGraph graph = architecture_graph(model);
  REQUIRE(graph.groups.size() == 1);
  CHECK(graph.groups[0].nodes.size() == 4);
  bool subnet_to_db = false;
  bool db_to_replica = false;
  for (const auto& e : graph.edges) {
    subnet_to_db |= e.from == "r_db_2faws__db__subnet__group_2emain" &&
                    e.to == "r_db_2faws__db__instance_2eorders";
    db_to_replica |= e.from == "r_db_2faws__db__instance_2eorders" &&
                     e.to == "r_db_2faws__db__instance_2ereplica";
  }
  CHECK(subnet_to_db);
  CHECK(db_to_replica);
}

TEST_CASE("the module page masks sensitive inputs and shows each environment's value") {
  const DocsModel model = database_model();
  const std::string page = module_page(model, model.modules[0]);
  CHECK(page.find("hunter2") == std::string::npos);
  CHECK(page.find("| `password` | `string` | Secret. | (sensitive) | no | (sensitive) | "
                  "(sensitive) |") != std::string::npos);
  CHECK(page.find("| `db_class` | `string` | Instance \\| class. | n/a | yes | "
                  "`\"db.t4g.micro\"` | `\"db.r6g.large\"` |") != std::string::npos);
  CHECK(page.find("| `retention` | `number` | Days. | `7` | no | `7` | `7` |") !=
        std::string::npos);
  CHECK(page.find("`module.network.sg_id` (after apply)") != std::string::npos);
  CHECK(page.find("| `aws_db_instance.replica` | resource | `count = ${var.replica ? 1 : 0}` |") !=
        std::string::npos);
}

TEST_CASE("runbooks carry the identifiers and settings each environment produces") {
  const DocsModel model = database_model();
  const std::string dev = runbook(model, model.environments[0]);
  const std::string prod = runbook(model, model.environments[1]);
  CHECK(dev.find("--source-db-instance-identifier orders-dev-pg") != std::string::npos);
  CHECK(prod.find("--source-db-instance-identifier orders-prod-pg") != std::string::npos);
  CHECK(prod.find("--target-db-instance-identifier orders-prod-pg-restored") != std::string::npos);
  CHECK(prod.find("--db-subnet-group-name orders-prod") != std::string::npos);
  CHECK(prod.find("--region eu-west-1") != std::string::npos);
  CHECK(dev.find("| Automated backups kept | 7 day(s) |") != std::string::npos);
  CHECK(prod.find("| Multi-AZ | yes |") != std::string::npos);
  CHECK(dev.find("| Multi-AZ | no |") != std::string::npos);
  // Multi-AZ failover only where there is a standby.
  CHECK(prod.find("typically 60-120 s") != std::string::npos);
  CHECK(dev.find("typically 60-120 s") == std::string::npos);
  // The replica exists only in prod.
  CHECK(dev.find("Not created in `dev`") != std::string::npos);
  CHECK(prod.find("aws rds promote-read-replica --db-instance-identifier orders-replica") !=
        std::string::npos);
  // A cache without snapshots loses everything with its nodes.
  CHECK(dev.find("aws elasticache create-snapshot --replication-group-id dev-cache") !=
        std::string::npos);
  CHECK(dev.find("everything (no snapshots)") != std::string::npos);
  // Drift: a refresh-only plan, compared attribute by attribute.
  CHECK(prod.find("tofu -chdir=terraform/environments/prod plan -refresh-only -out=drift.tfplan") !=
        std::string::npos);
  CHECK(prod.find("shop drift --env prod --plan drift.json") != std::string::npos);
  CHECK(prod.find("## Functions") == std::string::npos);
  CHECK(prod.find("shop synth --env prod") != std::string::npos);
}

TEST_CASE("a function served through an alias gets its versions, rollback and traffic shift") {
  static FileSet files;
  files["terraform/modules/api/main.tf.json"] =
      json{{"resource",
            {{"aws_lambda_function",
              {{"orders",
                {{"function_name", "orders-${var.environment}"},
                 {"runtime", "python3.13"},
                 {"memory_size", "${var.memory}"},
                 {"publish", true}}}}},
             {"aws_lambda_alias",
              {{"orders_live",
                {{"name", "live"},
                 {"function_name", "${aws_lambda_function.orders.function_name}"},
                 {"function_version", "${aws_lambda_function.orders.version}"}}}}}}}}
          .dump();
  files["terraform/modules/api/variables.tf.json"] =
      json{{"variable",
            {{"environment", {{"type", "string"}, {"description", "Environment name."}}},
             {"memory", {{"type", "number"}, {"description", "MiB."}}}}}}
          .dump();
  DocsModel model;
  model.app = "shop";
  model.files = &files;
  model.modules.push_back(doc_module("api", files));
  model.environments.push_back(
      {"prod", "eu-west-1", "222222222222",
       json{{"api", {{"environment", "prod"}, {"memory", "${var.memory}"}}}}, json{{"memory", 512}},
       json::object()});
  const std::string prod = runbook(model, model.environments[0]);
  CHECK(prod.find("### Lambda `module.api.aws_lambda_function.orders`") != std::string::npos);
  CHECK(prod.find("| Function | `orders-prod` |") != std::string::npos);
  CHECK(prod.find("| Memory (MB) | 512 |") != std::string::npos);
  CHECK(prod.find("| Reserved concurrency | none |") != std::string::npos);
  CHECK(prod.find("aws lambda update-alias --function-name orders-prod --name live "
                  "--function-version <previous> --region eu-west-1\n") != std::string::npos);
  CHECK(prod.find("--routing-config 'AdditionalVersionWeights={\"<new>\"=0.1}'") !=
        std::string::npos);
}

TEST_CASE("an identifier known only after apply is read from the state") {
  DocsModel model = database_model();
  model.environments[0].module_calls["db"].erase("environment");
  const std::string dev = runbook(model, model.environments[0]);
  CHECK(dev.find("--source-db-instance-identifier $(tofu -chdir=terraform/environments/dev "
                 "state show -no-color 'module.db.aws_db_instance.orders'") != std::string::npos);
}

TEST_CASE("the overview has a node per stack and an edge per pair of stacks that read each other") {
  ArchitectureGraph graph;
  graph.groups.push_back({"cluster_network", "network", {{"r_a", "a"}, {"r_b", "b"}}});
  graph.groups.push_back({"cluster_database", "database", {{"r_c", "c"}, {"r_d", "d"}}});
  graph.edges = {{"r_a", "r_b", "", false},
                 {"r_a", "r_c", "vpc_id", true},
                 {"r_b", "r_d", "subnet_ids", true}};
  const ArchitectureGraph overview = architecture_overview(graph);
  REQUIRE(overview.groups.size() == 1);
  CHECK(overview.groups[0].nodes.size() == 2);
  REQUIRE(overview.edges.size() == 1);
  CHECK(overview.edges[0].from == "g_network");
  CHECK(overview.edges[0].to == "g_database");
  CHECK(overview.edges[0].cross_stack);
  // Its edges have no label, and Mermaid refuses an empty one.
  const std::string mermaid = architecture_mermaid(overview);
  CHECK(mermaid.find("  g_network -.-> g_database\n") != std::string::npos);
  CHECK(mermaid.find("||") == std::string::npos);
}

TEST_CASE("the environment page masks sensitive parameters and says which are set at apply") {
  DocsModel model = database_model();
  DocEnvironment& dev = model.environments[0];
  dev.variables = json{{"alarm_email", {{"type", "string"}, {"sensitive", true}}},
                       {"db_class", {{"type", "string"}, {"description", "Class."}}},
                       {"token", {{"type", "string"}}}};
  dev.tfvars["alarm_email"] = "ops@example.com";
  const std::string page = environment_page(model, dev);
  CHECK(page.find("ops@example.com") == std::string::npos);
  CHECK(page.find("| `alarm_email` | `string` |  | (sensitive) |") != std::string::npos);
  CHECK(page.find("| `db_class` | `string` | Class. | `\"db.t4g.micro\"` |") != std::string::npos);
  CHECK(page.find("(set at apply: `TF_VAR_token`)") != std::string::npos);
  CHECK(page.find("- [db](../modules/db.md): 4 resource(s)") != std::string::npos);
}
