#ifndef KEELSON_GENERATORS_JSON_WRITER_H_
#define KEELSON_GENERATORS_JSON_WRITER_H_

#include <string>

#include "dsl/value.h"
#include "generators/expression_renderer.h"

namespace keelson {

/// The bytes of a generated JSON file: `document` in Terraform's JSON syntax
/// (literal strings escaped, expressions as `${...}`), keys sorted, two-space
/// indent, a trailing newline. The one writer of every generated file, so
/// all of them share one layout; it writes straight from the model, without
/// building a JSON tree first.
std::string json_document(const Value& document, const ReferenceRenderer& references);

/// Appends `value` to `out` at nesting depth `depth` (see `json_document`).
void append_json(std::string& out, const Value& value, const ReferenceRenderer& references,
                 int depth);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_JSON_WRITER_H_
