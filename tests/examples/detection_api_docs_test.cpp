// The docs of the reference example, compared byte for byte with the
// reviewed pages in tests/golden/docs/ (`make golden` rewrites them with
// UPDATE_GOLDEN=1; review the diff), and the facts its runbooks must state.
#include <doctest/doctest.h>

#include <cstdlib>

#include "detection_api.h"
#include "environments/environment.h"
#include "generators/docs_model.h"
#include "generators/docs_site.h"
#include "synth/synthesizer.h"
#include "test_support.h"

using namespace keelson;

namespace {

const std::filesystem::path kExample = KEELSON_EXAMPLES_DIR "/detection-api";
const std::filesystem::path kGoldenDocs = std::filesystem::path(KEELSON_GOLDEN_DIR) / "docs";

const FileSet& docs() {
  static const Synthesis kSynthesis = [] {
    static App app{"detection-api", testing::options_at(kExample)};
    detection_api::declare(app);
    return synthesize(app, kExample / "environments", {});
  }();
  static const FileSet kDocs = [] {
    std::vector<DocEnvironment> environments;
    for (const auto& name : kSynthesis.environments) {
      const Environment env = load_environment(kExample / "environments", name);
      environments.push_back({env.name, env.region, env.account, {}, {}, {}});
    }
    return docs_site(docs_model(kSynthesis.plan, kSynthesis.files, environments));
  }();
  return kDocs;
}

bool has(const std::string& path, const std::string& text) {
  return docs().at(path).find(text) != std::string::npos;
}

}  // namespace

TEST_CASE("the docs generators match the reviewed golden output") {
  if (std::getenv("UPDATE_GOLDEN") != nullptr) {
    std::filesystem::remove_all(kGoldenDocs);
    for (const auto& [path, content] : docs()) testing::write_file(kGoldenDocs / path, content);
  }
  const auto expected = testing::snapshot(kGoldenDocs);
  for (const auto& [path, content] : docs()) {
    INFO("file: ", path);
    const std::string missing = "not in the golden files: " + path;
    REQUIRE_MESSAGE(expected.count(path) == 1, missing);
    CHECK(content == expected.at(path));
  }
  for (const auto& [path, _] : expected) {
    const std::string stale = "golden file no longer generated: " + path;
    CHECK_MESSAGE(docs().count(path) == 1, stale);
  }
}

TEST_CASE("the example's docs have a page per module, environment and chart") {
  for (const char* path : {"README.md", "architecture.dot", "modules/network.md",
                           "modules/database.md", "environments/dev.md", "environments/prod.md",
                           "runbooks/prod.md", "charts/detection-api.md"}) {
    CHECK_MESSAGE(docs().count(path) == 1, path);
  }
  CHECK(has("README.md", "```mermaid\nflowchart LR\n"));
}

TEST_CASE("the example's runbooks restore the real database with each environment's retention") {
  CHECK(has("runbooks/prod.md", "--source-db-instance-identifier detection-api-postgres"));
  CHECK(has("runbooks/prod.md", "| Automated backups kept | 30 day(s) |"));
  CHECK(has("runbooks/dev.md", "| Automated backups kept | 7 day(s) |"));
  CHECK(has("runbooks/prod.md", "| Multi-AZ | yes |"));
  CHECK(
      has("runbooks/prod.md",
          "aws rds promote-read-replica --db-instance-identifier detection-api-postgres-replica"));
  CHECK(has("runbooks/dev.md", "Not created in `dev`"));
  CHECK(has("runbooks/prod.md", "--replication-group-id detection-api-redis"));
}
