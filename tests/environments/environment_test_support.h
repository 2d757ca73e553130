#ifndef KEELSON_TESTS_ENVIRONMENTS_ENVIRONMENT_TEST_SUPPORT_H_
#define KEELSON_TESTS_ENVIRONMENTS_ENVIRONMENT_TEST_SUPPORT_H_

#include <initializer_list>
#include <ostream>
#include <string>
#include <vector>

namespace keelson::testing {

inline constexpr const char* kFile = "environments/dev.yaml";

// The smallest valid environment: five lines, so text appended starts at line 6.
inline constexpr const char* kMinimal =
    "region: us-east-1\n"
    "account: \"123456789012\"\n"
    "backend:\n"
    "  bucket: detection-api-tfstate\n"
    "  use_lockfile: true\n";

// Diagnostic summaries, one a line; printed whole (long lines cut) when a
// comparison fails.
struct Lines {
  Lines() = default;
  Lines(std::initializer_list<std::string> items) : lines(items) {}
  std::vector<std::string> lines;
  std::size_t size() const { return lines.size(); }
  const std::string& operator[](std::size_t i) const { return lines[i]; }
  friend bool operator==(const Lines& a, const Lines& b) { return a.lines == b.lines; }
  friend std::ostream& operator<<(std::ostream& out, const Lines& l) {
    out << "{";
    for (const auto& line : l.lines) out << "\n  " << line.substr(0, 300);
    return out << "\n}";
  }
};

}  // namespace keelson::testing

#endif  // KEELSON_TESTS_ENVIRONMENTS_ENVIRONMENT_TEST_SUPPORT_H_
