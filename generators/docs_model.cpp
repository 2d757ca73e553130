#include "generators/docs_model.h"

#include <algorithm>
#include <regex>
#include <tuple>

namespace keelson {
namespace {

using nlohmann::json;

json parse_file(const FileSet& files, const std::string& path) {
  const auto it = files.find(path);
  if (it == files.end()) return json::object();
  return json::parse(it->second);
}

std::string repeat_of(const json& body) {
  for (const char* key : {"count", "for_each"}) {
    if (!body.contains(key)) continue;
    const json& v = body.at(key);
    return std::string(key) + " = " + (v.is_string() ? v.get<std::string>() : v.dump());
  }
  return "";
}

}  // namespace

DocModule doc_module(const std::string& name, const FileSet& files) {
  const std::string dir = "terraform/modules/" + name + "/";
  DocModule module{name, {}, {}, {}};
  const json main = parse_file(files, dir + "main.tf.json");
  if (main.contains("resource")) {
    for (const auto& [type, named] : main.at("resource").items()) {
      for (const auto& [rname, body] : named.items()) {
        module.resources.push_back({type, rname, repeat_of(body), body});
      }
    }
  }
  const json variables = parse_file(files, dir + "variables.tf.json");
  if (variables.contains("variable")) {
    for (const auto& [vname, body] : variables.at("variable").items()) {
      DocVariable v{vname, body.value("type", "any"), body.value("description", ""), {}, false};
      if (body.contains("default")) v.default_value = body.at("default");
      v.sensitive = body.value("sensitive", false);
      module.variables.push_back(std::move(v));
    }
  }
  const json outputs = parse_file(files, dir + "outputs.tf.json");
  if (outputs.contains("output")) {
    for (const auto& [oname, body] : outputs.at("output").items()) {
      const json value = body.value("value", json());
      module.outputs.push_back({oname, body.value("description", ""),
                                body.value("sensitive", false),
                                value.is_string() ? value.get<std::string>() : value.dump()});
    }
  }
  std::sort(module.resources.begin(), module.resources.end(),
            [](const DocResource& a, const DocResource& b) { return a.address() < b.address(); });
  return module;  // variables and outputs: json objects iterate sorted
}

namespace {

// `aws_vpc.main` from an output's expression `aws_vpc.main.id`, when it
// names a managed resource.
std::string resource_of(const std::string& expression) {
  static const std::regex kAddress(
      R"(^(?:\$\{)?([a-z][a-z0-9_]*)\.([A-Za-z_][A-Za-z0-9_-]*)[.\[])");
  std::smatch m;
  if (!std::regex_search(expression, m, kAddress) || m[1] == "data" || m[1] == "var" ||
      m[1] == "local" || m[1] == "module" || m[1] == "each" || m[1] == "count") {
    return "";
  }
  return m[1].str() + "." + m[2].str();
}

bool is_scalar(const json& v) { return v.is_string() || v.is_number() || v.is_boolean(); }

std::string scalar_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

const DocResource* DocModule::find(const std::string& address) const {
  for (const auto& r : resources) {
    if (r.address() == address) return &r;
  }
  return nullptr;
}

const DocModule* DocsModel::module(const std::string& name) const {
  for (const auto& m : modules) {
    if (m.name == name) return &m;
  }
  return nullptr;
}

Resolved DocsModel::input(const DocEnvironment& env, const std::string& module_name,
                          const std::string& variable) const {
  const DocModule* mod = module(module_name);
  if (env.module_calls.contains(module_name) &&
      env.module_calls.at(module_name).contains(variable)) {
    const json& argument = env.module_calls.at(module_name).at(variable);
    static const std::regex kRootVariable(R"(^\$\{var\.([A-Za-z0-9_-]+)\}$)");
    std::smatch m;
    const std::string text = argument.is_string() ? argument.get<std::string>() : "";
    if (std::regex_match(text, m, kRootVariable)) {
      const std::string name = m[1];
      if (env.tfvars.contains(name)) return {env.tfvars.at(name), ""};
      if (env.variables.contains(name) && env.variables.at(name).contains("default")) {
        return {env.variables.at(name).at("default"), ""};
      }
      return {std::nullopt, "var." + name};
    }
    if (argument.dump().find("${") != std::string::npos) {
      std::string expression = text;
      if (expression.size() > 3 && expression.starts_with("${") && expression.ends_with("}")) {
        expression = expression.substr(2, expression.size() - 3);
      }
      return {std::nullopt, expression.empty() ? argument.dump() : expression};
    }
    return {argument, ""};
  }
  if (mod != nullptr) {
    for (const auto& v : mod->variables) {
      if (v.name == variable && v.default_value) return {v.default_value, ""};
    }
  }
  return {std::nullopt, "var." + variable};
}

Resolved DocsModel::evaluate(const DocEnvironment& env, const std::string& module_name,
                             const json& value) const {
  if (value.is_array() || value.is_object()) {
    json out = value.is_array() ? json::array() : json::object();
    for (const auto& [key, item] : value.items()) {
      Resolved r = evaluate(env, module_name, item);
      if (!r.value) return r;
      if (value.is_array()) {
        out.push_back(*r.value);
      } else {
        out[key] = *r.value;
      }
    }
    return {out, ""};
  }
  if (!value.is_string()) return {value, ""};
  const std::string text = value.get<std::string>();
  if (text.find("${") == std::string::npos) return {value, ""};
  const DocModule* mod = module(module_name);
  static const std::regex kPart(R"(\$\{([^{}]*)\})");
  static const std::regex kVariable(R"(^var\.([A-Za-z0-9_-]+)$)");
  static const std::regex kAttribute(R"(^([a-z][a-z0-9_]*\.[A-Za-z0-9_-]+)\.([a-z0-9_]+)$)");
  // A whole-value `${var.X}` keeps the variable's type (a number stays one).
  std::smatch whole;
  if (std::regex_match(text, whole, kPart)) {
    const std::string inner = whole[1];
    std::smatch m;
    if (std::regex_match(inner, m, kVariable)) return input(env, module_name, m[1]);
  }
  std::string out;
  auto begin = text.cbegin();
  for (std::sregex_iterator it(text.begin(), text.end(), kPart), end; it != end; ++it) {
    const std::smatch& part = *it;
    out.append(begin, part[0].first);
    begin = part[0].second;
    const std::string inner = part[1];
    std::smatch m;
    std::optional<json> replacement;
    if (std::regex_match(inner, m, kVariable)) {
      replacement = input(env, module_name, m[1]).value;
    } else if (mod != nullptr && std::regex_match(inner, m, kAttribute)) {
      // Terraform refuses reference cycles, so this recursion ends.
      if (const DocResource* r = mod->find(m[1]); r != nullptr && r->body.contains(m[2].str())) {
        replacement = evaluate(env, module_name, r->body.at(m[2].str())).value;
      }
    }
    if (!replacement || !is_scalar(*replacement)) return {std::nullopt, inner};
    out += scalar_text(*replacement);
  }
  out.append(begin, text.cend());
  if (out.find("${") != std::string::npos) return {std::nullopt, text};
  return {json(out), ""};
}

DocsModel docs_model(const Plan& plan, const FileSet& files,
                     const std::vector<DocEnvironment>& environments) {
  DocsModel model;
  model.app = plan.app != nullptr ? plan.app->name() : "";
  model.files = &files;
  for (const StackPlan& stack : plan.stacks) {
    model.modules.push_back(doc_module(stack.stack->name(), files));
  }
  for (const StackPlan& stack : plan.stacks) {
    for (const CrossStackInput& in : stack.inputs) {
      // The resource behind the output, as the producer's module writes it.
      std::string resource;
      if (const DocModule* producer = model.module(in.producer->name())) {
        for (const DocOutput& out : producer->outputs) {
          if (out.name == in.output) resource = resource_of(out.value);
        }
      }
      model.wires.push_back(
          {in.producer->name(), in.output, resource, stack.stack->name(), in.variable});
    }
  }
  std::sort(model.wires.begin(), model.wires.end(), [](const DocWire& a, const DocWire& b) {
    return std::tie(a.consumer, a.variable, a.producer) <
           std::tie(b.consumer, b.variable, b.producer);
  });
  for (DocEnvironment env : environments) {
    const std::string dir = "terraform/environments/" + env.name + "/";
    const json main = parse_file(files, dir + "main.tf.json");
    if (main.contains("module")) env.module_calls = main.at("module");
    const json tfvars = parse_file(files, dir + "terraform.tfvars.json");
    if (!tfvars.empty()) env.tfvars = tfvars;
    const json variables = parse_file(files, dir + "variables.tf.json");
    if (variables.contains("variable")) env.variables = variables.at("variable");
    model.environments.push_back(std::move(env));
  }
  std::sort(model.environments.begin(), model.environments.end(),
            [](const DocEnvironment& a, const DocEnvironment& b) { return a.name < b.name; });
  for (const auto& [path, content] : files) {
    static const std::regex kChartYaml(R"(^helm-charts/([^/]+)/Chart\.yaml$)");
    std::smatch m;
    if (std::regex_match(path, m, kChartYaml)) model.charts.push_back(m[1]);
  }
  return model;
}

std::string display_value(const json& value) {
  return value.is_string() ? value.get<std::string>() : value.dump();
}

std::string table_cell(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '|') {
      out += "\\|";
    } else if (c == '\n') {
      out += "<br>";
    } else {
      out += c;
    }
  }
  return out;
}

}  // namespace keelson
