#include "stacks/compute_stack.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dsl/app.h"
#include "dsl/expression.h"
#include "plan/wiring.h"
#include "stacks/compute_test_support.h"
#include "stacks/monitoring_stack.h"
#include "stacks/secret.h"
#include "stacks/stack_test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

// Every finding, printed, so a failure says what is wrong.
void check_schema(const App& app) {
  const auto findings = schema_findings(app);
  for (const auto& finding : findings) MESSAGE(finding);
  CHECK(findings.empty());
}

}  // namespace

TEST_CASE(
    "the EKS cluster logs every control-plane log type, encrypts secrets and has an OIDC "
    "provider") {
  App app{"compute"};
  const auto net = fake_network(app);
  app.stack<ComputeStack>("compute", props_for(net));
  const json doc = module_json(app, "compute");
  const json& resources = doc.at("resource");
  const json& cluster = resources.at("aws_eks_cluster").at("cluster");

  CHECK(cluster.at("name") == "detection-api");
  CHECK(cluster.at("version") == "1.36");
  CHECK(cluster.at("role_arn") == "${aws_iam_role.cluster_role.arn}");
  CHECK(cluster.at("enabled_cluster_log_types") ==
        json{"api", "audit", "authenticator", "controllerManager", "scheduler"});
  CHECK(cluster.at("vpc_config").at("endpoint_private_access") == true);
  // No public endpoint unless CIDR blocks are given.
  CHECK(cluster.at("vpc_config").at("endpoint_public_access") == false);
  CHECK_FALSE(cluster.at("vpc_config").contains("public_access_cidrs"));
  CHECK(cluster.at("vpc_config").at("subnet_ids") == "${var.network_subnet_private_ids}");
  CHECK(cluster.at("encryption_config") ==
        json{{"resources", {"secrets"}},
             {"provider", {{"key_arn", "${aws_kms_key.cluster_secrets.arn}"}}}});
  CHECK(cluster.at("depends_on") == json{"aws_cloudwatch_log_group.cluster_logs",
                                         "aws_iam_role_policy_attachment.cluster_role"});
  CHECK(cluster.at("tags").at("Name") == "detection-api");
  // Four roles and a key use the partition: the module reads it once.
  CHECK(doc.at("data").at("aws_partition").size() == 1);
  CHECK(doc.at("data").at("aws_partition").contains("current"));

  SUBCASE("the control plane's log group has a retention") {
    const json& logs = resources.at("aws_cloudwatch_log_group").at("cluster_logs");
    CHECK(logs.at("name") == "/aws/eks/detection-api/cluster");
    CHECK(logs.at("retention_in_days") == 30);
  }
  SUBCASE("the cluster role has the EKS cluster policy and may use only its secrets key") {
    CHECK(resources.at("aws_iam_role_policy_attachment").at("cluster_role").at("for_each") ==
          json{{"AmazonEKSClusterPolicy",
                "arn:${data.aws_partition.current.partition}:iam::aws:policy/"
                "AmazonEKSClusterPolicy"}});
    const std::string policy = resources.at("aws_iam_role_policy").at("cluster_role").at("policy");
    CHECK(policy.find("\"Resource\" = [aws_kms_key.cluster_secrets.arn]") != std::string::npos);
    CHECK(policy.find("kms:*") == std::string::npos);
    CHECK(resources.at("aws_kms_key").at("cluster_secrets").at("enable_key_rotation") == true);
  }
  SUBCASE("the OIDC provider trusts the cluster's issuer for STS") {
    const json& oidc = resources.at("aws_iam_openid_connect_provider").at("cluster_oidc");
    CHECK(oidc.at("url") == "${aws_eks_cluster.cluster.identity[0].oidc[0].issuer}");
    CHECK(oidc.at("client_id_list") == json{"sts.amazonaws.com"});
    CHECK(oidc.at("thumbprint_list") == json{"9e99a48a9960b14926bb7f3b02e22da2b0ab7280"});
  }
  check_schema(app);
}

TEST_CASE(
    "on-demand and spot node groups run in the private subnets with the node security group") {
  App app{"compute"};
  const auto net = fake_network(app);
  app.stack<ComputeStack>("compute", props_for(net));
  const json resources = module_json(app, "compute").at("resource");
  const json& on_demand = resources.at("aws_eks_node_group").at("on_demand");
  const json& spot = resources.at("aws_eks_node_group").at("spot");

  CHECK(on_demand.at("capacity_type") == "ON_DEMAND");
  CHECK(on_demand.at("scaling_config") ==
        json{{"min_size", 3}, {"max_size", 10}, {"desired_size", 3}});
  CHECK(on_demand.at("instance_types") == json{"t3.medium", "t3a.medium"});
  CHECK(on_demand.at("subnet_ids") == "${var.network_subnet_private_ids}");
  CHECK(on_demand.at("version") == "${aws_eks_cluster.cluster.version}");
  CHECK(on_demand.at("labels") == json{{"lifecycle", "on-demand"}});
  CHECK_FALSE(on_demand.contains("count"));
  CHECK_FALSE(on_demand.contains("taint"));
  CHECK(on_demand.at("launch_template").at("id") == "${aws_launch_template.on_demand_nodes.id}");

  CHECK(spot.at("capacity_type") == "SPOT");
  CHECK(spot.at("count") == 0);  // spot.enabled defaults to false
  CHECK(spot.at("taint") == json{{"key", "spot"}, {"value", "true"}, {"effect", "NO_SCHEDULE"}});
  CHECK(spot.at("labels") == json{{"lifecycle", "spot"}});
  CHECK(spot.at("scaling_config") == json{{"min_size", 1}, {"max_size", 10}, {"desired_size", 1}});
  CHECK(spot.at("launch_template").at("id") == "${aws_launch_template.spot_nodes[count.index].id}");
  CHECK(resources.at("aws_launch_template").at("spot_nodes").at("count") == 0);

  SUBCASE("node launch templates require IMDSv2 and encrypt a 50 GiB gp3 root volume") {
    const json& lt = resources.at("aws_launch_template").at("on_demand_nodes");
    CHECK(lt.at("metadata_options").at("http_tokens") == "required");
    CHECK(lt.at("block_device_mappings").at("ebs") == json{{"volume_size", 50},
                                                           {"volume_type", "gp3"},
                                                           {"encrypted", "true"},
                                                           {"delete_on_termination", "true"}});
    CHECK(lt.at("vpc_security_group_ids") ==
          json{"${var.network_security_group_nodes_id}",
               "${aws_eks_cluster.cluster.vpc_config[0].cluster_security_group_id}"});
    // detailed_monitoring defaults to true: 1-minute EC2 metrics.
    CHECK(lt.at("monitoring") == json{{"enabled", true}});
    CHECK(resources.at("aws_launch_template").at("spot_nodes").at("monitoring") ==
          json{{"enabled", true}});
  }
  SUBCASE("the node role has the five node policies") {
    const json& attachments = resources.at("aws_iam_role_policy_attachment").at("node_role");
    CHECK(attachments.at("for_each").size() == 5);
    for (const char* policy :
         {"AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly",
          "AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy"}) {
      CHECK(attachments.at("for_each").at(policy) ==
            std::string("arn:${data.aws_partition.current.partition}:iam::aws:policy/") + policy);
    }
    CHECK(on_demand.at("node_role_arn") == "${aws_iam_role.node_role.arn}");
    CHECK(on_demand.at("depends_on") == json{"aws_iam_role_policy_attachment.node_role"});
  }
  check_schema(app);
}

