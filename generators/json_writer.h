#ifndef KEELSON_GENERATORS_JSON_WRITER_H_
#define KEELSON_GENERATORS_JSON_WRITER_H_

#include <string>

#include "dsl/value.h"
#include "plan/expression_renderer.h"

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

/// Streams one JSON object into `out` member by member, in the layout of
/// `json_document`, for documents too large to build as a Value first. The
/// caller gives keys in sorted order and writes each value right after its
/// key: with `append_json(out, value, refs, writer.depth() + 1)` or a nested
/// ObjectWriter at that depth.
class ObjectWriter {
 public:
  ObjectWriter(std::string& out, int depth);
  /// Starts the member `key`.
  void key(std::string_view key);
  /// The depth of the object itself.
  int depth() const { return depth_; }
  /// Closes the object (`{}` when it had no member).
  void close();

 private:
  std::string& out_;
  int depth_;
  bool empty_ = true;
};

/// Streams one JSON array into `out` item by item, in the same layout: call
/// `item()` before writing each item at depth `writer.depth() + 1`.
class ArrayWriter {
 public:
  ArrayWriter(std::string& out, int depth);
  /// Starts the next item.
  void item();
  int depth() const { return depth_; }
  /// Closes the array (`[]` when it had no item).
  void close();

 private:
  std::string& out_;
  int depth_;
  bool empty_ = true;
};

}  // namespace keelson

#endif  // KEELSON_GENERATORS_JSON_WRITER_H_
