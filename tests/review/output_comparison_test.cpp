// The comparison of two output file sets: what changed per module,
// environment and chart, with replacement and masking.
#include "review/output_comparison.h"

#include <doctest/doctest.h>

#include "dsl/diagnostic.h"
#include "review/comparison_report.h"
#include "review/replacement_table.h"
#include "schema/provider_schema.h"

using namespace keelson;
using namespace keelson::review;

namespace {

const std::string kModule = "terraform/modules/database/main.tf.json";

FileSet module_files(const std::string& resources) {
  return {{kModule, R"({"resource": )" + resources + "}\n"}};
}

const ResourceChange* find(const std::vector<ResourceChange>& list, const std::string& address) {
  for (const auto& r : list) {
    if (r.address == address) return &r;
  }
  return nullptr;
}

}  // namespace

TEST_CASE("identical file sets compare equal") {
  const FileSet files = module_files(R"({"aws_db_instance": {"db": {"engine": "postgres"}}})");
  const Comparison c = compare_outputs(files, files);
  CHECK(c.equal());
  CHECK(c.summary().empty());
  CHECK(text_report(c, "generated") == "no differences with generated\n");
}

TEST_CASE("resources are added, removed, changed in place or replaced, by module address") {
  const FileSet before = module_files(R"({
    "aws_db_instance": {"db": {"engine": "postgres", "instance_class": "db.t4g.micro",
                               "tags": {"Owner": "a"}}},
    "aws_db_subnet_group": {"old": {"name": "x"}},
    "aws_security_group": {"sg": {"ingress": [{"cidr_blocks": ["10.0.0.0/16", "10.1.0.0/16"]}]}}})");
  const FileSet after = module_files(R"({
    "aws_db_instance": {"db": {"engine": "mysql", "instance_class": "db.t4g.small",
                               "tags": {"Owner": "b"}}},
    "aws_db_subnet_group": {"new": {"name": "x"}},
    "aws_security_group": {"sg": {"ingress": [{"cidr_blocks": ["10.0.0.0/16", "10.2.0.0/16"]}]}}})");
  const Comparison c = compare_outputs(before, after);
  REQUIRE(c.modules.size() == 1);
  const auto& m = c.modules[0];
  CHECK(m.name == "database");

  const auto* db = find(m.resources, "module.database.aws_db_instance.db");
  REQUIRE(db != nullptr);
  CHECK(db->action == Action::kReplace);  // engine forces a new instance
  REQUIRE(db->attributes.size() == 3);
  CHECK(db->attributes[0].path == "engine");
  CHECK(*db->attributes[0].before == "\"postgres\"");
  CHECK(*db->attributes[0].after == "\"mysql\"");
  CHECK(db->attributes[0].forces_replacement);
  CHECK(db->attributes[1].path == "instance_class");
  CHECK_FALSE(db->attributes[1].forces_replacement);
  CHECK(db->attributes[2].path == "tags.Owner");

  // A renamed resource is a new address: destroy and create.
  CHECK(find(m.resources, "module.database.aws_db_subnet_group.old")->action == Action::kDelete);
  CHECK(find(m.resources, "module.database.aws_db_subnet_group.new")->action == Action::kCreate);

  const auto* sg = find(m.resources, "module.database.aws_security_group.sg");
  REQUIRE(sg != nullptr);
  CHECK(sg->action == Action::kUpdate);
  REQUIRE(sg->attributes.size() == 1);
  CHECK(sg->attributes[0].path == "ingress[0].cidr_blocks[1]");

  const Summary s = c.summary();
  CHECK(s.add == 1);
  CHECK(s.change == 1);
  CHECK(s.replace == 1);
  CHECK(s.destroy == 1);
  CHECK(summary_line(s) == "1 to add, 1 to change, 1 to replace, 1 to destroy");
}

