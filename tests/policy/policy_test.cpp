// The policy engine: each rule fires on what breaks it and not on what
// keeps it; the model and a plan give the same views; the reports.
#include <doctest/doctest.h>

#include <algorithm>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

#include "dsl/app.h"
#include "dsl/expression.h"
#include "environments/environment.h"
#include "plan/wiring.h"
#include "policy/check.h"
#include "policy/environment_check.h"
#include "policy/model_views.h"
#include "policy/plan_views.h"
#include "policy/policy_test_support.h"
#include "policy/report.h"
#include "policy/rule_packs.h"
#include "policy/rules_reference.h"

using namespace keelson;
using namespace keelson::policy;
using namespace keelson::policy::testing;
using nlohmann::json;

namespace {

const json kGoodDatabase = {{"storage_encrypted", true},
                            {"db_subnet_group_name", "main"},
                            {"iam_database_authentication_enabled", true},
                            {"publicly_accessible", false},
                            {"backup_retention_period", 7},
                            {"multi_az", true},
                            {"deletion_protection", true}};

std::string read(const std::string& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

}  // namespace

TEST_CASE("rule ids are unique, and every rule says why, how to fix it and what it supports") {
  std::set<std::string> ids;
  for (const auto& rule : builtin_rules()) {
    CAPTURE(rule.id);
    CHECK(ids.insert(rule.id).second);
    CHECK(rule.id.rfind("KSL-", 0) == 0);
    CHECK_FALSE(rule.title.empty());
    CHECK_FALSE(rule.rationale.empty());
    CHECK_FALSE(rule.remediation.empty());
    CHECK_FALSE(rule.controls.empty());
    CHECK_FALSE(rule.resource_types.empty());
  }
}

TEST_CASE("database rules") {
  CHECK(fired(view("aws_db_instance", kGoodDatabase)).empty());
  json bad = kGoodDatabase;
  bad["storage_encrypted"] = false;
  CHECK(fired(view("aws_db_instance", bad)) == Ids{"KSL-RDS-001"});
  bad = kGoodDatabase;
  bad["publicly_accessible"] = true;
  CHECK(fired(view("aws_db_instance", bad)) == Ids{"KSL-RDS-002"});
  bad = kGoodDatabase;
  bad["backup_retention_period"] = 6;
  CHECK(fired(view("aws_db_instance", bad)) == Ids{"KSL-RDS-010"});
  bad = kGoodDatabase;
  bad["multi_az"] = false;
  bad["deletion_protection"] = false;
  CHECK(fired(view("aws_db_instance", bad)) == Ids{"KSL-RDS-011", "KSL-RDS-012"});
  // Severity follows the environment: multi-AZ is an error in prod only.
  const auto dev = check({view("aws_db_instance", bad)}, builtin_rules(), {"dev", {}}).findings;
  const auto prod = check({view("aws_db_instance", bad)}, builtin_rules(), {"prod", {}}).findings;
  CHECK(dev[0].severity == Severity::kWarning);
  CHECK(prod[0].severity == Severity::kError);
  CHECK_FALSE(has_error(dev));
  CHECK(has_error(prod));
  // Unknown before apply: nothing to say. A read replica keeps no backups.
  CHECK(fired(view("aws_db_instance",
                   {{"publicly_accessible", false},
                    {"db_subnet_group_name", "main"},
                    {"iam_database_authentication_enabled", true}},
                   {{"storage_encrypted", true},
                    {"backup_retention_period", true},
                    {"multi_az", true},
                    {"deletion_protection", true}}))
            .empty());
  json replica = kGoodDatabase;
  replica["replicate_source_db"] = "primary";
  replica["backup_retention_period"] = 0;
  replica["multi_az"] = false;
  replica["storage_encrypted"] = nullptr;  // inherited from the source
  CHECK(fired(view("aws_db_instance", replica)).empty());
}

TEST_CASE("ElastiCache rules") {
  const json good = {{"at_rest_encryption_enabled", true},
                     {"transit_encryption_enabled", true},
                     {"automatic_failover_enabled", true}};
  CHECK(fired(view("aws_elasticache_replication_group", good), "prod").empty());
  // aws 6 types at_rest_encryption_enabled as a string.
  json strings = good;
  strings["at_rest_encryption_enabled"] = "true";
  CHECK(fired(view("aws_elasticache_replication_group", strings), "prod").empty());
  strings["at_rest_encryption_enabled"] = "false";
  CHECK(fired(view("aws_elasticache_replication_group", strings)) == Ids{"KSL-ELC-001"});
  json bad = good;
  bad["transit_encryption_enabled"] = false;
  CHECK(fired(view("aws_elasticache_replication_group", bad)) == Ids{"KSL-ELC-001"});
  bad = good;
  bad["automatic_failover_enabled"] = false;
  CHECK(fired(view("aws_elasticache_replication_group", bad)) == Ids{"KSL-ELC-010"});
}

TEST_CASE("S3 public access, security groups, EKS endpoint, IMDSv2, log retention") {
  const json blocked = {{"block_public_acls", true},
                        {"block_public_policy", true},
                        {"ignore_public_acls", true},
                        {"restrict_public_buckets", true}};
  CHECK(fired(view("aws_s3_bucket_public_access_block", blocked)).empty());
  json open = blocked;
  open["restrict_public_buckets"] = false;
  CHECK(fired(view("aws_s3_bucket_public_access_block", open)) == Ids{"KSL-S3-001"});

  const json https = {{"from_port", 443}, {"to_port", 443}, {"cidr_blocks", {"0.0.0.0/0"}}};
  const json ssh = {{"from_port", 22}, {"to_port", 22}, {"ipv6_cidr_blocks", {"::/0"}}};
  const json office = {{"from_port", 22}, {"to_port", 22}, {"cidr_blocks", {"203.0.113.0/24"}}};
  CHECK(fired(view("aws_security_group", {{"ingress", {https, office}}})).empty());
  CHECK(fired(view("aws_security_group", {{"ingress", {https, ssh}}})) == Ids{"KSL-SG-001"});
  CHECK(fired(view("aws_vpc_security_group_ingress_rule",
                   {{"from_port", 5432}, {"to_port", 5432}, {"cidr_ipv4", "0.0.0.0/0"}})) ==
        Ids{"KSL-SG-001"});
  CHECK(fired(view("aws_security_group_rule", {{"type", "egress"},
                                               {"from_port", 0},
                                               {"to_port", 0},
                                               {"cidr_blocks", {"0.0.0.0/0"}}}))
            .empty());

  // Secrets encrypted, so that only the endpoint rule is at stake.
  const auto cluster = [](json vpc_config, json unknown = json::object()) {
    return view(
        "aws_eks_cluster",
        {{"vpc_config", {vpc_config}}, {"encryption_config", {{{"resources", {"secrets"}}}}}},
        unknown);
  };
  CHECK(fired(cluster({{"endpoint_public_access", true}})) == Ids{"KSL-EKS-001"});
  CHECK(fired(cluster(
                  {{"endpoint_public_access", true}, {"public_access_cidrs", {"203.0.113.0/24"}}}))
            .empty());
  CHECK(fired(cluster({{"endpoint_public_access", false}})).empty());
  CHECK(fired(cluster({{"endpoint_public_access", true}},
                      {{"vpc_config", {{{"public_access_cidrs", true}}}}}))
            .empty());

  CHECK(fired(view("aws_launch_template", {{"metadata_options", {{{"http_tokens", "required"}}}}}))
            .empty());
  CHECK(fired(view("aws_launch_template",
                   {{"metadata_options", {{{"http_tokens", "optional"}}}}})) == Ids{"KSL-EC2-001"});
  CHECK(fired(view("aws_instance", json::object())) == Ids{"KSL-EC2-001"});
  CHECK(fired(view("aws_instance", {{"launch_template", {{{"version", "$Latest"}}}}},
                   {{"launch_template", {{{"id", true}}}}}))
            .empty());

  CHECK(fired(view("aws_cloudwatch_log_group", {{"retention_in_days", 30}})).empty());
  CHECK(fired(view("aws_cloudwatch_log_group", json::object())) == Ids{"KSL-LOG-001"});
  CHECK(fired(view("aws_cloudwatch_log_group", json::object(), {{"retention_in_days", true}}))
            .empty());
}

TEST_CASE("the model is seen as each environment would plan it") {
  App app{"shop"};
  auto encrypted = app.param<bool>("encrypted", {.description = "Encrypt."});
  auto public_endpoint =
      app.param<bool>("public_endpoint", {.description = "Public.", .default_value = Value(false)});
  auto& network = app.stack("network");
  auto& vpc = network.resource("aws_vpc", "main").set("cidr_block", "10.0.0.0/16");
  auto& eks = network.resource("aws_eks_cluster", "cluster")
                  .set("name", "shop")
                  .set("role_arn", vpc.arn())
                  .block("vpc_config", {{"subnet_ids", Value::list({vpc.id()})},
                                        {"endpoint_public_access", public_endpoint}})
                  .block("encryption_config", {{"resources", Value::list({"secrets"})}});
  // Not created in this environment: nothing to check.
  network.resource("aws_db_instance", "spare")
      .count(when(encrypted, 1, 0))
      .set("storage_encrypted", false);
  network.resource("aws_db_instance", "db")
      .set("storage_encrypted", encrypted)
      .set("backup_retention_period", when(encrypted, 7, 1))
      .set("db_subnet_group_name", vpc.id())
      .set("iam_database_authentication_enabled", true);
  (void)eks;
  const Plan plan = plan_app(app);
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\nbackend: {bucket: shop-state}\n"
      "tags: {CostCenter: shop}\n",
      "dev.yaml", "dev");
  const auto views = model_views(plan, env, {{"encrypted", false}});
  REQUIRE(views.size() == 3);
  const ResourceView& cluster = views[1];
  CHECK(cluster.address == "module.network.aws_eks_cluster.cluster");
  CHECK(cluster.path == "network/cluster");
  // The literal flag is known beside the reference, which is not (null in
  // its place in a list, as in a plan).
  CHECK(cluster.after.at("vpc_config") ==
        json::parse(R"([{"endpoint_public_access": false, "subnet_ids": [null]}])"));
  CHECK(cluster.after_unknown.at("vpc_config") == json::parse(R"([{"subnet_ids": [true]}])"));
  CHECK(cluster.after_unknown.at("role_arn") == true);
  const auto findings = check(views, builtin_rules(), {"dev", {}}).findings;
  Ids ids;
  for (const auto& f : findings) ids.push_back(f.rule->id);
  CHECK(ids == Ids{"KSL-RDS-001", "KSL-RDS-010", "KSL-RDS-011", "KSL-RDS-012"});
  CHECK(findings[0].where.known());
  CHECK(findings[0].path == "network/db");
  // With encryption on, 7 days of backups follow, and the spare exists.
  const auto on =
      check(model_views(plan, env, {{"encrypted", true}}), {builtin_rules()[0]}, {"dev", {}})
          .findings;
  REQUIRE(on.size() == 1);
  CHECK(on[0].address == "module.network.aws_db_instance.spare");
  // Taggable resources get the provider's tags_all: the defaults, then their own.
  CHECK(views[0].after.at("tags_all") ==
        json({{"CostCenter", "shop"}, {"Environment", "dev"}, {"ManagedBy", "keelson"}}));
}

