#include "dsl/diagnostic.h"

#include <fmt/core.h>

namespace keelson {

std::string SourceLocation::to_string() const {
  if (file.empty()) return {};
  if (line == 0) return file;
  if (column == 0) return fmt::format("{}:{}", file, line);
  return fmt::format("{}:{}:{}", file, line, column);
}

std::string Diagnostic::to_string() const {
  std::string out;
  if (where.known()) out += where.to_string() + ": ";
  out += severity == Severity::kError ? "error: " : "warning: ";
  if (!path.empty()) out += "[" + path + "] ";
  out += message;
  if (!code.empty()) out += " (" + code + ")";
  if (!hint.empty()) out += "\n  hint: " + hint;
  return out;
}

Diagnostic make_error(std::string code, std::string message, SourceLocation where,
                      std::string hint, std::string path) {
  Diagnostic d;
  d.code = std::move(code);
  d.path = std::move(path);
  d.message = std::move(message);
  d.hint = std::move(hint);
  d.where = std::move(where);
  return d;
}

std::string format_diagnostics(const std::vector<Diagnostic>& diagnostics) {
  std::string out;
  for (const auto& d : diagnostics) {
    if (!out.empty()) out += '\n';
    out += d.to_string();
  }
  return out;
}

Error::Error(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(format_diagnostics(diagnostics)), diagnostics_(std::move(diagnostics)) {}

Error::Error(Diagnostic diagnostic) : Error(std::vector<Diagnostic>{std::move(diagnostic)}) {}

}  // namespace keelson
