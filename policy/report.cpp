#include "policy/report.h"

#include <fmt/core.h>

#include <map>
#include <nlohmann/json.hpp>

namespace keelson::policy {
namespace {

using nlohmann::json;

std::string where_text(const Finding& f) {
  std::string text = f.address;
  if (!f.path.empty()) text += fmt::format(" [{}]", f.path);
  if (f.where.known()) text += " at " + f.where.to_string();
  return text;
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

std::string sarif_report(const std::vector<EnvironmentFindings>& results) {
  static const std::map<Severity, const char*> kLevel = {
      {Severity::kError, "error"}, {Severity::kWarning, "warning"}, {Severity::kInfo, "note"}};
  json rules = json::array();
  std::map<std::string, std::size_t> rule_index;
  json sarif_results = json::array();
  for ([[maybe_unused]] const auto& [environment, findings, stale, checked] : results) {
    for (const auto& f : findings) {
      auto [it, added] = rule_index.emplace(f.rule->id, rules.size());
      if (added) {
        rules.push_back({{"id", f.rule->id},
                         {"name", f.rule->id},
                         {"shortDescription", {{"text", f.rule->title}}},
                         {"fullDescription", {{"text", f.rule->rationale}}},
                         {"help", {{"text", f.rule->remediation}}},
                         {"defaultConfiguration", {{"level", kLevel.at(f.rule->severity)}}},
                         {"properties", {{"tags", f.rule->controls}}}});
      }
      json result = {
          {"ruleId", f.rule->id},
          {"ruleIndex", it->second},
          {"level", kLevel.at(f.severity)},
          {"message", {{"text", fmt::format("{}: {} ({})", environment, f.message, f.address)}}},
          {"properties", {{"environment", environment}}}};
      json location = {{"logicalLocations",
                        json::array({{{"fullyQualifiedName", f.address}, {"kind", "resource"}}})}};
      if (f.where.known()) {
        json region = {{"startLine", f.where.line}};
        if (f.where.column > 0) region["startColumn"] = f.where.column;
        location["physicalLocation"] = {{"artifactLocation", {{"uri", f.where.file}}},
                                        {"region", region}};
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
  const json log = {
      {"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
      {"version", "2.1.0"},
      {"runs", json::array({{{"tool", {{"driver", {{"name", "keelson"}, {"rules", rules}}}}},
                             {"results", sarif_results}}})}};
  return log.dump(2) + "\n";
}

}  // namespace keelson::policy
