#ifndef KEELSON_ENVIRONMENTS_YAML_TREE_H_
#define KEELSON_ENVIRONMENTS_YAML_TREE_H_

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "dsl/diagnostic.h"

namespace keelson {

/// One node of a YAML document as read by read_yaml(). Immutable once read.
struct YamlNode {
  using Ptr = std::shared_ptr<const YamlNode>;
  /// One `key: value` of a map, in file order (duplicates kept).
  struct Entry {
    Ptr key;
    Ptr value;
  };
  enum class Kind { kNull, kScalar, kList, kMap };

  Kind kind = Kind::kNull;
  /// Where the node starts, 1-based; 0 when unknown. An empty value has no
  /// text of its own: yaml-cpp places it at the next token.
  unsigned line = 0;
  unsigned column = 0;
  /// A plain (unquoted, untagged) scalar, which the YAML core schema resolves
  /// (`3` is a number); quoted and `!!str` scalars are strings.
  bool plain = false;
  /// The text of a scalar.
  std::string text;
  /// Items of a list and entries of a map. An alias is a node of its own,
  /// at the alias's position, sharing these with the node it names.
  std::shared_ptr<const std::vector<Ptr>> items;
  std::shared_ptr<const std::vector<Entry>> entries;

  bool is_null() const { return kind == Kind::kNull; }
  bool is_scalar() const { return kind == Kind::kScalar; }
  bool is_list() const { return kind == Kind::kList; }
  bool is_map() const { return kind == Kind::kMap; }
  /// The items of a list (empty for other kinds).
  const std::vector<Ptr>& list() const;
  /// The entries of a map (empty for other kinds).
  const std::vector<Entry>& map() const;
};

/// What read_yaml() accepts at most, so that no file can exhaust memory or
/// the stack, whatever aliases it uses.
struct YamlLimits {
  /// Bytes in the file.
  static constexpr std::size_t kFileBytes = 4 * 1024 * 1024;
  /// Bytes in one scalar, key or value.
  static constexpr std::size_t kScalarBytes = 64 * 1024;
  /// Nested lists and maps.
  static constexpr std::size_t kDepth = 64;
  /// Nodes once every alias is expanded (a reader that walks the tree sees
  /// that many), over all documents.
  static constexpr std::size_t kNodes = 100'000;
  /// Bytes of scalar text once every alias is expanded.
  static constexpr std::size_t kTextBytes = 8 * 1024 * 1024;
};

/// Reads every document of `text` (for diagnostics, the contents of `file`)
/// into trees, within YamlLimits. Before yaml-cpp sees the text it must be
/// UTF-8 without control characters other than tab and line breaks; each
/// scalar must be too, once its escapes are read. Explicit tags other than
/// `!!str`, `!!seq` and `!!map` are not accepted. An alias used inside the
/// node it names (`r: &r [*r]`) is an error, not an endless tree.
///
/// Problems after which reading cannot go on (syntax errors, limits, bad
/// encoding, alias cycles) throw Error with everything found so far; the
/// others (a tag, a control character in one scalar) are appended to
/// `problems` and reading goes on. Every diagnostic has file:line:column.
std::vector<YamlNode::Ptr> read_yaml(std::string_view text, const std::string& file,
                                     std::vector<Diagnostic>& problems);

}  // namespace keelson

#endif  // KEELSON_ENVIRONMENTS_YAML_TREE_H_
