#ifndef KEELSON_TESTS_YAML_READ_BACK_H_
#define KEELSON_TESTS_YAML_READ_BACK_H_

#include <doctest/doctest.h>
#include <yaml-cpp/yaml.h>

#include <string>

#include "dsl/value.h"
#include "environments/yaml_scalar.h"

namespace keelson::testing {

/// yaml-cpp's reading of a node as a Value: quoted and block scalars (tag `!`)
/// are strings, plain ones are resolved by the YAML 1.2 core schema.
inline Value from_yaml(const YAML::Node& node) {
  switch (node.Type()) {
    case YAML::NodeType::Scalar:
      return node.Tag() == "!" ? Value(node.Scalar()) : resolve_plain_scalar(node.Scalar());
    case YAML::NodeType::Sequence: {
      Value::List list;
      for (const auto& item : node) list.push_back(from_yaml(item));
      return list;
    }
    case YAML::NodeType::Map: {
      Value::Map map;
      for (const auto& entry : node) {
        const Value key = from_yaml(entry.first);
        REQUIRE(key.is_string());
        map.emplace(key.as_string(), from_yaml(entry.second));
      }
      return map;
    }
    case YAML::NodeType::Null:
    case YAML::NodeType::Undefined:
      break;
  }
  return nullptr;
}

inline Value from_yaml(const std::string& text) { return from_yaml(YAML::Load(text)); }

}  // namespace keelson::testing

#endif  // KEELSON_TESTS_YAML_READ_BACK_H_
