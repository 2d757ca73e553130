#include "policy/plan_views.h"

#include <fmt/core.h>

#include <algorithm>
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

// The address of the resource a reference names (`aws_s3_bucket.logs` for
// `aws_s3_bucket.logs[0].arn`); empty for a variable, a local, a module
// output and the like.
std::string referenced_resource(const std::string& reference) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (start <= reference.size()) {
    const std::size_t dot = reference.find('.', start);
    std::string part = reference.substr(start, dot == std::string::npos ? dot : dot - start);
    parts.push_back(part.substr(0, part.find('[')));
    if (dot == std::string::npos) break;
    start = dot + 1;
  }
  static const char* const kNotResources[] = {"var",   "local", "module",    "each",
                                              "count", "path",  "terraform", "self"};
  for (const char* word : kNotResources)
    if (parts[0] == word) return {};
  const std::size_t n = parts[0] == "data" ? 3 : 2;
  if (parts.size() < n) return {};
  std::string address = parts[0];
  for (std::size_t i = 1; i < n; ++i) address += "." + parts[i];
  return address;
}

// Every `references` list inside one argument's expression (nested blocks
// hold expressions of their own).
void gather(const json& expression, std::vector<std::string>& out) {
  if (expression.is_array()) {
    for (const auto& item : expression) gather(item, out);
    return;
  }
  if (!expression.is_object()) return;
  for (const auto& [key, item] : expression.items()) {
    if (key == "references" && item.is_array()) {
      for (const auto& reference : item) {
        if (!reference.is_string()) continue;
        std::string address = referenced_resource(reference.get<std::string>());
        if (!address.empty() && std::find(out.begin(), out.end(), address) == out.end())
          out.push_back(std::move(address));
      }
    } else {
      gather(item, out);
    }
  }
}

using References = std::map<std::string, std::vector<std::string>>;

// The references of every resource's arguments in the plan's
// `configuration`, by module path and address (`module.storage.aws_s3_bucket.logs`).
void configured_references(const json& module, const std::string& prefix,
                           std::map<std::string, References>& out) {
  if (!module.is_object()) return;
  for (const auto& resource : module.value("resources", json::array())) {
    if (!resource.is_object() || !resource.contains("address")) continue;
    References references;
    const json expressions = resource.value("expressions", json::object());
    for (const auto& [key, expression] : expressions.items()) {
      std::vector<std::string> found;
      gather(expression, found);
      if (!found.empty()) references.emplace(key, std::move(found));
    }
    out[prefix + resource["address"].get<std::string>()] = std::move(references);
  }
  const json calls = module.value("module_calls", json::object());
  for (const auto& [name, call] : calls.items()) {
    if (call.is_object() && call.contains("module"))
      configured_references(call["module"], prefix + "module." + name + ".", out);
  }
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
  if (changes == plan.end()) {
    variable_views(plan, views);
    return views;
  }
  if (!changes->is_array()) not_a_plan(source_name, "\"resource_changes\" is not a list");
  std::map<std::string, References> references;
  std::map<std::string, json> expressions;
  if (plan.contains("configuration") && plan["configuration"].is_object()) {
    const json root = plan["configuration"].value("root_module", json::object());
    configured_references(root, "", references);
    configured(root, "", expressions);
  }
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
    if (const auto it = references.find(without_keys(view.address)); it != references.end())
      view.references = it->second;
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
