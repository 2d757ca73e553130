// `validate --engine`: the engine is found on PATH and run in a copy of each
// root; these tests put a stand-in `tofu` there, a shell script that logs how
// it was called and fails or warns on demand.
#include <doctest/doctest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "dsl/app.h"
#include "dsl/stack.h"
#include "test_support.h"

using namespace keelson;
using namespace keelson::testing;
namespace fs = std::filesystem;

namespace {

// Sets PATH for one test and puts it back.
class PathOverride {
 public:
  explicit PathOverride(const std::string& path) {
    if (const char* old = std::getenv("PATH")) old_ = old;
    ::setenv("PATH", path.c_str(), 1);
  }
  ~PathOverride() { ::setenv("PATH", old_.c_str(), 1); }
  PathOverride(const PathOverride&) = delete;
  PathOverride& operator=(const PathOverride&) = delete;

 private:
  std::string old_;
};

std::string read(const fs::path& file) {
  std::ifstream in(file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

struct Project {
  TempDir dir;
  App app{"demo", options_at(dir.path())};

  Project() {
    auto cidr = app.param<std::string>("cidr", {.description = "The VPC range."});
    auto& network = app.stack("network");
    network.resource("aws_vpc", "main").set("cidr_block", cidr);
    network.output("cidr", cidr, {.description = "The VPC range.", .expect = cidr});
    write_file(dir.path() / "environments/dev.yaml", environment_yaml("  cidr: 10.0.0.0/16\n"));
  }

  // A stand-in `tofu` in bin/ that appends "<step> <args>" to calls.log,
  // refuses to run outside a root, and runs `behaviour` (shell) last.
  fs::path engine(const std::string& behaviour) {
    const fs::path bin = dir.path() / "bin";
    fs::create_directories(bin);
    write_file(bin / "tofu",
               "#!/bin/sh\n"
               "echo \"$*\" >>'" +
                   (dir.path() / "calls.log").string() +
                   "'\n"
                   "[ -f main.tf.json ] || { echo 'Error: not a root'; exit 3; }\n" +
                   behaviour);
    fs::permissions(bin / "tofu", fs::perms::owner_all);
    return bin;
  }
};

}  // namespace

TEST_CASE("validate --engine runs init, validate and, with --plan, test in each root") {
  Project p;
  PathOverride path(p.engine("exit 0\n").string());
  const Run r = run(p.app, {"validate", "--engine", "tofu", "--plan"});
  CHECK(r.code == 0);
  CHECK(r.out.find("dev: init, validate, test passed\n") != std::string::npos);
  CHECK(read(p.dir.path() / "calls.log") ==
        "init -backend=false -input=false -no-color\nvalidate -no-color\ntest -no-color\n");
}

TEST_CASE("validate --engine without --plan does not plan") {
  Project p;
  PathOverride path(p.engine("exit 0\n").string());
  const Run r = run(p.app, {"validate", "--engine", "tofu"});
  CHECK(r.code == 0);
  CHECK(r.out.find("dev: init, validate passed\n") != std::string::npos);
  CHECK(read(p.dir.path() / "calls.log").find("test") == std::string::npos);
}

TEST_CASE("validate --engine exits 1 with the engine's output when a step fails or warns") {
  Project p;
  SUBCASE("a failure stops the root at that step") {
    PathOverride path(
        p.engine("[ \"$1\" = validate ] && { echo 'Error: Unsupported argument'; exit 1; }\n"
                 "exit 0\n")
            .string());
    const Run r = run(p.app, {"validate", "--engine", "tofu", "--plan"});
    CHECK(r.code == 1);
    CHECK(r.out.find("Error: Unsupported argument\ndev: `tofu validate` failed (exit 1)\n") !=
          std::string::npos);
    CHECK(read(p.dir.path() / "calls.log").find("test") == std::string::npos);
    // The copy it ran in is kept for a look, and named.
    const std::string kept = "the synthesized output and the logs are kept in ";
    const auto at = r.out.find(kept);
    REQUIRE(at != std::string::npos);
    const fs::path scratch =
        r.out.substr(at + kept.size(), r.out.find('\n', at) - at - kept.size());
    CHECK(fs::exists(scratch / "terraform/environments/dev/tests/plan.tftest.json"));
    fs::remove_all(scratch);
  }
  SUBCASE("a warning fails too") {
    PathOverride path(
        p.engine("[ \"$1\" = test ] && echo 'Warning: Deprecated attribute'\nexit 0\n").string());
    const Run r = run(p.app, {"validate", "--engine", "tofu", "--plan"});
    CHECK(r.code == 1);
    CHECK(r.out.find("dev: `tofu test` warned\n") != std::string::npos);
  }
  SUBCASE("init's note on a mirror's lock file is not a warning about the configuration") {
    PathOverride path(
        p.engine("echo 'Warning: Incomplete lock file information for providers'\n").string());
    CHECK(run(p.app, {"validate", "--engine", "tofu"}).code == 0);
  }
}

TEST_CASE("validate --engine: a missing engine and misused options are exit 2") {
  Project p;
  {
    PathOverride path((p.dir.path() / "empty").string());
    const Run r = run(p.app, {"validate", "--engine", "terraform"});
    CHECK(r.code == 2);
    CHECK(r.err.find("`terraform` is not on PATH (K5001)") != std::string::npos);
  }
  CHECK(run(p.app, {"validate", "--engine", "pulumi"}).code == 2);
  CHECK(run(p.app, {"validate", "--plan"}).err.find("--plan needs --engine") != std::string::npos);
  CHECK(run(p.app, {"validate", "--engine", "tofu", "--format", "json"}).code == 2);
}
