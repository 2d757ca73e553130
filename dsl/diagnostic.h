#ifndef KEELSON_DSL_DIAGNOSTIC_H_
#define KEELSON_DSL_DIAGNOSTIC_H_

#include <stdexcept>
#include <string>
#include <vector>

namespace keelson {

/// Where something was written: a user's C++ file or an environment YAML file.
/// Lines and columns are 1-based; 0 means unknown.
struct SourceLocation {
  std::string file;
  unsigned line = 0;
  unsigned column = 0;

  bool known() const { return !file.empty(); }
  /// `file:line:column`, leaving out what is unknown.
  std::string to_string() const;
};

/// One problem found in the user's declaration or input.
///
/// Rendered like a compiler message so editors can jump to it:
/// `examples/minimal/main.cpp:12:5: error: [network/vpc] message (K1002)`
/// followed by an indented `hint:` line when there is one.
struct Diagnostic {
  enum class Severity { kError, kWarning };

  Severity severity = Severity::kError;
  std::string code;     ///< stable short code, e.g. "K1002"
  std::string path;     ///< construct path, empty when not about a construct
  std::string message;  ///< what went wrong
  std::string hint;     ///< how to fix it, may be empty
  SourceLocation where;

  std::string to_string() const;
};

/// An error: its code, what went wrong, where, how to fix it (may be empty)
/// and the construct path (empty when not about a construct).
Diagnostic make_error(std::string code, std::string message, SourceLocation where = {},
                      std::string hint = {}, std::string path = {});

/// Thrown when input is invalid; carries every diagnostic found, never just
/// the first. `what()` is all of them, one per line.
class Error : public std::runtime_error {
 public:
  explicit Error(std::vector<Diagnostic> diagnostics);
  explicit Error(Diagnostic diagnostic);
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }

 private:
  std::vector<Diagnostic> diagnostics_;
};

/// Renders diagnostics one per line (with hints), as `Error::what()` does.
std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics);

}  // namespace keelson

#endif  // KEELSON_DSL_DIAGNOSTIC_H_
