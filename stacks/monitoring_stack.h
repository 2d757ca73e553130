#ifndef KEELSON_STACKS_MONITORING_STACK_H_
#define KEELSON_STACKS_MONITORING_STACK_H_

#include <map>
#include <string>
#include <vector>

#include "dsl/construct.h"
#include "dsl/resource.h"
#include "dsl/stack.h"
#include "dsl/value.h"

namespace keelson {

/// CloudWatch log groups, an encrypted SNS alert topic with its subscriptions,
/// the eight infrastructure alarms (EKS, RDS, Redis, ALB), alarms on Lambda
/// functions and an HTTP API, a dashboard and a monthly cost budget.
///
/// Alarms and dashboard widgets of a component are created only when its
/// dimension props are given (an app without Redis sets no Redis id).
class MonitoringStack : public Stack {
 public:
  /// Alarm thresholds; each a literal or a parameter.
  struct Thresholds {
    Value eks_cpu_percent = 80;           ///< node_cpu_utilization > this
    Value eks_memory_percent = 85;        ///< node_memory_utilization > this
    Value rds_cpu_percent = 70;           ///< CPUUtilization > this
    Value rds_connections = 150;          ///< DatabaseConnections > this
    Value redis_evictions = 100;          ///< Evictions (sum over 5 minutes) > this
    Value redis_engine_cpu_percent = 75;  ///< EngineCPUUtilization > this
    Value alb_response_time_seconds = 1;  ///< TargetResponseTime > this
    Value alb_unhealthy_hosts = 1;        ///< UnHealthyHostCount >= this
    Value lambda_errors = 1;              ///< a function's Errors (sum over 5 minutes) >= this
    Value lambda_throttles = 1;           ///< a function's Throttles (sum over 5 minutes) >= this
    Value api_5xx_errors = 5;             ///< the HTTP API's 5xx (sum over 5 minutes) >= this
    Value api_latency_ms = 2000;          ///< the HTTP API's Latency (average) > this
  };

  /// An additional log group, e.g. `{.id = "redis_slow", .name = "/aws/elasticache/app/slow-log"}`.
  struct LogGroup {
    std::string id{};    ///< construct id, unique in the stack
    std::string name{};  ///< the log group's name
  };

  /// How the stack is configured.
  struct Props {
    /// Prefix of names (alarms, topic, dashboard, budget) and Name tags:
    /// lowercase letters, digits, hyphens.
    std::string name = "app";
    /// Days CloudWatch keeps logs: one of the values CloudWatch Logs accepts.
    Value log_retention_days = 30;
    /// Log groups besides `/aws/application/<name>`.
    std::vector<LogGroup> log_groups{};
    /// A KMS key ARN for the log groups; null: CloudWatch Logs' own encryption.
    Value log_kms_key_arn{};
    /// The SNS topic's key; null: the stack creates a key CloudWatch may use
    /// (alarms cannot publish to a topic under `alias/aws/sns`).
    Value sns_kms_key_arn{};
    /// Email addresses for alerts and budget notifications (list of strings).
    Value alert_emails = Value::list({});
    /// An HTTPS endpoint (e.g. a Slack relay) subscribed to the topic; null
    /// for none. Pass a sensitive parameter: the URL is a secret.
    Value https_endpoint{};
    /// Dimension values; a null one leaves out its component's alarms and widget.
    Value cluster_name{};                ///< EKS: ClusterName
    Value db_instance_id{};              ///< RDS: DBInstanceIdentifier
    Value redis_replication_group_id{};  ///< ElastiCache: ReplicationGroupId
    /// ElastiCache: CacheClusterId (a node), used instead of the replication group when set.
    Value redis_cache_cluster_id{};
    Value alb_arn_suffix{};           ///< ALB: LoadBalancer
    Value target_group_arn_suffix{};  ///< ALB: TargetGroup (UnHealthyHostCount)
    /// Lambda: FunctionName by short name (the alarms' id part), e.g.
    /// `compute.function_names()`; each gets an errors and a throttles alarm.
    std::map<std::string, Value> lambda_functions{};
    Value http_api_id{};  ///< API Gateway HTTP API: ApiId
    /// Alarm thresholds; the defaults are the reference architecture's.
    Thresholds thresholds{};
    /// 5-minute periods a metric must breach before its alarm fires.
    Value alarm_evaluation_periods = 1;
    /// Monthly cost budget in USD; null for none.
    Value monthly_budget_usd{};
  };

  /// Builds every resource.
  MonitoringStack(Construct& scope, const Id& id, Props props);

  /// ARN of the alert topic.
  Value sns_topic_arn() const { return topic_->arn(); }
  /// Name of `/aws/application/<name>`.
  Value application_log_group_name() const { return app_logs_->attr("name"); }
  /// ARN of `/aws/application/<name>`.
  Value application_log_group_arn() const { return app_logs_->arn(); }

 private:
  const Resource* topic_;
  const Resource* app_logs_;
};

}  // namespace keelson

#endif  // KEELSON_STACKS_MONITORING_STACK_H_
