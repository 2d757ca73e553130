#include "policy/report.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <cstring>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "policy/rules_reference.h"

namespace keelson::policy {
namespace {

using nlohmann::json;

std::string where_text(const Finding& f) {
  std::string text = f.address;
  if (!f.path.empty()) text += fmt::format(" [{}]", f.path);
  if (f.where.known()) text += " at " + f.where.to_string();
  return text;
}

// A URI reference for `file`: relative to `root` when below it (code
// scanning resolves it from the repository's root), else a `file://` URI;
// characters a URI cannot hold are percent-encoded.
std::string artifact_uri(const std::string& file, const std::string& root) {
  namespace fs = std::filesystem;
  std::string path = fs::path(file).generic_string();
  bool absolute = fs::path(file).is_absolute();
  if (absolute && !root.empty()) {
    const fs::path relative = fs::path(file).lexically_relative(root);
    if (!relative.empty() && *relative.begin() != "..") {
      path = relative.generic_string();
      absolute = false;
    }
  }
  std::string out = absolute ? "file://" : "";
  for (unsigned char c : path) {
    if (std::isalnum(c) || std::strchr("-._~/!$&'()*+,;=:@", c) != nullptr) {
      out += static_cast<char>(c);
    } else {
      out += fmt::format("%{:02X}", c);
    }
  }
  return out;
}

// GitHub code scanning ranks security alerts by `security-severity` (a score
// out of 10: 9 and above critical, 7 high, 4 medium, below that low).
const char* security_severity(Severity severity) {
  switch (severity) {
    case Severity::kError:
      return "8.0";
    case Severity::kWarning:
      return "5.0";
    case Severity::kInfo:
      return "3.0";
  }
  return "8.0";
}

json sarif_rule(const Rule& rule, const char* level) {
  json tags = json::array({rule.pack.empty() ? "policy" : rule.pack});
  for (const auto& control : rule.controls) tags.push_back(control);
  json properties = {{"tags", tags}, {"precision", "very-high"}};
  if (rule.pack == "security") properties["security-severity"] = security_severity(rule.severity);
  const std::string markdown = fmt::format(
      "{}\n\n**Why:** {}\n\n**How to fix:** {}\n\nSeverity: {}.{}", rule.title, rule.rationale,
      rule.remediation, severity_text(rule),
      rule.controls.empty() ? "" : fmt::format(" Controls: {}.", fmt::join(rule.controls, ", ")));
  return {{"id", rule.id},
          {"name", rule.id},
          {"shortDescription", {{"text", rule.title}}},
          {"fullDescription", {{"text", rule.rationale}}},
          {"help", {{"text", rule.remediation}, {"markdown", markdown}}},
          {"defaultConfiguration", {{"level", level}}},
          {"properties", properties}};
}

}  // namespace

std::string text_report(const std::vector<EnvironmentFindings>& results) {
  std::string out;
  std::map<Severity, std::size_t> totals;
  std::size_t suppressed = 0, unused = 0;
  for ([[maybe_unused]] const auto& [environment, findings, stale, checked] : results) {
    for (Severity severity : {Severity::kError, Severity::kWarning, Severity::kInfo}) {
      for (const auto& f : findings) {
        if (f.severity != severity || !f.suppressed.empty()) continue;
        ++totals[severity];
        out += fmt::format("{}: {}: {} {}: {}\n  {}\n  fix: {}\n", environment,
                           severity_name(severity), f.rule->id, f.rule->title, f.message,
                           where_text(f), f.rule->remediation);
      }
    }
    for (const auto& f : findings) {
      if (f.suppressed.empty()) continue;
      ++suppressed;
      out += fmt::format("{}: suppressed: {} {}: {}\n  {}\n  reason: {} ({})\n", environment,
                         f.rule->id, f.rule->title, f.message, where_text(f), f.suppressed,
                         f.suppressed_where.to_string());
    }
    for (const auto& s : stale) {
      ++unused;
      out += fmt::format("{}: warning: the suppression of {}{} matches nothing\n  at {}\n",
                         environment, s.rule, s.path.empty() ? "" : " for " + s.path,
                         s.where.to_string());
    }
  }
  out += fmt::format(
      "{} error(s), {} warning(s), {} info, {} suppressed, {} unused suppression(s) in {} "
      "environment(s)\n",
      totals[Severity::kError], totals[Severity::kWarning], totals[Severity::kInfo], suppressed,
      unused, results.size());
  return out;
}

std::string json_report(const std::vector<EnvironmentFindings>& results) {
  json list = json::array();
  for ([[maybe_unused]] const auto& [environment, findings, stale, checked] : results) {
    for (const auto& f : findings) {
      list.push_back({{"environment", environment},
                      {"rule", f.rule->id},
                      {"title", f.rule->title},
                      {"severity", severity_name(f.severity)},
                      {"address", f.address},
                      {"message", f.message},
                      {"construct", f.path},
                      {"source", f.where.to_string()},
                      {"remediation", f.rule->remediation},
                      {"controls", f.rule->controls},
                      {"suppressed", f.suppressed}});
    }
    for (const auto& s : stale) {
      list.push_back({{"environment", environment},
                      {"rule", s.rule},
                      {"severity", "warning"},
                      {"message", "the suppression matches nothing"},
                      {"path", s.path},
                      {"source", s.where.to_string()}});
    }
  }
  return list.dump(2) + "\n";
}

std::string sarif_report(const std::vector<EnvironmentFindings>& results,
                         const SarifOptions& options) {
  static const std::map<Severity, const char*> kLevel = {
      {Severity::kError, "error"}, {Severity::kWarning, "warning"}, {Severity::kInfo, "note"}};
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  json sarif_results = json::array();
  for ([[maybe_unused]] const auto& [environment, findings, stale, checked] : results) {
    for (const auto& f : findings) {
      auto [it, added] = rule_index.emplace(f.rule->id, rules.size());
      if (added) rules.push_back(sarif_rule(*f.rule, kLevel.at(f.rule->severity)));
      json result = {
          {"ruleId", f.rule->id},
          {"ruleIndex", it->second},
          {"level", kLevel.at(f.severity)},
          {"message", {{"text", fmt::format("{}: {} ({})", environment, f.message, f.address)}}},
          // Stable across runs and edits elsewhere in the file, and distinct
          // per environment: code scanning matches alerts by it.
          {"partialFingerprints",
           {{"keelsonFinding/v1", fmt::format("{}:{}:{}", f.rule->id, environment, f.address)}}},
          {"properties", {{"environment", environment}}}};
      if (!f.path.empty()) result["properties"]["construct"] = f.path;
      json location = {{"logicalLocations",
                        json::array({{{"fullyQualifiedName", f.address}, {"kind", "resource"}}})}};
      if (f.where.known()) {
        json region = {{"startLine", std::max(1U, f.where.line)}};
        if (f.where.column > 0) region["startColumn"] = f.where.column;
        location["physicalLocation"] = {
            {"artifactLocation", {{"uri", artifact_uri(f.where.file, options.root)}}},
            {"region", region}};
      } else if (!options.input.empty()) {
        location["physicalLocation"] = {
            {"artifactLocation", {{"uri", artifact_uri(options.input, options.root)}}}};
      }
      result["locations"] = json::array({location});
      // SARIF's own way to say a result was reviewed and accepted.
      if (!f.suppressed.empty()) {
        result["suppressions"] =
            json::array({{{"kind", "external"}, {"justification", f.suppressed}}});
      }
      sarif_results.push_back(std::move(result));
    }
  }
  json driver = {{"name", "keelson"}, {"rules", rules}};
  if (!options.version.empty()) driver["version"] = options.version;
  const json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool", {{"driver", driver}}}, {"results", sarif_results}}})}};
  return log.dump(2) + "\n";
}

}  // namespace keelson::policy
