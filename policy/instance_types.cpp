#include "policy/instance_types.h"

#include <fmt/core.h>

#include <charconv>

namespace keelson::policy {
namespace {

// `db.` and `cache.` prefix the EC2 names in RDS and ElastiCache.
std::string_view without_service(std::string_view type) {
  for (std::string_view prefix : {"db.", "cache."})
    if (type.substr(0, prefix.size()) == prefix) return type.substr(prefix.size());
  return type;
}

}  // namespace

const std::vector<std::string>& instance_type_resources() {
  static const std::vector<std::string> kTypes = {"aws_instance", "aws_launch_template",
                                                  "aws_eks_node_group", "aws_db_instance",
                                                  "aws_elasticache_replication_group"};
  return kTypes;
}

std::vector<InstanceType> instance_types(const ResourceView& view) {
  std::vector<InstanceType> out;
  const auto one = [&](const char* key) {
    if (const auto* type = known(view, key); type != nullptr && type->is_string())
      out.push_back({key, type->get<std::string>()});
  };
  if (view.type == "aws_instance" || view.type == "aws_launch_template") one("instance_type");
  if (view.type == "aws_db_instance") one("instance_class");
  if (view.type == "aws_elasticache_replication_group") one("node_type");
  if (view.type == "aws_eks_node_group") {
    const auto* types = known(view, "instance_types");
    if (types != nullptr && types->is_array()) {
      for (std::size_t i = 0; i < types->size(); ++i) {
        if ((*types)[i].is_string())
          out.push_back({fmt::format("instance_types[{}]", i), (*types)[i].get<std::string>()});
      }
    }
  }
  return out;
}

std::string instance_family(std::string_view type) {
  const std::string_view ec2 = without_service(type);
  return std::string(ec2.substr(0, ec2.find('.')));
}

bool large_instance(std::string_view type) {
  const std::string_view ec2 = without_service(type);
  const auto dot = ec2.find('.');
  if (dot == std::string_view::npos) return false;
  const std::string_view size = ec2.substr(dot + 1);
  if (size.substr(0, 5) == "metal") return true;
  // `4xlarge`, `12xlarge`, `112xlarge`: the multiple of xlarge.
  if (!size.ends_with("xlarge")) return false;
  int multiple = 0;
  const auto digits = size.substr(0, size.size() - 6);
  const auto [end, error] = std::from_chars(digits.data(), digits.data() + digits.size(), multiple);
  return error == std::errc() && end == digits.data() + digits.size() && multiple >= 4;
}

}  // namespace keelson::policy
