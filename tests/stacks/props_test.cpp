#include "stacks/props.h"

#include <doctest/doctest.h>

#include "dsl/app.h"
#include "plan/expression_renderer.h"
#include "stacks/log_retention.h"

using namespace keelson;

namespace {

std::string hcl(const Value& v) {
  ReferenceRenderer none;
  return render_hcl(v, none);
}

}  // namespace

TEST_CASE("a literal switch is decided at synthesis and a parameter by Terraform") {
  App app{"props"};
  auto enabled = app.param<bool>("replica");
  CHECK(either(true, "on", "off") == Value("on"));
  CHECK(either(false, "on", "off") == Value("off"));
  CHECK(hcl(either(enabled, "on", nullptr)) == "var.replica ? \"on\" : null");
  CHECK(one_if(true) == Value(1));
  CHECK(one_if(false) == Value(0));
  CHECK(hcl(one_if(enabled)) == "var.replica ? 1 : 0");
  CHECK(literal_true(true));
  CHECK_FALSE(literal_true(enabled));
  CHECK(literal_false(false));
  CHECK_FALSE(literal_false(enabled));
}

TEST_CASE("whole numbers are ints and integral floats, nothing else") {
  CHECK(whole_number(3) == 3);
  CHECK(whole_number(3.0) == 3);
  CHECK_FALSE(whole_number(3.5));
  CHECK_FALSE(whole_number("3"));
  CHECK_FALSE(whole_number(count_index()));
}

TEST_CASE("literals are shown in messages as written") {
  CHECK(literal_text(3) == "3");
  CHECK(literal_text("db.x") == "\"db.x\"");
  CHECK(literal_text(true) == "true");
  CHECK(literal_text(Value::list({})) == "a list");
  CHECK(name_tags("web") == Value::map({{"Name", "web"}}));
}

TEST_CASE("a log retention must be one CloudWatch Logs accepts; a parameter checks itself") {
  App app{"props"};
  auto days = app.param<int>("days");
  CHECK_FALSE(check_log_retention("days", 30));
  CHECK_FALSE(check_log_retention("days", 30.0));
  CHECK_FALSE(check_log_retention("days", 3653));
  CHECK_FALSE(check_log_retention("days", days));
  CHECK(check_log_retention("retention", 10) ==
        "retention must be one of the retention periods CloudWatch Logs accepts (1, 3, 5, 7, 14, "
        "30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, "
        "3653), got 10");
  CHECK(check_log_retention("retention", "30")->ends_with("got \"30\""));
  CHECK(check_log_retention("retention", 0)->ends_with("got 0"));
}
