#ifndef KEELSON_COST_ESTIMATE_H_
#define KEELSON_COST_ESTIMATE_H_

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "cost/price_table.h"
#include "dsl/value.h"
#include "environments/environment.h"
#include "plan/wiring.h"
#include "policy/resource_view.h"

namespace keelson::cost {

/// What one resource of the model costs a month.
struct CostLine {
  /// Priced; free of charge by itself (a subnet, an IAM role); or not priced:
  /// a type with no price model, a price missing from the table, or a value
  /// unknown before apply. Never dropped: the report lists them all.
  enum class Kind { kPriced, kFree, kUnpriced };

  std::string stack{};        ///< the module: `compute`
  std::string address{};      ///< `module.compute.aws_eks_cluster.cluster`
  std::string type{};         ///< `aws_eks_cluster`
  std::string path{};         ///< the construct path
  std::string cost_center{};  ///< its `CostCenter` tag; empty when it has none
  std::size_t instances = 1;  ///< its count (0 never appears: not created)
  Kind kind = Kind::kPriced;
  long long cents = 0;  ///< USD cents a month, all instances together
  /// How it is priced (`2 × t3.medium × 730 h × $0.0416/h`), or why it is
  /// free or not priced.
  std::string basis{};
  /// The usage assumptions it rests on, by name.
  std::vector<std::string> assumptions{};
  /// Whether one of its prices is marked unverified in the table.
  bool unverified = false;
};

/// An assumption as one environment uses it.
struct UsedAssumption {
  std::string name{};
  double value = 0;
  std::string unit{};
  std::string meaning{};
  bool from_environment = false;  ///< set in the environment's `cost.assumptions`
};

/// The monthly estimate of one environment.
struct CostEstimate {
  std::string environment{};
  std::string region{};
  std::string price_source{};
  std::string price_as_of{};
  double hours_per_month = 730;
  std::vector<CostLine> lines{};              ///< sorted by stack, then address
  std::vector<UsedAssumption> assumptions{};  ///< every assumption, by name
  std::optional<double> budget{};             ///< USD a month

  long long total_cents() const;
  /// Totals by stack and by `CostCenter` (`(untagged)` for lines without one).
  std::map<std::string, long long> by_stack() const;
  std::map<std::string, long long> by_cost_center() const;
  /// True when a budget is set and the total exceeds it.
  bool over_budget() const;
};

/// Prices `views` (model_views of one environment) with `prices` in the
/// environment's region and its `cost:` assumptions. Throws Error (K2087)
/// when the table has no prices for the region.
CostEstimate estimate(const std::vector<policy::ResourceView>& views,
                      const Environment& environment, const PriceTable& prices);

/// The estimate of what `environment` would deploy of `plan`.
CostEstimate estimate_environment(const Plan& plan, const Environment& environment,
                                  const Value::Map& values, const PriceTable& prices);

}  // namespace keelson::cost

#endif  // KEELSON_COST_ESTIMATE_H_
