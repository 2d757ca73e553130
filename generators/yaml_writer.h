#ifndef KEELSON_GENERATORS_YAML_WRITER_H_
#define KEELSON_GENERATORS_YAML_WRITER_H_

#include <string>
#include <vector>

#include "dsl/value.h"

namespace keelson {

struct YamlOptions {
  /// Comment lines before the document (without `# `).
  std::string header{};
  /// Map keys written first, in this order, at every depth; the rest sorted.
  std::vector<std::string> key_order{};
};

/// `document` as YAML (provisional).
std::string to_yaml(const Value& document, const YamlOptions& options = {});

}  // namespace keelson

#endif  // KEELSON_GENERATORS_YAML_WRITER_H_
