#ifndef KEELSON_SYNTH_COST_COMMAND_H_
#define KEELSON_SYNTH_COST_COMMAND_H_

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "dsl/app.h"

namespace keelson {

struct CostOptions {
  std::filesystem::path environments;  ///< the environment files
  std::vector<std::string> names;      ///< empty: every environment
  std::string format = "text";         ///< text, markdown or json
  /// A synth output to compare with (`cost/<env>/estimate.json` in it):
  /// then the report is the delta.
  std::optional<std::filesystem::path> against;
};

/// `cost`: estimates each environment's monthly cost (or its change since
/// `against`) and writes the report to `out`. Returns 1 when an environment
/// is over its `cost.budget`, else 0; throws Error on bad input.
int run_cost(const App& app, const CostOptions& options, std::ostream& out);

}  // namespace keelson

#endif  // KEELSON_SYNTH_COST_COMMAND_H_
