#ifndef KEELSON_SYNTH_OUTPUT_WRITER_H_
#define KEELSON_SYNTH_OUTPUT_WRITER_H_

#include <filesystem>
#include <string>
#include <vector>

#include "synth/synthesizer.h"

namespace keelson {

/// Writes a synthesis below `out`. Every file is first written to a staging
/// directory; then each owned directory is swapped in with a rename, so a
/// failure leaves the previous output as it was and files from earlier runs
/// that are no longer generated disappear. Throws std::filesystem errors.
void write_output(const Synthesis& synthesis, const std::filesystem::path& out);

/// One difference between a synthesis and a directory.
struct FileChange {
  enum class Kind { kAdded, kRemoved, kChanged };
  Kind kind;
  std::string path;
  /// For changed JSON files, one line per changed value:
  /// `~ resource.aws_vpc.main.cidr_block: "10.0.0.0/16" -> "10.1.0.0/16"`.
  std::vector<std::string> details;
};

/// Compares the owned directories of `synthesis` with those below `dir`,
/// byte for byte; for a changed JSON file the details name each changed value.
std::vector<FileChange> diff_output(const Synthesis& synthesis, const std::filesystem::path& dir);

}  // namespace keelson

#endif  // KEELSON_SYNTH_OUTPUT_WRITER_H_
