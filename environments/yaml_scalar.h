#ifndef KEELSON_ENVIRONMENTS_YAML_SCALAR_H_
#define KEELSON_ENVIRONMENTS_YAML_SCALAR_H_

#include <string>
#include <string_view>

#include "dsl/value.h"
#include "environments/yaml_tree.h"

namespace keelson {

/// A plain YAML scalar resolved by the YAML 1.2 core schema: null (``, `~`,
/// `null`), a bool (`true`, `False`), an int (`3`, `-12`, `0x1F`, `0o17`), a
/// float (`1.5`, `1e3`, `.inf`, `.nan`; one out of a double's range, like
/// `1e999`, stays a string), otherwise the text as a string.
Value resolve_plain_scalar(std::string_view text);

/// Whether `text` is written as a number but lies outside a double's range
/// (`1e999`), so resolve_plain_scalar() kept it as a string.
bool is_number_out_of_range(std::string_view text);

/// What a node reads as, for messages: "a map", "a list", "a number",
/// "a string", "null".
std::string yaml_kind(const YamlNode& node);

}  // namespace keelson

#endif  // KEELSON_ENVIRONMENTS_YAML_SCALAR_H_
