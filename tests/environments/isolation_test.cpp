// Environments share no account, state, deploy role, nor each other's names.
#include "environments/isolation.h"

#include <doctest/doctest.h>

#include "environments/environment.h"

using namespace keelson;

namespace {

Environment env(const std::string& name, const std::string& account, const std::string& extra = "",
                const std::string& bucket = "shop-state") {
  return parse_environment(
      "region: us-east-1\n"
      "account: \"" +
          account +
          "\"\n"
          "assume_role:\n"
          "  role_arn: arn:aws:iam::" +
          account +
          ":role/deploy\n"
          "backend:\n"
          "  bucket: " +
          bucket + "\n" + extra,
      "environments/" + name + ".yaml", name);
}

std::vector<std::string> codes(const std::vector<Diagnostic>& problems) {
  std::vector<std::string> out;
  for (const auto& d : problems) out.push_back(d.code);
  return out;
}

using Codes = std::vector<std::string>;

}  // namespace

TEST_CASE("isolation: separate accounts, state and roles pass") {
  const std::vector<Environment> envs = {env("dev", "111111111111"), env("prod", "333333333333")};
  CHECK(isolation_problems(envs, "shop").empty());
  // One bucket, one key per environment ({env} in the default key): allowed.
  CHECK(envs[0].state_key("shop") != envs[1].state_key("shop"));
}

TEST_CASE("isolation: K2060 two environments in one account, unless one says why") {
  const auto problems =
      isolation_problems({env("dev", "111111111111"), env("staging", "111111111111")}, "shop");
  // The shared account also shares the role.
  REQUIRE(codes(problems) == Codes{"K2060", "K2062"});
  CHECK(problems[0].message ==
        "dev and staging deploy to the same AWS account 111111111111 (also at "
        "environments/staging.yaml:2)");
  CHECK(problems[0].where.file == "environments/dev.yaml");
  CHECK(problems[0].where.line == 2);
  const auto accepted = isolation_problems(
      {env("dev", "111111111111",
           "isolation:\n  shared_account: sandbox account for dev and preview\n"),
       env("preview", "111111111111")},
      "shop");
  CHECK(codes(accepted) == Codes{"K2062"});
}

TEST_CASE("isolation: K2061 two environments with one state object") {
  const auto problems =
      isolation_problems({env("dev", "111111111111", "  key: shop/terraform.tfstate\n"),
                          env("prod", "333333333333", "  key: shop/terraform.tfstate\n")},
                         "shop");
  REQUIRE(codes(problems) == Codes{"K2061"});
  CHECK(problems[0].message.find("s3://shop-state/shop/terraform.tfstate (also at "
                                 "environments/prod.yaml:7)") != std::string::npos);
  CHECK(problems[0].where.line == 7);
  // Another bucket, or another region, is another state.
  CHECK(isolation_problems(
            {env("dev", "111111111111", "  key: shop/terraform.tfstate\n", "dev-state"),
             env("prod", "333333333333", "  key: shop/terraform.tfstate\n")},
            "shop")
            .empty());
}

TEST_CASE("isolation: K2062 two environments with one deploy role") {
  Environment prod = env("prod", "333333333333");
  Environment dev = parse_environment(
      "region: us-east-1\naccount: \"111111111111\"\nassume_role:\n"
      "  role_arn: arn:aws:iam::333333333333:role/deploy\nbackend:\n  bucket: shop-dev-state\n",
      "environments/dev.yaml", "dev");
  const auto problems = isolation_problems({dev, prod}, "shop");
  REQUIRE(codes(problems) == Codes{"K2062"});
  CHECK(problems[0].message ==
        "dev and prod deploy with the same role arn:aws:iam::333333333333:role/deploy (also at "
        "environments/prod.yaml:4)");
  CHECK(problems[0].where.line == 4);
}

TEST_CASE("isolation: K2063 a value naming another environment's account or state bucket") {
  const Environment prod = env("prod", "333333333333", "", "shop-prod-state");
  const auto in_parameters =
      isolation_problems({env("dev", "111111111111",
                              "parameters:\n  reader_role: arn:aws:iam::333333333333:role/read\n"
                              "  buckets: [shop-prod-state]\n",
                              "shop-dev-state"),
                          prod},
                         "shop");
  REQUIRE(codes(in_parameters) == Codes{"K2063", "K2063"});
  CHECK(in_parameters[0].message ==
        "dev: parameters.buckets names state bucket shop-prod-state of environment prod "
        "(environments/prod.yaml:6)");
  CHECK(in_parameters[0].where.line == 9);
  CHECK(in_parameters[1].message ==
        "dev: parameters.reader_role names AWS account 333333333333 of environment prod "
        "(environments/prod.yaml:2)");
  const auto in_charts = isolation_problems({env("dev", "111111111111",
                                                 "charts:\n  api:\n    serviceAccount:\n"
                                                 "      annotations: {eks.amazonaws.com/role-arn: "
                                                 "\"arn:aws:iam::333333333333:role/api\"}\n",
                                                 "shop-dev-state"),
                                             prod},
                                            "shop");
  REQUIRE(codes(in_charts) == Codes{"K2063"});
  CHECK(in_charts[0].message.find("dev: charts.api.serviceAccount.annotations.eks.amazonaws.com/"
                                  "role-arn names AWS account 333333333333") == 0);
  CHECK(in_charts[0].where.line == 10);
}

TEST_CASE("isolation: isolation.shared_account needs a reason") {
  CHECK_THROWS_WITH(env("dev", "111111111111", "isolation:\n  shared_account: \" \"\n"),
                    doctest::Contains("K2005"));
  CHECK_THROWS_WITH(env("dev", "111111111111", "isolation:\n  shared: yes\n"),
                    doctest::Contains("K2003"));
}