TEST_CASE("environments size the node groups and switch spot on through parameters") {
  GIVEN("parameters for the sizes, instance types, spot and the Kubernetes version") {
    App app{"compute"};
    const auto net = fake_network(app);
    auto props = props_for(net);
    props.eks.version = app.param<std::string>("eks_version", {.pattern = R"(1\.\d+)"});
    props.on_demand.min_size = app.param<int>("nodes_min", {.min = 1});
    props.on_demand.max_size = app.param<int>("nodes_max", {.min = 1});
    props.on_demand.desired_size = app.param<int>("nodes_desired", {.min = 1});
    props.on_demand.instance_types = app.param<std::vector<std::string>>("node_instance_types");
    props.spot.enabled = app.param<bool>("spot_enabled");
    props.alb.deletion_protection = app.param<bool>("alb_deletion_protection");
    app.stack<ComputeStack>("compute", std::move(props));

    THEN("the module reads them, so dev and prod share it, and no literal check fires") {
      CHECK(plan_problems(app).empty());
      const json resources = module_json(app, "compute").at("resource");
      const json& on_demand = resources.at("aws_eks_node_group").at("on_demand");
      CHECK(on_demand.at("scaling_config") == json{{"min_size", "${var.nodes_min}"},
                                                   {"max_size", "${var.nodes_max}"},
                                                   {"desired_size", "${var.nodes_desired}"}});
      CHECK(on_demand.at("instance_types") == "${var.node_instance_types}");
      CHECK(resources.at("aws_eks_node_group").at("spot").at("count") ==
            "${var.spot_enabled ? 1 : 0}");
      CHECK(resources.at("aws_launch_template").at("spot_nodes").at("count") ==
            "${var.spot_enabled ? 1 : 0}");
      CHECK(resources.at("aws_eks_cluster").at("cluster").at("version") == "${var.eks_version}");
      CHECK(resources.at("aws_lb").at("alb").at("enable_deletion_protection") ==
            "${var.alb_deletion_protection}");
      const json variables = module_variables(app, "compute").at("variable");
      for (const char* name : {"eks_version", "nodes_min", "nodes_max", "nodes_desired",
                               "node_instance_types", "spot_enabled", "alb_deletion_protection"}) {
        CHECK_MESSAGE(variables.contains(name), name);
      }
      check_schema(app);
    }
  }
  GIVEN("spot.enabled as a literal true") {
    App app{"compute"};
    const auto net = fake_network(app);
    auto props = props_for(net);
    props.spot.enabled = true;
    app.stack<ComputeStack>("compute", std::move(props));
    THEN("there is one spot group") {
      CHECK(module_json(app, "compute")
                .at("resource")
                .at("aws_eks_node_group")
                .at("spot")
                .at("count") == 1);
      check_schema(app);
    }
  }
}

