#include "synth/synthesizer.h"

#include <algorithm>
#include <optional>

#include "environments/environment.h"
#include "generators/terraform_module.h"
#include "generators/terraform_root.h"

namespace keelson {
namespace {

Diagnostic no_environments(const std::filesystem::path& dir) {
  Diagnostic d;
  d.code = "K1030";
  d.message = "no environment files (*.yaml) in " + dir.generic_string();
  d.hint = "add one file per environment, e.g. environments/dev.yaml";
  return d;
}

}  // namespace

Synthesis synthesize(const App& app, const std::filesystem::path& environments_dir,
                     const std::vector<std::string>& environments) {
  std::vector<Diagnostic> problems;
  auto collect = [&](const Error& e) {
    problems.insert(problems.end(), e.diagnostics().begin(), e.diagnostics().end());
  };

  std::optional<Plan> plan;
  try {
    plan = plan_app(app);
  } catch (const Error& e) {
    collect(e);
  }

  std::vector<std::string> names = environments;
  if (names.empty()) names = list_environments(environments_dir);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  if (names.empty()) problems.push_back(no_environments(environments_dir));

  std::vector<std::pair<Environment, Value::Map>> loaded;
  for (const auto& name : names) {
    try {
      Environment env = load_environment(environments_dir, name);
      Value::Map values = resolve_parameters(env, app.parameters());
      loaded.emplace_back(std::move(env), std::move(values));
    } catch (const Error& e) {
      collect(e);
    }
  }
  if (!problems.empty()) throw Error(std::move(problems));

  Synthesis out{std::move(*plan), {}, names, {}};
  for (const auto& stack : out.plan.stacks) emit_module(out.plan, stack, out.files);
  for (const auto& [env, values] : loaded) emit_root(out.plan, env, values, out.files);
  if (environments.empty()) {
    out.owned = {"terraform"};
  } else {
    out.owned = {"terraform/modules"};
    for (const auto& name : names) out.owned.push_back(root_directory(name));
  }
  return out;
}

}  // namespace keelson
