// The GitHub Actions workflow synth writes for an app that declares one.
#include "generators/github_workflow.h"

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <functional>
#include <string>
#include <vector>

#include "policy/secret_scan.h"
#include "synth/output_test_support.h"
#include "test_support.h"

using namespace keelson;
using namespace keelson::testing;

namespace {

const std::vector<WorkflowEnvironment> kEnvironments = {{"dev", "us-east-1", "111111111111"},
                                                        {"staging", "us-east-1", "222222222222"},
                                                        {"prod", "eu-west-1", "333333333333"}};

WorkflowOptions options() {
  WorkflowOptions o;
  o.program = "build/infra";
  o.directory = "infra";
  return o;
}

YAML::Node workflow(const WorkflowOptions& o = options(),
                    const std::vector<WorkflowEnvironment>& envs = kEnvironments) {
  return YAML::Load(github_workflow(o, envs));
}

// Every scalar of `node`, depth first.
void each_scalar(const YAML::Node& node, const std::function<void(const std::string&)>& visit) {
  if (node.IsScalar()) visit(node.Scalar());
  if (node.IsSequence()) {
    for (const auto& item : node) each_scalar(item, visit);
  }
  if (node.IsMap()) {
    for (const auto& entry : node) {
      visit(entry.first.Scalar());
      each_scalar(entry.second, visit);
    }
  }
}

// The `run` scripts of a job, joined.
std::string runs(const YAML::Node& job) {
  std::string out;
  for (const auto& s : job["steps"]) {
    if (s["run"]) out += s["run"].as<std::string>() + "\n";
  }
  return out;
}

}  // namespace

TEST_CASE("the workflow applies environments one after the other behind GitHub environments") {
  const YAML::Node jobs = workflow()["jobs"];
  CHECK(jobs["plan"]["needs"].as<std::string>() == "check");
  CHECK(jobs["apply-dev"]["needs"].as<std::string>() == "plan");
  CHECK(jobs["apply-staging"]["needs"].as<std::string>() == "apply-dev");
  CHECK(jobs["apply-prod"]["needs"].as<std::string>() == "apply-staging");
  for (const char* env : {"dev", "staging", "prod"}) {
    const YAML::Node apply = jobs[std::string("apply-") + env];
    CHECK(apply["environment"].as<std::string>() == env);
    CHECK(apply["if"].as<std::string>() ==
          "github.event_name == 'push' && github.ref == 'refs/heads/main'");
    // The plan reviewed in the pull request's run is the one applied.
    CHECK(runs(apply).find("environments/" + std::string(env) + " apply plan.out") !=
          std::string::npos);
  }
  const YAML::Node include = jobs["plan"]["strategy"]["matrix"]["include"];
  REQUIRE(include.size() == 3);
  CHECK(include[2]["environment"].as<std::string>() == "prod");
  CHECK(include[2]["region"].as<std::string>() == "eu-west-1");
  CHECK(include[2]["role"].as<std::string>() ==
        "arn:aws:iam::333333333333:role/github-actions-plan");
}

TEST_CASE("the workflow reaches AWS through OIDC only, and holds no secret") {
  const std::string text = github_workflow(options(), kEnvironments);
  const YAML::Node doc = YAML::Load(text);
  CHECK(text.find("secrets.") == std::string::npos);
  CHECK(text.find("aws-access-key-id") == std::string::npos);
  each_scalar(doc, [](const std::string& value) {
    const auto found = policy::detect_secret(value, false);
    CHECK_MESSAGE(!found, value);
  });
  // Read-only by default; an identity token only where a job assumes a role.
  CHECK(doc["permissions"]["contents"].as<std::string>() == "read");
  CHECK_FALSE(doc["permissions"]["id-token"]);
  CHECK_FALSE(doc["jobs"]["check"]["permissions"]["id-token"]);
  for (const char* job : {"plan", "apply-dev", "drift"}) {
    CAPTURE(job);
    CHECK(doc["jobs"][job]["permissions"]["id-token"].as<std::string>() == "write");
  }
  CHECK(text.find("role-to-assume: arn:aws:iam::111111111111:role/github-actions-apply") !=
        std::string::npos);
}

