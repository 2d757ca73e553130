// The `drift` command and the comparison behind it: a declared app's
// desired configuration against Terraform state in the format of
// `terraform show -json` (tests/data/drift/, hand-written in that format)
// and against a refresh-only plan's JSON.
#include <doctest/doctest.h>

#include <cstdlib>
#include <nlohmann/json.hpp>

#include "drift/compare.h"
#include "dsl/app.h"
#include "dsl/expression.h"
#include "test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

const std::filesystem::path kData = std::filesystem::path(KEELSON_TEST_DATA) / "drift";
const std::filesystem::path kGolden = std::filesystem::path(KEELSON_GOLDEN_DIR) / "drift";

// An app whose dev environment the fixtures describe: a counted resource, a
// for_each one, a block, a set, tags, a policy document and a value the
// state marks sensitive.
struct Shop {
  TempDir dir;
  App app{"shop", options_at(dir.path())};

  Shop() {
    auto cidr = app.param<std::string>("cidr", {.description = "The VPC range."});
    auto zones = app.param<int>("zones", {.description = "How many private subnets."});
    auto& network = app.stack("network");
    auto& vpc = network.resource("aws_vpc", "main")
                    .set("cidr_block", cidr)
                    .set("enable_dns_hostnames", true)
                    .set("tags", Value::Map{{"Name", "shop"}});
    network.resource("aws_subnet", "private")
        .count(zones)
        .set("vpc_id", vpc.id())
        .set("map_public_ip_on_launch", false);
    auto& storage = app.stack("storage");
    auto& bucket = storage.resource("aws_s3_bucket", "artifacts")
                       .set("bucket", "shop-artifacts")
                       .set("tags", Value::Map{{"Team", "platform"}});
    storage.resource("aws_s3_bucket_versioning", "artifacts_versioning")
        .set("bucket", bucket.id())
        .block("versioning_configuration", {{"status", "Enabled"}});
    storage.resource("aws_s3_bucket_policy", "artifacts_tls_only")
        .set("bucket", bucket.id())
        .set("policy", fn::jsonencode(Value::Map{
                           {"Version", "2012-10-17"},
                           {"Statement", Value::List{Value::Map{
                                             {"Effect", "Deny"},
                                             {"Action", "s3:*"},
                                             {"Principal", "*"},
                                             {"Resource", "arn:aws:s3:::shop-artifacts/*"}}}}}));
    storage.resource("aws_db_subnet_group", "main")
        .set("name", "shop")
        .set("subnet_ids", Value::List{"subnet-b", "subnet-a"});
    storage.resource("aws_sqs_queue", "jobs")
        .for_each(Value::List{"emails", "orders"})
        .set("visibility_timeout_seconds", 60);
    storage.resource("aws_ssm_parameter", "token")
        .set("name", "/shop/api")
        .set("type", "String")
        .set("value", "v1");
    write_file(dir.path() / "environments/dev.yaml",
               environment_yaml("  cidr: 10.0.0.0/16\n  zones: 2\n"));
  }
};

// The output with paths written relative to the repository (the fixtures',
// and this file's in the source lines), so golden files hold no machine path
// whatever directory the tests run in.
std::string portable(std::string text) {
  const std::string root =
      std::filesystem::path(KEELSON_TEST_DATA).parent_path().parent_path().generic_string() + "/";
  for (std::size_t at = text.find(root); at != std::string::npos; at = text.find(root, at))
    text.erase(at, root.size());
  return text;
}

void compare_with_golden(const std::string& name, const std::string& content) {
  const auto file = kGolden / name;
  if (std::getenv("UPDATE_GOLDEN") != nullptr) write_file(file, content);
  INFO("golden file: tests/golden/drift/", name);
  REQUIRE(std::filesystem::exists(file));
  CHECK(content == read_file(file));
}

Run run_drift(const Shop& shop, std::vector<std::string> args) {
  args.insert(args.begin(), "drift");
  Run r = run(shop.app, std::move(args));
  r.out = portable(r.out);
  r.err = portable(r.err);
  return r;
}

std::string data(const char* name) { return (kData / name).string(); }

}  // namespace

