// What the policy tests share: a resource view made by hand, and the ids of
// the rules it breaks.
#ifndef KEELSON_TESTS_POLICY_POLICY_TEST_SUPPORT_H_
#define KEELSON_TESTS_POLICY_POLICY_TEST_SUPPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "policy/check.h"
#include "policy/rule_packs.h"

namespace keelson::policy::testing {

using Ids = std::vector<std::string>;

inline ResourceView view(std::string type, nlohmann::json after,
                         nlohmann::json unknown = nlohmann::json::object()) {
  ResourceView v;
  v.type = type;
  v.address = type + ".test";
  v.after = std::move(after);
  v.after_unknown = std::move(unknown);
  return v;
}

// The ids of the rules the resources `views` break, checked together.
inline Ids fired_by(const std::vector<ResourceView>& views, std::string_view environment = "dev") {
  Ids ids;
  const Context context{std::string(environment), {}};
  for (const auto& f : check(views, builtin_rules(), context).findings) ids.push_back(f.rule->id);
  return ids;
}

// The ids of the rules `v` breaks in `environment`.
inline Ids fired(const ResourceView& v, std::string_view environment = "dev") {
  return fired_by({v}, environment);
}

}  // namespace keelson::policy::testing

#endif  // KEELSON_TESTS_POLICY_POLICY_TEST_SUPPORT_H_
