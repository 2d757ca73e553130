#ifndef KEELSON_DSL_PARAMETER_H_
#define KEELSON_DSL_PARAMETER_H_

#include <cstdint>
#include <limits>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "dsl/diagnostic.h"
#include "dsl/value.h"

namespace keelson {

class Pattern;

/// The Terraform type of a parameter: string, number, bool, list(T), map(T),
/// object({...}) or any.
class ParamType {
 public:
  enum class Kind { kString, kNumber, kBool, kList, kMap, kObject, kAny };

  static ParamType string() { return ParamType(Kind::kString); }
  static ParamType number() { return ParamType(Kind::kNumber); }
  static ParamType boolean() { return ParamType(Kind::kBool); }
  static ParamType any() { return ParamType(Kind::kAny); }
  static ParamType list(ParamType element);
  static ParamType map(ParamType element);
  static ParamType object(std::map<std::string, ParamType> fields);
  /// A number that must be whole and from `min` to `max`: the type of `int`
  /// and `std::int64_t` parameters. Terraform's type is still `number`; the
  /// environment file's value is checked (`1.5` for an `int` is an error).
  static ParamType whole_number(std::int64_t min, std::int64_t max);

  /// The type for a C++ type: std::string, bool, integers and floating point,
  /// std::vector<T> and std::map<std::string, T>.
  template <typename T>
  static ParamType of();

  Kind kind() const { return kind_; }
  /// Whether a number must be whole (see whole_number()).
  bool is_whole() const { return whole_; }
  /// The range of a whole number.
  std::int64_t whole_min() const { return whole_min_; }
  std::int64_t whole_max() const { return whole_max_; }
  /// Element type of a list or map.
  const ParamType& element() const { return *element_; }
  /// Fields of an object, sorted by name.
  const std::map<std::string, ParamType>& fields() const { return fields_; }

  /// Terraform type constraint text: `list(string)`, `object({name = string})`.
  std::string terraform() const;

  /// Problems with the type of `value` alone, e.g. `element 2: expected a
  /// string, got a bool`. Empty when `value` is of this type; `any` accepts
  /// everything.
  std::vector<std::string> check(const Value& value) const;

 private:
  explicit ParamType(Kind kind) : kind_(kind) {}
  Kind kind_;
  bool whole_ = false;
  std::int64_t whole_min_ = 0;
  std::int64_t whole_max_ = 0;
  std::shared_ptr<const ParamType> element_;
  std::map<std::string, ParamType> fields_;
};

namespace detail {
template <typename T>
struct ParamTypeOf;
template <>
struct ParamTypeOf<std::string> {
  static ParamType get() { return ParamType::string(); }
};
template <>
struct ParamTypeOf<bool> {
  static ParamType get() { return ParamType::boolean(); }
};
template <>
struct ParamTypeOf<int> {
  static ParamType get() {
    return ParamType::whole_number(std::numeric_limits<int>::min(),
                                   std::numeric_limits<int>::max());
  }
};
template <>
struct ParamTypeOf<std::int64_t> {
  static ParamType get() {
    return ParamType::whole_number(std::numeric_limits<std::int64_t>::min(),
                                   std::numeric_limits<std::int64_t>::max());
  }
};
template <>
struct ParamTypeOf<double> {
  static ParamType get() { return ParamType::number(); }
};
template <typename T>
struct ParamTypeOf<std::vector<T>> {
  static ParamType get() { return ParamType::list(ParamTypeOf<T>::get()); }
};
template <typename T>
struct ParamTypeOf<std::map<std::string, T>> {
  static ParamType get() { return ParamType::map(ParamTypeOf<T>::get()); }
};
}  // namespace detail

template <typename T>
ParamType ParamType::of() {
  return detail::ParamTypeOf<T>::get();
}

/// How a parameter is described and constrained. Every constraint becomes a
/// Terraform `validation` block and is also checked when an environment file
/// is loaded, so a bad value fails at synth time with its file and line.
struct ParamSpec {
  std::string description{};
  std::optional<double> min{};  ///< numbers: smallest allowed value
  std::optional<double> max{};  ///< numbers: largest allowed value
  Value::List allowed{};        ///< allowed values; empty means any
  /// strings: a regular expression (RE2 syntax, as Terraform's `regex()`)
  /// the whole value must match.
  std::string pattern{};
  bool sensitive = false;                ///< never printed by Terraform; never put in docs
  std::optional<Value> default_value{};  ///< used when an environment gives no value
};

/// One Terraform `validation` block of a variable.
struct ParamValidation {
  Value condition;            ///< a boolean expression over `var.<name>`
  std::string error_message;  ///< a full sentence, as Terraform requires
};

/// A declared parameter: one Terraform variable whose value each environment gives.
class Parameter {
 public:
  Parameter(std::string name, ParamType type, ParamSpec spec, SourceLocation where);

  const std::string& name() const { return name_; }
  const ParamType& type() const { return type_; }
  const ParamSpec& spec() const { return spec_; }
  const SourceLocation& where() const { return where_; }

  /// `var.<name>`.
  Value ref() const;

  /// Why `spec().pattern` is not a valid RE2 expression; empty when it is
  /// or when there is no pattern.
  const std::string& pattern_error() const;

  /// Problems with `value` as a value of this parameter: wrong type, out of
  /// range, not allowed, not matching the pattern. Empty when it is valid.
  /// Constraints are checked only once the type is right; messages about a
  /// sensitive parameter never quote its value.
  std::vector<std::string> check(const Value& value) const;

  /// One validation block per constraint of the spec: range (`min`/`max`),
  /// `allowed` and `pattern`, in that order. Empty when there are none.
  std::vector<ParamValidation> validations() const;

  /// Rules relating this parameter to others (`App::rule`), in declaration
  /// order. Each becomes one more `validation` block of the variable in every
  /// root, where all parameters are declared; Terraform 1.9 and later allow a
  /// validation to refer to other variables.
  const std::vector<ParamValidation>& rules() const { return rules_; }
  void add_rule(ParamValidation rule) { rules_.push_back(std::move(rule)); }

 private:
  std::string name_;
  Value ref_;  // one shared `var.<name>` expression for every use
  ParamType type_;
  ParamSpec spec_;
  // spec_.pattern compiled once; null when there is none. Shared by copies.
  std::shared_ptr<const Pattern> pattern_;
  SourceLocation where_;
  std::vector<ParamValidation> rules_;
};

/// A typed handle to a parameter; converts to the `var.<name>` expression.
template <typename T>
class Param {
 public:
  explicit Param(const Parameter& parameter) : parameter_(&parameter) {}
  operator Value() const { return parameter_->ref(); }
  Value ref() const { return parameter_->ref(); }
  const Parameter& parameter() const { return *parameter_; }

 private:
  const Parameter* parameter_;
};

}  // namespace keelson

#endif  // KEELSON_DSL_PARAMETER_H_
