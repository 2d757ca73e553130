#ifndef KEELSON_TESTS_SYNTH_OUTPUT_TEST_SUPPORT_H_
#define KEELSON_TESTS_SYNTH_OUTPUT_TEST_SUPPORT_H_

#include <sys/wait.h>
#include <unistd.h>

#include <filesystem>
#include <functional>
#include <string>

#include "dsl/app.h"
#include "synth/output_writer.h"
#include "synth/synthesizer.h"
#include "test_support.h"

namespace keelson::testing {

/// A two-stack app with one parameter and two environments, rooted in a
/// temporary directory, for the output directory tests.
struct OutputProject {
  TempDir dir;
  App app{"demo", options_at(dir.path())};

  OutputProject() {
    auto zones = app.param<int>("az_count", {.description = "Zones.", .min = 1, .max = 3});
    auto& network = app.stack("network");
    auto& vpc = network.resource("aws_vpc", "main").set("cidr_block", "10.0.0.0/16");
    network.resource("aws_subnet", "private")
        .count(zones)
        .set("vpc_id", vpc.id())
        .set("cidr_block", fn::cidrsubnet(vpc.attr("cidr_block"), 8, count_index()));
    app.stack("compute").resource("aws_security_group", "web").set("vpc_id", vpc.id());
    write_env("dev", "  az_count: 1\n");
    write_env("prod", "  az_count: 3\n");
  }

  void write_env(const std::string& name, const std::string& parameters) const {
    write_file(dir.path() / "environments" / (name + ".yaml"), environment_yaml(parameters));
  }
  std::filesystem::path out() const { return dir.path() / "generated"; }
  Synthesis synthesis(std::vector<std::string> environments = {}) const {
    return synthesize(app, dir.path() / "environments", environments);
  }
};

/// Starts `child` in a forked process, which exits with what it returns
/// (125 if it throws): it never returns into the test runner.
inline pid_t start_child(const std::function<int()>& child) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    int code = 125;
    try {
      code = child();
    } catch (...) {
    }
    ::_exit(code);
  }
  return pid;
}

/// Runs `child` in a forked process and returns its exit status.
inline int in_child(const std::function<int()>& child) {
  const pid_t pid = start_child(child);
  int status = 0;
  ::waitpid(pid, &status, 0);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// The names of keelson's working entries left in `out` (staging, parked
/// output, trash): none when the directory is consistent.
inline std::vector<std::string> leftovers(const std::filesystem::path& out) {
  std::vector<std::string> names;
  for (const char* name : {".keelson-staging", ".keelson-previous", ".keelson-trash"}) {
    if (std::filesystem::exists(std::filesystem::symlink_status(out / name))) {
      names.emplace_back(name);
    }
  }
  return names;
}

}  // namespace keelson::testing

#endif  // KEELSON_TESTS_SYNTH_OUTPUT_TEST_SUPPORT_H_
