// Which Kubernetes versions EKS still creates clusters on (docs/stacks/compute.md).
#include "stacks/eks_version.h"

#include <fmt/core.h>
#include <fmt/format.h>

#include <charconv>
#include <utility>

#include "dsl/pattern.h"

namespace keelson {
namespace {

// The minor number of "1.<minor>"; nullopt when `version` is not of that form.
std::optional<int> minor_of(std::string_view version) {
  static const Pattern kMinorVersion(R"(1\.\d{1,2})");
  if (!kMinorVersion.full_match(std::string(version))) return std::nullopt;
  int minor = 0;
  std::from_chars(version.data() + 2, version.data() + version.size(), minor);
  return minor;
}

}  // namespace

const std::vector<std::string>& eks_creatable_versions() {
  // Standard support: 1.34 (until 2 December 2026), 1.35 (27 March 2027),
  // 1.36 (2 August 2027). Extended support: 1.32 (until 23 March 2027), 1.33
  // (29 July 2027). 1.31's extended support ended on 26 November 2026, 1.28's
  // on 26 November 2025. Update this list when the calendar moves.
  static const std::vector<std::string> kVersions = {"1.32", "1.33", "1.34", "1.35", "1.36"};
  return kVersions;
}

Value::List eks_version_choices() {
  Value::List out;
  for (const auto& version : eks_creatable_versions()) out.emplace_back(version);
  return out;
}

std::optional<std::string> check_eks_version(std::string_view field, const Value& version) {
  if (version.contains_expr()) return std::nullopt;
  if (!version.is_string()) {
    return fmt::format("{} must be a Kubernetes minor version like \"{}\", got {}", field,
                       kEksDefaultVersion, version.kind_name());
  }
  const std::string& text = version.as_string();
  const auto minor = minor_of(text);
  if (!minor) {
    return fmt::format("{} must be a Kubernetes minor version like \"{}\", got \"{}\"", field,
                       kEksDefaultVersion, text);
  }
  const auto& known = eks_creatable_versions();
  if (*minor < *minor_of(known.front())) {
    return fmt::format(
        "{} \"{}\" is past the end of EKS extended support: AWS no longer creates clusters on it; "
        "use one of {} (the default is \"{}\")",
        field, text, fmt::join(known, ", "), kEksDefaultVersion);
  }
  return std::nullopt;
}

}  // namespace keelson
