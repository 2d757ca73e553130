// The `docs` command: where it writes, that it replaces its pages as a
// whole through the same transaction as synth, and its error paths (exit 2).
#include <doctest/doctest.h>

#include "dsl/app.h"
#include "synth/cli.h"
#include "synth/docs_command.h"
#include "test_support.h"

using namespace keelson;
using namespace keelson::testing;

namespace {

struct Project {
  TempDir dir;
  App app{"demo", options_at(dir.path())};

  Project() {
    auto cidr = app.param<std::string>("cidr", {.description = "The VPC range."});
    app.stack("network").resource("aws_vpc", "main").set("cidr_block", cidr);
    write_file(dir.path() / "environments/dev.yaml", environment_yaml("  cidr: 10.0.0.0/16\n"));
  }
};

}  // namespace

TEST_CASE("docs writes its pages into generated/docs beside the app") {
  Project p;
  const Run r = run(p.app, {"docs"});
  INFO(r.err);
  REQUIRE(r.code == 0);
  CHECK(r.out.find("documented 1 stack(s) for dev into ") == 0);
  const auto docs = p.dir.path() / "generated/docs";
  for (const char* file : {"README.md", "architecture.dot", "modules/network.md",
                           "environments/dev.md", "runbooks/dev.md", ".keelson-manifest"}) {
    CHECK_MESSAGE(std::filesystem::is_regular_file(docs / file), file);
  }
  CHECK(read_file(docs / "modules/network.md").find("| `aws_vpc.main` | resource | one |") !=
        std::string::npos);
  CHECK(read_file(docs / "environments/dev.md").find("`\"10.0.0.0/16\"`") != std::string::npos);
  // The same input gives the same bytes.
  const auto before = snapshot(docs);
  REQUIRE(run(p.app, {"docs"}).code == 0);
  CHECK(snapshot(docs) == before);
}

TEST_CASE("docs removes pages of environments that are gone, and keeps files it did not write") {
  Project p;
  write_file(p.dir.path() / "environments/prod.yaml", environment_yaml("  cidr: 10.1.0.0/16\n"));
  const auto out = p.dir.path() / "site";
  REQUIRE(run(p.app, {"docs", "--out", out.string()}).code == 0);
  CHECK(std::filesystem::exists(out / "runbooks/prod.md"));
  write_file(out / "notes.txt", "mine\n");
  REQUIRE(run(p.app, {"docs", "--out", out.string(), "--env", "dev"}).code == 0);
  CHECK_FALSE(std::filesystem::exists(out / "runbooks/prod.md"));
  CHECK(std::filesystem::exists(out / "runbooks/dev.md"));
  CHECK(read_file(out / "notes.txt") == "mine\n");
}

TEST_CASE("docs refuses to overwrite a page keelson did not write") {
  Project p;
  const auto out = p.dir.path() / "site";
  write_file(out / "modules/handwritten.md", "# mine\n");
  const Run r = run(p.app, {"docs", "--out", out.string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("handwritten.md") != std::string::npos);
  CHECK(read_file(out / "modules/handwritten.md") == "# mine\n");
  CHECK_FALSE(std::filesystem::exists(out / "README.md"));
}

TEST_CASE("docs with an unknown environment is exit 2 and writes nothing") {
  Project p;
  const Run r = run(p.app, {"docs", "--env", "nope"});
  CHECK(r.code == 2);
  CHECK(r.err.find("nope") != std::string::npos);
  CHECK_FALSE(std::filesystem::exists(p.dir.path() / "generated/docs"));
}

TEST_CASE("docs --out must be a directory outside the sources") {
  Project p;
  write_file(p.dir.path() / "a-file", "x\n");
  Run r = run(p.app, {"docs", "--out", (p.dir.path() / "a-file").string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("a-file") != std::string::npos);
  CHECK(read_file(p.dir.path() / "a-file") == "x\n");
  r = run(p.app, {"docs", "--out", p.dir.path().string()});
  CHECK(r.code == 2);
  r = run(p.app, {"docs", "--out", (p.dir.path() / "environments").string()});
  CHECK(r.code == 2);
  CHECK(run(p.app, {"docs", "--out"}).code == 2);
}

TEST_CASE("a Graphviz that fails is K7101 with its messages") {
  TempDir dir;
  const auto fake = dir.path() / "dot";
  write_file(fake, "#!/bin/sh\necho 'syntax error in line 1' >&2\nexit 3\n");
  std::filesystem::permissions(fake, std::filesystem::perms::owner_all);
  try {
    render_svg(fake, "digraph {\n");
    FAIL("no error");
  } catch (const Error& e) {
    const std::string message = e.what();
    CHECK(message.find("K7101") != std::string::npos);
    CHECK(message.find("exit 3") != std::string::npos);
    CHECK(message.find("syntax error in line 1") != std::string::npos);
  }
}
