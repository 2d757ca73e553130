#include "environments/default_tags.h"

namespace keelson {

Value::Map default_tags(const App& app, const Environment& environment) {
  Value::Map tags{{"Environment", environment.name}, {"ManagedBy", "keelson"}};
  for (const auto& [key, value] : app.options().tags) tags.insert_or_assign(key, value);
  for (const auto& [key, value] : environment.tags) tags.insert_or_assign(key, value);
  return tags;
}

}  // namespace keelson
