#ifndef KEELSON_EXAMPLES_DETECTION_API_API_CHART_H_
#define KEELSON_EXAMPLES_DETECTION_API_API_CHART_H_

#include <keelson.h>

namespace detection_api {

/// What the API's chart needs from the Terraform side: values only known
/// once applied, handed to the chart by its helm_release.
struct ApiChartInputs {
  keelson::Value database_host;
  keelson::Value database_secret_arn;
  keelson::Value redis_host;
  /// The Redis user the API signs in as with an IAM token; empty where Redis
  /// has no authentication (and no TLS).
  keelson::Value redis_user;
  /// The replication group ID, the host name an IAM token is signed for.
  keelson::Value redis_replication_group_id;
  keelson::Value role_arn;  ///< the API's IAM role for service accounts
  keelson::Value target_group_arn;
  keelson::Value region;  ///< of the database's secret and of Redis's IAM tokens
  std::string vpc_cidr;
};

/// The `detection-api` chart: the API on port 8000 behind the ALB (pods
/// registered in its target group), autoscaled, with a disruption budget, a
/// network policy admitting only the ALB and Prometheus, and Prometheus and
/// Grafana as dependencies behind conditions.
keelson::Chart& declare_api_chart(keelson::App& app, const ApiChartInputs& inputs);

}  // namespace detection_api

#endif  // KEELSON_EXAMPLES_DETECTION_API_API_CHART_H_
