#include "stacks/monitoring_stack.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dsl/app.h"
#include "stacks/stack_test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

int occurrences(const std::string& text, const std::string& part) {
  int n = 0;
  for (auto at = text.find(part); at != std::string::npos; at = text.find(part, at + 1)) ++n;
  return n;
}

void check_schema(const App& app) {
  const auto findings = schema_findings(app);
  for (const auto& f : findings) MESSAGE(f);
  CHECK(findings.empty());
}

// Every component of the reference architecture, with literal dimension values.
MonitoringStack::Props full_props() {
  return {.name = "detection-api",
          .alert_emails = Value::list({"ops@example.com"}),
          .cluster_name = "detection-api",
          .db_instance_id = "detection-api-db",
          .redis_replication_group_id = "detection-api-redis",
          .alb_arn_suffix = "app/detection-api/50dc6c495c0c9188",
          .target_group_arn_suffix = "targetgroup/detection-api/73e2d6bc24d8a067",
          .monthly_budget_usd = 400};
}

struct ExpectedAlarm {
  std::string id;
  std::string ns;
  std::string metric;
  std::string statistic;
  std::string comparison;
  double threshold;
  json dimensions;
  std::string treat_missing_data;
};

}  // namespace

TEST_CASE(
    "the monitoring stack raises the eight alarms of the reference architecture to its topic") {
  App app{"monitoring"};
  app.stack<MonitoringStack>("monitoring", full_props());
  const json alarms =
      module_json(app, "monitoring").at("resource").at("aws_cloudwatch_metric_alarm");
  const json eks = {{"ClusterName", "detection-api"}};
  const json rds = {{"DBInstanceIdentifier", "detection-api-db"}};
  const json redis = {{"ReplicationGroupId", "detection-api-redis"}};
  const json alb = {{"LoadBalancer", "app/detection-api/50dc6c495c0c9188"}};
  const json target_group = {{"LoadBalancer", "app/detection-api/50dc6c495c0c9188"},
                             {"TargetGroup", "targetgroup/detection-api/73e2d6bc24d8a067"}};
  const std::vector<ExpectedAlarm> expected = {
      {"eks_cpu_high", "ContainerInsights", "node_cpu_utilization", "Average",
       "GreaterThanThreshold", 80, eks, "missing"},
      {"eks_memory_high", "ContainerInsights", "node_memory_utilization", "Average",
       "GreaterThanThreshold", 85, eks, "missing"},
      {"rds_cpu_high", "AWS/RDS", "CPUUtilization", "Average", "GreaterThanThreshold", 70, rds,
       "missing"},
      {"rds_connections_high", "AWS/RDS", "DatabaseConnections", "Average", "GreaterThanThreshold",
       150, rds, "missing"},
      {"redis_evictions_high", "AWS/ElastiCache", "Evictions", "Sum", "GreaterThanThreshold", 100,
       redis, "notBreaching"},
      {"redis_cpu_high", "AWS/ElastiCache", "EngineCPUUtilization", "Average",
       "GreaterThanThreshold", 75, redis, "missing"},
      {"alb_response_time_high", "AWS/ApplicationELB", "TargetResponseTime", "Average",
       "GreaterThanThreshold", 1, alb, "notBreaching"},
      {"alb_unhealthy_hosts", "AWS/ApplicationELB", "UnHealthyHostCount", "Average",
       "GreaterThanOrEqualToThreshold", 1, target_group, "missing"},
  };
  CHECK(alarms.size() == 8);
  for (const auto& e : expected) {
    CAPTURE(e.id);
    REQUIRE(alarms.contains(e.id));
    const json& a = alarms.at(e.id);
    CHECK(a.at("namespace") == e.ns);
    CHECK(a.at("metric_name") == e.metric);
    CHECK(a.at("statistic") == e.statistic);
    CHECK(a.at("comparison_operator") == e.comparison);
    CHECK(a.at("threshold") == e.threshold);
    CHECK(a.at("dimensions") == e.dimensions);
    CHECK(a.at("period") == 300);
    CHECK(a.at("evaluation_periods") == 1);
    CHECK(a.at("treat_missing_data") == e.treat_missing_data);
    CHECK(a.at("alarm_actions") == json::array({"${aws_sns_topic.alerts.arn}"}));
    CHECK(a.at("ok_actions") == json::array({"${aws_sns_topic.alerts.arn}"}));
    CHECK(a.at("tags").contains("Name"));
  }
  CHECK(alarms.at("rds_cpu_high").at("alarm_name") == "detection-api-rds-cpu-high");
  check_schema(app);
}

