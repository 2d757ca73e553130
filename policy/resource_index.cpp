#include "policy/resource_index.h"

#include <algorithm>

namespace keelson::policy {
namespace {

std::string reference_key(std::string_view type, std::string_view key, const std::string& module,
                          const std::string& reference) {
  std::string out;
  out.reserve(type.size() + key.size() + module.size() + reference.size() + 3);
  out.append(type).append("\n").append(key).append("\n").append(module).append("\n");
  return out.append(reference);
}

}  // namespace

ResourceIndex::ResourceIndex(const std::vector<ResourceView>& views) {
  for (const auto& view : views) {
    by_type_[view.type].push_back(&view);
    if (view.references.empty()) continue;
    const std::string module = module_of(view);
    for (const auto& [key, references] : view.references) {
      for (const auto& reference : references)
        by_reference_[reference_key(view.type, key, module, reference)].push_back(&view);
    }
  }
}

const std::vector<const ResourceView*>& ResourceIndex::of_type(std::string_view type) const {
  static const std::vector<const ResourceView*> kNone;
  const auto it = by_type_.find(std::string(type));
  return it == by_type_.end() ? kNone : it->second;
}

std::vector<const ResourceView*> ResourceIndex::referring_to(const ResourceView& target,
                                                             std::string_view type,
                                                             const char* key) const {
  std::vector<const ResourceView*> out;
  const auto it =
      by_reference_.find(reference_key(type, key, module_of(target), local_address(target)));
  if (it != by_reference_.end()) out = it->second;
  // By the same known name: only when the target has one.
  const nlohmann::json* name = known(target, key);
  if (name != nullptr && name->is_string()) {
    const auto& names = once<std::unordered_map<std::string, std::vector<const ResourceView*>>>(
        std::string("names\n").append(type).append("\n").append(key), [&] {
          std::unordered_map<std::string, std::vector<const ResourceView*>> by_name;
          for (const ResourceView* view : of_type(type)) {
            const nlohmann::json* value = known(*view, key);
            if (value != nullptr && value->is_string())
              by_name[value->get<std::string>()].push_back(view);
          }
          return by_name;
        });
    if (const auto same = names.find(name->get<std::string>()); same != names.end())
      out.insert(out.end(), same->second.begin(), same->second.end());
  }
  // The views are one vector: their addresses are their order.
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace keelson::policy
