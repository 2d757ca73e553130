#include "environments/chart_values.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cmath>

#include "dsl/pattern.h"
#include "dsl/quote.h"
#include "dsl/secret_names.h"
#include "dsl/suggest.h"
#include "environments/yaml_scalar.h"

namespace keelson {
namespace {

constexpr const char* kWrongKind = "K2050";     // a value of another type than the schema's
constexpr const char* kUnknownValue = "K2051";  // a key the chart's values do not have
constexpr const char* kOutOfRange = "K2052";    // outside enum, minimum, maximum or pattern
constexpr const char* kSecretValue = "K2053";   // a secret given as a value

const Value* member(const Value& schema, std::string_view key) {
  if (schema.kind() != Value::Kind::kMap) return nullptr;
  const auto& map = schema.as_map();
  const auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

std::vector<std::string> types_of(const Value& schema) {
  const Value* type = member(schema, "type");
  if (type == nullptr) return {};
  if (type->is_string()) return {type->as_string()};
  std::vector<std::string> out;
  for (const auto& t : type->as_list()) out.push_back(t.as_string());
  return out;
}

bool has_type(const Value& value, const std::string& type) {
  switch (value.kind()) {
    case Value::Kind::kBool:
      return type == "boolean";
    case Value::Kind::kInt:
      return type == "integer" || type == "number";
    case Value::Kind::kFloat:
      return type == "number" ||
             (type == "integer" && std::floor(value.as_number()) == value.as_number());
    case Value::Kind::kString:
      return type == "string";
    case Value::Kind::kList:
      return type == "array";
    case Value::Kind::kMap:
      return type == "object";
    case Value::Kind::kNull:
      return type == "null";
    case Value::Kind::kExpr:
      return false;
  }
  return false;
}

std::string type_words(const std::vector<std::string>& types) {
  std::string out;
  for (const auto& t : types) {
    if (!out.empty()) out += " or ";
    out += t == "object"    ? "a map"
           : t == "array"   ? "a list"
           : t == "integer" ? "a whole number"
           : t == "boolean" ? "true or false"
                            : "a " + t;
  }
  return out;
}

class Checker {
 public:
  Checker(std::string file, std::vector<Diagnostic>& problems)
      : file_(std::move(file)), problems_(problems) {}

  Value check(const YamlNode& node, const Value& schema, const std::string& path) {
    Value value = read(node, schema, path);
    const auto types = types_of(schema);
    if (!types.empty() && !std::any_of(types.begin(), types.end(),
                                       [&](const auto& t) { return has_type(value, t); })) {
      error(kWrongKind,
            fmt::format("{}: expected {}, got {}", path, type_words(types), yaml_kind(node)), node);
      return value;
    }
    if (const Value* allowed = member(schema, "enum")) {
      const auto& list = allowed->as_list();
      if (std::find(list.begin(), list.end(), value) == list.end()) {
        std::vector<std::string> names;
        for (const auto& a : list) names.push_back(a.is_string() ? a.as_string() : "");
        error(kOutOfRange,
              fmt::format("{}: {} is not one of {}", path, quote_shortened(node.text),
                          fmt::join(names, ", ")),
              node, value.is_string() ? did_you_mean(value.as_string(), names) : "");
      }
    }
    if (value.is_number()) {
      const Value* min = member(schema, "minimum");
      const Value* max = member(schema, "maximum");
      if ((min && value.as_number() < min->as_number()) ||
          (max && value.as_number() > max->as_number())) {
        error(kOutOfRange,
              fmt::format("{}: {} is not from {} to {}", path, node.text,
                          min ? fmt::format("{}", min->as_number()) : "-inf",
                          max ? fmt::format("{}", max->as_number()) : "inf"),
              node);
      }
    }
    if (const Value* expression = member(schema, "pattern"); expression && value.is_string()) {
      // The schema's patterns are anchored, as JSON Schema's search semantics need.
      std::string text = expression->as_string();
      if (text.starts_with('^')) text.erase(0, 1);
      if (text.ends_with('$')) text.pop_back();
      if (!Pattern(text).full_match(value.as_string())) {
        error(kOutOfRange,
              fmt::format("{}: {} does not match {}", path, quote_shortened(value.as_string()),
                          expression->as_string()),
              node);
      }
    }
    return value;
  }

 private:
  Value read(const YamlNode& node, const Value& schema, const std::string& path) {
    switch (node.kind) {
      case YamlNode::Kind::kNull:
        return nullptr;
      case YamlNode::Kind::kScalar: {
        if (!node.plain) return node.text;
        Value value = resolve_plain_scalar(node.text);
        // Where a string may stand, a plain scalar is its text unless it is
        // a whole number a number may stand for: `tag: 1.20` is the tag
        // "1.20" and `FLAG: true` the string "true" (Helm's own reading
        // would change both), while `minAvailable: 1` stays a number.
        const auto types = types_of(schema);
        const auto allows = [&](const char* t) {
          return std::find(types.begin(), types.end(), t) != types.end();
        };
        if (allows("string") && !value.is_string() && !value.is_null() &&
            !(value.kind() == Value::Kind::kInt && (allows("integer") || allows("number")))) {
          return node.text;
        }
        return value;
      }
      case YamlNode::Kind::kList: {
        Value::List out;
        const Value* items = member(schema, "items");
        std::size_t i = 0;
        for (const auto& item : node.list()) {
          out.push_back(
              check(*item, items ? *items : Value(Value::Map{}), fmt::format("{}[{}]", path, i++)));
        }
        return out;
      }
      case YamlNode::Kind::kMap:
        return read_map(node, schema, path);
    }
    return nullptr;
  }

  Value read_map(const YamlNode& node, const Value& schema, const std::string& path) {
    Value::Map out;
    const Value* properties = member(schema, "properties");
    const Value* additional = member(schema, "additionalProperties");
    std::vector<std::string> known;
    if (properties) {
      for (const auto& [key, _] : properties->as_map()) known.push_back(key);
    }
    for (const auto& entry : node.map()) {
      if (!entry.key->is_scalar()) {
        error(kWrongKind, fmt::format("{}: a key must be a string", path), *entry.key);
        continue;
      }
      const std::string& key = entry.key->text;
      const std::string here = path + "." + key;
      if (out.contains(key)) {
        error(kWrongKind, fmt::format("{}: the key is given twice", here), *entry.key);
        continue;
      }
      const Value* child = properties ? member(*properties, key) : nullptr;
      if (child == nullptr && additional && additional->kind() == Value::Kind::kMap) {
        child = additional;
      }
      if (child == nullptr && additional && additional->kind() == Value::Kind::kBool &&
          !additional->as_bool()) {
        error(kUnknownValue, fmt::format("{}: the chart has no such value", here), *entry.key,
              did_you_mean(key, known));
        continue;
      }
      if (entry.value->is_scalar() && !entry.value->text.empty() && looks_like_secret_name(key)) {
        error(kSecretValue,
              fmt::format("{}: looks like a secret given as a value; it would be committed in "
                          "plain text",
                          here),
              *entry.value,
              "keep it in a Secret (made by hand or by the External Secrets Operator from "
              "Secrets Manager) and give the chart its name");
        continue;
      }
      out.emplace(key, check(*entry.value, child ? *child : Value(Value::Map{}), here));
    }
    return out;
  }

  void error(const char* code, std::string message, const YamlNode& at, std::string hint = {}) {
    problems_.push_back(
        make_error(code, std::move(message), {file_, at.line, at.column}, std::move(hint)));
  }

  std::string file_;
  std::vector<Diagnostic>& problems_;
};

}  // namespace

Value resolve_chart_values(const ChartValuesInput& input, const std::string& chart,
                           const Value& schema, std::vector<Diagnostic>& problems) {
  Checker checker(input.file, problems);
  if (input.values == nullptr || input.values->is_null()) return Value::Map{};
  return checker.check(*input.values, schema, "charts." + chart);
}

}  // namespace keelson
