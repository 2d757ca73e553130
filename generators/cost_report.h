#ifndef KEELSON_GENERATORS_COST_REPORT_H_
#define KEELSON_GENERATORS_COST_REPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cost/estimate.h"

namespace keelson {

/// `$1234.56` from cents.
std::string format_usd(long long cents);

/// The reports of `cost`: per environment the total and budget, the totals
/// by stack and by `CostCenter`, each priced resource with how it is priced,
/// the free ones by type, those not priced with why, and the assumptions.
std::string cost_text(const std::vector<cost::CostEstimate>& estimates);
std::string cost_markdown(const std::vector<cost::CostEstimate>& estimates);
/// `{"environments": [estimate_json...]}`.
std::string cost_json(const std::vector<cost::CostEstimate>& estimates);

/// One environment's estimate as JSON, as synth writes it to
/// `cost/<env>.json` for a later `cost --against` to compare with.
nlohmann::json estimate_json(const cost::CostEstimate& estimate);

/// Where synth writes an environment's estimate (`cost/<env>/estimate.json`)
/// and its directory, and the chart of every environment.
std::string cost_directory(const std::string& environment);
std::string cost_file(const std::string& environment);
inline constexpr const char* kCostChartFile = "cost/cost-by-stack.svg";

}  // namespace keelson

#endif  // KEELSON_GENERATORS_COST_REPORT_H_
