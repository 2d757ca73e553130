#ifndef KEELSON_PLAN_INPUT_TYPE_H_
#define KEELSON_PLAN_INPUT_TYPE_H_

#include <string>

#include "dsl/expression.h"
#include "schema/attribute_type_table.h"

namespace keelson {

/// The Terraform type of the module variable that receives a cross-stack
/// reference `ref` (a kRef), i.e. of the value its producer exports: the
/// attribute's type `T` from `types` for `ref.instances` kWhole; `list(T)` for
/// kAll; for kKey, `map(T)` when the target has `for_each` (the export is a
/// map by key) and `list(T)` when it has `count` (the reader indexes the
/// splat). `any` when `T` is unknown: a whole resource, a module call output,
/// a path the provider schemas do not describe.
std::string input_type(const Expr& ref, const schema::AttributeTypeTable& types =
                                            schema::AttributeTypeTable::bundled());

}  // namespace keelson

#endif  // KEELSON_PLAN_INPUT_TYPE_H_
