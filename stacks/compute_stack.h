#ifndef KEELSON_STACKS_COMPUTE_STACK_H_
#define KEELSON_STACKS_COMPUTE_STACK_H_

#include <map>
#include <source_location>
#include <string>
#include <vector>

#include "dsl/construct.h"
#include "dsl/provider.h"
#include "dsl/resource.h"
#include "dsl/stack.h"
#include "dsl/value.h"
#include "stacks/eks_version.h"
#include "stacks/iam.h"

namespace keelson {

/// The EKS control plane of a `ComputeStack`.
struct EksClusterOptions {
  /// Whether the stack has a cluster at all (with its node groups, add-ons and
  /// Kubernetes providers); a literal. Off for a stack of Lambda functions.
  bool enabled = true;
  /// Kubernetes minor version, e.g. "1.36"; the node groups follow it. A
  /// literal must be one EKS still creates (`eks_creatable_versions()`); give a
  /// parameter with `.allowed = eks_version_choices()` to choose per environment.
  Value version = std::string(kEksDefaultVersion);
  /// IPv4 CIDR blocks that may reach the public API endpoint, e.g. the
  /// addresses Terraform runs from. Empty (the default): no public endpoint,
  /// the API is reachable only from the VPC (private endpoint access is
  /// always on). A `list(string)` parameter decides per environment.
  Value public_access_cidrs = Value::list({});
};

/// The on-demand EKS managed node group of a `ComputeStack`.
struct EksNodeGroupOptions {
  Value min_size = 3;      ///< fewest nodes
  Value max_size = 10;     ///< most nodes
  Value desired_size = 3;  ///< nodes at creation (the cluster autoscaler owns it later)
  /// EC2 instance types, a non-empty list.
  Value instance_types = Value::list({"t3.medium", "t3a.medium"});
  Value disk_size = 50;  ///< root volume in GiB (encrypted gp3)
};

/// The spot EKS managed node group of a `ComputeStack`, tainted `spot=true:NoSchedule`.
/// A struct of its own (not `EksNodeGroupOptions` with other defaults) so that
/// `.spot = {.enabled = p}` keeps the spot defaults: a designated initializer
/// replaces a member's default initializer as a whole.
struct EksSpotNodeGroupOptions {
  /// Whether the group exists: a literal bool or a bool parameter (drives `count`).
  Value enabled = false;
  Value min_size = 1;      ///< fewest nodes
  Value max_size = 10;     ///< most nodes
  Value desired_size = 1;  ///< nodes at creation (the cluster autoscaler owns it later)
  /// EC2 instance types, a non-empty list; several spread the spot interruptions.
  Value instance_types = Value::list({"t3.medium", "t3a.medium"});
  Value disk_size = 50;  ///< root volume in GiB (encrypted gp3)
};

/// The internet-facing application load balancer of a `ComputeStack`.
struct AlbOptions {
  /// Whether the stack has the load balancer and its target group; a
  /// literal. The EC2 backend needs it; an HTTP API of functions does not.
  bool enabled = true;
  /// Whether to serve HTTPS: a literal bool or a bool parameter. When true,
  /// HTTP (port 80) redirects to HTTPS (443), which forwards to the target
  /// group; when false there is no HTTPS listener and HTTP forwards to the
  /// target group. Turn off only where plain HTTP is acceptable (dev).
  Value https = true;
  /// ARN of the ACM certificate of the HTTPS listener; required when `https`
  /// is a literal true. With a parameter for `https`, it may be a parameter
  /// that is empty where HTTPS is off (it is set on the HTTPS listener only).
  Value certificate_arn{};
  /// TLS policy of the HTTPS listener.
  Value ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06";
  /// Name of the S3 bucket receiving access logs (it needs the ELB log
  /// delivery bucket policy); required.
  Value access_logs_bucket{};
  /// Key prefix of the access logs in that bucket.
  Value access_logs_prefix = "alb";
  /// Refuse to delete the load balancer: a literal bool or a bool parameter,
  /// the per-environment switch (turn off only for throwaway environments).
  Value deletion_protection = true;
  /// Port the application listens on behind the load balancer.
  Value target_port = 8000;
  /// Path of the target group's health check.
  Value health_check_path = "/health";
};

/// The optional EC2 backend of a `ComputeStack`: an auto scaling group behind the ALB.
struct Ec2BackendOptions {
  /// Whether to create it; a literal because it changes the target group's
  /// target type (instances instead of pod IPs).
  bool enabled = false;
  Value instance_type = "t3.medium";  ///< EC2 instance type
  /// AMI ID; null for the latest Amazon Linux 2023 (public SSM parameter).
  Value ami_id{};
  Value min_size = 2;          ///< fewest instances
  Value max_size = 4;          ///< most instances
  Value desired_capacity = 2;  ///< instances at creation
  Value volume_size = 30;      ///< root volume in GiB (encrypted gp3)
  /// Base64-encoded user data; null for none. Never put secrets in it.
  Value user_data{};
};

/// What runs in the EKS cluster of a `ComputeStack` besides the
/// applications, and how Terraform reaches the cluster's API.
struct EksAddonsOptions {
  /// The AWS Load Balancer Controller (Helm chart 1.13.3, controller v2.13.3,
  /// in `kube-system`, with an IRSA role carrying the controller's published
  /// IAM policy). It registers pods in the stack's target group through a
  /// chart's TargetGroupBinding, and serves Ingress and LoadBalancer Services.
  bool load_balancer_controller = true;
  /// Container Insights: the `amazon-cloudwatch-observability` EKS add-on
  /// (CloudWatch agent and Fluent Bit) with an IRSA role, so the cluster's
  /// CPU and memory metrics (and the monitoring stack's EKS alarms) have data.
  bool container_insights = true;
  /// Version of that add-on, e.g. "v4.1.0-eksbuild.1"; null: the default
  /// EKS picks for the cluster's Kubernetes version.
  Value container_insights_version{};
  /// Alias of the `helm` and `kubernetes` provider configurations this
  /// cluster declares on the App; empty: the default ones. A second cluster
  /// in the same app needs one.
  std::string provider_alias{};
  /// IAM role `aws eks get-token` assumes (`--role-arn`) when Terraform talks
  /// to the cluster. The exec plugin runs with the credentials of the shell
  /// Terraform runs in, not with the role the AWS provider assumes; the
  /// cluster grants admin access to its creator (that role). Give the role
  /// of the environment's `assume_role` (a parameter), or null when Terraform
  /// runs with the role's own credentials.
  Value kubernetes_role_arn{};
};

/// The provider configurations that reach a cluster's Kubernetes API.
struct KubernetesProviders {
  const Provider* helm = nullptr;        ///< `hashicorp/helm` `~> 3.1`
  const Provider* kubernetes = nullptr;  ///< `hashicorp/kubernetes` `~> 2.38`
};

/// One Lambda function of a `ComputeStack`, served by the HTTP API.
struct LambdaFunctionOptions {
  /// Short name: the construct id and the suffix of the AWS function name;
  /// matches [a-z][a-z0-9_-]*.
  std::string name{};
  Value runtime{};  ///< required, e.g. "python3.12"
  Value handler{};  ///< required, e.g. "app.handler"
  /// Path of a local deployment package; or give `s3_bucket` and `s3_key`.
  Value filename{};
  Value s3_bucket{};        ///< bucket of the deployment package
  Value s3_key{};           ///< key of the deployment package
  Value memory_size = 256;  ///< MiB
  Value timeout = 30;       ///< seconds
  /// Environment variables, a map of strings; null for none. Reference
  /// secrets by ARN or name, never by value.
  Value environment{};
  /// The HTTP API route; empty for "ANY /<name>".
  std::string route{};
  /// Run in the stack's private subnets with `node_security_group_id` (which
  /// the network stack lets reach the databases); off: outside the VPC.
  bool in_vpc = false;
  /// What the function may do besides writing its logs and traces, e.g.
  /// `secret.read_statement()`: the inline policy of its role.
  std::vector<PolicyStatement> statements{};
  /// Concurrent executions reserved for the function, which are also the
  /// most it runs (a runaway caller cannot starve the others); null: none.
  Value reserved_concurrency{};
  /// Who may call the route: "AWS_IAM" (requests signed by an IAM
  /// principal), "JWT" (a token the API's JWT authorizer accepts, see
  /// `HttpApiOptions`) or "NONE" (anyone, e.g. a health check).
  std::string authorization = "AWS_IAM";
  /// A customer-managed key encrypting the environment variables (the role
  /// may then decrypt with it); null: Lambda's own key.
  Value kms_key_arn{};
  /// A code signing configuration: Lambda then deploys only packages signed
  /// by its signing profiles; null: none.
  Value code_signing_config_arn{};
};

/// The HTTP API in front of the functions of a `ComputeStack`.
struct HttpApiOptions {
  /// Issuer of the tokens of the JWT authorizer, an https URL (e.g. a
  /// Cognito user pool's `https://cognito-idp.<region>.amazonaws.com/<id>`);
  /// null: no authorizer, and no function may ask for "JWT".
  Value jwt_issuer{};
  /// Audiences a token must carry (`aud`), a list of strings; required with the issuer.
  Value jwt_audience{};
};

/// Compute for the application: an EKS cluster (secrets encrypted with a KMS
/// key, every control-plane log type, an OIDC provider for IAM roles for
/// service accounts) with on-demand and optional spot managed node groups and
/// add-ons (the AWS Load Balancer Controller, Container Insights), an
/// internet-facing ALB (HTTP redirected to HTTPS unless HTTPS is switched
/// off, a target group for the application), an optional EC2 auto scaling
/// backend and optional Lambda functions behind an HTTP API. It declares the
/// `helm` and `kubernetes` providers configured from the cluster
/// (`kubernetes_providers()`). Without the cluster and the load balancer
/// (`eks.enabled`, `alb.enabled`) it is a serverless stack: functions, each
/// served through its `live` alias (blue/green between published versions).
///
/// The network comes from the network stack as values:
/// ```cpp
/// auto& compute = app.stack<ComputeStack>("compute", {
///     .name = "detection-api",
///     .vpc_id = net.vpc_id(),
///     .private_subnet_ids = net.private_subnet_ids(),
///     .public_subnet_ids = net.public_subnet_ids(),
///     .node_security_group_id = net.node_security_group_id(),
///     .alb_security_group_id = net.alb_security_group_id(),
///     .spot = {.enabled = spot_param},
///     .alb = {.https = https_param,
///             .certificate_arn = cert_param,
///             .access_logs_bucket = logs_bucket}});
/// ```
class ComputeStack : public Stack {
 public:
  /// How the stack is configured; see docs/stacks/compute.md.
  struct Props {
    /// Prefix of AWS names and Name tags, and the EKS cluster name: lowercase
    /// letters, digits and hyphens, at most 24 characters.
    std::string name = "app";
    Value vpc_id{};                  ///< the VPC; required
    Value private_subnet_ids{};      ///< nodes, control-plane ENIs, EC2 backend; required
    Value public_subnet_ids{};       ///< the load balancer; required with it
    Value node_security_group_id{};  ///< on nodes, backend instances and functions in the VPC;
                                     ///< required
    Value alb_security_group_id{};   ///< on the load balancer; required with it
    /// Retention of every log group of the stack, in days.
    Value log_retention_days = 30;
    /// Detailed (1-minute) EC2 monitoring of the nodes and backend instances:
    /// a literal bool or a bool parameter (their launch templates' `monitoring`).
    Value detailed_monitoring = true;
    EksClusterOptions eks{};          ///< the control plane
    EksNodeGroupOptions on_demand{};  ///< the on-demand node group
    EksSpotNodeGroupOptions spot{};   ///< the spot node group
    AlbOptions alb{};                 ///< the load balancer
    Ec2BackendOptions ec2{};          ///< the optional EC2 backend
    /// Lambda functions behind one HTTP API; none by default (then no API).
    std::vector<LambdaFunctionOptions> functions{};
    /// The HTTP API's authorizer.
    HttpApiOptions api{};
    /// Cluster add-ons (load balancer controller, Container Insights) and the
    /// providers that reach the Kubernetes API.
    EksAddonsOptions addons{};
    /// ARN of an IAM policy set as the permissions boundary of every IAM role
    /// the stack creates: what they may ever do, whatever is attached to
    /// them; null for none.
    Value permissions_boundary{};
  };