TEST_CASE("expressions are shown as written, odd keys quoted, comments ignored") {
  const FileSet before = module_files(
      R"({"aws_subnet": {"a": {"//": "old note", "cidr_block": "${var.cidr}",
                               "tags": {"kubernetes.io/role/elb": "1"}}}})");
  const FileSet after = module_files(
      R"({"aws_subnet": {"a": {"//": "new note", "cidr_block": "${cidrsubnet(var.cidr, 4, 0)}",
                               "tags": {"kubernetes.io/role/elb": "0"}}}})");
  const Comparison c = compare_outputs(before, after);
  const auto& attributes = c.modules.at(0).resources.at(0).attributes;
  REQUIRE(attributes.size() == 2);
  CHECK(*attributes[0].before == "\"${var.cidr}\"");
  CHECK(*attributes[0].after == "\"${cidrsubnet(var.cidr, 4, 0)}\"");
  CHECK(attributes[1].path == "tags[\"kubernetes.io/role/elb\"]");

  // Only the comment differs: a change of bytes, not of values.
  const Comparison comment =
      compare_outputs(module_files(R"({"aws_vpc": {"v": {"//": "a", "cidr_block": "x"}}})"),
                      module_files(R"({"aws_vpc": {"v": {"//": "b", "cidr_block": "x"}}})"));
  CHECK_FALSE(comment.equal());
  REQUIRE(comment.modules.at(0).files.size() == 1);
  CHECK(comment.modules[0].files[0].formatting_only);
  CHECK(comment.modules[0].resources.empty());
}

TEST_CASE("sensitive values are masked: schema, sensitive variables and secret names") {
  const auto schemas = schema::ProviderSchemas::parse(R"({
    "format_version": "1.0",
    "provider_schemas": {"registry.terraform.io/hashicorp/aws": {
      "provider": {"version": 0, "block": {}},
      "resource_schemas": {"aws_thing": {"version": 0, "block": {
        "attributes": {"token_value": {"type": "string", "optional": true, "sensitive": true},
                       "size": {"type": "number", "optional": true}}}}}}}})",
                                                      "fixture.json");
  FileSet before = module_files(
      R"({"aws_thing": {"t": {"token_value": "a", "size": 1, "master_password": "p1",
                              "note": "${var.plain}", "other": "${var.db_secret}"}}})");
  FileSet after = module_files(
      R"({"aws_thing": {"t": {"token_value": "b", "size": 2, "master_password": "p2",
                              "note": "${var.plain}x", "other": "${var.db_secret}x"}}})");
  const std::string variables =
      R"({"variable": {"db_secret": {"type": "string", "sensitive": true}}})";
  before["terraform/modules/database/variables.tf.json"] = variables;
  after["terraform/modules/database/variables.tf.json"] = variables;
  before["terraform/environments/dev/terraform.tfvars.json"] =
      R"({"db_secret": "s1", "api_key": "k1", "size": 1})";
  after["terraform/environments/dev/terraform.tfvars.json"] =
      R"({"db_secret": "s2", "api_key": "k2", "size": 2})";

  CompareOptions options;
  options.schemas = &schemas;
  const Comparison c = compare_outputs(before, after, options);
  std::map<std::string, ValueChange> by_path;
  for (const auto& v : c.modules.at(0).resources.at(0).attributes) by_path[v.path] = v;
  CHECK(by_path.at("token_value").sensitive);  // the schema says so
  CHECK(*by_path.at("token_value").before == "(sensitive)");
  CHECK(by_path.at("master_password").sensitive);  // the name says so
  CHECK(by_path.at("other").sensitive);            // built from a sensitive variable
  CHECK(*by_path.at("other").after == "(sensitive)");
  CHECK_FALSE(by_path.at("note").sensitive);
  CHECK(*by_path.at("size").after == "2");

  const auto& tfvars = c.environments.at(0).tfvars;
  REQUIRE(tfvars.size() == 3);
  CHECK(tfvars[0].path == "api_key");
  CHECK(tfvars[0].sensitive);
  CHECK(tfvars[1].path == "db_secret");  // sensitive in the module it is passed to
  CHECK(tfvars[1].sensitive);
  CHECK(*tfvars[1].after == "(sensitive)");
  CHECK_FALSE(tfvars[2].sensitive);

  // No masked value reaches any report.
  for (const auto& report : {text_report(c, "g"), markdown_report(c, "g"), json_report(c, "g")}) {
    for (const char* secret : {"\"a\"", "p1", "p2", "s1", "s2", "k1", "k2"}) {
      CHECK(report.find(secret) == std::string::npos);
    }
  }
}

