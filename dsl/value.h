#ifndef KEELSON_DSL_VALUE_H_
#define KEELSON_DSL_VALUE_H_

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace keelson {

struct Expr;
class Value;

/// Shared, immutable expression node. Values copy cheaply because expressions
/// are never mutated after construction.
using ExprPtr = std::shared_ptr<const Expr>;

/// The intermediate representation of every attribute, parameter value and
/// argument: a JSON-like literal or a Terraform expression.
///
/// Literals render as JSON; expressions render as `${...}` only when a generator
/// writes them, and a literal string that contains `${` or `%{` is escaped there.
namespace detail {
/// A value kept on the heap but copied like a value: keeps `Value` small,
/// since most values are not maps.
template <typename T>
class Boxed {
 public:
  explicit Boxed(T value) : ptr_(std::make_unique<T>(std::move(value))) {}
  Boxed(const Boxed& other) : ptr_(std::make_unique<T>(*other.ptr_)) {}
  Boxed(Boxed&&) noexcept = default;
  Boxed& operator=(const Boxed& other) {
    ptr_ = std::make_unique<T>(*other.ptr_);
    return *this;
  }
  Boxed& operator=(Boxed&&) noexcept = default;
  ~Boxed() = default;
  T& get() { return *ptr_; }
  const T& get() const { return *ptr_; }
  friend bool operator==(const Boxed& a, const Boxed& b) { return *a.ptr_ == *b.ptr_; }

 private:
  std::unique_ptr<T> ptr_;
};
}  // namespace detail

class Value {
 public:
  using List = std::vector<Value>;
  /// Keys are sorted, so rendered maps are deterministic.
  using Map = std::map<std::string, Value, std::less<>>;

  enum class Kind { kNull, kBool, kInt, kFloat, kString, kList, kMap, kExpr };

  Value() = default;
  Value(std::nullptr_t) {}
  Value(bool b) : data_(b) {}
  template <typename I,
            std::enable_if_t<std::is_integral_v<I> && !std::is_same_v<I, bool>, int> = 0>
  Value(I i) : data_(static_cast<std::int64_t>(i)) {}
  Value(double d) : data_(d) {}
  Value(const char* s) : data_(std::string(s)) {}
  Value(std::string s) : data_(std::move(s)) {}
  Value(std::string_view s) : data_(std::string(s)) {}
  Value(List l) : data_(std::move(l)) {}
  Value(Map m) : data_(detail::Boxed<Map>(std::move(m))) {}
  Value(ExprPtr e) : data_(std::move(e)) {}

  /// `Value::list({"a", "b"})`: a list literal (braces alone would be ambiguous).
  static Value list(List items) { return Value(std::move(items)); }
  /// `Value::map({{"Name", "web"}})`: a map (object) literal.
  static Value map(Map entries) { return Value(std::move(entries)); }

  Kind kind() const { return static_cast<Kind>(data_.index()); }
  bool is_null() const { return kind() == Kind::kNull; }
  bool is_expr() const { return kind() == Kind::kExpr; }
  bool is_string() const { return kind() == Kind::kString; }
  bool is_number() const { return kind() == Kind::kInt || kind() == Kind::kFloat; }

  /// Accessors; each requires the matching kind (checked with std::get).
  bool as_bool() const { return std::get<bool>(data_); }
  std::int64_t as_int() const { return std::get<std::int64_t>(data_); }
  double as_number() const;
  const std::string& as_string() const { return std::get<std::string>(data_); }
  const List& as_list() const { return std::get<List>(data_); }
  List& as_list() { return std::get<List>(data_); }
  const Map& as_map() const { return std::get<detail::Boxed<Map>>(data_).get(); }
  Map& as_map() { return std::get<detail::Boxed<Map>>(data_).get(); }
  const Expr& expr() const { return *std::get<ExprPtr>(data_); }

  /// True when this value, or anything nested in it, is an expression.
  bool contains_expr() const;

  /// Structural equality; expressions compare by identity.
  friend bool operator==(const Value& a, const Value& b);

  /// A short human description of the kind, for error messages ("a string").
  std::string kind_name() const;

 private:
  std::variant<std::nullptr_t, bool, std::int64_t, double, std::string, List, detail::Boxed<Map>,
               ExprPtr>
      data_;
};

}  // namespace keelson

#endif  // KEELSON_DSL_VALUE_H_