TEST_CASE(
    "the load balancer is internet-facing, redirects HTTP to HTTPS and forwards to port 8000") {
  App app{"compute"};
  const auto net = fake_network(app);
  app.stack<ComputeStack>("compute", props_for(net));
  const json resources = module_json(app, "compute").at("resource");
  const json& alb = resources.at("aws_lb").at("alb");

  CHECK(alb.at("internal") == false);
  CHECK(alb.at("load_balancer_type") == "application");
  CHECK(alb.at("subnets") == "${var.network_subnet_public_ids}");
  CHECK(alb.at("security_groups") == json{"${var.network_security_group_alb_id}"});
  CHECK(alb.at("drop_invalid_header_fields") == true);
  CHECK(alb.at("idle_timeout") == 60);
  CHECK(alb.at("enable_deletion_protection") == true);
  CHECK(alb.at("access_logs") ==
        json{{"bucket", "detection-api-logs"}, {"prefix", "alb"}, {"enabled", true}});

  const json& http = resources.at("aws_lb_listener").at("alb_http");
  CHECK(http.at("port") == 80);
  CHECK(http.at("protocol") == "HTTP");
  CHECK(http.at("default_action") ==
        json{{"type", "redirect"},
             {"redirect", {{"port", "443"}, {"protocol", "HTTPS"}, {"status_code", "HTTP_301"}}}});

  const json& https = resources.at("aws_lb_listener").at("alb_https");
  CHECK(https.at("port") == 443);
  CHECK(https.at("protocol") == "HTTPS");
  CHECK(https.at("certificate_arn") == kCertificate);
  CHECK(https.at("ssl_policy") == "ELBSecurityPolicy-TLS13-1-2-2021-06");
  CHECK(https.at("default_action") ==
        json{{"type", "forward"}, {"target_group_arn", "${aws_lb_target_group.app.arn}"}});
  CHECK_FALSE(https.contains("count"));  // alb.https defaults to a literal true

  const json& target_group = resources.at("aws_lb_target_group").at("app");
  // A replacement is created before the old group goes: a prefix (6 characters at
  // most), never a fixed name, which would make both exist under one name.
  CHECK(target_group.at("name_prefix") == "detec-");
  CHECK_FALSE(target_group.contains("name"));
  CHECK(target_group.at("lifecycle") == json{{"create_before_destroy", true}});
  CHECK(target_group.at("tags").at("Name") == "detection-api-app");
  CHECK(target_group.at("port") == 8000);
  CHECK(target_group.at("protocol") == "HTTP");
  CHECK(target_group.at("target_type") == "ip");
  CHECK(target_group.at("vpc_id") == "${var.network_vpc_main_id}");
  CHECK(target_group.at("deregistration_delay") == "30");
  const json& health = target_group.at("health_check");
  CHECK(health.at("path") == "/health");
  CHECK(health.at("healthy_threshold") == 2);
  CHECK(health.at("unhealthy_threshold") == 2);
  CHECK(health.at("interval") == 30);

  CHECK_FALSE(resources.contains("aws_autoscaling_group"));
  CHECK_FALSE(resources.contains("aws_apigatewayv2_api"));
  check_schema(app);
}

TEST_CASE("HTTPS on the load balancer is a per-environment switch") {
  GIVEN("a parameter for alb.https and a certificate parameter that may be empty") {
    App app{"compute"};
    const auto net = fake_network(app);
    auto props = props_for(net);
    props.alb.https = app.param<bool>("alb_https");
    props.alb.certificate_arn =
        app.param<std::string>("certificate_arn", {.pattern = "(arn:aws:acm:.+)?"});
    app.stack<ComputeStack>("compute", std::move(props));

    THEN("one module redirects HTTP where HTTPS is on and forwards it where it is off") {
      CHECK(plan_problems(app).empty());
      const json resources = module_json(app, "compute").at("resource");
      const json& http = resources.at("aws_lb_listener").at("alb_http");
      CHECK(http.at("port") == 80);
      CHECK(http.at("default_action") ==
            json{{"type", "${var.alb_https ? \"redirect\" : \"forward\"}"},
                 {"target_group_arn", "${var.alb_https ? null : aws_lb_target_group.app.arn}"},
                 {"dynamic",
                  {{"redirect",
                    {{"for_each", "${var.alb_https ? [1] : []}"},
                     {"content",
                      {{"port", "443"}, {"protocol", "HTTPS"}, {"status_code", "HTTP_301"}}}}}}}});

      const json& https = resources.at("aws_lb_listener").at("alb_https");
      CHECK(https.at("count") == "${var.alb_https ? 1 : 0}");
      CHECK(https.at("certificate_arn") == "${var.certificate_arn}");
      CHECK(https.at("default_action") ==
            json{{"type", "forward"}, {"target_group_arn", "${aws_lb_target_group.app.arn}"}});
      const json variables = module_variables(app, "compute").at("variable");
      CHECK(variables.contains("alb_https"));
      CHECK(variables.contains("certificate_arn"));
      check_schema(app);
    }
  }
  GIVEN("alb.https as a literal false and no certificate") {
    App app{"compute"};
    const auto net = fake_network(app);
    auto props = props_for(net);
    props.alb.https = false;
    props.alb.certificate_arn = nullptr;
    app.stack<ComputeStack>("compute", std::move(props));

    THEN("there is no HTTPS listener and HTTP forwards to the target group") {
      CHECK(plan_problems(app).empty());
      const json listeners = module_json(app, "compute").at("resource").at("aws_lb_listener");
      CHECK_FALSE(listeners.contains("alb_https"));
      const json& http = listeners.at("alb_http");
      CHECK(http.at("port") == 80);
      CHECK(http.at("protocol") == "HTTP");
      CHECK(http.at("default_action") ==
            json{{"type", "forward"}, {"target_group_arn", "${aws_lb_target_group.app.arn}"}});
      CHECK_FALSE(http.contains("count"));
      check_schema(app);
    }
  }
}

TEST_CASE("detailed EC2 monitoring of nodes and backend instances is a per-environment switch") {
  GIVEN("a parameter for detailed_monitoring") {
    App app{"compute"};
    const auto net = fake_network(app);
    auto props = props_for(net);
    props.detailed_monitoring = app.param<bool>("monitoring_detail");
    props.ec2.enabled = true;
    app.stack<ComputeStack>("compute", std::move(props));

    THEN("every launch template reads it") {
      CHECK(plan_problems(app).empty());
      const json templates = module_json(app, "compute").at("resource").at("aws_launch_template");
      for (const char* name : {"on_demand_nodes", "spot_nodes", "backend_template"}) {
        CHECK_MESSAGE(
            (templates.at(name).at("monitoring") == json{{"enabled", "${var.monitoring_detail}"}}),
            name);
      }
      CHECK(module_variables(app, "compute").at("variable").contains("monitoring_detail"));
      check_schema(app);
    }
  }
  GIVEN("detailed_monitoring as a literal false") {
    App app{"compute"};
    const auto net = fake_network(app);
    auto props = props_for(net);
    props.detailed_monitoring = false;
    props.ec2.enabled = true;
    app.stack<ComputeStack>("compute", std::move(props));

    THEN("every launch template turns it off") {
      const json templates = module_json(app, "compute").at("resource").at("aws_launch_template");
      for (const char* name : {"on_demand_nodes", "spot_nodes", "backend_template"}) {
        CHECK_MESSAGE((templates.at(name).at("monitoring") == json{{"enabled", false}}), name);
      }
      check_schema(app);
    }
  }
}

