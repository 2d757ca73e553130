#include "backend_stack.h"

#include "stacks/props.h"

namespace finops_platform {

using namespace keelson;

BackendStack::BackendStack(Construct& scope, const Id& id, Props p) : Stack(scope, id) {
  const std::string name = p.name + "-backend";
  const Value partition = shared_data("aws_partition").attr("partition");
  const Value account = shared_data("aws_caller_identity").attr("account_id");

  // ---- Network: HTTPS from the clients, the port to the instances -------
  auto& alb_sg = resource("aws_security_group", "alb_sg")
                     .set("name", name + "-alb")
                     .set("description",
                          "Internal load balancer of the back end: HTTPS from the "
                          "front end's nodes.")
                     .set("vpc_id", p.vpc_id)
                     .set("tags", name_tags(name + "-alb"));
  auto rule = [&](const std::string& rule_id, const std::string& direction, const Value& group,
                  const std::string& description, int port, const Value& peer) -> Resource& {
    return resource("aws_vpc_security_group_" + direction + "_rule", rule_id)
        .set("security_group_id", group)
        .set("description", description)
        .set("ip_protocol", "tcp")
        .set("from_port", port)
        .set("to_port", port)
        .set("referenced_security_group_id", peer)
        .set("tags", name_tags(name + "-" + rule_id));
  };
  rule("alb_in_clients", "ingress", alb_sg.id(), "HTTPS from the front end's nodes.", 443,
       p.client_security_group_id);
  rule("alb_out_instances", "egress", alb_sg.id(), "The back end on its instances.", p.port,
       p.instance_security_group_id);
  rule("instances_in_alb", "ingress", p.instance_security_group_id,
       "The back end, from its internal load balancer.", p.port, alb_sg.id());

  // ---- Internal load balancer ---------------------------------------------
  auto& alb =
      resource("aws_lb", "alb")
          .set("name", name)
          .set("load_balancer_type", "application")
          .set("internal", true)
          .set("subnets", p.private_subnet_ids)
          .set("security_groups", Value::list({alb_sg.id()}))
          .set("drop_invalid_header_fields", true)
          .set("enable_deletion_protection", p.deletion_protection)
          .block("access_logs",
                 {{"bucket", p.access_logs_bucket}, {"prefix", "backend"}, {"enabled", true}})
          .set("tags", name_tags(name));
  auto& targets = resource("aws_lb_target_group", "targets")
                      .set("name_prefix", "bknd-")
                      .lifecycle({.create_before_destroy = true})
                      .set("port", p.port)
                      .set("protocol", "HTTP")
                      .set("target_type", "instance")
                      .set("vpc_id", p.vpc_id)
                      .set("deregistration_delay", "30")
                      .block("health_check", {{"enabled", true},
                                              {"path", p.health_check_path},
                                              {"protocol", "HTTP"},
                                              {"port", "traffic-port"},
                                              {"matcher", "200"},
                                              {"healthy_threshold", 2},
                                              {"unhealthy_threshold", 2},
                                              {"interval", 30},
                                              {"timeout", 5}})
                      .set("tags", name_tags(name));
  resource("aws_lb_listener", "https")
      .set("load_balancer_arn", alb.arn())
      .set("port", 443)
      .set("protocol", "HTTPS")
      .set("ssl_policy", p.ssl_policy)
      .set("certificate_arn", p.certificate_arn)
      .block("default_action", {{"type", "forward"}, {"target_group_arn", targets.arn()}})
      .set("tags", name_tags(name + "-https"));

  // ---- Instances ----------------------------------------------------------
  std::vector<PolicyStatement> permissions = std::move(p.permissions);
  auto& role = add<IamRole>(
      "role",
      IamRoleProps{.description = "EC2 instances of the " + p.name + " back end.",
                   .trust = trust_services({"ec2.amazonaws.com"}),
                   .managed_policy_arns = {"arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore",
                                           "arn:aws:iam::aws:policy/CloudWatchAgentServerPolicy"},
                   .inline_policy = std::move(permissions),
                   .permissions_boundary = p.permissions_boundary});
  role.role().set("tags", name_tags(name));
  auto& profile = resource("aws_iam_instance_profile", "profile")
                      .set("name", name)
                      .set("role", role.name())
                      .set("tags", name_tags(name));
  // Auto scaling launches instances with its service-linked role, which needs
  // the volumes' key: a grant, as the EC2 Auto Scaling guide describes.
  auto& grant =
      resource("aws_kms_grant", "autoscaling")
          .set("name", name + "-volumes")
          .set("key_id", p.kms_key_arn)
          .set("grantee_principal", str("arn:", partition, ":iam::", account,
                                        ":role/aws-service-role/autoscaling.amazonaws.com/"
                                        "AWSServiceRoleForAutoScaling"))
          .set("operations",
               Value::list({"Encrypt", "Decrypt", "ReEncryptFrom", "ReEncryptTo", "GenerateDataKey",
                            "GenerateDataKeyWithoutPlaintext", "DescribeKey", "CreateGrant"}));
  const Value ami = data("aws_ssm_parameter", "ami")
                        .set("name",
                             "/aws/service/ami-amazon-linux-latest/"
                             "al2023-ami-kernel-default-x86_64")
                        .attr("insecure_value");
  auto& launch_template =
      resource("aws_launch_template", "template")
          .set("name_prefix", name + "-")
          .set("description", "EC2 instances of the " + p.name + " back end.")
          .set("image_id", ami)
          .set("instance_type", p.instance_type)
          .set("update_default_version", true)
          .set("vpc_security_group_ids", Value::list({p.instance_security_group_id}))
          .block("iam_instance_profile", {{"arn", profile.arn()}})
          // IMDSv2 only; hop limit 1: nothing in containers needs the role.
          .block("metadata_options", {{"http_endpoint", "enabled"},
                                      {"http_tokens", "required"},
                                      {"http_put_response_hop_limit", 1}})
          .block("block_device_mappings",
                 {{"device_name", "/dev/xvda"},
                  {"ebs", Value::map({{"volume_size", p.volume_size},
                                      {"volume_type", "gp3"},
                                      {"encrypted", "true"},
                                      {"kms_key_id", p.kms_key_arn},
                                      {"delete_on_termination", "true"}})}})
          .block("monitoring", {{"enabled", p.detailed_monitoring}})
          .block("tag_specifications", {{"resource_type", "instance"}, {"tags", name_tags(name)}})
          .block("tag_specifications", {{"resource_type", "volume"}, {"tags", name_tags(name)}})
          .set("tags", name_tags(name));
  auto& group = resource("aws_autoscaling_group", "group")
                    .set("name", name)
                    .set("min_size", p.min_size)
                    .set("max_size", p.max_size)
                    .set("desired_capacity", p.desired_capacity)
                    .set("vpc_zone_identifier", p.private_subnet_ids)
                    .set("target_group_arns", Value::list({targets.arn()}))
                    // The load balancer's health check decides: an instance that stops
                    // answering /health is replaced, not only one that stops running.
                    .set("health_check_type", "ELB")
                    .set("health_check_grace_period", 300)
                    .block("launch_template", {{"id", launch_template.id()},
                                               {"version", launch_template.attr("latest_version")}})
                    .block("instance_refresh",
                           {{"strategy", "Rolling"},
                            {"preferences", Value::map({{"min_healthy_percentage", 50}})}})
                    .block("tag", {{"key", "Name"}, {"value", name}, {"propagate_at_launch", true}})
                    .depends_on(grant);
  for (Resource* permission : role.permissions()) group.depends_on(*permission);
  // Scale on CPU: the back end is compute-bound (report generation).
  resource("aws_autoscaling_policy", "cpu")
      .set("name", name + "-cpu")
      .set("autoscaling_group_name", group.attr("name"))
      .set("policy_type", "TargetTrackingScaling")
      .block("target_tracking_configuration",
             {{"target_value", 60},
              {"predefined_metric_specification",
               Value::map({{"predefined_metric_type", "ASGAverageCPUUtilization"}})}});

  endpoint_ = alb.attr("dns_name");
  group_name_ = group.attr("name");
  alb_arn_suffix_ = alb.attr("arn_suffix");
  target_group_arn_suffix_ = targets.attr("arn_suffix");
  output("endpoint", endpoint_,
         {.description = "DNS name of the back end's internal HTTPS load balancer."});
  output("auto_scaling_group_name", group_name_,
         {.description = "Auto scaling group of the back end."});
}

}  // namespace finops_platform
