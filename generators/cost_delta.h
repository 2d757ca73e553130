#ifndef KEELSON_GENERATORS_COST_DELTA_H_
#define KEELSON_GENERATORS_COST_DELTA_H_

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "cost/estimate.h"

namespace keelson {

/// How one environment's estimate changed between two synths: the base's
/// (an estimate_json read back, from `cost/<env>.json` of a committed
/// output) and the head's. For a pull request's comment.
struct CostDelta {
  /// One resource or stack whose monthly cost changed.
  struct Change {
    std::string name{};  ///< a resource address or a stack
    long long base_cents = 0;
    long long head_cents = 0;
    bool added = false;    ///< absent from the base
    bool removed = false;  ///< absent from the head
  };

  std::string environment{};
  bool base_found = false;  ///< false: a new environment, all added
  long long base_cents = 0;
  long long head_cents = 0;
  std::vector<Change> stacks{};     ///< sorted by name; only those that changed
  std::vector<Change> resources{};  ///< sorted by address; only those that changed
  std::optional<double> budget{};
  bool over_budget = false;
};

/// Compares `head` with `base` (nullopt when the base has no estimate for
/// the environment). Throws Error (K2088) naming `base_file` when the base
/// is not an estimate.
CostDelta cost_delta(const std::optional<nlohmann::json>& base, const std::string& base_file,
                     const cost::CostEstimate& head);

std::string delta_text(const std::vector<CostDelta>& deltas);
/// A pull request comment: a table of totals, then what changed.
std::string delta_markdown(const std::vector<CostDelta>& deltas);
std::string delta_json(const std::vector<CostDelta>& deltas);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_COST_DELTA_H_