TEST_CASE("environments: tfvars, backend and providers, and the modules they call") {
  const std::string root_before = R"({
    "module": {"database": {"source": "../../modules/database", "size": "${var.size}"}},
    "provider": {"aws": [{"region": "us-east-1", "default_tags": {"tags": {"Team": "a"}}}]},
    "terraform": {"backend": {"s3": {"key": "app/dev/terraform.tfstate"}}}})";
  const std::string root_after = R"({
    "module": {"database": {"source": "../../modules/database", "size": "${var.size}"}},
    "provider": {"aws": [{"region": "us-east-1", "default_tags": {"tags": {"Team": "b"}}}]},
    "terraform": {"backend": {"s3": {"key": "app/development/terraform.tfstate"}}}})";
  FileSet before = module_files(R"({"aws_db_instance": {"db": {"instance_class": "a"}}})");
  FileSet after = module_files(R"({"aws_db_instance": {"db": {"instance_class": "b"}}})");
  before["terraform/environments/dev/main.tf.json"] = root_before;
  after["terraform/environments/dev/main.tf.json"] = root_after;
  before["terraform/environments/dev/terraform.tfvars.json"] = R"({"size": 1})";
  after["terraform/environments/dev/terraform.tfvars.json"] = R"({"size": 2})";
  before["terraform/environments/dev/tests/plan.tftest.json"] = "{}";
  after["terraform/environments/dev/tests/plan.tftest.json"] = R"({"run": []})";

  // prod changed nothing of its own, but calls the changed module; test
  // changed nothing and calls no module.
  before["terraform/environments/prod/main.tf.json"] = root_after;
  after["terraform/environments/prod/main.tf.json"] = root_after;
  before["terraform/environments/test/main.tf.json"] = "{}";
  after["terraform/environments/test/main.tf.json"] = "{}";

  const Comparison c = compare_outputs(before, after);
  REQUIRE(c.environments.size() == 2);
  CHECK(c.environments[1].name == "prod");
  CHECK(c.environments[1].empty());
  CHECK(c.summary(c.environments[1]).change == 1);
  const auto& dev = c.environments[0];
  CHECK(dev.name == "dev");
  CHECK(dev.modules == std::vector<std::string>{"database"});
  REQUIRE(dev.tfvars.size() == 1);
  CHECK(dev.tfvars[0].path == "size");
  REQUIRE(dev.backend.size() == 1);
  CHECK(dev.backend[0].path == "terraform.backend.s3.key");
  REQUIRE(dev.providers.size() == 1);
  CHECK(dev.providers[0].path == "provider.aws[0].default_tags.tags.Team");
  CHECK(dev.root.empty());
  REQUIRE(dev.files.size() == 1);
  CHECK(dev.files[0].path == "terraform/environments/dev/tests/plan.tftest.json");
  // The module's change counts for the environment that calls it.
  CHECK(c.summary(dev).change == 1);
}

TEST_CASE("Helm charts: Chart.yaml fields, values by file, templates by file") {
  const std::string base = "helm-charts/api/";
  const FileSet before = {
      {base + "Chart.yaml", "apiVersion: v2\nname: api\nversion: \"1.0.0\"\nappVersion: \"1.0\"\n"},
      {base + "values.yaml", "replicaCount: 2\nimage:\n  tag: \"1.0\"\n"},
      {base + "values-prod.yaml", "autoscaling:\n  maxReplicas: 10\nenv:\n  API_TOKEN: abc\n"},
      {base + "templates/deployment.yaml", "kind: Deployment\n{{ .Values.x }}\n"},
      {base + "templates/old.yaml", "kind: Service\n"},
      {base + "README.md", "# api\n"},
  };
  const FileSet after = {
      {base + "Chart.yaml", "apiVersion: v2\nname: api\nversion: \"1.1.0\"\nappVersion: \"1.0\"\n"},
      {base + "values.yaml", "replicaCount: 2\nimage:\n  tag: \"1.0\"\n"},
      {base + "values-prod.yaml", "autoscaling:\n  maxReplicas: 12\n"},
      {base + "templates/deployment.yaml", "kind: Deployment\n{{ .Values.y }}\n"},
      {base + "README.md", "# api\n"},
  };
  const Comparison c = compare_outputs(before, after);
  REQUIRE(c.charts.size() == 1);
  const auto& chart = c.charts[0];
  REQUIRE(chart.chart.size() == 1);
  CHECK(chart.chart[0].path == "version");
  CHECK(*chart.chart[0].before == "\"1.0.0\"");
  CHECK(*chart.chart[0].after == "\"1.1.0\"");
  REQUIRE(chart.values.count("values-prod.yaml") == 1);
  const auto& prod = chart.values.at("values-prod.yaml");
  REQUIRE(prod.size() == 2);
  CHECK(prod[0].path == "autoscaling.maxReplicas");
  CHECK(*prod[0].before == "10");  // a YAML number stays a number
  CHECK(*prod[0].after == "12");
  CHECK(prod[1].path == "env.API_TOKEN");
  CHECK(prod[1].sensitive);
  CHECK(*prod[1].before == "(sensitive)");
  CHECK_FALSE(prod[1].after.has_value());
  CHECK(chart.values.count("values.yaml") == 0);
  REQUIRE(chart.templates.size() == 2);
  CHECK(chart.templates[0].path == base + "templates/deployment.yaml");
  CHECK(chart.templates[0].kind == FileChange::Kind::kChanged);
  CHECK(chart.templates[1].kind == FileChange::Kind::kRemoved);
  CHECK(chart.files.empty());
}

