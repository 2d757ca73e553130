// `diff` on a realistic change to the reference architecture: the committed
// output, edited to look like the previous release, compared with a fresh
// synthesis. The three reports are golden files (tests/golden/diff/); `make
// golden` (UPDATE_GOLDEN=1) rewrites them, then review the change.
#include <doctest/doctest.h>

#include <functional>
#include <nlohmann/json.hpp>

#include "detection_api.h"
#include "test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

const std::filesystem::path kExample = KEELSON_EXAMPLES_DIR "/detection-api";
const std::filesystem::path kGolden = KEELSON_GOLDEN_DIR "/diff";

void copy_tree(const std::filesystem::path& from, const std::filesystem::path& to) {
  std::filesystem::copy(from, to, std::filesystem::copy_options::recursive);
}

// Replaces `from` by `to` in a file, which must contain it.
void edit(const std::filesystem::path& file, const std::string& from, const std::string& to) {
  std::string text = read_file(file);
  const auto at = text.find(from);
  REQUIRE_MESSAGE(at != std::string::npos, "not in ", file.generic_string(), ": ", from);
  text.replace(at, from.size(), to);
  write_file(file, text);
}

void edit_json(const std::filesystem::path& file, const std::function<void(json&)>& change) {
  json doc = json::parse(read_file(file));
  change(doc);
  write_file(file, doc.dump(2) + "\n");
}

// The example's committed output as the previous release had it: an older
// database identifier and engine version, a security group since renamed, a
// smaller dev database, another state key, an older chart, fewer prod
// replicas, a token since moved to a secret store, and a file of somebody else's.
void make_previous_release(const std::filesystem::path& dir) {
  copy_tree(kExample / "generated", dir);
  const auto modules = dir / "terraform/modules";
  edit_json(modules / "database/main.tf.json", [](json& doc) {
    json& db = doc["resource"]["aws_db_instance"]["postgres"];
    db["identifier"] = "detection-api-db";
    db["engine_version"] = "14";
    db["password"] = "hunter2-not-a-real-one";
  });
  edit_json(modules / "network/main.tf.json", [](json& doc) {
    json& groups = doc["resource"]["aws_security_group"];
    groups["alb"] = groups["alb_sg"];
    groups.erase("alb_sg");
    groups["database_sg"]["tags"]["Name"] = "detection-api-db";
  });
  edit(dir / "terraform/environments/dev/terraform.tfvars.json",
       "\"db_instance_class\": \"db.t4g.small\"", "\"db_instance_class\": \"db.t4g.micro\"");
  edit(dir / "terraform/environments/staging/terraform.tf.json",
       "\"detection-api/staging/terraform.tfstate\"", "\"detection-api/stage/terraform.tfstate\"");
  const auto chart = dir / "helm-charts/detection-api";
  edit(chart / "Chart.yaml", "version: \"1.0.0\"", "version: \"0.9.0\"");
  edit(chart / "values-prod.yaml", "maxReplicas: 12", "maxReplicas: 10");
  edit(chart / "values-dev.yaml", "  LOG_LEVEL: debug\n",
       "  API_TOKEN: not-a-real-token\n  LOG_LEVEL: debug\n");
  edit(chart / "templates/pdb.yaml", "{{- if .Values.podDisruptionBudget.enabled }}",
       "{{- if and .Values.podDisruptionBudget .Values.podDisruptionBudget.enabled }}");
  write_file(modules / "network/NOTES.md", "Not keelson's: ignored by diff.\n");
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

void compare_with_golden(const std::string& name, const std::string& actual) {
  const auto file = kGolden / name;
  if (std::getenv("UPDATE_GOLDEN") != nullptr) write_file(file, actual);
  INFO("golden file: ", file.generic_string());
  CHECK(actual == read_file(file));
}

}  // namespace

TEST_CASE("diff reports a realistic change to detection-api in text, Markdown and JSON") {
  App app{"detection-api", options_at(kExample)};
  detection_api::declare(app);
  TempDir temp;
  const auto previous = temp.path() / "generated";
  make_previous_release(previous);

  for (const auto& [format, golden] :
       std::vector<std::pair<std::string, std::string>>{{"text", "detection-api.txt"},
                                                        {"markdown", "detection-api.md"},
                                                        {"json", "detection-api.json"}}) {
    const Run r = run(app, {"diff", "--against", previous.string(), "--format", format});
    INFO("format: ", format, "\nstderr: ", r.err);
    CHECK(r.code == 1);
    // The temporary directory's name changes from run to run.
    compare_with_golden(golden, replace_all(r.out, previous.generic_string(), "generated"));
    for (const char* secret : {"hunter2", "not-a-real-token"}) {
      CHECK(r.out.find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("diff exits 2 naming the file when the committed output holds malformed JSON or YAML") {
  App app{"detection-api", options_at(kExample)};
  detection_api::declare(app);
  TempDir temp;
  const auto dir = temp.path() / "generated";
  copy_tree(kExample / "generated", dir);
  CHECK(run(app, {"diff", "--against", dir.string()}).code == 0);

  write_file(dir / "terraform/environments/prod/terraform.tfvars.json", "{\"az_count\": 3,}\n");
  Run r = run(app, {"diff", "--against", dir.string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("terraform/environments/prod/terraform.tfvars.json\" is not valid JSON") !=
        std::string::npos);

  std::filesystem::copy(kExample / "generated/terraform/environments/prod/terraform.tfvars.json",
                        dir / "terraform/environments/prod/terraform.tfvars.json",
                        std::filesystem::copy_options::overwrite_existing);
  write_file(dir / "helm-charts/detection-api/values-staging.yaml", "autoscaling: [1, 2\n");
  r = run(app, {"diff", "--against", dir.string(), "--format", "markdown"});
  CHECK(r.code == 2);
  CHECK(r.out.empty());
  CHECK(r.err.find("helm-charts/detection-api/values-staging.yaml\" is not valid YAML: line ") !=
        std::string::npos);
}
