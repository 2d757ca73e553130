#include "synth/output_writer.h"

#include <doctest/doctest.h>

#include <thread>

#include "synth/output_lock.h"
#include "synth/output_manifest.h"
#include "synth/output_test_support.h"

using namespace keelson;
using namespace keelson::testing;
namespace fs = std::filesystem;
using std::chrono::milliseconds;

namespace {

// Every file of `p`'s output directory before `act`, compared with after it.
void expect_untouched(const OutputProject& p, const std::function<void()>& act) {
  const auto before = snapshot(p.out());
  REQUIRE_FALSE(before.empty());
  act();
  CHECK(snapshot(p.out()) == before);
  CHECK(leftovers(p.out()).empty());
}

// File operations whose `n`th file write (counting from 0) fails with `error`.
FileOps failing_writes(int n, std::errc error) {
  FileOps ops = FileOps::real();
  auto count = std::make_shared<int>(0);
  ops.write = [count, n, error, write = ops.write](const fs::path& path, const std::string& text) {
    if ((*count)++ == n)
      throw fs::filesystem_error("cannot write", path, std::make_error_code(error));
    write(path, text);
  };
  return ops;
}

}  // namespace

// --- the lock -------------------------------------------------------------

TEST_CASE("a synth into a directory another run holds fails after the wait, naming it") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const Synthesis s = p.synthesis();
  const OutputLock held(p.out(), milliseconds(0));
  int waits = 0;
  WriteOptions options;
  options.lock_timeout = milliseconds(100);
  options.on_wait = [&] { ++waits; };
  expect_untouched(p, [&] {
    CHECK_THROWS_WITH_AS(write_output(s, p.out(), options),
                         doctest::Contains(("another keelson run holds the output directory \"" +
                                            p.out().generic_string() + "\"")
                                               .c_str()),
                         Error);
  });
  CHECK(waits == 1);
  try {
    write_output(s, p.out(), options);
  } catch (const Error& e) {
    CHECK(e.diagnostics().at(0).code == "K4001");
  }
}

TEST_CASE("a synth waits for the run holding the directory and then writes") {
  OutputProject p;
  fs::create_directories(p.out());
  auto held = std::make_unique<OutputLock>(p.out(), milliseconds(0));
  std::thread release([&] {
    std::this_thread::sleep_for(milliseconds(150));
    held.reset();
  });
  const Run r = run(p.app, {"synth"});
  release.join();
  CHECK(r.code == 0);
  CHECK(r.err.find("waiting for another keelson run to release") == 0);
  CHECK(fs::exists(p.out() / "terraform/modules/network/main.tf.json"));
}

TEST_CASE("diff takes the lock too, so it never reads half a swap") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const OutputLock held(p.out(), milliseconds(0));
  WriteOptions options;
  options.lock_timeout = milliseconds(0);
  CHECK_THROWS_WITH_AS(diff_output(p.synthesis(), p.out(), options), doctest::Contains("(K4001)"),
                       Error);
}

TEST_CASE("the lock leaves no file in the output directory") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  REQUIRE(run(p.app, {"diff"}).code == 0);
  std::vector<std::string> names;
  for (const auto& entry : fs::directory_iterator(p.out())) {
    names.push_back(entry.path().filename().string());
  }
  std::sort(names.begin(), names.end());
  CHECK(names == std::vector<std::string>{".keelson-manifest", "compliance", "cost", "terraform"});
}

// --- the manifest ---------------------------------------------------------

TEST_CASE("synth records exactly the files it wrote in a sorted manifest") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const std::string manifest = read_file(p.out() / ".keelson-manifest");
  CHECK(manifest.rfind("# Files keelson wrote in this directory", 0) == 0);
  std::string expected = manifest.substr(0, manifest.find('\n') + 1);
  for (const char* dir : {"compliance", "cost", "terraform"}) {
    for (const auto& [path, content] : snapshot(p.out() / dir))
      expected += std::string(dir) + "/" + path + "\n";
  }
  CHECK(manifest == expected);
  REQUIRE(run(p.app, {"synth"}).code == 0);
  CHECK(read_file(p.out() / ".keelson-manifest") == manifest);
}

TEST_CASE("a hand-written file in a directory synth replaces stops it, naming the file") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  write_file(p.out() / "terraform/legacy/main.tf", "# by hand\n");
  p.write_env("dev", "  az_count: 2\n");
  expect_untouched(p, [&] {
    const Run r = run(p.app, {"synth"});
    CHECK(r.code == 2);
    CHECK(r.err.find("holds 1 file(s) keelson did not write, in directories it replaces: "
                     "terraform/legacy/main.tf (K4003)") != std::string::npos);
    CHECK(r.err.find("synth --force") != std::string::npos);
  });
}

TEST_CASE("a file where synth writes a directory stops it, naming the file") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  fs::remove_all(p.out() / "terraform/modules/compute");
  write_file(p.out() / "terraform/modules/compute", "notes\n");
  expect_untouched(p, [&] {
    const Run r = run(p.app, {"synth"});
    CHECK(r.code == 2);
    CHECK(r.err.find("terraform/modules/compute (K4003)") != std::string::npos);
  });
}

