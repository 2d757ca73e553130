#include "charts/chart.h"

#include <fmt/format.h>

#include "charts/kubernetes_names.h"
#include "dsl/secret_names.h"
#include "charts/values_schema.h"
#include "dsl/pattern.h"
#include "dsl/quote.h"

namespace keelson {
namespace {

// Helm's version ranges (Masterminds semver): comparisons joined by spaces
// or commas, alternatives by `||`, hyphen ranges (`1.2 - 1.4`), `x` and
// `*` wildcards. Checked word by word: one expression for the whole would
// be too large for RE2.
bool is_version_range(std::string_view range) {
  static const Pattern comparison(
      R"((\^|~|[<>]=?|!=|=)?v?(\d+|[xX*])(\.(\d+|[xX*])){0,2}(-[0-9A-Za-z.-]+)?(\+[0-9A-Za-z.-]+)?)");
  if (range.empty() || range.size() > 256) return false;
  std::string text;
  for (char c : range) {
    // `>= 1.0` is `>=1.0`; a comma joins like a space.
    if (c == ' ' && !text.empty() && std::string_view("<>=~^!").find(text.back()) != std::string_view::npos) {
      continue;
    }
    text.push_back(c == ',' ? ' ' : c);
  }
  bool expect_version = true;  // after `-` of a hyphen range, or at the start
  std::size_t words = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = std::min(text.find(' ', start), text.size());
    const std::string_view word = std::string_view(text).substr(start, end - start);
    start = end + 1;
    if (word.empty()) continue;
    if (word == "||" || word == "-") {
      if (expect_version) return false;
      expect_version = true;
      continue;
    }
    if (!comparison.full_match(word)) return false;
    expect_version = false;
    ++words;
  }
  return words > 0 && !expect_version;
}

// Sets `value` at a dotted `path` (`monitoring.grafana.enabled`) of `map`.
void set_path(Value::Map& map, std::string_view path, Value value) {
  const auto dot = path.find('.');
  if (dot == std::string_view::npos) {
    map.insert_or_assign(std::string(path), std::move(value));
    return;
  }
  auto [it, inserted] = map.try_emplace(std::string(path.substr(0, dot)), Value::Map{});
  if (it->second.kind() != Value::Kind::kMap) it->second = Value::Map{};
  set_path(it->second.as_map(), path.substr(dot + 1), std::move(value));
}

std::vector<std::string> secret_values(const Value& value, const std::string& path) {
  std::vector<std::string> out;
  if (value.kind() != Value::Kind::kMap) return out;
  for (const auto& [key, child] : value.as_map()) {
    const std::string here = path.empty() ? key : path + "." + key;
    if (child.is_string() && !child.as_string().empty() && looks_like_secret_name(key)) {
      out.push_back(here);
    }
    auto nested = secret_values(child, here);
    out.insert(out.end(), nested.begin(), nested.end());
  }
  return out;
}

// A subchart's schema as part of its parent's: its values are merged with
// the subchart's own defaults, so nothing is required at this level.
void drop_required(Value& schema) {
  if (schema.kind() != Value::Kind::kMap) return;
  schema.as_map().erase("required");
  schema.as_map().erase("$schema");
  for (auto& [_, child] : schema.as_map()) drop_required(child);
}

std::string dependency_key(const ChartDependency& d) { return d.alias.empty() ? d.name : d.alias; }

}  // namespace

std::vector<const Chart*> charts_of(const Construct& app) {
  std::vector<const Chart*> out;
  for (const Construct* child : app.node().children()) {
    if (const auto* chart = dynamic_cast<const Chart*>(child)) out.push_back(chart);
  }
  return out;
}

