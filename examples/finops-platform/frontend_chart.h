#ifndef KEELSON_EXAMPLES_FINOPS_PLATFORM_FRONTEND_CHART_H_
#define KEELSON_EXAMPLES_FINOPS_PLATFORM_FRONTEND_CHART_H_

#include <keelson.h>

#include <string>

namespace finops_platform {

/// What the front end's chart needs from the Terraform side.
struct FrontendChartInputs {
  keelson::Value backend_url;       ///< https://<the back end's internal load balancer>
  keelson::Value target_group_arn;  ///< the public load balancer's, pods registered by IP
  std::string vpc_cidr;             ///< where the load balancer connects from
};

/// The `finops-web` chart: the web front end on port 8000 behind the public
/// ALB (a TargetGroupBinding), calling the back end over HTTPS; autoscaled,
/// with a disruption budget and a network policy admitting only the VPC.
keelson::Chart& declare_frontend_chart(keelson::App& app, const FrontendChartInputs& inputs);

}  // namespace finops_platform

#endif  // KEELSON_EXAMPLES_FINOPS_PLATFORM_FRONTEND_CHART_H_
