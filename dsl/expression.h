#ifndef KEELSON_DSL_EXPRESSION_H_
#define KEELSON_DSL_EXPRESSION_H_

#include <string>
#include <string_view>

#include "dsl/value.h"

namespace keelson {

class Referenceable;

/// One node of a Terraform expression. Built only through the functions below
/// and the `attr()` accessors of resources, data sources and module calls.
struct Expr {
  enum class Kind {
    kRef,          ///< attribute of a resource, data source or module call
    kVar,          ///< `var.<text>`: a parameter
    kCountIndex,   ///< `count.index`
    kEachKey,      ///< `each.key`
    kEachValue,    ///< `each.value`
    kCall,         ///< `<text>(args...)`: a Terraform function
    kConditional,  ///< `args[0] ? args[1] : args[2]`
    kBinary,       ///< `args[0] <text> args[1]`
    kNot,          ///< `!args[0]`
    kTemplate,     ///< string template: literal strings and expressions joined
    kRaw,          ///< expression text taken as written (escape hatch)
    kEnvironment,  ///< the environment's name: `var.environment` in a module, a literal in a root
  };
  /// Which instances of a repeated (`count`/`for_each`) target a kRef reads.
  enum class Instances {
    kWhole,  ///< the target itself (not repeated, or a module output)
    kKey,    ///< one instance: `args[0]` is the index or key
    kAll,    ///< every instance, as a list (splat)
  };

  Kind kind;
  const Referenceable* target = nullptr;  ///< kRef only
  std::string text;  ///< attribute path, variable, function, operator or raw text
  Value::List args;
  Instances instances = Instances::kWhole;
};

/// `count.index`, for use in a resource with `count`.
Value count_index();
/// `each.key` and `each.value`, for use in a resource with `for_each`.
Value each_key();
Value each_value();

/// The name of the environment being synthesized (the stem of its file,
/// e.g. `dev`). A module is the same for every environment, so inside one it
/// renders as `var.environment`: keelson declares that variable (a string)
/// in the modules that use it and each root passes its own name. In a root
/// (a provider setting) it is the literal name. `environment` is therefore
/// not a parameter name.
Value environment_name();

/// `cond ? then : otherwise`.
Value when(Value cond, Value then, Value otherwise);

/// Comparison and logic operators, rendered with Terraform's operators.
Value eq(Value a, Value b);
Value ne(Value a, Value b);
Value lt(Value a, Value b);
Value le(Value a, Value b);
Value gt(Value a, Value b);
Value ge(Value a, Value b);
Value logical_and(Value a, Value b);
Value logical_or(Value a, Value b);
Value logical_not(Value a);
Value add(Value a, Value b);
Value subtract(Value a, Value b);
Value multiply(Value a, Value b);

/// A string template: `str("arn:aws:s3:::", bucket.attr("id"), "/*")` renders as
/// `"arn:aws:s3:::${aws_s3_bucket.logs.id}/*"`. Literal parts are escaped.
Value str(Value::List parts);
template <typename... Parts>
Value str(Parts&&... parts) {
  return str(Value::List{Value(std::forward<Parts>(parts))...});
}

/// Expression text used as written, for what the DSL cannot express yet.
/// Nothing in it is checked or escaped, and it records no dependency.
Value raw(std::string text);

/// Terraform functions. `call` reaches any function by name; the others are
/// typed shorthands for the common ones.
namespace fn {
Value call(std::string name, Value::List args);
Value cidrsubnet(Value prefix, Value newbits, Value netnum);
Value element(Value list, Value index);
Value lookup(Value map, Value key, Value fallback);
Value merge(Value::List maps);
Value jsonencode(Value value);
Value format(Value spec, Value::List args);
Value length(Value collection);
Value concat(Value::List lists);
Value join(Value separator, Value list);
Value contains(Value collection, Value item);
Value tolist(Value collection);
Value toset(Value collection);
Value slice(Value list, Value start, Value end);
}  // namespace fn

/// Builds a kRef node; used by resources, data sources and module calls.
Value make_reference(const Referenceable& target, std::string attribute,
                     Expr::Instances instances = Expr::Instances::kWhole, Value key = nullptr);
/// Builds a kVar node for parameter `name`.
Value make_variable(std::string name);

}  // namespace keelson

#endif  // KEELSON_DSL_EXPRESSION_H_
