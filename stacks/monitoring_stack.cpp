#include "stacks/monitoring_stack.h"

#include <fmt/core.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <utility>

#include "dsl/expression.h"
#include "stacks/iam.h"
#include "stacks/kms_key.h"
#include "stacks/log_retention.h"
#include "stacks/props.h"

namespace keelson {
namespace {

constexpr int kPeriodSeconds = 300;

bool valid_name(const std::string& name) {
  if (name.empty() || name.front() == '-' || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '-';
  });
}

bool valid_log_group_name(const std::string& name) {
  if (name.empty() || name.size() > 512) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::isalnum(c) || c == '.' || c == '-' || c == '_' || c == '/' || c == '#';
  });
}

constexpr double kNoLimit = 1e308;

// A literal `what` must be a number above `low` (or at least `low` when
// `low_allowed`) and at most `high`; expressions are checked by their parameter.
void check_number(const std::string& what, const Value& v, double low, double high,
                  std::vector<std::string>& out, bool low_allowed = false) {
  if (v.is_expr()) return;
  if (!v.is_number()) {
    out.push_back(fmt::format("{} must be a number, got {}", what, v.kind_name()));
    return;
  }
  const double x = v.as_number();
  if ((low_allowed ? x < low : x <= low) || x > high) {
    const std::string lower = fmt::format("{} {}", low_allowed ? "at least" : "above", low);
    out.push_back(high < kNoLimit
                      ? fmt::format("{} must be {} and at most {}, got {}", what, lower, high, x)
                      : fmt::format("{} must be {}, got {}", what, lower, x));
  }
}

std::vector<std::string> check_props(const MonitoringStack::Props& p) {
  std::vector<std::string> out;
  if (!valid_name(p.name)) {
    out.push_back(fmt::format(
        "name must be 1 to 64 lowercase letters, digits and hyphens, not starting with a hyphen, "
        "got \"{}\"",
        p.name));
  }
  if (auto problem = check_log_retention("log_retention_days", p.log_retention_days)) {
    out.push_back(std::move(*problem));
  }
  std::set<std::string> ids{"application_logs"};
  for (const auto& g : p.log_groups) {
    if (!ids.insert(g.id).second) {
      out.push_back(fmt::format("log group id \"{}\" is used twice or reserved", g.id));
    }
    if (!valid_log_group_name(g.name)) {
      out.push_back(fmt::format(
          "log group \"{}\": name must be 1 to 512 of letters, digits and . - _ / #, got \"{}\"",
          g.id, g.name));
    }
  }
  if (!p.alert_emails.is_expr()) {
    if (p.alert_emails.kind() != Value::Kind::kList) {
      out.push_back(fmt::format("alert_emails must be a list of email addresses, got {}",
                                p.alert_emails.kind_name()));
    } else {
      for (const auto& e : p.alert_emails.as_list()) {
        if (!e.is_expr() && (!e.is_string() || e.as_string().find('@') == std::string::npos)) {
          out.push_back(fmt::format("alert_emails: \"{}\" is not an email address",
                                    e.is_string() ? e.as_string() : e.kind_name()));
        }
      }
      if (!p.monthly_budget_usd.is_null() && p.alert_emails.as_list().empty()) {
        out.push_back(
            "a monthly budget needs at least one address in alert_emails to notify; set "
            "monthly_budget_usd to null for no budget");
      }
    }
  }
  const Value& https = p.https_endpoint;
  if (!https.is_null() && !https.is_expr() &&
      (!https.is_string() || !https.as_string().starts_with("https://"))) {
    out.push_back("https_endpoint must be an https:// URL");
  }
  const auto& t = p.thresholds;
  check_number("thresholds.eks_cpu_percent", t.eks_cpu_percent, 0, 100, out);
  check_number("thresholds.eks_memory_percent", t.eks_memory_percent, 0, 100, out);
  check_number("thresholds.rds_cpu_percent", t.rds_cpu_percent, 0, 100, out);
  check_number("thresholds.rds_connections", t.rds_connections, 0, kNoLimit, out);
  check_number("thresholds.redis_evictions", t.redis_evictions, 0, kNoLimit, out, true);
  check_number("thresholds.redis_engine_cpu_percent", t.redis_engine_cpu_percent, 0, 100, out);
  check_number("thresholds.alb_response_time_seconds", t.alb_response_time_seconds, 0, kNoLimit,
               out);
  check_number("thresholds.alb_unhealthy_hosts", t.alb_unhealthy_hosts, 0, kNoLimit, out);
  check_number("thresholds.lambda_errors", t.lambda_errors, 0, kNoLimit, out);
  check_number("thresholds.lambda_throttles", t.lambda_throttles, 0, kNoLimit, out);
  check_number("thresholds.api_5xx_errors", t.api_5xx_errors, 0, kNoLimit, out);
  check_number("thresholds.api_latency_ms", t.api_latency_ms, 0, kNoLimit, out);
  check_number("alarm_evaluation_periods", p.alarm_evaluation_periods, 1, kNoLimit, out, true);
  if (!p.monthly_budget_usd.is_null()) {
    check_number("monthly_budget_usd", p.monthly_budget_usd, 0, kNoLimit, out);
  }
  return out;
}

