#ifndef KEELSON_GENERATORS_YAML_WRITER_H_
#define KEELSON_GENERATORS_YAML_WRITER_H_

#include <string>
#include <string_view>
#include <vector>

#include "dsl/value.h"

namespace keelson {

/// How `to_yaml` lays out a document beyond its values.
struct YamlOptions {
  /// Comment lines written before the document, each as `# <line>` (`#` when
  /// empty); a line break in one starts another comment line.
  std::vector<std::string> header{};
  /// Keys of the top-level map written first, in this order; the other keys
  /// follow in sorted order. Chart.yaml leads with `apiVersion`, `name`, ...
  std::vector<std::string> key_order{};
};

/// The bytes of a generated YAML file (Helm values, Chart.yaml, test suites):
/// block style, two-space indent, keys sorted (see `YamlOptions::key_order`),
/// `{}` and `[]` for empty containers, one trailing newline. Every YAML 1.1
/// and 1.2 reader reads it back as `document`: a string is double-quoted when
/// `needs_quotes` says so, multi-line text is a `|` or `|-` block when it can
/// be, integers are decimal, floats always have a `.` (`100.0`, `1.0e+20`,
/// `.inf`, `.nan`) so that YAML 1.1 readers keep them floats.
/// Same value, same bytes. (Helm reads values through JSON, which has no
/// `.inf` or `.nan`: keep non-finite floats out of values files.)
///
/// Throws std::logic_error naming the key path (`image.tag`, `args[2]`) when
/// the document holds an expression, and std::invalid_argument when a string
/// is not well-formed UTF-8 or holds a Unicode noncharacter (U+FFFE, U+FDD0),
/// which yaml-cpp would silently replace.
std::string to_yaml(const Value& document, const YamlOptions& options = {});

/// Whether `text`, written as a plain (unquoted) scalar, could read back as
/// anything but this string in some reader: YAML 1.1 and 1.2 booleans,
/// nulls, numbers and timestamps, a leading indicator, `: ` or ` #`, edge
/// spaces, a line break, tab or other non-printable character. Errs on the
/// side of quoting (`1.2.3` is quoted), never the other way.
bool needs_quotes(std::string_view text);

}  // namespace keelson

#endif  // KEELSON_GENERATORS_YAML_WRITER_H_
