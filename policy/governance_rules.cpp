#include <fmt/format.h>

#include <algorithm>
#include <regex>

#include "policy/instance_types.h"
#include "policy/rule_packs.h"

namespace keelson::policy {
namespace {

using nlohmann::json;

bool listed(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

// The name the naming rule reads: the `Name` tag when there is one, else a
// `name` argument that is a plain name; a path (`/aws/eks/...`, SSM
// parameters) or an ARN follows AWS's own conventions and is left alone.
// Empty when unknown or absent.
std::string resource_name(const ResourceView& v) {
  if (v.type.rfind("aws_", 0) != 0) return {};
  if (const json* tags = known(v, "tags_all"); tags != nullptr && tags->is_object()) {
    const json name = tags->value("Name", json());
    if (name.is_string()) return name.get<std::string>();
    if (tags->contains("Name")) return {};  // unknown before apply
  }
  const json* name = known(v, "name");
  if (name == nullptr || !name->is_string()) return {};
  const std::string text = name->get<std::string>();
  if (text.find_first_of("/:") != std::string::npos) return {};
  return text;
}

// Whether a role's boundary ARN is the one required: the same ARN, or a
// policy of that name (on any path, in any account).
bool boundary_matches(const std::string& arn, const std::string& required) {
  if (required.rfind("arn:", 0) == 0) return arn == required;
  return arn.ends_with("/" + required) && arn.find(":policy/") != std::string::npos;
}

}  // namespace

std::vector<Rule> governance_rules() {
  using Result = std::optional<std::string>;
  std::vector<Rule> rules;
  rules.push_back(
      Rule{.id = "KSL-TAG-001",
           .title = "Resources carry the environment's required tags",
           .rationale = "Costs, owners and data classes are found by tags: an untagged resource is "
                        "paid for by nobody and cleaned up by nobody.",
           .remediation = "Add the tags to the environment file's tags: (every resource gets them "
                          "through the provider's default_tags), or to the resource.",
           .controls = {"SOC 2 CC1.3", "FinOps allocation"},
           // What the model and the plan call the merged tags of any taggable
           // resource; the rule reads `tags_all` wherever it is.
           .resource_types = {"*"},
           .check = [](const ResourceView& v, const Context& context) -> Result {
             const auto& required = context.settings.required_tags;
             if (unknown(v, "tags_all")) return std::nullopt;
             const nlohmann::json* tags = known(v, "tags_all");
             if (tags == nullptr || !tags->is_object()) return std::nullopt;
             std::vector<std::string> missing;
             for (const auto& key : required)
               if (!tags->contains(key)) missing.push_back(key);
             if (missing.empty()) return std::nullopt;
             return fmt::format("missing tag(s) {}", fmt::join(missing, ", "));
           },
           .asked = [](const Context& c) { return !c.settings.required_tags.empty(); }});
  rules.push_back(Rule{
      .id = "KSL-GOV-001",
      .title = "The environment deploys to an allowed region",
      .rationale = "Data residency and the organization's guardrails (SCPs) hold in some regions "
                   "only; a resource elsewhere escapes both.",
      .remediation = "Set the environment file's region: to one of policy.allowed_regions, or "
                     "add the region to the list.",
      .controls = {"SOC 2 CC6.1", "GDPR Art. 44"},
      .resource_types = {kAwsProvider},
      .check = [](const ResourceView& v, const Context& context) -> Result {
        const auto& allowed = context.settings.allowed_regions;
        const json* region = known(v, "region");
        if (region == nullptr || !region->is_string()) return std::nullopt;
        if (listed(allowed, region->get<std::string>())) return std::nullopt;
        return fmt::format("region {} is not in policy.allowed_regions ({})",
                           region->get<std::string>(), fmt::join(allowed, ", "));
      },
      .asked = [](const Context& c) { return !c.settings.allowed_regions.empty(); }});
  rules.push_back(Rule{
      .id = "KSL-GOV-002",
      .title = "Instances are of the environment's allowed families",
      .rationale = "Reserved instances and savings plans cover chosen families; another family "
                   "pays the on-demand price, and may lack the architecture images are built "
                   "for.",
      .remediation = "Use a type of one of policy.allowed_instance_families, or add the family.",
      .controls = {"FinOps rate optimization", "SOC 2 CC8.1"},
      .resource_types = instance_type_resources(),
      .check = [](const ResourceView& v, const Context& context) -> Result {
        const auto& allowed = context.settings.allowed_instance_families;
        for (const auto& [argument, type] : instance_types(v)) {
          if (!listed(allowed, instance_family(type)))
            return fmt::format("{} is {}, of family {}, not in policy.allowed_instance_families",
                               argument, type, instance_family(type));
        }
        return std::nullopt;
      },
      .asked = [](const Context& c) { return !c.settings.allowed_instance_families.empty(); }});
  rules.push_back(Rule{
      .id = "KSL-GOV-003",
      .title = "Resource names follow the environment's naming convention",
      .severity = Severity::kWarning,
      .rationale = "A name that says what, whose and where lets people and cost reports find a "
                   "resource's owner without opening Terraform.",
      .remediation = "Rename the resource (its Name tag, or its name) to match policy.naming; a "
                     "rename usually replaces the resource.",
      .controls = {"SOC 2 CC1.3", "FinOps allocation"},
      .resource_types = {"*"},
      .check = [](const ResourceView& v, const Context& context) -> Result {
        const auto& pattern = context.settings.naming;
        const std::string name = resource_name(v);
        // Compiled once per pattern, not once per resource.
        static thread_local std::pair<std::string, std::regex> compiled;
        if (compiled.first != pattern) compiled = {pattern, std::regex(pattern)};
        if (name.empty() || std::regex_match(name, compiled.second)) return std::nullopt;
        return fmt::format("name {} does not match policy.naming {}", json(name).dump(), pattern);
      },
      .asked = [](const Context& c) { return !c.settings.naming.empty(); }});
  rules.push_back(Rule{
      .id = "KSL-IAM-010",
      .title = "IAM roles have the environment's permissions boundary",
      .rationale = "A boundary caps what a role can ever be granted, so a role that can attach "
                   "policies cannot grant itself more than the boundary allows.",
      .remediation = "Set permissions_boundary on the role to the policy the environment's "
                     "policy.permission_boundary names.",
      .controls = {"SOC 2 CC6.3", "AWS Well-Architected SEC03"},
      .resource_types = {"aws_iam_role"},
      .check = [](const ResourceView& v, const Context& context) -> Result {
        if (unknown(v, "permissions_boundary")) return std::nullopt;
        const json* boundary = known(v, "permissions_boundary");
        if (boundary == nullptr || !boundary->is_string() || boundary->get<std::string>().empty())
          return "permissions_boundary is not set";
        const auto& required = context.settings.permission_boundary;
        if (required.empty() || boundary_matches(boundary->get<std::string>(), required))
          return std::nullopt;
        return fmt::format("permissions_boundary is {}, not {}", boundary->get<std::string>(),
                           required);
      },
      .asked = [](const Context& c) { return c.settings.permission_boundary_required; }});
  return rules;
}

}  // namespace keelson::policy