TEST_CASE("thresholds and dimensions come from parameters and other stacks") {
  GIVEN("a parameter for the RDS CPU threshold and the database of another stack") {
    App app{"monitoring"};
    auto rds_cpu = app.param<int>(
        "rds_cpu_alarm_percent", {.description = "RDS CPU alarm threshold.", .min = 1, .max = 100});
    auto& database = app.stack("database");
    auto& db = database.resource("aws_db_instance", "main").set("instance_class", "db.t4g.small");
    app.stack<MonitoringStack>("monitoring", {.db_instance_id = db.attr("identifier"),
                                              .thresholds = {.rds_cpu_percent = rds_cpu}});
    WHEN("the module is rendered") {
      const json alarms =
          module_json(app, "monitoring").at("resource").at("aws_cloudwatch_metric_alarm");
      THEN("the threshold is the parameter and the dimension is wired from the database stack") {
        CHECK(alarms.at("rds_cpu_high").at("threshold") == "${var.rds_cpu_alarm_percent}");
        CHECK(alarms.at("rds_cpu_high").at("dimensions") ==
              json{{"DBInstanceIdentifier", "${var.database_db_instance_main_identifier}"}});
        CHECK(alarms.at("rds_connections_high").at("threshold") == 150);
        CHECK(module_variables(app, "monitoring").at("variable").contains("rds_cpu_alarm_percent"));
      }
    }
  }
}

TEST_CASE("components without dimension values get no alarms and no dashboard widget") {
  App app{"monitoring"};
  app.stack<MonitoringStack>("monitoring", {.db_instance_id = "app-db"});
  const json r = module_json(app, "monitoring").at("resource");
  CHECK(r.at("aws_cloudwatch_metric_alarm").size() == 2);
  CHECK(r.at("aws_cloudwatch_metric_alarm").contains("rds_cpu_high"));
  CHECK(r.at("aws_cloudwatch_metric_alarm").contains("rds_connections_high"));
  const std::string body = r.at("aws_cloudwatch_dashboard").at("main").at("dashboard_body");
  CHECK(occurrences(body, "\"type\" = \"metric\"") == 1);
  CHECK(occurrences(body, "\"type\" = \"log\"") == 1);
  // No addresses and no budget: no subscriptions and no budget resource.
  CHECK_FALSE(r.contains("aws_sns_topic_subscription"));
  CHECK_FALSE(r.contains("aws_budgets_budget"));
  check_schema(app);
}

TEST_CASE("the Redis alarms use the cache cluster id when one is given") {
  App app{"monitoring"};
  app.stack<MonitoringStack>("monitoring", {.redis_replication_group_id = "app-redis",
                                            .redis_cache_cluster_id = "app-redis-001"});
  const json alarms =
      module_json(app, "monitoring").at("resource").at("aws_cloudwatch_metric_alarm");
  CHECK(alarms.at("redis_cpu_high").at("dimensions") == json{{"CacheClusterId", "app-redis-001"}});
  CHECK(alarms.at("redis_evictions_high").at("dimensions") ==
        json{{"CacheClusterId", "app-redis-001"}});
}

