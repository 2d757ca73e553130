#include "generators/terraform_root.h"

#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "dsl/app.h"
#include "test_support.h"

using namespace keelson;
using nlohmann::json;

namespace {

// The default AWS provider's tags in the root of an environment with `env_tags`.
json default_tags(const App& app, const std::string& env_tags) {
  const Environment env = parse_environment(
      "region: us-east-1\naccount: \"123456789012\"\n"
      "backend:\n  bucket: test-terraform-state\n  use_lockfile: true\n" + env_tags,
      "dev.yaml", "dev");
  FileSet files;
  emit_root(plan_app(app), env, {}, files);
  const json doc = json::parse(files.at("terraform/environments/dev/providers.tf.json"));
  return doc.at("provider").at("aws").at("default_tags").at("tags");
}

}  // namespace

TEST_CASE("default tags: keelson's own, then the App's, then the environment's; later wins") {
  // GIVEN an App whose tags override keelson's ManagedBy and set a team
  AppOptions options;
  options.tags = {{"ManagedBy", "platform-team"}, {"Team", "core"}, {"Owner", "app"}};
  App app{"tags", options};
  app.stack("s").resource("aws_vpc", "main");
  // WHEN the environment overrides Owner
  const json tags = default_tags(app, "tags:\n  Owner: env\n");
  // THEN the documented order holds
  CHECK(tags == json{{"Environment", "dev"},
                     {"ManagedBy", "platform-team"},
                     {"Owner", "env"},
                     {"Team", "core"}});
}

TEST_CASE("without App or environment tags, keelson's own tags are set") {
  App app{"tags"};
  app.stack("s").resource("aws_vpc", "main");
  CHECK(default_tags(app, "") == json{{"Environment", "dev"}, {"ManagedBy", "keelson"}});
}

TEST_CASE("a provider other than AWS needs a source and a version") {
  App app{"providers"};
  app.provider("random");
  app.provider("tls", {.source = "hashicorp/tls"});
  REQUIRE(app.reported().size() == 2);
  CHECK(app.reported()[0].code == "K1028");
  CHECK(app.reported()[0].message == "provider \"random\" needs a source and a version");
  CHECK(app.reported()[0].where.file.find("terraform_root_test.cpp") != std::string::npos);
  CHECK(app.reported()[1].message == "provider \"tls\" needs a version");
}

TEST_CASE("an aliased provider takes the source and version of its default configuration") {
  App app{"providers"};
  app.provider("random", {.source = "hashicorp/random", .version = "~> 3.6"});
  const Provider& other = app.provider("random", {.alias = "other"});
  CHECK(app.reported().empty());
  CHECK(other.source() == "hashicorp/random");
  CHECK(other.version() == "~> 3.6");
}
