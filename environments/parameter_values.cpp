// Checks an environment's `parameters:` values against the parameters the
// App declares (resolve_parameters in environment.h).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <utility>

#include "dsl/evaluate.h"
#include "dsl/quote.h"
#include "dsl/suggest.h"
#include "environments/environment.h"
#include "environments/source_order.h"
#include "environments/yaml_scalar.h"
#include "environments/yaml_tree.h"

namespace keelson {
namespace {

constexpr const char* kUnknownParameter = "K2040";   // a value for a parameter nobody declared
constexpr const char* kMissingParameter = "K2041";   // no value for a parameter without a default
constexpr const char* kParameterType = "K2042";      // a value of the wrong type
constexpr const char* kParameterInvalid = "K2043";   // a value failing the parameter's constraints
constexpr const char* kSecretInPlainText = "K2044";  // a value for a sensitive parameter
constexpr const char* kRuleBroken = "K2046";         // values that break an App::rule

// A whole number read as a float (`1e3`, `3.0`) as the int it is, so it is
// written as `1000`; anything else unchanged.
Value whole(const Value& value) {
  if (value.kind() != Value::Kind::kFloat) return value;
  const double d = value.as_number();
  // The bounds are exact doubles (-2^63 and 2^63), so the cast is defined.
  if (std::trunc(d) != d || d < -9223372036854775808.0 || d >= 9223372036854775808.0) {
    return value;
  }
  return Value(static_cast<std::int64_t>(d));
}

// Gives a string parameter the text of a plain scalar (`1.28` stays `1.28`)
// and a whole-number parameter an int, following the declared type into
// lists, maps and objects.
Value coerce(const ParamType& type, const Value& value, const Value& source) {
  switch (type.kind()) {
    case ParamType::Kind::kString:
      if ((value.kind() == Value::Kind::kBool || value.is_number()) && source.is_string()) {
        return source;
      }
      return value;
    case ParamType::Kind::kNumber:
      return type.is_whole() ? whole(value) : value;
    case ParamType::Kind::kList: {
      if (value.kind() != Value::Kind::kList || source.kind() != Value::Kind::kList ||
          source.as_list().size() != value.as_list().size()) {
        return value;
      }
      Value::List out;
      for (std::size_t i = 0; i < value.as_list().size(); ++i) {
        out.push_back(coerce(type.element(), value.as_list()[i], source.as_list()[i]));
      }
      return Value(std::move(out));
    }
    case ParamType::Kind::kMap:
    case ParamType::Kind::kObject: {
      if (value.kind() != Value::Kind::kMap || source.kind() != Value::Kind::kMap) return value;
      Value::Map out;
      for (const auto& [key, item] : value.as_map()) {
        const ParamType* item_type = nullptr;
        if (type.kind() == ParamType::Kind::kMap) {
          item_type = &type.element();
        } else if (const auto field = type.fields().find(key); field != type.fields().end()) {
          item_type = &field->second;
        }
        const auto item_source = source.as_map().find(key);
        out.emplace(key, item_type != nullptr && item_source != source.as_map().end()
                             ? coerce(*item_type, item, item_source->second)
                             : item);
      }
      return Value(std::move(out));
    }
    default:
      return value;
  }
}

std::string wrong_type_hint(const ParamType& type, const ParameterValue& given) {
  if (given.value.is_null() && type.kind() == ParamType::Kind::kString) {
    return "write \"\" for an empty string";
  }
  if (!given.value.is_string()) return {};
  const Value plain = resolve_plain_scalar(given.value.as_string());
  const bool fits = (type.kind() == ParamType::Kind::kNumber && plain.is_number()) ||
                    (type.kind() == ParamType::Kind::kBool && plain.kind() == Value::Kind::kBool);
  if (fits) return "a quoted value is a string; remove the quotes";
  if (type.kind() == ParamType::Kind::kNumber && is_number_out_of_range(given.value.as_string())) {
    return "the number is out of range: numbers go up to about 1.8e308, with 15 significant digits";
  }
  return {};
}

}  // namespace

Value::Map resolve_parameters(const Environment& env,
                              const std::vector<const Parameter*>& declared) {
  std::map<std::string, const Parameter*, std::less<>> by_name;
  std::vector<std::string> names;
  for (const Parameter* parameter : declared) {
    if (by_name.emplace(parameter->name(), parameter).second) names.push_back(parameter->name());
  }

  std::vector<Diagnostic> diagnostics;
  const auto report = [&](const char* code, std::string message, SourceLocation where,
                          std::string hint) {
    diagnostics.push_back(make_error(code, std::move(message), std::move(where), std::move(hint)));
  };

  // File order, so the diagnostics read top to bottom.
  std::vector<const std::pair<const std::string, ParameterValue>*> given;
  for (const auto& item : env.parameters) given.push_back(&item);
  std::stable_sort(given.begin(), given.end(), [](const auto* a, const auto* b) {
    return comes_before(a->second.where, b->second.where);
  });

  Value::Map resolved;
  for (const auto* item : given) {
    const auto& [name, value] = *item;
    const auto found = by_name.find(name);
    if (found == by_name.end()) {
      std::string hint = did_you_mean(name, names);
      if (hint.empty()) {
        hint = names.empty() ? "no parameters are declared"
                             : fmt::format("declared parameters: {}", fmt::join(names, ", "));
      }
      report(kUnknownParameter, fmt::format("unknown parameter {}", quote_shortened(name)),
             value.where, std::move(hint));
      continue;
    }
    const Parameter& parameter = *found->second;
    if (parameter.spec().sensitive) {
      // It would land in terraform.tfvars.json, which is committed.
      report(kSecretInPlainText,
             fmt::format("parameter {} is sensitive; its value must not be written in plain text",
                         quote(name)),
             value.where,
             fmt::format("remove it here and give it at plan time (TF_VAR_{}), or read the secret "
                         "from Secrets Manager or SSM Parameter Store with a data source",
                         name));
      continue;
    }
    const Value source =
        value.source.is_null() && !value.text.empty() ? Value(value.text) : value.source;
    Value coerced = coerce(parameter.type(), value.value, source);
    const std::vector<std::string> type_problems = parameter.type().check(coerced);
    if (!type_problems.empty()) {
      const std::string hint = wrong_type_hint(parameter.type(), value);
      for (const auto& problem : type_problems) {
        report(kParameterType, fmt::format("parameter {}: {}", quote(name), problem), value.where,
               hint);
      }
      continue;
    }
    const std::vector<std::string> problems = parameter.check(coerced);
    for (const auto& problem : problems) {
      report(kParameterInvalid, fmt::format("parameter {}: {}", quote(name), problem), value.where,
             parameter.spec().description.empty()
                 ? std::string()
                 : fmt::format("{}: {}", name, parameter.spec().description));
    }
    if (problems.empty()) resolved.emplace(name, std::move(coerced));
  }
  for (const auto& name : names) {
    const Parameter& parameter = *by_name.find(name)->second;
    // A sensitive parameter is given at plan time, never in the file.
    if (env.parameters.count(name) != 0 || parameter.spec().default_value ||
        parameter.spec().sensitive) {
      continue;
    }
    report(kMissingParameter,
           fmt::format("missing value for parameter {}, which has no default", quote(name)),
           env.parameters_where,
           fmt::format("add {}: <{}> under parameters: in {}", name, parameter.type().terraform(),
                       env.file));
  }
  if (!diagnostics.empty()) throw Error(std::move(diagnostics));

  // The rules relating parameters (App::rule), checked here as Terraform will
  // before it plans, so a broken one fails the synth with the file's line. A
  // rule that reads a parameter known only at plan time (a sensitive one),
  // or something evaluate() does not model, is left to Terraform.
  const VariableLookup variable = environment_values(declared, resolved);
  for (const auto& name : names) {
    const Parameter& parameter = *by_name.find(name)->second;
    for (const auto& rule : parameter.rules()) {
      const auto holds = evaluate(rule.condition, variable);
      if (!holds || holds->kind() != Value::Kind::kBool || holds->as_bool()) continue;
      const auto given = env.parameters.find(name);
      report(kRuleBroken, fmt::format("parameter {}: {}", quote(name), rule.error_message),
             given != env.parameters.end() ? given->second.where : env.parameters_where,
             fmt::format("an App::rule on {} (the parameter declared at {}) relates it to "
                         "other parameters",
                         quote(name), parameter.where().to_string()));
    }
  }
  if (!diagnostics.empty()) throw Error(std::move(diagnostics));
  return resolved;
}

}  // namespace keelson
