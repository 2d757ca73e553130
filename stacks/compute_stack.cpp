#include "stacks/compute_stack.h"

#include <fmt/core.h>

#include <string_view>
#include <utility>

#include "dsl/expression.h"
#include "stacks/compute_props.h"
#include "stacks/iam.h"
#include "stacks/kms_key.h"
#include "stacks/log_retention.h"
#include "stacks/props.h"

namespace keelson {
namespace {

// The cluster's `vpc_config`: private endpoint access always, public access
// only for the given CIDR blocks. An empty list means no public endpoint; with
// a parameter the module decides per environment from the list's length.
Value::Map endpoint_access(const Value& subnet_ids, const Value& cidrs) {
  Value::Map config{{"subnet_ids", subnet_ids}, {"endpoint_private_access", true}};
  if (cidrs.contains_expr()) {
    const Value is_public = gt(fn::length(cidrs), 0);
    config.emplace("endpoint_public_access", is_public);
    config.emplace("public_access_cidrs", when(is_public, cidrs, nullptr));
  } else if (cidrs.kind() == Value::Kind::kList && !cidrs.as_list().empty()) {
    config.emplace("endpoint_public_access", true);
    config.emplace("public_access_cidrs", cidrs);
  } else {
    config.emplace("endpoint_public_access", false);
  }
  return config;
}

// SHA-1 of the root CA certificate behind every EKS OIDC issuer, as AWS
// documents it. There is no TLS provider to read it, and no AWS data source
// computes it; IAM verifies EKS issuers against its own trusted CAs anyway, so
// the value only has to be a well-formed thumbprint.
constexpr const char* kEksOidcRootCaThumbprint = "9e99a48a9960b14926bb7f3b02e22da2b0ab7280";

constexpr const char* kManagedPolicyPrefix = "arn:aws:iam::aws:policy/";

// The 5 control-plane log types EKS has.
const Value::List& cluster_log_types() {
  static const Value::List kTypes = {"api", "audit", "authenticator", "controllerManager",
                                     "scheduler"};
  return kTypes;
}

std::string managed_policy(std::string_view name) {
  return std::string(kManagedPolicyPrefix) + std::string(name);
}

// The `for_each` attachments of an IamRole, so dependents can wait for them.
Resource& policy_attachments(IamRole& role) {
  return dynamic_cast<Resource&>(role.node().find_child("managed"));
}

}  // namespace

ComputeStack::ComputeStack(Construct& scope, const Id& id, Props props)
    : Stack(scope, id),
      provider_alias_(props.addons.provider_alias),
      kubernetes_role_arn_(props.addons.kubernetes_role_arn) {
  auto problems = detail::check_compute_props(props);
  if (!problems.empty()) {
    node().add_validation([problems = std::move(problems)] { return problems; });
  }
  if (props.eks.enabled) {
    add_cluster(props);
    add_node_groups(props);
  }
  if (props.alb.enabled) add_load_balancer(props);
  add_ec2_backend(props);
  add_functions(props);
  if (props.eks.enabled) {
    add_addons(props);
    add_cluster_outputs(props);
  }
  if (props.alb.enabled) add_load_balancer_outputs();
  if (!api_endpoint_.is_null()) {
    output("api_endpoint", api_endpoint_, {.description = "Invoke URL of the HTTP API."});
    output("api_id", api_id_, {.description = "ID of the HTTP API, the ApiId metric dimension."});
  }
}

void ComputeStack::add_cluster_outputs(const Props& props) {
  output("cluster_name", cluster_name_, {.description = "Name of the EKS cluster."});
  output("cluster_endpoint", cluster_endpoint_,
         {.description = "HTTPS endpoint of the Kubernetes API server."});
  output("cluster_certificate_authority", cluster_certificate_authority_,
         {.description = "Base64-encoded certificate authority data of the Kubernetes API."});
  output("cluster_region", cluster_region_, {.description = "Region of the EKS cluster."});
  output("cluster_security_group_id", cluster_security_group_id_,
         {.description = "ID of the security group EKS created for the control plane and nodes."});
  output("oidc_provider_arn", oidc_provider_arn_,
         {.description = "ARN of the cluster's IAM OIDC provider (IAM roles for service "
                         "accounts)."});
  output("oidc_issuer", oidc_issuer_,
         {.description = "URL of the cluster's OIDC issuer, for the trust policies of IAM roles "
                         "for service accounts."});
  output("node_role_arn", node_role_arn_, {.description = "ARN of the EKS nodes' IAM role."});
  output("kubernetes_version", cluster_version_,
         {.description = "Kubernetes version of the EKS control plane.",
          .expect = props.eks.version});
}

void ComputeStack::add_load_balancer_outputs() {
  output("alb_arn_suffix", alb_arn_suffix_,
         {.description = "ARN suffix of the load balancer, the LoadBalancer metric dimension."});
  output("alb_dns_name", alb_dns_name_, {.description = "DNS name of the load balancer."});
  output("alb_zone_id", alb_zone_id_,
         {.description = "Route 53 hosted zone of the load balancer, for alias records."});
  output("target_group_arn", target_group_arn_,
         {.description = "ARN of the application's target group."});
  output("target_group_arn_suffix", target_group_arn_suffix_,
         {.description = "ARN suffix of the target group, the TargetGroup metric dimension."});
}

void ComputeStack::add_cluster(const Props& p) {
  auto& key = add<KmsKey>(
      "cluster_secrets",
      KmsKeyProps{
          .description = fmt::format("Encrypts the Kubernetes secrets of EKS cluster {}.", p.name),
          .alias = fmt::format("alias/{}-eks-secrets", p.name)});
  key.key().set("tags", name_tags(p.name + "-eks-secrets"));

  auto& role = add<IamRole>(
      "cluster_role",
      IamRoleProps{
          .description = fmt::format("EKS control plane of {}.", p.name),
          .trust = trust_services({"eks.amazonaws.com"}),
          .managed_policy_arns = {managed_policy("AmazonEKSClusterPolicy")},
          .inline_policy = {PolicyStatement{
              .sid = "SecretsEncryption",
              .actions = {"kms:Encrypt", "kms:Decrypt", "kms:ListGrants", "kms:DescribeKey"},
              .resources = {key.arn()}}},
          .permissions_boundary = p.permissions_boundary,
      });
  role.role().set("tags", name_tags(p.name + "-eks-cluster"));

  // Created here so it has a retention; EKS would create it without one.
  auto& logs = resource("aws_cloudwatch_log_group", "cluster_logs")
                   .set("name", fmt::format("/aws/eks/{}/cluster", p.name))
                   .set("retention_in_days", p.log_retention_days)
                   .set("tags", name_tags(p.name + "-eks-cluster"))
                   .suppress("CKV_AWS_158", kLogKeyReason);

  cluster_ = &resource("aws_eks_cluster", "cluster")
                  .set("name", p.name)
                  .set("version", p.eks.version)
                  .set("role_arn", role.arn())
                  .set("enabled_cluster_log_types", cluster_log_types())
                  .block("vpc_config", endpoint_access(p.private_subnet_ids,
                                                       p.eks.public_access_cidrs))
                  .block("encryption_config", {{"resources", Value::list({"secrets"})},
                                               {"provider", Value::map({{"key_arn", key.arn()}})}})
                  .block("access_config", {{"authentication_mode", "API"},
                                           {"bootstrap_cluster_creator_admin_permissions", true}})
                  .set("tags", name_tags(p.name))
                  .depends_on(logs)
                  // Deleting the policies before the cluster would strand its ENIs.
                  .depends_on(policy_attachments(role));

  cluster_name_ = cluster_->attr("name");
  cluster_endpoint_ = cluster_->attr("endpoint");
  cluster_security_group_id_ = cluster_->attr("vpc_config[0].cluster_security_group_id");
  cluster_version_ = cluster_->attr("version");
  cluster_certificate_authority_ = cluster_->attr("certificate_authority[0].data");
  cluster_region_ = cluster_->attr("region");
  oidc_issuer_ = cluster_->attr("identity[0].oidc[0].issuer");

  auto& oidc = resource("aws_iam_openid_connect_provider", "cluster_oidc")
                   .set("url", oidc_issuer_)
                   .set("client_id_list", Value::list({"sts.amazonaws.com"}))
                   .set("thumbprint_list", Value::list({kEksOidcRootCaThumbprint}))
                   .set("tags", name_tags(p.name + "-eks-oidc"));
  oidc_provider_arn_ = oidc.arn();
}

void ComputeStack::add_node_groups(const Props& p) {
  auto& role = add<IamRole>(
      "node_role", IamRoleProps{
                       .description = fmt::format("EKS nodes of {}.", p.name),
                       .trust = trust_services({"ec2.amazonaws.com"}),
                       .managed_policy_arns = {managed_policy("AmazonEKSWorkerNodePolicy"),
                                               managed_policy("AmazonEKS_CNI_Policy"),
                                               managed_policy("AmazonEC2ContainerRegistryReadOnly"),
                                               managed_policy("AmazonSSMManagedInstanceCore"),
                                               managed_policy("CloudWatchAgentServerPolicy")},
                       .permissions_boundary = p.permissions_boundary,
                   });
  role.role().set("tags", name_tags(p.name + "-eks-node"));
  node_role_arn_ = role.arn();
  Resource& attachments = policy_attachments(role);

  struct Group {
    std::string id;     // construct id of the node group; its launch template adds `_nodes`
    std::string label;  // in AWS names and the `lifecycle` label
    std::string capacity_type;
    Value count;  // null: always there
    Value min_size, max_size, desired_size, instance_types, disk_size;
  };
  Value spot_count = one_if(p.spot.enabled);
  const Group groups[] = {
      {"on_demand", "on-demand", "ON_DEMAND", nullptr, p.on_demand.min_size, p.on_demand.max_size,
       p.on_demand.desired_size, p.on_demand.instance_types, p.on_demand.disk_size},
      {"spot", "spot", "SPOT", spot_count, p.spot.min_size, p.spot.max_size, p.spot.desired_size,
       p.spot.instance_types, p.spot.disk_size},
  };
  for (const Group& g : groups) {
    const std::string prefix = fmt::format("{}-{}-", p.name, g.label);
    // A launch template puts the node security group (and the cluster's, which
    // EKS then no longer adds itself) on the nodes, requires IMDSv2 and
    // encrypts the root volume. Hop limit 2: node daemons in containers (CNI,
    // CloudWatch agent) use the node role; application pods use IRSA.
    auto& launch_template =
        resource("aws_launch_template", g.id + "_nodes")
            .set("name_prefix", prefix)
            .set("description", fmt::format("EKS {} nodes of {}.", g.label, p.name))
            .set("update_default_version", true)
            .set("vpc_security_group_ids",
                 Value::list({p.node_security_group_id, cluster_security_group_id_}))
            .block("metadata_options", {{"http_endpoint", "enabled"},
                                        {"http_tokens", "required"},
                                        {"http_put_response_hop_limit", 2}})
            .suppress("CKV_AWS_341", "Hop limit 2: node daemons in containers (VPC CNI, "
                                     "CloudWatch agent) use the node role; pods use IRSA")
            .block("block_device_mappings",
                   {{"device_name", "/dev/xvda"},
                    {"ebs", Value::map({{"volume_size", g.disk_size},
                                        {"volume_type", "gp3"},
                                        {"encrypted", "true"},
                                        {"delete_on_termination", "true"}})}})
            .block("monitoring", {{"enabled", p.detailed_monitoring}})
            .block("tag_specifications",
                   {{"resource_type", "instance"}, {"tags", name_tags(prefix + "node")}})
            .block("tag_specifications",
                   {{"resource_type", "volume"}, {"tags", name_tags(prefix + "node")}})
            .set("tags", name_tags(prefix + "node"));
    auto& group = resource("aws_eks_node_group", g.id);
    Value template_id = launch_template.id();
    Value template_version = launch_template.attr("latest_version");
    if (!g.count.is_null()) {
      launch_template.count(g.count);
      group.count(g.count);
      template_id = launch_template.at(count_index()).attr("id");
      template_version = launch_template.at(count_index()).attr("latest_version");
    }
    group.set("cluster_name", cluster_name_)
        .set("node_group_name_prefix", prefix)
        .set("version", cluster_version_)
        .set("node_role_arn", role.arn())
        .set("subnet_ids", p.private_subnet_ids)
        .set("capacity_type", g.capacity_type)
        .set("instance_types", g.instance_types)
        .set("labels", Value::map({{"lifecycle", g.label}}))
        .block(
            "scaling_config",
            {{"min_size", g.min_size}, {"max_size", g.max_size}, {"desired_size", g.desired_size}})
        .block("launch_template", {{"id", template_id}, {"version", template_version}})
        .block("update_config", {{"max_unavailable", 1}})
        .set("tags", name_tags(prefix + "nodes"))
        // Replaced groups come up before the old ones go; the cluster
        // autoscaler owns the desired size once the group exists.
        .lifecycle(
            {.create_before_destroy = true, .ignore_changes = {"scaling_config[0].desired_size"}})
        .depends_on(attachments);
    if (g.capacity_type == "SPOT") {
      group.block("taint", {{"key", "spot"}, {"value", "true"}, {"effect", "NO_SCHEDULE"}});
    } else {
      on_demand_nodes_ = &group;
    }
  }
}

void ComputeStack::add_load_balancer(const Props& p) {
  auto& alb = resource("aws_lb", "alb")
                  .set("name", p.name + "-alb")
                  .set("load_balancer_type", "application")
                  .set("internal", false)
                  .set("subnets", p.public_subnet_ids)
                  .set("security_groups", Value::list({p.alb_security_group_id}))
                  .set("drop_invalid_header_fields", true)
                  .set("idle_timeout", 60)
                  .set("enable_deletion_protection", p.alb.deletion_protection)
                  .block("access_logs", {{"bucket", p.alb.access_logs_bucket},
                                         {"prefix", p.alb.access_logs_prefix},
                                         {"enabled", true}})
                  .set("tags", name_tags(p.name + "-alb"))
                  .suppress("CKV2_AWS_28", "No web ACL in the reference architecture: attach one "
                                           "with aws_wafv2_web_acl_association from another stack");
  alb_arn_suffix_ = alb.attr("arn_suffix");
  alb_dns_name_ = alb.attr("dns_name");
  alb_zone_id_ = alb.attr("zone_id");

  // Pods are registered by IP (AWS Load Balancer Controller); an auto scaling
  // group can only register instances.
  // A name prefix (at most 6 characters) and create_before_destroy: a change
  // that replaces the group creates the new one, moves the listeners, then
  // deletes the old one, which a fixed name would forbid.
  target_group_ = &resource("aws_lb_target_group", "app")
                       .set("name_prefix", p.name.substr(0, 5) + "-")
                       .lifecycle({.create_before_destroy = true})
                       .set("port", p.alb.target_port)
                       .set("protocol", "HTTP")
                       .set("target_type", p.ec2.enabled ? "instance" : "ip")
                       .set("vpc_id", p.vpc_id)
                       .set("deregistration_delay", "30")
                       .block("health_check", {{"enabled", true},
                                               {"path", p.alb.health_check_path},
                                               {"protocol", "HTTP"},
                                               {"port", "traffic-port"},
                                               {"matcher", "200"},
                                               {"healthy_threshold", 2},
                                               {"unhealthy_threshold", 2},
                                               {"interval", 30},
                                               {"timeout", 5}})
                       .set("tags", name_tags(p.name + "-app"));
  target_group_arn_ = target_group_->arn();
  target_group_arn_suffix_ = target_group_->attr("arn_suffix");

  // HTTP redirects to HTTPS when it is on and forwards to the target group
  // when it is off. With a parameter one module does both: the action's type,
  // its `redirect` block and its target group all follow the value.
  const Value& https = p.alb.https;
  const Value redirect =
      Value::map({{"port", "443"}, {"protocol", "HTTPS"}, {"status_code", "HTTP_301"}});
  Value::Map http_action;
  if (https.is_expr()) {
    http_action = {
        {"type", when(https, "redirect", "forward")},
        {"target_group_arn", when(https, nullptr, target_group_->arn())},
        {"dynamic",
         Value::map(
             {{"redirect", Value::map({{"for_each", when(https, Value::list({1}), Value::list({}))},
                                       {"content", redirect}})}})}};
  } else if (literal_false(https)) {
    http_action = {{"type", "forward"}, {"target_group_arn", target_group_->arn()}};
  } else {
    http_action = {{"type", "redirect"}, {"redirect", redirect}};
  }
  resource("aws_lb_listener", "alb_http")
      .set("load_balancer_arn", alb.arn())
      .set("port", 80)
      .set("protocol", "HTTP")
      .block("default_action", std::move(http_action))
      .set("tags", name_tags(p.name + "-alb-http"));

  // Not declared at all when HTTPS is off in every environment.
  if (literal_false(https)) return;
  auto& https_listener = resource("aws_lb_listener", "alb_https")
                             .set("load_balancer_arn", alb.arn())
                             .set("port", 443)
                             .set("protocol", "HTTPS")
                             .set("ssl_policy", p.alb.ssl_policy)
                             .set("certificate_arn", p.alb.certificate_arn)
                             .block("default_action", {{"type", "forward"},
                                                       {"target_group_arn", target_group_->arn()}})
                             .set("tags", name_tags(p.name + "-alb-https"));
  if (https.is_expr()) https_listener.count(when(https, 1, 0));
}

void ComputeStack::add_ec2_backend(const Props& p) {
  // Without the load balancer's target group the props check reports it.
  if (!p.ec2.enabled || target_group_ == nullptr) return;
  const std::string name = p.name + "-backend";
  Value ami = p.ec2.ami_id;
  if (ami.is_null()) {
    // `insecure_value`: an AMI ID is no secret, and `value` would hide it in plans.
    ami = data("aws_ssm_parameter", "backend_ami")
              .set("name", "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64")
              .attr("insecure_value");
  }
  auto& role = add<IamRole>(
      "backend_role", IamRoleProps{
                          .description = fmt::format("EC2 backend instances of {}.", p.name),
                          .trust = trust_services({"ec2.amazonaws.com"}),
                          .managed_policy_arns = {managed_policy("AmazonSSMManagedInstanceCore"),
                                                  managed_policy("CloudWatchAgentServerPolicy")},
                          .permissions_boundary = p.permissions_boundary,
                      });
  role.role().set("tags", name_tags(name));
  auto& profile = resource("aws_iam_instance_profile", "backend_profile")
                      .set("name", name)
                      .set("role", role.name())
                      .set("tags", name_tags(name));
  auto& launch_template =
      resource("aws_launch_template", "backend_template")
          .set("name_prefix", name + "-")
          .set("description", fmt::format("EC2 backend instances of {}.", p.name))
          .set("image_id", ami)
          .set("instance_type", p.ec2.instance_type)
          .set("update_default_version", true)
          .set("vpc_security_group_ids", Value::list({p.node_security_group_id}))
          .block("iam_instance_profile", {{"arn", profile.arn()}})
          // Hop limit 1: nothing in containers on these hosts needs the role.
          .block("metadata_options", {{"http_endpoint", "enabled"},
                                      {"http_tokens", "required"},
                                      {"http_put_response_hop_limit", 1}})
          .block("block_device_mappings",
                 {{"device_name", "/dev/xvda"},
                  {"ebs", Value::map({{"volume_size", p.ec2.volume_size},
                                      {"volume_type", "gp3"},
                                      {"encrypted", "true"},
                                      {"delete_on_termination", "true"}})}})
          .block("monitoring", {{"enabled", p.detailed_monitoring}})
          .block("tag_specifications", {{"resource_type", "instance"}, {"tags", name_tags(name)}})
          .block("tag_specifications", {{"resource_type", "volume"}, {"tags", name_tags(name)}})
          .set("tags", name_tags(name));
  if (!p.ec2.user_data.is_null()) launch_template.set("user_data", p.ec2.user_data);

  resource("aws_autoscaling_group", "backend")
      .set("name", name)
      .set("min_size", p.ec2.min_size)
      .set("max_size", p.ec2.max_size)
      .set("desired_capacity", p.ec2.desired_capacity)
      .set("vpc_zone_identifier", p.private_subnet_ids)
      .set("target_group_arns", Value::list({target_group_->arn()}))
      .set("health_check_type", "ELB")
      .set("health_check_grace_period", 300)
      .block("launch_template",
             {{"id", launch_template.id()}, {"version", launch_template.attr("latest_version")}})
      .block("instance_refresh", {{"strategy", "Rolling"},
                                  {"preferences", Value::map({{"min_healthy_percentage", 50}})}})
      .block("tag", {{"key", "Name"}, {"value", name}, {"propagate_at_launch", true}});
}

}  // namespace keelson
