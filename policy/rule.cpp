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

const std::vector<const ResourceView*>& resources_of(const Context& context,
                                                     std::string_view type) {
  static const std::vector<const ResourceView*> kNone;
  return context.index == nullptr ? kNone : context.index->of_type(type);
}

std::vector<const ResourceView*> referring_to(const Context& context, const ResourceView& target,
                                              std::string_view type, const char* key) {
  if (context.index == nullptr) return {};
  return context.index->referring_to(target, type, key);
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