TEST_CASE("switches that are not bools, and HTTPS without a certificate, are refused") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.detailed_monitoring = 1;
  props.spot.enabled = "true";
  props.alb.https = "yes";
  app.stack<ComputeStack>("compute", std::move(props));
  CHECK(plan_problems(app) ==
        std::vector<std::string>{
            "detailed_monitoring must be a bool or a bool parameter, got a number",
            "spot.enabled must be a bool or a bool parameter, got a string",
            "alb.https must be a bool or a bool parameter, got a string",
        });

  App missing{"compute"};
  const auto missing_net = fake_network(missing);
  auto missing_props = props_for(missing_net);
  missing_props.alb.certificate_arn = nullptr;
  missing_props.alb.ssl_policy = "";
  missing.stack<ComputeStack>("compute", std::move(missing_props));
  CHECK(plan_problems(missing) ==
        std::vector<std::string>{
            "alb.certificate_arn is required when alb.https is true (e.g. "
            "\"arn:aws:acm:us-east-1:111122223333:certificate/...\")",
            "alb.ssl_policy is required unless alb.https is false (e.g. "
            "\"ELBSecurityPolicy-TLS13-1-2-2021-06\")",
        });
}

TEST_CASE("the stack's outputs are declared and its accessors wire into other stacks") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto& compute = app.stack<ComputeStack>("compute", props_for(net));
  const json outputs = module_outputs(app, "compute").at("output");
  const std::vector<std::pair<std::string, std::string>> expected = {
      {"cluster_name", "${aws_eks_cluster.cluster.name}"},
      {"cluster_endpoint", "${aws_eks_cluster.cluster.endpoint}"},
      {"cluster_security_group_id",
       "${aws_eks_cluster.cluster.vpc_config[0].cluster_security_group_id}"},
      {"oidc_provider_arn", "${aws_iam_openid_connect_provider.cluster_oidc.arn}"},
      {"alb_arn_suffix", "${aws_lb.alb.arn_suffix}"},
      {"alb_dns_name", "${aws_lb.alb.dns_name}"},
      {"target_group_arn_suffix", "${aws_lb_target_group.app.arn_suffix}"},
  };
  for (const auto& [name, value] : expected) {
    CHECK_MESSAGE(outputs.at(name).at("value") == value, name);
    CHECK_MESSAGE(!outputs.at(name).at("description").get<std::string>().empty(), name);
  }
  CHECK_FALSE(outputs.contains("api_endpoint"));
  CHECK(compute.api_endpoint().is_null());

  WHEN("a monitoring stack reads the accessors") {
    auto& monitoring = app.stack("monitoring");
    monitoring.resource("aws_cloudwatch_metric_alarm", "alb_5xx")
        .set("alarm_name", "alb-5xx")
        .set("comparison_operator", "GreaterThanThreshold")
        .set("evaluation_periods", 1)
        .set("metric_name", "HTTPCode_Target_5XX_Count")
        .set("namespace", "AWS/ApplicationELB")
        .set("period", 300)
        .set("statistic", "Sum")
        .set("threshold", 10)
        .set("dimensions", Value::map({{"LoadBalancer", compute.alb_arn_suffix()},
                                       {"TargetGroup", compute.target_group_arn_suffix()}}));
    THEN("they arrive through the declared outputs") {
      const json alarm = module_json(app, "monitoring")
                             .at("resource")
                             .at("aws_cloudwatch_metric_alarm")
                             .at("alb_5xx");
      CHECK(alarm.at("dimensions") ==
            json{{"LoadBalancer", "${var.compute_alb_arn_suffix}"},
                 {"TargetGroup", "${var.compute_target_group_arn_suffix}"}});
      check_schema(app);
    }
  }
}

TEST_CASE("the EC2 backend is off by default and, when on, is a hardened auto scaling group") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.ec2 = {.enabled = true, .min_size = 2, .max_size = 6, .desired_capacity = 3};
  app.stack<ComputeStack>("compute", std::move(props));
  const json doc = module_json(app, "compute");
  const json& resources = doc.at("resource");

  const json& lt = resources.at("aws_launch_template").at("backend_template");
  CHECK(lt.at("metadata_options").at("http_tokens") == "required");
  CHECK(lt.at("metadata_options").at("http_put_response_hop_limit") == 1);
  CHECK(lt.at("block_device_mappings").at("ebs").at("encrypted") == "true");
  CHECK(lt.at("block_device_mappings").at("ebs").at("volume_type") == "gp3");
  CHECK(lt.at("iam_instance_profile").at("arn") ==
        "${aws_iam_instance_profile.backend_profile.arn}");
  CHECK(lt.at("image_id") == "${data.aws_ssm_parameter.backend_ami.insecure_value}");
  CHECK(lt.at("vpc_security_group_ids") == json{"${var.network_security_group_nodes_id}"});
  CHECK(lt.at("monitoring") == json{{"enabled", true}});
  CHECK(resources.at("aws_iam_instance_profile").at("backend_profile").at("role") ==
        "${aws_iam_role.backend_role.name}");

  const json& asg = resources.at("aws_autoscaling_group").at("backend");
  CHECK(asg.at("vpc_zone_identifier") == "${var.network_subnet_private_ids}");
  CHECK(asg.at("target_group_arns") == json{"${aws_lb_target_group.app.arn}"});
  CHECK(asg.at("min_size") == 2);
  CHECK(asg.at("max_size") == 6);
  CHECK(asg.at("desired_capacity") == 3);
  CHECK(asg.at("health_check_type") == "ELB");
  CHECK(asg.at("launch_template").at("version") ==
        "${aws_launch_template.backend_template.latest_version}");
  // Auto scaling registers instances, not IPs.
  CHECK(resources.at("aws_lb_target_group").at("app").at("target_type") == "instance");
  check_schema(app);
}

