#include "generators/terraform_module.h"

#include <algorithm>
#include <forward_list>

#include "dsl/provider.h"
#include "dsl/suppression.h"
#include "generators/json_writer.h"

namespace keelson {
namespace {

// Several blocks of one name render as an array, a single one as an object.
void append_block(Value::Map& body, const std::string& name, Value block) {
  auto it = body.find(name);
  if (it == body.end()) {
    body.emplace(name, std::move(block));
  } else if (it->second.kind() == Value::Kind::kList) {
    it->second.as_list().push_back(std::move(block));
  } else {
    it->second = Value::list({std::move(it->second), std::move(block)});
  }
}

// Writes `value` at the dotted `path` of `body`; null removes the entry.
void apply_override(Value::Map& body, const std::string& path, const Value& value) {
  Value::Map* node = &body;
  std::size_t start = 0;
  while (true) {
    const std::size_t dot = path.find('.', start);
    const std::string key = path.substr(start, dot == std::string::npos ? dot : dot - start);
    if (dot == std::string::npos) {
      if (value.is_null()) {
        node->erase(key);
      } else {
        node->insert_or_assign(key, value);
      }
      return;
    }
    Value& next = (*node)[key];
    if (next.kind() == Value::Kind::kList && !next.as_list().empty() &&
        next.as_list().back().kind() == Value::Kind::kMap) {
      node = &next.as_list().back().as_map();  // an override of a repeated block reaches the last
    } else {
      if (next.kind() != Value::Kind::kMap) next = Value::map({});
      node = &next.as_map();
    }
    start = dot + 1;
  }
}

Value lifecycle_block(const Lifecycle& lifecycle) {
  Value::Map out;
  if (lifecycle.prevent_destroy) out.emplace("prevent_destroy", true);
  if (lifecycle.create_before_destroy) out.emplace("create_before_destroy", true);
  if (lifecycle.ignore_all_changes) {
    out.emplace("ignore_changes", "all");
  } else if (!lifecycle.ignore_changes.empty()) {
    Value::List names(lifecycle.ignore_changes.begin(), lifecycle.ignore_changes.end());
    out.emplace("ignore_changes", std::move(names));
  }
  return out;
}

// The members of a resource body as Terraform's JSON syntax has them:
// arguments, blocks and meta-arguments side by side. Members point into the
// model where they can, so large modules are written without copying it.
class Body {
 public:
  Body(const Resource& r, const StackPlan& stack) {
    for (const auto& [name, value] : r.attributes()) members_.emplace_back(name, &value);
    std::map<std::string_view, std::vector<const Value*>> blocks;
    for (const auto& block : r.blocks()) blocks[block.name].push_back(&block.body);
    for (auto& [name, bodies] : blocks) {
      if (const Value* attribute = find(name)) bodies.insert(bodies.begin(), attribute);
      if (bodies.size() == 1) {
        put(name, bodies.front());
      } else {
        Value::List list;
        for (const Value* body : bodies) list.push_back(*body);
        own(name, std::move(list));
      }
    }
    if (!r.dynamic_blocks().empty()) {
      Value::Map dynamic;
      for (const auto& d : r.dynamic_blocks()) {
        Value::Map entry{{"for_each", d.for_each}, {"content", d.content}};
        if (!d.iterator.empty()) entry.emplace("iterator", d.iterator);
        append_block(dynamic, d.name, std::move(entry));
      }
      own("dynamic", std::move(dynamic));
    }
    if (r.count_value()) put("count", &*r.count_value());
    if (r.for_each_value()) put("for_each", &*r.for_each_value());
    Value::List depends_on;
    for (const Referenceable* dependency : r.dependencies()) {
      // Dependencies on other stacks become `depends_on` of the module call.
      if (&dependency->owner() == stack.stack) depends_on.emplace_back(dependency->address());
    }
    if (!depends_on.empty()) own("depends_on", std::move(depends_on));
    if (r.lifecycle_value()) {
      Value lifecycle = lifecycle_block(*r.lifecycle_value());
      if (!lifecycle.as_map().empty()) own("lifecycle", std::move(lifecycle));
    }
    if (const Provider* p = r.provider_value(); p != nullptr && !p->alias().empty()) {
      own("provider", p->reference());
    }
    // checkov reads a skip from the body's `//` comment, which Terraform
    // ignores; one skip is a string, several a list, one per rule.
    Value::List skips;
    for (const Suppression& suppression : r.suppressions()) {
      if (is_checkov_rule(suppression.rule_id)) skips.emplace_back(checkov_skip_comment(suppression));
    }
    if (skips.size() == 1) {
      own("//", std::move(skips.front()));
    } else if (!skips.empty()) {
      own("//", std::move(skips));
    }
    overrides_ = &r.overrides();
    std::sort(members_.begin(), members_.end());
  }