TEST_CASE("a plan gives the resources it creates or changes, not those it deletes or reads") {
  const auto views = plan_views(read(KEELSON_TEST_DATA "/plans/changes.json"), "changes.json");
  REQUIRE(views.size() == 13);
  CHECK(views[0].address == "module.database.aws_db_instance.postgres");
  CHECK(views[1].address == "module.network.aws_security_group.ssh");
  CHECK(views[12].address == "module.storage.aws_s3_bucket.assets");
  const auto findings = check(views, builtin_rules(), {"prod", {}}).findings;
  Ids ids;
  for (const auto& f : findings) ids.push_back(f.rule->id);
  // The replica, the unknown flags (restored, private, bastion, audit, assets)
  // and the tags (no required tags without an environment) are not findings.
  CHECK(ids == Ids{"KSL-RDS-001", "KSL-RDS-010", "KSL-RDS-011",  "KSL-SG-001",  "KSL-RDS-002",
                   "KSL-RDS-022", "KSL-RDS-012", "KSL-RDS-021",  "KSL-RDS-022", "KSL-ELC-001",
                   "KSL-ELC-010", "KSL-S3-001",  "KSL-EKS-001",  "KSL-EKS-002", "KSL-EKS-002",
                   "KSL-EC2-001", "KSL-LOG-001", "KSL-COST-001", "KSL-S3-002",  "KSL-S3-003"});
  CHECK(findings[3].message == "ingress on ports 22-22 is open to the internet");
}

