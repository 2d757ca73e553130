#include "synth/synthesizer.h"

#include <fmt/core.h>

#include <algorithm>
#include <atomic>
#include <future>
#include <optional>
#include <thread>

#include "charts/chart.h"
#include "cost/estimate.h"
#include "environments/environment.h"
#include "environments/isolation.h"
#include "generators/compliance_report.h"
#include "generators/cost_chart.h"
#include "generators/cost_report.h"
#include "generators/github_workflow.h"
#include "generators/helm_chart.h"
#include "generators/terraform_module.h"
#include "generators/terraform_root.h"
#include "plan/chart_plan.h"
#include "policy/environment_check.h"
#include "synth/compliance_evidence.h"
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
  // Isolation holds across every environment of the App, also those not
  // synthesized now; one whose file is broken is reported when it is.
  std::vector<Environment> everyone = all;
  if (!environments.empty() && everyone.size() == loaded.size()) {
    for (const auto& name : list_environments(environments_dir)) {
      if (std::find(names.begin(), names.end(), name) != names.end()) continue;
      try {
        everyone.push_back(load_environment(environments_dir, name));
      } catch (const Error&) {
      }
    }
  }
  for (auto& problem : isolation_problems(everyone, app.name())) {
    const bool ours = std::any_of(loaded.begin(), loaded.end(), [&](const auto& env) {
      return env.first.file == problem.where.file;
    });
    if (ours || environments.empty()) problems.push_back(std::move(problem));
  }
  std::vector<Diagnostic> warnings;
  const std::vector<ChartPlan> chart_plans = plan_charts(charts, all, problems, warnings);
  // The policy rules: an error finding no suppression accepts stops here.
  // The monthly estimates read the views the rules were checked on.
  std::vector<ComplianceEvidence> evidence;
  std::vector<cost::CostEstimate> estimates;
  if (plan) {
    for (const auto& [env, values] : loaded) {
      std::vector<policy::ResourceView> views;
      const auto result = policy::check_environment(*plan, env, values, &views);
      policy::to_diagnostics(result, problems, warnings);
      evidence.push_back(compliance_evidence(result, env));
      // A region the table has no prices for gets no estimate; `cost` says why (K2087).
      if (cost::PriceTable::bundled().has_region(env.region))
        estimates.push_back(cost::estimate(views, env, cost::PriceTable::bundled()));
    }
  }
  // The workflow spans every environment: written when all are synthesized.
  std::optional<std::string> workflow;
  if (const Workflow* declared = app.workflow(); declared && environments.empty()) {
    std::vector<std::string> names_found;
    for (const auto& env : everyone) names_found.push_back(env.name);
    const auto wrong = workflow_problems(declared->options, names_found);
    for (const auto& message : wrong) {
      problems.push_back(
          make_error("K1060", message, declared->where, "see WorkflowOptions in dsl/workflow.h"));
    }
    if (wrong.empty()) {
      std::vector<WorkflowEnvironment> promoted;
      for (const auto& name : declared->options.promotion) {
        for (const auto& env : everyone) {
          if (env.name == name) promoted.push_back({env.name, env.region, env.account});
        }
      }
      workflow = github_workflow(declared->options, promoted);
    }
  }
  if (!problems.empty()) throw Error(std::move(problems));

  Synthesis out{std::move(*plan), {}, names, {}, std::move(warnings)};
  emit_modules(out.plan, out.files);
  for (const auto& [env, values] : loaded) emit_root(out.plan, env, values, out.files);
  for (const auto& environment : evidence) emit_compliance_report(environment, out.files);
  // Each environment's estimate, for `cost --against` to compare a later
  // synth with; the chart only when every environment is estimated.
  for (const auto& estimate : estimates)
    out.files[cost_file(estimate.environment)] = estimate_json(estimate).dump(2) + "\n";
  if (environments.empty() && estimates.size() == loaded.size() && !estimates.empty())
    out.files[kCostChartFile] = cost_chart_svg(estimates);
  for (const ChartPlan& chart : chart_plans) {
    emit_chart(*chart.chart, chart.environment_values, out.files);
  }
  // Before anything is written: a name the file system refuses would
  // otherwise fail half-way through writing, far from the declaration.
  if (auto too_long = check_path_lengths(out.plan, out.files); !too_long.empty()) {
    throw Error(std::move(too_long));
  }
  if (environments.empty()) {
    out.owned = {"terraform", "compliance", "cost"};
  } else {
    out.owned = {"terraform/modules"};
    for (const auto& name : names) {
      out.owned.push_back(root_directory(name));
      out.owned.push_back(compliance_directory(name));
      out.owned.push_back(cost_directory(name));
    }
  }
  if (!charts.empty()) out.owned.push_back("helm-charts");
  if (workflow) {
    out.files[workflow_path(app.workflow()->options)] = std::move(*workflow);
    out.owned.push_back("workflows");
  }
  return out;
}

}  // namespace keelson
