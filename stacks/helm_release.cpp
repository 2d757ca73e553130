#include "stacks/helm_release.h"

#include <fmt/core.h>

#include <set>

#include "dsl/errors.h"
#include "dsl/expression.h"
#include "dsl/pattern.h"
#include "stacks/props.h"

namespace keelson {
namespace {

// Helm's release name rule (helm.sh/helm/v3 chartutil.ValidateReleaseName):
// a DNS-1123 subdomain of at most 53 characters, leaving 10 of Kubernetes'
// 63 for what charts append to it.
constexpr std::size_t kReleaseNameMax = 53;

// From a module (terraform/modules/<stack>/) to the output directory, where
// helm-charts/ lies beside terraform/.
constexpr const char* kChartsFromModule = "/../../../helm-charts/";

bool valid_release_name(std::string_view name) {
  static const Pattern kName(R"([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)");
  return name.size() <= kReleaseNameMax && kName.full_match(name);
}

bool valid_chart_name(std::string_view chart) {
  static const Pattern kChart("[a-z0-9]([a-z0-9._-]*[a-z0-9])?");
  return kChart.full_match(chart) && chart.find("..") == std::string_view::npos;
}

bool valid_namespace(std::string_view name) {
  static const Pattern kLabel("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
  return name.size() <= 63 && kLabel.full_match(name);
}

std::vector<std::string> check_props(const HelmReleaseProps& p, const std::string& release_name) {
  std::vector<std::string> problems;
  if (!valid_chart_name(p.chart)) {
    problems.push_back(fmt::format(
        "chart \"{}\" must be a chart name: lowercase letters, digits, '.', '_' and '-', starting "
        "and ending with a letter or digit (e.g. \"detection-api\")",
        p.chart));
  }
  if (!p.repository.empty() && !p.repository.starts_with("https://") &&
      !p.repository.starts_with("oci://")) {
    problems.push_back(fmt::format(
        "repository \"{}\" must be an https:// or oci:// chart repository", p.repository));
  }
  if (!p.repository.empty() && p.version.empty()) {
    problems.push_back(fmt::format(
        "version is required for the remote chart \"{}\": pin it (e.g. \"1.13.3\"), or every "
        "apply may install whatever is newest",
        p.chart));
  }
  if (p.repository.empty() && !p.version.empty()) {
    problems.push_back(fmt::format(
        "version \"{}\" is only for a remote chart; the generated chart \"{}\" has the version of "
        "its Chart.yaml",
        p.version, p.chart));
  }
  if (!valid_release_name(release_name)) {
    problems.push_back(fmt::format(
        "release name \"{}\" must be at most {} characters of lowercase letters, digits, '-' and "
        "'.', starting and ending with a letter or digit (Helm's rule); {}",
        release_name, kReleaseNameMax,
        p.name.empty() ? "it is the chart name: give one with .name" : "choose another"));
  }
  if (!valid_namespace(p.namespace_name)) {
    problems.push_back(fmt::format(
        "namespace \"{}\" must be a DNS label: at most 63 lowercase letters, digits and '-', "
        "starting and ending with a letter or digit",
        p.namespace_name));
  }
  if (p.timeout_seconds <= 0) {
    problems.push_back(fmt::format("timeout_seconds must be positive, got {}", p.timeout_seconds));
  }
  if (p.max_history < 0) {
    problems.push_back(fmt::format("max_history must not be negative, got {}", p.max_history));
  }
  std::set<std::string_view> names;
  for (const auto& [path, value] : p.set) {
    if (path.empty()) {
      problems.push_back("set: a value path is empty");
      continue;
    }
    if (!names.insert(path).second) {
      problems.push_back(fmt::format("set: \"{}\" is set twice", path));
    }
    if (value.is_null()) {
      problems.push_back(fmt::format("set: \"{}\" has no value", path));
    } else if (value.kind() == Value::Kind::kList || value.kind() == Value::Kind::kMap) {
      problems.push_back(fmt::format(
          "set: \"{}\" is {}; give lists and maps in values, not set", path, value.kind_name()));
    }
  }
  return problems;
}

// One entry of helm 3.x's `set` list. Strings and expressions are passed as
// strings; bools and numbers as their text, for Helm to read as it would.
Value set_entry(const std::string& path, const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kBool:
    case Value::Kind::kInt:
    case Value::Kind::kFloat:
      return Value::map({{"name", path}, {"value", literal_text(value)}});
    default:
      return Value::map({{"name", path}, {"value", value}, {"type", "string"}});
  }
}

}  // namespace

HelmRelease::HelmRelease(Construct& scope, const Id& id, HelmReleaseProps props)
    : Construct(scope, id) {
  const std::string release_name = props.name.empty() ? props.chart : props.name;
  for (auto& problem : check_props(props, release_name)) {
    report(errors::validation_failed(node().path(), problem, node().where()));
  }
  // `Default` keeps the address `helm_release.<id>`.
  release_ = &resource("helm_release", "Default")
                  .set("name", release_name)
                  .set("namespace", props.namespace_name)
                  .set("create_namespace", props.create_namespace)
                  .set("atomic", props.atomic)
                  .set("wait", props.wait)
                  .set("cleanup_on_fail", props.cleanup_on_fail)
                  .set("timeout", props.timeout_seconds)
                  .set("max_history", props.max_history);
  Value::List values;
  if (props.repository.empty()) {
    const std::string chart = kChartsFromModule + props.chart;
    // A generated chart lists its repository dependencies (Prometheus,
    // Grafana...) without vendoring them: Helm fetches them at apply.
    release_->set("chart", str(raw("path.module"), chart)).set("dependency_update", true);
    values.push_back(fn::call(
        "file", {str(raw("path.module"), chart + "/values-", environment_name(), ".yaml")}));
  } else {
    release_->set("repository", props.repository)
        .set("chart", props.chart)
        .set("version", props.version);
  }
  if (!props.values.empty()) {
    values.push_back(fn::call("yamlencode", {Value(std::move(props.values))}));
  }
  if (!values.empty()) release_->set("values", Value(std::move(values)));
  if (!props.set.empty()) {
    Value::List entries;
    for (const auto& [path, value] : props.set) entries.push_back(set_entry(path, value));
    release_->set("set", Value(std::move(entries)));
  }
  if (props.provider != nullptr) release_->provider(*props.provider);
}

}  // namespace keelson