TEST_CASE("a symbolic link in a directory synth replaces counts as a file it did not write") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  fs::create_symlink(p.dir.path() / "environments", p.out() / "terraform/envs");
  const Run r = run(p.app, {"synth"});
  CHECK(r.code == 2);
  CHECK(r.err.find("terraform/envs (K4003)") != std::string::npos);
  CHECK(fs::exists(p.dir.path() / "environments/dev.yaml"));
}

TEST_CASE("synth --force deletes the files keelson did not write and lists them") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  write_file(p.out() / "terraform/legacy/main.tf", "# by hand\n");
  write_file(p.out() / "terraform/modules/network/extra.tf", "# by hand\n");
  const Run r = run(p.app, {"synth", "--force"});
  CHECK(r.code == 0);
  CHECK(r.err ==
        "deleted 2 file(s) keelson did not write (--force):\n"
        "  terraform/legacy/main.tf\n  terraform/modules/network/extra.tf\n");
  CHECK_FALSE(fs::exists(p.out() / "terraform/legacy"));
  CHECK_FALSE(fs::exists(p.out() / "terraform/modules/network/extra.tf"));
}

TEST_CASE("files keelson wrote earlier and no longer generates are removed") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  // As an earlier synth with a stack "old" would have left it.
  write_file(p.out() / "terraform/modules/old/main.tf.json", "{}\n");
  write_file(p.out() / ".keelson-manifest",
             read_file(p.out() / ".keelson-manifest") + "terraform/modules/old/main.tf.json\n");
  REQUIRE(run(p.app, {"diff"}).out.find("removed  terraform/modules/old/main.tf.json\n") !=
          std::string::npos);
  fs::remove(p.dir.path() / "environments/prod.yaml");
  const Run r = run(p.app, {"synth"});
  CHECK(r.code == 0);
  CHECK_FALSE(fs::exists(p.out() / "terraform/modules/old"));
  CHECK_FALSE(fs::exists(p.out() / "terraform/environments/prod"));
  CHECK(read_file(p.out() / ".keelson-manifest").find("old") == std::string::npos);
}

TEST_CASE("without a manifest, the files synth writes now are its own and any other stops it") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const std::string manifest = read_file(p.out() / ".keelson-manifest");
  // Output committed by a keelson version without manifests.
  fs::remove(p.out() / ".keelson-manifest");
  write_file(p.out() / "terraform/modules/old/main.tf.json", "{}\n");
  Run r = run(p.app, {"synth"});
  CHECK(r.code == 2);
  CHECK(r.err.find("terraform/modules/old/main.tf.json (K4003)") != std::string::npos);

  fs::remove_all(p.out() / "terraform/modules/old");
  r = run(p.app, {"synth"});
  CHECK(r.code == 0);
  CHECK(read_file(p.out() / ".keelson-manifest") == manifest);
}

TEST_CASE("synth of one environment keeps the other roots in the manifest") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const std::string manifest = read_file(p.out() / ".keelson-manifest");
  REQUIRE(run(p.app, {"synth", "--env", "dev"}).code == 0);
  CHECK(read_file(p.out() / ".keelson-manifest") == manifest);
  // A hand-written file in the prod root is not in a replaced directory.
  write_file(p.out() / "terraform/environments/prod/notes.md", "mine\n");
  CHECK(run(p.app, {"synth", "--env", "dev"}).code == 0);
  CHECK(fs::exists(p.out() / "terraform/environments/prod/notes.md"));
  CHECK(run(p.app, {"synth"}).code == 2);
}

TEST_CASE("other files in the output directory are left alone") {
  OutputProject p;
  write_file(p.out() / "README.md", "kept: not ours\n");
  REQUIRE(run(p.app, {"synth"}).code == 0);
  REQUIRE(run(p.app, {"synth"}).code == 0);
  CHECK(read_file(p.out() / "README.md") == "kept: not ours\n");
}

TEST_CASE("diff ignores files keelson did not write and says so") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  write_file(p.out() / "terraform/legacy/main.tf", "# by hand\n");
  const Run r = run(p.app, {"diff"});
  CHECK(r.code == 0);
  CHECK(r.out.find("ignored  terraform/legacy/main.tf (not written by keelson)\n"
                   "no differences with ") == 0);
}

// --- where the output may go ---------------------------------------------