TEST_CASE("ignored files are listed, never compared; other files by path") {
  CompareOptions options;
  options.ignored = {"terraform/modules/network/z.tf.json", "terraform/modules/network/NOTES.md"};
  const FileSet before = {{"compliance/dev/controls.md", "a\n"}};
  const FileSet after = {{"compliance/dev/controls.md", "b\n"}};
  const Comparison c = compare_outputs(before, after, options);
  CHECK(c.ignored == std::vector<std::string>{"terraform/modules/network/NOTES.md",
                                              "terraform/modules/network/z.tf.json"});
  REQUIRE(c.files.size() == 1);
  CHECK(c.files[0].path == "compliance/dev/controls.md");
  const std::string text = text_report(c, "generated");
  CHECK(text.find("ignored (not written by keelson)\n  terraform/modules/network/NOTES.md\n") !=
        std::string::npos);

  // Ignored files alone leave the output equal.
  const Comparison only_ignored = compare_outputs(after, after, options);
  CHECK(only_ignored.equal());
}

TEST_CASE("a malformed JSON or YAML file of the directory is an error naming it") {
  const auto error_of = [](const FileSet& before, const FileSet& after) -> std::string {
    try {
      compare_outputs(before, after, {}, "generated/");
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  };
  std::string message =
      error_of({{kModule, "{\"resource\": "}}, module_files(R"({"aws_vpc": {}})"));
  CHECK(message.find("K4010") != std::string::npos);
  CHECK(message.find("\"generated/terraform/modules/database/main.tf.json\" is not valid JSON") !=
        std::string::npos);

  const std::string values = "helm-charts/api/values-dev.yaml";
  message = error_of({{values, "a: [1, 2\n"}}, {{values, "a: [1, 2]\n"}});
  CHECK(message.find("\"generated/helm-charts/api/values-dev.yaml\" is not valid YAML: line ") !=
        std::string::npos);
}

TEST_CASE("the replacement table matches nested paths and whole blocks") {
  CHECK(forces_replacement("aws_db_instance", "identifier"));
  CHECK_FALSE(forces_replacement("aws_db_instance", "instance_class"));
  CHECK(forces_replacement("aws_eks_node_group", "launch_template.id"));
  CHECK_FALSE(forces_replacement("aws_eks_node_group", "launch_template.version"));
  CHECK(forces_replacement("aws_eks_node_group", "remote_access.ec2_ssh_key"));
  CHECK_FALSE(forces_replacement("aws_unknown", "identifier"));
}

TEST_CASE("reports are ordered and the same for the same input") {
  const FileSet before = module_files(R"({"aws_vpc": {"b": {"x": 1}, "a": {"x": 1}}})");
  const FileSet after = module_files(R"({"aws_vpc": {"b": {"x": 2}, "a": {"x": 2}}})");
  const Comparison c = compare_outputs(before, after);
  CHECK(c.modules.at(0).resources.at(0).address == "module.database.aws_vpc.a");
  CHECK(markdown_report(c, "g") == markdown_report(compare_outputs(before, after), "g"));
  CHECK(json_report(c, "g") == json_report(compare_outputs(before, after), "g"));
}