TEST_CASE("the workflow checks output, schemas and policy, and plans with policy on the plan") {
  const YAML::Node jobs = workflow()["jobs"];
  const std::string check = runs(jobs["check"]);
  CHECK(check.find("build/infra synth --check --out infra/generated --environments "
                   "infra/environments") != std::string::npos);
  CHECK(check.find("build/infra validate") != std::string::npos);
  CHECK(check.find("build/infra check --format sarif") != std::string::npos);
  const std::string plan = runs(jobs["plan"]);
  for (const char* command : {"init", "fmt -check -recursive", "validate", "plan -lock-timeout=5m",
                              "show -json plan.out > plan.json"}) {
    CAPTURE(command);
    CHECK(plan.find(std::string("tofu -chdir=infra/generated/terraform/environments/"
                                "${{ matrix.environment }} ") +
                    command) != std::string::npos);
  }
  CHECK(plan.find("build/infra check --plan") != std::string::npos);
  CHECK(plan.find("build/infra cost --env ${{ matrix.environment }} --format markdown $against") !=
        std::string::npos);
  const std::string drift = runs(jobs["drift"]);
  CHECK(drift.find("plan -refresh-only -lock=false -out=drift.out") != std::string::npos);
  CHECK(drift.find("build/infra drift --env ${{ matrix.environment }} --plan "
                   "infra/generated/terraform/environments/${{ matrix.environment }}/drift.json") !=
        std::string::npos);
  CHECK(workflow()["on"]["schedule"][0]["cron"].as<std::string>() == "0 6 * * 1-5");
}

TEST_CASE("the workflow follows the engine, the partition and the schedule it is given") {
  WorkflowOptions o = options();
  o.engine = "terraform";
  o.engine_version = "1.14.0";
  o.drift_schedule.clear();
  const std::string text = github_workflow(o, {{"dev", "cn-north-1", "111111111111"}});
  const YAML::Node doc = YAML::Load(text);
  CHECK_FALSE(doc["on"]["schedule"]);
  CHECK_FALSE(doc["jobs"]["drift"]);
  CHECK(text.find("hashicorp/setup-terraform@v4") != std::string::npos);
  CHECK(text.find("terraform_version: \"1.14.0\"") != std::string::npos);
  CHECK(text.find("terraform -chdir=infra/generated/terraform/environments/dev apply plan.out") !=
        std::string::npos);
  CHECK(text.find("arn:aws-cn:iam::111111111111:role/github-actions-apply") != std::string::npos);
  CHECK(github_workflow(options(), kEnvironments)
            .find(std::string("tofu_version: \"") + kDefaultTofuVersion + "\"") !=
        std::string::npos);
}

TEST_CASE("a workflow that cannot be written is refused, naming what is wrong") {
  const std::vector<std::string> names = {"dev", "prod", "staging"};
  CHECK(workflow_problems(options(), names).empty());
  WorkflowOptions o = options();
  o.name = "Infra Pipeline";
  o.program.clear();
  o.engine = "pulumi";
  o.promotion = {"dev", "qa", "prod"};
  CHECK(workflow_problems(o, names) ==
        std::vector<std::string>{
            "the workflow's name \"Infra Pipeline\" is not lower-case letters, digits and -",
            "the workflow needs the program its build makes",
            "the workflow's engine must be tofu or terraform, got \"pulumi\"",
            "the workflow promotes to \"qa\", which has no environment file",
            "environment \"staging\" is not in the workflow's promotion order"});
  o = options();
  o.engine = "terraform";
  CHECK(workflow_problems(o, names) ==
        std::vector<std::string>{"the workflow's engine_version is required with terraform"});
}

TEST_CASE("synth writes the declared workflow, and refuses a bad one at its declaration") {
  OutputProject p;
  p.app.workflow({.program = "build/demo", .promotion = {"dev", "prod"}});
  const Synthesis all = p.synthesis();
  REQUIRE(all.files.count("workflows/infrastructure.yml") == 1);
  CHECK(YAML::Load(all.files.at("workflows/infrastructure.yml"))["jobs"]["apply-prod"]["needs"]
            .as<std::string>() == "apply-dev");
  // Spanning every environment, it is written only when all are.
  CHECK(p.synthesis({"dev"}).files.count("workflows/infrastructure.yml") == 0);

  const int line = __LINE__ + 1;
  p.app.workflow({.program = "build/demo", .promotion = {"dev", "staging", "prod"}});
  const Run r = run(p.app, {"synth"});
  CHECK(r.code == 2);
  CHECK_MESSAGE(r.err.find(":" + std::to_string(line) + ":") != std::string::npos, r.err);
  CHECK_MESSAGE(r.err.find("the workflow promotes to \"staging\", which has no environment file "
                           "(K1060)") != std::string::npos,
                r.err);
  CHECK_FALSE(std::filesystem::exists(p.out()));
}
