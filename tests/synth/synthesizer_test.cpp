#include "synth/synthesizer.h"

#include <doctest/doctest.h>

#include <sstream>

#include "dsl/app.h"
#include "synth/cli.h"
#include "synth/output_test_support.h"
#include "synth/output_writer.h"
#include "test_support.h"

using namespace keelson;
using namespace keelson::testing;

namespace {

// A small two-stack app with a parameter, rooted in a temporary directory.
using Project = OutputProject;

// Synthesizes once, breaks something, and checks the second synth fails with
// `expected` in its message and leaves the first output byte for byte.
void expect_failure_keeps_output(Project& p, const std::function<void()>& breakage,
                                 const std::string& expected,
                                 std::vector<std::string> args = {"synth"}) {
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const auto before = snapshot(p.out());
  REQUIRE_FALSE(before.empty());
  breakage();
  const Run r = run(p.app, std::move(args));
  CHECK(r.code == 2);
  CHECK_MESSAGE(r.err.find(expected) != std::string::npos, r.err);
  CHECK(snapshot(p.out()) == before);
}

}  // namespace

TEST_CASE("synth writes one module per stack and one root per environment") {
  Project p;
  const Run r = run(p.app, {"synth"});
  REQUIRE(r.code == 0);
  const auto files = snapshot(p.out());
  std::vector<std::string> names;
  for (const auto& [path, content] : files) names.push_back(path);
  CHECK(names == std::vector<std::string>{
                     ".keelson-manifest",
                     "compliance/dev/controls.json",
                     "compliance/dev/controls.md",
                     "compliance/prod/controls.json",
                     "compliance/prod/controls.md",
                     "cost/cost-by-stack.svg",
                     "cost/dev/estimate.json",
                     "cost/prod/estimate.json",
                     "terraform/environments/dev/main.tf.json",
                     "terraform/environments/dev/providers.tf.json",
                     "terraform/environments/dev/terraform.tf.json",
                     "terraform/environments/dev/terraform.tfvars.json",
                     "terraform/environments/dev/variables.tf.json",
                     "terraform/environments/prod/main.tf.json",
                     "terraform/environments/prod/providers.tf.json",
                     "terraform/environments/prod/terraform.tf.json",
                     "terraform/environments/prod/terraform.tfvars.json",
                     "terraform/environments/prod/variables.tf.json",
                     "terraform/modules/compute/main.tf.json",
                     "terraform/modules/compute/variables.tf.json",
                     "terraform/modules/compute/versions.tf.json",
                     "terraform/modules/network/main.tf.json",
                     "terraform/modules/network/outputs.tf.json",
                     "terraform/modules/network/variables.tf.json",
                     "terraform/modules/network/versions.tf.json",
                 });
  CHECK(files.at("terraform/environments/dev/terraform.tfvars.json") ==
        "{\n  \"az_count\": 1\n}\n");
  CHECK(files.at("terraform/environments/prod/terraform.tfvars.json") ==
        "{\n  \"az_count\": 3\n}\n");
  // The one cross-stack reference reaches compute as an input wired in every root.
  CHECK(files.at("terraform/modules/compute/main.tf.json").find("${var.network_vpc_main_id}") !=
        std::string::npos);
  CHECK(files.at("terraform/environments/prod/main.tf.json")
            .find("\"network_vpc_main_id\": \"${module.network.vpc_main_id}\"") !=
        std::string::npos);
}

TEST_CASE("synthesizing twice gives byte-identical files") {
  Project p;
  const Synthesis first = synthesize(p.app, p.dir.path() / "environments", {});
  const Synthesis second = synthesize(p.app, p.dir.path() / "environments", {});
  CHECK(first.files == second.files);
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const auto written = snapshot(p.out());
  REQUIRE(run(p.app, {"synth"}).code == 0);
  CHECK(snapshot(p.out()) == written);
  for (const auto& [path, content] : written) CHECK(content.back() == '\n');
}