TEST_SUITE("drift") {
  TEST_CASE("a state that matches the code is in sync: exit 0") {
    Shop shop;
    const Run r = run_drift(shop, {"--env", "dev", "--state", data("state-in-sync.json")});
    CHECK(r.err == "");
    CHECK(r.code == 0);
    // Ten instances: the subnets' count is 2, the queues' keys are two; the
    // data source is not compared, nor computed values (id, arn), a set in
    // another order, or a policy AWS returns with other key order.
    CHECK(r.out ==
          "dev: in sync with tests/data/drift/state-in-sync.json (10 resource(s) as declared)\n");
    const Run j = run_drift(
        shop, {"--env", "dev", "--state", data("state-in-sync.json"), "--format", "json"});
    CHECK(j.code == 0);
    const json report = json::parse(j.out);
    CHECK(report["drift"] == false);
    CHECK(report["summary"]["in_sync"] == 10);
  }

  TEST_CASE("a drifted state: changed values, missing and undeclared resources, exit 2") {
    Shop shop;
    const Run r = run_drift(shop, {"--env", "dev", "--state", data("state-drifted.json")});
    CHECK(r.err == "");
    CHECK(r.code == 2);
    compare_with_golden("state-drifted.txt", r.out);
    const Run j = run_drift(
        shop, {"--env", "dev", "--state", data("state-drifted.json"), "--format", "json"});
    CHECK(j.code == 2);
    compare_with_golden("state-drifted.json", j.out);
    // A sensitive value is never shown, in either format.
    CHECK(r.out.find("v2") == std::string::npos);
    CHECK(j.out.find("v2") == std::string::npos);
    // Same input, same bytes.
    CHECK(run_drift(shop, {"--env", "dev", "--state", data("state-drifted.json")}).out == r.out);
  }

  TEST_CASE(
      "a refresh-only plan: prior_state is compared, resource_drift says what changed outside") {
    Shop shop;
    const Run r = run_drift(shop, {"--env", "dev", "--plan", data("refresh-plan.json")});
    CHECK(r.err == "");
    CHECK(r.code == 2);
    compare_with_golden("refresh-plan.txt", r.out);
    const Run j =
        run_drift(shop, {"--env", "dev", "--plan", data("refresh-plan.json"), "--format", "json"});
    CHECK(j.code == 2);
    compare_with_golden("refresh-plan.json", j.out);
  }

  TEST_CASE("every input error is exit 1 with a message naming the file") {
    Shop shop;
    const TempDir tmp;
    const auto write = [&](const char* name, const std::string& text) {
      write_file(tmp.path() / name, text);
      return (tmp.path() / name).string();
    };
    struct Case {
      std::string option, file, message;
    };
    const std::string state = data("state-in-sync.json");
    const std::string plan = data("refresh-plan.json");
    const std::vector<Case> cases = {
        {"--state", (tmp.path() / "absent.json").string(),
         "error: cannot read " + (tmp.path() / "absent.json").string() +
             ": No such file or directory (K7001)"},
        {"--state", tmp.path().string(),
         "cannot read " + tmp.path().string() + ": it is a directory"},
        {"--state", write("text.json", "Error: No state file was found!\n"),
         "text.json is not JSON: [json.exception.parse_error.101] parse error at line 1, column 1"},
        {"--state", write("list.json", "[]"),
         "list.json is not the JSON of `terraform show -json`"},
        {"--state", write("no-version.json", R"({"values": {"root_module": {}}})"),
         "no-version.json has no \"format_version\""},
        {"--state", write("version-0.json", R"({"format_version": "0.1", "values": {}})"),
         "version-0.json has \"format_version\" \"0.1\"; drift reads major version 1"},
        {"--plan", write("version-2.json", R"({"format_version": "2.0", "prior_state": {}})"),
         "version-2.json has \"format_version\" \"2.0\"; drift reads major version 1"},
        {"--state", write("schema.json", R"({"format_version": "1.0", "provider_schemas": {}})"),
         "schema.json is neither a state nor a plan in the format of `terraform show -json`: it "
         "has "
         "\"provider_schemas\" but no \"values\" (K7004)"},
        {"--state", plan, "refresh-plan.json is a plan, not a state: give it with --plan"},
        {"--plan", state,
         "state-in-sync.json is not a plan in the format of `terraform show -json "
         "PLANFILE`: it is a state, give it with --state"},
        {"--state",
         write("no-root.json", R"({"format_version": "1.0", "values": {"outputs": {}}})"),
         "no-root.json: (top).values has no \"root_module\""},
        {"--state",
         write("no-address.json",
               R"({"format_version": "1.0", "values": {"root_module": {"child_modules": [)"
               R"({"resources": [{"mode": "managed", "type": "aws_vpc", "values": {}}]}]}}})"),
         "no-address.json: (top).values.root_module.child_modules[0].resources[0] has no "
         "\"address\" string (K7005)"},
        {"--plan",
         write("bad-drift.json",
               R"({"format_version": "1.2", "resource_drift": [{"address": "x"}]})"),
         "bad-drift.json: resource_drift[0] lacks \"address\" or \"change.actions\" (K7005)"},
    };
    for (const auto& c : cases) {
      INFO(c.option, " ", c.file);
      const Run r = run_drift(shop, {"--env", "dev", c.option, c.file});
      CHECK(r.code == 1);
      CHECK(r.out == "");
      CHECK_MESSAGE(r.err.find(c.message) != std::string::npos, r.err);
    }
  }

  TEST_CASE("bad usage and an unknown environment are exit 1, not 2 (2 is drift)") {
    Shop shop;
    const std::string state = data("state-in-sync.json");
    Run r = run_drift(shop, {"--env", "prod", "--state", state});
    CHECK(r.code == 1);
    CHECK(r.err.find("prod") != std::string::npos);
    CHECK(r.err.find("dev") != std::string::npos);  // the environments there are
    r = run_drift(shop, {"--state", state});
    CHECK(r.code == 1);
    CHECK(r.err == "demo drift: give the environment with one --env NAME\n");
    r = run_drift(shop, {"--env", "dev"});
    CHECK(r.code == 1);
    CHECK(r.err == "demo drift: give either --state FILE or --plan FILE\n");
    r = run_drift(shop, {"--env", "dev", "--state", state, "--plan", state});
    CHECK(r.code == 1);
    r = run_drift(shop, {"--env", "dev", "--state", state, "--format", "sarif"});
    CHECK(r.code == 1);
    CHECK(r.err == "demo drift: --format must be text or json, not \"sarif\"\n");
    r = run_drift(shop, {"--env", "dev", "--stat", state});
    CHECK(r.code == 1);
    CHECK(r.err.find("did you mean \"--state\"?") != std::string::npos);
    r = run(shop.app, {"drift", "--help"});
    CHECK(r.code == 0);
    CHECK(r.out.find("usage: demo drift --env NAME (--state FILE | --plan FILE)") == 0);
  }
}

