#ifndef KEELSON_SYNTH_OUTPUT_LOCK_H_
#define KEELSON_SYNTH_OUTPUT_LOCK_H_

#include <chrono>
#include <filesystem>
#include <functional>

namespace keelson {

/// An exclusive lock on an output directory, held while keelson writes,
/// recovers or reads it, so that two runs never mix their files and `diff`
/// never sees half a swap.
///
/// It is an flock(2) on the directory itself: no lock file is left in the
/// user's directory to ignore or commit, and the kernel releases the lock
/// when the process ends, however it ends (a killed synth never leaves a
/// stale lock). Other processes that are not keelson are not held off.
class OutputLock {
 public:
  /// Locks `dir`, which must exist. When another process holds it, calls
  /// `on_wait` once and waits up to `timeout` (zero: not at all). Throws
  /// keelson::Error K4001 when the wait runs out, K4002 when the directory
  /// cannot be locked at all.
  OutputLock(const std::filesystem::path& dir, std::chrono::milliseconds timeout,
             const std::function<void()>& on_wait = {});
  ~OutputLock();
  OutputLock(const OutputLock&) = delete;
  OutputLock& operator=(const OutputLock&) = delete;

 private:
  int fd_ = -1;
};

}  // namespace keelson

#endif  // KEELSON_SYNTH_OUTPUT_LOCK_H_