TEST_CASE("each Lambda function gets a role, a log group, tracing and a route on one HTTP API") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.log_retention_days = app.param<int>("log_retention_days");
  props.functions = {
      {.name = "ingest",
       .runtime = "python3.12",
       .handler = "app.handler",
       .filename = "build/ingest.zip",
       .route = "POST /ingest"},
      {.name = "report",
       .runtime = "nodejs22.x",
       .handler = "index.handler",
       .s3_bucket = "artifacts",
       .s3_key = "report.zip",
       .environment = Value::map({{"TABLE", "reports"}})},
  };
  auto& compute = app.stack<ComputeStack>("compute", std::move(props));
  const json doc = module_json(app, "compute");
  const json& resources = doc.at("resource");

  const json& ingest = resources.at("aws_lambda_function").at("functions_ingest");
  CHECK(ingest.at("function_name") == "detection-api-ingest");
  CHECK(ingest.at("runtime") == "python3.12");
  CHECK(ingest.at("handler") == "app.handler");
  CHECK(ingest.at("filename") == "build/ingest.zip");
  CHECK(ingest.at("tracing_config") == json{{"mode", "Active"}});
  CHECK(ingest.at("role") == "${aws_iam_role.functions_ingest_role.arn}");
  CHECK(ingest.at("logging_config").at("log_group") ==
        "${aws_cloudwatch_log_group.functions_ingest_logs.name}");
  CHECK(resources.at("aws_cloudwatch_log_group")
            .at("functions_ingest_logs")
            .at("retention_in_days") == "${var.log_retention_days}");
  CHECK(resources.at("aws_iam_role_policy_attachment")
            .at("functions_ingest_role")
            .at("for_each")
            .at("AWSLambdaBasicExecutionRole") ==
        "arn:${data.aws_partition.current.partition}:iam::aws:policy/service-role/"
        "AWSLambdaBasicExecutionRole");

  const json& report = resources.at("aws_lambda_function").at("functions_report");
  CHECK(report.at("s3_bucket") == "artifacts");
  CHECK(report.at("s3_key") == "report.zip");
  CHECK(report.at("environment").at("variables") == json{{"TABLE", "reports"}});

  CHECK(resources.at("aws_apigatewayv2_api").at("http_api").at("protocol_type") == "HTTP");
  const json& stage = resources.at("aws_apigatewayv2_stage").at("http_api_stage");
  CHECK(stage.at("name") == "$default");
  CHECK(stage.at("access_log_settings").at("destination_arn") ==
        "${aws_cloudwatch_log_group.http_api_logs.arn}");
  CHECK(resources.at("aws_apigatewayv2_route").at("functions_ingest_route").at("route_key") ==
        "POST /ingest");
  CHECK(resources.at("aws_apigatewayv2_route").at("functions_report_route").at("route_key") ==
        "ANY /report");
  // Safe by default: callers sign their requests with IAM credentials.
  CHECK(resources.at("aws_apigatewayv2_route")
            .at("functions_report_route")
            .at("authorization_type") == "AWS_IAM");
  CHECK(resources.at("aws_apigatewayv2_route").at("functions_ingest_route").at("target") ==
        "integrations/${aws_apigatewayv2_integration.functions_ingest_integration.id}");
  CHECK(resources.at("aws_apigatewayv2_integration")
            .at("functions_ingest_integration")
            .at("integration_uri") == "${aws_lambda_alias.functions_ingest_live.invoke_arn}");
  // Every change publishes a version; the API serves the one the alias names.
  CHECK(ingest.at("publish") == true);
  const json& alias = resources.at("aws_lambda_alias").at("functions_ingest_live");
  CHECK(alias.at("name") == "live");
  CHECK(alias.at("function_version") == "${aws_lambda_function.functions_ingest.version}");
  const json& permission = resources.at("aws_lambda_permission").at("functions_ingest_invoke");
  CHECK(permission.at("qualifier") == "${aws_lambda_alias.functions_ingest_live.name}");
  CHECK(permission.at("principal") == "apigateway.amazonaws.com");
  CHECK(permission.at("source_arn") == "${aws_apigatewayv2_api.http_api.execution_arn}/*/*");

  CHECK(module_outputs(app, "compute").at("output").at("api_endpoint").at("value") ==
        "${aws_apigatewayv2_api.http_api.api_endpoint}");
  CHECK_FALSE(compute.api_endpoint().is_null());
  check_schema(app);
}