TEST_CASE("what is not a plan is refused with its reason (K6001, K6002)") {
  CHECK_THROWS_WITH_AS(plan_views("{\"format_version\": ", "p.json"),
                       doctest::Contains("p.json is not JSON"), Error);
  CHECK_THROWS_WITH_AS(plan_views("[]", "p.json"),
                       doctest::Contains("no \"format_version\" at the top level (K6002)"), Error);
  CHECK_THROWS_WITH_AS(plan_views(R"({"format_version": "1.2", "resource_changes": {}})", "p.json"),
                       doctest::Contains("\"resource_changes\" is not a list"), Error);
  CHECK_THROWS_WITH_AS(
      plan_views(R"({"format_version": "1.2", "resource_changes": [{"type": "aws_vpc"}]})",
                 "p.json"),
      doctest::Contains("resource_changes[0] lacks \"address\", \"type\" or \"change\""), Error);
  CHECK(plan_views(R"({"format_version": "1.2"})", "p.json").empty());
}

TEST_CASE("reports: text by severity, JSON, SARIF 2.1.0") {
  const auto views = plan_views(read(KEELSON_TEST_DATA "/plans/changes.json"), "changes.json");
  const std::vector<EnvironmentFindings> results = {
      {"prod", check(views, builtin_rules(), {"prod", {}}).findings, {}}};
  const std::string text = text_report(results);
  CHECK(text.find("prod: error: KSL-RDS-001 RDS storage is encrypted at rest: encryption at rest "
                  "is off (storage_encrypted is not true)\n  "
                  "module.database.aws_db_instance.postgres\n  fix: ") == 0);
  CHECK(text.find("16 error(s), 4 warning(s), 0 info, 0 suppressed, 0 unused suppression(s) in 1 "
                  "environment(s)\n") != std::string::npos);

  const json list = json::parse(json_report(results));
  REQUIRE(list.size() == 20);
  CHECK(list[0].at("rule") == "KSL-RDS-001");
  CHECK(list[0].at("severity") == "error");
  CHECK(list[0].at("environment") == "prod");

  const json sarif = json::parse(sarif_report(results));
  CHECK(sarif.at("version") == "2.1.0");
  const json& run = sarif.at("runs").at(0);
  CHECK(run.at("tool").at("driver").at("name") == "keelson");
  CHECK(run.at("tool").at("driver").at("rules").size() == 18);
  REQUIRE(run.at("results").size() == 20);
  for (const auto& result : run.at("results")) {
    const json& rule =
        run.at("tool").at("driver").at("rules").at(result.at("ruleIndex").get<int>());
    CHECK(rule.at("id") == result.at("ruleId"));
    const bool warning = result.at("ruleId") == "KSL-LOG-001" ||
                         result.at("ruleId") == "KSL-RDS-022" ||
                         result.at("ruleId") == "KSL-COST-001";
    CHECK(result.at("level") == (warning ? "warning" : "error"));
    CHECK(result.at("locations").at(0).at("logicalLocations").at(0).contains("fullyQualifiedName"));
  }
}