  /// Declares every resource; literal props are checked before synthesis.
  ComputeStack(Construct& scope, const Id& id, Props props);

  /// Name of the EKS cluster.
  Value cluster_name() const { return cluster_name_; }
  /// HTTPS endpoint of the Kubernetes API.
  Value cluster_endpoint() const { return cluster_endpoint_; }
  /// Security group EKS creates for the control plane and the nodes.
  Value cluster_security_group_id() const { return cluster_security_group_id_; }
  /// Base64-encoded certificate authority data of the Kubernetes API.
  Value cluster_certificate_authority() const { return cluster_certificate_authority_; }
  /// Region of the cluster.
  Value cluster_region() const { return cluster_region_; }
  /// ARN of the IAM OIDC provider, for IAM roles for service accounts.
  Value oidc_provider_arn() const { return oidc_provider_arn_; }
  /// URL of the cluster's OIDC issuer (`https://oidc.eks.<region>.amazonaws.com/id/<id>`),
  /// for the trust policy of IAM roles for service accounts.
  Value oidc_issuer() const { return oidc_issuer_; }
  /// Service account `name` in `namespace_name` of this cluster, for
  /// `irsa_role(scope, id, compute.service_account("default", "api"), {...})`.
  ServiceAccountIdentity service_account(std::string namespace_name, std::string name) const;

