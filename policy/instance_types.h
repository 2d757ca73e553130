#ifndef KEELSON_POLICY_INSTANCE_TYPES_H_
#define KEELSON_POLICY_INSTANCE_TYPES_H_

#include <string>
#include <string_view>
#include <vector>

#include "policy/resource_view.h"

namespace keelson::policy {

/// An instance type a resource asks for, with the argument that names it.
struct InstanceType {
  std::string argument;  ///< e.g. `instance_types[1]`
  std::string type;      ///< e.g. `m6i.4xlarge`, `db.r6g.large`, `cache.t4g.small`
};

/// The types a view names and the plan knows: `instance_type` of
/// `aws_instance` and `aws_launch_template`, `instance_types` of
/// `aws_eks_node_group`, `instance_class` of `aws_db_instance`, `node_type`
/// of `aws_elasticache_replication_group`.
std::vector<InstanceType> instance_types(const ResourceView& view);

/// The resource types instance_types() reads.
const std::vector<std::string>& instance_type_resources();

/// The family: what precedes the size, without the `db.` or `cache.` of RDS
/// and ElastiCache (`m6i` for `db.m6i.large`).
std::string instance_family(std::string_view type);

/// Large: a size of 4xlarge or more, or bare metal (`metal`, `metal-24xl`).
bool large_instance(std::string_view type);

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_INSTANCE_TYPES_H_