TEST_CASE(
    "suppressions accept findings by rule and path, with a reason; unused ones are reported") {
  json bad = kGoodDatabase;
  bad["storage_encrypted"] = false;
  bad["multi_az"] = false;
  ResourceView db = view("aws_db_instance", bad);
  db.address = "module.database.aws_db_instance.postgres";
  db.path = "database/postgres";
  const SourceLocation at{"environments/dev.yaml", 20, 7};
  const std::vector<PolicySuppression> suppress = {
      {"KSL-RDS-001", "database", "Dev data is synthetic.", at},
      {"KSL-RDS-011", "module.database.aws_db_instance.postgres", "One zone in dev.", at},
      {"KSL-RDS-002", "", "Stale.", at},
      {"KSL-RDS-001", "network", "Elsewhere.", at},
  };
  const Outcome outcome = check({db}, builtin_rules(), {"prod", {}}, suppress);
  REQUIRE(outcome.findings.size() == 2);
  CHECK(outcome.findings[0].suppressed == "Dev data is synthetic.");
  CHECK(outcome.findings[1].suppressed == "One zone in dev.");
  CHECK_FALSE(has_error(outcome.findings));
  REQUIRE(outcome.unused.size() == 2);
  CHECK(outcome.unused[0].reason == "Stale.");
  CHECK(outcome.unused[1].path == "network");

  const std::string text = text_report({{"prod", outcome.findings, outcome.unused}});
  CHECK(text.find("prod: suppressed: KSL-RDS-001 RDS storage is encrypted at rest") !=
        std::string::npos);
  CHECK(text.find("reason: Dev data is synthetic. (environments/dev.yaml:20:7)") !=
        std::string::npos);
  CHECK(text.find("prod: warning: the suppression of KSL-RDS-002 matches nothing") !=
        std::string::npos);
  const json sarif = json::parse(sarif_report({{"prod", outcome.findings, outcome.unused}}));
  CHECK(sarif["runs"][0]["results"][0]["suppressions"][0]["justification"] ==
        "Dev data is synthetic.");
}