std::string camel_case(std::string_view name) {
  std::string out;
  bool upper = false;
  for (char c : name) {
    if (c == '-' || c == '_' || c == '.') {
      upper = !out.empty();
      continue;
    }
    out.push_back(upper && c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
    upper = false;
  }
  return out;
}

std::string dependency_condition(const ChartDependency& d) {
  return d.condition.empty() ? dependency_key(d) + ".enabled" : d.condition;
}

Chart::Chart(Construct& scope, const Id& id, ChartProps props)
    : Construct(scope, id), props_(std::move(props)) {
  node().add_validation([this] {
    std::vector<std::string> problems;
    auto problem = [&problems](std::string message) { problems.push_back(std::move(message)); };
    if (name().size() > 53 || !k8s::is_dns_subdomain(name()) ||
        name().find('.') != std::string::npos) {
      problem(fmt::format("chart name {} is not 1 to 53 lower-case letters, digits and '-' "
                          "(Helm's release names follow it)",
                          quote_shortened(name())));
    }
    if (!k8s::is_semver(props_.version)) {
      problem(fmt::format("chart version {} is not a semantic version like 1.2.3",
                          quote_shortened(props_.version)));
    }
    const Workload* own = workload();
    const auto subs = subcharts();
    if (own == nullptr && subs.empty()) {
      problem("the chart deploys nothing: declare its workload() or subcharts");
    }
    if (own != nullptr && !subs.empty()) {
      problem("a chart deploys one workload or is an umbrella of subcharts, not both: make the "
              "workload a subchart");
    }
    if (own != nullptr && own->props().image.tag.empty() && own->props().image.digest.empty() &&
        props_.app_version.empty()) {
      problem("the image has no tag and the chart no app_version to take it from");
    }
    std::vector<std::string> keys;
    for (const Chart* sub : subs) keys.push_back(sub->alias());
    for (const auto& d : props_.dependencies) {
      const std::string what = fmt::format("dependency {}", quote_shortened(d.name));
      if (d.name.empty()) problem("a dependency needs a name");
      if (!is_version_range(d.version)) {
        problem(fmt::format("{}: version {} is not a version or range (1.2.3, ~1.2.0, "
                            ">=1.0.0 <2.0.0)",
                            what, quote_shortened(d.version)));
      }
      if (!d.repository.starts_with("https://") && !d.repository.starts_with("oci://") &&
          !d.repository.starts_with("http://")) {
        problem(fmt::format("{}: repository {} is not an https:// or oci:// address", what,
                            quote_shortened(d.repository)));
      }
      keys.push_back(dependency_key(d));
      for (const auto& path : secret_values(Value(d.values), dependency_key(d))) {
        problem(fmt::format("{}: value {} looks like a secret given in plain text; point the "
                            "chart at an existing Secret instead (e.g. its existingSecret value)",
                            what, path));
      }
    }
    std::sort(keys.begin(), keys.end());
    for (std::size_t i = 1; i < keys.size(); ++i) {
      if (keys[i] == keys[i - 1]) {
        problem(fmt::format("two subcharts or dependencies use the values key {}", quote(keys[i])));
      }
    }
    return problems;
  });
}

Workload& Chart::workload(WorkloadProps props, std::source_location where) {
  return add<Workload>(Id(name(), where), std::move(props));
}

Chart& Chart::subchart(const Id& id, ChartProps props) { return add<Chart>(id, std::move(props)); }

const Workload* Chart::workload() const {
  for (const Construct* child : node().children()) {
    if (const auto* w = dynamic_cast<const Workload*>(child)) return w;
  }
  return nullptr;
}

std::vector<const Chart*> Chart::subcharts() const {
  std::vector<const Chart*> out;
  for (const Construct* child : node().children()) {
    if (const auto* c = dynamic_cast<const Chart*>(child)) out.push_back(c);
  }
  return out;
}

const Chart* Chart::parent() const { return dynamic_cast<const Chart*>(node().scope()); }

std::string Chart::alias() const { return camel_case(name()); }

Value Chart::values() const {
  const Workload* own = workload();
  Value::Map out = own != nullptr ? own->values().as_map() : Value::Map{};
  for (const Chart* sub : subcharts()) out.emplace(sub->alias(), Value::map({{"enabled", true}}));
  for (const auto& d : props_.dependencies) {
    out.try_emplace(dependency_key(d), d.values);
    set_path(out, dependency_condition(d), d.enabled);
  }
  return out;
}

Value Chart::values_schema() const {
  Value schema = workload() != nullptr
                     ? workload_values_schema()
                     : Value::map({{"$schema", "http://json-schema.org/draft-07/schema#"},
                                   {"type", "object"},
                                   {"additionalProperties", false},
                                   {"properties", Value::map({{"global", Value::map({{"type", "object"}})}})}});
  schema.as_map().insert_or_assign("title", fmt::format("Values of the {} chart", name()));
  Value::Map& properties = schema.as_map().at("properties").as_map();
  for (const Chart* sub : subcharts()) {
    // Checked here too, so an environment file's mistake is found at synth.
    Value nested = sub->values_schema();
    drop_required(nested);
    properties.emplace(sub->alias(), std::move(nested));
  }
  // Another project's chart: its values are its own business.
  for (const auto& d : props_.dependencies) {
    for (const std::string& path : {dependency_key(d), dependency_condition(d)}) {
      properties.emplace(path.substr(0, path.find('.')), Value::map({{"type", "object"}}));
    }
  }
  return schema;
}

std::vector<std::pair<std::string, Value>> Chart::terraform_values() const {
  std::vector<std::pair<std::string, Value>> out;
  if (const Workload* w = workload()) out = w->terraform_values();
  for (const Chart* sub : subcharts()) {
    for (auto& [path, value] : sub->terraform_values()) {
      out.emplace_back(sub->alias() + "." + path, std::move(value));
    }
  }
  return out;
}

}  // namespace keelson