// One alarm of the seed's list.
struct AlarmSpec {
  std::string id;
  std::string description;
  std::string ns;
  std::string metric;
  std::string statistic;
  std::string comparison;
  Value threshold;
  Value dimensions;
  // No data from a utilization metric is unknown; from a count or latency, it is quiet.
  std::string treat_missing_data;
};

// `[namespace, metric, dimension, value, ..., {stat}]` of a dashboard widget.
Value metric_line(const std::string& ns, const std::string& metric, const Value::Map& dimensions,
                  const std::string& stat = "Average") {
  Value::List line{ns, metric};
  for (const auto& [name, value] : dimensions) {
    line.push_back(name);
    line.push_back(value);
  }
  if (stat != "Average") line.push_back(Value::map({{"stat", stat}}));
  return line;
}

}  // namespace

MonitoringStack::MonitoringStack(Construct& scope, const Id& id, Props props) : Stack(scope, id) {
  if (auto problems = check_props(props); !problems.empty()) {
    node().add_validation([problems] { return problems; });
  }
  const std::string& name = props.name;
  auto& region = shared_data("aws_region");
  auto& account = shared_data("aws_caller_identity");
  auto& partition = shared_data("aws_partition");

  // Log groups.
  auto log_group = [&](const std::string& rid, const std::string& group) -> Resource& {
    auto& r = resource("aws_cloudwatch_log_group", rid)
                  .set("name", group)
                  .set("retention_in_days", props.log_retention_days)
                  .set("tags", name_tags(group));
    if (!props.log_kms_key_arn.is_null()) {
      r.set("kms_key_id", props.log_kms_key_arn);
    } else {
      r.suppress("CKV_AWS_158", "Encrypted with CloudWatch Logs' own key: log_kms_key_arn, null "
                                "here, gives a customer key");
    }
    return r;
  };
  app_logs_ = &log_group("application_logs", "/aws/application/" + name);
  for (const auto& g : props.log_groups) {
    if (!g.id.empty() && g.id != "application_logs") log_group(g.id, g.name);
  }

  // The alert topic, encrypted with a key CloudWatch alarms may use.
  Value topic_key = props.sns_kms_key_arn;
  if (topic_key.is_null()) {
    auto& key = add<KmsKey>(
        "alerts_key", KmsKeyProps{.description = fmt::format("Encrypts the {} alert topic.", name),
                                  .alias = fmt::format("alias/{}-alerts", name),
                                  .service_principals = {"cloudwatch.amazonaws.com"}});
    key.key().set("tags", name_tags(name + "-alerts"));
    topic_key = key.arn();
  }
  auto& topic = resource("aws_sns_topic", "alerts")
                    .set("name", name + "-alerts")
                    .set("kms_master_key_id", topic_key)
                    .set("tags", name_tags(name + "-alerts"));
  topic_ = &topic;
  resource("aws_sns_topic_policy", "alerts_policy")
      .set("arn", topic.arn())
      .set(
          "policy",
          policy_document(
              {PolicyStatement{
                   .sid = "AccountManages",
                   .actions = {"SNS:GetTopicAttributes", "SNS:SetTopicAttributes",
                               "SNS:AddPermission", "SNS:RemovePermission", "SNS:DeleteTopic",
                               "SNS:Subscribe", "SNS:ListSubscriptionsByTopic", "SNS:Publish"},
                   .resources = {topic.arn()},
                   .principals =
                       Value::map({{"AWS", str("arn:", partition.attr("partition"),
                                               ":iam::", account.attr("account_id"), ":root")}})},
               PolicyStatement{.sid = "CloudWatchAlarmsPublish",
                               .actions = {"SNS:Publish"},
                               .resources = {topic.arn()},
                               .principals = Value::map({{"Service", "cloudwatch.amazonaws.com"}}),
                               .conditions = Value::map(
                                   {{"StringEquals", Value::map({{"aws:SourceAccount",
                                                                  account.attr("account_id")}})}})},
               PolicyStatement{.sid = "DenyInsecureTransport",
                               .effect = "Deny",
                               .actions = {"SNS:Publish"},
                               .resources = {topic.arn()},
                               .principals = "*",
                               .conditions = Value::map(
                                   {{"Bool", Value::map({{"aws:SecureTransport", "false"}})}})}}));

  const Value& emails = props.alert_emails;
  const bool emails_literal = !emails.is_expr() && emails.kind() == Value::Kind::kList;
  if (!emails_literal || !emails.as_list().empty()) {
    resource("aws_sns_topic_subscription", "email")
        .for_each(fn::toset(emails))
        .set("topic_arn", topic.arn())
        .set("protocol", "email")
        .set("endpoint", each_value());
  }
  if (!props.https_endpoint.is_null()) {
    resource("aws_sns_topic_subscription", "https")
        .set("topic_arn", topic.arn())
        .set("protocol", "https")
        .set("endpoint", props.https_endpoint);
  }

  // Alarms: the eight of the reference architecture, for the components given.
  const auto& t = props.thresholds;
  std::vector<AlarmSpec> alarms;
  Value::Map eks_dims, rds_dims, redis_dims, alb_dims, tg_dims;
  if (!props.cluster_name.is_null()) {
    eks_dims = {{"ClusterName", props.cluster_name}};
    alarms.push_back({"eks_cpu_high", "EKS node CPU utilization is high.", "ContainerInsights",
                      "node_cpu_utilization", "Average", "GreaterThanThreshold", t.eks_cpu_percent,
                      eks_dims, "missing"});
    alarms.push_back({"eks_memory_high", "EKS node memory utilization is high.",
                      "ContainerInsights", "node_memory_utilization", "Average",
                      "GreaterThanThreshold", t.eks_memory_percent, eks_dims, "missing"});
  }
  if (!props.db_instance_id.is_null()) {
    rds_dims = {{"DBInstanceIdentifier", props.db_instance_id}};
    alarms.push_back({"rds_cpu_high", "RDS CPU utilization is high.", "AWS/RDS", "CPUUtilization",
                      "Average", "GreaterThanThreshold", t.rds_cpu_percent, rds_dims, "missing"});
    alarms.push_back({"rds_connections_high", "RDS has many connections.", "AWS/RDS",
                      "DatabaseConnections", "Average", "GreaterThanThreshold", t.rds_connections,
                      rds_dims, "missing"});
  }
  if (!props.redis_cache_cluster_id.is_null()) {
    redis_dims = {{"CacheClusterId", props.redis_cache_cluster_id}};
  } else if (!props.redis_replication_group_id.is_null()) {
    redis_dims = {{"ReplicationGroupId", props.redis_replication_group_id}};
  }
  if (!redis_dims.empty()) {
    alarms.push_back({"redis_evictions_high", "Redis evicts many keys.", "AWS/ElastiCache",
                      "Evictions", "Sum", "GreaterThanThreshold", t.redis_evictions, redis_dims,
                      "notBreaching"});
    alarms.push_back({"redis_cpu_high", "Redis engine CPU utilization is high.", "AWS/ElastiCache",
                      "EngineCPUUtilization", "Average", "GreaterThanThreshold",
                      t.redis_engine_cpu_percent, redis_dims, "missing"});
  }
  if (!props.alb_arn_suffix.is_null()) {
    alb_dims = {{"LoadBalancer", props.alb_arn_suffix}};
    alarms.push_back({"alb_response_time_high", "ALB target response time is high.",
                      "AWS/ApplicationELB", "TargetResponseTime", "Average", "GreaterThanThreshold",
                      t.alb_response_time_seconds, alb_dims, "notBreaching"});
    if (!props.target_group_arn_suffix.is_null()) {
      tg_dims = {{"LoadBalancer", props.alb_arn_suffix},
                 {"TargetGroup", props.target_group_arn_suffix}};
      alarms.push_back({"alb_unhealthy_hosts", "The ALB target group has unhealthy hosts.",
                        "AWS/ApplicationELB", "UnHealthyHostCount", "Average",
                        "GreaterThanOrEqualToThreshold", t.alb_unhealthy_hosts, tg_dims,
                        "missing"});
    }
  }
  Value::Map api_dims;
  for (const auto& [id, function] : props.lambda_functions) {
    const Value::Map dims{{"FunctionName", function}};
    alarms.push_back({"lambda_" + id + "_errors", fmt::format("Lambda function {} fails.", id),
                      "AWS/Lambda", "Errors", "Sum", "GreaterThanOrEqualToThreshold",
                      t.lambda_errors, dims, "notBreaching"});
    alarms.push_back({"lambda_" + id + "_throttles",
                      fmt::format("Lambda function {} is throttled.", id), "AWS/Lambda",
                      "Throttles", "Sum", "GreaterThanOrEqualToThreshold", t.lambda_throttles, dims,
                      "notBreaching"});
  }
  if (!props.http_api_id.is_null()) {
    api_dims = {{"ApiId", props.http_api_id}};
    alarms.push_back({"api_5xx_errors", "The HTTP API answers with server errors.",
                      "AWS/ApiGateway", "5xx", "Sum", "GreaterThanOrEqualToThreshold",
                      t.api_5xx_errors, api_dims, "notBreaching"});
    alarms.push_back({"api_latency_high", "The HTTP API is slow.", "AWS/ApiGateway", "Latency",
                      "Average", "GreaterThanThreshold", t.api_latency_ms, api_dims,
                      "notBreaching"});
  }
  const Value actions = Value::list({topic.arn()});
  for (auto& a : alarms) {
    std::string alarm_name = name + "-" + a.id;
    std::replace(alarm_name.begin(), alarm_name.end(), '_', '-');
    resource("aws_cloudwatch_metric_alarm", a.id)
        .set("alarm_name", alarm_name)
        .set("alarm_description", a.description)
        .set("namespace", a.ns)
        .set("metric_name", a.metric)
        .set("statistic", a.statistic)
        .set("period", kPeriodSeconds)
        .set("evaluation_periods", props.alarm_evaluation_periods)
        .set("comparison_operator", a.comparison)
        .set("threshold", a.threshold)
        .set("dimensions", std::move(a.dimensions))
        .set("treat_missing_data", a.treat_missing_data)
        .set("alarm_actions", actions)
        .set("ok_actions", actions)
        .set("tags", name_tags(alarm_name));
  }

  // Dashboard: one widget per component given, then the application's errors.
  Value::List widgets;
  auto metric_widget = [&](const std::string& title, Value::List metrics) {
    const int n = static_cast<int>(widgets.size());
    widgets.push_back(Value::map({{"type", "metric"},
                                  {"x", (n % 2) * 12},
                                  {"y", (n / 2) * 6},
                                  {"width", 12},
                                  {"height", 6},
                                  {"properties", Value::map({{"title", title},
                                                             {"region", region.attr("region")},
                                                             {"period", kPeriodSeconds},
                                                             {"stat", "Average"},
                                                             {"view", "timeSeries"},
                                                             {"metrics", std::move(metrics)}})}}));
  };
  if (!eks_dims.empty()) {
    metric_widget("EKS cluster",
                  {metric_line("ContainerInsights", "node_cpu_utilization", eks_dims),
                   metric_line("ContainerInsights", "node_memory_utilization", eks_dims),
                   metric_line("ContainerInsights", "pod_cpu_utilization", eks_dims),
                   metric_line("ContainerInsights", "pod_memory_utilization", eks_dims)});
  }
  if (!alb_dims.empty()) {
    metric_widget("Load balancer",
                  {metric_line("AWS/ApplicationELB", "TargetResponseTime", alb_dims),
                   metric_line("AWS/ApplicationELB", "RequestCount", alb_dims, "Sum"),
                   metric_line("AWS/ApplicationELB", "HTTPCode_Target_4XX_Count", alb_dims, "Sum"),
                   metric_line("AWS/ApplicationELB", "HTTPCode_Target_5XX_Count", alb_dims, "Sum"),
                   metric_line("AWS/ApplicationELB", "HTTPCode_ELB_5XX_Count", alb_dims, "Sum")});
  }
  if (!rds_dims.empty()) {
    metric_widget("Database", {metric_line("AWS/RDS", "CPUUtilization", rds_dims),
                               metric_line("AWS/RDS", "DatabaseConnections", rds_dims),
                               metric_line("AWS/RDS", "ReadLatency", rds_dims),
                               metric_line("AWS/RDS", "WriteLatency", rds_dims)});
  }
  if (!redis_dims.empty()) {
    metric_widget("Redis", {metric_line("AWS/ElastiCache", "EngineCPUUtilization", redis_dims),
                            metric_line("AWS/ElastiCache", "NetworkBytesIn", redis_dims, "Sum"),
                            metric_line("AWS/ElastiCache", "NetworkBytesOut", redis_dims, "Sum"),
                            metric_line("AWS/ElastiCache", "Evictions", redis_dims, "Sum")});
  }
  if (!props.lambda_functions.empty()) {
    Value::List lines;
    for (const auto& [id, function] : props.lambda_functions) {
      const Value::Map dims{{"FunctionName", function}};
      lines.push_back(metric_line("AWS/Lambda", "Invocations", dims, "Sum"));
      lines.push_back(metric_line("AWS/Lambda", "Errors", dims, "Sum"));
      lines.push_back(metric_line("AWS/Lambda", "Throttles", dims, "Sum"));
      lines.push_back(metric_line("AWS/Lambda", "Duration", dims));
    }
    metric_widget("Lambda functions", std::move(lines));
  }
  if (!api_dims.empty()) {
    metric_widget("HTTP API", {metric_line("AWS/ApiGateway", "Count", api_dims, "Sum"),
                               metric_line("AWS/ApiGateway", "4xx", api_dims, "Sum"),
                               metric_line("AWS/ApiGateway", "5xx", api_dims, "Sum"),
                               metric_line("AWS/ApiGateway", "Latency", api_dims),
                               metric_line("AWS/ApiGateway", "IntegrationLatency", api_dims)});
  }
  const int rows = static_cast<int>((widgets.size() + 1) / 2);
  widgets.push_back(Value::map(
      {{"type", "log"},
       {"x", 0},
       {"y", rows * 6},
       {"width", 24},
       {"height", 6},
       {"properties", Value::map({{"title", "Application errors"},
                                  {"region", region.attr("region")},
                                  {"view", "table"},
                                  {"query", str("SOURCE '", app_logs_->attr("name"),
                                                "' | fields @timestamp, @message"
                                                " | filter @message like /(?i)(error|exception)/"
                                                " | sort @timestamp desc | limit 50")}})}}));
  auto& dashboard =
      resource("aws_cloudwatch_dashboard", "main")
          .set("dashboard_name", name + "-overview")
          .set("dashboard_body", fn::jsonencode(Value::map({{"widgets", std::move(widgets)}})));

  // Monthly cost budget, alerting at 80% of actual and 100% of forecasted spend.
  if (!props.monthly_budget_usd.is_null()) {
    Value limit = props.monthly_budget_usd;
    // The provider takes the amount as a string.
    if (limit.is_number()) limit = fmt::format("{}", limit.as_number());
    auto notification = [&](int percent, const char* type) {
      return Value::Map{{"comparison_operator", "GREATER_THAN"},
                        {"threshold", percent},
                        {"threshold_type", "PERCENTAGE"},
                        {"notification_type", type},
                        {"subscriber_email_addresses", emails}};
    };
    auto& budget = resource("aws_budgets_budget", "monthly_cost")
                       .set("name", name + "-monthly-cost")
                       .set("budget_type", "COST")
                       .set("time_unit", "MONTHLY")
                       .set("limit_amount", limit)
                       .set("limit_unit", "USD")
                       .block("notification", notification(80, "ACTUAL"))
                       .block("notification", notification(100, "FORECASTED"))
                       .set("tags", name_tags(name + "-monthly-cost"));
    // A notification needs a recipient: no addresses in an environment, no budget there.
    if (!emails_literal) budget.count(when(gt(fn::length(emails), 0), 1, 0));
  }

  output("sns_topic_arn", topic.arn(), {.description = "ARN of the SNS topic receiving alerts."});
  output("application_log_group_name", app_logs_->attr("name"),
         {.description = "Name of the application's CloudWatch log group."});
  output("application_log_group_arn", app_logs_->arn(),
         {.description = "ARN of the application's CloudWatch log group."});
  output("dashboard_name", dashboard.attr("dashboard_name"),
         {.description = "Name of the CloudWatch dashboard."});
}

}  // namespace keelson
