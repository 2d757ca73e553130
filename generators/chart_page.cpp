#include "generators/chart_page.h"

namespace keelson {

std::string chart_page(const DocsModel& model, const std::string& chart) {
  const std::string dir = "helm-charts/" + chart;
  std::string out = "# Chart `" + chart + "`\n\n";
  out += "The Helm chart `" + dir + "/`: defaults in `values.yaml`, each environment's changes in ";
  std::string files;
  for (const auto& [path, _] : *model.files) {
    if (path.starts_with(dir + "/values-") && path.find('/', dir.size() + 1) == std::string::npos)
      files += (files.empty() ? "" : ", ") + ("`" + path.substr(dir.size() + 1) + "`");
  }
  out += (files.empty() ? "none" : files) + ".\n\n";
  // The values table is the chart README's, generated from the same
  // declaration: one source, so the two never disagree.
  const auto readme = model.files->find(dir + "/README.md");
  if (readme != model.files->end()) {
    const std::string& text = readme->second;
    const auto installs = text.find("\n## Charts it installs\n");
    const auto values = text.find("\n## Values\n");
    const auto start = installs != std::string::npos ? installs : values;
    if (start != std::string::npos) out += text.substr(start + 1);
  }
  return out;
}

}  // namespace keelson
