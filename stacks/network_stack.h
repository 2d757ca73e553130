#ifndef KEELSON_STACKS_NETWORK_STACK_H_
#define KEELSON_STACKS_NETWORK_STACK_H_

#include <string>
#include <vector>

#include "dsl/construct.h"
#include "dsl/stack.h"
#include "dsl/value.h"

namespace keelson {

/// The network of an application: a VPC with public, private and database
/// subnets across availability zones, an internet gateway, NAT gateways,
/// route tables, network ACLs, VPC flow logs to CloudWatch Logs, an S3
/// gateway endpoint and least-privilege security groups for the load
/// balancer, the nodes, PostgreSQL and Redis.
///
/// The module is the same for every environment: the number of zones and
/// whether one NAT gateway is shared are values (literals or parameters)
/// that drive `count`.
/// ```cpp
/// auto zones = app.param<int>("az_count", {.description = "Zones.", .min = 1, .max = 6});
/// auto single_nat = app.param<bool>("single_nat_gateway", {.description = "One NAT."});
/// auto& net = app.stack<NetworkStack>("network", {
///     .name = "detection-api", .zones = zones, .single_nat_gateway = single_nat});
/// ```
/// See docs/stacks/network.md.
class NetworkStack : public Stack {
 public:
  /// How the network is configured. Every field has a default.
  struct Props {
    /// Prefix of Name tags and AWS names (`<name>-alb`, `<name>-nodes`):
    /// lowercase letters, digits and hyphens, starting with a letter, at most
    /// 32 characters.
    std::string name = "app";
    /// IPv4 CIDR block of the VPC, prefix /16 to /24; a literal or a string
    /// parameter. The computed subnet layout needs /16 to /20.
    Value cidr = "10.0.0.0/16";
    /// Number of availability zones: 1 to 6, a literal or a number parameter.
    Value zones = 3;
    /// One NAT gateway shared by every zone (true, cheaper) or one per zone
    /// (false, highly available); a literal or a bool parameter.
    Value single_nat_gateway = false;
    /// Explicit subnet CIDR blocks, one per zone, as literals; empty to compute
    /// them from `cidr` (public `x.y.101-106.0/24`, private `x.y.1-6.0/24`,
    /// database `x.y.201-206.0/24` for a /16).
    std::vector<std::string> public_subnet_cidrs{};
    /// See `public_subnet_cidrs`.
    std::vector<std::string> private_subnet_cidrs{};
    /// See `public_subnet_cidrs`. There are at least two database subnets,
    /// because an RDS subnet group must span two zones even for one instance.
    std::vector<std::string> database_subnet_cidrs{};
    /// Port the application listens on: the load balancer reaches the nodes
    /// on it only.
    Value app_port = 8000;
    /// Days the VPC flow logs are kept; one of CloudWatch Logs' retention
    /// values (1, 3, 5, 7, 14, 30, 60, 90, ... 3653, or 0 for ever).
    Value flow_log_retention_days = 30;
    /// ARN of a KMS key encrypting the flow log group; null for CloudWatch
    /// Logs' own encryption. Its key policy must let `logs.<region>.amazonaws.com` use it.
    Value flow_log_kms_key_arn{};
    /// ARN of an IAM policy set as the permissions boundary of every IAM role
    /// the stack creates: what they may ever do, whatever is attached to
    /// them; null for none.
    Value permissions_boundary{};
  };

  /// Builds the network; invalid props fail synthesis with a message naming
  /// the prop, the value and what is allowed.
  NetworkStack(Construct& scope, const Id& id, Props props);

  /// ID of the VPC.
  Value vpc_id() const { return vpc_id_; }
  /// IPv4 CIDR block of the VPC.
  Value vpc_cidr_block() const { return vpc_cidr_block_; }
  /// IDs of the public subnets, one per zone.
  Value public_subnet_ids() const { return public_subnet_ids_; }
  /// IDs of the private subnets, one per zone.
  Value private_subnet_ids() const { return private_subnet_ids_; }
  /// IDs of the database subnets, one per zone and at least two.
  Value database_subnet_ids() const { return database_subnet_ids_; }
  /// IDs of the private route tables, one per zone.
  Value private_route_table_ids() const { return private_route_table_ids_; }
  /// Public IPs of the NAT gateways, for allow lists of outside services.
  Value nat_public_ips() const { return nat_public_ips_; }
  /// Security group of the load balancer: 80 and 443 from anywhere.
  Value alb_security_group_id() const { return alb_security_group_id_; }
  /// Security group of the nodes: `app_port` from the load balancer, anything
  /// from each other.
  Value node_security_group_id() const { return node_security_group_id_; }
  /// Security group of PostgreSQL: 5432 from the nodes only.
  Value database_security_group_id() const { return database_security_group_id_; }
  /// Security group of Redis: 6379 from the nodes only.
  Value redis_security_group_id() const { return redis_security_group_id_; }

 private:
  Value vpc_id_;
  Value vpc_cidr_block_;
  Value public_subnet_ids_;
  Value private_subnet_ids_;
  Value database_subnet_ids_;
  Value private_route_table_ids_;
  Value nat_public_ips_;
  Value nat_gateway_ids_;
  Value alb_security_group_id_;
  Value node_security_group_id_;
  Value database_security_group_id_;
  Value redis_security_group_id_;
};

}  // namespace keelson

#endif  // KEELSON_STACKS_NETWORK_STACK_H_
