#include "policy/check.h"

#include <algorithm>

namespace keelson::policy {
namespace {

// `path` names `name` or one of its parents (`database` for `database/redis`,
// `module.database` for `module.database.aws_db_instance.postgres`, and a
// resource's address for its instances, `...replica` for `...replica[0]`).
bool covers(const std::string& path, const std::string& name, char separator) {
  if (name.empty()) return false;
  return name == path ||
         (name.size() > path.size() && name.compare(0, path.size(), path) == 0 &&
          (name[path.size()] == separator || (separator == '.' && name[path.size()] == '[')));
}

bool matches(const PolicySuppression& s, const Finding& f) {
  return s.rule == f.rule->id &&
         (s.path.empty() || covers(s.path, f.path, '/') || covers(s.path, f.address, '.'));
}

}  // namespace

void find(const std::vector<ResourceView>& views, const std::vector<Rule>& rules,
          const Context& outer, std::vector<Finding>& findings,
          std::map<std::string, std::vector<std::string>>* checked) {
  Context context = outer;
  const ResourceIndex index(views);
  context.resources = &views;
  context.index = &index;
  std::vector<const Rule*> asked;
  for (const auto& rule : rules)
    if (!rule.asked || rule.asked(context)) asked.push_back(&rule);
  for (const auto& view : views) {
    for (const Rule* each : asked) {
      const Rule& rule = *each;
      const auto& types = rule.resource_types;
      const bool applies = std::find(types.begin(), types.end(), view.type) != types.end() ||
                           std::find(types.begin(), types.end(), "*") != types.end();
      if (!applies) continue;
      if (checked != nullptr) (*checked)[rule.id].push_back(view.address);
      if (auto message = rule.check(view, context)) {
        findings.push_back(Finding{&rule, rule.severity_for(context), view.address,
                                   std::move(*message), view.path, view.where});
      }
    }
  }
}

std::vector<PolicySuppression> suppress(std::vector<Finding>& findings,
                                        const std::vector<PolicySuppression>& suppressions) {
  std::vector<PolicySuppression> unused;
  for (const auto& suppression : suppressions) {
    bool used = false;
    for (auto& finding : findings) {
      if (!finding.suppressed.empty() || !matches(suppression, finding)) continue;
      finding.suppressed = suppression.reason;
      finding.suppressed_where = suppression.where;
      used = true;
    }
    if (!used) unused.push_back(suppression);
  }
  return unused;
}

Outcome check(const std::vector<ResourceView>& views, const std::vector<Rule>& rules,
              const Context& context, const std::vector<PolicySuppression>& suppressions) {
  Outcome outcome;
  find(views, rules, context, outcome.findings);
  outcome.unused = suppress(outcome.findings, suppressions);
  return outcome;
}

bool has_error(const std::vector<Finding>& findings) {
  return std::any_of(findings.begin(), findings.end(), [](const Finding& f) {
    return f.severity == Severity::kError && f.suppressed.empty();
  });
}

}  // namespace keelson::policy
