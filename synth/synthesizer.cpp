#include "synth/synthesizer.h"

#include <algorithm>
#include <atomic>
#include <future>
#include <optional>
#include <thread>

#include <fmt/format.h>

#include "charts/chart.h"
#include "charts/values_check.h"
#include "charts/values_merge.h"
#include "dsl/suggest.h"
#include "environments/chart_values.h"
#include "environments/environment.h"
#include "generators/helm_chart.h"
#include "generators/terraform_module.h"
#include "generators/terraform_root.h"
#include "synth/path_limits.h"

namespace keelson {
namespace {

// Modules are independent once planned (the model is only read), so they are
// generated on every core; each lands in its own set, merged in stack order,
// so the output does not depend on scheduling.
void emit_modules(const Plan& plan, FileSet& files) {
  std::vector<FileSet> parts(plan.stacks.size());
  std::atomic<std::size_t> next{0};
  auto work = [&] {
    for (std::size_t i = next++; i < plan.stacks.size(); i = next++) {
      emit_module(plan, plan.stacks[i], parts[i]);
    }
  };
  const std::size_t workers =
      std::min<std::size_t>(plan.stacks.size(), std::max(1u, std::thread::hardware_concurrency()));
  std::vector<std::future<void>> helpers;
  for (std::size_t i = 1; i < workers; ++i) helpers.push_back(std::async(std::launch::async, work));
  work();
  for (auto& helper : helpers) helper.get();  // rethrows what a worker threw
  for (auto& part : parts) files.merge(part);
}

Diagnostic no_environments(const std::filesystem::path& dir) {
  return make_error("K1030", "no environment files (*.yaml) in " + dir.generic_string(), {},
                    "add one file per environment, e.g. environments/dev.yaml");
}


// The rules a workload's values must satisfy together, on what the
// environment ends up with (its values over the chart's), for the chart and
// each subchart whose values the environment changes.
void check_environment_values(const Chart& chart, const Value& defaults, const Value& given,
                              const std::string& path, const SourceLocation& where,
                              std::vector<Diagnostic>& problems,
                              std::vector<Diagnostic>& warnings) {
  if (given.kind() != Value::Kind::kMap || given.as_map().empty()) return;
  if (chart.workload() != nullptr) {
    for (auto& message : workload_values_problems(merge_values(defaults, given))) {
      problems.push_back(make_error("K2056", fmt::format("{}: {}", path, message), where));
    }
    for (auto& message : workload_values_warnings(given)) {
      Diagnostic d = make_error("K2057", fmt::format("{}: {}", path, message), where);
      d.severity = Diagnostic::Severity::kWarning;
      warnings.push_back(std::move(d));
    }
  }
  for (const Chart* sub : chart.subcharts()) {
    check_environment_values(*sub, value_at(defaults, {sub->alias()}), value_at(given, {sub->alias()}),
                             path + "." + sub->alias(), where, problems, warnings);
  }
}

// Each chart's values per environment, checked against the chart's schema;
// a chart an environment names that does not exist is an error too.
std::map<const Chart*, std::map<std::string, Value>> chart_values(
    const std::vector<const Chart*>& charts, const std::vector<Environment>& environments,
    std::vector<Diagnostic>& problems, std::vector<Diagnostic>& warnings) {
  std::map<const Chart*, std::map<std::string, Value>> out;
  std::vector<std::string> names;
  for (const Chart* chart : charts) names.push_back(chart->name());
  for (const Environment& env : environments) {
    for (const auto& [name, input] : env.charts) {
      if (std::find(names.begin(), names.end(), name) == names.end()) {
        problems.push_back(make_error(
            "K2055", fmt::format("charts.{}: the App declares no such chart", name), input.where,
            names.empty() ? "declare it with app.add<Chart>(...)" : did_you_mean(name, names)));
      }
    }
    for (const Chart* chart : charts) {
      const auto it = env.charts.find(chart->name());
      if (it == env.charts.end()) {
        out[chart][env.name] = Value::Map{};
        continue;
      }
      Value given =
          resolve_chart_values(it->second, chart->name(), chart->values_schema(), problems);
      check_environment_values(*chart, effective_defaults(*chart), given,
                               fmt::format("charts.{} in {}", chart->name(), env.name),
                               it->second.where, problems, warnings);
      out[chart][env.name] = std::move(given);
    }
  }
  return out;
}

std::vector<Diagnostic> chart_warnings(const Chart& chart) {
  std::vector<Diagnostic> out;
  if (const Workload* workload = chart.workload()) {
    for (auto& message : workload->warnings()) {
      Diagnostic d = make_error("K1050", std::move(message), workload->node().where(), {},
                                workload->node().path());
      d.severity = Diagnostic::Severity::kWarning;
      out.push_back(std::move(d));
    }
  }
  for (const Chart* sub : chart.subcharts()) {
    auto more = chart_warnings(*sub);
    out.insert(out.end(), more.begin(), more.end());
  }
  return out;
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
  if (names.empty()) {
    try {
      require_environments_directory(environments_dir);
      problems.push_back(no_environments(environments_dir));
    } catch (const Error& e) {
      collect(e);
    }
  }

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
  const std::vector<const Chart*> charts = charts_of(app);
  std::vector<Environment> all;  // every environment: the charts serve them all
  for (const auto& [env, values] : loaded) all.push_back(env);
  if (!charts.empty() && !environments.empty()) {
    for (const auto& name : list_environments(environments_dir)) {
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      try {
        all.push_back(load_environment(environments_dir, name));
      } catch (const Error& e) {
        collect(e);
      }
    }
  }
  std::vector<Diagnostic> warnings;
  auto values_by_chart = chart_values(charts, all, problems, warnings);
  if (!problems.empty()) throw Error(std::move(problems));

  Synthesis out{std::move(*plan), {}, names, {}, std::move(warnings)};
  emit_modules(out.plan, out.files);
  for (const auto& [env, values] : loaded) emit_root(out.plan, env, values, out.files);
  for (const Chart* chart : charts) {
    emit_chart(*chart, values_by_chart[chart], out.files);
    auto warnings = chart_warnings(*chart);
    out.warnings.insert(out.warnings.end(), warnings.begin(), warnings.end());
  }
  // Before anything is written: a name the file system refuses would
  // otherwise fail half-way through writing, far from the declaration.
  if (auto too_long = check_path_lengths(out.plan, out.files); !too_long.empty()) {
    throw Error(std::move(too_long));
  }
  if (environments.empty()) {
    out.owned = {"terraform"};
  } else {
    out.owned = {"terraform/modules"};
    for (const auto& name : names) out.owned.push_back(root_directory(name));
  }
  if (!charts.empty()) out.owned.push_back("helm-charts");
  return out;
}

}  // namespace keelson
