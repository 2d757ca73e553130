#include "dsl/value.h"

#include "dsl/expression.h"

namespace keelson {

double Value::as_number() const {
  if (kind() == Kind::kInt) return static_cast<double>(as_int());
  return std::get<double>(data_);
}

bool Value::contains_expr() const {
  switch (kind()) {
    case Kind::kExpr:
      return true;
    case Kind::kList:
      for (const auto& item : as_list()) {
        if (item.contains_expr()) return true;
      }
      return false;
    case Kind::kMap:
      for (const auto& [key, item] : as_map()) {
        if (item.contains_expr()) return true;
      }
      return false;
    default:
      return false;
  }
}

bool operator==(const Value& a, const Value& b) {
  if (a.is_number() && b.is_number()) return a.as_number() == b.as_number();
  return a.data_ == b.data_;
}

std::string Value::kind_name() const {
  switch (kind()) {
    case Kind::kNull:
      return "null";
    case Kind::kBool:
      return "a bool";
    case Kind::kInt:
    case Kind::kFloat:
      return "a number";
    case Kind::kString:
      return "a string";
    case Kind::kList:
      return "a list";
    case Kind::kMap:
      return "a map";
    case Kind::kExpr:
      return "an expression";
  }
  return "a value";
}

}  // namespace keelson
