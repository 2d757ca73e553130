#include <doctest/doctest.h>

#include <nlohmann/json.hpp>

#include "dsl/app.h"
#include "dsl/quote.h"
#include "generators/json_writer.h"
#include "plan/expression_renderer.h"

using namespace keelson;
using nlohmann::json;

namespace {

// References render with their local address, as inside their own module.
std::string hcl(const Value& v) {
  ReferenceRenderer local = [&local](const Expr& ref) { return local_reference(ref, local); };
  return render_hcl(v, local);
}

// The value as the JSON writer renders it, parsed back.
json js(const Value& v) {
  ReferenceRenderer local = [&local](const Expr& ref) { return local_reference(ref, local); };
  return json::parse(json_document(v, local));
}

}  // namespace

TEST_CASE("literals render as JSON and literal template markers are escaped") {
  CHECK(js(nullptr) == json(nullptr));
  CHECK(js(true) == json(true));
  CHECK(js(42) == json(42));
  CHECK(js(2.5) == json(2.5));
  CHECK(js("plain") == json("plain"));
  CHECK(js("cost is ${price} at 100%{x}") == json("cost is $${price} at 100%%{x}"));
  CHECK(js("a lone $ and % stay") == json("a lone $ and % stay"));
  CHECK(js(Value::list({"a", 1})) == json::array({"a", 1}));
  CHECK(js(Value::map({{"${k}", "v"}})) == json{{"$${k}", "v"}});
}

TEST_CASE("literals render in native syntax with quotes and escapes") {
  CHECK(hcl("say \"hi\"\n") == R"("say \"hi\"\n")");
  CHECK(hcl("${x}") == R"("$${x}")");
  CHECK(hcl(Value::list({1, true, nullptr})) == "[1, true, null]");
  CHECK(hcl(Value::map({{"b", 2}, {"a", "x"}})) == R"({"a" = "x", "b" = 2})");
  CHECK(hcl(1.5) == "1.5");
}

TEST_CASE("references render as addresses and are only interpolated in output") {
  App app{"refs"};
  auto& stack = app.stack("s");
  auto& vpc = stack.resource("aws_vpc", "main");
  auto& subnets = stack.resource("aws_subnet", "private").count(3);
  auto& zones = stack.resource("aws_subnet", "zonal").for_each(Value::map({{"a", "10.0.1.0/24"}}));
  auto& ami = stack.data("aws_ami", "ubuntu");
  auto& mod = stack.module("vpc", "terraform-aws-modules/vpc/aws", "5.8.1");

  CHECK(js(vpc.id()) == json("${aws_vpc.main.id}"));
  CHECK(hcl(vpc.attr("cidr_block")) == "aws_vpc.main.cidr_block");
  CHECK(hcl(subnets.at(0).attr("id")) == "aws_subnet.private[0].id");
  CHECK(hcl(subnets.at(count_index()).attr("arn")) == "aws_subnet.private[count.index].arn");
  CHECK(hcl(subnets.all("id")) == "aws_subnet.private[*].id");
  CHECK(hcl(zones.all("id")) == "values(aws_subnet.zonal)[*].id");
  CHECK(hcl(zones.at(each_key()).attr("id")) == "aws_subnet.zonal[each.key].id");
  CHECK(hcl(zones.at("a").attr("id")) == R"(aws_subnet.zonal["a"].id)");
  CHECK(hcl(ami.id()) == "data.aws_ami.ubuntu.id");
  CHECK(hcl(mod.output("vpc_id")) == "module.vpc.vpc_id");
}

TEST_CASE("parameters, iteration symbols and raw text render as written") {
  App app{"vars"};
  auto zones = app.param<int>("az_count");
  CHECK(js(zones) == json("${var.az_count}"));
  CHECK(hcl(count_index()) == "count.index");
  CHECK(hcl(each_key()) == "each.key");
  CHECK(hcl(each_value()) == "each.value");
  CHECK(hcl(raw("local.name")) == "local.name");
}

TEST_CASE("the environment's name is a module variable, and a literal once the root folds it") {
  // GIVEN a template that names the environment
  const Value bucket = str("logs-", environment_name());
  // THEN inside a module it reads var.environment
  CHECK(hcl(environment_name()) == "var.environment");
  CHECK(js(bucket) == json("logs-${var.environment}"));
  // AND a root, written for one environment, folds in the literal name
  CHECK(js(with_environment(environment_name(), "prod")) == json("prod"));
  CHECK(js(with_environment(bucket, "prod")) == json("logs-prod"));
  CHECK(js(with_environment(Value::list({fn::call("upper", {environment_name()})}), "dev")) ==
        json::array({"${upper(\"dev\")}"}));
  // AND values without it are left as they are
  const Value plain = Value::map({{"a", 1}});
  CHECK(with_environment(plain, "dev") == plain);
}

