#include "dsl/pattern.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace keelson {
namespace {

TEST_CASE("a pattern matches only the whole text") {
  const Pattern p("[a-z]+[0-9]?");
  CHECK(p.ok());
  CHECK(p.error().empty());
  CHECK(p.expression() == "[a-z]+[0-9]?");
  CHECK(p.full_match("web1"));
  CHECK_FALSE(p.full_match("web12"));
  CHECK_FALSE(p.full_match("1web"));
  CHECK_FALSE(p.full_match(""));
}

TEST_CASE("the groups of a full match are returned in order, the whole text first") {
  const Pattern p(R"((\d+)(\.\d+)?)");
  CHECK(p.full_match_groups("15.4") == std::vector<std::string>{"15.4", "15", ".4"});
  CHECK(p.full_match_groups("15") == std::vector<std::string>{"15", "15", ""});
  CHECK_FALSE(p.full_match_groups("15.").has_value());
}

TEST_CASE("an invalid pattern says why and matches nothing") {
  const Pattern unclosed("([a-z");
  CHECK_FALSE(unclosed.ok());
  CHECK(unclosed.error() == "missing ]: [a-z");
  CHECK_FALSE(unclosed.full_match("a"));
  CHECK_FALSE(unclosed.full_match_groups("a").has_value());
  // RE2, as Terraform: no lookaround and no backreferences.
  CHECK(Pattern("(?=a)a").error() == "invalid perl operator: (?=");
  CHECK(Pattern(R"((a)\1)").error() == "invalid escape sequence: \\1");
}

TEST_CASE("texts of any length are matched without exhausting the stack") {
  // std::regex recursed once per character and crashed at about 27,000.
  const std::string arn =
      "arn:aws:acm:us-east-1:111122223333:certificate/" + std::string(200000, 'x');
  CHECK(Pattern(R"(arn:aws[a-z-]*:acm:[a-z0-9-]+:\d{12}:certificate/.+)").full_match(arn));
  const std::string instance_class = "db." + std::string(27000, 'r') + "6g.large";
  CHECK_FALSE(Pattern(R"([a-z][a-z0-9-]*\.[0-9]*[a-z][a-z0-9]*)").full_match(instance_class));
  CHECK(Pattern("(a|b)*c").full_match(std::string(200000, 'a') + "c"));
}

}  // namespace
}  // namespace keelson