  /// Declares on the App (once; later calls return the same) the `helm`
  /// (`hashicorp/helm ~> 3.1`) and `kubernetes` (`hashicorp/kubernetes
  /// ~> 2.38`) providers configured from this cluster: its endpoint, its CA
  /// certificate and `aws eks get-token` (exec, `client.authentication.k8s.io/v1beta1`).
  /// Every root reads those values from this stack's module outputs. The
  /// constructor calls it when the load balancer controller is on; call it
  /// to deploy charts of your own.
  const KubernetesProviders& kubernetes_providers(
      std::source_location where = std::source_location::current());
  /// The load balancer controller's release, to make a chart that has a
  /// TargetGroupBinding wait for its CRDs (`depends_on`); null when off.
  const Resource* load_balancer_controller() const { return load_balancer_controller_; }
  /// ARN suffix of the load balancer (the CloudWatch `LoadBalancer` dimension).
  Value alb_arn_suffix() const { return alb_arn_suffix_; }
  /// DNS name of the load balancer.
  Value alb_dns_name() const { return alb_dns_name_; }
  /// Hosted zone of the load balancer, for Route 53 alias records.
  Value alb_zone_id() const { return alb_zone_id_; }
  /// ARN of the application's target group (for a TargetGroupBinding).
  Value target_group_arn() const { return target_group_arn_; }
  /// ARN suffix of the target group (the CloudWatch `TargetGroup` dimension).
  Value target_group_arn_suffix() const { return target_group_arn_suffix_; }
  /// ARN of the IAM role of the EKS nodes.
  Value node_role_arn() const { return node_role_arn_; }
  /// Invoke URL of the HTTP API; null when there are no functions.
  Value api_endpoint() const { return api_endpoint_; }
  /// ID of the HTTP API (the CloudWatch `ApiId` dimension); null when there are no functions.
  Value api_id() const { return api_id_; }
  /// The AWS name of each function (the CloudWatch `FunctionName` dimension), by short name.
  const std::map<std::string, Value>& function_names() const { return function_names_; }

