#include "dsl/helm_value_path.h"

namespace keelson {

std::string helm_escape_key(std::string_view key) {
  std::string out;
  out.reserve(key.size());
  for (const char c : key) {
    if (c == '\\' || c == '.' || c == ',' || c == '=' || c == '[') out += '\\';
    out += c;
  }
  return out;
}

std::string helm_value_path(std::initializer_list<std::string_view> keys) {
  std::string out;
  for (const auto key : keys) {
    if (!out.empty()) out += '.';
    out += helm_escape_key(key);
  }
  return out;
}

}  // namespace keelson
