#ifndef KEELSON_SYNTH_OUTPUT_SWAP_H_
#define KEELSON_SYNTH_OUTPUT_SWAP_H_

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

namespace keelson {

/// The file operations of a swap. Tests replace them to fail or stop at a
/// chosen step (a full disk, a crash between two renames); the defaults do
/// the real thing.
struct FileOps {
  /// Writes `content` to `path`, creating its parent directories.
  std::function<void(const std::filesystem::path& path, const std::string& content)> write;
  /// Renames `from` to `to` (rename(2): atomic, replaces a file at `to`).
  std::function<void(const std::filesystem::path& from, const std::filesystem::path& to)> rename;

  /// The real operations.
  static FileOps real();
};

/// Where a synthesis is written before it is swapped in, inside `out`.
std::filesystem::path staging_directory(const std::filesystem::path& out);

/// Replaces each of `entries` (paths relative to `out`: directories, or the
/// manifest file) with its counterpart below staging_directory(out), or
/// removes it when staging has none, as one transaction. Before moving
/// anything it writes a journal into `.keelson-previous/`; then each entry is
/// moved there and its replacement renamed in; renaming `.keelson-previous`
/// away commits. On an error everything is put back before rethrowing; after
/// a crash, recover_output() puts it back. Call it holding the OutputLock,
/// after recover_output().
void swap_in(const std::filesystem::path& out, const std::vector<std::string>& entries,
             const FileOps& ops);

/// Brings `out` back to a consistent state after a run that ended in the
/// middle: a swap that had begun is rolled back, so the output before it is
/// in place, and staging leftovers are removed. Does nothing to a consistent
/// directory. Throws keelson::Error K4008 when `.keelson-previous/` holds
/// something but no journal (left by an older keelson): that may be the
/// user's only copy of the previous output, so it is never deleted.
void recover_output(const std::filesystem::path& out);

}  // namespace keelson

#endif  // KEELSON_SYNTH_OUTPUT_SWAP_H_