TEST_CASE("an environment sets severities and required tags") {
  PolicySettings settings;
  settings.severity["KSL-RDS-011"] = "info";
  settings.required_tags = {"CostCenter", "Owner"};
  json bad = kGoodDatabase;
  bad["multi_az"] = false;
  bad["tags_all"] = {{"CostCenter", "shop"}};
  const auto findings =
      check({view("aws_db_instance", bad)}, builtin_rules(), {"prod", settings}).findings;
  REQUIRE(findings.size() == 2);
  CHECK(findings[0].severity == Severity::kInfo);  // an error in prod, but not here
  CHECK(findings[1].rule->id == "KSL-TAG-001");
  CHECK(findings[1].message == "missing tag(s) Owner");
  // Unknown tags say nothing; without required tags the rule is silent.
  CHECK(fired(view("aws_vpc", json::object(), {{"tags_all", true}})).empty());
  CHECK(fired(view("aws_vpc", {{"tags_all", {{"CostCenter", "shop"}}}})).empty());
}

TEST_CASE("a resource suppresses a keelson rule in code, with a reason, in every environment") {
  App app{"shop"};
  auto& data = app.stack("data");
  data.resource("aws_db_instance", "db")
      .set("storage_encrypted", false)
      .set("db_subnet_group_name", "main")
      .set("iam_database_authentication_enabled", true)
      .set("backup_retention_period", 7)
      .set("multi_az", true)
      .set("deletion_protection", true)
      .set("tags", Value::map({{"CostCenter", "reference-data"}}))
      .suppress("KSL-RDS-001", "Holds only public reference data.")
      .suppress("KSL-RDS-002", "Never public: fires nowhere, said nowhere.")
      .suppress("KSL-XYZ-999", "No such rule.");
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\nbackend: {bucket: shop-state}\n", "prod.yaml",
      "prod");
  const EnvironmentFindings result = check_environment(plan_app(app), env, {});
  REQUIRE(result.findings.size() == 1);
  CHECK(result.findings[0].suppressed == "Holds only public reference data.");
  CHECK(result.findings[0].suppressed_where.file.ends_with("policy/policy_test.cpp"));
  // An unknown rule id is reported; a known one that fires nowhere is not.
  REQUIRE(result.unused.size() == 1);
  CHECK(result.unused[0].rule == "KSL-XYZ-999");
}

