#ifndef KEELSON_TESTS_TEST_SUPPORT_H_
#define KEELSON_TESTS_TEST_SUPPORT_H_

#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <vector>
#include <string>

#include "dsl/app.h"
#include "synth/cli.h"

namespace keelson::testing {

/// A fresh directory removed when the object goes away.
class TempDir {
 public:
  TempDir() {
    static int counter = 0;
    path_ = std::filesystem::temp_directory_path() /
            ("keelson-test-" + std::to_string(::getpid()) + "-" + std::to_string(++counter));
    std::filesystem::remove_all(path_);
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

inline void write_file(const std::filesystem::path& path, const std::string& content) {
  std::filesystem::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << content;
}

inline std::string read_file(const std::filesystem::path& path) {
  std::ifstream file(path, std::ios::binary);
  std::ostringstream out;
  out << file.rdbuf();
  return out.str();
}

/// Every regular file below `dir` with its content, by relative path.
inline std::map<std::string, std::string> snapshot(const std::filesystem::path& dir) {
  std::map<std::string, std::string> out;
  if (!std::filesystem::exists(dir)) return out;
  for (const auto& entry : std::filesystem::recursive_directory_iterator(dir)) {
    if (entry.is_regular_file()) {
      out[std::filesystem::relative(entry.path(), dir).generic_string()] = read_file(entry.path());
    }
  }
  return out;
}

/// An environment file with the given parameters block (YAML, indented by two).
inline std::string environment_yaml(const std::string& parameters) {
  return "region: us-east-1\n"
         "account: \"123456789012\"\n"
         "backend: {bucket: test-terraform-state, use_lockfile: true}\n"
         // Every test environment deploys to this one account.
         "isolation:\n"
         "  shared_account: test fixtures share one account\n"
         "parameters:\n" +
         parameters;
}

/// An App rooted at `root` (where `environments/` and `generated/` live).
inline AppOptions options_at(const std::filesystem::path& root) {
  AppOptions options;
  options.root = root;
  return options;
}

/// What one run of the command line printed and returned.
struct Run {
  int code;
  std::string out;
  std::string err;
};

/// Runs the command line of `app` (as program `demo`) with `args`.
inline Run run(const App& app, std::vector<std::string> args) {
  std::ostringstream out;
  std::ostringstream err;
  const int code = run_cli(app, "demo", args, out, err);
  return {code, out.str(), err.str()};
}

}  // namespace keelson::testing

#endif  // KEELSON_TESTS_TEST_SUPPORT_H_
