#include "stacks/stack_test_support.h"

#include "generators/terraform_module.h"
#include "plan/wiring.h"
#include "schema/provider_schema.h"
#include "schema/schema_validator.h"

namespace keelson::testing {
namespace {

FileSet modules(const App& app) {
  const Plan plan = plan_app(app);
  FileSet files;
  for (const auto& stack : plan.stacks) emit_module(plan, stack, files);
  return files;
}

nlohmann::json module_file(const App& app, const std::string& stack, const std::string& file) {
  const FileSet files = modules(app);
  const auto it = files.find("terraform/modules/" + stack + "/" + file);
  return it == files.end() ? nlohmann::json() : nlohmann::json::parse(it->second);
}

}  // namespace

nlohmann::json module_json(const App& app, const std::string& stack) {
  return module_file(app, stack, "main.tf.json");
}

nlohmann::json module_variables(const App& app, const std::string& stack) {
  return module_file(app, stack, "variables.tf.json");
}

nlohmann::json module_outputs(const App& app, const std::string& stack) {
  return module_file(app, stack, "outputs.tf.json");
}

std::vector<std::string> schema_findings(const App& app) {
  std::vector<std::string> out;
  for (const auto& [path, content] : modules(app)) {
    if (path.size() < 13 || path.compare(path.size() - 13, 13, "/main.tf.json") != 0) continue;
    for (const auto& finding : schema::validate_terraform_json(
             nlohmann::json::parse(content), schema::ProviderSchemas::bundled(), path)) {
      out.push_back(finding.to_string());
    }
  }
  return out;
}

std::vector<std::string> plan_problems(const App& app) {
  try {
    plan_app(app);
  } catch (const Error& e) {
    std::vector<std::string> out;
    for (const auto& d : e.diagnostics()) out.push_back(d.message);
    return out;
  }
  return {};
}

}  // namespace keelson::testing
