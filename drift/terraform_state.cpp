#include "drift/terraform_state.h"

#include <fmt/core.h>

#include <algorithm>

#include "dsl/diagnostic.h"

namespace keelson::drift {
namespace {

using nlohmann::json;

constexpr const char* kStateHint =
    "write it with `tofu show -json > state.json` (or `terraform show -json`) in the "
    "environment's initialized root";
constexpr const char* kPlanHint =
    "write it with `tofu plan -refresh-only -out drift.tfplan` then "
    "`tofu show -json drift.tfplan > plan.json` in the environment's root";

[[noreturn]] void fail(const char* code, std::string message, const char* hint) {
  throw Error(make_error(code, std::move(message), {}, hint));
}

// The keys only a plan's JSON has; a state's has `values` instead.
bool plan_shaped(const json& document) {
  for (const char* key :
       {"planned_values", "resource_changes", "resource_drift", "prior_state", "configuration"})
    if (document.contains(key)) return true;
  return false;
}

json parse(std::string_view text, std::string_view source, const char* hint) {
  json document;
  try {
    document = json::parse(text);
  } catch (const json::parse_error& e) {
    fail("K7002", fmt::format("{} is not JSON: {}", source, e.what()), hint);
  }
  if (!document.is_object())
    fail("K7004",
         fmt::format("{} is not the JSON of `terraform show -json`: not an object", source), hint);
  const auto version = document.find("format_version");
  if (version == document.end())
    fail(
        "K7003",
        fmt::format("{} has no \"format_version\": not the JSON of `terraform show -json`", source),
        hint);
  // The format's promise: a new major version is not compatible; minor
  // versions only add properties, which are ignored.
  if (!version->is_string() || version->get<std::string>().rfind("1.", 0) != 0)
    fail("K7003",
         fmt::format("{} has \"format_version\" {}; drift reads major version 1 (Terraform 1.0 "
                     "and later, OpenTofu)",
                     source, version->dump()),
         hint);
  return document;
}

// Every managed resource instance of `module` and its child modules.
void collect(const json& module, const std::string& at, std::string_view source,
             std::vector<StateResource>& out) {
  if (!module.is_object())
    fail("K7005", fmt::format("{}: {} is not an object", source, at), kStateHint);
  if (const auto resources = module.find("resources"); resources != module.end()) {
    if (!resources->is_array())
      fail("K7005", fmt::format("{}: {}.resources is not a list", source, at), kStateHint);
    for (std::size_t i = 0; i < resources->size(); ++i) {
      const json& r = (*resources)[i];
      const std::string where = fmt::format("{}.resources[{}]", at, i);
      for (const char* key : {"address", "mode", "type"}) {
        if (!r.is_object() || !r.contains(key) || !r[key].is_string())
          fail("K7005", fmt::format("{}: {} has no \"{}\" string", source, where, key), kStateHint);
      }
      const auto values = r.find("values");
      if (values != r.end() && !values->is_object())
        fail("K7005", fmt::format("{}: {}.values is not an object", source, where), kStateHint);
      // Data sources are read at every plan; a deposed object is the old half
      // of a replacement, about to be destroyed.
      if (r["mode"] != "managed" || r.contains("deposed_key")) continue;
      StateResource resource{.address = r["address"].get<std::string>(),
                             .type = r["type"].get<std::string>()};
      if (values != r.end()) resource.values = *values;
      if (const auto s = r.find("sensitive_values"); s != r.end() && s->is_object())
        resource.sensitive = *s;
      out.push_back(std::move(resource));
    }
  }
  if (const auto children = module.find("child_modules"); children != module.end()) {
    if (!children->is_array())
      fail("K7005", fmt::format("{}: {}.child_modules is not a list", source, at), kStateHint);
    for (std::size_t i = 0; i < children->size(); ++i)
      collect((*children)[i], fmt::format("{}.child_modules[{}]", at, i), source, out);
  }
}

// The resources of a state representation (`{format_version, values}`).
std::vector<StateResource> state_resources(const json& state, const std::string& at,
                                           std::string_view source) {
  std::vector<StateResource> out;
  const auto values = state.find("values");
  if (values == state.end()) return out;  // an empty state
  if (!values->is_object() || !values->contains("root_module"))
    fail("K7004", fmt::format("{}: {}.values has no \"root_module\"", source, at), kStateHint);
  collect((*values)["root_module"], at + ".values.root_module", source, out);
  std::sort(out.begin(), out.end(),
            [](const StateResource& a, const StateResource& b) { return a.address < b.address; });
  return out;
}

}  // namespace

TerraformState read_state(std::string_view json_text, std::string_view source_name) {
  const json document = parse(json_text, source_name, kStateHint);
  if (plan_shaped(document))
    fail("K7004",
         fmt::format("{} is a plan, not a state: give it with --plan (a refresh-only plan)",
                     source_name),
         kStateHint);
  // An empty state is `{"format_version": "1.0"}`; anything else without
  // `values` (a provider schema, say) is not a state.
  if (!document.contains("values")) {
    for (const auto& [key, value] : document.items()) {
      if (key != "format_version" && key != "terraform_version" && key != "checks")
        fail("K7004",
             fmt::format("{} is neither a state nor a plan in the format of `terraform show "
                         "-json`: it has \"{}\" but no \"values\"",
                         source_name, key),
             kStateHint);
    }
  }
  return TerraformState{.kind = "state",
                        .resources = state_resources(document, "(top)", source_name)};
}

TerraformState read_refresh_plan(std::string_view json_text, std::string_view source_name) {
  const json document = parse(json_text, source_name, kPlanHint);
  if (!plan_shaped(document))
    fail("K7004",
         fmt::format("{} is not a plan in the format of `terraform show -json PLANFILE`{}",
                     source_name,
                     document.contains("values") ? ": it is a state, give it with --state"
                                                 : " (no \"planned_values\" nor \"prior_state\")"),
         kPlanHint);
  TerraformState state{.kind = "plan"};
  // prior_state is the state as refreshed; absent when the state is empty.
  if (const auto prior = document.find("prior_state"); prior != document.end()) {
    if (!prior->is_object())
      fail("K7004", fmt::format("{}: \"prior_state\" is not an object", source_name), kPlanHint);
    state.resources = state_resources(*prior, "prior_state", source_name);
  }
  if (const auto drift = document.find("resource_drift"); drift != document.end()) {
    if (!drift->is_array())
      fail("K7005", fmt::format("{}: \"resource_drift\" is not a list", source_name), kPlanHint);
    for (std::size_t i = 0; i < drift->size(); ++i) {
      const json& rc = (*drift)[i];
      const bool shaped = rc.is_object() && rc.contains("address") && rc["address"].is_string() &&
                          rc.contains("change") && rc["change"].is_object() &&
                          rc["change"].contains("actions") && rc["change"]["actions"].is_array();
      if (!shaped)
        fail("K7005",
             fmt::format("{}: resource_drift[{}] lacks \"address\" or \"change.actions\"",
                         source_name, i),
             kPlanHint);
      if (rc.value("mode", "managed") != "managed") continue;
      const json& actions = rc["change"]["actions"];
      std::string action;
      if (actions == json::array({"update"})) action = "update";
      if (actions == json::array({"delete"})) action = "delete";
      // A move alone (no-op) changes nothing in the cloud.
      if (action.empty()) continue;
      state.outside_changes.push_back({rc["address"].get<std::string>(), action});
    }
    std::sort(state.outside_changes.begin(), state.outside_changes.end(),
              [](const OutsideChange& a, const OutsideChange& b) { return a.address < b.address; });
  }
  return state;
}

}  // namespace keelson::drift
