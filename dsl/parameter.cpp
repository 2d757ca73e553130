#include "dsl/parameter.h"

#include <fmt/core.h>

#include <algorithm>
#include <cmath>
#include <utility>

#include "dsl/expression.h"
#include "dsl/pattern.h"
#include "dsl/quote.h"
#include "dsl/suggest.h"

namespace keelson {
namespace {

// Integral doubles print without a fraction ("3", not "3.0"); the bound keeps
// the conversion to int64 exact.
bool is_integral(double d) { return std::isfinite(d) && std::trunc(d) == d && std::fabs(d) < 1e15; }

std::string format_number(double d) {
  if (is_integral(d)) return fmt::format("{}", static_cast<std::int64_t>(d));
  return fmt::format("{}", d);
}

// A bound as a literal: an int when integral, so it renders as `1` not `1.0`.
Value number_value(double d) {
  if (is_integral(d)) return Value(static_cast<std::int64_t>(d));
  return Value(d);
}

// A literal as a user would write it, for messages: strings quoted, lists in
// brackets, maps in braces.
std::string describe(const Value& value) {
  switch (value.kind()) {
    case Value::Kind::kNull:
      return "null";
    case Value::Kind::kBool:
      return value.as_bool() ? "true" : "false";
    case Value::Kind::kInt:
      return fmt::format("{}", value.as_int());
    case Value::Kind::kFloat:
      return format_number(value.as_number());
    case Value::Kind::kString:
      return quote(value.as_string());
    case Value::Kind::kList: {
      std::string out = "[";
      for (const auto& item : value.as_list()) {
        if (out.size() > 1) out += ", ";
        out += describe(item);
      }
      return out + "]";
    }
    case Value::Kind::kMap: {
      std::string out = "{";
      for (const auto& [key, item] : value.as_map()) {
        if (out.size() > 1) out += ", ";
        out += key + " = " + describe(item);
      }
      return out + "}";
    }
    case Value::Kind::kExpr:
      return "an expression";
  }
  return {};
}

std::string describe_list(const Value::List& values) {
  std::string out;
  for (const auto& value : values) {
    if (!out.empty()) out += ", ";
    out += describe(value);
  }
  return out;
}

std::string type_description(const ParamType& type) {
  switch (type.kind()) {
    case ParamType::Kind::kString:
      return "a string";
    case ParamType::Kind::kNumber:
      return "a number";
    case ParamType::Kind::kBool:
      return "a bool";
    case ParamType::Kind::kList:
      return "a list";
    case ParamType::Kind::kMap:
      return "a map";
    case ParamType::Kind::kObject:
      return "an object";
    case ParamType::Kind::kAny:
      return "any value";
  }
  return {};
}

// A number Terraform can hold and, for a whole number, an integer in range.
// Messages leave the value out: it may be a sensitive parameter's.
void check_number(const ParamType& type, const Value& value, const std::string& prefix,
                  std::vector<std::string>& problems) {
  if (value.kind() == Value::Kind::kFloat) {
    const double d = value.as_number();
    if (std::isnan(d)) {
      problems.push_back(prefix + "expected a number, got NaN");
      return;
    }
    // JSON has no infinity: it would be written as null.
    if (std::isinf(d)) {
      problems.push_back(prefix + "expected a finite number, got infinity");
      return;
    }
  }
  if (!type.is_whole()) return;
  const auto range = [&] {
    problems.push_back(fmt::format("{}expected a whole number from {} to {}", prefix,
                                   type.whole_min(), type.whole_max()));
  };
  if (value.kind() == Value::Kind::kInt) {
    if (value.as_int() < type.whole_min() || value.as_int() > type.whole_max()) range();
    return;
  }
  const double d = value.as_number();
  if (std::trunc(d) != d) {
    problems.push_back(prefix + "expected a whole number, got a number with a fraction");
  } else if (d < static_cast<double>(type.whole_min()) ||
             d >= static_cast<double>(type.whole_max()) + 1.0) {
    // max + 1 is exact as a double for int and int64 alike (2^31, 2^63).
    range();
  }
}

void check_type(const ParamType& type, const Value& value, const std::string& prefix,
                std::vector<std::string>& problems) {
  const auto mismatch = [&] {
    problems.push_back(
        fmt::format("{}expected {}, got {}", prefix, type_description(type), value.kind_name()));
  };
  switch (type.kind()) {
    case ParamType::Kind::kAny:
      return;
    case ParamType::Kind::kString:
      if (!value.is_string()) mismatch();
      return;
    case ParamType::Kind::kNumber:
      if (!value.is_number()) return mismatch();
      check_number(type, value, prefix, problems);
      return;
    case ParamType::Kind::kBool:
      if (value.kind() != Value::Kind::kBool) mismatch();
      return;
    case ParamType::Kind::kList: {
      if (value.kind() != Value::Kind::kList) return mismatch();
      const auto& items = value.as_list();
      for (std::size_t i = 0; i < items.size(); ++i) {
        check_type(type.element(), items[i], fmt::format("{}element {}: ", prefix, i), problems);
      }
      return;
    }
    case ParamType::Kind::kMap:
      if (value.kind() != Value::Kind::kMap) return mismatch();
      for (const auto& [key, item] : value.as_map()) {
        check_type(type.element(), item, fmt::format("{}key {}: ", prefix, quote(key)), problems);
      }
      return;
    case ParamType::Kind::kObject: {
      if (value.kind() != Value::Kind::kMap) return mismatch();
      const auto& entries = value.as_map();
      std::vector<std::string> field_names;
      for (const auto& [name, field_type] : type.fields()) {
        field_names.push_back(name);
        const auto it = entries.find(name);
        if (it == entries.end()) {
          problems.push_back(fmt::format("{}missing field {}", prefix, quote(name)));
        } else {
          check_type(field_type, it->second, fmt::format("{}field {}: ", prefix, quote(name)),
                     problems);
        }
      }
      for (const auto& [key, item] : entries) {
        if (type.fields().count(key) != 0) continue;
        std::string message = fmt::format("{}unknown field {}", prefix, quote(key));
        const std::string suggestion = did_you_mean(key, field_names);
        if (!suggestion.empty()) message += " (" + suggestion + ")";
        problems.push_back(std::move(message));
      }
      return;
    }
  }
}

}  // namespace

ParamType ParamType::list(ParamType element) {
  ParamType type(Kind::kList);
  type.element_ = std::make_shared<const ParamType>(std::move(element));
  return type;
}

ParamType ParamType::map(ParamType element) {
  ParamType type(Kind::kMap);
  type.element_ = std::make_shared<const ParamType>(std::move(element));
  return type;
}

ParamType ParamType::object(std::map<std::string, ParamType> fields) {
  ParamType type(Kind::kObject);
  type.fields_ = std::move(fields);
  return type;
}

ParamType ParamType::whole_number(std::int64_t min, std::int64_t max) {
  ParamType type(Kind::kNumber);
  type.whole_ = true;
  type.whole_min_ = min;
  type.whole_max_ = max;
  return type;
}

std::string ParamType::terraform() const {
  switch (kind_) {
    case Kind::kString:
      return "string";
    case Kind::kNumber:
      return "number";
    case Kind::kBool:
      return "bool";
    case Kind::kAny:
      return "any";
    case Kind::kList:
      return "list(" + element_->terraform() + ")";
    case Kind::kMap:
      return "map(" + element_->terraform() + ")";
    case Kind::kObject: {
      std::string out = "object({";
      bool first = true;
      for (const auto& [name, type] : fields_) {
        if (!first) out += ", ";
        first = false;
        out += name + " = " + type.terraform();
      }
      return out + "})";
    }
  }
  return {};
}

std::vector<std::string> ParamType::check(const Value& value) const {
  std::vector<std::string> problems;
  check_type(*this, value, "", problems);
  return problems;
}

Parameter::Parameter(std::string name, ParamType type, ParamSpec spec, SourceLocation where)
    : name_(std::move(name)),
      ref_(make_variable(name_)),
      type_(std::move(type)),
      spec_(std::move(spec)),
      where_(std::move(where)) {
  if (!spec_.pattern.empty()) pattern_ = std::make_shared<const Pattern>(spec_.pattern);
}

Value Parameter::ref() const { return ref_; }

const std::string& Parameter::pattern_error() const {
  static const std::string kNone;
  return pattern_ != nullptr ? pattern_->error() : kNone;
}

std::vector<std::string> Parameter::check(const Value& value) const {
  std::vector<std::string> problems = type_.check(value);
  if (!problems.empty() || value.is_expr()) return problems;

  // A sensitive value must not end up in logs, so its messages leave it out.
  const auto got = [&](const std::string& separator) {
    return spec_.sensitive ? std::string() : separator + "got " + describe(value);
  };
  if (value.is_number()) {
    const double number = value.as_number();
    if (spec_.min && number < *spec_.min) {
      problems.push_back(
          fmt::format("must be at least {}{}", format_number(*spec_.min), got(", ")));
    }
    if (spec_.max && number > *spec_.max) {
      problems.push_back(fmt::format("must be at most {}{}", format_number(*spec_.max), got(", ")));
    }
  }
  if (!spec_.allowed.empty()) {
    // Value equality compares numbers numerically, so 3 is allowed by 3.0.
    if (std::find(spec_.allowed.begin(), spec_.allowed.end(), value) == spec_.allowed.end()) {
      problems.push_back(
          fmt::format("must be one of {}{}", describe_list(spec_.allowed), got("; ")));
    }
  }
  // An invalid pattern is reported once, where the App declares the parameter.
  if (pattern_ != nullptr && pattern_->ok() && value.is_string() &&
      !pattern_->full_match(value.as_string())) {
    problems.push_back("must match the pattern " + spec_.pattern);
  }
  return problems;
}

std::vector<ParamValidation> Parameter::validations() const {
  std::vector<ParamValidation> out;
  // Terraform wants each message to be a sentence starting with a capital
  // letter; parameter names are lower-case, so they cannot lead.
  const std::string subject = "The value of " + name_;
  // Terraform's `number` takes 1.5; an int parameter must not, at plan time either.
  if (type_.is_whole()) {
    out.push_back({eq(fn::call("floor", {ref()}), ref()),
                   fmt::format("{} must be a whole number.", subject)});
  }
  if (spec_.min && spec_.max) {
    out.push_back(
        {logical_and(ge(ref(), number_value(*spec_.min)), le(ref(), number_value(*spec_.max))),
         fmt::format("{} must be between {} and {}.", subject, format_number(*spec_.min),
                     format_number(*spec_.max))});
  } else if (spec_.min) {
    out.push_back({ge(ref(), number_value(*spec_.min)),
                   fmt::format("{} must be at least {}.", subject, format_number(*spec_.min))});
  } else if (spec_.max) {
    out.push_back({le(ref(), number_value(*spec_.max)),
                   fmt::format("{} must be at most {}.", subject, format_number(*spec_.max))});
  }
  if (!spec_.allowed.empty()) {
    out.push_back({fn::contains(Value::list(spec_.allowed), ref()),
                   fmt::format("{} must be one of {}.", subject, describe_list(spec_.allowed))});
  }
  if (!spec_.pattern.empty()) {
    out.push_back(
        {fn::call("can", {fn::call("regex", {Value("^(?:" + spec_.pattern + ")$"), ref()})}),
         fmt::format("{} must match the pattern {}.", subject, spec_.pattern)});
  }
  return out;
}

}  // namespace keelson
