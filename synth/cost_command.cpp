#include "synth/cost_command.h"

#include <fmt/core.h>

#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cost/estimate.h"
#include "environments/environment.h"
#include "generators/cost_delta.h"
#include "generators/cost_report.h"
#include "plan/wiring.h"

namespace keelson {
namespace {

namespace fs = std::filesystem;

// The base's estimate of one environment; nullopt when it has none (a new
// environment). Throws Error (K2088) when the file is no JSON.
std::optional<nlohmann::json> read_base(const fs::path& file) {
  if (!fs::exists(file)) return std::nullopt;
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  if (!in && !in.eof()) {
    throw Error(make_error("K2088", fmt::format("cannot read {}", file.generic_string()),
                           SourceLocation{file.generic_string(), 0, 0}));
  }
  try {
    return nlohmann::json::parse(text.str());
  } catch (const nlohmann::json::parse_error& e) {
    throw Error(make_error(
        "K2088",
        fmt::format("{} is not a cost estimate: not JSON ({})", file.generic_string(), e.what()),
        SourceLocation{file.generic_string(), 0, 0},
        "point --against at a synth output holding cost/<env>/estimate.json"));
  }
}

}  // namespace

int run_cost(const App& app, const CostOptions& options, std::ostream& out) {
  const auto names =
      options.names.empty() ? list_environments(options.environments) : options.names;
  if (names.empty()) require_environments_directory(options.environments);
  const Plan plan = plan_app(app);
  std::vector<cost::CostEstimate> estimates;
  for (const auto& name : names) {
    const Environment env = load_environment(options.environments, name);
    estimates.push_back(cost::estimate_environment(
        plan, env, resolve_parameters(env, app.parameters()), cost::PriceTable::bundled()));
  }
  if (options.against) {
    if (!fs::is_directory(*options.against)) {
      throw Error(make_error(
          "K2088",
          fmt::format("--against {} is not a directory", options.against->generic_string()), {},
          "point it at a synth output, e.g. the base branch's generated/"));
    }
    std::vector<CostDelta> deltas;
    for (const auto& e : estimates) {
      const fs::path file = *options.against / cost_file(e.environment);
      deltas.push_back(cost_delta(read_base(file), file.generic_string(), e));
    }
    out << (options.format == "json"       ? delta_json(deltas)
            : options.format == "markdown" ? delta_markdown(deltas)
                                           : delta_text(deltas));
  } else {
    out << (options.format == "json"       ? cost_json(estimates)
            : options.format == "markdown" ? cost_markdown(estimates)
                                           : cost_text(estimates));
  }
  for (const auto& e : estimates)
    if (e.over_budget()) return 1;
  return 0;
}

}  // namespace keelson
