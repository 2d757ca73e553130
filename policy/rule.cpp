#include "policy/rule.h"

#include "policy/rule_packs.h"

namespace keelson::policy {

std::string_view severity_name(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "error";
    case Severity::kWarning:
      return "warning";
    case Severity::kInfo:
      return "info";
  }
  return "error";
}

Severity Rule::severity_for(const Context& context) const {
  if (const auto it = context.settings.severity.find(id); it != context.settings.severity.end()) {
    return it->second == "info"      ? Severity::kInfo
           : it->second == "warning" ? Severity::kWarning
                                     : Severity::kError;
  }
  for (const auto& [name, level] : severity_in)
    if (name == context.environment) return level;
  return severity;
}

std::vector<const ResourceView*> resources_of(const Context& context, std::string_view type) {
  std::vector<const ResourceView*> out;
  if (context.resources == nullptr) return out;
  for (const auto& view : *context.resources)
    if (view.type == type) out.push_back(&view);
  return out;
}

std::vector<const ResourceView*> referring_to(const Context& context, const ResourceView& target,
                                              std::string_view type, const char* key) {
  std::vector<const ResourceView*> out;
  for (const ResourceView* view : resources_of(context, type))
    if (refers_to(*view, key, target)) out.push_back(view);
  return out;
}

bool production(const Context& context) {
  return context.environment == "prod" || context.environment == "production";
}

const std::vector<Rule>& builtin_rules() {
  static const std::vector<Rule> kRules = [] {
    std::vector<Rule> rules;
    const std::pair<const char*, std::vector<Rule> (*)()> packs[] = {
        {"security", security_rules}, {"secrets", secret_rules}, {"reliability", reliability_rules},
        {"compute", compute_rules},   {"cost", cost_rules},      {"governance", governance_rules}};
    for (const auto& [name, pack] : packs) {
      for (auto& rule : pack()) {
        rule.pack = name;
        rules.push_back(std::move(rule));
      }
    }
    return rules;
  }();
  return kRules;
}

}  // namespace keelson::policy