TEST_CASE(
    "the alert topic is KMS-encrypted with a key CloudWatch may use and subscribes the emails") {
  App app{"monitoring"};
  auto emails =
      app.param<std::vector<std::string>>("alert_emails", {.description = "Who receives alerts."});
  auto webhook = app.param<std::string>(
      "slack_webhook_url", {.description = "Slack relay for alerts.", .sensitive = true});
  auto& monitoring = app.stack<MonitoringStack>(
      "monitoring", {.name = "shop", .alert_emails = emails, .https_endpoint = webhook});
  const json r = module_json(app, "monitoring").at("resource");

  const json& topic = r.at("aws_sns_topic").at("alerts");
  CHECK(topic.at("name") == "shop-alerts");
  CHECK(topic.at("kms_master_key_id") == "${aws_kms_key.alerts_key.arn}");
  const std::string key_policy = r.at("aws_kms_key").at("alerts_key").at("policy");
  CHECK(contains(key_policy, "\"Principal\" = {\"Service\" = [\"cloudwatch.amazonaws.com\"]}"));
  CHECK(r.at("aws_kms_key").at("alerts_key").at("enable_key_rotation") == true);

  const std::string topic_policy = r.at("aws_sns_topic_policy").at("alerts_policy").at("policy");
  CHECK(contains(topic_policy, "\"Principal\" = {\"Service\" = \"cloudwatch.amazonaws.com\"}"));
  CHECK(contains(topic_policy,
                 "\"aws:SourceAccount\" = data.aws_caller_identity.current.account_id"));
  CHECK(contains(topic_policy, "{\"Bool\" = {\"aws:SecureTransport\" = \"false\"}}"));

  const json& email = r.at("aws_sns_topic_subscription").at("email");
  CHECK(email.at("for_each") == "${toset(var.alert_emails)}");
  CHECK(email.at("protocol") == "email");
  CHECK(email.at("endpoint") == "${each.value}");
  const json& https = r.at("aws_sns_topic_subscription").at("https");
  CHECK(https.at("protocol") == "https");
  CHECK(https.at("endpoint") == "${var.slack_webhook_url}");

  const json outputs = module_outputs(app, "monitoring").at("output");
  CHECK(outputs.at("sns_topic_arn").at("value") == "${aws_sns_topic.alerts.arn}");
  // Neither the addresses nor the webhook are ever an output.
  CHECK_FALSE(outputs.dump().find("alert_emails") != std::string::npos);
  CHECK_FALSE(outputs.dump().find("slack_webhook_url") != std::string::npos);
  (void)monitoring.sns_topic_arn();
  check_schema(app);
}

TEST_CASE("a given SNS key such as alias/aws/sns replaces the stack's own key") {
  App app{"monitoring"};
  app.stack<MonitoringStack>("monitoring", {.sns_kms_key_arn = "alias/aws/sns"});
  const json r = module_json(app, "monitoring").at("resource");
  CHECK(r.at("aws_sns_topic").at("alerts").at("kms_master_key_id") == "alias/aws/sns");
  CHECK_FALSE(r.contains("aws_kms_key"));
}

TEST_CASE("log groups keep logs for the retention given and the application group is an output") {
  App app{"monitoring"};
  auto retention = app.param<int>(
      "log_retention_days",
      {.description = "Days logs are kept.", .allowed = {Value(7), Value(30), Value(90)}});
  auto& monitoring = app.stack<MonitoringStack>(
      "monitoring", {.name = "detection-api",
                     .log_retention_days = retention,
                     .log_groups = {{.id = "redis_slow_log",
                                     .name = "/aws/elasticache/detection-api/slow-log"}}});
  const json groups = module_json(app, "monitoring").at("resource").at("aws_cloudwatch_log_group");
  CHECK(groups.at("application_logs").at("name") == "/aws/application/detection-api");
  CHECK(groups.at("application_logs").at("retention_in_days") == "${var.log_retention_days}");
  CHECK(groups.at("redis_slow_log").at("name") == "/aws/elasticache/detection-api/slow-log");
  CHECK(groups.at("redis_slow_log").at("retention_in_days") == "${var.log_retention_days}");

  auto& consumer = app.stack("compute");
  consumer.resource("aws_ssm_parameter", "log_group")
      .set("name", "/app/log-group")
      .set("type", "String")
      .set("value", monitoring.application_log_group_name());
  CHECK(module_json(app, "compute")
            .at("resource")
            .at("aws_ssm_parameter")
            .at("log_group")
            .at("value") == "${var.monitoring_application_log_group_name}");
  CHECK(
      module_outputs(app, "monitoring").at("output").at("application_log_group_name").at("value") ==
      "${aws_cloudwatch_log_group.application_logs.name}");
  check_schema(app);
}

