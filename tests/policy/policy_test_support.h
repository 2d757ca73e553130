// What the policy tests share: a resource view made by hand, and the ids of
// the rules it breaks.
#ifndef KEELSON_TESTS_POLICY_POLICY_TEST_SUPPORT_H_
#define KEELSON_TESTS_POLICY_POLICY_TEST_SUPPORT_H_

#include <algorithm>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "policy/check.h"
#include "policy/rule_packs.h"

namespace keelson::policy::testing {

using Ids = std::vector<std::string>;

// A resource as a plan would show it, at `<type>.test`.
inline ResourceView view(std::string type, nlohmann::json after,
                         nlohmann::json unknown = nlohmann::json::object()) {
  ResourceView v;
  v.type = type;
  v.address = type + ".test";
  v.after = std::move(after);
  v.after_unknown = std::move(unknown);
  return v;
}

// The ids of the rules broken among `views`, checked together in
// `environment` with `settings`, in the order of the views, then of the rules.
inline Ids fired_by(const std::vector<ResourceView>& views, std::string_view environment = "dev",
                    const PolicySettings& settings = {}) {
  Ids ids;
  const Context context{std::string(environment), settings};
  for (const auto& f : check(views, builtin_rules(), context).findings) ids.push_back(f.rule->id);
  return ids;
}

// The ids of the rules `v` breaks in `environment`.
inline Ids fired(const ResourceView& v, std::string_view environment = "dev",
                 const PolicySettings& settings = {}) {
  return fired_by({v}, environment, settings);
}

// `ids` with (`keep`) or without those of `pack`'s rules: a pack's tests
// leave the others aside, which fire on bare fixtures too.
inline Ids filtered(Ids ids, const std::vector<Rule>& pack, bool keep) {
  std::erase_if(ids, [&](const std::string& id) {
    return keep != std::any_of(pack.begin(), pack.end(), [&](const Rule& r) { return r.id == id; });
  });
  return ids;
}

}  // namespace keelson::policy::testing

#endif  // KEELSON_TESTS_POLICY_POLICY_TEST_SUPPORT_H_
