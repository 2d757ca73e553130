#ifndef KEELSON_POLICY_RESOURCE_INDEX_H_
#define KEELSON_POLICY_RESOURCE_INDEX_H_

#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "policy/resource_view.h"

namespace keelson::policy {

/// The resources checked together, looked up by type and by what refers to
/// what, so that rules looking across resources stay linear in a large app.
/// find() builds one per set of views.
class ResourceIndex {
 public:
  explicit ResourceIndex(const std::vector<ResourceView>& views);

  /// The resources of `type`, in the order of the views.
  const std::vector<const ResourceView*>& of_type(std::string_view type) const;

  /// The resources of `type` whose argument `key` refers to `target` (by
  /// reference in the same module, or by repeating its known string value),
  /// in the order of the views.
  std::vector<const ResourceView*> referring_to(const ResourceView& target, std::string_view type,
                                                const char* key) const;

  /// What `compute` gives, computed once per set of views under `name`.
  template <class T>
  const T& once(const std::string& name, const std::function<T()>& compute) const {
    auto& slot = memo_[name];
    if (!slot) slot = std::make_shared<T>(compute());
    return *static_cast<const T*>(slot.get());
  }

 private:
  std::unordered_map<std::string, std::vector<const ResourceView*>> by_type_;
  // `type \n key \n module \n reference` → the resources whose `key` refers so.
  std::unordered_map<std::string, std::vector<const ResourceView*>> by_reference_;
  mutable std::unordered_map<std::string, std::shared_ptr<void>> memo_;
};

}  // namespace keelson::policy

#endif  // KEELSON_POLICY_RESOURCE_INDEX_H_
