#include "synth/diff_command.h"

#include <ostream>

#include "review/comparison_report.h"
#include "review/output_comparison.h"
#include "schema/provider_schema.h"

namespace keelson {

review::Comparison compare_with_directory(const Synthesis& synthesis, const DiffRequest& request) {
  const CommittedOutput committed = read_output(synthesis, request.against, request.options);
  // Only the directories this synthesis owns are compared: with --env, other
  // environments' roots are not part of it.
  FileSet fresh;
  for (const auto& [path, content] : synthesis.files) {
    for (const auto& owned : synthesis.owned) {
      if (path.size() > owned.size() && path.compare(0, owned.size(), owned) == 0 &&
          path[owned.size()] == '/') {
        fresh.emplace(path, content);
        break;
      }
    }
  }
  review::CompareOptions options;
  options.schemas =
      request.schemas != nullptr ? request.schemas : &schema::ProviderSchemas::bundled_aws();
  options.ignored = committed.ignored;
  const std::string prefix = (std::filesystem::path(request.display) / "").generic_string();
  return review::compare_outputs(committed.files, fresh, options, prefix);
}

int run_diff(const Synthesis& synthesis, const DiffRequest& request, std::ostream& out) {
  const review::Comparison comparison = compare_with_directory(synthesis, request);
  if (request.format == "json") {
    out << review::json_report(comparison, request.display);
  } else if (request.format == "markdown") {
    out << review::markdown_report(comparison, request.display);
  } else {
    out << review::text_report(comparison, request.display);
  }
  return comparison.equal() ? 0 : 1;
}

int run_check(const Synthesis& synthesis, const DiffRequest& request, const std::string& program,
              std::ostream& out) {
  const review::Comparison comparison = compare_with_directory(synthesis, request);
  if (comparison.equal()) {
    out << request.display << " is current\n";
    return 0;
  }
  out << review::summary_report(comparison);
  out << request.display << " is stale: run `" << program << " synth` and commit the result, or `"
      << program << " diff` for every change\n";
  return 1;
}

}  // namespace keelson
