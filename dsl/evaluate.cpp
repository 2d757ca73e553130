#include "dsl/evaluate.h"

#include <algorithm>
#include <cstdint>

#include "dsl/expression.h"

namespace keelson {
namespace {

using Result = std::optional<Value>;

Value number(double d) {
  // Whole results stay integers, so `2 + 1` renders as `3`, not `3.0`.
  if (d == static_cast<double>(static_cast<std::int64_t>(d))) return static_cast<std::int64_t>(d);
  return d;
}

Result arithmetic(const std::string& op, const Value& a, const Value& b) {
  if (!a.is_number() || !b.is_number()) return std::nullopt;
  const double x = a.as_number(), y = b.as_number();
  if (op == "+") return number(x + y);
  if (op == "-") return number(x - y);
  if (op == "*") return number(x * y);
  if (op == "<") return Value(x < y);
  if (op == "<=") return Value(x <= y);
  if (op == ">") return Value(x > y);
  if (op == ">=") return Value(x >= y);
  return std::nullopt;
}

Result binary(const std::string& op, const Value& a, const Value& b) {
  if (op == "==") return Value(a == b);
  if (op == "!=") return Value(!(a == b));
  if (op == "&&" || op == "||") {
    if (a.kind() != Value::Kind::kBool || b.kind() != Value::Kind::kBool) return std::nullopt;
    return Value(op == "&&" ? a.as_bool() && b.as_bool() : a.as_bool() || b.as_bool());
  }
  return arithmetic(op, a, b);
}

bool supported_call(const std::string& name) {
  return name == "length" || name == "min" || name == "max" || name == "contains";
}

Result call(const std::string& name, const Value::List& args) {
  if (name == "length" && args.size() == 1) {
    const Value& c = args[0];
    if (c.kind() == Value::Kind::kList) return Value(c.as_list().size());
    if (c.kind() == Value::Kind::kMap) return Value(c.as_map().size());
    return std::nullopt;  // a string's length counts grapheme clusters: left to Terraform
  }
  if ((name == "min" || name == "max") && !args.empty()) {
    if (!std::all_of(args.begin(), args.end(), [](const Value& v) { return v.is_number(); }))
      return std::nullopt;
    const auto less = [](const Value& a, const Value& b) { return a.as_number() < b.as_number(); };
    return name == "min" ? *std::min_element(args.begin(), args.end(), less)
                         : *std::max_element(args.begin(), args.end(), less);
  }
  if (name == "contains" && args.size() == 2 && args[0].kind() == Value::Kind::kList) {
    const auto& list = args[0].as_list();
    return Value(std::find(list.begin(), list.end(), args[1]) != list.end());
  }
  return std::nullopt;
}

}  // namespace

std::optional<Value> evaluate(const Value& value, const VariableLookup& variable) {
  switch (value.kind()) {
    case Value::Kind::kList: {
      Value::List items;
      for (const Value& item : value.as_list()) {
        auto v = evaluate(item, variable);
        if (!v) return std::nullopt;
        items.push_back(std::move(*v));
      }
      return Value::list(std::move(items));
    }
    case Value::Kind::kMap: {
      Value::Map entries;
      for (const auto& [key, item] : value.as_map()) {
        auto v = evaluate(item, variable);
        if (!v) return std::nullopt;
        entries.emplace(key, std::move(*v));
      }
      return Value::map(std::move(entries));
    }
    case Value::Kind::kExpr:
      break;
    default:
      return value;
  }
  const Expr& e = value.expr();
  Value::List args;
  for (const Value& arg : e.args) {
    auto v = evaluate(arg, variable);
    if (!v) return std::nullopt;
    args.push_back(std::move(*v));
  }
  switch (e.kind) {
    case Expr::Kind::kVar:
      return variable(e.text);
    case Expr::Kind::kConditional:
      if (args[0].kind() != Value::Kind::kBool) return std::nullopt;
      return args[0].as_bool() ? args[1] : args[2];
    case Expr::Kind::kBinary:
      return binary(e.text, args[0], args[1]);
    case Expr::Kind::kNot:
      if (args[0].kind() != Value::Kind::kBool) return std::nullopt;
      return Value(!args[0].as_bool());
    case Expr::Kind::kCall:
      return call(e.text, args);
    default:
      return std::nullopt;
  }
}

VariableLookup environment_values(const std::vector<const Parameter*>& parameters,
                                  const Value::Map& values) {
  return [&parameters, &values](std::string_view name) -> std::optional<Value> {
    if (const auto it = values.find(std::string(name)); it != values.end()) return it->second;
    for (const Parameter* p : parameters)
      if (p->name() == name) return p->spec().default_value;
    return std::nullopt;
  };
}

bool evaluable(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kList:
      return std::all_of(value.as_list().begin(), value.as_list().end(),
                         [](const Value& v) { return evaluable(v); });
    case Value::Kind::kMap:
      return std::all_of(value.as_map().begin(), value.as_map().end(),
                         [](const auto& entry) { return evaluable(entry.second); });
    case Value::Kind::kExpr:
      break;
    default:
      return true;
  }
  const Expr& e = value.expr();
  const bool supported = e.kind == Expr::Kind::kVar || e.kind == Expr::Kind::kConditional ||
                         e.kind == Expr::Kind::kBinary || e.kind == Expr::Kind::kNot ||
                         (e.kind == Expr::Kind::kCall && supported_call(e.text));
  return supported &&
         std::all_of(e.args.begin(), e.args.end(), [](const Value& v) { return evaluable(v); });
}

}  // namespace keelson
