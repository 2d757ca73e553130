#include <fmt/core.h>

#include <algorithm>

#include "policy/instance_types.h"
#include "policy/rule_packs.h"

namespace keelson::policy {
namespace {

using nlohmann::json;

// Where a view asks for gp2 volumes: an EBS volume's `type`, an RDS
// instance's `storage_type`, the `volume_type` of a launch template's or an
// instance's block devices. Defaults say nothing: only what is written.
std::optional<std::string> gp2(const ResourceView& v) {
  const auto is_gp2 = [](const json* value) { return value != nullptr && *value == "gp2"; };
  if (v.type == "aws_ebs_volume" && is_gp2(known(v, "type"))) return "type is gp2";
  if (v.type == "aws_db_instance" && is_gp2(known(v, "storage_type"))) return "storage_type is gp2";
  // Launch templates nest `ebs` in `block_device_mappings`; instances have
  // `root_block_device` and `ebs_block_device`.
  for (const char* block : {"block_device_mappings", "root_block_device", "ebs_block_device"}) {
    const json* devices = known(v, block);
    if (devices == nullptr || !devices->is_array()) continue;
    for (std::size_t i = 0; i < devices->size(); ++i) {
      const json& device = (*devices)[i];
      if (!device.is_object()) continue;
      if (device.value("volume_type", json()) == "gp2")
        return fmt::format("{}[{}].volume_type is gp2", block, i);
      const json ebs = device.value("ebs", json::array());
      for (std::size_t j = 0; ebs.is_array() && j < ebs.size(); ++j) {
        if (ebs[j].is_object() && ebs[j].value("volume_type", json()) == "gp2")
          return fmt::format("{}[{}].ebs[{}].volume_type is gp2", block, i, j);
      }
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<Rule> cost_rules() {
  using Result = std::optional<std::string>;
  std::vector<Rule> rules;
  rules.push_back(
      Rule{.id = "KSL-LOG-001",
           .title = "Log groups expire their logs",
           .severity = Severity::kWarning,
           .rationale = "CloudWatch keeps logs forever by default and bills every gigabyte every "
                        "month.",
           .remediation = "Set retention_in_days (the stacks' log_retention_days props).",
           .controls = {"SOC 2 CC7.2"},
           .resource_types = {"aws_cloudwatch_log_group"},
           .check = [](const ResourceView& v, const Context&) -> Result {
             if (unknown(v, "retention_in_days")) return std::nullopt;
             const auto* days = known(v, "retention_in_days");
             if (days != nullptr && days->is_number() && days->get<int>() > 0) return std::nullopt;
             return "retention_in_days is not set: logs never expire";
           }});
  rules.push_back(Rule{
      .id = "KSL-COST-001",
      .title = "Resources carry a CostCenter tag",
      .severity = Severity::kWarning,
      .rationale = "Cost allocation reports split the bill by the CostCenter tag; what lacks it "
                   "lands in the unallocated share nobody answers for.",
      .remediation = "Add CostCenter to the environment file's tags: (every resource gets it "
                     "through the provider's default_tags).",
      .controls = {"FinOps allocation", "SOC 2 CC1.3"},
      .resource_types = {"*"},
      .check = [](const ResourceView& v, const Context& context) -> Result {
        // Said once: KSL-TAG-001 reports it when the environment requires it.
        const auto& required = context.settings.required_tags;
        if (std::find(required.begin(), required.end(), "CostCenter") != required.end())
          return std::nullopt;
        if (unknown(v, "tags_all")) return std::nullopt;
        const json* tags = known(v, "tags_all");
        if (tags == nullptr || !tags->is_object() || tags->contains("CostCenter"))
          return std::nullopt;
        return "no CostCenter tag";
      }});
  rules.push_back(
      Rule{.id = "KSL-COST-002",
           .title = "No large instances outside production",
           .severity = Severity::kWarning,
           .rationale = "An instance of size 4xlarge or more, or bare metal, costs hundreds of "
                        "dollars a month each; development and staging rarely need one.",
           .remediation = "Use a smaller size outside prod (the environment file's instance type "
                          "parameters), or suppress the finding with the reason.",
           .controls = {"FinOps rightsizing"},
           .resource_types = instance_type_resources(),
           .check = [](const ResourceView& v, const Context& context) -> Result {
             if (production(context)) return std::nullopt;
             for (const auto& [argument, type] : instance_types(v))
               if (large_instance(type)) return fmt::format("{} is {}", argument, type);
             return std::nullopt;
           }});
  rules.push_back(
      Rule{.id = "KSL-COST-003",
           .title = "EBS and RDS storage is gp3, not gp2",
           .severity = Severity::kWarning,
           .rationale = "gp3 costs 20% less per GiB than gp2 and gives 3,000 IOPS and 125 MiB/s at "
                        "any size, where gp2 needs 1 TiB for the same IOPS.",
           .remediation = "Set the volume type (type, volume_type, storage_type) to gp3; RDS "
                          "migrates storage in place.",
           .controls = {"FinOps rightsizing"},
           .resource_types = {"aws_ebs_volume", "aws_launch_template", "aws_instance",
                              "aws_db_instance"},
           .check = [](const ResourceView& v, const Context&) -> Result { return gp2(v); }});
  rules.push_back(Rule{
      .id = "KSL-COST-004",
      .title = "One NAT gateway outside production",
      .severity = Severity::kInfo,
      .rationale =
          "Each NAT gateway bills by the hour (about $33 a month in us-east-1) before any traffic; "
          "one per zone buys resilience that dev and staging seldom need.",
      .remediation = "Share one NAT gateway outside prod (NetworkStack: single_nat_gateway = "
                     "true).",
      .controls = {"FinOps waste"},
      .resource_types = {"aws_nat_gateway"},
      .check = [](const ResourceView&, const Context& context) -> Result {
        if (production(context)) return std::nullopt;
        // The same for every gateway: counted once per set.
        const auto count = [&]() -> std::optional<std::size_t> {
          std::size_t gateways = 0;
          for (const ResourceView* nat : resources_of(context, "aws_nat_gateway")) {
            // A count unknown before apply: nothing to say.
            if (!nat->instances) return std::nullopt;
            gateways += *nat->instances;
          }
          return gateways;
        };
        const auto gateways =
            context.index == nullptr
                ? count()
                : context.index->once<std::optional<std::size_t>>("NAT gateways", count);
        if (!gateways || *gateways <= 1) return std::nullopt;
        return fmt::format("{} NAT gateways", *gateways);
      }});
  rules.push_back(
      Rule{.id = "KSL-COST-005",
           .title = "Node groups outside production run on spot capacity",
           .severity = Severity::kInfo,
           .rationale = "Spot capacity costs up to 90% less than on-demand; stateless pods outside "
                        "prod tolerate the two-minute interruption notice.",
           .remediation = "Set capacity_type = \"SPOT\" with several instance types (ComputeStack: "
                          "spot_enabled); suppress it for a group that runs stateful workloads.",
           .controls = {"FinOps rate optimization"},
           .resource_types = {"aws_eks_node_group"},
           .check = [](const ResourceView& v, const Context& context) -> Result {
             if (production(context) || unknown(v, "capacity_type")) return std::nullopt;
             const json* capacity = known(v, "capacity_type");
             if (capacity != nullptr && *capacity == "SPOT") return std::nullopt;
             return capacity == nullptr ? std::string("capacity_type is not set (ON_DEMAND)")
                                        : fmt::format("capacity_type is {}", capacity->dump());
           }});
  return rules;
}

}  // namespace keelson::policy
