#ifndef KEELSON_SCHEMA_ATTRIBUTE_TYPE_TABLE_H_
#define KEELSON_SCHEMA_ATTRIBUTE_TYPE_TABLE_H_

#include <string>
#include <string_view>

namespace keelson::schema {

class ProviderSchemas;

/// The Terraform type of every attribute a reference can read, flattened from
/// provider schemas into sorted text, so a lookup is two binary searches and
/// no JSON parsing. The bundled table is written from the bundled schemas
/// when the library is built (tools/attribute_types).
///
/// The text is an index, an empty line, then one section per resource or data
/// source type. Index lines are `<type> <offset> <size>`, sorted by type:
/// `<type>` is a resource type (`aws_eks_cluster`) or `data.` and a data
/// source type (`data.aws_region`), and its section is the `<size>` bytes at
/// `<offset>` after the empty line. Section lines are `<path> <Terraform type>`,
/// sorted by path; `<path>` writes every index `[*]` and walks nested blocks
/// (`single` and `group` ones with `.`, `list` and `map` ones with `[*].`),
/// object attributes (`.`) and list and map elements (`[*]`):
///
///     aws_eks_cluster 0 91
///     data.aws_region 91 68
///
///     identity[*].oidc[*].issuer string
///     tags map(string)
///     tags[*] string
///     ...
///
/// Not listed, so unknown: whole nested blocks, anything inside a `set` (it
/// cannot be indexed) or a tuple, and types holding an object or `dynamic`.
/// An object's exact shape varies between provider versions more than its
/// attributes' types do (and would make long variable types); `dynamic` has
/// no shape at all.
class AttributeTypeTable {
 public:
  /// A table over `text` in the format above; the text must outlive it.
  explicit AttributeTypeTable(std::string_view text);

  /// The table of the bundled aws, helm and kubernetes schemas, embedded in
  /// the library at build time.
  static const AttributeTypeTable& bundled();

  /// Writes the table of every resource and data source in `schemas`.
  static std::string build(const ProviderSchemas& schemas);

  /// The Terraform type of attribute path `path` of resource type `type`,
  /// e.g. `list(string)`, or empty when the table does not list it. `path` is
  /// written as in a reference: `identity[0].oidc[0].issuer`, `tags["Name"]`.
  std::string_view resource_attribute(std::string_view type, std::string_view path) const;

  /// As resource_attribute(), for data source type `type` (`aws_region`).
  std::string_view data_source_attribute(std::string_view type, std::string_view path) const;

 private:
  std::string_view find(std::string_view type_key, std::string_view path) const;

  std::string_view index_;     // the index lines
  std::string_view sections_;  // everything after the empty line
};

}  // namespace keelson::schema

#endif  // KEELSON_SCHEMA_ATTRIBUTE_TYPE_TABLE_H_
