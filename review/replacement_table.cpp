#include "review/replacement_table.h"

#include <algorithm>
#include <array>

namespace keelson::review {
namespace {

struct Entry {
  std::string_view type;
  std::string_view attribute;
};

// Attributes marked `ForceNew: true` in the resource schemas of the AWS
// provider's source (hashicorp/terraform-provider-aws, internal/service/...):
// rds/instance.go, ec2/vpc_subnet.go, ec2/vpc_security_group.go,
// eks/node_group.go. Only resource types the standard stacks write, and only
// attributes checked there; sorted by type, then attribute. The files read
// were recent revisions (rds/instance.go a 4.x one); recheck an entry when the
// pinned provider (6.25, schema/aws/) moves and a plan disagrees.
constexpr std::array kForceNew = {
    Entry{"aws_db_instance", "availability_zone"},
    Entry{"aws_db_instance", "character_set_name"},
    Entry{"aws_db_instance", "custom_iam_instance_profile"},
    Entry{"aws_db_instance", "db_name"},
    Entry{"aws_db_instance", "engine"},
    Entry{"aws_db_instance", "identifier"},
    Entry{"aws_db_instance", "identifier_prefix"},
    Entry{"aws_db_instance", "kms_key_id"},
    Entry{"aws_db_instance", "nchar_character_set_name"},
    Entry{"aws_db_instance", "restore_to_point_in_time"},
    Entry{"aws_db_instance", "snapshot_identifier"},
    Entry{"aws_db_instance", "storage_encrypted"},
    Entry{"aws_db_instance", "timezone"},
    Entry{"aws_db_instance", "username"},
    Entry{"aws_eks_node_group", "ami_type"},
    Entry{"aws_eks_node_group", "capacity_type"},
    Entry{"aws_eks_node_group", "cluster_name"},
    Entry{"aws_eks_node_group", "disk_size"},
    Entry{"aws_eks_node_group", "instance_types"},
    Entry{"aws_eks_node_group", "launch_template.id"},
    Entry{"aws_eks_node_group", "launch_template.name"},
    Entry{"aws_eks_node_group", "node_group_name"},
    Entry{"aws_eks_node_group", "node_group_name_prefix"},
    Entry{"aws_eks_node_group", "node_role_arn"},
    Entry{"aws_eks_node_group", "remote_access"},
    Entry{"aws_eks_node_group", "subnet_ids"},
    Entry{"aws_security_group", "description"},
    Entry{"aws_security_group", "name"},
    Entry{"aws_security_group", "name_prefix"},
    Entry{"aws_security_group", "vpc_id"},
    Entry{"aws_subnet", "availability_zone"},
    Entry{"aws_subnet", "availability_zone_id"},
    Entry{"aws_subnet", "cidr_block"},
    Entry{"aws_subnet", "ipv4_ipam_pool_id"},
    Entry{"aws_subnet", "ipv4_netmask_length"},
    Entry{"aws_subnet", "ipv6_ipam_pool_id"},
    Entry{"aws_subnet", "ipv6_native"},
    Entry{"aws_subnet", "ipv6_netmask_length"},
    Entry{"aws_subnet", "outpost_arn"},
    Entry{"aws_subnet", "vpc_id"},
};

constexpr bool sorted() {
  for (std::size_t i = 1; i < kForceNew.size(); ++i) {
    const auto& a = kForceNew[i - 1];
    const auto& b = kForceNew[i];
    if (a.type > b.type || (a.type == b.type && a.attribute >= b.attribute)) return false;
  }
  return true;
}
static_assert(sorted(), "keep kForceNew sorted: forces_replacement() searches it");

}  // namespace

bool forces_replacement(std::string_view type, std::string_view path) {
  // A whole block listed (`remote_access`) covers everything inside it.
  for (std::string_view prefix = path;;) {
    const Entry key{type, prefix};
    const auto less = [](const Entry& a, const Entry& b) {
      return a.type != b.type ? a.type < b.type : a.attribute < b.attribute;
    };
    if (std::binary_search(kForceNew.begin(), kForceNew.end(), key, less)) return true;
    const auto dot = prefix.rfind('.');
    if (dot == std::string_view::npos) return false;
    prefix = prefix.substr(0, dot);
  }
}

}  // namespace keelson::review
