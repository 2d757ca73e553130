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

// The AWS provider's region as the plan's configuration gives it: a
// constant, or a root variable's value; unknown otherwise (an expression,
// or the AWS_REGION of whoever plans).
ResourceView aws_provider(const json& plan, const json& config) {
  ResourceView view{.type = kAwsProvider, .address = kAwsProvider};
  const json region = config.value("expressions", json::object()).value("region", json());
  if (region.is_object() && region.contains("constant_value")) {
    view.after["region"] = region["constant_value"];
    return view;
  }
  const json references = region.is_object() ? region.value("references", json()) : json();
  if (references.is_array() && references.size() == 1 && references[0].is_string()) {
    const std::string reference = references[0].get<std::string>();
    const json variables = plan.value("variables", json::object());
    if (reference.rfind("var.", 0) == 0 && variables.is_object()) {
      const json value =
          variables.value(reference.substr(4), json::object()).value("value", json());
      if (value.is_string()) {
        view.after["region"] = value;
        return view;
      }
    }
  }
  view.after_unknown["region"] = true;
  return view;
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
  std::vector<ResourceView> views;
  // The default (unaliased) AWS provider of the root module.
  const json configuration = plan.value("configuration", json::object());
  if (configuration.is_object()) {
    const json providers = configuration.value("provider_config", json::object());
    if (providers.is_object() && providers.contains("aws") && providers["aws"].is_object())
      views.push_back(aws_provider(plan, providers["aws"]));
  }
  const auto changes = plan.find("resource_changes");
  // A plan with nothing to do may leave the list out.
  if (changes == plan.end()) return views;
  if (!changes->is_array()) not_a_plan(source_name, "\"resource_changes\" is not a list");
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
