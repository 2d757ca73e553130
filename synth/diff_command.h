#ifndef KEELSON_SYNTH_DIFF_COMMAND_H_
#define KEELSON_SYNTH_DIFF_COMMAND_H_

#include <filesystem>
#include <iosfwd>
#include <string>

#include "review/output_comparison.h"
#include "synth/output_writer.h"
#include "synth/synthesizer.h"

namespace keelson {

namespace schema {
class ProviderSchemas;
}

/// How `diff` and `synth --check` report.
struct DiffRequest {
  /// The directory holding the committed output.
  std::filesystem::path against;
  /// How the directory is named in the report (relative when possible).
  std::string display;
  /// text, markdown or json.
  std::string format = "text";
  /// Schemas whose sensitive attributes are masked; null: the bundled ones.
  const schema::ProviderSchemas* schemas = nullptr;
  /// Locking of the directory while it is read.
  WriteOptions options;
};

/// Compares a synthesis with the committed output in `request.against`.
/// Throws keelson::Error when the directory is missing (K4011) or holds a
/// malformed file keelson wrote (K4010).
review::Comparison compare_with_directory(const Synthesis& synthesis, const DiffRequest& request);

/// Compares a synthesis with the committed output in `request.against`:
/// resources added, removed, replaced or changed per module and environment,
/// Helm values and chart changes, as text, Markdown or JSON on `out`.
/// Returns 0 when equal, 1 when different. Throws keelson::Error when the
/// directory is missing (K4011) or holds a malformed file keelson wrote (K4010).
int run_diff(const Synthesis& synthesis, const DiffRequest& request, std::ostream& out);

/// `synth --check`: compares like run_diff(), writes nothing, and prints
/// whether the directory is current, or a summary of what differs and how to
/// fix it (`program` is the synthesizer's name). Returns 0 current, 1 stale.
int run_check(const Synthesis& synthesis, const DiffRequest& request, const std::string& program,
              std::ostream& out);

}  // namespace keelson

#endif  // KEELSON_SYNTH_DIFF_COMMAND_H_