TEST_CASE("a log retention CloudWatch does not accept is refused, listing the accepted values") {
  App app{"monitoring"};
  app.stack<MonitoringStack>("monitoring", {.log_retention_days = 10});
  CHECK(plan_problems(app) ==
        std::vector<std::string>{
            "log_retention_days must be one of the retention periods CloudWatch Logs accepts (1, "
            "3, 5, 7, 14, "
            "30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, "
            "3653), got 10"});
}

TEST_CASE("the dashboard shows EKS, ALB, RDS and Redis metrics and the application's errors") {
  App app{"monitoring"};
  app.stack<MonitoringStack>("monitoring", full_props());
  const json dashboard =
      module_json(app, "monitoring").at("resource").at("aws_cloudwatch_dashboard").at("main");
  CHECK(dashboard.at("dashboard_name") == "detection-api-overview");
  const std::string body = dashboard.at("dashboard_body");
  CHECK(body.starts_with("${jsonencode({\"widgets\" = ["));
  CHECK(occurrences(body, "\"type\" = \"metric\"") == 4);
  CHECK(occurrences(body, "\"type\" = \"log\"") == 1);
  for (const char* title :
       {"EKS cluster", "Load balancer", "Database", "Redis", "Application errors"}) {
    CHECK(contains(body, std::string("\"title\" = \"") + title + "\""));
  }
  CHECK(contains(body,
                 "[\"ContainerInsights\", \"node_cpu_utilization\", \"ClusterName\", "
                 "\"detection-api\"]"));
  CHECK(contains(body,
                 "\"RequestCount\", \"LoadBalancer\", \"app/detection-api/50dc6c495c0c9188\", "
                 "{\"stat\" = \"Sum\"}]"));
  CHECK(contains(body, "\"region\" = data.aws_region.current.region"));
  CHECK(contains(body, "SOURCE '${aws_cloudwatch_log_group.application_logs.name}'"));
  check_schema(app);
}

TEST_CASE("the monthly cost budget alerts the emails at 80% actual and 100% forecasted spend") {
  SUBCASE("literal values") {
    App app{"monitoring"};
    app.stack<MonitoringStack>("monitoring", full_props());
    const json budget =
        module_json(app, "monitoring").at("resource").at("aws_budgets_budget").at("monthly_cost");
    CHECK(budget.at("budget_type") == "COST");
    CHECK(budget.at("time_unit") == "MONTHLY");
    CHECK(budget.at("limit_amount") == "400");
    CHECK(budget.at("limit_unit") == "USD");
    CHECK_FALSE(budget.contains("count"));
    REQUIRE(budget.at("notification").size() == 2);
    CHECK(budget.at("notification").at(0) ==
          json{{"comparison_operator", "GREATER_THAN"},
               {"threshold", 80},
               {"threshold_type", "PERCENTAGE"},
               {"notification_type", "ACTUAL"},
               {"subscriber_email_addresses", json::array({"ops@example.com"})}});
    CHECK(budget.at("notification")[1].at("threshold") == 100);
    CHECK(budget.at("notification")[1].at("notification_type") == "FORECASTED");
    check_schema(app);
  }
  SUBCASE("parameters: an environment without addresses gets no budget") {
    App app{"monitoring"};
    auto emails = app.param<std::vector<std::string>>("alert_emails", {.description = "Alerts."});
    auto limit = app.param<double>("monthly_budget_usd", {.description = "Budget.", .min = 1});
    app.stack<MonitoringStack>("monitoring", {.alert_emails = emails, .monthly_budget_usd = limit});
    const json budget =
        module_json(app, "monitoring").at("resource").at("aws_budgets_budget").at("monthly_cost");
    CHECK(budget.at("limit_amount") == "${var.monthly_budget_usd}");
    CHECK(budget.at("count") == "${(length(var.alert_emails) > 0) ? 1 : 0}");
    CHECK(budget.at("notification")[0].at("subscriber_email_addresses") == "${var.alert_emails}");
    check_schema(app);
  }
}

