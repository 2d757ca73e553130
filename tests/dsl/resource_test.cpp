#include <doctest/doctest.h>

#include <source_location>

#include <nlohmann/json.hpp>

#include "dsl/app.h"
#include "generators/terraform_module.h"
#include "plan/wiring.h"

using namespace keelson;
using nlohmann::json;

namespace {

// The rendered main.tf.json of stack `name`.
json module_main(const App& app, const std::string& name) {
  const Plan plan = plan_app(app);
  FileSet files;
  for (const auto& stack : plan.stacks) emit_module(plan, stack, files);
  return json::parse(files.at("terraform/modules/" + name + "/main.tf.json"));
}

}  // namespace

TEST_CASE("attributes, nested blocks and dynamic blocks render in the resource body") {
  App app{"bodies"};
  auto& stack = app.stack("s");
  stack.resource("aws_security_group", "web")
      .set("name", "web")
      .set("name", "web-sg")  // a later set replaces
      .block("timeouts", {{"create", "5m"}})
      .dynamic_block("ingress", Value::list({80, 443}),
                     {{"from_port", raw("port.value")}, {"to_port", raw("port.value")}}, "port");
  const json body = module_main(app, "s").at("resource").at("aws_security_group").at("web");
  CHECK(body.at("name") == "web-sg");
  CHECK(body.at("timeouts") == json{{"create", "5m"}});
  CHECK(body.at("dynamic").at("ingress") ==
        json{{"for_each", json::array({80, 443})},
             {"iterator", "port"},
             {"content", {{"from_port", "${port.value}"}, {"to_port", "${port.value}"}}}});
}

TEST_CASE("several blocks of one name render as an array, one as an object") {
  App app{"blocks"};
  auto& stack = app.stack("s");
  stack.resource("aws_lb_listener", "one").block("default_action", {{"type", "forward"}});
  stack.resource("aws_lb_listener", "two")
      .block("default_action", {{"type", "forward"}, {"order", 1}})
      .block("default_action", {{"type", "redirect"}, {"order", 2}});
  const json doc = module_main(app, "s").at("resource").at("aws_lb_listener");
  CHECK(doc.at("one").at("default_action").is_object());
  REQUIRE(doc.at("two").at("default_action").is_array());
  CHECK(doc.at("two").at("default_action").at(1).at("type") == "redirect");
}

TEST_CASE("meta-arguments render with Terraform's JSON forms") {
  App app{"meta"};
  auto& stack = app.stack("s");
  const Provider& replica =
      app.provider("aws", {.alias = "replica", .config = {{"region", "us-west-2"}}});
  auto& vpc = stack.resource("aws_vpc", "main").set("cidr_block", "10.0.0.0/16");
  stack.resource("aws_subnet", "a")
      .count(2)
      .set("vpc_id", vpc.id())
      .depends_on(vpc)
      .lifecycle(
          {.prevent_destroy = true, .create_before_destroy = true, .ignore_changes = {"tags"}})
      .provider(replica);
  stack.resource("aws_eip", "b")
      .for_each(Value::map({{"x", 1}}))
      .lifecycle({.ignore_all_changes = true});
  const json doc = module_main(app, "s").at("resource");
  const json& a = doc.at("aws_subnet").at("a");
  CHECK(a.at("count") == 2);
  CHECK(a.at("depends_on") == json::array({"aws_vpc.main"}));
  CHECK(a.at("lifecycle") == json{{"prevent_destroy", true},
                                  {"create_before_destroy", true},
                                  {"ignore_changes", json::array({"tags"})}});
  CHECK(a.at("provider") == "aws.replica");
  CHECK(doc.at("aws_eip").at("b").at("for_each") == json{{"x", 1}});
  CHECK(doc.at("aws_eip").at("b").at("lifecycle") == json{{"ignore_changes", "all"}});
}

TEST_CASE("overrides are applied last at a dotted path and null removes") {
  App app{"overrides"};
  auto& stack = app.stack("s");
  stack.resource("aws_s3_bucket", "logs")
      .set("bucket", "logs")
      .set("force_destroy", true)
      .add_override("lifecycle.prevent_destroy", true)
      .add_override("tags.Owner", "platform")
      .add_override("force_destroy", nullptr);
  const json body = module_main(app, "s").at("resource").at("aws_s3_bucket").at("logs");
  CHECK(body == json{{"bucket", "logs"},
                     {"lifecycle", {{"prevent_destroy", true}}},
                     {"tags", {{"Owner", "platform"}}}});
}

TEST_CASE("misused meta-arguments and bad override paths are reported") {
  App app{"misuse"};
  auto& stack = app.stack("s");
  stack.resource("aws_vpc", "a").set("count", 2);
  stack.resource("aws_vpc", "b").count(2).for_each(Value::map({}));
  stack.resource("aws_vpc", "c").add_override("tags..Name", "x");
  REQUIRE(app.reported().size() == 3);
  CHECK(app.reported()[0].message == "\"count\" is a meta-argument, not an attribute");
  CHECK(app.reported()[0].hint == "use the count() method instead of set()");
  CHECK(app.reported()[1].message == "count and for_each cannot both be set");
  CHECK(app.reported()[2].message == "invalid override path \"tags..Name\"");
}

TEST_CASE("an invalid resource type is reported and declaration goes on") {
  App app{"types"};
  auto& stack = app.stack("s");
  stack.resource("AWS VPC", "main");
  stack.resource("aws_vpc", "next");
  REQUIRE(app.reported().size() == 1);
  CHECK(app.reported()[0].to_string().find(
            "error: [s/main] invalid resource type \"AWS VPC\" (K1007)") != std::string::npos);
  CHECK(app.reported()[0].where.file.find("resource_test.cpp") != std::string::npos);
  CHECK_THROWS_WITH_AS(plan_app(app), doctest::Contains("K1007"), Error);
}

