#ifndef KEELSON_STACKS_PROPS_H_
#define KEELSON_STACKS_PROPS_H_

#include <cstdint>
#include <optional>
#include <string>

#include "dsl/value.h"

namespace keelson {

// Helpers for the props of the standard stacks. A prop is a literal (the same
// in every environment, checked and folded at synthesis) or an expression (a
// parameter: checked by its own spec, decided by Terraform).

/// `{Name = name}`, the tags map every taggable resource of a stack carries.
Value name_tags(Value name);

/// A literal `true` / `false`; an expression is neither.
bool literal_true(const Value& value);
bool literal_false(const Value& value);

/// The value of a literal whole number (an int, or an integral float), or
/// nothing for an expression or anything else.
std::optional<std::int64_t> whole_number(const Value& value);

/// `on` or `off` as the switch `enabled` says: picked at synthesis for a
/// literal, `enabled ? on : off` for an expression.
Value either(const Value& enabled, Value on, Value off);

/// `count` of something a switch turns on: 1 or 0, folded for a literal.
Value one_if(const Value& enabled);

/// A literal as a message shows it: `3`, `"db.x"`, `true`, or its kind.
std::string literal_text(const Value& value);

}  // namespace keelson

#endif  // KEELSON_STACKS_PROPS_H_
