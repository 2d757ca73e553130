#include "dsl/expression.h"

namespace keelson {
namespace {

Value node(Expr::Kind kind, std::string text = {}, Value::List args = {}) {
  return Value(std::make_shared<const Expr>(Expr{kind, nullptr, std::move(text), std::move(args)}));
}

Value binary(std::string op, Value a, Value b) {
  return node(Expr::Kind::kBinary, std::move(op), {std::move(a), std::move(b)});
}

}  // namespace

Value count_index() { return node(Expr::Kind::kCountIndex); }
Value each_key() { return node(Expr::Kind::kEachKey); }
Value each_value() { return node(Expr::Kind::kEachValue); }
Value environment_name() { return node(Expr::Kind::kEnvironment); }

Value when(Value cond, Value then, Value otherwise) {
  return node(Expr::Kind::kConditional, {},
              {std::move(cond), std::move(then), std::move(otherwise)});
}

Value eq(Value a, Value b) { return binary("==", std::move(a), std::move(b)); }
Value ne(Value a, Value b) { return binary("!=", std::move(a), std::move(b)); }
Value lt(Value a, Value b) { return binary("<", std::move(a), std::move(b)); }
Value le(Value a, Value b) { return binary("<=", std::move(a), std::move(b)); }
Value gt(Value a, Value b) { return binary(">", std::move(a), std::move(b)); }
Value ge(Value a, Value b) { return binary(">=", std::move(a), std::move(b)); }
Value logical_and(Value a, Value b) { return binary("&&", std::move(a), std::move(b)); }
Value logical_or(Value a, Value b) { return binary("||", std::move(a), std::move(b)); }
Value logical_not(Value a) { return node(Expr::Kind::kNot, {}, {std::move(a)}); }
Value add(Value a, Value b) { return binary("+", std::move(a), std::move(b)); }
Value subtract(Value a, Value b) { return binary("-", std::move(a), std::move(b)); }
Value multiply(Value a, Value b) { return binary("*", std::move(a), std::move(b)); }

Value str(Value::List parts) { return node(Expr::Kind::kTemplate, {}, std::move(parts)); }

Value raw(std::string text) { return node(Expr::Kind::kRaw, std::move(text)); }

Value make_reference(const Referenceable& target, std::string attribute, Expr::Instances instances,
                     Value key) {
  Value::List args;
  if (instances == Expr::Instances::kKey) args.push_back(std::move(key));
  return Value(std::make_shared<const Expr>(
      Expr{Expr::Kind::kRef, &target, std::move(attribute), std::move(args), instances}));
}

Value make_variable(std::string name) { return node(Expr::Kind::kVar, std::move(name)); }

namespace fn {

Value call(std::string name, Value::List args) {
  return node(Expr::Kind::kCall, std::move(name), std::move(args));
}
Value cidrsubnet(Value prefix, Value newbits, Value netnum) {
  return call("cidrsubnet", {std::move(prefix), std::move(newbits), std::move(netnum)});
}
Value element(Value list, Value index) {
  return call("element", {std::move(list), std::move(index)});
}
Value lookup(Value map, Value key, Value fallback) {
  return call("lookup", {std::move(map), std::move(key), std::move(fallback)});
}
Value merge(Value::List maps) { return call("merge", std::move(maps)); }
Value jsonencode(Value value) { return call("jsonencode", {std::move(value)}); }
Value format(Value spec, Value::List args) {
  args.insert(args.begin(), std::move(spec));
  return call("format", std::move(args));
}
Value length(Value collection) { return call("length", {std::move(collection)}); }
Value concat(Value::List lists) { return call("concat", std::move(lists)); }
Value join(Value separator, Value list) {
  return call("join", {std::move(separator), std::move(list)});
}
Value contains(Value collection, Value item) {
  return call("contains", {std::move(collection), std::move(item)});
}
Value tolist(Value collection) { return call("tolist", {std::move(collection)}); }
Value toset(Value collection) { return call("toset", {std::move(collection)}); }
Value slice(Value list, Value start, Value end) {
  return call("slice", {std::move(list), std::move(start), std::move(end)});
}

}  // namespace fn
}  // namespace keelson
