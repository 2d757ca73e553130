#ifndef KEELSON_SYNTH_OUTPUT_WRITER_H_
#define KEELSON_SYNTH_OUTPUT_WRITER_H_

#include <chrono>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "synth/output_swap.h"
#include "synth/synthesizer.h"

namespace keelson {

/// How write_output() and diff_output() treat the output directory.
struct WriteOptions {
  /// Delete files keelson did not write from the directories it replaces,
  /// instead of refusing to write (`synth --force`).
  bool force = false;
  /// How long to wait for another keelson run that holds the directory.
  std::chrono::milliseconds lock_timeout = std::chrono::seconds(60);
  /// Called once when the directory is held by another run, before waiting.
  std::function<void()> on_wait;
  /// The file operations; tests replace them to fail at a chosen step.
  FileOps ops = FileOps::real();
};

/// What write_output() did besides writing the synthesis.
struct WriteReport {
  /// Files keelson did not write that `force` deleted, relative and sorted.
  std::vector<std::string> deleted;
};

/// Writes a synthesis below `out`, holding an OutputLock on it throughout.
///
/// First it recovers from a run that died in the middle (recover_output()).
/// It refuses (K4003) when a directory it replaces holds a file keelson did
/// not write: one neither in the manifest (Manifest) nor generated now,
/// unless `options.force`. Every file then goes to a staging directory, and
/// the owned directories and the manifest are swapped in as one transaction
/// (swap_in()), so a failure or a crash leaves the previous output as it was,
/// and files from earlier runs that are no longer generated disappear.
/// Throws keelson::Error (K4xxx) naming the directory or file.
WriteReport write_output(const Synthesis& synthesis, const std::filesystem::path& out,
                         const WriteOptions& options = {});

/// One difference between a synthesis and a directory.
struct FileChange {
  enum class Kind { kAdded, kRemoved, kChanged };
  Kind kind;
  std::string path;
  /// For changed JSON files, one line per changed value:
  /// `~ resource.aws_vpc.main.cidr_block: "10.0.0.0/16" -> "10.1.0.0/16"`.
  std::vector<std::string> details;
};

/// The outcome of diff_output().
struct OutputDiff {
  /// The differences, sorted by path.
  std::vector<FileChange> changes;
  /// Files in the owned directories that keelson did not write (neither in
  /// the manifest nor generated now): not compared, sorted.
  std::vector<std::string> ignored;
};

/// Compares the owned directories of `synthesis` with those below `dir`,
/// byte for byte; for a changed JSON file the details name each changed value.
/// A file is "removed" only when the manifest says keelson wrote it. Holds
/// the OutputLock while reading and first recovers from a run that died in
/// the middle, so it never sees half a swap.
OutputDiff diff_output(const Synthesis& synthesis, const std::filesystem::path& dir,
                       const WriteOptions& options = {});

/// keelson's files in an output directory, as a review compares them.
struct CommittedOutput {
  /// Files below the owned directories of the synthesis that keelson wrote
  /// (in the manifest, or generated now), by relative path.
  FileSet files;
  /// Files there that keelson did not write: not compared, sorted.
  std::vector<std::string> ignored;
};

/// Reads the files of `dir` that a synthesis would replace, holding the
/// OutputLock and first recovering from a run that died in the middle.
/// Throws keelson::Error (K4011) when `dir` does not exist or is not a
/// directory, and std::filesystem errors when a file cannot be read.
CommittedOutput read_output(const Synthesis& synthesis, const std::filesystem::path& dir,
                            const WriteOptions& options = {});

}  // namespace keelson

#endif  // KEELSON_SYNTH_OUTPUT_WRITER_H_
