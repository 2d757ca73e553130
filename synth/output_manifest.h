#ifndef KEELSON_SYNTH_OUTPUT_MANIFEST_H_
#define KEELSON_SYNTH_OUTPUT_MANIFEST_H_

#include <filesystem>
#include <functional>
#include <set>
#include <string>
#include <vector>

namespace keelson {

/// The record of what keelson wrote into an output directory, kept in the
/// directory itself, so that it never deletes a file somebody else put there.
///
/// One relative path per line (`terraform/modules/network/main.tf.json`),
/// sorted, after a comment line; deterministic, so it can be committed with
/// the output.
struct Manifest {
  /// The manifest's file name, directly in the output directory.
  static constexpr const char* kFileName = ".keelson-manifest";

  /// False when the directory has no manifest (never written, or written by
  /// a keelson version before manifests).
  bool found = false;
  /// Relative paths of the files keelson wrote.
  std::set<std::string> files;

  /// Reads the manifest of output directory `out`; an empty one when there is
  /// none. Blank lines and `#` comments are skipped. Throws std::filesystem
  /// errors when it exists but cannot be read.
  static Manifest read(const std::filesystem::path& out);

  /// The manifest's text.
  std::string render() const;
};

/// The files and symbolic links below the directories `owned` (relative to
/// `out`) for which `is_keelson_file` is false, as sorted relative paths.
/// An owned path that is itself a file counts too. Empty directories are not
/// listed: they hold nothing to lose.
std::vector<std::string> foreign_files(
    const std::filesystem::path& out, const std::vector<std::string>& owned,
    const std::function<bool(const std::string&)>& is_keelson_file);

}  // namespace keelson

#endif  // KEELSON_SYNTH_OUTPUT_MANIFEST_H_
