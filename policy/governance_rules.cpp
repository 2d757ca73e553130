#include <fmt/format.h>

#include "policy/rule_packs.h"

namespace keelson::policy {

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
             if (required.empty() || unknown(v, "tags_all")) return std::nullopt;
             const nlohmann::json* tags = known(v, "tags_all");
             if (tags == nullptr || !tags->is_object()) return std::nullopt;
             std::vector<std::string> missing;
             for (const auto& key : required)
               if (!tags->contains(key)) missing.push_back(key);
             if (missing.empty()) return std::nullopt;
             return fmt::format("missing tag(s) {}", fmt::join(missing, ", "));
           }});
  return rules;
}

}  // namespace keelson::policy
