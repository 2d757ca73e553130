#ifndef KEELSON_REVIEW_COMPARISON_REPORT_H_
#define KEELSON_REVIEW_COMPARISON_REPORT_H_

#include <string>

#include "review/output_comparison.h"

namespace keelson::review {

/// "1 to add, 2 to change, 0 to replace, 0 to destroy", as Terraform's plan says it.
std::string summary_line(const Summary& summary);

/// The comparison for a terminal: modules, then each environment, chart and
/// other file, each change on its own line (`~ path: old → new`). `against`
/// names the directory compared with.
std::string text_report(const Comparison& comparison, const std::string& against);

/// One line per module, environment and chart that changed, and the plan
/// summary: what `synth --check` prints when the output is stale.
std::string summary_report(const Comparison& comparison);

/// The comparison as a pull-request comment (GitHub-flavoured Markdown): a
/// heading with the summary, a table per module, environment and chart,
/// long tables folded in <details>.
std::string markdown_report(const Comparison& comparison, const std::string& against);

/// The comparison as JSON, for tools: values as JSON values, masked ones as
/// "(sensitive)" with `"sensitive": true`.
std::string json_report(const Comparison& comparison, const std::string& against);

}  // namespace keelson::review

#endif  // KEELSON_REVIEW_COMPARISON_REPORT_H_
