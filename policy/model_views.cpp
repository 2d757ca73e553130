#include "policy/model_views.h"

#include <algorithm>
#include <filesystem>
#include <map>
#include <unordered_map>
#include <utility>

#include "dsl/evaluate.h"
#include "dsl/expression.h"
#include "dsl/referenceable.h"
#include "dsl/resource.h"
#include "dsl/secret_names.h"
#include "environments/default_tags.h"
#include "schema/attribute_type_table.h"

namespace keelson::policy {
namespace {

using nlohmann::json;

// A literal Value (no expression left) as JSON.
json to_json(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kBool:
      return value.as_bool();
    case Value::Kind::kInt:
      return value.as_int();
    case Value::Kind::kFloat:
      return value.as_number();
    case Value::Kind::kString:
      return value.as_string();
    case Value::Kind::kList: {
      json list = json::array();
      for (const auto& item : value.as_list()) list.push_back(to_json(item));
      return list;
    }
    case Value::Kind::kMap: {
      json map = json::object();
      for (const auto& [key, item] : value.as_map()) map[key] = to_json(item);
      return map;
    }
    default:
      return nullptr;
  }
}

// What `value` is before apply, in a plan's two halves: the known part, and
// where it is unknown (`true`, or a map or list of such markers). Maps and
// lists are evaluated item by item, so one reference does not hide the
// literal flags beside it.
std::pair<json, json> partial(const Value& value, const VariableLookup& variable) {
  if (value.kind() == Value::Kind::kMap) {
    json after = json::object(), unknown = json::object();
    for (const auto& [key, item] : value.as_map()) {
      auto [a, u] = partial(item, variable);
      if (!a.is_null()) after[key] = std::move(a);
      if (!u.is_null()) unknown[key] = std::move(u);
    }
    return {std::move(after), unknown.empty() ? json() : std::move(unknown)};
  }
  if (value.kind() == Value::Kind::kList) {
    json after = json::array(), unknown = json::array();
    bool any_unknown = false;
    for (const auto& item : value.as_list()) {
      auto [a, u] = partial(item, variable);
      any_unknown = any_unknown || !u.is_null();
      after.push_back(std::move(a));
      unknown.push_back(u.is_null() ? json(false) : std::move(u));
    }
    return {std::move(after), any_unknown ? std::move(unknown) : json()};
  }
  if (!value.is_expr()) return {to_json(value), json()};
  if (auto known = evaluate(value, variable)) return {to_json(*known), json()};
  // A policy document of literals is known in a plan: Terraform encodes it
  // before apply. Rules parse the text, so only its content matters.
  if (value.is_expr() && value.expr().kind == Expr::Kind::kCall &&
      value.expr().text == "jsonencode" && value.expr().args.size() == 1) {
    if (auto known = evaluate(value.expr().args[0], variable))
      return {to_json(*known).dump(), json()};
  }
  return {json(), json(true)};
}

// The resources of `stack` that `value` refers to, by their address in its
// module; references to other stacks become variables there, and are left out.
void collect_references(const Value& value, const Stack& stack, std::vector<std::string>& out) {
  if (value.kind() == Value::Kind::kList) {
    for (const auto& item : value.as_list()) collect_references(item, stack, out);
    return;
  }
  if (value.kind() == Value::Kind::kMap) {
    for (const auto& [key, item] : value.as_map()) collect_references(item, stack, out);
    return;
  }
  if (!value.is_expr()) return;
  const Expr& e = value.expr();
  if (e.kind == Expr::Kind::kRef && e.target != nullptr && &e.target->owner() == &stack) {
    std::string address = e.target->address();
    if (address.rfind("module.", 0) != 0 &&
        std::find(out.begin(), out.end(), address) == out.end()) {
      out.push_back(std::move(address));
    }
  }
  for (const auto& arg : e.args) collect_references(arg, stack, out);
}

void add_references(ResourceView& view, const std::string& key, const Value& value,
                    const Stack& stack) {
  std::vector<std::string> found;
  collect_references(value, stack, found);
  if (found.empty()) return;
  auto& list = view.references[key];
  for (auto& address : found)
    if (std::find(list.begin(), list.end(), address) == list.end())
      list.push_back(std::move(address));
}

void place(ResourceView& view, const std::string& key, const Value& value,
           const VariableLookup& variable) {
  auto [after, unknown] = partial(value, variable);
  if (!after.is_null()) view.after[key] = std::move(after);
  if (!unknown.is_null()) view.after_unknown[key] = std::move(unknown);
}

// How many instances this environment creates: `count`, or the size of
// `for_each`; 1 without either; nullopt when unknown before apply.
std::optional<std::size_t> instances(const Resource& r, const VariableLookup& variable) {
  if (const auto& count = r.count_value()) {
    const auto n = evaluate(*count, variable);
    if (!n || !n->is_number() || n->as_number() < 0) return std::nullopt;
    return static_cast<std::size_t>(n->as_number());
  }
  if (const auto& each = r.for_each_value()) {
    // A map's keys are known even when its values are not (ARNs read from a
    // data source), and they alone make the instances.
    if (each->kind() == Value::Kind::kMap) return each->as_map().size();
    // toset(list): one instance per distinct element.
    if (each->is_expr() && each->expr().kind == Expr::Kind::kCall && each->expr().text == "toset" &&
        each->expr().args.size() == 1) {
      const auto list = evaluate(each->expr().args[0], variable);
      if (!list || list->kind() != Value::Kind::kList) return std::nullopt;
      std::vector<Value> distinct;
      for (const Value& item : list->as_list())
        if (std::find(distinct.begin(), distinct.end(), item) == distinct.end())
          distinct.push_back(item);
      return distinct.size();
    }
    const auto items = evaluate(*each, variable);
    if (items && items->kind() == Value::Kind::kList) return items->as_list().size();
    if (items && items->kind() == Value::Kind::kMap) return items->as_map().size();
    return std::nullopt;
  }
  return 1;
}

// Where a finding points: the resource's own line when the user's code
// declared it; the stack's declaration when a standard stack (stacks/) or a
// chart made it, since the user changes that, through its props, not keelson's
// source. The library's folder is read off this file's own path.
SourceLocation user_location(const Resource& resource, const Stack& stack) {
  static const std::string kRoot = [] {
    std::string file = __FILE__;
    return file.substr(0, file.size() - std::string_view("policy/model_views.cpp").size());
  }();
  // Whether a file is the library's is decided once per file and thread.
  thread_local std::unordered_map<std::string, bool> library_files;
  SourceLocation where = resource.node().where();
  auto it = library_files.find(where.file);
  if (it == library_files.end()) {
    // Files below the working directory are recorded relative to it.
    std::error_code ec;
    const std::string file =
        std::filesystem::absolute(where.file, ec).lexically_normal().generic_string();
    const bool library =
        !ec && (file.rfind(kRoot + "stacks/", 0) == 0 || file.rfind(kRoot + "charts/", 0) == 0);
    it = library_files.emplace(where.file, library).first;
  }
  return it->second ? stack.node().where() : where;
}

// `tags_all`: the default tags, then the resource's own; a tag whose value is
// unknown still counts as present.
void add_tags_all(ResourceView& view, const json& defaults) {
  if (view.after_unknown.value("tags", json()) == true) {
    view.after_unknown["tags_all"] = true;
    return;
  }
  json tags = defaults;
  if (const json* own = known(view, "tags"); own != nullptr && own->is_object()) tags.update(*own);
  if (const auto it = view.after_unknown.find("tags"); it != view.after_unknown.end()) {
    for (const auto& [key, marker] : it->items()) tags[key] = nullptr;
  }
  view.after["tags_all"] = std::move(tags);
}

// One view per string in a chart's values, at its line in the file.
void chart_value_views(const YamlNode& node, const std::string& path, const std::string& key,
                       const std::string& file, std::vector<ResourceView>& views) {
  if (node.is_scalar()) {
    if (node.text.empty() || looks_like_secret_name(key)) return;
    views.push_back(ResourceView{.type = kChartValueView,
                                 .address = path,
                                 .after = {{key, node.text}},
                                 .where = {file, node.line, node.column}});
  } else if (node.is_list()) {
    std::size_t i = 0;
    for (const auto& item : node.list())
      chart_value_views(*item, path + "[" + std::to_string(i++) + "]", key, file, views);
  } else if (node.is_map()) {
    for (const auto& entry : node.map()) {
      if (!entry.key->is_scalar()) continue;
      chart_value_views(*entry.value, path + "." + entry.key->text, entry.key->text, file, views);
    }
  }
}

}  // namespace

