#ifndef KEELSON_ENVIRONMENTS_COST_SETTINGS_H_
#define KEELSON_ENVIRONMENTS_COST_SETTINGS_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostic.h"

namespace keelson {

/// One usage figure the cost estimate cannot read from the model (how much
/// data a NAT gateway processes, say): its name under `cost.assumptions`,
/// its default and what it means, printed with every estimate.
struct CostAssumption {
  const char* name;
  double default_value;
  const char* unit;
  const char* meaning;
};

/// Every assumption the estimate makes, sorted by name.
const std::vector<CostAssumption>& cost_assumptions();

/// An environment's `cost:` section.
struct CostSettings {
  /// The monthly budget in USD (`cost.budget`); `cost` exits 1 above it.
  std::optional<double> budget;
  SourceLocation budget_where{};
  /// The assumptions this environment sets (`cost.assumptions`), by name.
  std::map<std::string, double> assumptions;
  std::map<std::string, SourceLocation> assumptions_where;

  /// The value of assumption `name`: the environment's, else the default.
  double assumption(const std::string& name) const;
};

}  // namespace keelson

#endif  // KEELSON_ENVIRONMENTS_COST_SETTINGS_H_