TEST_CASE("without the cluster and the load balancer the stack is functions behind the HTTP API") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto& secret = app.stack("secrets").add<Secret>("api_key", SecretProps{.name = "shop/api-key"});
  auto& compute = app.stack<ComputeStack>(
      "compute", {.name = "shop",
                  .private_subnet_ids = net.private_subnet_ids,
                  .node_security_group_id = net.node_security_group_id,
                  .eks = {.enabled = false},
                  .alb = {.enabled = false},
                  .functions = {{.name = "orders",
                                 .runtime = "python3.13",
                                 .handler = "orders.handler",
                                 .filename = "build/orders.zip",
                                 .environment = Value::map({{"SECRET", secret.arn()}}),
                                 .in_vpc = true,
                                 .statements = {secret.read_statement()},
                                 .reserved_concurrency = 50,
                                 .authorization = "JWT",
                                 .kms_key_arn = "arn:aws:kms:us-east-1:111122223333:key/1"},
                                {.name = "health",
                                 .runtime = "python3.13",
                                 .handler = "health.handler",
                                 .filename = "build/health.zip",
                                 .authorization = "NONE"}},
                  .api = {.jwt_issuer = "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X",
                          .jwt_audience = Value::list({"web"})}});
  const json doc = module_json(app, "compute");
  const json& resources = doc.at("resource");
  for (const char* type : {"aws_eks_cluster", "aws_eks_node_group", "aws_lb", "aws_lb_target_group",
                           "aws_iam_openid_connect_provider"}) {
    CAPTURE(type);
    CHECK_FALSE(resources.contains(type));
  }
  const json outputs = module_outputs(app, "compute").at("output");
  CHECK_FALSE(outputs.contains("cluster_name"));
  CHECK_FALSE(outputs.contains("alb_dns_name"));
  CHECK(outputs.at("api_id").at("value") == "${aws_apigatewayv2_api.http_api.id}");
  CHECK(app.find_provider("helm") == nullptr);

  const json& orders = resources.at("aws_lambda_function").at("functions_orders");
  CHECK(orders.at("vpc_config") ==
        json{{"subnet_ids", "${var.network_subnet_private_ids}"},
             {"security_group_ids", {"${var.network_security_group_nodes_id}"}}});
  CHECK(orders.at("reserved_concurrent_executions") == 50);
  // The role may create its network interfaces and read the one secret.
  CHECK(resources.at("aws_iam_role_policy_attachment")
            .at("functions_orders_role")
            .at("for_each")
            .contains("AWSLambdaVPCAccessExecutionRole"));
  const std::string policy =
      resources.at("aws_iam_role_policy").at("functions_orders_role").at("policy");
  CHECK(policy.find("secretsmanager:GetSecretValue") != std::string::npos);
  CHECK(orders.at("depends_on") == json{"aws_iam_role_policy_attachment.functions_orders_role",
                                        "aws_iam_role_policy.functions_orders_role"});
  // A function outside the VPC has neither, and says so to checkov.
  const json& health = resources.at("aws_lambda_function").at("functions_health");
  CHECK_FALSE(health.contains("vpc_config"));
  CHECK_FALSE(health.contains("reserved_concurrent_executions"));
  const std::string skips = health.at("//").dump();
  for (const char* check : {"CKV_AWS_115", "CKV_AWS_116", "CKV_AWS_117", "CKV_AWS_272"}) {
    CAPTURE(check);
    CHECK(skips.find(check) != std::string::npos);
  }
  CHECK(skips.find("CKV_AWS_173") == std::string::npos);  // no environment to encrypt
  CHECK(orders.at("//").dump().find("CKV_AWS_117") == std::string::npos);
  CHECK_FALSE(resources.at("aws_iam_role_policy_attachment")
                  .at("functions_health_role")
                  .at("for_each")
                  .contains("AWSLambdaVPCAccessExecutionRole"));

  // Orders takes the API's JWTs; the health check is public, on purpose.
  const json& authorizer = resources.at("aws_apigatewayv2_authorizer").at("jwt");
  CHECK(authorizer.at("authorizer_type") == "JWT");
  CHECK(authorizer.at("jwt_configuration") ==
        json{{"issuer", "https://cognito-idp.us-east-1.amazonaws.com/us-east-1_X"},
             {"audience", {"web"}}});
  const json& routes = resources.at("aws_apigatewayv2_route");
  CHECK(routes.at("functions_orders_route").at("authorization_type") == "JWT");
  CHECK(routes.at("functions_orders_route").at("authorizer_id") ==
        "${aws_apigatewayv2_authorizer.jwt.id}");
  CHECK(routes.at("functions_health_route").at("authorization_type") == "NONE");
  CHECK(routes.at("functions_health_route").at("//") ==
        "checkov:skip=CKV_AWS_309:Public by declaration (authorization = \"NONE\")");
  CHECK(orders.at("kms_key_arn") == "arn:aws:kms:us-east-1:111122223333:key/1");

  CHECK(compute.cluster_name().is_null());
  // function_names() wires each function's name into another stack.
  REQUIRE(compute.function_names().size() == 2);
  app.stack<MonitoringStack>("monitoring", {.lambda_functions = compute.function_names()});
  CHECK(module_json(app, "monitoring")
            .at("resource")
            .at("aws_cloudwatch_metric_alarm")
            .at("lambda_orders_errors")
            .at("dimensions")
            .at("FunctionName") == "${var.compute_lambda_function_functions_orders_function_name}");
  check_schema(app);
}

namespace {

// A function of the serverless tests, packaged in `<name>.zip`.
LambdaFunctionOptions function(const std::string& name, const std::string& runtime = "python3.13") {
  return {
      .name = name, .runtime = runtime, .handler = name + ".handler", .filename = name + ".zip"};
}

// A stack of functions only: no cluster, no load balancer.
ComputeStack::Props functions_only(std::vector<LambdaFunctionOptions> functions) {
  return {.name = "shop",
          .eks = {.enabled = false},
          .alb = {.enabled = false},
          .functions = std::move(functions)};
}

}  // namespace

