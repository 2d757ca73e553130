#include "generators/terraform_module.h"

#include <nlohmann/json.hpp>

#include "dsl/provider.h"

namespace keelson {
namespace {

using nlohmann::json;

// Several blocks of one name render as an array, a single one as an object.
void append_block(json& body, const std::string& name, json block) {
  if (!body.contains(name)) {
    body[name] = std::move(block);
  } else if (body[name].is_array()) {
    body[name].push_back(std::move(block));
  } else {
    body[name] = json::array({std::move(body[name]), std::move(block)});
  }
}

json render_map(const Value::Map& map, const ReferenceRenderer& references) {
  json out = json::object();
  for (const auto& [key, value] : map) out[key] = render_json(value, references);
  return out;
}

// Writes `value` at the dotted `path` of `body`; null removes the entry.
void apply_override(json& body, const std::string& path, json value) {
  json* node = &body;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (dot == std::string::npos) {
      if (value.is_null()) {
        node->erase(key);
      } else {
        (*node)[key] = std::move(value);
      }
      return;
    }
    json& next = (*node)[key];
    if (next.is_array() && !next.empty()) {
      node = &next.back();  // an override of a repeated block reaches the last one
    } else {
      if (!next.is_object()) next = json::object();
      node = &next;
    }
    start = dot + 1;
  }
}

json lifecycle_block(const Lifecycle& lifecycle) {
  json out = json::object();
  if (lifecycle.prevent_destroy) out["prevent_destroy"] = true;
  if (lifecycle.create_before_destroy) out["create_before_destroy"] = true;
  if (lifecycle.ignore_all_changes) {
    out["ignore_changes"] = "all";
  } else if (!lifecycle.ignore_changes.empty()) {
    out["ignore_changes"] = lifecycle.ignore_changes;
  }
  return out;
}

json resource_body(const Resource& r, const StackPlan& stack) {
  const ReferenceRenderer& refs = stack.references;
  json body = render_map(r.attributes(), refs);
  for (const auto& block : r.blocks()) append_block(body, block.name, render_map(block.body, refs));
  for (const auto& dynamic : r.dynamic_blocks()) {
    json d = {{"for_each", render_json(dynamic.for_each, refs)},
              {"content", render_map(dynamic.content, refs)}};
    if (!dynamic.iterator.empty()) d["iterator"] = dynamic.iterator;
    if (!body.contains("dynamic")) body["dynamic"] = json::object();
    append_block(body["dynamic"], dynamic.name, std::move(d));
  }
  if (r.count_value()) body["count"] = render_json(*r.count_value(), refs);
  if (r.for_each_value()) body["for_each"] = render_json(*r.for_each_value(), refs);
  json depends_on = json::array();
  for (const Referenceable* dependency : r.dependencies()) {
    // Dependencies on other stacks become `depends_on` of the module call.
    if (&dependency->owner() == stack.stack) depends_on.push_back(dependency->address());
  }
  if (!depends_on.empty()) body["depends_on"] = std::move(depends_on);
  if (r.lifecycle_value()) {
    json lifecycle = lifecycle_block(*r.lifecycle_value());
    if (!lifecycle.empty()) body["lifecycle"] = std::move(lifecycle);
  }
  if (const Provider* p = r.provider_value(); p != nullptr && !p->alias().empty()) {
    body["provider"] = p->reference();
  }
  for (const auto& o : r.overrides()) apply_override(body, o.path, render_json(o.value, refs));
  return body;
}

json main_document(const StackPlan& stack) {
  json doc = json::object();
  for (const Resource* r : stack.stack->resources()) {
    const char* section = r->mode() == Resource::Mode::kData ? "data" : "resource";
    doc[section][r->type()][r->logical_id()] = resource_body(*r, stack);
  }
  for (const ModuleCall* m : stack.stack->module_calls()) {
    json call = render_map(m->inputs(), stack.references);
    call["source"] = m->source();
    if (!m->version().empty()) call["version"] = m->version();
    doc["module"][m->address().substr(std::string("module.").size())] = std::move(call);
  }
  return doc;
}

json variables_document(const StackPlan& stack) {
  json variables = json::object();
  for (const Parameter* p : stack.parameters) variables[p->name()] = variable_block(*p);
  for (const auto& input : stack.inputs) {
    variables[input.variable] = {
        {"type", "any"},
        {"description", "Output \"" + input.output + "\" of stack \"" + input.producer->name() +
                            "\", wired by keelson."}};
  }
  return variables.empty() ? json::object() : json{{"variable", std::move(variables)}};
}

json outputs_document(const StackPlan& stack) {
  json outputs = json::object();
  for (const auto& o : stack.stack->outputs()) {
    json block = {{"value", render_json(o.value, stack.references)},
                  {"description", o.options.description}};
    if (o.options.sensitive) block["sensitive"] = true;
    outputs[o.name] = std::move(block);
  }
  for (const auto& e : stack.exports) {
    std::string readers;
    for (const auto& consumer : e.consumers) readers += (readers.empty() ? "" : ", ") + consumer;
    outputs[e.name] = {{"value", "${" + e.expression + "}"},
                       {"description", "Read by stack " + readers + "."}};
  }
  return outputs.empty() ? json::object() : json{{"output", std::move(outputs)}};
}

}  // namespace

std::string module_directory(const Stack& stack) { return "terraform/modules/" + stack.name(); }

json variable_block(const Parameter& parameter) {
  const ParamSpec& spec = parameter.spec();
  json block = {{"type", parameter.type().terraform()},
                {"description", spec.description.empty() ? "The " + parameter.name() + " parameter."
                                                         : spec.description}};
  if (spec.sensitive) block["sensitive"] = true;
  if (spec.default_value) block["default"] = render_json(*spec.default_value, {});
  json validations = json::array();
  for (const auto& v : parameter.validations()) {
    validations.push_back(
        {{"condition", render_json(v.condition, {})}, {"error_message", v.error_message}});
  }
  if (!validations.empty()) block["validation"] = std::move(validations);
  return block;
}

json required_providers(const std::vector<const Provider*>& providers, bool with_aliases) {
  json out = json::object();
  for (const Provider* p : providers) {
    json& entry = out[p->local_name()];
    entry["source"] = p->source();
    entry["version"] = p->version();
    if (with_aliases && !p->alias().empty())
      entry["configuration_aliases"].push_back(p->reference());
  }
  return out;
}

void emit_module(const Plan& plan, const StackPlan& stack, FileSet& files) {
  const std::string dir = module_directory(*stack.stack) + "/";
  files[dir + "main.tf.json"] = json_text(main_document(stack));
  if (json doc = variables_document(stack); !doc.empty())
    files[dir + "variables.tf.json"] = json_text(doc);
  if (json doc = outputs_document(stack); !doc.empty())
    files[dir + "outputs.tf.json"] = json_text(doc);
  json terraform = {{"required_version", plan.app->options().terraform_version},
                    {"required_providers", required_providers(stack.providers, true)}};
  files[dir + "versions.tf.json"] = json_text(json{{"terraform", std::move(terraform)}});
}

}  // namespace keelson