TEST_CASE("files from an earlier synth that are no longer generated are removed") {
  Project p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  std::filesystem::remove(p.dir.path() / "environments/prod.yaml");
  write_file(p.out() / "README.md", "kept: not ours\n");
  REQUIRE(run(p.app, {"synth"}).code == 0);
  CHECK_FALSE(std::filesystem::exists(p.out() / "terraform/environments/prod"));
  CHECK(std::filesystem::exists(p.out() / "README.md"));
  CHECK_FALSE(std::filesystem::exists(p.out() / ".keelson-staging"));
}

TEST_CASE("synthesizing one environment leaves the other roots alone") {
  Project p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const auto prod_before = read_file(p.out() / "terraform/environments/prod/terraform.tfvars.json");
  p.write_env("dev", "  az_count: 2\n");
  p.write_env("prod", "  az_count: 2\n");
  REQUIRE(run(p.app, {"synth", "--env", "dev"}).code == 0);
  CHECK(read_file(p.out() / "terraform/environments/dev/terraform.tfvars.json") ==
        "{\n  \"az_count\": 2\n}\n");
  CHECK(read_file(p.out() / "terraform/environments/prod/terraform.tfvars.json") == prod_before);
}

TEST_CASE("a model error fails synth and leaves the previous output") {
  Project p;
  expect_failure_keeps_output(
      p, [&] { p.app.stack("broken").resource("aws_vpc", "main").set("count", 1); },
      "[broken/main] \"count\" is a meta-argument, not an attribute (K1012)");
}

TEST_CASE("a dangling reference fails synth and leaves the previous output") {
  Project p;
  App other{"other"};
  auto& foreign = other.stack("s").resource("aws_vpc", "main");
  expect_failure_keeps_output(
      p, [&] { p.app.stack("late").resource("aws_subnet", "x").set("vpc_id", foreign.id()); },
      "reference to \"s/main\", which belongs to another App (K1021)");
}

TEST_CASE("a duplicate id fails synth and leaves the previous output") {
  Project p;
  expect_failure_keeps_output(
      p, [&] { p.app.stack("network"); },
      "there is already a construct with id \"network\" in the app (K1002)");
}

TEST_CASE("a stack cycle fails synth and leaves the previous output") {
  Project p;
  expect_failure_keeps_output(
      p,
      [&] {
        auto& a = p.app.stack("a");
        auto& b = p.app.stack("b");
        auto& x = a.resource("aws_vpc", "x");
        auto& y = b.resource("aws_vpc", "y").set("cidr_block", x.attr("cidr_block"));
        x.set("cidr_block", y.attr("cidr_block"));
      },
      "stacks reference each other in a cycle: a -> b -> a (K1022)");
}

TEST_CASE("an unknown key in an environment file fails synth with its line") {
  Project p;
  expect_failure_keeps_output(
      p,
      [&] {
        write_file(p.dir.path() / "environments/dev.yaml",
                   environment_yaml("  az_count: 1\n") + "regoin: us-west-2\n");
      },
      "environments/dev.yaml:8:1: error: unknown key \"regoin\"");
}

TEST_CASE("a value of the wrong type fails synth with its line and column") {
  Project p;
  expect_failure_keeps_output(
      p, [&] { p.write_env("dev", "  az_count: three\n"); }, "environments/dev.yaml:7:13: error:");
}

TEST_CASE("a missing parameter value fails synth") {
  Project p;
  expect_failure_keeps_output(
      p, [&] { p.write_env("prod", "  {}\n"); }, "az_count");
}

TEST_CASE("a value outside its validation fails synth") {
  Project p;
  expect_failure_keeps_output(
      p, [&] { p.write_env("prod", "  az_count: 9\n"); }, "must be at most 3, got 9");
}

TEST_CASE("a malformed environment file fails synth at the syntax error") {
  Project p;
  expect_failure_keeps_output(
      p, [&] { write_file(p.dir.path() / "environments/dev.yaml", "region: [us-east-1\n"); },
      "environments/dev.yaml:");
}

TEST_CASE("an unknown environment on the command line fails with a suggestion") {
  Project p;
  expect_failure_keeps_output(p, [] {}, "did you mean \"prod\"?", {"synth", "--env", "prd"});
}

