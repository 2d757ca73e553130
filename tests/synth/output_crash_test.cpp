// Crashes and concurrent runs, with real processes: a synth killed at any
// moment, or several synths into one directory at once, must leave output
// that the next run recovers, complete and current.

#include <doctest/doctest.h>
#include <signal.h>

#include <chrono>
#include <thread>

#include "synth/output_test_support.h"

using namespace keelson;
using namespace keelson::testing;
namespace fs = std::filesystem;

namespace {

constexpr int kCrashed = 99;

// Output of a clean synth of `p` into a directory of its own.
std::map<std::string, std::string> reference_output(const OutputProject& p) {
  const fs::path clean = p.dir.path() / "reference";
  REQUIRE(run(p.app, {"synth", "--out", clean.string()}).code == 0);
  return snapshot(clean);
}

// Writes `s` into `out` in a child process that dies (as if killed) just
// before its `step`th rename. Returns true when it died, false when the
// synth finished before reaching that step.
bool synth_dying_at(const Synthesis& s, const fs::path& out, int step) {
  const int status = in_child([&] {
    WriteOptions options;
    int count = 0;
    options.ops.rename = [&](const fs::path& from, const fs::path& to) {
      if (count++ == step) ::_exit(kCrashed);
      fs::rename(from, to);
    };
    write_output(s, out, options);
    return 0;
  });
  REQUIRE((status == 0 || status == kCrashed));
  return status == kCrashed;
}

}  // namespace

TEST_CASE("a crash between the renames of the swap leaves state the next diff rolls back") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const auto before = snapshot(p.out());
  p.write_env("dev", "  az_count: 2\n");
  const Synthesis changed = p.synthesis();
  p.write_env("dev", "  az_count: 1\n");
  int step = 0;
  while (synth_dying_at(changed, p.out(), step)) {
    CAPTURE(step);
    if (step == 2) {
      // Between the two renames of the first directory: it is only parked.
      CHECK_FALSE(fs::exists(p.out() / "terraform"));
      CHECK(fs::exists(p.out() / ".keelson-previous/0"));
    }
    const Run r = run(p.app, {"diff"});
    CHECK(r.code == 0);
    CHECK(r.out.find("no differences") == 0);
    CHECK(snapshot(p.out()) == before);
    CHECK(leftovers(p.out()).empty());
    ++step;
  }
  CHECK(step >= 6);  // journal draft, park, install, park manifest, install it, commit
}

TEST_CASE("a crash at any step of the swap leaves state the next synth recovers") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  p.write_env("dev", "  az_count: 2\n");
  const Synthesis changed = p.synthesis();
  const auto expected = reference_output(p);
  for (int step = 0; synth_dying_at(changed, p.out(), step); ++step) {
    CAPTURE(step);
    CHECK(run(p.app, {"synth"}).code == 0);
    CHECK(snapshot(p.out()) == expected);
    CHECK(run(p.app, {"diff"}).code == 0);
    // Back to the first output for the next step.
    p.write_env("dev", "  az_count: 1\n");
    REQUIRE(run(p.app, {"synth"}).code == 0);
    p.write_env("dev", "  az_count: 2\n");
  }
}

TEST_CASE("the crash state on disk is put back: a parked directory and a journal") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const auto before = snapshot(p.out());
  // What a synth killed between its first two renames leaves.
  fs::create_directories(p.out() / ".keelson-previous");
  write_file(p.out() / ".keelson-previous/journal",
             "# A keelson swap in progress\nexisted terraform\nexisted .keelson-manifest\n");
  fs::rename(p.out() / "terraform", p.out() / ".keelson-previous/0");
  write_file(p.out() / ".keelson-staging/terraform/modules/network/main.tf.json", "{}\n");
  const Run r = run(p.app, {"diff"});
  CHECK(r.code == 0);
  CHECK(r.out.find("added") == std::string::npos);
  CHECK(snapshot(p.out()) == before);
  CHECK(leftovers(p.out()).empty());
}

TEST_CASE("parked output without a journal is never deleted: synth stops and says what to do") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  // An older keelson that died between its two renames.
  fs::create_directories(p.out() / ".keelson-previous");
  fs::rename(p.out() / "terraform", p.out() / ".keelson-previous/0");
  const auto before = snapshot(p.out());
  for (const char* command : {"synth", "diff"}) {
    const Run r = run(p.app, {command});
    CHECK(r.code == 2);
    CHECK(r.err.find(".keelson-previous\" holds output an earlier run moved aside") !=
          std::string::npos);
    CHECK(r.err.find("(K4008)") != std::string::npos);
    CHECK(snapshot(p.out()) == before);
  }
}

TEST_CASE("a journal draft without a journal means nothing moved, and is cleaned up") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const auto before = snapshot(p.out());
  write_file(p.out() / ".keelson-previous/journal.tmp", "# A keelson swap in progress\n");
  write_file(p.out() / ".keelson-staging/terraform/x", "partial");
  write_file(p.out() / ".keelson-trash/0/y", "old");
  CHECK(run(p.app, {"diff"}).code == 0);
  CHECK(leftovers(p.out()).empty());
  CHECK(snapshot(p.out()) == before);
}

TEST_CASE("simultaneous synths into one directory take turns and leave one complete output") {
  OutputProject p;
  const auto expected = reference_output(p);
  const auto start = std::chrono::steady_clock::now();
  for (int round = 0; round < 12; ++round) {
    CAPTURE(round);
    // Both children start together; each synthesizes twice.
    std::vector<pid_t> children;
    for (int child = 0; child < 2; ++child) {
      children.push_back(start_child([&] {
        int code = 0;
        for (int i = 0; i < 2 && code == 0; ++i) {
          const Run r = run(p.app, {"synth"});
          code = r.code;
          // A failure must be a clear one: the lock's, naming the directory.
          if (r.code != 0 && r.err.find("(K4001)") == std::string::npos) code = 3;
          if (r.code == 0 && !r.err.empty() && r.err.find("waiting for another keelson run") != 0) {
            code = 4;
          }
        }
        return code;
      }));
    }
    for (const pid_t pid : children) {
      int status = 0;
      ::waitpid(pid, &status, 0);
      REQUIRE(WIFEXITED(status));
      CHECK(WEXITSTATUS(status) == 0);
    }
    CHECK(snapshot(p.out()) == expected);
    CHECK(leftovers(p.out()).empty());
  }
  CHECK(run(p.app, {"diff"}).code == 0);
  CHECK(std::chrono::steady_clock::now() - start < std::chrono::seconds(20));
}

TEST_CASE("a synth killed at varied moments is recovered by the next one") {
  OutputProject p;
  const auto expected = reference_output(p);
  REQUIRE(run(p.app, {"synth"}).code == 0);
  // Measure one synth, so the kills spread over a whole run.
  const auto t0 = std::chrono::steady_clock::now();
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const auto one =
      std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - t0);
  for (int i = 0; i < 30; ++i) {
    CAPTURE(i);
    // Synthesize over and over until killed, so a kill lands anywhere.
    const pid_t pid = start_child([&] {
      for (;;) run(p.app, {"synth"});
      return 0;
    });
    std::this_thread::sleep_for(one * (i % 10) / 4 + std::chrono::microseconds(50 * i));
    ::kill(pid, SIGKILL);
    int status = 0;
    ::waitpid(pid, &status, 0);
    const Run r = run(p.app, {"synth"});
    CHECK(r.code == 0);
    CHECK(snapshot(p.out()) == expected);
    CHECK(leftovers(p.out()).empty());
    CHECK(run(p.app, {"diff"}).out.find("no differences") == 0);
  }
}
