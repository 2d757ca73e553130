#ifndef KEELSON_REVIEW_REPLACEMENT_TABLE_H_
#define KEELSON_REVIEW_REPLACEMENT_TABLE_H_

#include <string_view>

namespace keelson::review {

/// Whether changing attribute `path` (indices stripped, nested blocks joined
/// with `.`: `launch_template.id`) of a resource of type `type` makes the AWS
/// provider destroy and recreate it. False for types and attributes the
/// table does not list, so an unlisted change reads as an in-place update.
bool forces_replacement(std::string_view type, std::string_view path);

}  // namespace keelson::review

#endif  // KEELSON_REVIEW_REPLACEMENT_TABLE_H_
