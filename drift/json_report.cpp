#include "drift/drift_report.h"

namespace keelson::drift {
namespace {

using nlohmann::json;

// Optional members are left out when empty, so a consumer tests presence.
void put(json& object, const char* key, const std::string& value) {
  if (!value.empty()) object[key] = value;
}

json declared(const std::string& address, const std::string& type, const std::string& construct,
              const SourceLocation& where, const std::string& outside_change) {
  json out = {{"address", address}, {"type", type}};
  put(out, "construct", construct);
  put(out, "source", where.to_string());
  put(out, "outside_change", outside_change);
  return out;
}

}  // namespace

std::string json_report(const DriftReport& report) {
  json changed = json::array();
  for (const auto& r : report.changed) {
    json item = declared(r.address, r.type, r.construct, r.where, r.outside_change);
    json attributes = json::array();
    for (const auto& a : r.attributes) {
      if (a.sensitive) {
        attributes.push_back({{"path", a.path}, {"sensitive", true}});
      } else {
        attributes.push_back({{"path", a.path}, {"desired", a.desired}, {"actual", a.actual}});
      }
    }
    item["attributes"] = std::move(attributes);
    changed.push_back(std::move(item));
  }
  json missing = json::array();
  for (const auto& r : report.missing)
    missing.push_back(declared(r.address, r.type, r.construct, r.where, r.outside_change));
  json undeclared = json::array();
  for (const auto& r : report.undeclared) {
    json item = {{"address", r.address}, {"type", r.type}};
    put(item, "outside_change", r.outside_change);
    undeclared.push_back(std::move(item));
  }
  const json out = {{"environment", report.environment},
                    {"input", {{"file", report.input}, {"kind", report.kind}}},
                    {"drift", report.drifted()},
                    {"summary",
                     {{"changed", report.changed.size()},
                      {"missing", report.missing.size()},
                      {"not_declared", report.undeclared.size()},
                      {"in_sync", report.in_sync},
                      {"in_module_calls", report.in_module_calls}}},
                    {"changed", std::move(changed)},
                    {"missing", std::move(missing)},
                    {"not_declared", std::move(undeclared)}};
  return out.dump(2) + "\n";
}

}  // namespace keelson::drift
