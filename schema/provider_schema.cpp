#include "schema/provider_schema.h"

#include <fmt/core.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <nlohmann/json.hpp>
#include <utility>

#include "dsl/diagnostic.h"
#include "schema/bundled_schemas.h"

namespace keelson::schema {
namespace {

using nlohmann::json;

constexpr std::string_view kFormatHint =
    "expected the output of `terraform providers schema -json`";

// A position in the schema document, kept as a chain of stack frames so that
// nothing is allocated unless a diagnostic needs the text.
struct JsonPath {
  const JsonPath* parent = nullptr;
  std::string_view key;
  bool quoted = false;  // rendered as ["key"] (a name) rather than .key

  std::string render() const {
    std::vector<const JsonPath*> chain;
    for (const JsonPath* p = this; p != nullptr; p = p->parent) chain.push_back(p);
    std::string out;
    for (auto it = chain.rbegin(); it != chain.rend(); ++it) {
      const JsonPath& p = **it;
      if (p.quoted) {
        out += "[\"";
        out += p.key;
        out += "\"]";
      } else {
        if (!out.empty()) out += '.';
        out += p.key;
      }
    }
    return out;
  }
};

const char* kind_name(const json& value) {
  switch (value.type()) {
    case json::value_t::null:
      return "null";
    case json::value_t::object:
      return "an object";
    case json::value_t::array:
      return "an array";
    case json::value_t::string:
      return "a string";
    case json::value_t::boolean:
      return "a boolean";
    case json::value_t::number_integer:
    case json::value_t::number_unsigned:
    case json::value_t::number_float:
      return "a number";
    default:
      return "an unsupported value";
  }
}

class SchemaParser {
 public:
  explicit SchemaParser(std::string_view source_name) : source_name_(source_name) {}

  [[noreturn]] void fail(std::string message, const JsonPath* at,
                         std::string code = "K3002") const {
    Diagnostic d;
    d.code = std::move(code);
    d.message = fmt::format("not a provider schema: {}", message);
    if (at != nullptr) d.message += fmt::format(" (at {})", at->render());
    d.hint = std::string(kFormatHint);
    d.where.file = std::string(source_name_);
    throw Error(std::move(d));
  }

  void expect_object(const json& value, const JsonPath* at) const {
    if (!value.is_object()) fail(fmt::format("expected an object, got {}", kind_name(value)), at);
  }

  // The member `key` of `object`, or nullptr when absent.
  static const json* find(const json& object, std::string_view key) {
    auto it = object.find(key);
    return it == object.end() ? nullptr : &*it;
  }

  const json& require(const json& object, std::string_view key, const JsonPath* at) const {
    const json* value = find(object, key);
    if (value == nullptr) fail(fmt::format("missing key \"{}\"", key), at);
    return *value;
  }

  bool flag(const json& object, std::string_view key, const JsonPath* at) const {
    const json* value = find(object, key);
    if (value == nullptr) return false;
    if (!value->is_boolean()) {
      JsonPath here{at, key};
      fail(fmt::format("expected true or false, got {}", kind_name(*value)), &here);
    }
    return value->get<bool>();
  }

  std::uint32_t count(const json& object, std::string_view key, const JsonPath* at) const {
    const json* value = find(object, key);
    if (value == nullptr) return 0;
    if (!value->is_number_unsigned() &&
        !(value->is_number_integer() && value->get<std::int64_t>() >= 0)) {
      JsonPath here{at, key};
      fail(fmt::format("expected a non-negative integer, got {}", kind_name(*value)), &here);
    }
    return static_cast<std::uint32_t>(
        std::min<std::uint64_t>(value->get<std::uint64_t>(), UINT32_MAX));
  }

  ProviderSchemas::Providers parse_document(const json& doc) const;

 private:
  Block parse_block(const json& value, const JsonPath* at) const;
  Block parse_schema_entry(const json& value, const JsonPath* at) const;
  Attribute parse_attribute(std::string_view name, const json& value, const JsonPath* at) const;
  BlockType parse_block_type(std::string_view name, const json& value, const JsonPath* at) const;
  CtyType parse_type(const json& value, const JsonPath* at) const;
  CtyType parse_nested_type(const json& value, const JsonPath* at) const;