TEST_CASE("a resource that depends on itself is reported") {
  App app{"cycle"};
  auto& stack = app.stack("s");
  auto& vpc = stack.resource("aws_vpc", "main");
  auto& subnet = stack.resource("aws_subnet", "a");
  vpc.depends_on(vpc);
  subnet.depends_on(vpc);
  REQUIRE(app.reported().size() == 1);
  CHECK(app.reported()[0].code == "K1027");
  CHECK(app.reported()[0].path == "s/main");
  CHECK(app.reported()[0].message == "a resource cannot depend on itself");
  CHECK(vpc.dependencies().empty());
  CHECK(subnet.dependencies().size() == 1);
}

TEST_CASE("suppressions keep rule, reason and line; checkov's rules become its skip comment") {
  App app{"suppressions"};
  auto& stack = app.stack("s");
  auto& bucket = stack.resource("aws_s3_bucket", "logs")
                     .suppress("CKV_AWS_144", "first reason")
                     .suppress("KSL-S3-001", "keelson's own rule")
                     .suppress("CKV2_AWS_62", "no consumer of bucket events");
  bucket.suppress("CKV_AWS_144", "Replicas are made by the storage stack");
  const unsigned line = std::source_location::current().line() - 1;
  auto& zones = stack.data("aws_availability_zones", "available")
                    .suppress("CKV_AWS_394", "zones are filtered by state");
  stack.resource("aws_vpc", "plain");
  CHECK(app.reported().empty());

  // Stored generically, in order; a second suppression of a rule replaces the first.
  REQUIRE(bucket.suppressions().size() == 3);
  CHECK(bucket.suppressions()[0].rule_id == "CKV_AWS_144");
  CHECK(bucket.suppressions()[0].reason == "Replicas are made by the storage stack");
  CHECK(bucket.suppressions()[0].where.line == line);
  CHECK(bucket.suppressions()[0].where.file.find("resource_test.cpp") != std::string::npos);
  CHECK(bucket.suppressions()[1].rule_id == "KSL-S3-001");
  REQUIRE(zones.suppressions().size() == 1);

  // Only checkov's rules are written: one is a string, several a list.
  const json main = module_main(app, "s");
  CHECK(main.at("resource").at("aws_s3_bucket").at("logs").at("//") ==
        json::array({"checkov:skip=CKV_AWS_144:Replicas are made by the storage stack",
                     "checkov:skip=CKV2_AWS_62:no consumer of bucket events"}));
  CHECK(main.at("data").at("aws_availability_zones").at("available").at("//") ==
        "checkov:skip=CKV_AWS_394:zones are filtered by state");
  CHECK_FALSE(main.at("resource").at("aws_vpc").at("plain").contains("//"));
}

TEST_CASE("a suppression without a reason or with a malformed rule id is reported") {
  App app{"bad_suppressions"};
  auto& stack = app.stack("s");
  auto& bucket = stack.resource("aws_s3_bucket", "logs");
  bucket.suppress("CKV_AWS_144", "");
  const unsigned line = std::source_location::current().line() - 1;
  bucket.suppress("CKV_AWS_18", "  \t");
  bucket.suppress("CKV_AWS_145", "first line\nsecond line");
  for (const char* id : {"", "ckv_aws_144", "CKV", "CKV__AWS", "CKV_AWS_", "_CKV_AWS", "CKV AWS 1",
                         "CKV_AWS_144:reason", "1CKV_AWS"}) {
    bucket.suppress(id, "a reason");
  }
  bucket.suppress("bad id", "");  // both problems, both reported
  REQUIRE(app.reported().size() == 14);
  CHECK(app.reported()[0].code == "K1033");
  CHECK(app.reported()[0].path == "s/logs");
  CHECK(app.reported()[0].message == "suppressing \"CKV_AWS_144\" needs a reason");
  CHECK(app.reported()[0].where.line == line);
  CHECK(app.reported()[0].where.file.find("resource_test.cpp") != std::string::npos);
  CHECK(app.reported()[1].code == "K1033");
  CHECK(app.reported()[2].code == "K1033");
  CHECK(app.reported()[2].message == "the reason for suppressing \"CKV_AWS_145\" spans lines");
  for (std::size_t i = 3; i < 12; ++i) CHECK(app.reported()[i].code == "K1034");
  CHECK(app.reported()[4].message == "invalid rule id \"ckv_aws_144\"");
  CHECK(app.reported()[12].code == "K1034");
  CHECK(app.reported()[13].code == "K1033");
  CHECK(bucket.suppressions().empty());
  CHECK_THROWS_WITH_AS(plan_app(app), doctest::Contains("K1033"), Error);
}

TEST_CASE("a module call renders its source, version and inputs") {
  App app{"modules"};
  auto& stack = app.stack("s");
  auto cidr = app.param<std::string>("cidr");
  stack.module("vpc", "terraform-aws-modules/vpc/aws", "5.8.1")
      .set("cidr", cidr)
      .set("name", "main");
  stack.resource("aws_flow_log", "flow")
      .set("vpc_id", stack.module_calls().front()->output("vpc_id"));
  const json doc = module_main(app, "s");
  CHECK(doc.at("module").at("vpc") == json{{"source", "terraform-aws-modules/vpc/aws"},
                                           {"version", "5.8.1"},
                                           {"cidr", "${var.cidr}"},
                                           {"name", "main"}});
  CHECK(doc.at("resource").at("aws_flow_log").at("flow").at("vpc_id") == "${module.vpc.vpc_id}");
}
