#include <doctest/doctest.h>

#include "dsl/app.h"
#include "plan/wiring.h"
#include "test_support.h"

using namespace keelson;

TEST_CASE("a construct's path joins the ids from the app down") {
  // GIVEN an app with a stack, a construct and a resource inside it
  App app{"paths"};
  auto& stack = app.stack("network");
  auto& group = stack.add<Construct>("Vpc");
  auto& vpc = group.resource("aws_vpc", "main");
  // THEN
  CHECK(app.node().path() == "");
  CHECK(stack.node().path() == "network");
  CHECK(vpc.node().path() == "network/Vpc/main");
  CHECK(vpc.node().scope() == &group);
  CHECK(vpc.enclosing_stack() == &stack);
}

TEST_CASE("children keep the order they were added in") {
  App app{"order"};
  auto& stack = app.stack("s");
  stack.resource("aws_vpc", "zeta");
  stack.resource("aws_vpc", "alpha");
  stack.resource("aws_vpc", "mid");
  std::vector<std::string> ids;
  for (const Construct* c : stack.node().children()) ids.push_back(c->node().id());
  CHECK(ids == std::vector<std::string>{"zeta", "alpha", "mid"});
}

TEST_CASE("a construct's source location is where the user declared it") {
  App app{"where"};
  auto& stack = app.stack("s");
  const unsigned line = __LINE__ + 1;
  auto& vpc = stack.resource("aws_vpc", "main");
  CHECK(vpc.node().where().line == line);
  CHECK(vpc.node().where().file.find("construct_test.cpp") != std::string::npos);
}

TEST_CASE("a duplicate id among siblings is reported with both places and declaration goes on") {
  App app{"dupes"};
  auto& stack = app.stack("storage");
  stack.resource("aws_s3_bucket", "logs");
  auto& second = stack.resource("aws_s3_bucket_versioning", "logs");
  REQUIRE(app.reported().size() == 1);
  const Diagnostic& d = app.reported().front();
  CHECK(d.code == "K1002");
  CHECK(d.message == "there is already a construct with id \"logs\" in \"storage\"");
  CHECK(d.hint.find("the first was declared at") != std::string::npos);
  CHECK(second.node().id() == "logs~2");
  CHECK_THROWS_WITH_AS(plan_app(app), doctest::Contains("K1002"), Error);
}

TEST_CASE("ids with a slash or an invalid first character are reported") {
  App app{"ids"};
  auto& stack = app.stack("s");
  stack.resource("aws_vpc", "a/b");
  stack.resource("aws_vpc", "9lives");
  REQUIRE(app.reported().size() == 2);
  CHECK(app.reported()[0].code == "K1001");
  CHECK(app.reported()[0].message == "invalid construct id \"a/b\" in \"s\"");
  CHECK(app.reported()[0].hint == "\"/\" separates path components; nest a construct instead");
  CHECK(app.reported()[1].hint == "start with a letter; use only letters, digits, \"_\" and \"-\"");
}

TEST_CASE("find_child throws with a suggestion and try_find_child returns null") {
  App app{"find"};
  auto& stack = app.stack("network");
  stack.resource("aws_vpc", "main");
  CHECK(stack.node().try_find_child("nope") == nullptr);
  CHECK(stack.node().try_find_child("main") != nullptr);
  CHECK_THROWS_WITH_AS(stack.node().find_child("mian"),
                       doctest::Contains(": error: [network] no construct with id \"mian\" in "
                                         "\"network\" (K1004)\n  hint: did you mean \"main\"?"),
                       Error);
  try {
    stack.node().find_child("mian");
  } catch (const Error& e) {
    // The caller's line, so the user finds the lookup that failed.
    CHECK(e.diagnostics().at(0).where.file.find("construct_test.cpp") != std::string::npos);
    CHECK(e.diagnostics().at(0).where.line == __LINE__ - 4);
  }
}

TEST_CASE("adding to a locked tree fails naming the parent") {
  App app{"locked"};
  auto& stack = app.stack("s");
  app.node().lock();
  CHECK_THROWS_WITH_AS(
      stack.resource("aws_vpc", "late"),
      doctest::Contains("cannot add \"late\" to \"s\": the construct tree is locked"), Error);
  CHECK(stack.node().children().empty());
}

TEST_CASE("a resource outside any stack is refused") {
  App app{"outside"};
  CHECK_THROWS_WITH_AS(app.resource("aws_vpc", "main"),
                       doctest::Contains("resources must be declared inside a stack (K1005)"),
                       Error);
  CHECK(app.node().children().empty());
}

TEST_CASE("logical ids join the path below the stack and hide Default") {
  App app{"ids"};
  auto& stack = app.stack("network");
  auto& direct = stack.resource("aws_vpc", "main");
  auto& nested = stack.add<Construct>("Vpc").resource("aws_subnet", "public");
  auto& wrapped = stack.add<Construct>("Edge").add<Construct>("Default").resource("aws_eip", "nat");
  CHECK(direct.address() == "aws_vpc.main");
  CHECK(nested.address() == "aws_subnet.Vpc_public");
  CHECK(wrapped.address() == "aws_eip.Edge_nat");
  CHECK(stack.data("aws_region", "current").address() == "data.aws_region.current");
}

TEST_CASE("wrapping a resource in a Default scope keeps its logical id") {
  App before_app{"a"};
  auto& before = before_app.stack("s").resource("aws_vpc", "main");
  App after_app{"b"};
  auto& after = after_app.stack("s").add<Construct>("Default").resource("aws_vpc", "main");
  CHECK(before.logical_id() == after.logical_id());
}

TEST_CASE("override_logical_id renames a resource until its id is read") {
  App app{"override"};
  auto& stack = app.stack("s");
  auto& vpc = stack.resource("aws_vpc", "main").override_logical_id("this");
  CHECK(vpc.address() == "aws_vpc.this");
  vpc.override_logical_id("other");
  REQUIRE(app.reported().size() == 1);
  CHECK(app.reported()[0].code == "K1008");
  CHECK(app.reported()[0].message == "cannot override the logical id: \"this\" was already used");
  CHECK(vpc.address() == "aws_vpc.this");
}

TEST_CASE("validation hooks report every message with the construct's path") {
  App app{"hooks"};
  auto& stack = app.stack("s");
  auto& vpc = stack.resource("aws_vpc", "main");
  vpc.node().add_validation([] {
    return std::vector<std::string>{"first problem", "second problem"};
  });
  stack.node().add_validation([] { return std::vector<std::string>{"stack problem"}; });
  try {
    plan_app(app);
    FAIL("expected an error");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 3);
    CHECK(e.diagnostics()[0].path == "s");
    CHECK(e.diagnostics()[0].message == "stack problem");
    CHECK(e.diagnostics()[1].path == "s/main");
    CHECK(e.diagnostics()[1].message == "first problem");
    CHECK(e.diagnostics()[2].message == "second problem");
  }
}

TEST_CASE("diagnostics render like compiler messages") {
  Diagnostic d;
  d.code = "K1002";
  d.path = "network/vpc";
  d.message = "something is wrong";
  d.hint = "fix it";
  d.where = SourceLocation{"main.cpp", 12, 5};
  CHECK(d.to_string() ==
        "main.cpp:12:5: error: [network/vpc] something is wrong (K1002)\n  hint: fix it");
}
