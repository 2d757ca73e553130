#include "dsl/parameter.h"

#include <doctest/doctest.h>

#include <cstdint>
#include <limits>
#include <string>
#include <vector>

#include "dsl/app.h"
#include "dsl/expression.h"

namespace keelson {
namespace {

using Problems = std::vector<std::string>;

Parameter make(std::string name, ParamType type, ParamSpec spec = {}) {
  return Parameter(std::move(name), std::move(type), std::move(spec),
                   SourceLocation{"main.cpp", 7, 3});
}

const Expr& expr_of(const Value& value) {
  REQUIRE(value.is_expr());
  return value.expr();
}

void check_var(const Value& value, const std::string& name) {
  const Expr& e = expr_of(value);
  CHECK(e.kind == Expr::Kind::kVar);
  CHECK(e.text == name);
}

TEST_CASE("scalar parameter types render as Terraform type names") {
  CHECK(ParamType::string().terraform() == "string");
  CHECK(ParamType::number().terraform() == "number");
  CHECK(ParamType::boolean().terraform() == "bool");
  CHECK(ParamType::any().terraform() == "any");
}

TEST_CASE("collection parameter types render with their element type") {
  CHECK(ParamType::list(ParamType::string()).terraform() == "list(string)");
  CHECK(ParamType::map(ParamType::number()).terraform() == "map(number)");
  CHECK(ParamType::list(ParamType::map(ParamType::boolean())).terraform() == "list(map(bool))");
  CHECK(ParamType::list(ParamType::string()).element().kind() == ParamType::Kind::kString);
}

TEST_CASE("object types list their fields sorted by name") {
  const ParamType type =
      ParamType::object({{"size", ParamType::number()}, {"name", ParamType::string()}});
  CHECK(type.kind() == ParamType::Kind::kObject);
  CHECK(type.terraform() == "object({name = string, size = number})");
  CHECK(ParamType::object({}).terraform() == "object({})");
  CHECK(ParamType::list(ParamType::object({{"cidr", ParamType::string()}})).terraform() ==
        "list(object({cidr = string}))");
}

TEST_CASE("the type of a C++ type follows its shape") {
  CHECK(ParamType::of<std::string>().terraform() == "string");
  CHECK(ParamType::of<int>().terraform() == "number");
  CHECK(ParamType::of<double>().terraform() == "number");
  CHECK(ParamType::of<bool>().terraform() == "bool");
  CHECK(ParamType::of<std::vector<std::string>>().terraform() == "list(string)");
  CHECK(ParamType::of<std::map<std::string, int>>().terraform() == "map(number)");
}

TEST_CASE("a parameter keeps what it was declared with and refers to var.<name>") {
  ParamSpec spec;
  spec.description = "How many availability zones";
  const Parameter p = make("az_count", ParamType::number(), spec);
  CHECK(p.name() == "az_count");
  CHECK(p.type().kind() == ParamType::Kind::kNumber);
  CHECK(p.spec().description == "How many availability zones");
  CHECK(p.where().to_string() == "main.cpp:7:3");
  check_var(p.ref(), "az_count");
  check_var(Param<int>(p), "az_count");
}

TEST_CASE("a value of the declared scalar type has no problems") {
  CHECK(make("s", ParamType::string()).check("x").empty());
  CHECK(make("n", ParamType::number()).check(3).empty());
  CHECK(make("n", ParamType::number()).check(2.5).empty());
  CHECK(make("b", ParamType::boolean()).check(false).empty());
}

TEST_CASE("a value of another type is reported with both types named") {
  CHECK(make("n", ParamType::number()).check("3") == Problems{"expected a number, got a string"});
  CHECK(make("s", ParamType::string()).check(3) == Problems{"expected a string, got a number"});
  CHECK(make("b", ParamType::boolean()).check("true") == Problems{"expected a bool, got a string"});
  CHECK(make("s", ParamType::string()).check(nullptr) == Problems{"expected a string, got null"});
  CHECK(make("l", ParamType::list(ParamType::string())).check("a") ==
        Problems{"expected a list, got a string"});
  CHECK(make("m", ParamType::map(ParamType::string())).check(Value::list({})) ==
        Problems{"expected a map, got a list"});
  CHECK(make("o", ParamType::object({})).check(1) == Problems{"expected an object, got a number"});
}

TEST_CASE("any accepts every value") {
  const Parameter p = make("x", ParamType::any());
  CHECK(p.check(nullptr).empty());
  CHECK(p.check(Value::list({1, "a", true})).empty());
  CHECK(p.check(Value::map({{"k", Value::list({})}})).empty());
}

TEST_CASE("every list element is checked and named by its index") {
  const Parameter p = make("names", ParamType::list(ParamType::string()));
  CHECK(p.check(Value::list({"a", "b"})).empty());
  CHECK(p.check(Value::list({"a", "b", true})) ==
        Problems{"element 2: expected a string, got a bool"});
  CHECK(p.check(Value::list({1, "b", 2})) ==
        Problems{"element 0: expected a string, got a number",
                 "element 2: expected a string, got a number"});
}

TEST_CASE("every map value is checked and named by its key") {
  const Parameter p = make("sizes", ParamType::map(ParamType::number()));
  CHECK(p.check(Value::map({{"a", 1}, {"b", 2.5}})).empty());
  CHECK(p.check(Value::map({{"a", 1}, {"b", "big"}})) ==
        Problems{"key \"b\": expected a number, got a string"});
}

TEST_CASE("object values need every field and no others") {
  const Parameter p =
      make("db", ParamType::object({{"name", ParamType::string()}, {"size", ParamType::number()}}));
  CHECK(p.check(Value::map({{"name", "main"}, {"size", 20}})).empty());
  CHECK(p.check(Value::map({{"name", "main"}})) == Problems{"missing field \"size\""});
  CHECK(p.check(Value::map({{"name", "main"}, {"size", 20}, {"sise", 1}})) ==
        Problems{"unknown field \"sise\" (did you mean \"size\"?)"});
  CHECK(p.check(Value::map({{"name", 1}, {"size", 20}, {"zone", 1}})) ==
        Problems{"field \"name\": expected a string, got a number", "unknown field \"zone\""});
}

TEST_CASE("nested type problems carry the whole path") {
  const Parameter p =
      make("subnets", ParamType::list(ParamType::object({{"cidr", ParamType::string()}})));
  CHECK(p.check(
            Value::list({Value::map({{"cidr", "10.0.0.0/24"}}), Value::map({{"cidr", false}})})) ==
        Problems{"element 1: field \"cidr\": expected a string, got a bool"});
}

TEST_CASE("min and max bound numbers and are printed without a fraction") {
  ParamSpec spec;
  spec.min = 1;
  spec.max = 6;
  const Parameter p = make("az_count", ParamType::number(), spec);
  CHECK(p.check(1).empty());
  CHECK(p.check(6).empty());
  CHECK(p.check(3.5).empty());
  CHECK(p.check(0) == Problems{"must be at least 1, got 0"});
  CHECK(p.check(9) == Problems{"must be at most 6, got 9"});
  CHECK(p.check(6.5) == Problems{"must be at most 6, got 6.5"});
  CHECK(p.check(-2.0) == Problems{"must be at least 1, got -2"});
}

TEST_CASE("fractional bounds keep their fraction") {
  ParamSpec spec;
  spec.min = 0.5;
  const Parameter p = make("ratio", ParamType::number(), spec);
  CHECK(p.check(0.25) == Problems{"must be at least 0.5, got 0.25"});
}

TEST_CASE("constraints are not checked while the type is wrong") {
  ParamSpec spec;
  spec.min = 1;
  spec.pattern = "^[a-z]+$";
  CHECK(make("n", ParamType::number(), spec).check("0") ==
        Problems{"expected a number, got a string"});
}

TEST_CASE("allowed values are listed when the value is not one of them") {
  ParamSpec spec;
  spec.allowed = {"db.t4g.medium", "db.r6g.large"};
  const Parameter p = make("db_class", ParamType::string(), spec);
  CHECK(p.check("db.r6g.large").empty());
  CHECK(p.check("db.x") ==
        Problems{"must be one of \"db.t4g.medium\", \"db.r6g.large\"; got \"db.x\""});
}

TEST_CASE("allowed numbers compare numerically") {
  ParamSpec spec;
  spec.allowed = {1, 3.0, 5};
  const Parameter p = make("n", ParamType::number(), spec);
  CHECK(p.check(3).empty());
  CHECK(p.check(5.0).empty());
  CHECK(p.check(4) == Problems{"must be one of 1, 3, 5; got 4"});
}

TEST_CASE("a pattern must match the whole string") {
  ParamSpec spec;
  spec.pattern = "[a-z]+";
  const Parameter p = make("name", ParamType::string(), spec);
  CHECK(p.check("web").empty());
  CHECK(p.check("web1") == Problems{"must match the pattern [a-z]+"});
  spec.pattern = "^[a-z]+$";
  CHECK(make("name", ParamType::string(), spec).check("Web") ==
        Problems{"must match the pattern ^[a-z]+$"});
}

TEST_CASE("an invalid pattern is kept as an error, not thrown, and checks no value") {
  ParamSpec spec;
  spec.pattern = "([a-z";
  const Parameter p = make("name", ParamType::string(), spec);
  CHECK(p.pattern_error() == "missing ]: [a-z");
  CHECK(p.check("a").empty());  // the App reports the pattern once (K1029)
}

TEST_CASE("several failed constraints are all reported") {
  ParamSpec spec;
  spec.max = 2;
  spec.allowed = {1, 2};
  CHECK(make("n", ParamType::number(), spec).check(7) ==
        Problems{"must be at most 2, got 7", "must be one of 1, 2; got 7"});
}

TEST_CASE("messages about a sensitive parameter leave out its value") {
  ParamSpec spec;
  spec.sensitive = true;
  spec.min = 10;
  spec.allowed = {"a", "b"};
  spec.pattern = "[a-z]";
  CHECK(make("secret", ParamType::number(), spec).check(3) ==
        Problems{"must be at least 10", "must be one of \"a\", \"b\""});
  CHECK(make("secret", ParamType::string(), spec).check("hunter2") ==
        Problems{"must be one of \"a\", \"b\"", "must match the pattern [a-z]"});
}

TEST_CASE("a parameter without constraints has no validations") {
  CHECK(make("name", ParamType::string()).validations().empty());
}

TEST_CASE("a range becomes one validation over both bounds") {
  ParamSpec spec;
  spec.min = 1;
  spec.max = 6;
  const auto validations = make("az_count", ParamType::number(), spec).validations();
  REQUIRE(validations.size() == 1);
  CHECK(validations[0].error_message == "The value of az_count must be between 1 and 6.");

  const Expr& both = expr_of(validations[0].condition);
  CHECK(both.kind == Expr::Kind::kBinary);
  CHECK(both.text == "&&");
  REQUIRE(both.args.size() == 2);
  const Expr& lower = expr_of(both.args[0]);
  CHECK(lower.kind == Expr::Kind::kBinary);
  CHECK(lower.text == ">=");
  REQUIRE(lower.args.size() == 2);
  check_var(lower.args[0], "az_count");
  CHECK(lower.args[1].kind() == Value::Kind::kInt);
  CHECK(lower.args[1].as_int() == 1);
  const Expr& upper = expr_of(both.args[1]);
  CHECK(upper.kind == Expr::Kind::kBinary);
  CHECK(upper.text == "<=");
  REQUIRE(upper.args.size() == 2);
  check_var(upper.args[0], "az_count");
  CHECK(upper.args[1].kind() == Value::Kind::kInt);
  CHECK(upper.args[1].as_int() == 6);
}

TEST_CASE("a whole-number parameter is checked to be whole at plan time too") {
  const auto validations = make("az_count", ParamType::of<int>()).validations();
  REQUIRE(validations.size() == 1);
  CHECK(validations[0].error_message == "The value of az_count must be a whole number.");
  const Expr& equal = expr_of(validations[0].condition);
  CHECK(equal.kind == Expr::Kind::kBinary);
  CHECK(equal.text == "==");
  REQUIRE(equal.args.size() == 2);
  CHECK(expr_of(equal.args[0]).kind == Expr::Kind::kCall);
  CHECK(expr_of(equal.args[0]).text == "floor");
  check_var(equal.args[1], "az_count");
  CHECK(make("ratio", ParamType::number()).validations().empty());
}

TEST_CASE("a single bound becomes a single comparison") {
  ParamSpec low;
  low.min = 0.5;
  const auto at_least = make("ratio", ParamType::number(), low).validations();
  REQUIRE(at_least.size() == 1);
  CHECK(at_least[0].error_message == "The value of ratio must be at least 0.5.");
  const Expr& ge_expr = expr_of(at_least[0].condition);
  CHECK(ge_expr.text == ">=");
  CHECK(ge_expr.args[1].kind() == Value::Kind::kFloat);
  CHECK(ge_expr.args[1].as_number() == 0.5);

  ParamSpec high;
  high.max = 100;
  const auto at_most = make("size", ParamType::number(), high).validations();
  REQUIRE(at_most.size() == 1);
  CHECK(at_most[0].error_message == "The value of size must be at most 100.");
  const Expr& le_expr = expr_of(at_most[0].condition);
  CHECK(le_expr.kind == Expr::Kind::kBinary);
  CHECK(le_expr.text == "<=");
  check_var(le_expr.args[0], "size");
  CHECK(le_expr.args[1].as_int() == 100);
}

TEST_CASE("allowed values become a contains() validation") {
  ParamSpec spec;
  spec.allowed = {"db.t4g.medium", "db.r6g.large"};
  const auto validations = make("db_class", ParamType::string(), spec).validations();
  REQUIRE(validations.size() == 1);
  CHECK(validations[0].error_message ==
        "The value of db_class must be one of \"db.t4g.medium\", \"db.r6g.large\".");
  const Expr& call = expr_of(validations[0].condition);
  CHECK(call.kind == Expr::Kind::kCall);
  CHECK(call.text == "contains");
  REQUIRE(call.args.size() == 2);
  CHECK(call.args[0] == Value::list({"db.t4g.medium", "db.r6g.large"}));
  check_var(call.args[1], "db_class");
}

TEST_CASE("a pattern becomes can(regex()) anchored around the whole pattern") {
  ParamSpec spec;
  spec.pattern = "[a-z]+|[0-9]+";
  const auto validations = make("name", ParamType::string(), spec).validations();
  REQUIRE(validations.size() == 1);
  CHECK(validations[0].error_message == "The value of name must match the pattern [a-z]+|[0-9]+.");
  const Expr& can = expr_of(validations[0].condition);
  CHECK(can.kind == Expr::Kind::kCall);
  CHECK(can.text == "can");
  REQUIRE(can.args.size() == 1);
  const Expr& regex = expr_of(can.args[0]);
  CHECK(regex.kind == Expr::Kind::kCall);
  CHECK(regex.text == "regex");
  REQUIRE(regex.args.size() == 2);
  CHECK(regex.args[0] == Value("^(?:[a-z]+|[0-9]+)$"));
  check_var(regex.args[1], "name");
}

TEST_CASE("validations come in the order range, allowed, pattern") {
  ParamSpec spec;
  spec.min = 1;
  spec.allowed = {1, 2};
  spec.pattern = ".*";
  const auto validations = make("x", ParamType::any(), spec).validations();
  REQUIRE(validations.size() == 3);
  CHECK(expr_of(validations[0].condition).text == ">=");
  CHECK(expr_of(validations[1].condition).text == "contains");
  CHECK(expr_of(validations[2].condition).text == "can");
  for (const auto& validation : validations) {
    CHECK(validation.error_message.front() == 'T');
    CHECK(validation.error_message.back() == '.');
  }
}

TEST_CASE("an int parameter takes only whole numbers within an int's range") {
  const Parameter p = make("az_count", ParamType::of<int>());
  CHECK(p.type().is_whole());
  CHECK(p.type().terraform() == "number");
  CHECK(p.check(3).empty());
  CHECK(p.check(3.0).empty());
  CHECK(p.check(1.5) == Problems{"expected a whole number, got a number with a fraction"});
  CHECK(p.check(std::int64_t{3000000000}) ==
        Problems{"expected a whole number from -2147483648 to 2147483647"});
  CHECK(p.check(2147483648.0) ==
        Problems{"expected a whole number from -2147483648 to 2147483647"});
  CHECK(p.check(-2147483648.0).empty());
}

TEST_CASE("an int64 parameter takes whole numbers up to 2^63 - 1") {
  const Parameter p = make("budget", ParamType::of<std::int64_t>());
  CHECK(p.check(std::int64_t{3000000000}).empty());
  CHECK(p.check(0.25) == Problems{"expected a whole number, got a number with a fraction"});
  CHECK(p.check(9223372036854775808.0) ==
        Problems{"expected a whole number from -9223372036854775808 to 9223372036854775807"});
  CHECK_FALSE(make("ratio", ParamType::of<double>()).type().is_whole());
  CHECK(make("ratio", ParamType::of<double>()).check(0.25).empty());
}

TEST_CASE("whole-number elements are checked inside lists") {
  const Parameter p = make("sizes", ParamType::of<std::vector<int>>());
  CHECK(p.check(Value::list({20, 2.5})) ==
        Problems{"element 1: expected a whole number, got a number with a fraction"});
}

TEST_CASE("infinity and NaN are not numbers a parameter can take") {
  // JSON has neither; they would be written as null.
  const Parameter p = make("ratio", ParamType::number());
  CHECK(p.check(std::numeric_limits<double>::infinity()) ==
        Problems{"expected a finite number, got infinity"});
  CHECK(p.check(std::numeric_limits<double>::quiet_NaN()) ==
        Problems{"expected a number, got NaN"});
}

TEST_CASE("a pattern is RE2 syntax, compiled once, and reports what is wrong with it") {
  ParamSpec spec;
  spec.pattern = "(?!admin)[a-z]+";
  const Parameter p = make("user", ParamType::string(), spec);
  CHECK(p.pattern_error() == "invalid perl operator: (?!");
  CHECK(p.check("bob").empty());
  CHECK(make("user", ParamType::string()).pattern_error().empty());
  spec.pattern = "[a-z]+";
  const Parameter copy = make("user", ParamType::string(), spec);  // copies share the compiled form
  const Parameter second = copy;
  CHECK(second.pattern_error().empty());
  CHECK(second.check("bob").empty());
}

TEST_CASE("a pattern checks a 200,000-character value without exhausting the stack") {
  ParamSpec spec;
  spec.pattern = R"(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}/(1[6-9]|2[0-4]))";
  const Parameter p = make("vpc_cidr", ParamType::string(), spec);
  CHECK(p.check(std::string(200000, '1')) == Problems{"must match the pattern " + spec.pattern});
  spec.pattern = "(a|b)+";
  CHECK(make("ab", ParamType::string(), spec).check(std::string(200000, 'a')).empty());
}

TEST_CASE("a pattern that is not RE2 is reported once, at the parameter's declaration") {
  App app{"patterns"};
  app.param<std::string>("user", {.pattern = "(?<name>[a-z]+)\\k<name>"});
  app.param<std::string>("team", {.pattern = "[a-z]+"});
  REQUIRE(app.reported().size() == 1);
  const Diagnostic& d = app.reported()[0];
  CHECK(d.code == "K1029");
  CHECK(d.message ==
        "the pattern \"(?<name>[a-z]+)\\\\k<name>\" of parameter \"user\" is not a valid regular "
        "expression: invalid perl operator: (?<");
  CHECK(d.hint ==
        "patterns use RE2 syntax, as Terraform's regex() does: no lookaround or backreferences");
  CHECK(d.where.file.find("parameter_test.cpp") != std::string::npos);
}

}  // namespace
}  // namespace keelson
