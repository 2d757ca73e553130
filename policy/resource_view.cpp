#include "policy/resource_view.h"

namespace keelson::policy {

bool unknown(const ResourceView& view, const char* key) {
  const auto it = view.after_unknown.find(key);
  return it != view.after_unknown.end() && it->is_boolean() && it->get<bool>();
}

bool unknown_in(const ResourceView& view, const char* block, std::size_t index, const char* key) {
  if (unknown(view, block)) return true;
  const auto it = view.after_unknown.find(block);
  if (it == view.after_unknown.end() || !it->is_array() || index >= it->size()) return false;
  const nlohmann::json& item = (*it)[index];
  if (item.is_boolean()) return item.get<bool>();
  const auto at = item.find(key);
  return item.is_object() && at != item.end() && !(at->is_boolean() && !at->get<bool>());
}

const nlohmann::json* known(const ResourceView& view, const char* key) {
  if (unknown(view, key)) return nullptr;
  const auto it = view.after.find(key);
  if (it == view.after.end() || it->is_null()) return nullptr;
  return &*it;
}

Truth truth(const ResourceView& view, const char* key) {
  if (unknown(view, key)) return Truth::kUnknown;
  const nlohmann::json* value = known(view, key);
  if (value == nullptr) return Truth::kFalse;
  // Some flags are strings in the provider schema (ElastiCache's
  // at_rest_encryption_enabled in aws 6): "true", as Terraform converts.
  const bool on = value->is_boolean() ? value->get<bool>() : *value == "true";
  return on ? Truth::kTrue : Truth::kFalse;
}

std::vector<nlohmann::json> items(const nlohmann::json& value) {
  if (value.is_object()) return {value};
  std::vector<nlohmann::json> out;
  if (value.is_array()) {
    for (const auto& item : value)
      if (item.is_object()) out.push_back(item);
  }
  return out;
}

std::vector<nlohmann::json> blocks(const ResourceView& view, const char* name) {
  const nlohmann::json* value = known(view, name);
  return value == nullptr ? std::vector<nlohmann::json>{} : items(*value);
}

namespace {

// Where `view.address` names the resource itself: after the module path.
std::size_t local_start(const ResourceView& view) {
  const auto at = view.address.rfind(view.type + ".");
  return at == std::string::npos ? 0 : at;
}

}  // namespace

std::string module_of(const ResourceView& view) {
  const std::size_t at = local_start(view);
  return at == 0 ? std::string() : view.address.substr(0, at - 1);
}

std::string local_address(const ResourceView& view) {
  std::string local = view.address.substr(local_start(view));
  return local.substr(0, local.find('['));
}

bool refers_to(const ResourceView& from, const char* key, const ResourceView& to) {
  if (const auto it = from.references.find(key); it != from.references.end()) {
    const std::string target = local_address(to);
    for (const auto& reference : it->second) {
      if (reference == target && module_of(from) == module_of(to)) return true;
    }
  }
  const nlohmann::json* mine = known(from, key);
  const nlohmann::json* theirs = known(to, key);
  return mine != nullptr && theirs != nullptr && mine->is_string() && *mine == *theirs;
}

bool input_view(const ResourceView& view) {
  return view.type == kVariableView || view.type == kChartValueView;
}

bool rds_read_replica(const ResourceView& view) {
  return known(view, "replicate_source_db") != nullptr || unknown(view, "replicate_source_db");
}

bool launched_from_template(const ResourceView& view) {
  return known(view, "launch_template") != nullptr || unknown(view, "launch_template");
}

}  // namespace keelson::policy
