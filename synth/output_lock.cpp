#include "synth/output_lock.h"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <thread>

#include "synth/output_errors.h"

namespace keelson {

OutputLock::OutputLock(const std::filesystem::path& dir, std::chrono::milliseconds timeout,
                       const std::function<void()>& on_wait) {
  fd_ = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd_ < 0) throw Error(errors::output_not_lockable(dir, std::strerror(errno)));
  const auto start = std::chrono::steady_clock::now();
  bool waiting = false;
  while (::flock(fd_, LOCK_EX | LOCK_NB) != 0) {
    const int error = errno;
    if (error == EINTR) continue;
    if (error != EWOULDBLOCK) {
      ::close(fd_);
      throw Error(errors::output_not_lockable(dir, std::strerror(error)));
    }
    const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(
        std::chrono::steady_clock::now() - start);
    if (waited >= timeout) {
      ::close(fd_);
      throw Error(errors::output_locked(dir, waited));
    }
    if (!waiting && on_wait) on_wait();
    waiting = true;
    // Polling keeps the wait bounded without a timer signal; a synth takes
    // milliseconds to seconds, so 20 ms adds little.
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

OutputLock::~OutputLock() {
  if (fd_ >= 0) ::close(fd_);  // closing the last descriptor releases the flock
}

}  // namespace keelson
