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
