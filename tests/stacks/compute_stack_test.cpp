#include "stacks/compute_stack.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "dsl/app.h"
#include "dsl/expression.h"
#include "stacks/stack_test_support.h"

using namespace keelson;
using namespace keelson::testing;
using nlohmann::json;

namespace {

// A stand-in for the network stack: the same kinds of references (a VPC, three
// private and three public subnets, two security groups) from another stack.
struct FakeNetwork {
  Value vpc_id;
  Value private_subnet_ids;
  Value public_subnet_ids;
  Value node_security_group_id;
  Value alb_security_group_id;
};

FakeNetwork fake_network(App& app) {
  auto& net = app.stack("network");
  auto& vpc = net.resource("aws_vpc", "main").set("cidr_block", "10.0.0.0/16");
  auto& private_subnets = net.resource("aws_subnet", "private")
                              .count(3)
                              .set("vpc_id", vpc.id())
                              .set("cidr_block", fn::cidrsubnet("10.0.0.0/16", 8, count_index()));
  auto& public_subnets =
      net.resource("aws_subnet", "public")
          .count(3)
          .set("vpc_id", vpc.id())
          .set("cidr_block", fn::cidrsubnet("10.0.0.0/16", 8, add(count_index(), 100)));
  auto& nodes = net.resource("aws_security_group", "nodes").set("vpc_id", vpc.id());
  auto& alb = net.resource("aws_security_group", "alb").set("vpc_id", vpc.id());
  return {vpc.id(), private_subnets.all("id"), public_subnets.all("id"), nodes.id(), alb.id()};
}

constexpr const char* kCertificate =
    "arn:aws:acm:us-east-1:111122223333:certificate/0a1b2c3d-1111-2222-3333-444455556666";

ComputeStack::Props props_for(const FakeNetwork& net) {
  return {.name = "detection-api",
          .vpc_id = net.vpc_id,
          .private_subnet_ids = net.private_subnet_ids,
          .public_subnet_ids = net.public_subnet_ids,
          .node_security_group_id = net.node_security_group_id,
          .alb_security_group_id = net.alb_security_group_id,
          .alb = {.certificate_arn = kCertificate, .access_logs_bucket = "detection-api-logs"}};
}

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
  const json& resources = doc["resource"];
  const json& cluster = resources["aws_eks_cluster"]["cluster"];

  CHECK(cluster["name"] == "detection-api");
  CHECK(cluster["version"] == "1.28");
  CHECK(cluster["role_arn"] == "${aws_iam_role.cluster_role.arn}");
  CHECK(cluster["enabled_cluster_log_types"] ==
        json{"api", "audit", "authenticator", "controllerManager", "scheduler"});
  CHECK(cluster["vpc_config"]["endpoint_private_access"] == true);
  CHECK(cluster["vpc_config"]["endpoint_public_access"] == true);
  CHECK(cluster["vpc_config"]["subnet_ids"] == "${var.network_subnet_private_ids}");
  CHECK(cluster["encryption_config"] ==
        json{{"resources", {"secrets"}},
             {"provider", {{"key_arn", "${aws_kms_key.cluster_secrets.arn}"}}}});
  CHECK(cluster["depends_on"] == json{"aws_cloudwatch_log_group.cluster_logs",
                                      "aws_iam_role_policy_attachment.cluster_role"});
  CHECK(cluster["tags"]["Name"] == "detection-api");

  SUBCASE("the control plane's log group has a retention") {
    const json& logs = resources["aws_cloudwatch_log_group"]["cluster_logs"];
    CHECK(logs["name"] == "/aws/eks/detection-api/cluster");
    CHECK(logs["retention_in_days"] == 30);
  }
  SUBCASE("the cluster role has the EKS cluster policy and may use only its secrets key") {
    CHECK(resources["aws_iam_role_policy_attachment"]["cluster_role"]["for_each"] ==
          json{{"AmazonEKSClusterPolicy",
                "arn:${data.aws_partition.cluster_role.partition}:iam::aws:policy/"
                "AmazonEKSClusterPolicy"}});
    const std::string policy = resources["aws_iam_role_policy"]["cluster_role"]["policy"];
    CHECK(policy.find("\"Resource\" = [aws_kms_key.cluster_secrets.arn]") != std::string::npos);
    CHECK(policy.find("kms:*") == std::string::npos);
    CHECK(resources["aws_kms_key"]["cluster_secrets"]["enable_key_rotation"] == true);
  }
  SUBCASE("the OIDC provider trusts the cluster's issuer for STS") {
    const json& oidc = resources["aws_iam_openid_connect_provider"]["cluster_oidc"];
    CHECK(oidc["url"] == "${aws_eks_cluster.cluster.identity[0].oidc[0].issuer}");
    CHECK(oidc["client_id_list"] == json{"sts.amazonaws.com"});
    CHECK(oidc["thumbprint_list"] == json{"9e99a48a9960b14926bb7f3b02e22da2b0ab7280"});
  }
  check_schema(app);
}

