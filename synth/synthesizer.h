#ifndef KEELSON_SYNTH_SYNTHESIZER_H_
#define KEELSON_SYNTH_SYNTHESIZER_H_

#include <filesystem>
#include <string>
#include <vector>

#include "generators/file_set.h"
#include "plan/wiring.h"

namespace keelson {

/// The outcome of one synthesis, entirely in memory.
struct Synthesis {
  Plan plan;
  FileSet files;
  /// The environments synthesized, sorted.
  std::vector<std::string> environments;
  /// Directories of the output this synthesis owns: each is replaced as a
  /// whole when written, so files from earlier runs do not linger.
  /// `terraform` for every environment; the modules directory and each
  /// environment's root when only some are synthesized.
  std::vector<std::string> owned;
  /// What deserves a look but does not stop synthesis (`tag: latest`).
  std::vector<Diagnostic> warnings;
};

/// Runs the pipeline: validate and resolve the App, load and check the
/// environment files in `environments_dir`, and generate every file.
/// `environments` empty means all of them; Terraform roots are written for
/// those, charts always for every environment (their values files are
/// shared by all), so every environment file's `charts:` is read. Throws keelson::Error with every
/// problem found (model and environment files together; then names too
/// long for a file system, K1040/K1041); writes nothing.
Synthesis synthesize(const App& app, const std::filesystem::path& environments_dir,
                     const std::vector<std::string>& environments);

}  // namespace keelson

#endif  // KEELSON_SYNTH_SYNTHESIZER_H_