TEST_CASE("a serverless stack refuses what needs the cluster or the load balancer") {
  App app{"compute"};
  SUBCASE("the Kubernetes providers need the cluster") {
    auto& compute = app.stack<ComputeStack>("compute", functions_only({function("orders")}));
    compute.kubernetes_providers();
    const auto& diagnostics = app.reported();
    REQUIRE(diagnostics.size() == 1);
    CHECK(diagnostics[0].code == "K1004");
    CHECK(diagnostics[0].path == "compute");
    CHECK(diagnostics[0].message == "compute stack \"compute\" has no EKS cluster to deploy to");
    CHECK(diagnostics[0].where.file.find("compute_stack_test.cpp") != std::string::npos);
  }
  SUBCASE("the EC2 backend needs the load balancer, a function in the VPC its subnets") {
    auto orders = function("orders");
    orders.in_vpc = true;
    orders.reserved_concurrency = -1;
    auto props = functions_only({orders});
    props.ec2.enabled = true;
    app.stack<ComputeStack>("compute", std::move(props));
    CHECK(plan_problems(app) ==
          std::vector<std::string>{
              "ec2.enabled needs the load balancer (alb.enabled), which its instances serve",
              "private_subnet_ids is required with the cluster, the EC2 backend or a function in "
              "the VPC (e.g. net.private_subnet_ids())",
              "node_security_group_id is required with the cluster, the EC2 backend or a "
              "function in the VPC (e.g. net.node_security_group_id())",
              "function \"orders\": reserved_concurrency must not be negative, got -1",
          });
  }
  SUBCASE("an unknown authorization, or JWT without an authorizer") {
    auto orders = function("orders");
    orders.authorization = "COGNITO";
    auto report = function("report");
    report.authorization = "JWT";
    app.stack<ComputeStack>("compute", functions_only({orders, report}));
    CHECK(plan_problems(app) ==
          std::vector<std::string>{
              "function \"orders\": authorization must be \"AWS_IAM\", \"JWT\" or \"NONE\", got "
              "\"COGNITO\"",
              "function \"report\": authorization \"JWT\" needs the API's JWT authorizer "
              "(api.jwt_issuer)",
          });
  }
  SUBCASE("a JWT issuer that is not https, without audiences") {
    auto props = functions_only({function("orders")});
    props.api.jwt_issuer = "http://issuer.example.com";
    app.stack<ComputeStack>("compute", std::move(props));
    CHECK(plan_problems(app) ==
          std::vector<std::string>{
              "api.jwt_audience is required with api.jwt_issuer (e.g. "
              "Value::list({\"my-client-id\"}))",
              "api.jwt_issuer must be an https:// URL, got \"http://issuer.example.com\"",
          });
  }
  SUBCASE("a runtime Lambda no longer creates functions on; a newer one is left alone") {
    app.stack<ComputeStack>("compute", functions_only({function("orders", "nodejs20.x"),
                                                       function("report", "python3.11"),
                                                       function("newer", "python3.15")}));
    CHECK(plan_problems(app) ==
          std::vector<std::string>{
              "function \"orders\": runtime \"nodejs20.x\" is deprecated: Lambda no longer "
              "creates functions on it; use one of nodejs22.x, nodejs24.x",
              "function \"report\": runtime \"python3.11\" is deprecated: Lambda no longer "
              "creates functions on it; use one of python3.12, python3.13, python3.14",
          });
  }
  SUBCASE("a stack with nothing in it") {
    app.stack<ComputeStack>("compute", functions_only({}));
    CHECK(plan_problems(app) ==
          std::vector<std::string>{
              "the stack declares nothing: eks and alb are off and there are no functions"});
  }
}

TEST_CASE("node group sizes out of order are refused with the sizes named") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.on_demand.min_size = 3;
  props.on_demand.desired_size = 2;
  props.on_demand.max_size = 10;
  props.spot.min_size = 5;
  props.spot.desired_size = 5;
  props.spot.max_size = 4;
  app.stack<ComputeStack>("compute", std::move(props));
  CHECK(plan_problems(app) == std::vector<std::string>{
                                  "on_demand: desired_size (2) must not be below min_size (3)",
                                  "spot: min_size (5) must not exceed max_size (4)",
                                  "spot: desired_size (5) must not exceed max_size (4)",
                              });
}

TEST_CASE("empty instance types, a bad name or version and missing network pieces are refused") {
  App app{"compute"};
  app.stack<ComputeStack>("compute",
                          {.name = "Detection_API",
                           .eks = {.version = "1.28.3"},
                           .on_demand = {.instance_types = Value::list({})},
                           .spot = {.instance_types = "t3.medium"},
                           .alb = {.certificate_arn = "arn:aws:iam::111122223333:role/x"}});
  CHECK(plan_problems(app) ==
        std::vector<std::string>{
            "name \"Detection_API\" must be 1 to 24 lowercase letters, digits and hyphens, "
            "starting and ending with a letter or digit",
            "vpc_id is required with the load balancer (e.g. net.vpc_id())",
            "public_subnet_ids is required with the load balancer (e.g. net.public_subnet_ids())",
            "alb_security_group_id is required with the load balancer (e.g. "
            "net.alb_security_group_id())",
            "private_subnet_ids is required with the cluster, the EC2 backend or a function in "
            "the VPC (e.g. net.private_subnet_ids())",
            "node_security_group_id is required with the cluster, the EC2 backend or a function "
            "in the VPC (e.g. net.node_security_group_id())",
            "eks.version must be a Kubernetes minor version like \"1.36\", got \"1.28.3\"",
            "on_demand.instance_types must name at least one instance type (e.g. \"t3.medium\")",
            "spot.instance_types must be a list of instance types, got a string",
            "alb.certificate_arn must be an ACM certificate ARN, got "
            "\"arn:aws:iam::111122223333:role/x\"",
            "alb.access_logs_bucket is required (e.g. storage.bucket_id(\"alb-logs\"))",
        });
}

