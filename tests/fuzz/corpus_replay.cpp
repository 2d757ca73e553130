// Replays a fuzz corpus without libFuzzer: runs LLVMFuzzerTestOneInput on
// every file given (directories: every regular file in them, sorted), each in
// a child process, so that a crash, a sanitizer report, a hang or a runaway
// allocation fails that one file with its name instead of ending or stalling
// the whole run. Used by ctest, so every corpus file is a regression test.
//
//   corpus_replay [--timeout=SECONDS] [--rss-limit-mb=MB] PATH...
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <string>
#include <thread>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

struct Limits {
  double seconds = 10;
  long rss_mb = 2048;
};

std::vector<fs::path> expand(const std::vector<std::string>& arguments) {
  std::vector<fs::path> files;
  for (const auto& argument : arguments) {
    const fs::path path(argument);
    if (fs::is_directory(path)) {
      std::vector<fs::path> inside;
      for (const auto& entry : fs::directory_iterator(path)) {
        if (entry.is_regular_file()) inside.push_back(entry.path());
      }
      std::sort(inside.begin(), inside.end());
      files.insert(files.end(), inside.begin(), inside.end());
    } else {
      files.push_back(path);
    }
  }
  return files;
}

std::string read_all(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Resident memory of a process in MB, or -1 once it is gone.
long rss_mb(pid_t pid) {
  std::ifstream statm("/proc/" + std::to_string(pid) + "/statm");
  long pages = 0;
  long resident = 0;
  if (!(statm >> pages >> resident)) return -1;
  return resident * (::sysconf(_SC_PAGESIZE) / 1024) / 1024;
}

// Runs the target on `input` in a child; returns empty when it passed, else why not.
// The parent enforces the limits (rather than alarm() or RLIMIT_AS in the
// child) because both also work under AddressSanitizer, whose shadow memory
// makes address-space limits meaningless.
std::string run_one(const std::string& input, const Limits& limits) {
  std::fflush(stdout);
  std::fflush(stderr);
  const pid_t pid = ::fork();
  if (pid < 0) return std::string("fork failed: ") + std::strerror(errno);
  if (pid == 0) {
    LLVMFuzzerTestOneInput(reinterpret_cast<const std::uint8_t*>(input.data()), input.size());
    std::fflush(stdout);
    std::fflush(stderr);
    ::_exit(0);
  }
  const auto deadline = Clock::now() + std::chrono::duration<double>(limits.seconds);
  std::string killed_because;
  long peak = 0;
  int status = 0;
  for (;;) {
    const pid_t done = ::waitpid(pid, &status, WNOHANG);
    if (done == pid) break;
    if (done < 0 && errno != EINTR) return std::string("waitpid failed: ") + std::strerror(errno);
    peak = std::max(peak, rss_mb(pid));
    if (killed_because.empty()) {
      if (Clock::now() > deadline) {
        killed_because = "hung: still running after " + std::to_string(limits.seconds) + " s";
      } else if (peak > limits.rss_mb) {
        killed_because = "used " + std::to_string(peak) + " MB, more than the limit of " +
                         std::to_string(limits.rss_mb) + " MB";
      }
      if (!killed_because.empty()) ::kill(pid, SIGKILL);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  if (!killed_because.empty()) return killed_because;
  if (WIFSIGNALED(status)) {
    return std::string("crashed: signal ") + std::to_string(WTERMSIG(status)) + " (" +
           ::strsignal(WTERMSIG(status)) + ")";
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0) {
    return "failed: exit code " + std::to_string(WEXITSTATUS(status)) +
           " (a sanitizer report, if any, is above)";
  }
  return {};
}

int usage(const char* program) {
  std::fprintf(stderr, "usage: %s [--timeout=SECONDS] [--rss-limit-mb=MB] PATH...\n", program);
  return 2;
}

}  // namespace

int main(int argc, char** argv) {
  Limits limits;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string argument = argv[i];
    if (argument.rfind("--timeout=", 0) == 0) {
      limits.seconds = std::atof(argument.c_str() + std::strlen("--timeout="));
    } else if (argument.rfind("--rss-limit-mb=", 0) == 0) {
      limits.rss_mb = std::atol(argument.c_str() + std::strlen("--rss-limit-mb="));
    } else if (argument.rfind("--", 0) == 0) {
      return usage(argv[0]);
    } else {
      paths.push_back(argument);
    }
  }
  if (paths.empty() || limits.seconds <= 0 || limits.rss_mb <= 0) return usage(argv[0]);

  const std::vector<fs::path> files = expand(paths);
  if (files.empty()) {
    std::fprintf(stderr, "no corpus files in the paths given\n");
    return 1;
  }
  std::vector<std::string> failures;
  for (const auto& file : files) {
    const auto start = Clock::now();
    const std::string problem = run_one(read_all(file), limits);
    const auto ms =
        std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - start).count();
    if (problem.empty()) {
      std::printf("ok    %s (%lld ms)\n", file.filename().c_str(), static_cast<long long>(ms));
    } else {
      std::printf("FAIL  %s: %s\n", file.filename().c_str(), problem.c_str());
      failures.push_back(file.string() + ": " + problem);
    }
    std::fflush(stdout);
  }
  std::printf("%zu file(s), %zu failed\n", files.size(), failures.size());
  for (const auto& failure : failures) std::printf("  %s\n", failure.c_str());
  return failures.empty() ? 0 : 1;
}