TEST_CASE("synth refuses an output directory that is the source tree or contains it") {
  OutputProject p;
  for (const fs::path& out : {p.dir.path(), p.dir.path().parent_path()}) {
    const Run r = run(p.app, {"synth", "--out", out.string()});
    CHECK(r.code == 2);
    CHECK(r.err.find("is the app's source directory \"" + p.dir.path().generic_string() +
                     "\" or contains it") != std::string::npos);
    CHECK(r.err.find("(K4004)") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(p.dir.path() / "terraform"));
  CHECK_FALSE(fs::exists(p.dir.path() / ".keelson-manifest"));
}

TEST_CASE("synth refuses an output directory in the environments directory") {
  OutputProject p;
  const fs::path envs = p.dir.path() / "environments";
  for (const fs::path& out : {envs, envs / "out"}) {
    const Run r = run(p.app, {"synth", "--out", out.string()});
    CHECK(r.code == 2);
    CHECK(r.err.find("is inside the environments directory") != std::string::npos);
    CHECK(r.err.find("(K4005)") != std::string::npos);
  }
  CHECK_FALSE(fs::exists(envs / "terraform"));
  CHECK_FALSE(fs::exists(envs / "out"));
}

TEST_CASE("synth refuses an output directory that is a file") {
  OutputProject p;
  write_file(p.out(), "a file\n");
  const Run r = run(p.app, {"synth"});
  CHECK(r.code == 2);
  CHECK(r.err.find("is a file where the output needs a directory (K4009)") != std::string::npos);
  CHECK(read_file(p.out()) == "a file\n");
}

// --- names and paths ------------------------------------------------------

TEST_CASE("a stack id too long for a directory name fails synth at its declaration") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  const std::string id = "s" + std::string(4999, 'x');
  p.app.stack(id).resource("aws_vpc", "main");
  const int line = __LINE__ - 1;
  expect_untouched(p, [&] {
    const Run r = run(p.app, {"synth"});
    CHECK(r.code == 2);
    CHECK(r.err.find("output_writer_test.cpp:" + std::to_string(line)) != std::string::npos);
    CHECK(r.err.find("the stack id is 5000 bytes long; it names the module's directory, and a "
                     "file name may have at most 255 bytes (K1040)") != std::string::npos);
  });
}

TEST_CASE("an output path too long for the system fails before anything is written") {
  OutputProject p;
  fs::path out = p.dir.path();
  for (int i = 0; i < 20; ++i) out /= std::string(250, 'd');
  const Run r = run(p.app, {"synth", "--out", out.string()});
  CHECK(r.code == 2);
  CHECK(r.err.find("error: the output path \"") != std::string::npos);
  CHECK(r.err.find("at most 4095 are allowed (K4007)") != std::string::npos);
  CHECK_FALSE(fs::exists(p.dir.path() / std::string(250, 'd')));
}

// --- failures while writing ----------------------------------------------

TEST_CASE("a full disk while staging leaves the previous output and no staging directory") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  p.write_env("dev", "  az_count: 2\n");
  const Synthesis s = p.synthesis();
  for (const int n : {0, 5, static_cast<int>(s.files.size())}) {
    CAPTURE(n);
    WriteOptions options;
    options.ops = failing_writes(n, std::errc::no_space_on_device);
    expect_untouched(p, [&] {
      CHECK_THROWS_WITH_AS(write_output(s, p.out(), options),
                           doctest::Contains("No space left on device (K4006)"), Error);
    });
  }
}

TEST_CASE("a rename failing at any step of the swap puts the previous output back") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth"}).code == 0);
  p.write_env("dev", "  az_count: 2\n");
  const Synthesis s = p.synthesis();
  int step = 0;
  for (bool failed = true; failed; ++step) {
    CAPTURE(step);
    WriteOptions options;
    auto count = std::make_shared<int>(0);
    options.ops.rename = [count, step](const fs::path& from, const fs::path& to) {
      if ((*count)++ == step)
        throw fs::filesystem_error("rename", from, to, std::make_error_code(std::errc::io_error));
      fs::rename(from, to);
    };
    failed = false;
    const auto before = snapshot(p.out());
    try {
      write_output(s, p.out(), options);
    } catch (const Error& e) {
      failed = true;
      CHECK(e.diagnostics().at(0).code == "K4006");
      CHECK(snapshot(p.out()) == before);
      CHECK(leftovers(p.out()).empty());
    }
  }
  CHECK(step > 4);  // journal, two parks, two installs, commit
  CHECK(read_file(p.out() / "terraform/environments/dev/terraform.tfvars.json") ==
        "{\n  \"az_count\": 2\n}\n");
}

TEST_CASE("a file where synth of one environment needs a directory fails before writing") {
  OutputProject p;
  REQUIRE(run(p.app, {"synth", "--env", "dev"}).code == 0);
  fs::remove_all(p.out() / "terraform/environments");
  write_file(p.out() / "terraform/environments", "not a directory\n");
  expect_untouched(p, [&] {
    const Run r = run(p.app, {"synth", "--env", "prod"});
    CHECK(r.code == 2);
    CHECK(r.err.find("terraform/environments\" is a file where the output needs a directory "
                     "(K4009)") != std::string::npos);
  });
}

// --- schema files ---------------------------------------------------------

TEST_CASE("validate --schema of a file without provider schemas is an error naming the file") {
  OutputProject p;
  const fs::path file = p.dir.path() / "empty-schema.json";
  for (const char* text :
       {R"({"format_version":"1.0"})", R"({"format_version":"1.0","provider_schemas":{}})"}) {
    write_file(file, text);
    const Run r = run(p.app, {"validate", "--schema", file.string()});
    CHECK(r.code == 2);
    CHECK(r.err.find("provider schema file \"" + file.string() +
                     "\" holds no provider schemas (K3005)") != std::string::npos);
    CHECK(r.out.empty());
  }
}