  void write(std::string& out, const ReferenceRenderer& references, int depth) const {
    if (!overrides_->empty()) {
      // Overrides need a body of their own to write into; they are rare.
      Value::Map body;
      for (const auto& [name, value] : members_) body.emplace(std::string(name), *value);
      for (const auto& o : *overrides_) apply_override(body, o.path, o.value);
      append_json(out, Value(std::move(body)), references, depth);
      return;
    }
    ObjectWriter object(out, depth);
    for (const auto& [name, value] : members_) {
      object.key(name);
      append_json(out, *value, references, depth + 1);
    }
    object.close();
  }

 private:
  const Value* find(std::string_view name) const {
    for (const auto& [key, value] : members_) {
      if (key == name) return value;
    }
    return nullptr;
  }
  // Sets member `name`, replacing one of that name; bodies are small.
  void put(std::string_view name, const Value* value) {
    for (auto& [key, existing] : members_) {
      if (key == name) {
        existing = value;
        return;
      }
    }
    members_.emplace_back(name, value);
  }
  void own(std::string_view name, Value value) {
    owned_.push_front(std::move(value));
    put(name, &owned_.front());
  }

  std::vector<std::pair<std::string_view, const Value*>> members_;  // sorted by name once built
  std::forward_list<Value> owned_;  // stable addresses for members made here
  const std::vector<Resource::Override>* overrides_ = nullptr;
};

// Resources of one section sorted by type, then name: the document's key order.
void write_section(std::string& out, std::vector<const Resource*> section, const StackPlan& stack,
                   int depth) {
  std::sort(section.begin(), section.end(), [](const Resource* a, const Resource* b) {
    const int by_type = a->type().compare(b->type());
    return by_type != 0 ? by_type < 0 : a->logical_id() < b->logical_id();
  });
  ObjectWriter types(out, depth);
  for (std::size_t i = 0; i < section.size();) {
    const std::string& type = section[i]->type();
    types.key(type);
    ObjectWriter names(out, depth + 1);
    for (; i < section.size() && section[i]->type() == type; ++i) {
      names.key(section[i]->logical_id());
      Body(*section[i], stack).write(out, stack.references, depth + 2);
    }
    names.close();
  }
  types.close();
}

std::string main_document(const StackPlan& stack) {
  std::vector<const Resource*> resources;
  std::vector<const Resource*> data;
  for (const Resource* r : stack.stack->resources()) {
    (r->mode() == Resource::Mode::kData ? data : resources).push_back(r);
  }
  Value::Map modules;
  for (const ModuleCall* m : stack.stack->module_calls()) {
    Value::Map call = m->inputs();
    call.insert_or_assign("source", m->source());
    if (!m->version().empty()) call.insert_or_assign("version", m->version());
    modules.insert_or_assign(m->address().substr(std::string("module.").size()), std::move(call));
  }
  std::string out;
  // Growing a string of many megabytes by doubling copies it again and again;
  // pages reserved but never written cost no memory.
  out.reserve(stack.stack->resources().size() * 1024 + 4096);
  ObjectWriter doc(out, 0);
  if (!data.empty()) {
    doc.key("data");
    write_section(out, std::move(data), stack, 1);
  }
  if (!modules.empty()) {
    doc.key("module");
    append_json(out, Value(std::move(modules)), stack.references, 1);
  }
  if (!resources.empty()) {
    doc.key("resource");
    write_section(out, std::move(resources), stack, 1);
  }
  doc.close();
  out += '\n';
  return out;
}

Value variables_document(const StackPlan& stack) {
  Value::Map variables;
  for (const Parameter* p : stack.parameters) variables.emplace(p->name(), variable_block(*p));
  if (stack.uses_environment) {
    variables.emplace(
        "environment",
        Value::map({{"type", "string"},
                    {"description", "Name of the environment (its root's directory), passed by "
                                    "keelson for environment_name()."}}));
  }
  for (const auto& input : stack.inputs) {
    variables.emplace(
        input.variable,
        Value::map({{"type", input.type},
                    {"description", "Output \"" + input.output + "\" of stack \"" +
                                        input.producer->name() + "\", wired by keelson."}}));
  }
  return variables.empty() ? Value() : Value::map({{"variable", std::move(variables)}});
}

Value outputs_document(const StackPlan& stack) {
  Value::Map outputs;
  for (const auto& o : stack.stack->outputs()) {
    Value::Map block{{"value", o.value}, {"description", o.options.description}};
    if (o.options.sensitive) block.emplace("sensitive", true);
    outputs.emplace(o.name, std::move(block));
  }
  auto joined = [](const std::vector<std::string>& names) {
    std::string out;
    for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
    return out;
  };
  for (const auto& e : stack.exports) {
    std::string description;
    if (!e.consumers.empty()) description = "Read by stack " + joined(e.consumers) + ".";
    if (!e.providers.empty()) {
      description += (description.empty() ? "" : " ") + std::string("Configures provider ") +
                     joined(e.providers) + " in every root.";
    }
    outputs.emplace(e.name,
                    Value::map({{"value", raw(e.expression)}, {"description", description}}));
  }
  return outputs.empty() ? Value() : Value::map({{"output", std::move(outputs)}});
}

}  // namespace

std::string module_directory(const Stack& stack) { return "terraform/modules/" + stack.name(); }

Value variable_block(const Parameter& parameter, bool with_rules) {
  const ParamSpec& spec = parameter.spec();
  Value::Map block{
      {"type", parameter.type().terraform()},
      {"description",
       spec.description.empty() ? "The " + parameter.name() + " parameter." : spec.description}};
  if (spec.sensitive) block.emplace("sensitive", true);
  if (spec.default_value) block.emplace("default", *spec.default_value);
  Value::List validations;
  for (const auto& v : parameter.validations()) {
    validations.push_back(
        Value::map({{"condition", v.condition}, {"error_message", v.error_message}}));
  }
  // Rules may refer to any parameter; a module declares only those it uses.
  if (with_rules) {
    for (const auto& r : parameter.rules()) {
      validations.push_back(
          Value::map({{"condition", r.condition}, {"error_message", r.error_message}}));
    }
  }
  if (!validations.empty()) block.emplace("validation", std::move(validations));
  return block;
}

Value required_providers(const std::vector<const Provider*>& providers, bool with_aliases) {
  Value::Map out;
  for (const Provider* p : providers) {
    Value& entry = out[p->local_name()];
    if (entry.is_null()) entry = Value::map({{"source", p->source()}, {"version", p->version()}});
    if (with_aliases && !p->alias().empty()) {
      Value& aliases = entry.as_map()["configuration_aliases"];
      if (aliases.is_null()) aliases = Value::list({});
      aliases.as_list().emplace_back(p->reference());
    }
  }
  return out;
}

void emit_module(const Plan& plan, const StackPlan& stack, FileSet& files) {
  const std::string dir = module_directory(*stack.stack) + "/";
  const ReferenceRenderer& refs = stack.references;
  files[dir + "main.tf.json"] = main_document(stack);
  if (Value doc = variables_document(stack); !doc.is_null()) {
    files[dir + "variables.tf.json"] = json_document(doc, refs);
  }
  if (Value doc = outputs_document(stack); !doc.is_null()) {
    files[dir + "outputs.tf.json"] = json_document(doc, refs);
  }
  const Value terraform =
      Value::map({{"required_version", plan.app->options().terraform_version},
                  {"required_providers", required_providers(stack.providers, true)}});
  files[dir + "versions.tf.json"] = json_document(Value::map({{"terraform", terraform}}), refs);
}

}  // namespace keelson