TEST_CASE("model and environment problems are reported together") {
  Project p;
  p.app.stack("late").resource("aws_vpc", "x").set("count", 1);
  p.write_env("dev", "  az_count: 0\n");
  const Run r = run(p.app, {"synth"});
  CHECK(r.code == 2);
  CHECK(r.err.find("K1012") != std::string::npos);
  CHECK(r.err.find("must be at least 1, got 0") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(p.out()));
}

TEST_CASE("a secret in plain text in an environment file fails synth") {
  Project p;
  p.app.param<std::string>("db_password", {.description = "Master password.", .sensitive = true});
  expect_failure_keeps_output(
      p, [&] { p.write_env("dev", "  az_count: 1\n  db_password: hunter2\n"); },
      "environments/dev.yaml:8:16: error: parameter \"db_password\" is "
      "sensitive; its value must not be written in plain text (K2044)");
}

TEST_CASE("a sensitive parameter needs no value in the file and is left out of tfvars") {
  Project p;
  p.app.param<std::string>("db_password", {.description = "Master password.", .sensitive = true});
  REQUIRE(run(p.app, {"synth"}).code == 0);
  CHECK(read_file(p.out() / "terraform/environments/dev/terraform.tfvars.json") ==
        "{\n  \"az_count\": 1\n}\n");
  CHECK(read_file(p.out() / "terraform/environments/dev/variables.tf.json")
            .find("\"sensitive\": true") != std::string::npos);
}

TEST_CASE("a sensitive parameter with a default is reported") {
  App app{"secrets"};
  app.param<std::string>("token", {.sensitive = true, .default_value = "abc"});
  REQUIRE(app.reported().size() == 1);
  CHECK(app.reported()[0].code == "K1026");
}

TEST_CASE("a missing environments directory is reported as such, with the documented code") {
  Project p;
  std::filesystem::remove_all(p.dir.path() / "environments");
  const Run r = run(p.app, {"synth"});
  CHECK(r.code == 2);
  CHECK_MESSAGE(r.err.find("/environments\" does not exist (K2030)") != std::string::npos, r.err);
  CHECK(r.err.find("K1030") == std::string::npos);
}

TEST_CASE("an environments directory without files is reported as empty") {
  Project p;
  std::filesystem::remove(p.dir.path() / "environments" / "dev.yaml");
  std::filesystem::remove(p.dir.path() / "environments" / "prod.yaml");
  const Run r = run(p.app, {"synth"});
  CHECK(r.code == 2);
  CHECK_MESSAGE(r.err.find("no environment files (*.yaml) in ") != std::string::npos, r.err);
  CHECK(r.err.find("(K1030)") != std::string::npos);
}

TEST_CASE("an error finding of the policy rules stops synth unless the environment accepts it") {
  TempDir dir;
  App app{"shop", options_at(dir.path())};
  app.stack("data")
      .resource("aws_db_instance", "db")
      .set("storage_encrypted", false)
      .set("db_subnet_group_name", "data")
      .set("iam_database_authentication_enabled", true)
      .set("backup_retention_period", 7);
  write_file(dir.path() / "environments/dev.yaml", environment_yaml(""));
  CHECK_THROWS_WITH_AS(synthesize(app, dir.path() / "environments", {}),
                       doctest::Contains("dev: RDS storage is encrypted at rest "
                                         "(module.data.aws_db_instance.db): encryption at rest is "
                                         "off (storage_encrypted is not true) (KSL-RDS-001)"),
                       Error);
  // Accepted with a reason: synth goes on; a suppression that matches
  // nothing is a warning.
  write_file(dir.path() / "environments/dev.yaml",
             environment_yaml("") +
                 "policy:\n  suppress:\n"
                 "    - {rule: KSL-RDS-001, path: data/db, reason: Synthetic data only.}\n"
                 "    - {rule: KSL-S3-001, reason: No bucket here.}\n");
  const Synthesis s = synthesize(app, dir.path() / "environments", {});
  REQUIRE(s.warnings.size() == 1);
  CHECK(s.warnings[0].code == "K2059");
  CHECK(s.warnings[0].message == "the suppression of KSL-S3-001 matches nothing");
}