TEST_CASE("the EKS API is private unless CIDR blocks may reach its public endpoint") {
  SUBCASE("literal CIDR blocks open the public endpoint to them only") {
    App app{"compute"};
    const auto net = fake_network(app);
    auto props = props_for(net);
    props.eks.public_access_cidrs = Value::list({"203.0.113.0/24", "198.51.100.7/32"});
    app.stack<ComputeStack>("compute", std::move(props));
    const json vpc = module_json(app, "compute")
                         .at("resource")
                         .at("aws_eks_cluster")
                         .at("cluster")
                         .at("vpc_config");
    CHECK(vpc.at("endpoint_private_access") == true);
    CHECK(vpc.at("endpoint_public_access") == true);
    CHECK(vpc.at("public_access_cidrs") == json{"203.0.113.0/24", "198.51.100.7/32"});
    check_schema(app);
  }
  SUBCASE("a parameter decides per environment; an empty list is private only") {
    App app{"compute"};
    const auto net = fake_network(app);
    auto props = props_for(net);
    props.eks.public_access_cidrs =
        app.param<std::vector<std::string>>("endpoint_cidrs", {.default_value = Value::list({})});
    app.stack<ComputeStack>("compute", std::move(props));
    const json vpc = module_json(app, "compute")
                         .at("resource")
                         .at("aws_eks_cluster")
                         .at("cluster")
                         .at("vpc_config");
    CHECK(vpc.at("endpoint_public_access") == "${length(var.endpoint_cidrs) > 0}");
    CHECK(vpc.at("public_access_cidrs") ==
          "${(length(var.endpoint_cidrs) > 0) ? var.endpoint_cidrs : null}");
    check_schema(app);
  }
  SUBCASE("something that is not an IPv4 CIDR block is refused") {
    App app{"compute"};
    const auto net = fake_network(app);
    auto props = props_for(net);
    props.eks.public_access_cidrs = Value::list({"203.0.113.0/24", "my office", "10.0.0.0/33"});
    app.stack<ComputeStack>("compute", std::move(props));
    CHECK(plan_problems(app) ==
          std::vector<std::string>{
              "eks.public_access_cidrs: \"my office\" is not an IPv4 CIDR block (e.g. "
              "\"203.0.113.0/24\")",
              "eks.public_access_cidrs: \"10.0.0.0/33\" is not an IPv4 CIDR block (e.g. "
              "\"203.0.113.0/24\")"});
  }
}

TEST_CASE("a Kubernetes version EKS no longer creates is refused, naming the stack") {
  // GIVEN the seed's 1.28, past the end of EKS extended support (26 November 2025)
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.eks.version = "1.28";
  app.stack<ComputeStack>("compute", std::move(props));
  // WHEN the app is planned THEN the version is refused with the stack's path and the choices
  try {
    plan_app(app);
    FAIL("1.28 was accepted");
  } catch (const Error& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].path == "compute");
    CHECK(e.diagnostics()[0].message ==
          "eks.version \"1.28\" is past the end of EKS extended support: AWS no longer creates "
          "clusters on it; use one of 1.32, 1.33, 1.34, 1.35, 1.36 (the default is \"1.36\")");
  }

  SUBCASE("every version EKS creates, and a newer one, is accepted") {
    for (const char* version : {"1.32", "1.34", "1.36", "1.37"}) {
      App ok{"compute"};
      const auto ok_net = fake_network(ok);
      auto ok_props = props_for(ok_net);
      ok_props.eks.version = version;
      ok.stack<ComputeStack>("compute", std::move(ok_props));
      CHECK_MESSAGE(plan_problems(ok).empty(), version);
    }
  }
  SUBCASE("a parameter offers exactly the versions EKS creates") {
    CHECK(eks_version_choices() == Value::List{"1.32", "1.33", "1.34", "1.35", "1.36"});
    CHECK(check_eks_version("v", Value{"1.31"}).has_value());
    CHECK_FALSE(check_eks_version("v", app.param<std::string>("k8s", {})).has_value());
  }
}

TEST_CASE("a Lambda function without runtime, handler or code, or with a bad name, is refused") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.functions = {{.name = "ingest"},
                     {.name = "Report!", .runtime = "python3.12", .handler = "app.handler"},
                     {.name = "both",
                      .runtime = "python3.12",
                      .handler = "app.handler",
                      .filename = "both.zip",
                      .s3_bucket = "artifacts",
                      .s3_key = "both.zip"}};
  app.stack<ComputeStack>("compute", std::move(props));
  CHECK(plan_problems(app) ==
        std::vector<std::string>{
            "function \"ingest\": runtime is required (e.g. \"python3.13\")",
            "function \"ingest\": handler is required (e.g. \"app.handler\")",
            "function \"ingest\": give either filename or both s3_bucket and s3_key",
            "functions[1]: name \"Report!\" must be 1 to 39 characters: a lowercase letter, then "
            "lowercase letters, digits, '_' or '-'",
            "function \"both\": give either filename or both s3_bucket and s3_key",
        });
}

TEST_CASE("EC2 backend sizes out of order are refused only when the backend is on") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.ec2 = {.enabled = true, .min_size = 2, .max_size = 4, .desired_capacity = 5};
  app.stack<ComputeStack>("compute", std::move(props));
  CHECK(plan_problems(app) ==
        std::vector<std::string>{"ec2: desired_capacity (5) must not exceed max_size (4)"});

  App off{"compute"};
  const auto off_net = fake_network(off);
  auto off_props = props_for(off_net);
  off_props.ec2 = {.min_size = 2, .max_size = 4, .desired_capacity = 5};
  off.stack<ComputeStack>("compute", std::move(off_props));
  CHECK(plan_problems(off).empty());
}

TEST_CASE("a log retention CloudWatch Logs does not offer is refused") {
  App app{"compute"};
  const auto net = fake_network(app);
  auto props = props_for(net);
  props.log_retention_days = 10;
  app.stack<ComputeStack>("compute", std::move(props));
  CHECK(plan_problems(app) ==
        std::vector<std::string>{
            "log_retention_days must be one of the retention periods CloudWatch Logs accepts (1, "
            "3, 5, 7, 14, "
            "30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, "
            "3653), got 10"});
}