TEST_CASE("a plan's findings carry the construct path and line of the model's resource") {
  App app{"shop"};
  auto& data = app.stack("data");
  data.resource("aws_db_instance", "db").suppress("KSL-RDS-010", "Backups are taken elsewhere.");
  data.resource("aws_db_instance", "replica").count(2);
  const json good = kGoodDatabase;
  json bad = good;
  bad["storage_encrypted"] = false;
  bad["backup_retention_period"] = 1;
  std::vector<ResourceView> views = {view("aws_db_instance", bad), view("aws_db_instance", bad),
                                     view("aws_db_instance", bad)};
  views[0].address = "module.data.aws_db_instance.db";
  views[1].address = "module.data.aws_db_instance.replica[1]";
  views[2].address = "module.data.aws_db_instance.outside";  // added outside keelson
  PolicySettings settings;
  const SourceLocation at{"environments/prod.yaml", 9, 7};
  settings.suppress = {{"KSL-RDS-001", "data/replica", "Reference data only.", at},
                       {"KSL-RDS-001", "data/gone", "Stale.", at}};
  const EnvironmentFindings result = check_plan(views, plan_app(app), {"prod", settings});
  REQUIRE(result.findings.size() == 6);
  const Finding& db = result.findings[0];
  CHECK(db.path == "data/db");
  CHECK(db.where.file.ends_with("policy/policy_test.cpp"));
  CHECK(db.suppressed.empty());  // KSL-RDS-001: nothing accepts it
  CHECK(result.findings[1].rule->id == "KSL-RDS-010");
  CHECK(result.findings[1].suppressed == "Backups are taken elsewhere.");  // in code
  // An instance of a counted resource is that resource; a suppression by
  // construct path accepts it.
  CHECK(result.findings[2].path == "data/replica");
  CHECK(result.findings[2].suppressed == "Reference data only.");
  CHECK(result.findings[4].address == "module.data.aws_db_instance.outside");
  CHECK(result.findings[4].path.empty());
  CHECK_FALSE(result.findings[4].where.known());
  REQUIRE(result.unused.size() == 1);
  CHECK(result.unused[0].path == "data/gone");
}