std::vector<ResourceView> input_views(const Plan& plan, const Environment& environment,
                                      const Value::Map& values) {
  std::vector<ResourceView> views;
  for (const Parameter* p : plan.app->parameters()) {
    if (p->spec().sensitive) continue;
    ResourceView view{.type = kVariableView, .address = "var." + p->name()};
    const auto given = values.find(p->name());
    if (given != values.end()) {
      view.after = {{p->name(), to_json(given->second)}};
      const auto at = environment.parameters.find(p->name());
      view.where = at != environment.parameters.end() ? at->second.where : environment.where;
    } else if (p->spec().default_value && !p->spec().default_value->is_null()) {
      view.after = {{p->name(), to_json(*p->spec().default_value)}};
      view.where = p->where();
    } else {
      continue;
    }
    views.push_back(std::move(view));
  }
  for (const auto& [chart, input] : environment.charts) {
    if (input.values != nullptr)
      chart_value_views(*input.values, "charts." + chart, chart, input.file, views);
  }
  return views;
}

std::vector<ResourceView> model_views(const Plan& plan, const Environment& environment,
                                      const Value::Map& values,
                                      const std::function<bool(std::string_view type)>& wanted,
                                      const Stack* only) {
  const json defaults = to_json(Value::map(default_tags(*plan.app, environment)));
  const auto& types = schema::AttributeTypeTable::bundled();
  const auto parameters = plan.app->parameters();
  const VariableLookup variable = environment_values(parameters, values);
  std::vector<ResourceView> views;
  for (const auto& stack : plan.stacks) {
    if (only != nullptr && stack.stack != only) continue;
    for (const Resource* r : stack.stack->resources()) {
      if (r->mode() != Resource::Mode::kManaged || (wanted && !wanted(r->type()))) continue;
      // A resource this environment does not create: `count` 0, or
      // `for_each` over nothing.
      const auto count = instances(*r, variable);
      if (count == std::size_t{0}) continue;
      ResourceView view{.type = r->type(),
                        .address = "module." + stack.stack->name() + "." + r->address(),
                        .instances = count,
                        .path = r->node().path(),
                        .where = user_location(*r, *stack.stack)};
      for (const auto& [name, value] : r->attributes()) {
        place(view, name, value, variable);
        add_references(view, name, value, *stack.stack);
      }
      // Blocks of one name form a list, as in a plan; a dynamic block makes
      // the whole list unknown.
      std::map<std::string, Value::List> blocks;
      for (const auto& block : r->blocks()) {
        blocks[block.name].push_back(block.body);
        add_references(view, block.name, block.body, *stack.stack);
      }
      for (const auto& [name, bodies] : blocks) place(view, name, Value::list(bodies), variable);
      for (const auto& block : r->dynamic_blocks()) {
        view.after.erase(block.name);
        view.after_unknown[block.name] = true;
      }
      if (!types.resource_attribute(r->type(), "tags").empty()) add_tags_all(view, defaults);
      views.push_back(std::move(view));
    }
  }
  return views;
}

ResourceView aws_provider_view(const Environment& environment) {
  return ResourceView{.type = kAwsProvider,
                      .address = kAwsProvider,
                      .after = {{"region", environment.region}},
                      .where = environment.where};
}

void locate_in_model(std::vector<ResourceView>& views, const Plan& plan) {
  std::map<std::string, std::pair<std::string, SourceLocation>, std::less<>> declared;
  for (const auto& stack : plan.stacks) {
    for (const Resource* r : stack.stack->resources()) {
      if (r->mode() != Resource::Mode::kManaged) continue;
      declared.emplace("module." + stack.stack->name() + "." + r->address(),
                       std::pair{r->node().path(), user_location(*r, *stack.stack)});
    }
  }
  for (auto& view : views) {
    std::string_view address = view.address;
    // The instance key of a resource with count or for_each ends the address
    // (keelson's module calls have none; a key may hold any character).
    if (const auto key = address.find('['); key != std::string_view::npos)
      address = address.substr(0, key);
    if (const auto it = declared.find(address); it != declared.end()) {
      view.path = it->second.first;
      view.where = it->second.second;
    }
  }
}

}  // namespace keelson::policy
