#include "environments/isolation.h"

#include <fmt/core.h>

#include <functional>

namespace keelson {
namespace {

std::string at(const SourceLocation& where) {
  return where.line != 0 ? fmt::format("{}:{}", where.file, where.line) : where.file;
}

// Every string a parameter value holds, with where the value is written.
void parameter_strings(const Value& value, const std::function<void(const std::string&)>& visit) {
  switch (value.kind()) {
    case Value::Kind::kString:
      visit(value.as_string());
      break;
    case Value::Kind::kList:
      for (const auto& item : value.as_list()) parameter_strings(item, visit);
      break;
    case Value::Kind::kMap:
      for (const auto& [key, item] : value.as_map()) parameter_strings(item, visit);
      break;
    default:
      break;
  }
}

// Every scalar of a chart's values, with its own line.
void chart_scalars(
    const YamlNode& node, const std::string& path,
    const std::function<void(const std::string&, const std::string&, const YamlNode&)>& visit) {
  if (node.is_scalar()) {
    visit(node.text, path, node);
  } else if (node.is_list()) {
    for (std::size_t i = 0; i < node.list().size(); ++i)
      chart_scalars(*node.list()[i], fmt::format("{}[{}]", path, i), visit);
  } else if (node.is_map()) {
    for (const auto& entry : node.map())
      chart_scalars(*entry.value, path + "." + entry.key->text, visit);
  }
}

// Problems of `env` naming what belongs to `other`.
void foreign_names(const Environment& env, const Environment& other, std::vector<Diagnostic>& out) {
  struct Name {
    std::string text, what;
    SourceLocation where;
  };
  std::vector<Name> names;
  if (other.account != env.account && !other.account.empty())
    names.push_back({other.account, "AWS account", other.account_where});
  if (other.backend.bucket != env.backend.bucket && !other.backend.bucket.empty())
    names.push_back({other.backend.bucket, "state bucket", other.backend_where});
  const auto report = [&](const std::string& text, const std::string& path,
                          const SourceLocation& where) {
    for (const auto& name : names) {
      if (text.find(name.text) == std::string::npos) continue;
      out.push_back(make_error("K2063",
                               fmt::format("{}: {} names {} {} of environment {} ({})", env.name,
                                           path, name.what, name.text, other.name, at(name.where)),
                               where, "each environment reaches only its own account and state"));
    }
  };
  for (const auto& [name, value] : env.parameters) {
    parameter_strings(
        value.source.kind() == Value::Kind::kNull ? value.value : value.source,
        [&](const std::string& text) { report(text, "parameters." + name, value.where); });
  }
  for (const auto& [chart, input] : env.charts) {
    if (!input.values) continue;
    chart_scalars(*input.values, "charts." + chart,
                  [&](const std::string& text, const std::string& path, const YamlNode& node) {
                    report(text, path, {input.file, node.line, node.column});
                  });
  }
}

}  // namespace

std::vector<Diagnostic> isolation_problems(const std::vector<Environment>& environments,
                                           std::string_view app) {
  std::vector<Diagnostic> out;
  for (std::size_t i = 0; i < environments.size(); ++i) {
    const Environment& a = environments[i];
    for (std::size_t j = i + 1; j < environments.size(); ++j) {
      const Environment& b = environments[j];
      if (!a.account.empty() && a.account == b.account && a.shared_account_reason.empty() &&
          b.shared_account_reason.empty()) {
        out.push_back(
            make_error("K2060",
                       fmt::format("{} and {} deploy to the same AWS account {} (also at {})",
                                   a.name, b.name, a.account, at(b.account_where)),
                       a.account_where,
                       "give each environment its own account, or say why they share it: "
                       "isolation.shared_account: <reason> in one of the files"));
      }
      if (!a.backend.bucket.empty() && a.backend.bucket == b.backend.bucket &&
          a.backend.region == b.backend.region && a.state_key(app) == b.state_key(app)) {
        out.push_back(make_error(
            "K2061",
            fmt::format("{} and {} keep their Terraform state in the same object s3://{}/{} (also "
                        "at {}): one apply would overwrite the other's state",
                        a.name, b.name, a.backend.bucket, a.state_key(app), at(b.backend_where)),
            a.backend_where,
            "give each environment its own bucket, or at least its own backend.key (e.g. with "
            "{env})"));
      }
      if (a.assume_role && b.assume_role && a.assume_role->role_arn == b.assume_role->role_arn) {
        out.push_back(make_error(
            "K2062",
            fmt::format("{} and {} deploy with the same role {} (also at {})", a.name, b.name,
                        a.assume_role->role_arn, at(b.role_where)),
            a.role_where, "give each environment its own deploy role, in its own account"));
      }
    }
  }
  for (const Environment& env : environments) {
    for (const Environment& other : environments) {
      if (&env != &other) foreign_names(env, other, out);
    }
  }
  return out;
}

}  // namespace keelson
