#ifndef KEELSON_GENERATORS_CHART_TEMPLATES_H_
#define KEELSON_GENERATORS_CHART_TEMPLATES_H_

#include <string_view>
#include <vector>

namespace keelson {

/// One file of the repository's top-level `templates/`, compiled in.
struct TemplateFile {
  std::string_view path;  ///< relative to `templates/`: `workload/deployment.yaml`
  std::string_view text;
};

/// Every file of `templates/`, sorted by path: `workload/` is what each
/// workload chart's `templates/` holds, `umbrella/` what an umbrella
/// chart's holds.
const std::vector<TemplateFile>& chart_templates();

}  // namespace keelson

#endif  // KEELSON_GENERATORS_CHART_TEMPLATES_H_
