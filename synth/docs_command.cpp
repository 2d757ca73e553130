#include "synth/docs_command.h"

#include <unistd.h>

#include <atomic>
#include <fstream>
#include <sstream>

#include "dsl/app.h"
#include "environments/environment.h"
#include "generators/docs_model.h"
#include "generators/docs_site.h"
#include "synth/child_process.h"
#include "synth/file_text.h"
#include "synth/synthesizer.h"

namespace keelson {
namespace {

namespace fs = std::filesystem;

// A private scratch directory, removed when the run ends however it ends.
class ScratchDirectory {
 public:
  ScratchDirectory() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("keelson-docs-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~ScratchDirectory() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  ScratchDirectory(const ScratchDirectory&) = delete;
  ScratchDirectory& operator=(const ScratchDirectory&) = delete;
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

}  // namespace

const std::vector<std::string>& docs_entries() {
  static const std::vector<std::string> kEntries = {
      "README.md",    "architecture.dot", "architecture.svg", "charts",
      "environments", "modules",          "runbooks"};
  return kEntries;
}

std::string render_svg(const fs::path& dot_program, const std::string& dot) {
  const ScratchDirectory scratch;
  std::ofstream(scratch.path() / "architecture.dot", std::ios::binary) << dot;
  const fs::path log = scratch.path() / "dot.log";
  const int status = run_child(dot_program, {"-Tsvg", "-o", "architecture.svg", "architecture.dot"},
                               {}, scratch.path(), log);
  if (status != 0) {
    throw Error(make_error("K7101",
                           "Graphviz `dot -Tsvg` failed (exit " + std::to_string(status) +
                               ") on architecture.dot: " + file_text(log),
                           {}, "check the Graphviz installation (Debian package graphviz)"));
  }
  return file_text(scratch.path() / "architecture.svg");
}

DocsReport write_docs(const App& app, const DocsOptions& options) {
  const Synthesis s = synthesize(app, options.environments, options.names);
  std::vector<DocEnvironment> environments;
  for (const auto& name : s.environments) {
    const Environment env = load_environment(options.environments, name);
    environments.push_back({env.name, env.region, env.account, {}, {}, {}});
  }
  const DocsModel model = docs_model(s.plan, s.files, environments);

  Synthesis docs;
  docs.files = docs_site(model);
  DocsReport report;
  if (const auto dot = find_on_path("dot")) {  // the program itself
    docs.files["architecture.svg"] = render_svg(*dot, docs.files.at("architecture.dot"));
    report.svg = true;
  }
  docs.owned = docs_entries();
  docs.environments = s.environments;
  write_output(docs, options.out, options.write);
  report.files = docs.files.size();
  report.stacks = s.plan.stacks.size();
  report.environments = s.environments;
  report.warnings = s.warnings;
  return report;
}

}  // namespace keelson