TEST_CASE("SARIF holds what GitHub code scanning reads") {
  ResourceView db = view("aws_db_instance", json{{"storage_encrypted", false}});
  db.address = "module.database.aws_db_instance.postgres";
  db.path = "database/postgres";
  db.where = {"/repo/app/main.cpp", 12, 5};
  ResourceView group =
      view("aws_security_group", json::parse(R"({"ingress": [{"from_port": 22, "to_port": 22,
                                             "cidr_blocks": ["0.0.0.0/0"]}]})"));
  group.where = {"/elsewhere/my app.cpp", 3, 0};
  ResourceView outside = view("aws_cloudwatch_log_group", json::object());
  std::vector<EnvironmentFindings> results;
  for (const char* environment : {"dev", "prod"}) {
    results.push_back({environment,
                       check({db, group, outside}, builtin_rules(), {environment, {}}).findings,
                       {}});
  }
  const json sarif = json::parse(
      sarif_report(results, {.root = "/repo", .input = "plan.json", .version = "1.2.3"}));
  const json& run = sarif.at("runs").at(0);
  CHECK(run.at("tool").at("driver").at("version") == "1.2.3");
  const json& rules = run.at("tool").at("driver").at("rules");
  const json& encryption = rules.at(0);
  CHECK(encryption.at("id") == "KSL-RDS-001");
  CHECK(encryption.at("help").at("markdown").get<std::string>().find("**How to fix:** ") !=
        std::string::npos);
  CHECK(encryption.at("properties").at("tags").at(0) == "security");
  CHECK(encryption.at("properties").at("security-severity") == "8.0");
  const auto reliability = std::find_if(rules.begin(), rules.end(),
                                        [](const json& r) { return r.at("id") == "KSL-RDS-011"; });
  REQUIRE(reliability != rules.end());
  CHECK(reliability->at("properties").at("tags").at(0) == "reliability");
  CHECK_FALSE(reliability->at("properties").contains("security-severity"));

  const json& results_json = run.at("results");
  const json& first = results_json.at(0);
  CHECK(first.at("partialFingerprints").at("keelsonFinding/v1") ==
        "KSL-RDS-001:dev:module.database.aws_db_instance.postgres");
  CHECK(first.at("properties").at("construct") == "database/postgres");
  const json& physical = first.at("locations").at(0).at("physicalLocation");
  CHECK(physical.at("artifactLocation").at("uri") == "app/main.cpp");  // relative to the root
  CHECK(physical.at("region") == json{{"startLine", 12}, {"startColumn", 5}});
  std::set<std::string> uris, fingerprints;
  for (const auto& result : results_json) {
    uris.insert(result.at("locations")
                    .at(0)
                    .at("physicalLocation")
                    .at("artifactLocation")
                    .at("uri")
                    .get<std::string>());
    fingerprints.insert(result.at("partialFingerprints").at("keelsonFinding/v1"));
  }
  // Outside the root: an absolute URI, encoded; no source line: the input.
  CHECK(uris ==
        std::set<std::string>{"app/main.cpp", "file:///elsewhere/my%20app.cpp", "plan.json"});
  CHECK(fingerprints.size() == results_json.size());  // one per environment, rule and resource
}

TEST_CASE("docs/rules.md is the reference of the built-in rules, as `rules` prints it") {
  // A rule added or changed without regenerating the reference fails here:
  // `build/examples/minimal/minimal rules > docs/rules.md`.
  const std::string markdown = rules_markdown(builtin_rules());
  CHECK_MESSAGE(read(KEELSON_TEST_DATA "/../../docs/rules.md") == markdown,
                "docs/rules.md is stale: regenerate it with `<program> rules > docs/rules.md`");
  for (const auto& rule : builtin_rules()) {
    CHECK(!rule.pack.empty());
    CHECK(markdown.find("\n## " + rule.id + "\n\n**" + rule.title + "**\n") != std::string::npos);
  }
  const json list = json::parse(rules_json(builtin_rules()));
  REQUIRE(list.size() == builtin_rules().size());
  const auto multi_az = std::find_if(list.begin(), list.end(),
                                     [](const json& r) { return r.at("id") == "KSL-RDS-011"; });
  REQUIRE(multi_az != list.end());
  CHECK(multi_az->at("pack") == "reliability");
  CHECK(multi_az->at("severity") == "warning");
  CHECK(multi_az->at("severity_in") == json{{"prod", "error"}, {"production", "error"}});
  CHECK(severity_text(builtin_rules().front()) == "error");
  // One clause per severity, naming its environments.
  Rule rule{.severity = Severity::kInfo,
            .severity_in = {{"prod", Severity::kError},
                            {"staging", Severity::kWarning},
                            {"production", Severity::kError}}};
  CHECK(severity_text(rule) == "info; error in prod, production; warning in staging");
}
