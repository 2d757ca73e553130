#include "plan/input_type.h"

#include <string_view>

#include "dsl/resource.h"

namespace keelson {

std::string input_type(const Expr& ref, const schema::AttributeTypeTable& types) {
  const auto* resource = dynamic_cast<const Resource*>(ref.target);
  if (resource == nullptr || ref.text.empty()) return "any";
  const std::string_view type = resource->mode() == Resource::Mode::kData
                                    ? types.data_source_attribute(resource->type(), ref.text)
                                    : types.resource_attribute(resource->type(), ref.text);
  // A collection of values of unknown type is itself best left `any`: a
  // `list(any)` would still force its elements to one type.
  if (type.empty() || type == "any") return "any";
  switch (ref.instances) {
    case Expr::Instances::kWhole:
      return std::string(type);
    case Expr::Instances::kAll:
      return "list(" + std::string(type) + ")";
    case Expr::Instances::kKey:
      return (resource->repetition() == Repetition::kForEach ? "map(" : "list(") +
             std::string(type) + ")";
  }
  return "any";
}

}  // namespace keelson
