#include "drift/desired_state.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "dsl/evaluate.h"
#include "dsl/module_call.h"
#include "dsl/resource.h"
#include "policy/model_views.h"

namespace keelson::drift {
namespace {

// The instance addresses of `resource`, empty when they are known only at apply.
std::vector<std::string> instances(const Resource& resource, const std::string& address,
                                   const VariableLookup& variable) {
  std::vector<std::string> out;
  if (const auto& count = resource.count_value()) {
    const auto n = evaluate(*count, variable);
    if (!n || !n->is_number()) return out;
    for (long i = 0; i < static_cast<long>(n->as_number()); ++i)
      out.push_back(instance_address(address, Value(static_cast<std::int64_t>(i))));
    return out;
  }
  if (const auto& each = resource.for_each_value()) {
    const auto items = evaluate(*each, variable);
    if (items && items->kind() == Value::Kind::kMap) {
      for (const auto& [key, value] : items->as_map())
        out.push_back(instance_address(address, Value(key)));
    } else if (items && items->kind() == Value::Kind::kList) {
      // A set of strings: each string is its own key.
      for (const auto& item : items->as_list()) {
        if (!item.is_string()) return {};
        out.push_back(instance_address(address, item));
      }
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
  }
  out.push_back(address);
  return out;
}

}  // namespace

std::string instance_address(const std::string& address, const Value& key) {
  if (key.is_string()) return address + "[" + nlohmann::json(key.as_string()).dump() + "]";
  return address + "[" + std::to_string(static_cast<std::int64_t>(key.as_number())) + "]";
}

DesiredState desired_state(const Plan& plan, const Environment& environment,
                           const Value::Map& values) {
  std::map<std::string, const Resource*, std::less<>> declared;
  DesiredState desired;
  for (const auto& stack : plan.stacks) {
    const std::string module = "module." + stack.stack->name() + ".";
    for (const Resource* r : stack.stack->resources())
      if (r->mode() == Resource::Mode::kManaged) declared.emplace(module + r->address(), r);
    for (const ModuleCall* call : stack.stack->module_calls())
      desired.module_calls.push_back(module + call->address());
  }
  std::sort(desired.module_calls.begin(), desired.module_calls.end());
  const auto parameters = plan.app->parameters();
  const VariableLookup variable = environment_values(parameters, values);
  for (auto& view : policy::model_views(plan, environment, values)) {
    const auto it = declared.find(view.address);
    if (it == declared.end()) continue;
    auto addresses = instances(*it->second, view.address, variable);
    desired.resources.push_back({.view = std::move(view), .instances = std::move(addresses)});
  }
  std::sort(desired.resources.begin(), desired.resources.end(),
            [](const DesiredResource& a, const DesiredResource& b) {
              return a.view.address < b.view.address;
            });
  return desired;
}

}  // namespace keelson::drift
