#include "charts/values_merge.h"

namespace keelson {

const Value& value_at(const Value& values, std::initializer_list<std::string_view> path) {
  static const Value none;
  const Value* here = &values;
  for (std::string_view key : path) {
    if (here->kind() != Value::Kind::kMap) return none;
    const auto it = here->as_map().find(key);
    if (it == here->as_map().end()) return none;
    here = &it->second;
  }
  return *here;
}

Value merge_values(const Value& base, const Value& over) {
  if (base.kind() != Value::Kind::kMap || over.kind() != Value::Kind::kMap) return over;
  Value::Map out = base.as_map();
  for (const auto& [key, value] : over.as_map()) {
    const auto it = out.find(key);
    if (it == out.end()) {
      out.emplace(key, value);
    } else {
      it->second = merge_values(it->second, value);
    }
  }
  return out;
}

Value values_difference(const Value& values, const Value& defaults) {
  if (values.kind() != Value::Kind::kMap || defaults.kind() != Value::Kind::kMap) return values;
  Value::Map out;
  for (const auto& [key, value] : values.as_map()) {
    const auto it = defaults.as_map().find(key);
    if (it == defaults.as_map().end()) {
      out.emplace(key, value);
    } else if (!(it->second == value)) {
      Value changed = values_difference(value, it->second);
      // An empty map that differs only by what it leaves out changes nothing.
      const bool nothing = changed.kind() == Value::Kind::kMap && changed.as_map().empty() &&
                           value.kind() == Value::Kind::kMap;
      if (!nothing) out.emplace(key, std::move(changed));
    }
  }
  return out;
}

Value effective_defaults(const Chart& chart) {
  Value out = chart.values();
  for (const Chart* sub : chart.subcharts()) {
    auto& slot = out.as_map()[sub->alias()];
    slot = merge_values(effective_defaults(*sub), slot);
  }
  return out;
}

}  // namespace keelson