 private:
  void add_cluster(const Props& props);
  void add_node_groups(const Props& props);
  void add_load_balancer(const Props& props);
  void add_ec2_backend(const Props& props);
  void add_functions(const Props& props);
  void add_addons(const Props& props);
  void add_cluster_outputs(const Props& props);
  void add_load_balancer_outputs();

  Value cluster_name_;
  Value cluster_endpoint_;
  Value cluster_security_group_id_;
  Value cluster_version_;
  Value cluster_certificate_authority_;
  Value cluster_region_;
  Value oidc_provider_arn_;
  Value oidc_issuer_;
  Value alb_arn_suffix_;
  Value alb_dns_name_;
  Value alb_zone_id_;
  Value target_group_arn_;
  Value target_group_arn_suffix_;
  Value node_role_arn_;
  Value api_endpoint_;
  Value api_id_;
  std::map<std::string, Value> function_names_;
  Resource* cluster_ = nullptr;
  Resource* target_group_ = nullptr;
  Resource* on_demand_nodes_ = nullptr;
  Resource* load_balancer_controller_ = nullptr;
  std::string provider_alias_;
  Value kubernetes_role_arn_;
  KubernetesProviders providers_;
};

}  // namespace keelson

#endif  // KEELSON_STACKS_COMPUTE_STACK_H_
