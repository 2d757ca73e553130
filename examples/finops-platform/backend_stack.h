#ifndef KEELSON_EXAMPLES_FINOPS_PLATFORM_BACKEND_STACK_H_
#define KEELSON_EXAMPLES_FINOPS_PLATFORM_BACKEND_STACK_H_

#include <keelson.h>

#include <string>
#include <vector>

#include "stacks/iam.h"

namespace finops_platform {

/// The back end on EC2: an auto scaling group across the private subnets
/// behind an internal HTTPS load balancer that only the front end's nodes
/// reach. Instances come from a launch template (IMDSv2 only, an encrypted
/// gp3 root volume under the given key, an instance profile whose role has a
/// permissions boundary) and are replaced when the load balancer's health
/// check fails.
class BackendStack : public keelson::Stack {
 public:
  struct Props {
    /// Prefix of AWS names: lowercase letters, digits, hyphens; at most 24.
    std::string name = "app";
    keelson::Value vpc_id{};
    keelson::Value private_subnet_ids{};  ///< instances and load balancer
    /// The group of the instances; it must admit `port` from this stack's
    /// load balancer (the stack adds that rule) and reach the data stores.
    keelson::Value instance_security_group_id{};
    /// The group of the clients (the front end's nodes): may reach HTTPS.
    keelson::Value client_security_group_id{};
    keelson::Value instance_type = "t3.medium";
    keelson::Value min_size = 2;
    keelson::Value max_size = 4;
    keelson::Value desired_capacity = 2;
    keelson::Value volume_size = 30;  ///< root volume in GiB, gp3
    /// KMS key of the root volumes (the data class of what the back end handles).
    keelson::Value kms_key_arn{};
    keelson::Value certificate_arn{};  ///< ACM certificate of the HTTPS listener
    keelson::Value ssl_policy = "ELBSecurityPolicy-TLS13-1-2-2021-06";
    keelson::Value access_logs_bucket{};  ///< S3 bucket of the ALB's access logs
    keelson::Value deletion_protection = true;
    keelson::Value detailed_monitoring = true;
    int port = 8080;  ///< where the back end listens on the instances
    std::string health_check_path = "/health";
    /// What the back end may do besides SSM and the CloudWatch agent.
    std::vector<keelson::PolicyStatement> permissions{};
    keelson::Value permissions_boundary{};  ///< of the instances' role
  };

  BackendStack(keelson::Construct& scope, const keelson::Id& id, Props props);

  /// DNS name of the internal load balancer, where the front end calls the back end.
  keelson::Value endpoint() const { return endpoint_; }
  keelson::Value auto_scaling_group_name() const { return group_name_; }
  keelson::Value alb_arn_suffix() const { return alb_arn_suffix_; }
  keelson::Value target_group_arn_suffix() const { return target_group_arn_suffix_; }

 private:
  keelson::Value endpoint_;
  keelson::Value group_name_;
  keelson::Value alb_arn_suffix_;
  keelson::Value target_group_arn_suffix_;
};

}  // namespace finops_platform

#endif  // KEELSON_EXAMPLES_FINOPS_PLATFORM_BACKEND_STACK_H_
