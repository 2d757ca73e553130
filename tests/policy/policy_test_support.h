#ifndef KEELSON_TESTS_POLICY_POLICY_TEST_SUPPORT_H_
#define KEELSON_TESTS_POLICY_POLICY_TEST_SUPPORT_H_

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "policy/check.h"
#include "policy/rule_packs.h"

namespace keelson::testing {

// A resource as a plan would show it, at `<type>.test`.
inline policy::ResourceView view(std::string type, nlohmann::json after,
                                 nlohmann::json unknown = nlohmann::json::object()) {
  policy::ResourceView v;
  v.type = type;
  v.address = type + ".test";
  v.after = std::move(after);
  v.after_unknown = std::move(unknown);
  return v;
}

using Ids = std::vector<std::string>;

// The ids of the rules broken among `views`, checked together in
// `environment` with `settings`, in the order of the views, then of the rules.
inline Ids fired_among(const std::vector<policy::ResourceView>& views,
                       std::string_view environment = "dev", const PolicySettings& settings = {}) {
  Ids ids;
  const policy::Context context{std::string(environment), settings};
  for (const auto& f : policy::check(views, policy::builtin_rules(), context).findings)
    ids.push_back(f.rule->id);
  return ids;
}

// The ids of the rules `v` breaks in `environment`.
inline Ids fired(const policy::ResourceView& v, std::string_view environment = "dev",
                 const PolicySettings& settings = {}) {
  return fired_among({v}, environment, settings);
}

}  // namespace keelson::testing

#endif  // KEELSON_TESTS_POLICY_POLICY_TEST_SUPPORT_H_
