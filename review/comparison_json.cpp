// The JSON rendering of a Comparison, for tools.
#include <nlohmann/json.hpp>

#include "review/comparison_report.h"

namespace keelson::review {
namespace {

using nlohmann::json;

json value(const std::optional<std::string>& rendered, bool sensitive) {
  if (!rendered) return nullptr;
  if (sensitive) return *rendered;  // "(sensitive)"
  return json::parse(*rendered, nullptr, false);
}

json values(const std::vector<ValueChange>& changes) {
  json out = json::array();
  for (const auto& v : changes) {
    out.push_back({{"path", v.path},
                   {"before", value(v.before, v.sensitive)},
                   {"after", value(v.after, v.sensitive)},
                   {"sensitive", v.sensitive},
                   {"forces_replacement", v.forces_replacement}});
  }
  return out;
}

json resources(const std::vector<ResourceChange>& changes) {
  json out = json::array();
  for (const auto& r : changes) {
    out.push_back({{"address", r.address},
                   {"action", action_name(r.action)},
                   {"attributes", values(r.attributes)}});
  }
  return out;
}

json files(const std::vector<FileChange>& changes) {
  json out = json::array();
  for (const auto& f : changes) {
    out.push_back(
        {{"path", f.path}, {"change", kind_name(f.kind)}, {"formatting_only", f.formatting_only}});
  }
  return out;
}

json summary(const Summary& s) {
  return {{"add", s.add}, {"change", s.change}, {"replace", s.replace}, {"destroy", s.destroy}};
}

}  // namespace

std::string json_report(const Comparison& c, const std::string& against) {
  json modules = json::array();
  for (const auto& m : c.modules) {
    modules.push_back({{"name", m.name},
                       {"summary", summary(m.summary())},
                       {"resources", resources(m.resources)},
                       {"settings", values(m.settings)},
                       {"files", files(m.files)}});
  }
  json environments = json::array();
  for (const auto& e : c.environments) {
    environments.push_back({{"name", e.name},
                            {"summary", summary(c.summary(e))},
                            {"modules", e.modules},
                            {"tfvars", values(e.tfvars)},
                            {"backend", values(e.backend)},
                            {"providers", values(e.providers)},
                            {"root", values(e.root)},
                            {"resources", resources(e.resources)},
                            {"files", files(e.files)}});
  }
  json charts = json::array();
  for (const auto& chart : c.charts) {
    json chart_values = json::object();
    for (const auto& [file, changes] : chart.values) chart_values[file] = values(changes);
    charts.push_back({{"name", chart.name},
                      {"chart", values(chart.chart)},
                      {"values", chart_values},
                      {"templates", files(chart.templates)},
                      {"files", files(chart.files)}});
  }
  const json report = {
      {"against", against},      {"equal", c.equal()},           {"summary", summary(c.summary())},
      {"modules", modules},      {"environments", environments}, {"charts", charts},
      {"files", files(c.files)}, {"ignored", c.ignored}};
  return report.dump(2) + "\n";
}

}  // namespace keelson::review
