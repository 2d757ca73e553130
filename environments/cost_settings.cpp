#include "environments/cost_settings.h"

#include <algorithm>
#include <stdexcept>

namespace keelson {

const std::vector<CostAssumption>& cost_assumptions() {
  // Modest figures for a small service; an environment states its own.
  static const std::vector<CostAssumption> kAssumptions = {
      {"alb_lcu", 1, "LCU", "average Load Balancer Capacity Units each load balancer uses"},
      {"api_requests_millions", 1, "million/month", "requests each HTTP API receives a month"},
      {"lambda_duration_ms", 200, "ms", "average duration of one Lambda invocation"},
      {"lambda_requests_millions", 1, "million/month",
       "invocations of each Lambda function a month"},
      {"log_ingestion_gb", 1, "GB/month", "data each CloudWatch log group ingests a month"},
      {"log_never_expires_months", 12, "months",
       "months of logs kept by a log group without retention_in_days"},
      {"nat_data_gb", 100, "GB/month", "data each NAT gateway processes a month"},
      {"s3_replicated_gb", 10, "GB/month",
       "data each replication rule copies to another region a month"},
      {"s3_stored_gb", 10, "GB", "data each S3 bucket holds in S3 Standard"},
      {"spot_price_ratio", 0.3, "x on-demand",
       "what a spot instance costs as a share of its on-demand price"},
  };
  return kAssumptions;
}

double CostSettings::assumption(const std::string& name) const {
  if (const auto it = assumptions.find(name); it != assumptions.end()) return it->second;
  const auto& all = cost_assumptions();
  const auto it =
      std::find_if(all.begin(), all.end(), [&](const CostAssumption& a) { return a.name == name; });
  if (it == all.end()) throw std::logic_error("no cost assumption " + name);
  return it->default_value;
}

}  // namespace keelson
