#include <fmt/core.h>

#include "drift/drift_report.h"

namespace keelson::drift {
namespace {

using nlohmann::json;

constexpr std::size_t kWidth = 100;

// A value on one line: JSON, shortened in the middle of nowhere but its end.
std::string shown(const json& value) {
  std::string text = value.is_null() ? "(none)" : value.dump();
  if (text.size() > kWidth) text = text.substr(0, kWidth - 3) + "...";
  return text;
}

// Where the code declares a resource: its construct and line.
std::string declared_at(const std::string& construct, const SourceLocation& where) {
  if (construct.empty()) return "";
  if (!where.known()) return fmt::format("  ({})", construct);
  return fmt::format("  ({}, {})", construct, where.to_string());
}

const char* outside(const std::string& action) {
  if (action == "update") return " [changed outside Terraform]";
  if (action == "delete") return " [deleted outside Terraform]";
  return "";
}

}  // namespace

std::string text_report(const DriftReport& report) {
  std::string out;
  if (!report.changed.empty()) {
    out += fmt::format("changed ({}): the state holds other values than the code sets\n",
                       report.changed.size());
    for (const auto& r : report.changed) {
      out += fmt::format("  {}{}{}\n", r.address, outside(r.outside_change),
                         declared_at(r.construct, r.where));
      for (const auto& a : r.attributes) {
        if (a.sensitive) {
          out += fmt::format("      {}: (sensitive value differs)\n", a.path);
        } else {
          out += fmt::format("      {}: {} -> {}\n", a.path, shown(a.desired), shown(a.actual));
        }
      }
    }
  }
  if (!report.missing.empty()) {
    out += fmt::format("missing ({}): declared, but not in the state\n", report.missing.size());
    for (const auto& r : report.missing)
      out += fmt::format("  {}{}{}\n", r.address, outside(r.outside_change),
                         declared_at(r.construct, r.where));
  }
  if (!report.undeclared.empty()) {
    out += fmt::format("not declared ({}): in the state, but not in the code\n",
                       report.undeclared.size());
    for (const auto& r : report.undeclared)
      out += fmt::format("  {}{}\n", r.address, outside(r.outside_change));
  }
  const std::string calls =
      report.in_module_calls == 0
          ? ""
          : fmt::format(", {} in module calls not compared", report.in_module_calls);
  if (!report.drifted()) {
    out += fmt::format("{}: in sync with {} ({} resource(s) as declared{})\n", report.environment,
                       report.input, report.in_sync, calls);
  } else {
    out +=
        fmt::format("{}: drift against {}: {} changed, {} missing, {} not declared; {} in sync{}\n",
                    report.environment, report.input, report.changed.size(), report.missing.size(),
                    report.undeclared.size(), report.in_sync, calls);
  }
  return out;
}

}  // namespace keelson::drift