  std::string_view source_name_;
};

CtyType SchemaParser::parse_type(const json& value, const JsonPath* at) const {
  CtyType type;
  if (value.is_string()) {
    const auto& name = value.get_ref<const std::string&>();
    if (name == "string") {
      type.kind = CtyType::Kind::kString;
    } else if (name == "number") {
      type.kind = CtyType::Kind::kNumber;
    } else if (name == "bool") {
      type.kind = CtyType::Kind::kBool;
    } else if (name == "dynamic") {
      type.kind = CtyType::Kind::kDynamic;
    } else {
      fail(fmt::format("unknown type \"{}\"", name), at);
    }
    return type;
  }
  if (!value.is_array() || value.empty() || !value[0].is_string()) {
    fail(fmt::format("expected a type (a string or [\"list\", T] ...), got {}", value.dump()), at);
  }
  const auto& constructor = value[0].get_ref<const std::string&>();
  if (constructor == "list" || constructor == "set" || constructor == "map") {
    if (value.size() != 2) fail(fmt::format("\"{}\" takes one element type", constructor), at);
    type.kind = constructor == "list"  ? CtyType::Kind::kList
                : constructor == "set" ? CtyType::Kind::kSet
                                       : CtyType::Kind::kMap;
    JsonPath here{at, "1", true};
    type.elements.push_back(parse_type(value[1], &here));
    return type;
  }
  if (constructor == "object") {
    if ((value.size() != 2 && value.size() != 3) || !value[1].is_object()) {
      fail("expected [\"object\", {name: type}] or [\"object\", {...}, [optional names]]", at);
    }
    type.kind = CtyType::Kind::kObject;
    type.attributes.reserve(value[1].size());
    for (const auto& [name, attribute_type] : value[1].items()) {
      JsonPath here{at, name, true};
      type.attributes.push_back({name, parse_type(attribute_type, &here), false});
    }
    if (value.size() == 3) {
      if (!value[2].is_array())
        fail("the optional attributes of an object type must be an array", at);
      for (const auto& name : value[2]) {
        auto it = name.is_string()
                      ? std::find_if(type.attributes.begin(), type.attributes.end(),
                                     [&](const ObjectAttribute& a) {
                                       return a.name == name.get_ref<const std::string&>();
                                     })
                      : type.attributes.end();
        if (it == type.attributes.end()) {
          fail(fmt::format("optional attribute {} is not an attribute of the object type",
                           name.dump()),
               at);
        }
        it->optional = true;
      }
    }
    return type;
  }
  if (constructor == "tuple") {
    if (value.size() != 2 || !value[1].is_array()) fail("expected [\"tuple\", [types]]", at);
    type.kind = CtyType::Kind::kTuple;
    std::vector<std::string> indexes(value[1].size());
    for (std::size_t i = 0; i < value[1].size(); ++i) {
      indexes[i] = std::to_string(i);
      JsonPath here{at, indexes[i], true};
      type.elements.push_back(parse_type(value[1][i], &here));
    }
    return type;
  }
  fail(fmt::format("unknown type constructor \"{}\"", constructor), at);
}

// Attributes in the newer `nested_type` form become the equivalent object type.
CtyType SchemaParser::parse_nested_type(const json& value, const JsonPath* at) const {
  expect_object(value, at);
  CtyType object;
  object.kind = CtyType::Kind::kObject;
  if (const json* attributes = find(value, "attributes")) {
    JsonPath attributes_at{at, "attributes"};
    expect_object(*attributes, &attributes_at);
    for (const auto& [name, attribute] : attributes->items()) {
      JsonPath here{&attributes_at, name, true};
      Attribute parsed = parse_attribute(name, attribute, &here);
      object.attributes.push_back({parsed.name, std::move(parsed.type), !parsed.required});
    }
  }
  const json& mode = require(value, "nesting_mode", at);
  const std::string mode_name = mode.is_string() ? mode.get<std::string>() : mode.dump();
  if (mode_name == "single") return object;
  CtyType collection;
  if (mode_name == "list") {
    collection.kind = CtyType::Kind::kList;
  } else if (mode_name == "set") {
    collection.kind = CtyType::Kind::kSet;
  } else if (mode_name == "map") {
    collection.kind = CtyType::Kind::kMap;
  } else {
    JsonPath here{at, "nesting_mode"};
    fail(fmt::format("unknown nesting_mode \"{}\"", mode_name), &here);
  }
  collection.elements.push_back(std::move(object));
  return collection;
}

Attribute SchemaParser::parse_attribute(std::string_view name, const json& value,
                                        const JsonPath* at) const {
  expect_object(value, at);
  Attribute attribute;
  attribute.name = std::string(name);
  if (const json* type = find(value, "type")) {
    JsonPath here{at, "type"};
    attribute.type = parse_type(*type, &here);
  } else if (const json* nested = find(value, "nested_type")) {
    JsonPath here{at, "nested_type"};
    attribute.type = parse_nested_type(*nested, &here);
  } else {
    fail("missing key \"type\"", at);
  }
  attribute.required = flag(value, "required", at);
  attribute.optional = flag(value, "optional", at);
  attribute.computed = flag(value, "computed", at);
  attribute.sensitive = flag(value, "sensitive", at);
  return attribute;
}

BlockType SchemaParser::parse_block_type(std::string_view name, const json& value,
                                         const JsonPath* at) const {
  expect_object(value, at);
  BlockType block_type;
  block_type.name = std::string(name);
  const json& mode = require(value, "nesting_mode", at);
  const std::string mode_name = mode.is_string() ? mode.get<std::string>() : mode.dump();
  if (mode_name == "single") {
    block_type.nesting = NestingMode::kSingle;
  } else if (mode_name == "group") {
    block_type.nesting = NestingMode::kGroup;
  } else if (mode_name == "list") {
    block_type.nesting = NestingMode::kList;
  } else if (mode_name == "set") {
    block_type.nesting = NestingMode::kSet;
  } else if (mode_name == "map") {
    block_type.nesting = NestingMode::kMap;
  } else {
    JsonPath here{at, "nesting_mode"};
    fail(fmt::format("unknown nesting_mode \"{}\"", mode_name), &here);
  }
  block_type.min_items = count(value, "min_items", at);
  block_type.max_items = count(value, "max_items", at);
  block_type.contents_unknown = flag(value, "x_nested_schema_unknown", at);
  JsonPath here{at, "block"};
  block_type.block = parse_block(require(value, "block", at), &here);
  return block_type;
}

Block SchemaParser::parse_block(const json& value, const JsonPath* at) const {
  expect_object(value, at);
  Block block;
  // nlohmann::json keeps object members sorted, so both lists come out sorted.
  if (const json* attributes = find(value, "attributes")) {
    JsonPath attributes_at{at, "attributes"};
    expect_object(*attributes, &attributes_at);
    block.attributes.reserve(attributes->size());
    for (const auto& [name, attribute] : attributes->items()) {
      JsonPath here{&attributes_at, name, true};
      block.attributes.push_back(parse_attribute(name, attribute, &here));
    }
  }
  if (const json* block_types = find(value, "block_types")) {
    JsonPath block_types_at{at, "block_types"};
    expect_object(*block_types, &block_types_at);
    block.block_types.reserve(block_types->size());
    for (const auto& [name, block_type] : block_types->items()) {
      JsonPath here{&block_types_at, name, true};
      block.block_types.push_back(parse_block_type(name, block_type, &here));
    }
  }
  for (std::uint32_t i = 0; i < block.attributes.size(); ++i) {
    if (block.attributes[i].required) block.requirements.push_back({false, i});
  }
  for (std::uint32_t i = 0; i < block.block_types.size(); ++i) {
    if (block.block_types[i].min_items > 0) block.requirements.push_back({true, i});
  }
  std::sort(block.requirements.begin(), block.requirements.end(),
            [&](const Block::Requirement& a, const Block::Requirement& b) {
              return block.requirement_name(a) < block.requirement_name(b);
            });
  return block;
}

Block SchemaParser::parse_schema_entry(const json& value, const JsonPath* at) const {
  expect_object(value, at);
  JsonPath here{at, "block"};
  return parse_block(require(value, "block", at), &here);
}

ProviderSchemas::Providers SchemaParser::parse_document(const json& doc) const {
  if (!doc.is_object())
    fail(fmt::format("expected an object at the top level, got {}", kind_name(doc)), nullptr);
  const json* version = find(doc, "format_version");
  if (version == nullptr) fail("missing key \"format_version\" at the top level", nullptr);
  JsonPath version_at{nullptr, "format_version"};
  if (!version->is_string())
    fail(fmt::format("expected a string, got {}", kind_name(*version)), &version_at);
  const auto& version_text = version->get_ref<const std::string&>();
  if (version_text.substr(0, version_text.find('.')) != "1") {
    fail(fmt::format("unsupported format_version \"{}\" (only 1.x is understood)", version_text),
         &version_at, "K3004");
  }

  ProviderSchemas::Providers providers;
  // Terraform leaves out empty maps, so every key below the version is optional.
  const json* schemas = find(doc, "provider_schemas");
  if (schemas == nullptr) return providers;
  JsonPath schemas_at{nullptr, "provider_schemas"};
  expect_object(*schemas, &schemas_at);
  for (auto it = schemas->begin(); it != schemas->end(); ++it) {
    const std::string& source = it.key();
    const json& entry = it.value();
    JsonPath provider_at{&schemas_at, source, true};
    expect_object(entry, &provider_at);
    ProviderSchema provider;
    provider.source = source;
    provider.local_name = std::string(ProviderSchemas::local_name_of_source(source));
    if (const json* config = find(entry, "provider")) {
      JsonPath here{&provider_at, "provider"};
      provider.config = parse_schema_entry(*config, &here);
    }
    const auto parse_types = [&](std::string_view key, BlockMap& blocks,
                                 std::vector<std::string>& names) {
      const json* types = find(entry, key);
      if (types == nullptr) return;
      JsonPath types_at{&provider_at, key};
      expect_object(*types, &types_at);
      blocks.reserve(types->size());
      names.reserve(types->size());
      for (const auto& [type_name, schema] : types->items()) {
        JsonPath here{&types_at, type_name, true};
        blocks.emplace(type_name, parse_schema_entry(schema, &here));
        names.push_back(type_name);
      }
    };
    parse_types("resource_schemas", provider.resources, provider.resource_names);
    parse_types("data_source_schemas", provider.data_sources, provider.data_source_names);
    providers.insert_or_assign(provider.local_name, std::move(provider));
  }
  return providers;
}

std::string_view after_bracket(std::string_view message) {
  // nlohmann messages start with "[json.exception.parse_error.101] ".
  const auto end = message.find("] ");
  return end == std::string_view::npos ? message : message.substr(end + 2);
}

}  // namespace

std::string CtyType::to_string(bool brief) const {
  switch (kind) {
    case Kind::kString:
      return "string";
    case Kind::kNumber:
      return "number";
    case Kind::kBool:
      return "bool";
    case Kind::kDynamic:
      return "any";
    case Kind::kList:
      return "list(" + elements.at(0).to_string(brief) + ")";
    case Kind::kSet:
      return "set(" + elements.at(0).to_string(brief) + ")";
    case Kind::kMap:
      return "map(" + elements.at(0).to_string(brief) + ")";
    case Kind::kTuple: {
      std::string out = "tuple([";
      for (std::size_t i = 0; i < elements.size(); ++i) {
        if (i > 0) out += ", ";
        out += elements[i].to_string(brief);
      }
      return out + "])";
    }
    case Kind::kObject: {
      if (brief) return "object({...})";
      std::string out = "object({";
      for (std::size_t i = 0; i < attributes.size(); ++i) {
        if (i > 0) out += ", ";
        const std::string type = attributes[i].type.to_string(false);
        out +=
            attributes[i].name + "=" + (attributes[i].optional ? "optional(" + type + ")" : type);
      }
      return out + "})";
    }
  }
  return "any";
}

const Attribute* Block::find_attribute(std::string_view name) const {
  auto it = std::lower_bound(attributes.begin(), attributes.end(), name,
                             [](const Attribute& a, std::string_view n) { return a.name < n; });
  return it != attributes.end() && it->name == name ? &*it : nullptr;
}

const BlockType* Block::find_block_type(std::string_view name) const {
  auto it = std::lower_bound(block_types.begin(), block_types.end(), name,
                             [](const BlockType& b, std::string_view n) { return b.name < n; });
  return it != block_types.end() && it->name == name ? &*it : nullptr;
}

const std::string& Block::requirement_name(const Requirement& requirement) const {
  return requirement.is_block ? block_types[requirement.index].name
                              : attributes[requirement.index].name;
}

ProviderSchemas ProviderSchemas::parse(std::string_view json_text, std::string_view source_name) {
  json doc;
  try {
    doc = json::parse(json_text.begin(), json_text.end());
  } catch (const json::parse_error& e) {
    Diagnostic d;
    d.code = "K3001";
    d.message = fmt::format("provider schema is not valid JSON: {}", after_bracket(e.what()));
    d.hint = std::string(kFormatHint);
    d.where.file = std::string(source_name);
    throw Error(std::move(d));
  }
  ProviderSchemas schemas;
  schemas.providers_ = SchemaParser(source_name).parse_document(doc);
  return schemas;
}

ProviderSchemas ProviderSchemas::load(const std::filesystem::path& file) {
  const std::string name = file.string();
  const auto unreadable = [&](std::string reason) {
    Diagnostic d;
    d.code = "K3003";
    d.message = fmt::format("cannot read provider schema file \"{}\": {}", name, reason);
    d.hint = "write one with `terraform providers schema -json > schema.json`";
    d.where.file = name;
    return Error(std::move(d));
  };
  std::error_code ec;
  if (std::filesystem::is_directory(file, ec)) throw unreadable("it is a directory");
  std::ifstream in(file, std::ios::binary);
  if (!in) throw unreadable(std::strerror(errno));
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (in.bad()) throw unreadable(std::strerror(errno));
  ProviderSchemas schemas = parse(text, name);
  // A file without providers would check nothing and report no findings,
  // which reads like a clean result.
  if (schemas.empty()) {
    Diagnostic d;
    d.code = "K3005";
    d.message = fmt::format("provider schema file \"{}\" holds no provider schemas", name);
    d.hint =
        "run `terraform providers schema -json` after `terraform init` in a configuration "
        "that uses the providers";
    d.where.file = name;
    throw Error(std::move(d));
  }
  return schemas;
}

const ProviderSchemas& ProviderSchemas::bundled_aws() {
  static const ProviderSchemas schemas =
      parse(bundled_aws_schema_json(), "bundled hashicorp/aws provider schema");
  return schemas;
}

const ProviderSchemas& ProviderSchemas::bundled() {
  static const ProviderSchemas schemas = [] {
    ProviderSchemas all = bundled_aws();
    all.merge(parse(bundled_helm_schema_json(), "bundled hashicorp/helm provider schema"));
    all.merge(
        parse(bundled_kubernetes_schema_json(), "bundled hashicorp/kubernetes provider schema"));
    return all;
  }();
  return schemas;
}

void ProviderSchemas::merge(ProviderSchemas other) {
  for (auto& [name, provider] : other.providers_)
    providers_.insert_or_assign(name, std::move(provider));
}

const ProviderSchema* ProviderSchemas::provider(std::string_view local_name) const {
  auto it = providers_.find(local_name);
  return it == providers_.end() ? nullptr : &it->second;
}

namespace {

const Block* find_type(const ProviderSchemas::Providers& providers, std::string_view type,
                       BlockMap ProviderSchema::*member) {
  // The provider named by the type's prefix first; then any other, for
  // providers whose types do not start with their local name.
  auto own = providers.find(ProviderSchemas::provider_of_type(type));
  if (own != providers.end()) {
    const BlockMap& blocks = own->second.*member;
    if (auto it = blocks.find(type); it != blocks.end()) return &it->second;
  }
  for (const auto& [name, provider] : providers) {
    if (own != providers.end() && name == own->first) continue;
    const BlockMap& blocks = provider.*member;
    if (auto it = blocks.find(type); it != blocks.end()) return &it->second;
  }
  return nullptr;
}

}  // namespace

const Block* ProviderSchemas::resource(std::string_view type) const {
  return find_type(providers_, type, &ProviderSchema::resources);
}

const Block* ProviderSchemas::data_source(std::string_view type) const {
  return find_type(providers_, type, &ProviderSchema::data_sources);
}

const Block* ProviderSchemas::provider_config(std::string_view local_name) const {
  const ProviderSchema* p = provider(local_name);
  return p == nullptr ? nullptr : &p->config;
}

std::vector<std::string> ProviderSchemas::provider_names() const {
  std::vector<std::string> names;
  names.reserve(providers_.size());
  for (const auto& [name, provider] : providers_) names.push_back(name);
  std::sort(names.begin(), names.end());
  return names;
}

std::string_view ProviderSchemas::provider_of_type(std::string_view type) {
  return type.substr(0, type.find('_'));
}

std::string_view ProviderSchemas::local_name_of_source(std::string_view source) {
  const auto slash = source.rfind('/');
  return slash == std::string_view::npos ? source : source.substr(slash + 1);
}

}  // namespace keelson::schema
