#ifndef KEELSON_SYNTH_DOCS_COMMAND_H_
#define KEELSON_SYNTH_DOCS_COMMAND_H_

#include <filesystem>
#include <string>
#include <vector>

#include "synth/output_writer.h"

namespace keelson {

class App;

/// What `docs` reads and where it writes.
struct DocsOptions {
  std::filesystem::path out;           ///< the docs directory
  std::filesystem::path environments;  ///< the environment files
  std::vector<std::string> names;      ///< environments; empty: all
  WriteOptions write;
};

/// What write_docs() did.
struct DocsReport {
  std::size_t files = 0;
  std::size_t stacks = 0;
  std::vector<std::string> environments;
  /// Whether `architecture.svg` was rendered (Graphviz's `dot` on PATH).
  bool svg = false;
  std::vector<Diagnostic> warnings;
};

/// The directories and files of the docs directory that `docs` replaces as a
/// whole, so pages of stacks or environments that are gone disappear.
const std::vector<std::string>& docs_entries();

/// Synthesizes `app` in memory (so the docs describe exactly what `synth`
/// writes), generates every page, renders `architecture.dot` to
/// `architecture.svg` with Graphviz when `dot` is on PATH, and writes them
/// all to `options.out` as one transaction (write_output()): a failed run
/// leaves the previous docs untouched. Throws keelson::Error.
DocsReport write_docs(const App& app, const DocsOptions& options);

/// `dot` rendered to SVG by the Graphviz program `dot_program`. Throws
/// keelson::Error with dot's messages when it fails.
std::string render_svg(const std::filesystem::path& dot_program, const std::string& dot);

}  // namespace keelson

#endif  // KEELSON_SYNTH_DOCS_COMMAND_H_
