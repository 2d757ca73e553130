#include "drift/compare.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <set>

#include "dsl/secret_names.h"

namespace keelson::drift {
namespace {

using nlohmann::json;

// What the provider schema says a value is, so that it is compared as
// Terraform would: a map key for key, a set in any order, a block's body by
// the arguments the code sets.
struct Shape {
  enum class Kind { kUnknown, kScalar, kMap, kSubsetMap, kSet, kList, kObject, kSingleBlock };
  Kind kind = Kind::kUnknown;
  const schema::CtyType* type = nullptr;  // an attribute's type (list, set, map, object)
  const schema::Block* block = nullptr;   // a block's body (kObject, kSingleBlock, elements)
  bool sensitive = false;                 // the schema marks the attribute sensitive
};

Shape shape_of(const schema::CtyType& type) {
  using K = schema::CtyType::Kind;
  switch (type.kind) {
    case K::kString:
    case K::kNumber:
    case K::kBool:
      return {.kind = Shape::Kind::kScalar};
    case K::kList:
      return {.kind = Shape::Kind::kList, .type = &type};
    case K::kSet:
      return {.kind = Shape::Kind::kSet, .type = &type};
    case K::kMap:
      return {.kind = Shape::Kind::kMap, .type = &type};
    case K::kObject:
      return {.kind = Shape::Kind::kObject, .type = &type};
    default:
      return {};
  }
}

// The shape of the elements of a list, set or map.
Shape element_shape(const Shape& shape) {
  if (shape.type != nullptr && !shape.type->elements.empty())
    return shape_of(shape.type->elements[0]);
  if (shape.block != nullptr) return {.kind = Shape::Kind::kObject, .block = shape.block};
  return {};
}

// The shape of argument `key` of an object of `shape`; nullopt when the
// schema knows the object and `key` is none of its arguments (a comment,
// a meta-argument).
std::optional<Shape> member_shape(const Shape& shape, const std::string& key) {
  if (shape.block != nullptr) {
    if (const auto* attribute = shape.block->find_attribute(key)) {
      Shape out = shape_of(attribute->type);
      out.sensitive = attribute->sensitive;
      return out;
    }
    if (const auto* nested = shape.block->find_block_type(key)) {
      const schema::Block* body = nested->contents_unknown ? nullptr : &nested->block;
      switch (nested->nesting) {
        case schema::NestingMode::kSet:
          return Shape{.kind = Shape::Kind::kSet, .block = body};
        case schema::NestingMode::kMap:
          return Shape{.kind = Shape::Kind::kMap, .block = body};
        case schema::NestingMode::kSingle:
          return Shape{.kind = Shape::Kind::kSingleBlock, .block = body};
        default:
          return Shape{.kind = Shape::Kind::kList, .block = body};
      }
    }
    return std::nullopt;
  }
  if (shape.type != nullptr && shape.type->kind == schema::CtyType::Kind::kObject) {
    for (const auto& attribute : shape.type->attributes)
      if (attribute.name == key) return shape_of(attribute.type);
  }
  return Shape{};
}

const json& member(const json& value, const std::string& key) {
  static const json kNull;
  if (!value.is_object()) return kNull;
  const auto it = value.find(key);
  return it == value.end() ? kNull : *it;
}

const json& element(const json& value, std::size_t i) {
  static const json kNull;
  return value.is_array() && i < value.size() ? value[i] : kNull;
}

bool any_true(const json& marks) {
  if (marks == true) return true;
  if (marks.is_object() || marks.is_array()) {
    for (const auto& item : marks) {
      if (any_true(item)) return true;
    }
  }
  return false;
}

bool empty_value(const json& value) {
  return value.is_null() || ((value.is_array() || value.is_object()) && value.empty());
}

std::optional<double> number_of(const std::string& text) {
  if (text.empty()) return std::nullopt;
  char* end = nullptr;
  const double n = std::strtod(text.c_str(), &end);
  if (end != text.c_str() + text.size()) return std::nullopt;
  return n;
}

bool same_document(const json& a, const json& b);

// Two arrays with the same items, in any order.
bool same_items(const json& a, const json& b) {
  if (a.size() != b.size()) return false;
  std::vector<bool> used(b.size(), false);
  for (const auto& item : a) {
    bool found = false;
    for (std::size_t i = 0; i < b.size() && !found; ++i) {
      if (!used[i] && same_document(item, b[i])) used[i] = found = true;
    }
    if (!found) return false;
  }
  return true;
}

// Two parsed JSON documents that say the same: keys in any order, lists in
// any order, and a one-item list the same as its item (IAM reads
// `"Action": ["s3:*"]` as `"Action": "s3:*"`, and AWS may return either).
bool same_document(const json& a, const json& b) {
  if (a.is_array() && !b.is_array() && a.size() == 1) return same_document(a[0], b);
  if (b.is_array() && !a.is_array() && b.size() == 1) return same_document(a, b[0]);
  if (a.is_object() && b.is_object()) {
    if (a.size() != b.size()) return false;
    for (const auto& [key, value] : a.items()) {
      if (!b.contains(key) || !same_document(value, b[key])) return false;
    }
    return true;
  }
  if (a.is_array() && b.is_array()) return same_items(a, b);
  if (a.is_number() && b.is_number()) return a.get<double>() == b.get<double>();
  return a == b;
}

// A string holding a JSON object or list (a policy), parsed.
std::optional<json> document_in(const std::string& text) {
  const auto start = text.find_first_not_of(" \t\r\n");
  if (start == std::string::npos || (text[start] != '{' && text[start] != '[')) return std::nullopt;
  json parsed = json::parse(text, nullptr, false);
  if (parsed.is_discarded()) return std::nullopt;
  return parsed;
}

// Two scalars as Terraform compares them after converting the
// configuration's value to the schema's type.
bool same_scalar(const json& desired, const json& actual) {
  if (desired == actual) return true;
  if (desired.is_number() && actual.is_number())
    return desired.get<double>() == actual.get<double>();
  if (desired.is_string() && actual.is_string()) {
    const auto a = document_in(desired.get<std::string>());
    const auto b = document_in(actual.get<std::string>());
    return a && b && same_document(*a, *b);
  }
  const json& text = desired.is_string() ? desired : actual;
  const json& other = desired.is_string() ? actual : desired;
  if (!text.is_string()) return false;
  const std::string s = text.get<std::string>();
  if (other.is_boolean()) return s == (other.get<bool>() ? "true" : "false");
  if (other.is_number()) {
    const auto n = number_of(s);
    return n && *n == other.get<double>();
  }
  return false;
}

bool identifier(const std::string& key) {
  if (key.empty() || std::isdigit(static_cast<unsigned char>(key[0]))) return false;
  return std::all_of(key.begin(), key.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-';
  });
}

std::string join(const std::string& path, const std::string& key) {
  if (!identifier(key)) return path + "[" + json(key).dump() + "]";
  return path.empty() ? key : path + "." + key;
}

std::string index(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

class Comparison {
 public:
  explicit Comparison(std::vector<AttributeDrift>& out) : out_(out) {}

  // `desired` with its unknown markers `unknown`, against `actual` with its
  // sensitive marks `marks`.
  void value(const json& desired, const json& unknown, const json& actual, const json& marks,
             const Shape& shape, const std::string& path, bool secret) {
    if (unknown == true || desired.is_null()) return;
    secret = secret || shape.sensitive || marks == true;
    // The model writes a block inside a block as one object; the state, as
    // a list of one.
    const bool nested_block = shape.block != nullptr &&
                              (shape.kind == Shape::Kind::kList || shape.kind == Shape::Kind::kSet);
    if (nested_block && desired.is_object()) {
      return value(json::array({desired}), unknown.is_object() ? json::array({unknown}) : unknown,
                   actual, marks, shape, path, secret);
    }
    switch (shape.kind) {
      case Shape::Kind::kSingleBlock: {
        // The model writes every block as a list; the state a single one as
        // an object.
        const auto single = [](const json& v) -> const json& {
          return v.is_array() && v.size() == 1 ? v[0] : v;
        };
        if (desired.is_array() && desired.empty()) return;
        value(single(desired), single(unknown), single(actual), single(marks),
              {.kind = Shape::Kind::kObject, .block = shape.block}, path, secret);
        return;
      }
      case Shape::Kind::kObject:
        if (desired.is_object())
          return object(desired, unknown, actual, marks, shape, path, secret);
        break;
      case Shape::Kind::kMap:
      case Shape::Kind::kSubsetMap:
        if (desired.is_object()) return map(desired, unknown, actual, marks, shape, path, secret);
        break;
      case Shape::Kind::kList:
        if (desired.is_array()) return list(desired, unknown, actual, marks, shape, path, secret);
        break;
      case Shape::Kind::kSet:
        if (desired.is_array()) return set(desired, unknown, actual, marks, shape, path, secret);
        break;
      case Shape::Kind::kScalar:
        break;
      case Shape::Kind::kUnknown:
        // No schema: the value's own shape decides; an object is compared by
        // the keys the code sets.
        if (desired.is_object())
          return object(desired, unknown, actual, marks, {.kind = Shape::Kind::kObject}, path,
                        secret);
        if (desired.is_array()) {
          if (!differs(desired, unknown, actual, marks, {.kind = Shape::Kind::kList}, path)) return;
          return set(desired, unknown, actual, marks, {.kind = Shape::Kind::kSet}, path, secret);
        }
        break;
    }
    if (desired.is_object() || desired.is_array()) {
      if (!(empty_value(desired) && empty_value(actual)))
        whole(desired, actual, marks, path, secret);
      return;
    }
    if (!same_scalar(desired, actual)) add(path, desired, actual, secret);
  }

 private:
  // Whether comparing would report anything, without reporting it.
  bool differs(const json& desired, const json& unknown, const json& actual, const json& marks,
               const Shape& shape, const std::string& path) {
    std::vector<AttributeDrift> scratch;
    Comparison(scratch).value(desired, unknown, actual, marks, shape, path, false);
    return !scratch.empty();
  }

  void object(const json& desired, const json& unknown, const json& actual, const json& marks,
              const Shape& shape, const std::string& path, bool secret) {
    if (!actual.is_object() && !actual.is_null())
      return whole(desired, actual, marks, path, secret);
    for (const auto& [key, item] : desired.items()) {
      const auto inner = member_shape(shape, key);
      if (!inner) continue;  // not an argument of this resource or block
      value(item, member(unknown, key), member(actual, key), member(marks, key), *inner,
            join(path, key), secret || looks_like_secret_name(key));
    }
  }

  // A map the code sets holds exactly its keys; `tags_all` at least its
  // known ones.
  void map(const json& desired, const json& unknown, const json& actual, const json& marks,
           const Shape& shape, const std::string& path, bool secret) {
    if (!actual.is_object() && !actual.is_null())
      return whole(desired, actual, marks, path, secret);
    const Shape inner = element_shape(shape);
    std::set<std::string> keys;
    for (const auto& [key, item] : desired.items()) keys.insert(key);
    if (shape.kind == Shape::Kind::kMap && actual.is_object()) {
      for (const auto& [key, item] : actual.items()) keys.insert(key);
    }
    for (const auto& key : keys) {
      if (member(unknown, key) == true) continue;
      const bool is_secret = secret || looks_like_secret_name(key);
      const bool in_desired = desired.contains(key);
      const bool in_actual = actual.is_object() && actual.contains(key);
      if (in_desired && desired[key].is_null()) continue;  // known only at apply
      if (in_desired && in_actual) {
        value(desired[key], member(unknown, key), actual[key], member(marks, key), inner,
              join(path, key), is_secret);
      } else {
        add(join(path, key), in_desired ? desired[key] : json(), in_actual ? actual[key] : json(),
            is_secret || any_true(member(marks, key)));
      }
    }
  }

  void list(const json& desired, const json& unknown, const json& actual, const json& marks,
            const Shape& shape, const std::string& path, bool secret) {
    if (empty_value(desired) && empty_value(actual)) return;
    if (!actual.is_array() || actual.size() != desired.size())
      return whole(desired, actual, marks, path, secret);
    const Shape inner = element_shape(shape);
    for (std::size_t i = 0; i < desired.size(); ++i)
      value(desired[i], element(unknown, i), actual[i], element(marks, i), inner, index(path, i),
            secret);
  }

  // Each known item the code sets matches one item of the state; an unknown
  // one matches any.
  void set(const json& desired, const json& unknown, const json& actual, const json& marks,
           const Shape& shape, const std::string& path, bool secret) {
    if (empty_value(desired) && empty_value(actual)) return;
    if (!actual.is_array() || actual.size() != desired.size())
      return whole(desired, actual, marks, path, secret);
    const Shape inner = element_shape(shape);
    std::vector<bool> used(actual.size(), false);
    for (std::size_t i = 0; i < desired.size(); ++i) {
      if (element(unknown, i) == true) continue;
      bool found = false;
      for (std::size_t j = 0; j < actual.size() && !found; ++j) {
        if (used[j]) continue;
        if (!differs(desired[i], element(unknown, i), actual[j], element(marks, j), inner, path))
          used[j] = found = true;
      }
      if (!found) return whole(desired, actual, marks, path, secret);
    }
  }

  void whole(const json& desired, const json& actual, const json& marks, const std::string& path,
             bool secret) {
    add(path, desired, actual, secret || any_true(marks));
  }

  void add(const std::string& path, const json& desired, const json& actual, bool secret) {
    if (secret) {
      out_.push_back({.path = path, .sensitive = true});
    } else {
      out_.push_back({.path = path, .desired = desired, .actual = actual});
    }
  }

  std::vector<AttributeDrift>& out_;
};

// The address without its last instance key (`aws_subnet.private` of
// `aws_subnet.private[0]`); a key may hold any character inside quotes.
std::string without_key(const std::string& address) {
  if (address.empty() || address.back() != ']') return address;
  std::size_t open = std::string::npos;
  bool quoted = false;
  int depth = 0;
  for (std::size_t i = 0; i < address.size(); ++i) {
    const char c = address[i];
    if (quoted) {
      if (c == '\\')
        ++i;
      else if (c == '"')
        quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '[') {
      if (depth++ == 0) open = i;
    } else if (c == ']') {
      --depth;
    }
  }
  return open == std::string::npos ? address : address.substr(0, open);
}

std::vector<AttributeDrift> differences(const DesiredResource& desired, const StateResource& actual,
                                        const schema::ProviderSchemas& schemas) {
  std::vector<AttributeDrift> out;
  const schema::Block* block = schemas.resource(desired.view.type);
  Comparison comparison(out);
  const Shape top{.kind = Shape::Kind::kObject, .block = block};
  for (const auto& [key, item] : desired.view.after.items()) {
    auto shape = member_shape(top, key);
    if (!shape) continue;
    // The provider adds to tags_all what the code does not know of.
    if (key == "tags_all" && shape->kind == Shape::Kind::kMap)
      shape->kind = Shape::Kind::kSubsetMap;
    comparison.value(item, member(desired.view.after_unknown, key), member(actual.values, key),
                     member(actual.sensitive, key), *shape, key, looks_like_secret_name(key));
  }
  std::stable_sort(out.begin(), out.end(), [](const AttributeDrift& a, const AttributeDrift& b) {
    return a.path < b.path;
  });
  return out;
}

}  // namespace

void compare(const DesiredState& desired, const TerraformState& state,
             const schema::ProviderSchemas& schemas, DriftReport& report) {
  std::map<std::string, const StateResource*> by_address;
  std::multimap<std::string, const StateResource*> by_resource;
  for (const auto& resource : state.resources) {
    by_address.emplace(resource.address, &resource);
    by_resource.emplace(without_key(resource.address), &resource);
  }
  std::map<std::string, std::string> outside;
  for (const auto& change : state.outside_changes) outside[change.address] = change.action;
  const auto outside_change = [&](const std::string& address) {
    const auto it = outside.find(address);
    return it == outside.end() ? std::string() : it->second;
  };

  std::set<std::string> matched;
  for (const auto& resource : desired.resources) {
    const auto& view = resource.view;
    std::vector<const StateResource*> found;
    std::vector<std::string> missing;
    if (!resource.instances.empty()) {
      for (const auto& address : resource.instances) {
        const auto it = by_address.find(address);
        if (it == by_address.end()) {
          missing.push_back(address);
        } else {
          found.push_back(it->second);
        }
      }
    } else {
      // The count or the keys are known only at apply: the state's instances
      // of this resource are its own, however many.
      const auto [first, last] = by_resource.equal_range(view.address);
      for (auto it = first; it != last; ++it) found.push_back(it->second);
      if (found.empty()) missing.push_back(view.address);
    }
    for (const StateResource* actual : found) {
      matched.insert(actual->address);
      auto attributes = differences(resource, *actual, schemas);
      if (attributes.empty()) {
        ++report.in_sync;
        continue;
      }
      report.changed.push_back({.address = actual->address,
                                .type = view.type,
                                .construct = view.path,
                                .where = view.where,
                                .attributes = std::move(attributes),
                                .outside_change = outside_change(actual->address)});
    }
    for (auto& address : missing) {
      report.missing.push_back({.address = address,
                                .type = view.type,
                                .construct = view.path,
                                .where = view.where,
                                .outside_change = outside_change(address)});
    }
  }
  for (const auto& resource : state.resources) {
    if (matched.count(resource.address) != 0) continue;
    const bool in_call = std::any_of(desired.module_calls.begin(), desired.module_calls.end(),
                                     [&](const std::string& call) {
                                       return resource.address.rfind(call + ".", 0) == 0 ||
                                              resource.address.rfind(call + "[", 0) == 0;
                                     });
    if (in_call) {
      ++report.in_module_calls;
      continue;
    }
    report.undeclared.push_back({.address = resource.address,
                                 .type = resource.type,
                                 .outside_change = outside_change(resource.address)});
  }
  const auto by_address_order = [](const auto& a, const auto& b) { return a.address < b.address; };
  std::sort(report.changed.begin(), report.changed.end(), by_address_order);
  std::sort(report.missing.begin(), report.missing.end(), by_address_order);
  std::sort(report.undeclared.begin(), report.undeclared.end(), by_address_order);
}

}  // namespace keelson::drift
