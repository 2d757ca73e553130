#include "policy/plan_views.h"

#include <fmt/core.h>

#include <map>

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

// Every resource's `expressions` in the plan's configuration, by address
// without instance keys (`module.database.aws_db_instance.postgres`).
void configured(const json& module, const std::string& prefix, std::map<std::string, json>& out) {
  if (!module.is_object()) return;
  if (const auto resources = module.find("resources");
      resources != module.end() && resources->is_array()) {
    for (const json& r : *resources) {
      if (r.is_object() && r.contains("address") && r["address"].is_string() &&
          r.contains("expressions"))
        out[prefix + r["address"].get<std::string>()] = r["expressions"];
    }
  }
  if (const auto calls = module.find("module_calls"); calls != module.end() && calls->is_object()) {
    for (const auto& [name, call] : calls->items()) {
      if (call.is_object() && call.contains("module"))
        configured(call["module"], prefix + "module." + name + ".", out);
    }
  }
}

// `module.a["x"].aws_s3_bucket.b[0]` without its instance keys.
std::string without_keys(const std::string& address) {
  std::string out;
  int depth = 0;
  bool quoted = false;
  for (char c : address) {
    if (quoted) {
      quoted = c != '"';
    } else if (c == '[') {
      ++depth;
    } else if (c == ']') {
      --depth;
    } else if (depth > 0 && c == '"') {
      quoted = true;
    } else if (depth == 0) {
      out.push_back(c);
    }
  }
  return out;
}

// A value the provider marks sensitive but the configuration writes as a
// constant is a literal in the code, not a vault's: it loses the mark, as
// the model never had it. Arguments and the arguments of nested blocks.
void unmark_constants(json& sensitive, const json& expressions) {
  if (!sensitive.is_object() || !expressions.is_object()) return;
  for (auto& [key, mark] : sensitive.items()) {
    const auto expression = expressions.find(key);
    if (expression == expressions.end()) continue;
    if (mark == true && expression->is_object() && expression->contains("constant_value")) {
      mark = false;
    } else if (mark.is_array() && expression->is_array()) {
      for (std::size_t i = 0; i < mark.size() && i < expression->size(); ++i)
        unmark_constants(mark[i], (*expression)[i]);
    }
  }
}

// The root's variables with their values (the tfvars, else the defaults),
// as the model sees them: sensitive ones are left out, since their values are
// given at plan time and never written to a file.
void variable_views(const json& plan, std::vector<ResourceView>& views) {
  const auto variables = plan.find("variables");
  if (variables == plan.end() || !variables->is_object()) return;
  const json* declared = &plan;
  for (const char* key : {"configuration", "root_module", "variables"}) {
    const bool has = declared->is_object() && declared->contains(key);
    declared = has ? &(*declared)[key] : nullptr;
    if (declared == nullptr) break;
  }
  const auto sensitive = [&](const std::string& name) {
    if (declared == nullptr || !declared->is_object() || !declared->contains(name)) return false;
    const json& d = (*declared)[name];
    return d.is_object() && d.value("sensitive", false) == true;
  };
  for (const auto& [name, variable] : variables->items()) {
    if (!variable.is_object() || !variable.contains("value") || variable["value"].is_null())
      continue;
    if (sensitive(name)) continue;
    views.push_back(ResourceView{
        .type = kVariableView, .address = "var." + name, .after = {{name, variable["value"]}}});
  }
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
  std::vector<ResourceView> views;
  // A plan with nothing to do may leave the list out.
  if (changes == plan.end()) {
    variable_views(plan, views);
    return views;
  }
  if (!changes->is_array()) not_a_plan(source_name, "\"resource_changes\" is not a list");
  std::map<std::string, json> expressions;
  if (plan.contains("configuration") && plan["configuration"].is_object())
    configured(plan["configuration"].value("root_module", json()), "", expressions);
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
    if (change.contains("after_sensitive") && change["after_sensitive"].is_object())
      view.after_sensitive = change["after_sensitive"];
    if (const auto it = expressions.find(without_keys(view.address)); it != expressions.end())
      unmark_constants(view.after_sensitive, it->second);
    views.push_back(std::move(view));
  }
  variable_views(plan, views);
  return views;
}

}  // namespace keelson::policy