namespace {

using drift::DesiredResource;
using drift::DesiredState;
using drift::DriftReport;
using drift::StateResource;
using drift::TerraformState;

DesiredResource desired(const std::string& address, const std::string& type, json after,
                        json unknown = json::object(), std::vector<std::string> instances = {}) {
  DesiredResource out;
  out.view.type = type;
  out.view.address = address;
  out.view.after = std::move(after);
  out.view.after_unknown = std::move(unknown);
  out.instances = instances.empty() ? std::vector<std::string>{address} : std::move(instances);
  return out;
}

DriftReport compared(std::vector<DesiredResource> resources, std::vector<StateResource> state,
                     const schema::ProviderSchemas& schemas = schema::ProviderSchemas::bundled()) {
  DriftReport report;
  drift::compare(DesiredState{.resources = std::move(resources)},
                 TerraformState{.kind = "state", .resources = std::move(state)}, schemas, report);
  return report;
}

// The one attribute difference of the one changed resource, as text.
std::string only_difference(const DriftReport& report) {
  REQUIRE(report.changed.size() == 1);
  REQUIRE(report.changed[0].attributes.size() == 1);
  const auto& a = report.changed[0].attributes[0];
  return a.path + ": " +
         (a.sensitive ? "(sensitive)" : a.desired.dump() + " -> " + a.actual.dump());
}

const char* kVpc = "module.network.aws_vpc.main";

}  // namespace