TEST_CASE(
    "on-demand and spot node groups run in the private subnets with the node security group") {
  App app{"compute"};
  const auto net = fake_network(app);
  app.stack<ComputeStack>("compute", props_for(net));
  const json resources = module_json(app, "compute")["resource"];
  const json& on_demand = resources["aws_eks_node_group"]["on_demand"];
  const json& spot = resources["aws_eks_node_group"]["spot"];

  CHECK(on_demand["capacity_type"] == "ON_DEMAND");
  CHECK(on_demand["scaling_config"] ==
        json{{"min_size", 3}, {"max_size", 10}, {"desired_size", 3}});
  CHECK(on_demand["instance_types"] == json{"t3.medium", "t3a.medium"});
  CHECK(on_demand["subnet_ids"] == "${var.network_subnet_private_ids}");
  CHECK(on_demand["version"] == "${aws_eks_cluster.cluster.version}");
  CHECK(on_demand["labels"] == json{{"lifecycle", "on-demand"}});
  CHECK_FALSE(on_demand.contains("count"));
  CHECK_FALSE(on_demand.contains("taint"));
  CHECK(on_demand["launch_template"]["id"] == "${aws_launch_template.on_demand_nodes.id}");

  CHECK(spot["capacity_type"] == "SPOT");
  CHECK(spot["count"] == 0);  // spot.enabled defaults to false
  CHECK(spot["taint"] == json{{"key", "spot"}, {"value", "true"}, {"effect", "NO_SCHEDULE"}});
  CHECK(spot["labels"] == json{{"lifecycle", "spot"}});
  CHECK(spot["scaling_config"] == json{{"min_size", 1}, {"max_size", 10}, {"desired_size", 1}});
  CHECK(spot["launch_template"]["id"] == "${aws_launch_template.spot_nodes[count.index].id}");
  CHECK(resources["aws_launch_template"]["spot_nodes"]["count"] == 0);

  SUBCASE("node launch templates require IMDSv2 and encrypt a 50 GiB gp3 root volume") {
    const json& lt = resources["aws_launch_template"]["on_demand_nodes"];
    CHECK(lt["metadata_options"]["http_tokens"] == "required");
    CHECK(lt["block_device_mappings"]["ebs"] == json{{"volume_size", 50},
                                                     {"volume_type", "gp3"},
                                                     {"encrypted", "true"},
                                                     {"delete_on_termination", "true"}});
    CHECK(lt["vpc_security_group_ids"] ==
          json{"${var.network_security_group_nodes_id}",
               "${aws_eks_cluster.cluster.vpc_config[0].cluster_security_group_id}"});
    // detailed_monitoring defaults to true: 1-minute EC2 metrics.
    CHECK(lt["monitoring"] == json{{"enabled", true}});
    CHECK(resources["aws_launch_template"]["spot_nodes"]["monitoring"] == json{{"enabled", true}});
  }
  SUBCASE("the node role has the five node policies") {
    const json& attachments = resources["aws_iam_role_policy_attachment"]["node_role"];
    CHECK(attachments["for_each"].size() == 5);
    for (const char* policy :
         {"AmazonEKSWorkerNodePolicy", "AmazonEKS_CNI_Policy", "AmazonEC2ContainerRegistryReadOnly",
          "AmazonSSMManagedInstanceCore", "CloudWatchAgentServerPolicy"}) {
      CHECK(attachments["for_each"][policy] ==
            std::string("arn:${data.aws_partition.node_role.partition}:iam::aws:policy/") + policy);
    }
    CHECK(on_demand["node_role_arn"] == "${aws_iam_role.node_role.arn}");
    CHECK(on_demand["depends_on"] == json{"aws_iam_role_policy_attachment.node_role"});
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
      const json resources = module_json(app, "compute")["resource"];
      const json& on_demand = resources["aws_eks_node_group"]["on_demand"];
      CHECK(on_demand["scaling_config"] == json{{"min_size", "${var.nodes_min}"},
                                                {"max_size", "${var.nodes_max}"},
                                                {"desired_size", "${var.nodes_desired}"}});
      CHECK(on_demand["instance_types"] == "${var.node_instance_types}");
      CHECK(resources["aws_eks_node_group"]["spot"]["count"] == "${var.spot_enabled ? 1 : 0}");
      CHECK(resources["aws_launch_template"]["spot_nodes"]["count"] ==
            "${var.spot_enabled ? 1 : 0}");
      CHECK(resources["aws_eks_cluster"]["cluster"]["version"] == "${var.eks_version}");
      CHECK(resources["aws_lb"]["alb"]["enable_deletion_protection"] ==
            "${var.alb_deletion_protection}");
      const json variables = module_variables(app, "compute")["variable"];
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
      CHECK(module_json(app, "compute")["resource"]["aws_eks_node_group"]["spot"]["count"] == 1);
      check_schema(app);
    }
  }
}

