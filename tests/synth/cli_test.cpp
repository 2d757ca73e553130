#include "synth/cli.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>
#include <sstream>

#include "dsl/app.h"
#include "test_support.h"

using namespace keelson;
using namespace keelson::testing;

namespace {

struct Project {
  TempDir dir;
  App app{"demo", options_at(dir.path())};
  Resource* vpc = nullptr;

  Project() {
    auto cidr = app.param<std::string>("cidr", {.description = "The VPC range."});
    vpc = &app.stack("network").resource("aws_vpc", "main").set("cidr_block", cidr);
    write_file(dir.path() / "environments/dev.yaml", environment_yaml("  cidr: 10.0.0.0/16\n"));
  }
};

}  // namespace

TEST_CASE("--help lists the commands and exits 0") {
  Project p;
  const Run r = run(p.app, {"--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("usage: demo <command> [options]") == 0);
  for (const char* command : {"synth", "diff", "list", "validate"}) {
    CHECK(r.out.find(std::string("  ") + command) != std::string::npos);
  }
}

TEST_CASE("each command has its own --help") {
  Project p;
  const Run r = run(p.app, {"synth", "--help"});
  CHECK(r.code == 0);
  CHECK(r.out.find("usage: demo synth [--env NAME]... [--all] [--out DIR]") == 0);
  CHECK(run(p.app, {"help", "validate"}).out.find("usage: demo validate") == 0);
}

TEST_CASE("--version prints the version") {
  Project p;
  const Run r = run(p.app, {"--version"});
  CHECK(r.code == 0);
  CHECK(r.out.rfind("keelson ", 0) == 0);
}

TEST_CASE("no command is bad usage") {
  Project p;
  const Run r = run(p.app, {});
  CHECK(r.code == 2);
  CHECK(r.err.find("usage:") == 0);
}

TEST_CASE("an unknown command or option is bad usage with a suggestion") {
  Project p;
  Run r = run(p.app, {"synt"});
  CHECK(r.code == 2);
  CHECK(r.err.find("demo: unknown command \"synt\"; did you mean \"synth\"?") == 0);
  r = run(p.app, {"synth", "--ouput", "x"});
  CHECK(r.code == 2);
  CHECK(r.err == "demo synth: unknown option \"--ouput\"; did you mean \"--out\"?\n");
  r = run(p.app, {"synth", "--out"});
  CHECK(r.code == 2);
  CHECK(r.err == "demo synth: option \"--out\" needs a value\n");
  r = run(p.app, {"validate", "--format", "xml"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--format must be text or json") != std::string::npos);
}

TEST_CASE("synth --out writes where it is told, with either option form") {
  Project p;
  CHECK(run(p.app, {"synth", "--out", (p.dir.path() / "a").string()}).code == 0);
  CHECK(run(p.app, {"synth", "--out=" + (p.dir.path() / "b").string()}).code == 0);
  CHECK(snapshot(p.dir.path() / "a") == snapshot(p.dir.path() / "b"));
  CHECK(std::filesystem::exists(p.dir.path() / "a/terraform/modules/network/main.tf.json"));
}

TEST_CASE("list shows stacks with their resources, parameters and environments") {
  Project p;
  const Run r = run(p.app, {"list"});
  CHECK(r.code == 0);
  CHECK(r.out.find("stacks (dependency order):\n  network\n    aws_vpc.main") != std::string::npos);
  CHECK(r.out.find("  cidr                     string           The VPC range.") !=
        std::string::npos);
  CHECK(r.out.find("):\n  dev\n") != std::string::npos);
}

TEST_CASE("diff exits 0 when the output is current and 1 with the changed values when not") {
  Project p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  Run r = run(p.app, {"diff"});
  CHECK(r.code == 0);
  CHECK(r.out.find("no differences") == 0);

  write_file(p.dir.path() / "environments/dev.yaml", environment_yaml("  cidr: 10.1.0.0/16\n"));
  r = run(p.app, {"diff"});
  CHECK(r.code == 1);
  CHECK(r.out.find("environment dev: 0 to add, 0 to change, 0 to replace, 0 to destroy\n"
                   "  terraform.tfvars.json:\n"
                   "      ~ cidr: \"10.0.0.0/16\" → \"10.1.0.0/16\"\n") == 0);
  CHECK(r.out.find("Plan: 0 to add, 0 to change, 0 to replace, 0 to destroy; output differs "
                   "from") != std::string::npos);

  p.vpc->set("enable_dns_support", true);
  write_file(p.dir.path() / "generated/terraform/modules/network/stale.tf.json", "{}\n");
  r = run(p.app, {"diff"});
  CHECK(r.out.find("module network: 0 to add, 1 to change, 0 to replace, 0 to destroy\n"
                   "  ~ module.network.aws_vpc.main will be updated in place\n"
                   "      + enable_dns_support: true\n") == 0);
  // Not in the manifest: somebody else's file, not a removal.
  CHECK(r.out.find("ignored (not written by keelson)\n"
                   "  terraform/modules/network/stale.tf.json\n") != std::string::npos);
  CHECK(r.out.find("removed") == std::string::npos);
  CHECK(r.out.find("destroyed") == std::string::npos);
}

TEST_CASE("diff --format markdown and json report the same change") {
  Project p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  p.vpc->set("enable_dns_support", true);
  Run r = run(p.app, {"diff", "--format", "markdown"});
  CHECK(r.code == 1);
  CHECK(r.out.find("## keelson diff: 0 to add, 1 to change, 0 to replace, 0 to destroy\n") == 0);
  CHECK(r.out.find("| ~ update | `module.network.aws_vpc.main` | `enable_dns_support` |  | "
                   "`true` |\n") != std::string::npos);
  r = run(p.app, {"diff", "--format=json"});
  CHECK(r.code == 1);
  const auto report = nlohmann::json::parse(r.out);
  CHECK(report["equal"] == false);
  CHECK(report["summary"]["change"] == 1);
  CHECK(report["modules"][0]["resources"][0]["address"] == "module.network.aws_vpc.main");
  CHECK(report["modules"][0]["resources"][0]["attributes"][0]["after"] == true);

  r = run(p.app, {"diff", "--format", "html"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--format must be text, markdown or json") != std::string::npos);
}

TEST_CASE("diff --schema masks the attributes that schema marks sensitive") {
  Project p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  p.vpc->set("enable_dns_support", true);
  const auto schema = p.dir.path() / "schema.json";
  write_file(schema, R"({"format_version": "1.0", "provider_schemas": {
    "registry.terraform.io/hashicorp/aws": {
      "provider": {"version": 0, "block": {}},
      "resource_schemas": {"aws_vpc": {"version": 0, "block": {"attributes": {
        "cidr_block": {"type": "string", "optional": true},
        "enable_dns_support": {"type": "bool", "optional": true, "sensitive": true}}}}}}}})");
  Run r = run(p.app, {"diff"});
  CHECK(r.out.find("      + enable_dns_support: true\n") != std::string::npos);
  r = run(p.app, {"diff", "--schema", schema.string()});
  CHECK(r.code == 1);
  CHECK(r.out.find("      + enable_dns_support: (sensitive)\n") != std::string::npos);
}

TEST_CASE("diff exits 2 naming a missing directory or a malformed file keelson wrote") {
  Project p;
  Run r = run(p.app, {"diff", "--against", (p.dir.path() / "nowhere").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("nowhere\" does not exist (K4011)") != std::string::npos);

  REQUIRE(run(p.app, {"synth"}).code == 0);
  write_file(p.dir.path() / "generated/terraform/modules/network/main.tf.json",
             "{\"resource\": [\n");
  r = run(p.app, {"diff"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("generated/terraform/modules/network/main.tf.json\" is not valid JSON") !=
        std::string::npos);
  CHECK(r.err.find("(K4010)") != std::string::npos);
}

TEST_CASE("synth --check writes nothing and exits 1 with a summary when the output is stale") {
  Project p;
  const auto out = p.dir.path() / "generated";
  Run r = run(p.app, {"synth", "--check"});
  CHECK(r.code == 2);  // nothing synthesized yet
  CHECK(r.err.find("(K4011)") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(out));

  REQUIRE(run(p.app, {"synth"}).code == 0);
  r = run(p.app, {"synth", "--check"});
  CHECK(r.code == 0);
  CHECK(r.out.find(" is current\n") != std::string::npos);

  const auto before = snapshot(out);
  p.vpc->set("enable_dns_support", true);
  r = run(p.app, {"synth", "--check"});
  CHECK(r.code == 1);
  CHECK(r.out.find("module network: 0 to add, 1 to change, 0 to replace, 0 to destroy\n") == 0);
  CHECK(r.out.find("is stale: run `demo synth` and commit the result") != std::string::npos);
  CHECK(snapshot(out) == before);

  r = run(p.app, {"synth", "--check", "--force"});
  CHECK(r.code == 2);
  CHECK(r.err.find("--check writes nothing") != std::string::npos);
}

TEST_CASE("validate exits 0 for valid output") {
  Project p;
  const Run r = run(p.app, {"validate"});
  CHECK(r.code == 0);
  CHECK(r.out == "0 error(s), 0 warning(s) in 1 resource(s) and data source(s)\n");
}

TEST_CASE("validate exits 1 and names the construct and source line of each finding") {
  Project p;
  p.vpc->set("cidr_blok", "10.0.0.0/16").set("arn", "arn:aws:ec2:::vpc/x");
  Run r = run(p.app, {"validate"});
  CHECK(r.code == 1);
  CHECK(r.out.find("tests/synth/cli_test.cpp:") != std::string::npos);
  CHECK(r.out.find("error: [network/main]") != std::string::npos);
  CHECK(r.out.find("did you mean \"cidr_block\"?") != std::string::npos);
  CHECK(r.out.find("2 error(s), 0 warning(s)") != std::string::npos);

  r = run(p.app, {"validate", "--format", "json"});
  CHECK(r.code == 1);
  const auto findings = nlohmann::json::parse(r.out);
  REQUIRE(findings.size() == 2);
  CHECK(findings.at(0).at("construct") == "network/main");
  CHECK(findings.at(0).at("address") == "aws_vpc.main");
}

TEST_CASE("validate reads the schemas it is given") {
  Project p;
  write_file(p.dir.path() / "schema.json",
             R"({"format_version":"1.0","provider_schemas":{"registry.terraform.io/hashicorp/aws":{
                 "provider":{"version":0,"block":{}},
                 "resource_schemas":{"aws_vpc":{"version":0,"block":{"attributes":{
                   "cidr_block":{"type":"number","optional":true}}}}},
                 "data_source_schemas":{}}}})");
  const Run r = run(p.app, {"validate", "--schema", (p.dir.path() / "schema.json").string()});
  CHECK(r.code == 1);
  CHECK(r.out.find("provider aws has no attribute or block \"region\" (V003)") !=
        std::string::npos);
}

TEST_CASE("validate checks helm and kubernetes resources against the bundled schemas") {
  // GIVEN a Helm release, with `set` as the helm 3 provider's nested attribute,
  // and a Kubernetes namespace
  Project p;
  p.app.provider("helm", {.source = "hashicorp/helm", .version = "~> 3.1"});
  p.app.provider("kubernetes", {.source = "hashicorp/kubernetes", .version = "~> 2.38"});
  auto& apps = p.app.stack("apps");
  apps.resource("kubernetes_namespace", "api_namespace").block("metadata", {{"name", "api"}});
  auto& release =
      apps.resource("helm_release", "api")
          .set("name", "api")
          .set("chart", "./charts/api")
          .set("namespace", "api")
          .set("set", Value::list({Value::map({{"name", "replicaCount"}, {"value", "2"}})}));
  // THEN the default schemas know both providers
  Run r = run(p.app, {"validate"});
  CHECK_MESSAGE(r.code == 0, r.err);
  CHECK(r.out == "0 error(s), 0 warning(s) in 3 resource(s) and data source(s)\n");
  // AND a mistake in the release is found, not waved through as an unknown provider
  release.set("chart_version", "1.0.0");
  r = run(p.app, {"validate"});
  CHECK(r.code == 1);
  CHECK_MESSAGE(r.out.find("helm_release.api.chart_version: helm_release has no attribute or "
                           "block \"chart_version\" (V003)") != std::string::npos,
                r.out);
}

TEST_CASE("bad input is exit code 2 with every problem on stderr") {
  Project p;
  write_file(p.dir.path() / "environments/dev.yaml", "region: nowhere\n");
  const Run r = run(p.app, {"synth"});
  CHECK(r.code == 2);
  CHECK(r.err.find("dev.yaml:1:9: error:") != std::string::npos);
  CHECK(r.err.find("account") != std::string::npos);
}

TEST_CASE("run locks the construct tree, so nothing is declared after synthesis starts") {
  Project p;
  std::string program = "demo";
  std::string version = "--version";
  char* argv[] = {program.data(), version.data()};
  CHECK(p.app.run(2, argv) == 0);
  CHECK_THROWS_WITH_AS(p.app.stack("late"), doctest::Contains("the construct tree is locked"),
                       Error);
}

TEST_CASE("check runs the policy rules per environment; exit 1 on an error finding") {
  Project p;
  auto& db = p.app.stack("data")
                 .resource("aws_db_instance", "db")
                 .set("storage_encrypted", false)
                 .set("db_subnet_group_name", "data")
                 .set("iam_database_authentication_enabled", true);
  Run r = run(p.app, {"check"});
  CHECK(r.code == 1);
  CHECK(r.out.find("dev: error: KSL-RDS-001 RDS storage is encrypted at rest") == 0);
  CHECK(r.out.find("module.data.aws_db_instance.db [data/db] at ") != std::string::npos);
  r = run(p.app, {"check", "--format", "sarif"});
  CHECK(r.code == 1);
  CHECK(nlohmann::json::parse(r.out).at("version") == "2.1.0");
  db.set("storage_encrypted", true)
      .set("backup_retention_period", 7)
      .set("multi_az", true)
      .set("deletion_protection", true);
  r = run(p.app, {"check", "--format", "json"});
  CHECK(r.code == 0);
  // Warnings only: the fixture's resources carry no CostCenter tag.
  for (const auto& f : nlohmann::json::parse(r.out)) CHECK(f.at("severity") != "error");
}

TEST_CASE("check --plan reads a plan; a file that is not one is exit 2") {
  Project p;
  Run r = run(p.app, {"check", "--plan", KEELSON_TEST_DATA "/plans/changes.json", "--env", "prod"});
  CHECK(r.code == 1);
  CHECK_MESSAGE(r.out.find("16 error(s), 4 warning(s), 0 info, 0 suppressed") != std::string::npos,
                r.out);
  write_file(p.dir.path() / "broken.json", "{\"format_version\": ");
  r = run(p.app, {"check", "--plan", (p.dir.path() / "broken.json").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("(K6001)") != std::string::npos);
  CHECK(run(p.app, {"check", "--format", "xml"}).code == 2);
  CHECK(run(p.app, {"check", "--plan", "missing.json"}).code == 2);
}

TEST_CASE("check --plan: suppressions by construct path apply; findings point at the source") {
  Project p;
  p.app.stack("database").resource("aws_db_instance", "postgres");
  write_file(p.dir.path() / "environments/prod.yaml",
             environment_yaml("  cidr: 10.0.0.0/16\n") +
                 "policy:\n"
                 "  suppress:\n"
                 "    - rule: KSL-RDS-001\n"
                 "      path: database/postgres\n"
                 "      reason: Holds only public reference data.\n");
  const Run r =
      run(p.app, {"check", "--plan", KEELSON_TEST_DATA "/plans/changes.json", "--env", "prod"});
  CHECK(r.code == 1);
  CHECK_MESSAGE(
      r.out.find("15 error(s), 4 warning(s), 0 info, 1 suppressed, 0 unused") != std::string::npos,
      r.out);
  CHECK(r.out.find("prod: suppressed: KSL-RDS-001") != std::string::npos);
  CHECK(r.out.find("module.database.aws_db_instance.postgres [database/postgres] at ") !=
        std::string::npos);
  CHECK(r.out.find("synth/cli_test.cpp:") != std::string::npos);
  // A resource the model does not declare has only its address.
  CHECK(r.out.find("  module.network.aws_security_group.ssh\n") != std::string::npos);
}

TEST_CASE("rules prints the reference of the built-in rules, in Markdown or JSON") {
  Project p;
  Run r = run(p.app, {"rules"});
  CHECK(r.code == 0);
  CHECK(r.out.find("# Policy rules\n") == 0);
  CHECK(r.out.find("\n## KSL-RDS-001\n") != std::string::npos);
  r = run(p.app, {"rules", "--format", "json"});
  CHECK(r.code == 0);
  CHECK(nlohmann::json::parse(r.out).at(0).at("id") == "KSL-RDS-001");
  r = run(p.app, {"rules", "--format", "html"});
  CHECK(r.code == 2);
  CHECK(r.err.find("rules: --format must be markdown or json, not \"html\"") != std::string::npos);
  CHECK(run(p.app, {"rules", "extra"}).code == 2);
}
