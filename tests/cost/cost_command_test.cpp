// `cost` on the command line: the budget's exit code, the delta against a
// previous synth's output, and bad input exiting 2.
#include <doctest/doctest.h>

#include "test_support.h"

using namespace keelson;
using namespace keelson::testing;

namespace {

// A dashboard ($3.00 a month) and a counted NAT gateway.
struct CostProject {
  TempDir dir;
  App app{"demo", options_at(dir.path())};

  CostProject() {
    auto nats = app.param<int>("nat_count", {.description = "NAT gateways."});
    auto& stack = app.stack("platform");
    stack.resource("aws_cloudwatch_dashboard", "main")
        .set("dashboard_name", "demo")
        .set("dashboard_body", "{}");
    stack.resource("aws_nat_gateway", "nat").set("subnet_id", "subnet-1").count(nats);
    budget("dev", 1, "200");
  }

  void budget(const std::string& env, int nats, const std::string& budget) {
    write_file(dir.path() / "environments" / (env + ".yaml"),
               environment_yaml("  nat_count: " + std::to_string(nats) + "\n") +
                   "cost:\n  budget: " + budget + "\n");
  }
};

}  // namespace

TEST_SUITE("cost command") {
  TEST_CASE("within budget exits 0, over it exits 1") {
    CostProject p;
    Run r = run(p.app, {"cost"});
    CHECK(r.code == 0);
    // $3.00 + $32.85 + 100 GB × $0.045
    CHECK(r.out.find(
              "environment dev (us-east-1): $40.35 a month, budget $200.00: within budget") == 0);
    p.budget("dev", 1, "40");
    r = run(p.app, {"cost", "--format", "markdown"});
    CHECK(r.code == 1);
    CHECK(r.out.find("| dev | us-east-1 | $40.35 | budget $40.00: OVER by $0.35 |") !=
          std::string::npos);
  }

  TEST_CASE("--against compares with the estimate a synth wrote") {
    CostProject p;
    const Run synth = run(p.app, {"synth"});
    INFO(synth.err);
    REQUIRE(synth.code == 0);
    CHECK(std::filesystem::exists(p.dir.path() / "generated/cost/dev/estimate.json"));
    CHECK(std::filesystem::exists(p.dir.path() / "generated/cost/cost-by-stack.svg"));
    p.budget("dev", 2, "200");
    const Run r = run(p.app, {"cost", "--against", (p.dir.path() / "generated").string()});
    CHECK(r.code == 0);
    CHECK(r.out ==
          "environment dev: $40.35 -> $77.70 a month (+$37.35, +92.6%); within budget of "
          "$200.00\n"
          "  stack platform                            $40.35 ->      $77.70 (+$37.35)\n"
          "  changed module.platform.aws_nat_gateway.nat +$37.35\n");
  }

  TEST_CASE("bad input exits 2 with a clear message") {
    CostProject p;
    Run r = run(p.app, {"cost", "--against", (p.dir.path() / "nowhere").string()});
    CHECK(r.code == 2);
    CHECK(r.err.find("is not a directory (K2088)") != std::string::npos);
    write_file(p.dir.path() / "old/cost/dev/estimate.json", "{not json");
    r = run(p.app, {"cost", "--against", (p.dir.path() / "old").string()});
    CHECK(r.code == 2);
    CHECK(r.err.find("estimate.json is not a cost estimate: not JSON") != std::string::npos);
    r = run(p.app, {"cost", "--format", "csv"});
    CHECK(r.code == 2);
    p.budget("dev", 1, "cheap");
    r = run(p.app, {"cost"});
    CHECK(r.code == 2);
    CHECK(r.err.find("environments/dev.yaml:9:11: error: cost.budget: expected a positive number, "
                     "got \"cheap\" (K2085)") != std::string::npos);
    write_file(p.dir.path() / "environments/dev.yaml",
               "region: eu-west-3\naccount: \"123456789012\"\n"
               "backend: {bucket: test-terraform-state, use_lockfile: true}\n"
               "parameters:\n  nat_count: 1\n");
    r = run(p.app, {"cost"});
    CHECK(r.code == 2);
    CHECK(r.err.find("the pricing table has no prices for region eu-west-3") != std::string::npos);
  }
}
