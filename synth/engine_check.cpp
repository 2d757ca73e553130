#include "synth/engine_check.h"

#include <fmt/core.h>
#include <stdlib.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "dsl/diagnostic.h"
#include "generators/terraform_root.h"
#include "synth/child_process.h"
#include "synth/file_text.h"

namespace keelson {
namespace {

namespace fs = std::filesystem;

// One warning is about the installation, not the configuration: with a
// filesystem mirror or a plugin cache, init can hash the providers for this
// platform only and says so.
constexpr std::string_view kLockFileWarning =
    "Warning: Incomplete lock file information for providers";

bool has_warning(const std::string& log) {
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.rfind("Warning: ", 0) == 0 && line != kLockFileWarning) return true;
  }
  return false;
}

fs::path make_scratch_directory() {
  std::string pattern = (fs::temp_directory_path() / "keelson-engine-XXXXXX").string();
  if (::mkdtemp(pattern.data()) == nullptr) {
    throw Error(make_error(
        "K5002", "cannot create a scratch directory in " + fs::temp_directory_path().string()));
  }
  return pattern;
}

void write_files(const FileSet& files, const fs::path& directory) {
  for (const auto& [name, content] : files) {
    const fs::path file = directory / name;
    fs::create_directories(file.parent_path());
    std::ofstream stream(file, std::ios::binary);
    if (!(stream << content)) throw Error(make_error("K5002", "cannot write " + file.string()));
  }
}

}  // namespace

bool check_with_engine(const Synthesis& synthesis, const EngineCheckOptions& options,
                       std::ostream& out) {
  const auto engine = find_on_path(options.engine);
  if (!engine) {
    throw Error(make_error(
        "K5001", fmt::format("`{}` is not on PATH", options.engine), {},
        "install OpenTofu (tofu) or Terraform (terraform) 1.10 or later, or name the other "
        "with --engine"));
  }
  const fs::path scratch = make_scratch_directory();
  write_files(synthesis.files, scratch);

  // Automation mode, no prompts and no update check; the roots' S3 backends
  // are left out by -backend=false, so no state is read or locked.
  const std::vector<std::string> environment = {"TF_IN_AUTOMATION=1", "TF_INPUT=0",
                                                "CHECKPOINT_DISABLE=1"};
  std::vector<std::vector<std::string>> steps = {
      {"init", "-backend=false", "-input=false", "-no-color"}, {"validate", "-no-color"}};
  if (options.plan) steps.push_back({"test", "-no-color"});

  bool all_passed = true;
  for (const auto& env : synthesis.environments) {
    const fs::path root = scratch / root_directory(env);
    std::string done;
    bool passed = true;
    for (const auto& step : steps) {
      const fs::path log = scratch / (env + "-" + step[0] + ".log");
      int status = 0;
      try {
        status = run_child(*engine, step, environment, root, log);
      } catch (const std::runtime_error& e) {
        throw Error(make_error("K5002", e.what()));
      }
      const std::string text = file_text(log);
      const bool warned = has_warning(text);
      if (status == 0 && !warned) {
        done += (done.empty() ? "" : ", ") + step[0];
        continue;
      }
      out << text;
      out << fmt::format("{}: `{} {}` {}\n", env, options.engine, step[0],
                         status != 0 ? fmt::format("failed (exit {})", status) : "warned");
      passed = false;
      break;
    }
    if (passed) out << fmt::format("{}: {} passed\n", env, done);
    all_passed = all_passed && passed;
  }
  if (all_passed) {
    fs::remove_all(scratch);
  } else {
    out << fmt::format("the synthesized output and the logs are kept in {}\n", scratch.string());
  }
  return all_passed;
}

}  // namespace keelson
