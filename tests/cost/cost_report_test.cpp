// The reports of `cost`: golden text and markdown, the JSON synth writes,
// the delta between two estimates, and the chart.
#include "generators/cost_report.h"

#include <doctest/doctest.h>

#include <cstdlib>
#include <regex>

#include "generators/cost_chart.h"
#include "generators/cost_delta.h"
#include "test_support.h"

using namespace keelson;
using namespace keelson::cost;
using nlohmann::json;

namespace {

const std::filesystem::path kGolden = KEELSON_GOLDEN_DIR;

policy::ResourceView view(const std::string& type, const std::string& address, json after,
                          std::size_t instances = 1) {
  policy::ResourceView v;
  v.type = type;
  v.address = address;
  v.after = std::move(after);
  v.after["tags_all"] = {{"CostCenter", "engineering"}};
  v.instances = instances;
  return v;
}

CostEstimate sample(const std::string& name, std::size_t nats, std::optional<double> budget) {
  Environment env;
  env.name = name;
  env.file = "environments/" + name + ".yaml";
  env.region = "us-west-2";
  env.cost.budget = budget;
  env.cost.assumptions["nat_data_gb"] = 50;
  std::vector<policy::ResourceView> views = {
      view("aws_eks_cluster", "module.compute.aws_eks_cluster.cluster", json::object()),
      view("aws_nat_gateway", "module.network.aws_nat_gateway.nat", json::object(), nats),
      view("aws_subnet", "module.network.aws_subnet.private", json::object(), 2),
      view("aws_db_instance", "module.database.aws_db_instance.postgres",
           {{"instance_class", "db.t4g.micro"}, {"allocated_storage", 20}}),
      view("aws_config_config_rule", "module.guardrails.aws_config_config_rule.tags",
           json::object()),
  };
  views.push_back(view("aws_s3_bucket", "module.storage.aws_s3_bucket.logs", json::object()));
  views.back().after.erase("tags_all");
  return estimate(views, env, PriceTable::bundled());
}

void compare_with_golden(const std::string& file, const std::string& content) {
  const auto path = kGolden / "cost" / file;
  if (std::getenv("UPDATE_GOLDEN") != nullptr) testing::write_file(path, content);
  CHECK(content == testing::read_file(path));
}

}  // namespace

TEST_SUITE("cost reports") {
  TEST_CASE("text and markdown reports match the golden files") {
    const std::vector<CostEstimate> estimates = {sample("dev", 1, 150), sample("prod", 3, 100)};
    compare_with_golden("report.txt", cost_text(estimates));
    compare_with_golden("report.md", cost_markdown(estimates));
    compare_with_golden("report.json", cost_json(estimates));
  }

  TEST_CASE("the JSON of an estimate holds every line, its totals and the budget") {
    const auto j = estimate_json(sample("prod", 3, 100));
    CHECK(j["environment"] == "prod");
    // cluster $73 + 3 NAT (3 × $32.85 + 3 × 50 GB × $0.045) + db $11.68 + $2.30 + bucket $0.23
    CHECK(j["monthly_usd"].get<double>() ==
          doctest::Approx(73 + 98.55 + 6.75 + 11.68 + 2.30 + 0.23));
    CHECK(j["over_budget"] == true);
    CHECK(j["resources"].size() == 6);
    CHECK(j["by_cost_center"]["(untagged)"] == 0.23);
    CHECK(j["assumptions"]["nat_data_gb"]["source"] == "environment");
    CHECK(j["prices"]["as_of"] == "2026-11-29");
  }

  TEST_CASE("the delta between two synths: totals, stacks and resources") {
    const auto base = estimate_json(sample("prod", 1, 200));
    const auto head = sample("prod", 3, 200);
    const auto d = cost_delta(base, "base/cost/prod/estimate.json", head);
    CHECK(d.base_found);
    CHECK(d.head_cents - d.base_cents == 2 * (3285 + 225));
    REQUIRE(d.stacks.size() == 1);
    CHECK(d.stacks[0].name == "network");
    REQUIRE(d.resources.size() == 1);
    CHECK(d.resources[0].name == "module.network.aws_nat_gateway.nat");
    CHECK_FALSE(d.over_budget);
    compare_with_golden("delta.md", delta_markdown({d}));
    compare_with_golden("delta.txt", delta_text({d}));

    // A new environment: everything added.
    const auto fresh = cost_delta(std::nullopt, "base/cost/prod/estimate.json", head);
    CHECK_FALSE(fresh.base_found);
    CHECK(fresh.resources.size() == 4);  // the priced ones; free lines cost nothing either way
    CHECK(delta_text({fresh}).find("(none) -> $") != std::string::npos);
  }

  TEST_CASE("a base that is no estimate is a clear error") {
    const auto head = sample("dev", 1, std::nullopt);
    CHECK_THROWS_WITH(cost_delta(json::array(), "old/cost/dev/estimate.json", head),
                      doctest::Contains("old/cost/dev/estimate.json is not a cost estimate"));
    CHECK_THROWS_WITH(
        cost_delta(json{{"monthly_usd", 1}, {"resources", json::array()}}, "old.json", head),
        doctest::Contains("\"by_stack\" is not an object (K2088)"));
  }

  TEST_CASE("the chart: one segment per stack and environment, widths proportional") {
    const std::vector<CostEstimate> estimates = {sample("dev", 1, 150), sample("prod", 3, 100)};
    const std::string svg = cost_chart_svg(estimates);
    CHECK(svg == cost_chart_svg(estimates));
    const std::regex rect(
        R"re(<rect class="bar" data-environment="([^"]+)" data-stack="([^"]+)" data-usd="([0-9.]+)" x="[0-9.]+" y="[0-9.]+" width="([0-9.]+)")re");
    std::map<std::string, double> usd;
    double prod_network_width = 0;
    double prod_compute_width = 0;
    for (auto it = std::sregex_iterator(svg.begin(), svg.end(), rect); it != std::sregex_iterator();
         ++it) {
      const auto& m = *it;
      usd[m[1].str() + "/" + m[2].str()] = std::stod(m[3].str());
      if (m[1] == "prod" && m[2] == "network") prod_network_width = std::stod(m[4].str());
      if (m[1] == "prod" && m[2] == "compute") prod_compute_width = std::stod(m[4].str());
    }
    CHECK(usd.size() == 8);  // 4 stacks with a cost × 2 environments
    CHECK(usd["dev/compute"] == 73.00);
    CHECK(usd["prod/network"] == 105.30);
    CHECK(prod_network_width / prod_compute_width ==
          doctest::Approx(105.30 / 73.00).epsilon(0.001));
  }
}
