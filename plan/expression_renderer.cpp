#include "plan/expression_renderer.h"

#include <fmt/core.h>

#include "dsl/quote.h"
#include "dsl/referenceable.h"

namespace keelson {
namespace {

// A native-syntax string literal: template markers doubled, then quoted.
std::string quote_hcl(std::string_view literal) { return quote(escape_template(literal)); }

std::string number_text(const Value& value) {
  if (value.kind() == Value::Kind::kInt) return std::to_string(value.as_int());
  return fmt::format("{}", value.as_number());
}

bool needs_parens(const Value& value) {
  if (!value.is_expr()) return false;
  const auto kind = value.expr().kind;
  return kind == Expr::Kind::kBinary || kind == Expr::Kind::kConditional;
}

std::string operand(const Value& value, const ReferenceRenderer& references) {
  std::string text = render_hcl(value, references);
  return needs_parens(value) ? "(" + text + ")" : text;
}

// The body of a template: literal parts escaped, expressions as ${...}.
std::string template_body(const Value::List& parts, const ReferenceRenderer& references,
                          bool for_hcl) {
  std::string out;
  for (const auto& part : parts) {
    if (part.is_string()) {
      if (for_hcl) {
        const std::string quoted = quote_hcl(part.as_string());
        out += quoted.substr(1, quoted.size() - 2);
      } else {
        out += escape_template(part.as_string());
      }
    } else if (part.is_number()) {
      out += number_text(part);
    } else if (part.kind() == Value::Kind::kBool) {
      out += part.as_bool() ? "true" : "false";
    } else if (!part.is_null()) {
      out += "${" + render_hcl(part, references) + "}";
    }
  }
  return out;
}

std::string render_expr(const Expr& e, const ReferenceRenderer& references) {
  switch (e.kind) {
    case Expr::Kind::kRef:
      return references(e);
    case Expr::Kind::kVar:
      return "var." + e.text;
    case Expr::Kind::kCountIndex:
      return "count.index";
    case Expr::Kind::kEachKey:
      return "each.key";
    case Expr::Kind::kEachValue:
      return "each.value";
    case Expr::Kind::kCall: {
      std::string out = e.text + "(";
      for (std::size_t i = 0; i < e.args.size(); ++i) {
        if (i > 0) out += ", ";
        out += render_hcl(e.args[i], references);
      }
      return out + ")";
    }
    case Expr::Kind::kConditional:
      return operand(e.args[0], references) + " ? " + operand(e.args[1], references) + " : " +
             operand(e.args[2], references);
    case Expr::Kind::kBinary:
      return operand(e.args[0], references) + " " + e.text + " " + operand(e.args[1], references);
    case Expr::Kind::kNot:
      return fmt::format("!{}", operand(e.args[0], references));
    case Expr::Kind::kTemplate:
      return fmt::format("\"{}\"", template_body(e.args, references, true));
    case Expr::Kind::kRaw:
      return e.text;
    case Expr::Kind::kEnvironment:
      return "var.environment";
  }
  return {};
}

}  // namespace

std::string escape_template(std::string_view literal) {
  std::string out;
  out.reserve(literal.size());
  for (std::size_t i = 0; i < literal.size(); ++i) {
    const char c = literal[i];
    if ((c == '$' || c == '%') && i + 1 < literal.size() && literal[i + 1] == '{') out += c;
    out += c;
  }
  return out;
}

Value with_environment(const Value& value, std::string_view environment) {
  if (!value.contains_expr()) return value;
  switch (value.kind()) {
    case Value::Kind::kList: {
      Value::List items;
      for (const auto& item : value.as_list()) items.push_back(with_environment(item, environment));
      return Value(std::move(items));
    }
    case Value::Kind::kMap: {
      Value::Map entries;
      for (const auto& [key, item] : value.as_map()) {
        entries.emplace(key, with_environment(item, environment));
      }
      return Value(std::move(entries));
    }
    case Value::Kind::kExpr: {
      const Expr& e = value.expr();
      if (e.kind == Expr::Kind::kEnvironment) return Value(std::string(environment));
      if (e.args.empty()) return value;
      Expr copy = e;
      for (auto& arg : copy.args) arg = with_environment(arg, environment);
      return Value(std::make_shared<const Expr>(std::move(copy)));
    }
    default:
      return value;
  }
}

std::string render_hcl(const Value& value, const ReferenceRenderer& references) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBool:
      return value.as_bool() ? "true" : "false";
    case Value::Kind::kInt:
    case Value::Kind::kFloat:
      return number_text(value);
    case Value::Kind::kString:
      return quote_hcl(value.as_string());
    case Value::Kind::kList: {
      std::string out = "[";
      for (const auto& item : value.as_list()) {
        if (out.size() > 1) out += ", ";
        out += render_hcl(item, references);
      }
      return out + "]";
    }
    case Value::Kind::kMap: {
      std::string out = "{";
      for (const auto& [key, item] : value.as_map()) {
        if (out.size() > 1) out += ", ";
        out += quote_hcl(key) + " = " + render_hcl(item, references);
      }
      return out + "}";
    }
    case Value::Kind::kExpr:
      return render_expr(value.expr(), references);
  }
  return {};
}

std::string render_template(const Value& value, const ReferenceRenderer& references) {
  const Expr& e = value.expr();
  if (e.kind == Expr::Kind::kTemplate) return template_body(e.args, references, false);
  return "${" + render_expr(e, references) + "}";
}

std::string local_reference(const Expr& ref, const ReferenceRenderer& references) {
  const std::string address = ref.target->address();
  const std::string attribute = ref.text.empty() ? std::string() : "." + ref.text;
  switch (ref.instances) {
    case Expr::Instances::kWhole:
      return address + attribute;
    case Expr::Instances::kKey:
      return address + "[" + render_hcl(ref.args.at(0), references) + "]" + attribute;
    case Expr::Instances::kAll:
      if (ref.target->repetition() == Repetition::kForEach) {
        return "values(" + address + ")[*]" + attribute;
      }
      return address + "[*]" + attribute;
  }
  return address;
}

}  // namespace keelson
