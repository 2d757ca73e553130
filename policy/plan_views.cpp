#include "policy/plan_views.h"

#include <fmt/core.h>

#include "dsl/diagnostic.h"

namespace keelson::policy {
namespace {

using nlohmann::json;

[[noreturn]] void not_a_plan(std::string_view source, const std::string& what) {
  throw Error(make_error(
      "K6002",
      fmt::format("{} is not a plan in the format of `terraform show -json`: {}", source, what), {},
      "write it with `tofu show -json plan.out > plan.json` after `tofu plan -out plan.out`"));
}

}  // namespace

std::vector<ResourceView> plan_views(std::string_view json_text, std::string_view source_name) {
  json plan;
  try {
    plan = json::parse(json_text);
  } catch (const json::parse_error& e) {
    throw Error(make_error("K6001", fmt::format("{} is not JSON: {}", source_name, e.what())));
  }
  if (!plan.is_object() || !plan.contains("format_version")) {
    not_a_plan(source_name, "no \"format_version\" at the top level");
  }
  const auto changes = plan.find("resource_changes");
  // A plan with nothing to do may leave the list out.
  if (changes == plan.end()) return {};
  if (!changes->is_array()) not_a_plan(source_name, "\"resource_changes\" is not a list");
  std::vector<ResourceView> views;
  for (std::size_t i = 0; i < changes->size(); ++i) {
    const json& rc = (*changes)[i];
    const std::string at = fmt::format("resource_changes[{}]", i);
    if (!rc.is_object() || !rc.contains("address") || !rc.contains("type") ||
        !rc.contains("change") || !rc["change"].is_object()) {
      not_a_plan(source_name, at + " lacks \"address\", \"type\" or \"change\"");
    }
    if (rc.value("mode", "managed") != "managed") continue;
    const json& change = rc["change"];
    const json actions = change.value("actions", json::array());
    if (actions == json::array({"delete"})) continue;
    ResourceView view{.type = rc["type"].get<std::string>(),
                      .address = rc["address"].get<std::string>()};
    if (change.contains("after") && change["after"].is_object()) view.after = change["after"];
    if (change.contains("after_unknown") && change["after_unknown"].is_object())
      view.after_unknown = change["after_unknown"];
    views.push_back(std::move(view));
  }
  return views;
}

}  // namespace keelson::policy
