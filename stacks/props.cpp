#include "stacks/props.h"

#include <fmt/core.h>

#include <cmath>

#include "dsl/expression.h"

namespace keelson {

Value name_tags(Value name) { return Value::map({{"Name", std::move(name)}}); }

bool literal_true(const Value& value) {
  return value.kind() == Value::Kind::kBool && value.as_bool();
}

bool literal_false(const Value& value) {
  return value.kind() == Value::Kind::kBool && !value.as_bool();
}

std::optional<std::int64_t> whole_number(const Value& value) {
  if (value.kind() == Value::Kind::kInt) return value.as_int();
  if (value.kind() == Value::Kind::kFloat && std::floor(value.as_number()) == value.as_number()) {
    return static_cast<std::int64_t>(value.as_number());
  }
  return std::nullopt;
}

Value either(const Value& enabled, Value on, Value off) {
  if (enabled.kind() == Value::Kind::kBool) return enabled.as_bool() ? on : off;
  return when(enabled, std::move(on), std::move(off));
}

Value one_if(const Value& enabled) { return either(enabled, 1, 0); }

std::string literal_text(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kInt:
      return std::to_string(value.as_int());
    case Value::Kind::kFloat:
      return fmt::format("{}", value.as_number());
    case Value::Kind::kString:
      return "\"" + value.as_string() + "\"";
    case Value::Kind::kBool:
      return value.as_bool() ? "true" : "false";
    default:
      return value.kind_name();
  }
}

}  // namespace keelson
