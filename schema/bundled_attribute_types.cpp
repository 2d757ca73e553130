#include "schema/attribute_type_table.h"
#include "schema/embed_file.h"

#ifndef KEELSON_ATTRIBUTE_TYPES_FILE
#error "KEELSON_ATTRIBUTE_TYPES_FILE must name the attribute type table to embed"
#endif

// The table is written at build time from the bundled provider schemas
// (tools/attribute_types), so reading it costs no JSON parsing.
KEELSON_EMBED_FILE(attribute_types, KEELSON_ATTRIBUTE_TYPES_FILE)

namespace keelson::schema {

const AttributeTypeTable& AttributeTypeTable::bundled() {
  static const AttributeTypeTable table(keelson_embedded_attribute_types());
  return table;
}

}  // namespace keelson::schema