TEST_CASE("a parameter cannot be named environment, the variable environment_name() uses") {
  App app{"names"};
  app.param<std::string>("environment");
  REQUIRE(app.reported().size() == 1);
  CHECK(app.reported()[0].code == "K1016");
  CHECK(app.reported()[0].message == "invalid parameter name \"environment\"");
}

TEST_CASE("functions render with their arguments") {
  App app{"fns"};
  auto cidr = app.param<std::string>("cidr");
  CHECK(hcl(fn::cidrsubnet(cidr, 8, count_index())) == "cidrsubnet(var.cidr, 8, count.index)");
  CHECK(hcl(fn::element(Value::list({"a", "b"}), 1)) == R"(element(["a", "b"], 1))");
  CHECK(hcl(fn::lookup(Value::map({{"dev", 1}}), "prod", 3)) ==
        R"(lookup({"dev" = 1}, "prod", 3))");
  CHECK(hcl(fn::merge({Value::map({{"a", 1}}), Value::map({{"b", 2}})})) ==
        R"(merge({"a" = 1}, {"b" = 2}))");
  CHECK(hcl(fn::jsonencode(Value::map({{"Version", "2012-10-17"}}))) ==
        R"(jsonencode({"Version" = "2012-10-17"}))");
  CHECK(hcl(fn::format("%s-%d", {"web", 3})) == R"(format("%s-%d", "web", 3))");
  CHECK(hcl(fn::call("upper", {"x"})) == R"(upper("x"))");
}

TEST_CASE("conditionals and operators are parenthesized so precedence is explicit") {
  App app{"ops"};
  auto prod = app.param<bool>("is_prod");
  auto zones = app.param<int>("az_count");
  CHECK(hcl(when(prod, zones, 1)) == "var.is_prod ? var.az_count : 1");
  CHECK(hcl(logical_and(ge(zones, 1), le(zones, 6))) ==
        "(var.az_count >= 1) && (var.az_count <= 6)");
  CHECK(hcl(when(eq(zones, 3), "three", "other")) == R"((var.az_count == 3) ? "three" : "other")");
  CHECK(hcl(logical_not(prod)) == "!var.is_prod");
  CHECK(hcl(add(zones, multiply(2, 3))) == "var.az_count + (2 * 3)");
  CHECK(js(when(prod, 3, 1)) == json("${var.is_prod ? 3 : 1}"));
}

TEST_CASE("string templates join literals and expressions and escape the literals") {
  App app{"tpl"};
  auto& bucket = app.stack("s").resource("aws_s3_bucket", "logs");
  const Value arn = str("arn:aws:s3:::", bucket.id(), "/${literal}/", 7);
  CHECK(js(arn) == json("arn:aws:s3:::${aws_s3_bucket.logs.id}/$${literal}/7"));
  CHECK(hcl(fn::jsonencode(Value::list({arn}))) ==
        R"(jsonencode(["arn:aws:s3:::${aws_s3_bucket.logs.id}/$${literal}/7"]))");
}

TEST_CASE("the JSON writer lays out documents exactly as nlohmann's dump(2) does") {
  const Value doc = Value::map({
      {"b", Value::list({1, 2.5, true, nullptr, "x"})},
      {"a", Value::map({})},
      {"c", Value::list({})},
      {"d", Value::map({{"z", "tab\there \"quoted\" back\\slash \x01 unicode é"}, {"y", 1e20}})},
  });
  ReferenceRenderer none;
  const std::string written = json_document(doc, none);
  CHECK(written == json::parse(written).dump(2) + "\n");
  CHECK(written.find("\\u0001") != std::string::npos);
}

TEST_CASE("values compare structurally and numbers by value") {
  CHECK(Value(3) == Value(3.0));
  CHECK(Value("a") == Value(std::string("a")));
  CHECK_FALSE(Value("3") == Value(3));
  CHECK(Value::list({1, "x"}) == Value::list({1, "x"}));
  CHECK(Value::map({{"a", 1}}).contains_expr() == false);
  CHECK(Value::map({{"a", count_index()}}).contains_expr());
}

TEST_CASE("long values are shortened in messages") {
  CHECK(quote_shortened("abc") == "\"abc\"");
  CHECK(quote_shortened(std::string(256, 'a')) == "\"" + std::string(256, 'a') + "\"");
  CHECK(quote_shortened(std::string(300, 'a')) ==
        "\"" + std::string(100, 'a') + "\"... (300 characters)");
  // Cut between characters, never inside one.
  std::string accents;
  for (int i = 0; i < 300; ++i) accents += "\xC3\xA9";
  CHECK(quote_shortened(accents).size() ==
        2 * 100 + 2 + std::string("... (300 characters)").size());
}
