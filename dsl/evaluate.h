#ifndef KEELSON_DSL_EVALUATE_H_
#define KEELSON_DSL_EVALUATE_H_

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

#include "dsl/parameter.h"
#include "dsl/value.h"

namespace keelson {

/// The value of a parameter (`var.<name>`), or nullopt when it is not known
/// (a sensitive parameter, given only at plan time).
using VariableLookup = std::function<std::optional<Value>(std::string_view name)>;

/// Evaluates what an expression is in one environment, as Terraform would
/// before it reads anything from the cloud: literals, parameters, `when`,
/// comparisons, `&&` `||` `!`, `+` `-` `*`, and the functions `length`,
/// `min`, `max` and `contains`. Returns nullopt for anything else (a
/// resource's attribute, another function, an unknown parameter), so callers
/// leave such expressions to Terraform.
std::optional<Value> evaluate(const Value& value, const VariableLookup& variable);

/// The lookup of one environment: a parameter's value in `values` (the
/// environment's), else its default; nullopt for a parameter with neither.
/// `parameters` and `values` must outlive the lookup.
VariableLookup environment_values(const std::vector<const Parameter*>& parameters,
                                  const Value::Map& values);

/// True when evaluate() can compute `value` once its parameters are known:
/// it holds nothing but what evaluate() supports.
bool evaluable(const Value& value);

}  // namespace keelson

#endif  // KEELSON_DSL_EVALUATE_H_