TEST_CASE(
    "the load balancer is internet-facing, redirects HTTP to HTTPS and forwards to port 8000") {
  App app{"compute"};
  const auto net = fake_network(app);
  app.stack<ComputeStack>("compute", props_for(net));
  const json resources = module_json(app, "compute")["resource"];
  const json& alb = resources["aws_lb"]["alb"];

  CHECK(alb["internal"] == false);
  CHECK(alb["load_balancer_type"] == "application");
  CHECK(alb["subnets"] == "${var.network_subnet_public_ids}");
  CHECK(alb["security_groups"] == json{"${var.network_security_group_alb_id}"});
  CHECK(alb["drop_invalid_header_fields"] == true);
  CHECK(alb["idle_timeout"] == 60);
  CHECK(alb["enable_deletion_protection"] == true);
  CHECK(alb["access_logs"] ==
        json{{"bucket", "detection-api-logs"}, {"prefix", "alb"}, {"enabled", true}});

  const json& http = resources["aws_lb_listener"]["alb_http"];
  CHECK(http["port"] == 80);
  CHECK(http["protocol"] == "HTTP");
  CHECK(http["default_action"] ==
        json{{"type", "redirect"},
             {"redirect", {{"port", "443"}, {"protocol", "HTTPS"}, {"status_code", "HTTP_301"}}}});

  const json& https = resources["aws_lb_listener"]["alb_https"];
  CHECK(https["port"] == 443);
  CHECK(https["protocol"] == "HTTPS");
  CHECK(https["certificate_arn"] == kCertificate);
  CHECK(https["ssl_policy"] == "ELBSecurityPolicy-TLS13-1-2-2021-06");
  CHECK(https["default_action"] ==
        json{{"type", "forward"}, {"target_group_arn", "${aws_lb_target_group.app.arn}"}});
  CHECK_FALSE(https.contains("count"));  // alb.https defaults to a literal true

  const json& target_group = resources["aws_lb_target_group"]["app"];
  CHECK(target_group["port"] == 8000);
  CHECK(target_group["protocol"] == "HTTP");
  CHECK(target_group["target_type"] == "ip");
  CHECK(target_group["vpc_id"] == "${var.network_vpc_main_id}");
  CHECK(target_group["deregistration_delay"] == "30");
  const json& health = target_group["health_check"];
  CHECK(health["path"] == "/health");
  CHECK(health["healthy_threshold"] == 2);
  CHECK(health["unhealthy_threshold"] == 2);
  CHECK(health["interval"] == 30);

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
      const json resources = module_json(app, "compute")["resource"];
      const json& http = resources["aws_lb_listener"]["alb_http"];
      CHECK(http["port"] == 80);
      CHECK(http["default_action"] ==
            json{{"type", "${var.alb_https ? \"redirect\" : \"forward\"}"},
                 {"target_group_arn", "${var.alb_https ? null : aws_lb_target_group.app.arn}"},
                 {"dynamic",
                  {{"redirect",
                    {{"for_each", "${var.alb_https ? [1] : []}"},
                     {"content",
                      {{"port", "443"}, {"protocol", "HTTPS"}, {"status_code", "HTTP_301"}}}}}}}});

      const json& https = resources["aws_lb_listener"]["alb_https"];
      CHECK(https["count"] == "${var.alb_https ? 1 : 0}");
      CHECK(https["certificate_arn"] == "${var.certificate_arn}");
      CHECK(https["default_action"] ==
            json{{"type", "forward"}, {"target_group_arn", "${aws_lb_target_group.app.arn}"}});
      const json variables = module_variables(app, "compute")["variable"];
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
      const json listeners = module_json(app, "compute")["resource"]["aws_lb_listener"];
      CHECK_FALSE(listeners.contains("alb_https"));
      const json& http = listeners["alb_http"];
      CHECK(http["port"] == 80);
      CHECK(http["protocol"] == "HTTP");
      CHECK(http["default_action"] ==
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
      const json templates = module_json(app, "compute")["resource"]["aws_launch_template"];
      for (const char* name : {"on_demand_nodes", "spot_nodes", "backend_template"}) {
        CHECK_MESSAGE(
            (templates[name]["monitoring"] == json{{"enabled", "${var.monitoring_detail}"}}), name);
      }
      CHECK(module_variables(app, "compute")["variable"].contains("monitoring_detail"));
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
      const json templates = module_json(app, "compute")["resource"]["aws_launch_template"];
      for (const char* name : {"on_demand_nodes", "spot_nodes", "backend_template"}) {
        CHECK_MESSAGE((templates[name]["monitoring"] == json{{"enabled", false}}), name);
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
  const json outputs = module_outputs(app, "compute")["output"];
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
    CHECK_MESSAGE(outputs[name]["value"] == value, name);
    CHECK_MESSAGE(!outputs[name]["description"].get<std::string>().empty(), name);
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
      const json alarm =
          module_json(app, "monitoring")["resource"]["aws_cloudwatch_metric_alarm"]["alb_5xx"];
      CHECK(alarm["dimensions"] == json{{"LoadBalancer", "${var.compute_alb_arn_suffix}"},
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
  const json& resources = doc["resource"];

  const json& lt = resources["aws_launch_template"]["backend_template"];
  CHECK(lt["metadata_options"]["http_tokens"] == "required");
  CHECK(lt["metadata_options"]["http_put_response_hop_limit"] == 1);
  CHECK(lt["block_device_mappings"]["ebs"]["encrypted"] == "true");
  CHECK(lt["block_device_mappings"]["ebs"]["volume_type"] == "gp3");
  CHECK(lt["iam_instance_profile"]["arn"] == "${aws_iam_instance_profile.backend_profile.arn}");
  CHECK(lt["image_id"] == "${data.aws_ssm_parameter.backend_ami.insecure_value}");
  CHECK(lt["vpc_security_group_ids"] == json{"${var.network_security_group_nodes_id}"});
  CHECK(lt["monitoring"] == json{{"enabled", true}});
  CHECK(resources["aws_iam_instance_profile"]["backend_profile"]["role"] ==
        "${aws_iam_role.backend_role.name}");

  const json& asg = resources["aws_autoscaling_group"]["backend"];
  CHECK(asg["vpc_zone_identifier"] == "${var.network_subnet_private_ids}");
  CHECK(asg["target_group_arns"] == json{"${aws_lb_target_group.app.arn}"});
  CHECK(asg["min_size"] == 2);
  CHECK(asg["max_size"] == 6);
  CHECK(asg["desired_capacity"] == 3);
  CHECK(asg["health_check_type"] == "ELB");
  CHECK(asg["launch_template"]["version"] ==
        "${aws_launch_template.backend_template.latest_version}");
  // Auto scaling registers instances, not IPs.
  CHECK(resources["aws_lb_target_group"]["app"]["target_type"] == "instance");
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
       .runtime = "nodejs20.x",
       .handler = "index.handler",
       .s3_bucket = "artifacts",
       .s3_key = "report.zip",
       .environment = Value::map({{"TABLE", "reports"}})},
  };
  auto& compute = app.stack<ComputeStack>("compute", std::move(props));
  const json doc = module_json(app, "compute");
  const json& resources = doc["resource"];

  const json& ingest = resources["aws_lambda_function"]["functions_ingest"];
  CHECK(ingest["function_name"] == "detection-api-ingest");
  CHECK(ingest["runtime"] == "python3.12");
  CHECK(ingest["handler"] == "app.handler");
  CHECK(ingest["filename"] == "build/ingest.zip");
  CHECK(ingest["tracing_config"] == json{{"mode", "Active"}});
  CHECK(ingest["role"] == "${aws_iam_role.functions_ingest_role.arn}");
  CHECK(ingest["logging_config"]["log_group"] ==
        "${aws_cloudwatch_log_group.functions_ingest_logs.name}");
  CHECK(resources["aws_cloudwatch_log_group"]["functions_ingest_logs"]["retention_in_days"] ==
        "${var.log_retention_days}");
  CHECK(resources["aws_iam_role_policy_attachment"]["functions_ingest_role"]["for_each"]
                 ["AWSLambdaBasicExecutionRole"] ==
        "arn:${data.aws_partition.functions_ingest_role.partition}:iam::aws:policy/service-role/"
        "AWSLambdaBasicExecutionRole");

  const json& report = resources["aws_lambda_function"]["functions_report"];
  CHECK(report["s3_bucket"] == "artifacts");
  CHECK(report["s3_key"] == "report.zip");
  CHECK(report["environment"]["variables"] == json{{"TABLE", "reports"}});

  CHECK(resources["aws_apigatewayv2_api"]["http_api"]["protocol_type"] == "HTTP");
  const json& stage = resources["aws_apigatewayv2_stage"]["http_api_stage"];
  CHECK(stage["name"] == "$default");
  CHECK(stage["access_log_settings"]["destination_arn"] ==
        "${aws_cloudwatch_log_group.http_api_logs.arn}");
  CHECK(resources["aws_apigatewayv2_route"]["functions_ingest_route"]["route_key"] ==
        "POST /ingest");
  CHECK(resources["aws_apigatewayv2_route"]["functions_report_route"]["route_key"] ==
        "ANY /report");
  CHECK(resources["aws_apigatewayv2_route"]["functions_ingest_route"]["target"] ==
        "integrations/${aws_apigatewayv2_integration.functions_ingest_integration.id}");
  CHECK(resources["aws_apigatewayv2_integration"]["functions_ingest_integration"]
                 ["integration_uri"] == "${aws_lambda_function.functions_ingest.invoke_arn}");
  const json& permission = resources["aws_lambda_permission"]["functions_ingest_invoke"];
  CHECK(permission["principal"] == "apigateway.amazonaws.com");
  CHECK(permission["source_arn"] == "${aws_apigatewayv2_api.http_api.execution_arn}/*/*");

  CHECK(module_outputs(app, "compute")["output"]["api_endpoint"]["value"] ==
        "${aws_apigatewayv2_api.http_api.api_endpoint}");
  CHECK_FALSE(compute.api_endpoint().is_null());
  check_schema(app);
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
            "vpc_id is required (e.g. net.vpc_id())",
            "private_subnet_ids is required (e.g. net.private_subnet_ids())",
            "public_subnet_ids is required (e.g. net.public_subnet_ids())",
            "node_security_group_id is required (e.g. net.node_security_group_id())",
            "alb_security_group_id is required (e.g. net.alb_security_group_id())",
            "eks.version must be a Kubernetes minor version like \"1.28\", got \"1.28.3\"",
            "on_demand.instance_types must name at least one instance type (e.g. \"t3.medium\")",
            "spot.instance_types must be a list of instance types, got a string",
            "alb.certificate_arn must be an ACM certificate ARN, got "
            "\"arn:aws:iam::111122223333:role/x\"",
            "alb.access_logs_bucket is required (e.g. storage.bucket_id(\"alb-logs\"))",
        });
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
            "function \"ingest\": runtime is required (e.g. \"python3.12\")",
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
