// Which Lambda runtimes Lambda still creates functions on (docs/stacks/compute.md).
#include "stacks/lambda_runtime.h"

#include <fmt/core.h>

#include <vector>

namespace keelson {
namespace {

// The runtimes of one language.
struct Language {
  std::vector<const char*> retired;  // function creation blocked
  std::vector<const char*> current;  // what to use instead, oldest first
};

// From Lambda's runtime deprecation schedule. Python 3.9 was blocked for new
// functions on 3 February 2026, 3.10 and 3.11 (Amazon Linux 2) on 31 July
// 2026; Node.js 18 was deprecated on 1 September 2025 and Node.js 20 on 30
// April 2026, each blocked for new functions soon after; .NET 6, Go 1.x and the
// Amazon Linux 1 runtimes before. Update this table when the schedule moves.
const std::vector<Language>& languages() {
  static const std::vector<Language> kLanguages = {
      {{"python2.7", "python3.6", "python3.7", "python3.8", "python3.9", "python3.10",
        "python3.11"},
       {"python3.12", "python3.13", "python3.14"}},
      {{"nodejs", "nodejs4.3", "nodejs6.10", "nodejs8.10", "nodejs10.x", "nodejs12.x", "nodejs14.x",
        "nodejs16.x", "nodejs18.x", "nodejs20.x"},
       {"nodejs22.x", "nodejs24.x"}},
      {{"dotnetcore1.0", "dotnetcore2.0", "dotnetcore2.1", "dotnetcore3.1", "dotnet6"},
       {"dotnet8", "dotnet10"}},
      {{"java8"}, {"java21", "java25"}},
      {{"ruby2.5", "ruby2.7"}, {"ruby3.3", "ruby3.4"}},
      {{"go1.x"}, {"provided.al2023"}},
      {{"provided"}, {"provided.al2023"}},
  };
  return kLanguages;
}

}  // namespace

std::optional<std::string> check_lambda_runtime(std::string_view field, const Value& runtime) {
  if (runtime.contains_expr() || !runtime.is_string()) return std::nullopt;
  const std::string& id = runtime.as_string();
  for (const Language& language : languages()) {
    for (const char* retired : language.retired) {
      if (id != retired) continue;
      std::string instead;
      for (const char* current : language.current) {
        instead += (instead.empty() ? "" : ", ") + std::string(current);
      }
      return fmt::format(
          "{} \"{}\" is deprecated: Lambda no longer creates functions on it; use one of {}", field,
          id, instead);
    }
  }
  return std::nullopt;
}

}  // namespace keelson
