#include "dsl/evaluate.h"

#include <doctest/doctest.h>

#include "dsl/expression.h"

using namespace keelson;

namespace {

std::optional<Value> in_prod(const Value& value) {
  return evaluate(value, [](std::string_view name) -> std::optional<Value> {
    if (name == "zones") return Value(3);
    if (name == "single_nat") return Value(false);
    if (name == "name") return Value("prod");
    return std::nullopt;  // e.g. a sensitive parameter
  });
}

}  // namespace

TEST_CASE("evaluate computes literals, parameters, conditions, operators and a few functions") {
  const Value zones = make_variable("zones");
  const Value single_nat = make_variable("single_nat");
  CHECK(in_prod(42) == Value(42));
  CHECK(in_prod(zones) == Value(3));
  CHECK(in_prod(when(single_nat, 1, zones)) == Value(3));
  CHECK(in_prod(when(logical_not(single_nat), 1, zones)) == Value(1));
  CHECK(in_prod(fn::call("max", {2, zones})) == Value(3));
  CHECK(in_prod(fn::call("min", {2, zones})) == Value(2));
  CHECK(in_prod(add(zones, 1)) == Value(4));
  CHECK(in_prod(multiply(zones, 2)).value().kind() == Value::Kind::kInt);
  CHECK(in_prod(subtract(zones, 0.5)) == Value(2.5));
  CHECK(in_prod(logical_and(ge(zones, 2), eq(make_variable("name"), "prod"))) == Value(true));
  CHECK(in_prod(logical_or(lt(zones, 2), ne(make_variable("name"), "prod"))) == Value(false));
  CHECK(in_prod(fn::length(Value::list({1, 2}))) == Value(2));
  CHECK(in_prod(fn::contains(Value::list({"a", "prod"}), make_variable("name"))) == Value(true));
  CHECK(in_prod(Value::list({zones, "x"})) == Value::list({3, "x"}));
}

TEST_CASE("evaluate leaves to Terraform what it cannot know or does not model") {
  CHECK_FALSE(in_prod(make_variable("password")).has_value());
  CHECK_FALSE(in_prod(add(make_variable("password"), 1)).has_value());
  CHECK_FALSE(in_prod(fn::join("-", Value::list({"a"}))).has_value());
  CHECK_FALSE(in_prod(fn::length("text")).has_value());
  CHECK_FALSE(in_prod(when(make_variable("name"), 1, 2)).has_value());  // not a bool
  CHECK_FALSE(in_prod(logical_and(true, 1)).has_value());
  CHECK_FALSE(in_prod(add("a", 1)).has_value());
  CHECK_FALSE(in_prod(raw("var.zones")).has_value());
}

TEST_CASE("evaluable tells expressions of parameters from those that read the cloud") {
  CHECK(evaluable(3));
  CHECK(evaluable(when(make_variable("a"), 1, fn::call("max", {2, make_variable("b")}))));
  CHECK_FALSE(evaluable(fn::join("-", Value::list({"a"}))));
  CHECK_FALSE(evaluable(raw("aws_vpc.main.id")));
  CHECK_FALSE(evaluable(Value::list({1, count_index()})));
}