TEST_CASE("each Lambda function and the HTTP API get alarms and a dashboard widget") {
  App app{"monitoring"};
  app.stack<MonitoringStack>(
      "monitoring", {.name = "shop",
                     .alert_emails = Value::list({"ops@example.com"}),
                     .lambda_functions = {{"orders", "shop-orders"}, {"health", "shop-health"}},
                     .http_api_id = "a1b2c3d4e5",
                     .thresholds = {.lambda_errors = 3, .api_latency_ms = 1500}});
  const json resources = module_json(app, "monitoring").at("resource");
  const json& alarms = resources.at("aws_cloudwatch_metric_alarm");
  CHECK(alarms.size() == 6);
  const json& errors = alarms.at("lambda_orders_errors");
  CHECK(errors.at("alarm_name") == "shop-lambda-orders-errors");
  CHECK(errors.at("namespace") == "AWS/Lambda");
  CHECK(errors.at("metric_name") == "Errors");
  CHECK(errors.at("statistic") == "Sum");
  CHECK(errors.at("comparison_operator") == "GreaterThanOrEqualToThreshold");
  CHECK(errors.at("threshold") == 3);
  CHECK(errors.at("dimensions") == json{{"FunctionName", "shop-orders"}});
  CHECK(errors.at("treat_missing_data") == "notBreaching");
  CHECK(alarms.at("lambda_health_throttles").at("metric_name") == "Throttles");
  const json& server_errors = alarms.at("api_5xx_errors");
  CHECK(server_errors.at("namespace") == "AWS/ApiGateway");
  CHECK(server_errors.at("metric_name") == "5xx");
  CHECK(server_errors.at("dimensions") == json{{"ApiId", "a1b2c3d4e5"}});
  CHECK(alarms.at("api_latency_high").at("threshold") == 1500);

  const std::string body = resources.at("aws_cloudwatch_dashboard").at("main").at("dashboard_body");
  CHECK(contains(body, "\"title\" = \"Lambda functions\""));
  CHECK(contains(body, "\"title\" = \"HTTP API\""));
  CHECK(contains(body,
                 "[\"AWS/Lambda\", \"Throttles\", \"FunctionName\", \"shop-orders\", "
                 "{\"stat\" = \"Sum\"}]"));
  CHECK(contains(body, "[\"AWS/ApiGateway\", \"IntegrationLatency\", \"ApiId\", \"a1b2c3d4e5\"]"));
  check_schema(app);
}

TEST_CASE("invalid monitoring props are refused with clear messages") {
  App app{"monitoring"};
  app.stack<MonitoringStack>("monitoring",
                             {.name = "Detection API",
                              .log_groups = {{.id = "application_logs", .name = "/aws/app"},
                                             {.id = "slow", .name = "bad name!"}},
                              .alert_emails = Value::list({"ops@example.com", "nobody"}),
                              .https_endpoint = "http://hooks.example.com/x",
                              .thresholds = {.eks_cpu_percent = 120,
                                             .redis_evictions = -1,
                                             .alb_response_time_seconds = "1s",
                                             .lambda_throttles = 0,
                                             .api_latency_ms = "slow"},
                              .alarm_evaluation_periods = 0});
  CHECK(plan_problems(app) ==
        std::vector<std::string>{
            "name must be 1 to 64 lowercase letters, digits and hyphens, not starting with a "
            "hyphen, got \"Detection API\"",
            "log group id \"application_logs\" is used twice or reserved",
            "log group \"slow\": name must be 1 to 512 of letters, digits and . - _ / #, got \"bad "
            "name!\"",
            "alert_emails: \"nobody\" is not an email address",
            "https_endpoint must be an https:// URL",
            "thresholds.eks_cpu_percent must be above 0 and at most 100, got 120",
            "thresholds.redis_evictions must be at least 0, got -1",
            "thresholds.alb_response_time_seconds must be a number, got a string",
            "thresholds.lambda_throttles must be above 0, got 0",
            "thresholds.api_latency_ms must be a number, got a string",
            "alarm_evaluation_periods must be at least 1, got 0",
        });
}

TEST_CASE("a budget without anyone to notify is refused") {
  App app{"monitoring"};
  app.stack<MonitoringStack>("monitoring", {.monthly_budget_usd = 100});
  CHECK(plan_problems(app) ==
        std::vector<std::string>{
            "a monthly budget needs at least one address in alert_emails to notify; set "
            "monthly_budget_usd to null for no budget"});
}
