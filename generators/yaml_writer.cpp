#include "generators/yaml_writer.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace keelson {
namespace {

void emit(YAML::Emitter& out, const Value& v, const YamlOptions& options) {
  switch (v.kind()) {
    case Value::Kind::kNull: out << YAML::Null; break;
    case Value::Kind::kBool: out << v.as_bool(); break;
    case Value::Kind::kInt: out << v.as_int(); break;
    case Value::Kind::kFloat: out << v.as_number(); break;
    case Value::Kind::kString: out << YAML::DoubleQuoted << v.as_string(); break;
    case Value::Kind::kList:
      if (v.as_list().empty()) { out << YAML::Flow << YAML::BeginSeq << YAML::EndSeq; break; }
      out << YAML::BeginSeq;
      for (const auto& item : v.as_list()) emit(out, item, options);
      out << YAML::EndSeq;
      break;
    case Value::Kind::kMap: {
      if (v.as_map().empty()) { out << YAML::Flow << YAML::BeginMap << YAML::EndMap; break; }
      std::vector<std::string> keys;
      for (const auto& k : options.key_order) if (v.as_map().contains(k)) keys.push_back(k);
      for (const auto& [k, _] : v.as_map())
        if (std::find(keys.begin(), keys.end(), k) == keys.end()) keys.push_back(k);
      out << YAML::BeginMap;
      for (const auto& k : keys) { out << YAML::Key << k << YAML::Value; emit(out, v.as_map().find(k)->second, options); }
      out << YAML::EndMap;
      break;
    }
    case Value::Kind::kExpr: throw std::logic_error("expression in YAML");
  }
}

}  // namespace

std::string to_yaml(const Value& document, const YamlOptions& options) {
  YAML::Emitter out;
  emit(out, document, options);
  std::string text;
  std::size_t start = 0;
  while (!options.header.empty() && start <= options.header.size()) {
    auto end = options.header.find('\n', start);
    if (end == std::string::npos) end = options.header.size();
    text += "# " + options.header.substr(start, end - start) + "\n";
    start = end + 1;
  }
  return text + out.c_str() + "\n";
}

}  // namespace keelson