TEST_SUITE("drift comparison") {
  TEST_CASE("scalars compare as Terraform converts them") {
    const auto vpc =
        desired(kVpc, "aws_vpc", {{"enable_dns_support", "true"}, {"cidr_block", "10.0.0.0/16"}});
    CHECK(
        compared({vpc},
                 {{kVpc, "aws_vpc", {{"enable_dns_support", true}, {"cidr_block", "10.0.0.0/16"}}}})
            .in_sync == 1);
    const auto queue =
        desired("q", "aws_sqs_queue", {{"delay_seconds", "5"}, {"max_message_size", 1024.0}});
    CHECK(compared({queue},
                   {{"q", "aws_sqs_queue", {{"delay_seconds", 5}, {"max_message_size", 1024}}}})
              .in_sync == 1);
    CHECK(only_difference(compared(
              {queue},
              {{"q", "aws_sqs_queue", {{"delay_seconds", 6}, {"max_message_size", 1024}}}})) ==
          "delay_seconds: \"5\" -> 6");
  }

  TEST_CASE("what the code does not know is not drift: unknown values, computed attributes") {
    const auto subnet = desired("s", "aws_subnet", {{"map_public_ip_on_launch", false}},
                                {{"vpc_id", true}, {"cidr_block", true}});
    const StateResource actual{"s",
                               "aws_subnet",
                               {{"map_public_ip_on_launch", false},
                                {"vpc_id", "vpc-1"},
                                {"cidr_block", "10.0.0.0/24"},
                                {"id", "subnet-1"},
                                {"arn", "arn:aws:ec2:us-east-1:1:subnet/subnet-1"}}};
    CHECK(compared({subnet}, {actual}).in_sync == 1);
  }

  TEST_CASE("a map the code sets must match key for key; tags_all only the keys the code knows") {
    const auto vpc =
        desired(kVpc, "aws_vpc",
                {{"tags", {{"Name", "shop"}}},
                 {"tags_all", {{"Name", "shop"}, {"Environment", "dev"}, {"Owner", nullptr}}}},
                {{"tags_all", {{"Owner", true}}}});
    const json tags_all = {
        {"Name", "shop"}, {"Environment", "dev"}, {"Owner", "x"}, {"aws:added", "y"}};
    CHECK(
        compared({vpc}, {{kVpc, "aws_vpc", {{"tags", {{"Name", "shop"}}}, {"tags_all", tags_all}}}})
            .in_sync == 1);
    CHECK(only_difference(compared(
              {vpc}, {{kVpc,
                       "aws_vpc",
                       {{"tags", {{"Name", "shop"}, {"Extra", "1"}}}, {"tags_all", tags_all}}}})) ==
          "tags.Extra: null -> \"1\"");
    CHECK(only_difference(
              compared({vpc}, {{kVpc, "aws_vpc", {{"tags", nullptr}, {"tags_all", tags_all}}}})) ==
          "tags.Name: \"shop\" -> null");
    CHECK(only_difference(
              compared({vpc}, {{kVpc,
                                "aws_vpc",
                                {{"tags", {{"Name", "shop"}}},
                                 {"tags_all", {{"Name", "shop"}, {"Environment", "prod"}}}}}})) ==
          "tags_all.Environment: \"dev\" -> \"prod\"");
  }

  TEST_CASE("a set matches in any order; a list in its order") {
    const auto group = desired("g", "aws_db_subnet_group", {{"subnet_ids", {"a", "b"}}});
    CHECK(compared({group}, {{"g", "aws_db_subnet_group", {{"subnet_ids", {"b", "a"}}}}}).in_sync ==
          1);
    CHECK(only_difference(
              compared({group}, {{"g", "aws_db_subnet_group", {{"subnet_ids", {"b", "c"}}}}})) ==
          "subnet_ids: [\"a\",\"b\"] -> [\"b\",\"c\"]");
    // aws_lb_listener's default_action is a list block: order matters.
    const auto listener =
        desired("l", "aws_lb_listener",
                {{"default_action", {{{"type", "redirect"}}, {{"type", "forward"}}}}});
    const auto swapped = compared(
        {listener},
        {{"l",
          "aws_lb_listener",
          {{"default_action",
            {{{"type", "forward"}, {"order", 1}}, {{"type", "redirect"}, {"order", 2}}}}}}});
    REQUIRE(swapped.changed.size() == 1);
    REQUIRE(swapped.changed[0].attributes.size() == 2);
    CHECK(swapped.changed[0].attributes[0].path == "default_action[0].type");
    CHECK(swapped.changed[0].attributes[0].desired == "redirect");
    CHECK(swapped.changed[0].attributes[1].path == "default_action[1].type");
  }

  TEST_CASE("a block is compared by the arguments the code sets, a single block as an object") {
    const auto versioning = desired("v", "aws_s3_bucket_versioning",
                                    {{"versioning_configuration", {{{"status", "Enabled"}}}}});
    CHECK(
        compared({versioning},
                 {{"v",
                   "aws_s3_bucket_versioning",
                   {{"versioning_configuration", {{{"status", "Enabled"}, {"mfa_delete", ""}}}}}}})
            .in_sync == 1);
    CHECK(
        only_difference(compared(
            {versioning},
            {{"v", "aws_s3_bucket_versioning", {{"versioning_configuration", json::array()}}}})) ==
        "versioning_configuration: [{\"status\":\"Enabled\"}] -> []");
    // A block inside a block is one object in the model, a list of one in
    // the state; `rule` is a set of blocks.
    const auto encryption = desired(
        "e", "aws_s3_bucket_server_side_encryption_configuration",
        {{"rule",
          {{{"apply_server_side_encryption_by_default", {{"sse_algorithm", "aws:kms"}}}}}}});
    const auto encryption_state = [](const char* algorithm) {
      return StateResource{"e",
                           "aws_s3_bucket_server_side_encryption_configuration",
                           {{"rule",
                             {{{"apply_server_side_encryption_by_default",
                                {{{"kms_master_key_id", ""}, {"sse_algorithm", algorithm}}}},
                               {"bucket_key_enabled", false}}}}}};
    };
    CHECK(compared({encryption}, {encryption_state("aws:kms")}).in_sync == 1);
    CHECK(compared({encryption}, {encryption_state("AES256")}).changed.size() == 1);
    // `timeouts` nests as a single block: the state holds an object.
    const auto cluster = desired("c", "aws_eks_cluster", {{"timeouts", {{{"create", "45m"}}}}});
    CHECK(compared(
              {cluster},
              {{"c", "aws_eks_cluster", {{"timeouts", {{"create", "45m"}, {"delete", nullptr}}}}}})
              .in_sync == 1);
    CHECK(only_difference(compared(
              {cluster}, {{"c", "aws_eks_cluster", {{"timeouts", {{"create", "30m"}}}}}})) ==
          "timeouts.create: \"45m\" -> \"30m\"");
  }

  TEST_CASE("policy documents compare by content") {
    const auto policy = desired(
        "p", "aws_iam_policy",
        {{"policy",
          R"({"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:GetObject","Resource":"*"}]})"}});
    const auto state = [](const char* text) {
      return StateResource{"p", "aws_iam_policy", {{"policy", text}}};
    };
    CHECK(
        compared(
            {policy},
            {state(
                R"({"Statement":[{"Resource":"*","Action":["s3:GetObject"],"Effect":"Allow"}],"Version":"2012-10-17"})")})
            .in_sync == 1);
    CHECK(
        compared(
            {policy},
            {state(
                R"({"Statement":[{"Resource":"*","Action":"s3:*","Effect":"Allow"}],"Version":"2012-10-17"})")})
            .changed.size() == 1);
  }

  TEST_CASE(
      "sensitive values are masked: by the state's marks, the schema, and secret-looking names") {
    const auto parameter = desired("t", "aws_ssm_parameter", {{"value", "v1"}, {"name", "/a"}});
    StateResource actual{
        "t", "aws_ssm_parameter", {{"value", "v2"}, {"name", "/a"}}, {{"value", true}}};
    CHECK(only_difference(compared({parameter}, {actual})) == "value: (sensitive)");
    const auto redis = desired("r", "aws_elasticache_replication_group", {{"auth_token", "t1"}});
    CHECK(only_difference(compared(
              {redis}, {{"r", "aws_elasticache_replication_group", {{"auth_token", "t2"}}}})) ==
          "auth_token: (sensitive)");
    // A provider schema that marks an attribute sensitive.
    const auto schemas = schema::ProviderSchemas::parse(
        R"({"format_version": "1.0", "provider_schemas": {"registry.terraform.io/acme/acme": {
              "resource_schemas": {"acme_thing": {"version": 0, "block": {"attributes": {
                "key": {"type": "string", "optional": true, "sensitive": true},
                "name": {"type": "string", "optional": true}}}}}}}})",
        "acme.json");
    const auto thing = desired("a", "acme_thing", {{"key", "k1"}, {"name", "n1"}});
    const auto report =
        compared({thing}, {{"a", "acme_thing", {{"key", "k2"}, {"name", "n2"}}}}, schemas);
    REQUIRE(report.changed.size() == 1);
    REQUIRE(report.changed[0].attributes.size() == 2);
    CHECK(report.changed[0].attributes[0].path == "key");
    CHECK(report.changed[0].attributes[0].sensitive);
    CHECK(report.changed[0].attributes[0].desired.is_null());
    CHECK(report.changed[0].attributes[1].path == "name");
    CHECK_FALSE(report.changed[0].attributes[1].sensitive);
  }

  TEST_CASE("instances: missing, extra, unknown count, module calls; sorted by address") {
    auto subnets =
        desired("module.n.aws_subnet.private", "aws_subnet", json::object(), json::object(),
                {"module.n.aws_subnet.private[0]", "module.n.aws_subnet.private[1]"});
    auto counted_later = desired("module.n.aws_eip.nat", "aws_eip", json::object());
    counted_later.instances.clear();  // the count reads another resource
    DesiredState state_of_code{.resources = {subnets, counted_later},
                               .module_calls = {"module.c.module.eks"}};
    TerraformState state{
        .kind = "state",
        .resources = {{"module.c.module.eks.aws_eks_cluster.this", "aws_eks_cluster"},
                      {"module.n.aws_eip.nat[0]", "aws_eip"},
                      {"module.n.aws_eip.nat[1]", "aws_eip"},
                      {"module.n.aws_subnet.private[2]", "aws_subnet"},
                      {"module.n.aws_subnet.private[0]", "aws_subnet"},
                      {"module.z.aws_s3_bucket.old", "aws_s3_bucket"}}};
    DriftReport report;
    drift::compare(state_of_code, state, schema::ProviderSchemas::bundled(), report);
    CHECK(report.in_sync == 3);  // private[0], nat[0], nat[1]
    CHECK(report.in_module_calls == 1);
    REQUIRE(report.missing.size() == 1);
    CHECK(report.missing[0].address == "module.n.aws_subnet.private[1]");
    REQUIRE(report.undeclared.size() == 2);
    CHECK(report.undeclared[0].address == "module.n.aws_subnet.private[2]");
    CHECK(report.undeclared[1].address == "module.z.aws_s3_bucket.old");
    // No instance at all of a resource whose count is unknown: missing.
    state.resources.erase(state.resources.begin() + 1, state.resources.begin() + 3);
    DriftReport second;
    drift::compare(state_of_code, state, schema::ProviderSchemas::bundled(), second);
    REQUIRE(second.missing.size() == 2);
    CHECK(second.missing[0].address == "module.n.aws_eip.nat");
  }

  TEST_CASE(
      "the state reader leaves out data sources and deposed objects, and reads every module") {
    const auto state =
        drift::read_state(read_file(kData / "state-drifted.json"), "state-drifted.json");
    CHECK(state.kind == "state");
    for (const auto& r : state.resources) {
      CHECK(r.address.find(".data.") == std::string::npos);
    }
    CHECK(std::count_if(state.resources.begin(), state.resources.end(), [](const auto& r) {
            return r.address == "module.storage.aws_ssm_parameter.token";
          }) == 1);
    CHECK(std::is_sorted(state.resources.begin(), state.resources.end(),
                         [](const auto& a, const auto& b) { return a.address < b.address; }));
    // An empty state, as `tofu show -json` prints it before the first apply.
    CHECK(drift::read_state(R"({"format_version": "1.0"})", "empty.json").resources.empty());
    const auto plan =
        drift::read_refresh_plan(read_file(kData / "refresh-plan.json"), "refresh-plan.json");
    CHECK(plan.kind == "plan");
    REQUIRE(plan.outside_changes.size() == 2);
    CHECK(plan.outside_changes[0].address ==
          "module.storage.aws_s3_bucket_versioning.artifacts_versioning");
    CHECK(plan.outside_changes[0].action == "update");
    CHECK(plan.outside_changes[1].action == "delete");
  }
}
